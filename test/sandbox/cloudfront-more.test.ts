import {
  CloudFrontClient,
  CreateCachePolicyCommand,
  CreateDistributionCommand,
  CreateFunctionCommand,
  CreateKeyValueStoreCommand,
  CreateOriginAccessControlCommand,
  DeleteCachePolicyCommand,
  DeleteDistributionCommand,
  DeleteFunctionCommand,
  DeleteKeyValueStoreCommand,
  DeleteOriginAccessControlCommand,
  DescribeKeyValueStoreCommand,
  GetCachePolicyCommand,
  GetCachePolicyConfigCommand,
  GetDistributionConfigCommand,
  GetOriginAccessControlCommand,
  GetOriginAccessControlConfigCommand,
  ListCachePoliciesCommand,
  ListKeyValueStoresCommand,
  ListOriginAccessControlsCommand,
  UpdateCachePolicyCommand,
  UpdateDistributionCommand,
  UpdateOriginAccessControlCommand,
  type CachePolicyConfig,
  type DistributionConfig,
} from "@aws-sdk/client-cloudfront";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "111122223333";
const DELAY_MS = 150;
const sandbox = useSandbox({ accountId: ACCOUNT, deployDelayMs: DELAY_MS });
const client = () => new CloudFrontClient(sandbox.config());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The AWS message inside a real log line from test/fixtures/already-exists. */
function fixtureMessage(file: string, code: string): string {
  const text = fixture(file);
  const m = new RegExp(`${code}: (.+?)(?:: provider=|$)`, "m").exec(text);
  if (m === null) throw new Error(`no ${code} in ${file}`);
  return m[1]!;
}

async function createOac(name: string, extra: { Description?: string } = {}) {
  return client().send(
    new CreateOriginAccessControlCommand({
      OriginAccessControlConfig: {
        Name: name,
        SigningProtocol: "sigv4",
        SigningBehavior: "always",
        OriginAccessControlOriginType: "s3",
        ...extra,
      },
    }),
  );
}

function policyConfig(name: string): CachePolicyConfig {
  return {
    Name: name,
    Comment: "site server cache",
    MinTTL: 0,
    DefaultTTL: 0,
    MaxTTL: 31536000,
    ParametersInCacheKeyAndForwardedToOrigin: {
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
      HeadersConfig: {
        HeaderBehavior: "whitelist",
        Headers: { Quantity: 1, Items: ["x-open-next-cache-key"] },
      },
      CookiesConfig: { CookieBehavior: "none" },
      QueryStringsConfig: { QueryStringBehavior: "all" },
    },
  };
}

let refs = 0;
function distribution(overrides: Partial<DistributionConfig> = {}): DistributionConfig {
  return {
    CallerReference: `more-${++refs}`,
    Comment: "site",
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [
        { Id: "s3", DomainName: "bucket.s3.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "" } },
      ],
    },
    DefaultCacheBehavior: { TargetOriginId: "s3", ViewerProtocolPolicy: "redirect-to-https" },
    ...overrides,
  };
}

/** Disables a distribution, waits for the change to deploy, deletes it. */
async function removeDistribution(id: string): Promise<void> {
  const cfg = await client().send(new GetDistributionConfigCommand({ Id: id }));
  const upd = await client().send(
    new UpdateDistributionCommand({
      Id: id,
      IfMatch: cfg.ETag!,
      DistributionConfig: { ...cfg.DistributionConfig!, Enabled: false },
    }),
  );
  await sleep(DELAY_MS + 50);
  await client().send(new DeleteDistributionCommand({ Id: id, IfMatch: upd.ETag! }));
}

