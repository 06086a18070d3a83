import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  CreateFunctionCommand,
  DeleteDistributionCommand,
  DeleteFunctionCommand,
  DescribeFunctionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  GetFunctionCommand,
  ListDistributionsCommand,
  ListFunctionsCommand,
  ListTagsForResourceCommand,
  PublishFunctionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDistributionCommand,
  UpdateFunctionCommand,
  paginateListDistributions,
  waitUntilDistributionDeployed,
  type DistributionConfig,
} from "@aws-sdk/client-cloudfront";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "111122223333";
const DELAY_MS = 200;
const sandbox = useSandbox({ accountId: ACCOUNT, deployDelayMs: DELAY_MS });
const client = (extra: Record<string, unknown> = {}) =>
  new CloudFrontClient({ ...sandbox.config(), ...extra });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const code = (text: string) => new TextEncoder().encode(text);
const HANDLER = "function handler(event) { return event.request; }";

async function createFunction(name: string, body = HANDLER) {
  return client().send(
    new CreateFunctionCommand({
      Name: name,
      FunctionConfig: { Comment: `${name} comment`, Runtime: "cloudfront-js-2.0" },
      FunctionCode: code(body),
    }),
  );
}

async function publishedFunction(name: string): Promise<string> {
  const out = await createFunction(name);
  await client().send(new PublishFunctionCommand({ Name: name, IfMatch: out.ETag! }));
  return out.FunctionSummary!.FunctionMetadata!.FunctionARN!;
}