describe("CloudFront origin access controls", () => {
  it("creates, reads and lists an OAC", async () => {
    const out = await createOac("site-oac", { Description: "site bucket" });
    const id = out.OriginAccessControl!.Id!;
    expect(id).toMatch(/^E[A-Z0-9]{13}$/);
    expect(out.ETag).toMatch(/^E[A-Z0-9]{13}$/);
    expect(out.Location).toBe(`https://cloudfront.amazonaws.com/2020-05-31/origin-access-control/${id}`);
    const got = await client().send(new GetOriginAccessControlCommand({ Id: id }));
    expect(got.ETag).toBe(out.ETag);
    expect(got.OriginAccessControl!.OriginAccessControlConfig).toEqual({
      Name: "site-oac",
      Description: "site bucket",
      SigningProtocol: "sigv4",
      SigningBehavior: "always",
      OriginAccessControlOriginType: "s3",
    });
    const cfg = await client().send(new GetOriginAccessControlConfigCommand({ Id: id }));
    expect(cfg.OriginAccessControlConfig!.Name).toBe("site-oac");
    const list = await client().send(new ListOriginAccessControlsCommand({}));
    expect(list.OriginAccessControlList!.Items!.map((o) => o.Name)).toContain("site-oac");
  });

  it("answers a duplicate name with OriginAccessControlAlreadyExists (409), as in sst#4118", async () => {
    await createOac("MyWebS3AccessControl");
    const e = await sdkError(() => createOac("MyWebS3AccessControl"));
    expect(e).toMatchObject({ name: "OriginAccessControlAlreadyExists", status: 409 });
    expect(e.message).toBe(
      fixtureMessage("cloudfront-origin-access-control.log", "OriginAccessControlAlreadyExists"),
    );
    expect(e.message).toBe("An origin access control with the same name already exists.");
  });

  it("refuses to rename an OAC onto another's name", async () => {
    await createOac("rename-a");
    const b = await createOac("rename-b");
    const e = await sdkError(() =>
      client().send(
        new UpdateOriginAccessControlCommand({
          Id: b.OriginAccessControl!.Id!,
          IfMatch: b.ETag!,
          OriginAccessControlConfig: {
            Name: "rename-a",
            SigningProtocol: "sigv4",
            SigningBehavior: "always",
            OriginAccessControlOriginType: "s3",
          },
        }),
      ),
    );
    expect(e).toMatchObject({ name: "OriginAccessControlAlreadyExists", status: 409 });
  });

  it("needs the current ETag to delete, and frees the name", async () => {
    const out = await createOac("delete-me");
    const id = out.OriginAccessControl!.Id!;
    const missing = await sdkError(() => client().send(new DeleteOriginAccessControlCommand({ Id: id })));
    expect(missing).toMatchObject({ name: "InvalidIfMatchVersion", status: 400 });
    const stale = await sdkError(() =>
      client().send(new DeleteOriginAccessControlCommand({ Id: id, IfMatch: "EWRONGWRONGWRO" })),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });
    await client().send(new DeleteOriginAccessControlCommand({ Id: id, IfMatch: out.ETag! }));
    const gone = await sdkError(() => client().send(new GetOriginAccessControlCommand({ Id: id })));
    expect(gone).toMatchObject({
      name: "NoSuchOriginAccessControl",
      status: 404,
      message: "The origin access control does not exist.",
    });
    await createOac("delete-me");
  });

  it("refuses to delete an OAC a distribution's origin uses (OriginAccessControlInUse, 409)", async () => {
    const out = await createOac("in-use");
    const id = out.OriginAccessControl!.Id!;
    const d = await client().send(
      new CreateDistributionCommand({
        DistributionConfig: distribution({
          Origins: {
            Quantity: 1,
            Items: [
              {
                Id: "s3",
                DomainName: "bucket.s3.amazonaws.com",
                S3OriginConfig: { OriginAccessIdentity: "" },
                OriginAccessControlId: id,
              },
            ],
          },
        }),
      }),
    );
    const e = await sdkError(() =>
      client().send(new DeleteOriginAccessControlCommand({ Id: id, IfMatch: out.ETag! })),
    );
    expect(e).toMatchObject({
      name: "OriginAccessControlInUse",
      status: 409,
      message: "Cannot delete the origin access control because it's in use by one or more distributions.",
    });
    await removeDistribution(d.Distribution!.Id!);
    await client().send(new DeleteOriginAccessControlCommand({ Id: id, IfMatch: out.ETag! }));
  });

  it("pages with Marker and MaxItems", async () => {
    for (let i = 0; i < 5; i++) await createOac(`page-${i}`);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await client().send(new ListOriginAccessControlsCommand({ MaxItems: 2, Marker: marker }));
      const list = out.OriginAccessControlList!;
      expect(list.Items!.length).toBeLessThanOrEqual(2);
      seen.push(...list.Items!.map((o) => o.Id!));
      marker = list.IsTruncated ? list.NextMarker : undefined;
      pages++;
    } while (marker !== undefined);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await client().send(new ListOriginAccessControlsCommand({}));
    expect(seen.sort()).toEqual(all.OriginAccessControlList!.Items!.map((o) => o.Id!).sort());
  });
});