let refs = 0;
function config(overrides: Partial<DistributionConfig> = {}): DistributionConfig {
  return {
    CallerReference: `ref-${++refs}`,
    Comment: "site & <assets>",
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [
        { Id: "s3", DomainName: "bucket.s3.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "" } },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: "s3",
      ViewerProtocolPolicy: "redirect-to-https",
      CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
    ...overrides,
  };
}

const withFunction = (arn: string): Partial<DistributionConfig> => ({
  DefaultCacheBehavior: {
    TargetOriginId: "s3",
    ViewerProtocolPolicy: "redirect-to-https",
    FunctionAssociations: { Quantity: 1, Items: [{ FunctionARN: arn, EventType: "viewer-request" }] },
  },
});

async function createDistribution(overrides: Partial<DistributionConfig> = {}) {
  return client().send(new CreateDistributionCommand({ DistributionConfig: config(overrides) }));
}

async function waitDeployed(id: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const d = await client().send(new GetDistributionCommand({ Id: id }));
    if (d.Distribution?.Status === "Deployed") return;
    await sleep(50);
  }
  throw new Error(`distribution ${id} never deployed`);
}

describe("CloudFront functions", () => {
  it("creates a function in the DEVELOPMENT stage", async () => {
    const out = await createFunction("url-rewrite");
    expect(out.ETag).toMatch(/^E[A-Z0-9]{13}$/);
    expect(out.Location).toBe(
      `https://cloudfront.amazonaws.com/2020-05-31/function/arn:aws:cloudfront::${ACCOUNT}:function/url-rewrite`,
    );
    expect(out.FunctionSummary).toMatchObject({
      Name: "url-rewrite",
      Status: "UNPUBLISHED",
      FunctionConfig: { Comment: "url-rewrite comment", Runtime: "cloudfront-js-2.0" },
      FunctionMetadata: {
        FunctionARN: `arn:aws:cloudfront::${ACCOUNT}:function/url-rewrite`,
        Stage: "DEVELOPMENT",
      },
    });
    expect(out.FunctionSummary!.FunctionMetadata!.CreatedTime).toBeInstanceOf(Date);
    expect(out.FunctionSummary!.FunctionMetadata!.LastModifiedTime).toBeInstanceOf(Date);

    const e = await sdkError(() => createFunction("url-rewrite"));
    expect(e).toMatchObject({ name: "FunctionAlreadyExists", status: 409 });
  });

  it("describes and returns the code of each stage; LIVE exists only once published", async () => {
    const out = await createFunction("stages", "function handler(e) { return 1; }");
    const described = await client().send(
      new DescribeFunctionCommand({ Name: "stages", Stage: "DEVELOPMENT" }),
    );
    expect(described.ETag).toBe(out.ETag);
    const got = await client().send(new GetFunctionCommand({ Name: "stages" }));
    expect(new TextDecoder().decode(got.FunctionCode)).toBe("function handler(e) { return 1; }");
    expect(got.ETag).toBe(out.ETag);

    const noLive = await sdkError(() =>
      client().send(new DescribeFunctionCommand({ Name: "stages", Stage: "LIVE" })),
    );
    expect(noLive).toMatchObject({ name: "NoSuchFunctionExists", status: 404 });
    const missing = await sdkError(() => client().send(new DescribeFunctionCommand({ Name: "nope" })));
    expect(missing).toMatchObject({ name: "NoSuchFunctionExists", status: 404 });

    const published = await client().send(new PublishFunctionCommand({ Name: "stages", IfMatch: out.ETag! }));
    expect(published.FunctionSummary).toMatchObject({
      Status: "UNASSOCIATED",
      FunctionMetadata: { Stage: "LIVE" },
    });
    // A later update changes DEVELOPMENT only.
    const updated = await client().send(
      new UpdateFunctionCommand({
        Name: "stages",
        IfMatch: out.ETag!,
        FunctionConfig: { Comment: "v2", Runtime: "cloudfront-js-2.0" },
        FunctionCode: code("function handler(e) { return 2; }"),
      }),
    );
    const live = await client().send(new GetFunctionCommand({ Name: "stages", Stage: "LIVE" }));
    expect(new TextDecoder().decode(live.FunctionCode)).toBe("function handler(e) { return 1; }");
    const dev = await client().send(new GetFunctionCommand({ Name: "stages", Stage: "DEVELOPMENT" }));
    expect(new TextDecoder().decode(dev.FunctionCode)).toBe("function handler(e) { return 2; }");
    expect(dev.ETag).toBe(updated.ETag);
    const liveSummary = await client().send(new DescribeFunctionCommand({ Name: "stages", Stage: "LIVE" }));
    expect(liveSummary.FunctionSummary?.FunctionConfig?.Comment).toBe("stages comment");
    expect(liveSummary.ETag).not.toBe(dev.ETag);
  });

  it("checks If-Match on update by value", async () => {
    const out = await createFunction("locked");
    const update = (IfMatch?: string) =>
      client().send(
        new UpdateFunctionCommand({
          Name: "locked",
          IfMatch,
          FunctionConfig: { Comment: "new", Runtime: "cloudfront-js-1.0" },
          FunctionCode: code("function handler(e) { return e.response; }"),
        }),
      );
    const missing = await sdkError(() => update(undefined));
    expect(missing).toMatchObject({ name: "InvalidIfMatchVersion", status: 400 });
    const stale = await sdkError(() => update("E0000000000000"));
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });

    const ok = await update(out.ETag);
    expect(ok.ETag).toMatch(/^E[A-Z0-9]{13}$/);
    expect(ok.ETag).not.toBe(out.ETag);
    expect(ok.FunctionSummary?.FunctionConfig).toMatchObject({
      Comment: "new",
      Runtime: "cloudfront-js-1.0",
    });
    // The old ETag is stale now.
    const again = await sdkError(() => update(out.ETag));
    expect(again).toMatchObject({ name: "PreconditionFailed", status: 412 });
    const publishStale = await sdkError(() =>
      client().send(new PublishFunctionCommand({ Name: "locked", IfMatch: out.ETag! })),
    );
    expect(publishStale).toMatchObject({ name: "PreconditionFailed", status: 412 });
  });

  it("lists functions by stage, page by page", async () => {
    for (const name of ["list-a", "list-b", "list-c"]) await createFunction(name);
    await publishedFunction("list-d");
    const live = await client().send(new ListFunctionsCommand({ Stage: "LIVE" }));
    const liveNames = live.FunctionList!.Items!.map((f) => f.Name);
    expect(liveNames).toContain("list-d");
    expect(liveNames).not.toContain("list-a");
    expect(live.FunctionList!.Items!.every((f) => f.FunctionMetadata?.Stage === "LIVE")).toBe(true);

    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await client().send(
        new ListFunctionsCommand({ Stage: "DEVELOPMENT", MaxItems: 2, Marker: marker }),
      );
      expect(page.FunctionList!.Quantity).toBeLessThanOrEqual(2);
      expect(page.FunctionList!.MaxItems).toBe(2);
      names.push(...(page.FunctionList!.Items ?? []).map((f) => f.Name!));
      marker = page.FunctionList!.NextMarker;
    } while (marker !== undefined);
    expect(names.filter((n) => n.startsWith("list-"))).toEqual(["list-a", "list-b", "list-c", "list-d"]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("deletes a function with its current ETag", async () => {
    const out = await createFunction("doomed");
    const missing = await sdkError(() =>
      client().send(new DeleteFunctionCommand({ Name: "doomed", IfMatch: undefined })),
    );
    expect(missing).toMatchObject({ name: "InvalidIfMatchVersion", status: 400 });
    const stale = await sdkError(() =>
      client().send(new DeleteFunctionCommand({ Name: "doomed", IfMatch: "EBAD" })),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });
    await client().send(new DeleteFunctionCommand({ Name: "doomed", IfMatch: out.ETag! }));
    const gone = await sdkError(() =>
      client().send(new DeleteFunctionCommand({ Name: "doomed", IfMatch: out.ETag! })),
    );
    expect(gone).toMatchObject({ name: "NoSuchFunctionExists", status: 404 });
  });
});

describe("CloudFront distributions", () => {
  it("creates a distribution and returns its config faithfully", async () => {
    const arn = await publishedFunction("edge-auth");
    const sent = config({
      Aliases: { Quantity: 2, Items: ["www.example.com", "example.com"] },
      ...withFunction(arn),
      CacheBehaviors: {
        Quantity: 1,
        Items: [
          {
            PathPattern: "/api/*",
            TargetOriginId: "s3",
            ViewerProtocolPolicy: "https-only",
            AllowedMethods: {
              Quantity: 2,
              Items: ["GET", "HEAD"],
              CachedMethods: { Quantity: 2, Items: ["GET", "HEAD"] },
            },
          },
        ],
      },
    });
    const out = await client().send(new CreateDistributionCommand({ DistributionConfig: sent }));
    const d = out.Distribution!;
    expect(d.Id).toMatch(/^E[A-Z0-9]{13}$/);
    expect(d).toMatchObject({
      ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/${d.Id}`,
      Status: "InProgress",
      InProgressInvalidationBatches: 0,
    });
    expect(d.DomainName).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/);
    expect(d.LastModifiedTime).toBeInstanceOf(Date);
    expect(out.ETag).toMatch(/^E[A-Z0-9]{13}$/);
    expect(out.Location).toBe(`https://cloudfront.amazonaws.com/2020-05-31/distribution/${d.Id}`);
    expect(d.DistributionConfig).toEqual(sent);

    const got = await client().send(new GetDistributionCommand({ Id: d.Id! }));
    expect(got.ETag).toBe(out.ETag);
    expect(got.Distribution?.DistributionConfig).toEqual(sent);
    const cfg = await client().send(new GetDistributionConfigCommand({ Id: d.Id! }));
    expect(cfg.ETag).toBe(out.ETag);
    expect(cfg.DistributionConfig).toEqual(sent);
    // A one-item list stays a list.
    const one = await createDistribution({ Aliases: { Quantity: 1, Items: ["solo.example.com"] } });
    expect(one.Distribution?.DistributionConfig?.Aliases).toEqual({
      Quantity: 1,
      Items: ["solo.example.com"],
    });

    const fn = await client().send(new DescribeFunctionCommand({ Name: "edge-auth", Stage: "LIVE" }));
    expect(fn.FunctionSummary?.Status).toBe("DEPLOYED");
  });

  it("refuses an alias another distribution uses with CNAMEAlreadyExists (409)", async () => {
    await createDistribution({ Aliases: { Quantity: 1, Items: ["taken.example.com"] } });
    const e = await sdkError(() =>
      createDistribution({ Aliases: { Quantity: 1, Items: ["TAKEN.example.com"] } }),
    );
    expect(e).toMatchObject({ name: "CNAMEAlreadyExists", status: 409 });
    expect(e.message).toBe(
      "One or more of the CNAMEs you provided are already associated with a different resource.",
    );
  });

  it("validates quantities, origins and function associations", async () => {
    const inconsistent = await sdkError(() =>
      createDistribution({ Aliases: { Quantity: 2, Items: ["one.example.com"] } }),
    );
    expect(inconsistent).toMatchObject({ name: "InconsistentQuantities", status: 400 });
    const noOrigin = await sdkError(() =>
      createDistribution({
        DefaultCacheBehavior: { TargetOriginId: "missing", ViewerProtocolPolicy: "allow-all" },
      }),
    );
    expect(noOrigin).toMatchObject({ name: "NoSuchOrigin", status: 404 });
    const draft = await createFunction("never-published");
    const unpublished = await sdkError(() =>
      createDistribution(withFunction(draft.FunctionSummary!.FunctionMetadata!.FunctionARN!)),
    );
    expect(unpublished).toMatchObject({ name: "InvalidFunctionAssociation", status: 400 });
  });

  it("answers a retried create with the same distribution, and a different one with DistributionAlreadyExists (409)", async () => {
    const sent = config();
    const first = await client().send(new CreateDistributionCommand({ DistributionConfig: sent }));
    const retry = await client().send(new CreateDistributionCommand({ DistributionConfig: sent }));
    expect(retry.Distribution?.Id).toBe(first.Distribution?.Id);
    const e = await sdkError(() =>
      client().send(new CreateDistributionCommand({ DistributionConfig: { ...sent, Comment: "different" } })),
    );
    expect(e).toMatchObject({ name: "DistributionAlreadyExists", status: 409 });
  });

  it("goes InProgress on every change and Deployed once the deploy delay has passed", async () => {
    const out = await createDistribution();
    const id = out.Distribution!.Id!;
    expect((await client().send(new GetDistributionCommand({ Id: id }))).Distribution?.Status).toBe(
      "InProgress",
    );
    await sleep(DELAY_MS + 50);
    expect((await client().send(new GetDistributionCommand({ Id: id }))).Distribution?.Status).toBe(
      "Deployed",
    );

    const current = await client().send(new GetDistributionConfigCommand({ Id: id }));
    const next = { ...current.DistributionConfig!, Comment: "changed" };
    const missing = await sdkError(() =>
      client().send(new UpdateDistributionCommand({ Id: id, DistributionConfig: next })),
    );
    expect(missing).toMatchObject({ name: "InvalidIfMatchVersion", status: 400 });
    const stale = await sdkError(() =>
      client().send(
        new UpdateDistributionCommand({ Id: id, DistributionConfig: next, IfMatch: "E0000000000000" }),
      ),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });

    const updated = await client().send(
      new UpdateDistributionCommand({ Id: id, DistributionConfig: next, IfMatch: current.ETag! }),
    );
    expect(updated.ETag).not.toBe(current.ETag);
    expect(updated.Distribution).toMatchObject({
      Status: "InProgress",
      DistributionConfig: { Comment: "changed" },
    });
    const result = await waitUntilDistributionDeployed(
      { client: client(), maxWaitTime: 10, minDelay: 0.1, maxDelay: 0.3 },
      { Id: id },
    );
    expect(result.state).toBe("SUCCESS");

    const none = await sdkError(() => client().send(new GetDistributionCommand({ Id: "ENOSUCHDIST000" })));
    expect(none).toMatchObject({ name: "NoSuchDistribution", status: 404 });
  });

  it("lists distributions page by page", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createDistribution()).Distribution!.Id!);
    const first = await client().send(new ListDistributionsCommand({ MaxItems: 2 }));
    const list = first.DistributionList!;
    expect(list).toMatchObject({ MaxItems: 2, Quantity: 2, IsTruncated: true, Marker: "" });
    expect(list.NextMarker).toBe(list.Items![1]!.Id);
    // Other tests' distributions (with aliases) share the server: check the summary of one made here.
    const all = await client().send(new ListDistributionsCommand({ MaxItems: 1000 }));
    const summary = all.DistributionList!.Items!.find((d) => d.Id === created[0])!;
    expect(summary).toMatchObject({
      ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/${summary.Id}`,
      Origins: { Quantity: 1 },
      Aliases: { Quantity: 0 },
      Comment: expect.any(String) as string,
    });
    expect(summary.ETag).toMatch(/^E/);
    const ids: string[] = [];
    for await (const page of paginateListDistributions({ client: client() }, { MaxItems: 3 })) {
      ids.push(...(page.DistributionList?.Items ?? []).map((d) => d.Id!));
    }
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("tags distributions and reports them to the tagging API in us-east-1", async () => {
    const out = await client().send(
      new CreateDistributionWithTagsCommand({
        DistributionConfigWithTags: {
          DistributionConfig: config(),
          Tags: {
            Items: [
              { Key: "sst:app", Value: "acme" },
              { Key: "drop", Value: "me" },
            ],
          },
        },
      }),
    );
    expect(out.Distribution?.Status).toBe("InProgress");
    const arn = out.Distribution!.ARN!;
    await client().send(
      new TagResourceCommand({ Resource: arn, Tags: { Items: [{ Key: "stage", Value: "dev" }] } }),
    );
    await client().send(new UntagResourceCommand({ Resource: arn, TagKeys: { Items: ["drop"] } }));
    const tags = await client().send(new ListTagsForResourceCommand({ Resource: arn }));
    expect(tags.Tags?.Items).toEqual([
      { Key: "sst:app", Value: "acme" },
      { Key: "stage", Value: "dev" },
    ]);
    const reported = sandbox
      .server()
      .taggedResources("us-east-1")
      .find((r) => r.arn === arn);
    expect(reported).toEqual({
      arn,
      resourceType: "cloudfront:distribution",
      tags: { "sst:app": "acme", stage: "dev" },
    });
    expect(
      sandbox
        .server()
        .taggedResources("eu-west-1")
        .some((r) => r.arn === arn),
    ).toBe(false);
    expect(sandbox.server().requestCounts.byService.cloudfront).toMatchObject({
      TagResource: 1,
      UntagResource: 1,
    });

    const missing = await sdkError(() =>
      client().send(
        new ListTagsForResourceCommand({ Resource: `arn:aws:cloudfront::${ACCOUNT}:distribution/ENOPE` }),
      ),
    );
    expect(missing).toMatchObject({ name: "NoSuchResource", status: 404 });
  });

  it("deletes safely: disable, wait until Deployed, delete with the latest ETag, then the function", async () => {
    const fnOut = await createFunction("guarded");
    await client().send(new PublishFunctionCommand({ Name: "guarded", IfMatch: fnOut.ETag! }));
    const arn = fnOut.FunctionSummary!.FunctionMetadata!.FunctionARN!;
    const out = await createDistribution(withFunction(arn));
    const id = out.Distribution!.Id!;

    const inUse = await sdkError(() =>
      client().send(new DeleteFunctionCommand({ Name: "guarded", IfMatch: fnOut.ETag! })),
    );
    expect(inUse).toMatchObject({ name: "FunctionInUse", status: 409 });

    const enabled = await sdkError(() =>
      client().send(new DeleteDistributionCommand({ Id: id, IfMatch: out.ETag! })),
    );
    expect(enabled).toMatchObject({ name: "DistributionNotDisabled", status: 409 });

    const current = await client().send(new GetDistributionConfigCommand({ Id: id }));
    const disabled = await client().send(
      new UpdateDistributionCommand({
        Id: id,
        IfMatch: current.ETag!,
        DistributionConfig: { ...current.DistributionConfig!, Enabled: false },
      }),
    );
    expect(disabled.Distribution).toMatchObject({
      Status: "InProgress",
      DistributionConfig: { Enabled: false },
    });

    // Disabled but still deploying.
    const deploying = await sdkError(() =>
      client().send(new DeleteDistributionCommand({ Id: id, IfMatch: disabled.ETag! })),
    );
    expect(deploying).toMatchObject({ name: "DistributionNotDisabled", status: 409 });
    const stale = await sdkError(() =>
      client().send(new DeleteDistributionCommand({ Id: id, IfMatch: current.ETag! })),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });

    await waitDeployed(id);
    const latest = await client().send(new GetDistributionCommand({ Id: id }));
    await client().send(new DeleteDistributionCommand({ Id: id, IfMatch: latest.ETag! }));
    const gone = await sdkError(() =>
      client().send(new DeleteDistributionCommand({ Id: id, IfMatch: latest.ETag! })),
    );
    expect(gone).toMatchObject({ name: "NoSuchDistribution", status: 404 });

    const fnNow = await client().send(new DescribeFunctionCommand({ Name: "guarded" }));
    expect(fnNow.FunctionSummary?.Status).toBe("UNASSOCIATED");
    await client().send(new DeleteFunctionCommand({ Name: "guarded", IfMatch: fnNow.ETag! }));
    const fnGone = await sdkError(() => client().send(new DescribeFunctionCommand({ Name: "guarded" })));
    expect(fnGone).toMatchObject({ name: "NoSuchFunctionExists", status: 404 });
  });

  it("keeps its state as plain JSON", () => {
    const state = sandbox.server().service("cloudfront").snapshot();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("throttles with Throttling (400, Rate exceeded)", async () => {
    sandbox.server().faults.configure({
      rules: [{ service: "cloudfront", operation: "ListDistributions", throttleRate: 1 }],
    });
    try {
      const e = await sdkError(() => client({ maxAttempts: 1 }).send(new ListDistributionsCommand({})));
      expect(e).toMatchObject({ name: "Throttling", status: 400, message: "Rate exceeded" });
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  });
});