describe("CloudFront cache policies", () => {
  it("creates, reads, updates and lists a custom cache policy", async () => {
    const out = await client().send(
      new CreateCachePolicyCommand({ CachePolicyConfig: policyConfig("site-cache") }),
    );
    const id = out.CachePolicy!.Id!;
    expect(out.Location).toBe(`https://cloudfront.amazonaws.com/2020-05-31/cache-policy/${id}`);
    expect(out.CachePolicy!.LastModifiedTime).toBeInstanceOf(Date);
    const got = await client().send(new GetCachePolicyCommand({ Id: id }));
    expect(got.ETag).toBe(out.ETag);
    expect(got.CachePolicy!.CachePolicyConfig).toMatchObject({
      Name: "site-cache",
      MinTTL: 0,
      MaxTTL: 31536000,
      ParametersInCacheKeyAndForwardedToOrigin: {
        HeadersConfig: {
          HeaderBehavior: "whitelist",
          Headers: { Quantity: 1, Items: ["x-open-next-cache-key"] },
        },
      },
    });
    const stale = await sdkError(() =>
      client().send(
        new UpdateCachePolicyCommand({
          Id: id,
          IfMatch: "EWRONGWRONGWRO",
          CachePolicyConfig: policyConfig("x"),
        }),
      ),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });
    const upd = await client().send(
      new UpdateCachePolicyCommand({
        Id: id,
        IfMatch: out.ETag!,
        CachePolicyConfig: { ...policyConfig("site-cache"), Comment: "changed" },
      }),
    );
    expect(upd.ETag).not.toBe(out.ETag);
    const cfg = await client().send(new GetCachePolicyConfigCommand({ Id: id }));
    expect(cfg.CachePolicyConfig!.Comment).toBe("changed");
    const list = await client().send(new ListCachePoliciesCommand({ Type: "custom" }));
    expect(list.CachePolicyList!.Items!.find((s) => s.CachePolicy!.Id === id)?.Type).toBe("custom");
    await client().send(new DeleteCachePolicyCommand({ Id: id, IfMatch: upd.ETag! }));
  });

  it("answers a duplicate name with CachePolicyAlreadyExists (409)", async () => {
    const first = await client().send(
      new CreateCachePolicyCommand({ CachePolicyConfig: policyConfig("dup-cache") }),
    );
    const e = await sdkError(() =>
      client().send(new CreateCachePolicyCommand({ CachePolicyConfig: policyConfig("dup-cache") })),
    );
    expect(e).toEqual({
      name: "CachePolicyAlreadyExists",
      status: 409,
      message:
        "A cache policy with this name already exists. You must provide a unique name. To modify an existing cache policy, use UpdateCachePolicy.",
    });
    await client().send(new DeleteCachePolicyCommand({ Id: first.CachePolicy!.Id!, IfMatch: first.ETag! }));
  });

  it("refuses to delete a policy a cache behavior uses (CachePolicyInUse, 409)", async () => {
    const p = await client().send(
      new CreateCachePolicyCommand({ CachePolicyConfig: policyConfig("used-cache") }),
    );
    const id = p.CachePolicy!.Id!;
    const d = await client().send(
      new CreateDistributionCommand({
        DistributionConfig: distribution({
          DefaultCacheBehavior: {
            TargetOriginId: "s3",
            ViewerProtocolPolicy: "redirect-to-https",
            CachePolicyId: id,
          },
        }),
      }),
    );
    const missing = await sdkError(() => client().send(new DeleteCachePolicyCommand({ Id: id })));
    expect(missing).toMatchObject({ name: "InvalidIfMatchVersion", status: 400 });
    const e = await sdkError(() => client().send(new DeleteCachePolicyCommand({ Id: id, IfMatch: p.ETag! })));
    expect(e).toEqual({
      name: "CachePolicyInUse",
      status: 409,
      message: "Cannot delete the cache policy because it is attached to one or more cache behaviors.",
    });
    await removeDistribution(d.Distribution!.Id!);
    await client().send(new DeleteCachePolicyCommand({ Id: id, IfMatch: p.ETag! }));
    const gone = await sdkError(() => client().send(new GetCachePolicyCommand({ Id: id })));
    expect(gone).toMatchObject({ name: "NoSuchCachePolicy", status: 404 });
  });

  it("stops at 20 custom policies with TooManyCachePolicies (sst#4667), and pages through them", async () => {
    const before = await client().send(new ListCachePoliciesCommand({ Type: "custom" }));
    const existing = before.CachePolicyList!.Quantity!;
    for (let i = existing; i < 20; i++) {
      await client().send(new CreateCachePolicyCommand({ CachePolicyConfig: policyConfig(`limit-${i}`) }));
    }
    const e = await sdkError(() =>
      client().send(new CreateCachePolicyCommand({ CachePolicyConfig: policyConfig("limit-one-more") })),
    );
    expect(e).toEqual({
      name: "TooManyCachePolicies",
      status: 400,
      message:
        "You have reached the maximum number of cache policies for this Amazon Web Services account. For more information, see Quotas (formerly known as limits) in the Amazon CloudFront Developer Guide.",
    });
    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const out = await client().send(
        new ListCachePoliciesCommand({ Type: "custom", MaxItems: 6, Marker: marker }),
      );
      ids.push(...(out.CachePolicyList!.Items ?? []).map((s) => s.CachePolicy!.Id!));
      marker = out.CachePolicyList!.NextMarker;
    } while (marker !== undefined);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    // Managed policies are listed apart and do not count toward the 20.
    const managed = await client().send(new ListCachePoliciesCommand({ Type: "managed" }));
    expect(managed.CachePolicyList!.Items!.every((s) => s.Type === "managed")).toBe(true);
    expect(managed.CachePolicyList!.Quantity).toBeGreaterThan(0);
    // Freeing one makes room again.
    const one = await client().send(new GetCachePolicyCommand({ Id: ids[0]! }));
    await client().send(new DeleteCachePolicyCommand({ Id: ids[0]!, IfMatch: one.ETag! }));
    await client().send(new CreateCachePolicyCommand({ CachePolicyConfig: policyConfig("limit-one-more") }));
  });
});

describe("CloudFront managed cache policies", () => {
  const OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

  it("reads Managed-CachingOptimized by its documented ID, and refuses to change or delete it", async () => {
    const got = await client().send(new GetCachePolicyCommand({ Id: OPTIMIZED }));
    expect(got.CachePolicy!.CachePolicyConfig).toMatchObject({
      Name: "Managed-CachingOptimized",
      MinTTL: 1,
      DefaultTTL: 86400,
      MaxTTL: 31536000,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      },
    });
    const del = await sdkError(() =>
      client().send(new DeleteCachePolicyCommand({ Id: OPTIMIZED, IfMatch: got.ETag! })),
    );
    expect(del).toEqual({
      name: "IllegalDelete",
      status: 400,
      message: "Deletion is not allowed for this entity.",
    });
    const upd = await sdkError(() =>
      client().send(
        new UpdateCachePolicyCommand({
          Id: OPTIMIZED,
          IfMatch: got.ETag!,
          CachePolicyConfig: policyConfig("mine"),
        }),
      ),
    );
    expect(upd).toMatchObject({ name: "IllegalUpdate", status: 400 });
    const all = await client().send(new ListCachePoliciesCommand({}));
    const types = new Map(all.CachePolicyList!.Items!.map((s) => [s.CachePolicy!.Id!, s.Type]));
    expect(types.get(OPTIMIZED)).toBe("managed");
    expect(types.get("4135ea2d-6df8-44a3-9df3-4b5a84be39ad")).toBe("managed");
  });
});

describe("CloudFront KeyValueStores", () => {
  it("creates a store PROVISIONING, then READY", async () => {
    const out = await client().send(new CreateKeyValueStoreCommand({ Name: "site-kvs", Comment: "routes" }));
    const kvs = out.KeyValueStore!;
    expect(kvs).toMatchObject({ Name: "site-kvs", Comment: "routes", Status: "PROVISIONING" });
    expect(kvs.ARN).toBe(`arn:aws:cloudfront::${ACCOUNT}:key-value-store/${kvs.Id}`);
    expect(out.Location).toBe("https://cloudfront.amazonaws.com/2020-05-31/key-value-store/site-kvs");
    await sleep(DELAY_MS + 50);
    const got = await client().send(new DescribeKeyValueStoreCommand({ Name: "site-kvs" }));
    expect(got.KeyValueStore!.Status).toBe("READY");
    expect(got.ETag).toBe(out.ETag);
  });

  it("answers a duplicate name with EntityAlreadyExists (409)", async () => {
    await client().send(new CreateKeyValueStoreCommand({ Name: "dup-kvs" }));
    const e = await sdkError(() => client().send(new CreateKeyValueStoreCommand({ Name: "dup-kvs" })));
    expect(e).toEqual({
      name: "EntityAlreadyExists",
      status: 409,
      message: "The entity already exists. You must provide a unique entity.",
    });
  });

  it("needs If-Match to delete, refuses while a function uses it, then frees the name", async () => {
    const out = await client().send(new CreateKeyValueStoreCommand({ Name: "used-kvs" }));
    const arn = out.KeyValueStore!.ARN!;
    const fn = await client().send(
      new CreateFunctionCommand({
        Name: "kvs-router",
        FunctionConfig: {
          Comment: "",
          Runtime: "cloudfront-js-2.0",
          KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: arn }] },
        },
        FunctionCode: new TextEncoder().encode("function handler(e) { return e.request; }"),
      }),
    );
    const stale = await sdkError(() =>
      client().send(new DeleteKeyValueStoreCommand({ Name: "used-kvs", IfMatch: "EWRONGWRONGWRO" })),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });
    const e = await sdkError(() =>
      client().send(new DeleteKeyValueStoreCommand({ Name: "used-kvs", IfMatch: out.ETag! })),
    );
    expect(e).toEqual({
      name: "CannotDeleteEntityWhileInUse",
      status: 409,
      message: "The entity cannot be deleted while it is in use.",
    });
    await client().send(new DeleteFunctionCommand({ Name: "kvs-router", IfMatch: fn.ETag! }));
    await client().send(new DeleteKeyValueStoreCommand({ Name: "used-kvs", IfMatch: out.ETag! }));
    const gone = await sdkError(() => client().send(new DescribeKeyValueStoreCommand({ Name: "used-kvs" })));
    expect(gone).toEqual({ name: "EntityNotFound", status: 404, message: "The entity was not found." });
    await client().send(new CreateKeyValueStoreCommand({ Name: "used-kvs" }));
  });

  it("pages with an opaque NextMarker", async () => {
    for (let i = 0; i < 5; i++)
      await client().send(new CreateKeyValueStoreCommand({ Name: `kvs-page-${i}` }));
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const out = await client().send(new ListKeyValueStoresCommand({ MaxItems: 2, Marker: marker }));
      expect(out.KeyValueStoreList!.Quantity).toBeLessThanOrEqual(2);
      names.push(...(out.KeyValueStoreList!.Items ?? []).map((k) => k.Name!));
      marker = out.KeyValueStoreList!.NextMarker;
    } while (marker !== undefined);
    expect(names.filter((n) => n.startsWith("kvs-page-"))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `kvs-page-${i}`),
    );
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("CloudFront distribution aliases", () => {
  const aliases = (cname: string) => ({ Aliases: { Quantity: 1, Items: [cname] } });

  it("refuses an update that adds a CNAME another distribution has, as in sst#6167", async () => {
    await client().send(
      new CreateDistributionCommand({ DistributionConfig: distribution(aliases("www.example.com")) }),
    );
    const v3 = await client().send(new CreateDistributionCommand({ DistributionConfig: distribution() }));
    const id = v3.Distribution!.Id!;
    const e = await sdkError(() =>
      client().send(
        new UpdateDistributionCommand({
          Id: id,
          IfMatch: v3.ETag!,
          DistributionConfig: { ...v3.Distribution!.DistributionConfig!, ...aliases("WWW.example.com") },
        }),
      ),
    );
    expect(e.name).toBe("CNAMEAlreadyExists");
    expect(e.status).toBe(409);
    expect(e.message).toBe(fixtureMessage("cloudfront-distribution-cname.log", "CNAMEAlreadyExists"));
    // The refused update changed nothing: the same ETag still updates.
    await client().send(
      new UpdateDistributionCommand({
        Id: id,
        IfMatch: v3.ETag!,
        DistributionConfig: { ...v3.Distribution!.DistributionConfig!, Comment: "still mine" },
      }),
    );
  });

  it("refuses a create whose alias is taken, and keeps a distribution's own alias on update", async () => {
    const a = await client().send(
      new CreateDistributionCommand({ DistributionConfig: distribution(aliases("api.example.com")) }),
    );
    const e = await sdkError(() =>
      client().send(
        new CreateDistributionCommand({ DistributionConfig: distribution(aliases("api.example.com")) }),
      ),
    );
    expect(e).toMatchObject({ name: "CNAMEAlreadyExists", status: 409 });
    expect(e.message).toBe(fixtureMessage("cloudfront-distribution-cname.log", "CNAMEAlreadyExists"));
    await client().send(
      new UpdateDistributionCommand({
        Id: a.Distribution!.Id!,
        IfMatch: a.ETag!,
        DistributionConfig: { ...a.Distribution!.DistributionConfig!, Comment: "same alias" },
      }),
    );
  });
});
