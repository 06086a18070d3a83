/**
 * The CloudFront cache policy kind: pure (ARN and state entries, no stage prefix for pulumi-aws's
 * autonamed `<logical>-<7 hex>` names, its place after distributions in a deletion, explain on
 * `CachePolicyAlreadyExists` and on the 20-policy quota `TooManyCachePolicies`, sst#4667), its driver
 * against the local cloud with the real SDK (read by id or by name, a paged custom-only listing, the
 * gated delete with If-Match, pending while a distribution uses it), adopt compared with pulumi-aws's
 * fields, and doctor on a stage: a pending create whose policy exists (the printed adopt fixes it), a
 * stale entry, and a leftover its history names (the printed cleanup deletes it).
 *
 * No pasted log of either error exists (test/fixtures/already-exists/SOURCES.md): the log lines below
 * are built in the layout terraform-provider-aws words a failed create ("creating CloudFront Cache
 * Policy (%s): %s", internal/service/cloudfront/cache_policy.go) with aws-sdk-go-v2's error form as
 * the pasted response-headers-policy twin shows it (theopensystemslab/planx-new#6491).
 */
import {
  CloudFrontClient,
  CreateCachePolicyCommand,
  CreateDistributionCommand,
  ListCachePoliciesCommand,
  type CachePolicyConfig,
} from "@aws-sdk/client-cloudfront";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { adopterFor } from "../../src/cloud/drivers/index.js";
import { cloudfrontCachePolicyDriver as driver } from "../../src/cloud/drivers/cloudfront-cache-policy.js";
import { explainLog } from "../../src/explain/index.js";
import { cloudfrontCachePolicy as kind } from "../../src/kinds/cloudfront-cache-policy.js";
import {
  deleteRank,
  isGlobal,
  kindForArn,
  kindForShownType,
  typeOfWording,
} from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys, type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { cli, gated, smallPages } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const TOKEN = "aws:cloudfront/cachePolicy:CachePolicy";

/** A printed command's words, with the single quotes doctor puts around a URN taken off. */
const shellWords = (line: string) => line.match(/'[^']*'|\S+/g)!.map((w) => w.replace(/^'(.*)'$/, "$1"));
const ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const REGION = "us-east-1";
const ACCOUNT = "357913579135";

describe("cloudfront-cache-policy kind", () => {
  it("reads the id out of an ARN; global, untagged, no stage prefix", () => {
    const arn = `arn:aws:cloudfront::123456789012:cache-policy/${ID}`;
    expect(kind.fromArn(arn)).toEqual({ name: ID, id: ID, region: REGION, arn });
    expect(
      kind.fromArn("arn:aws:cloudfront::123456789012:origin-access-control/E327GJI25M56DG"),
    ).toBeUndefined();
    expect(kindForArn(arn)?.kind).toBe("cloudfront-cache-policy");
    expect(kindForShownType("aws:cloudfront:CachePolicy")?.kind).toBe("cloudfront-cache-policy");
    expect(isGlobal(TOKEN)).toBe(true);
    expect(kind.taggable).toBe(false);
    // pulumi-aws autonames it `<logical>-<7 hex>`: the name says nothing about the stage.
    expect("stagePrefixes" in kind).toBe(false);
  });

  it("identifies an entry by its name with the policy id as id; a pending create by its name", () => {
    const entry = {
      urn: `urn:pulumi:dev::acme::sst:aws:Nextjs$${TOKEN}::WebServerCachePolicy`,
      type: TOKEN,
      custom: true,
      id: ID,
      inputs: { __defaults: ["name"], name: "WebServerCachePolicy-1a2b3c4", minTtl: 0 },
      outputs: { id: ID, name: "WebServerCachePolicy-1a2b3c4", etag: "E2QWRUHAPOMQZL" },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "eu-west-1")).toEqual({
      name: "WebServerCachePolicy-1a2b3c4",
      id: ID,
      region: REGION,
    });
    const pending = {
      urn: entry.urn,
      type: TOKEN,
      custom: true,
      inputs: { name: "WebServerCachePolicy-1a2b3c4" },
    };
    expect(kind.identify(pending as unknown as ResourceV3, REGION)).toMatchObject({
      name: "WebServerCachePolicy-1a2b3c4",
      id: "WebServerCachePolicy-1a2b3c4",
    });
  });

  it("goes after distributions and before functions in a deletion; TTL drift", () => {
    expect(deleteRank("aws:cloudfront/distribution:Distribution")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:cloudfront/function:Function"));
    expect(kind.deleteAfter).toEqual(["cloudfront-distribution"]);
    expect(typeOfWording("CloudFront Cache Policy")).toBe(TOKEN);
    const entry = {
      type: TOKEN,
      id: ID,
      outputs: { defaultTtl: 0, maxTtl: 31536000, minTtl: 0 },
    } as unknown as ResourceV3;
    const cloud = { detail: { defaultTtl: 86400, maxTtl: 31536000, minTtl: 0 } } as unknown as CloudResource;
    expect(kind.drift(entry, cloud)).toEqual([{ property: "defaultTtl", state: 0, cloud: 86400 }]);
  });
});

// SST's failure block, as in the OAC log of anomalyco/sst#4118 (cloudfront-origin-access-control.log).
const HEADING = "✕  Failed    \n   Web sst:aws:Nextjs → WebServerCachePolicy aws:cloudfront:CachePolicy";
const sdkError = (status: number, rest: string) =>
  `   creating CloudFront Cache Policy (WebServerCachePolicy-1a2b3c4): operation error CloudFront: CreateCachePolicy, https response error StatusCode: ${status}, RequestID: 98be4a7a-d465-4029-884e-b8e320750eb8, ${rest}`;

describe("explain on CloudFront's cache policy errors", () => {
  it("CachePolicyAlreadyExists: the cache policy and its name", () => {
    const r = explainLog(
      [
        HEADING,
        sdkError(
          409,
          "CachePolicyAlreadyExists: A cache policy with this name already exists. You must provide a unique name. To modify an existing cache policy, use UpdateCachePolicy.",
        ),
      ].join("\n"),
    );
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "WebServerCachePolicy-1a2b3c4", logicalName: "WebServerCachePolicy" },
    });
  });

  it("TooManyCachePolicies: the quota, with leftover policies to find and delete", () => {
    const r = explainLog(
      [HEADING, sdkError(400, "TooManyCachePolicies: Account's Cache Policies limit reached.")].join("\n"),
    );
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({ kind: "already-exists", resource: { type: TOKEN } });
    expect(p.cause).toMatch(/limit of 20 custom cache policies/);
    expect(p.cause).not.toMatch(/already exists in AWS/);
    const fix = p.fix.join("\n");
    expect(fix).toMatch(/^stateward doctor/m);
    expect(fix).toMatch(/^stateward cleanup/m);
    expect(fix).toContain("--all-stages");
    expect(fix).toContain("CachePolicyInUse");
  });
});

/* Against the local cloud ----------------------------------------------------------------------- */

const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let cf: CloudFrontClient;
const context = () => cloudContext(clients);

function config(name: string, minTtl = 0): CachePolicyConfig {
  return {
    Name: name,
    Comment: "SST server response cache policy",
    DefaultTTL: 0,
    MaxTTL: 31536000,
    MinTTL: minTtl,
    ParametersInCacheKeyAndForwardedToOrigin: {
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
      CookiesConfig: { CookieBehavior: "none" },
      HeadersConfig: {
        HeaderBehavior: "whitelist",
        Headers: { Quantity: 2, Items: ["x-open-next-cache-key", "accept"] },
      },
      QueryStringsConfig: { QueryStringBehavior: "all" },
    },
  };
}

async function policy(client: CloudFrontClient, name: string): Promise<string> {
  const out = await client.send(new CreateCachePolicyCommand({ CachePolicyConfig: config(name) }));
  return out.CachePolicy!.Id!;
}

beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  cf = clients.cloudfront();
});
afterAll(() => clients.destroy());

describe("the cache policy driver", () => {
  it("reads by id or by name alone, lists custom policies over several pages, and deletes through the gate", async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await policy(cf, `WebServerCachePolicy-00000${i}a`));
    const name = "WebServerCachePolicy-00000" + "0a";
    expect(await driver.read(context(), { name, id: ids[0]!, region: REGION })).toMatchObject({
      kind: "cloudfront-cache-policy",
      type: TOKEN,
      name,
      id: ids[0],
      detail: { defaultTtl: 0, maxTtl: 31536000, minTtl: 0 },
    });
    expect((await driver.read(context(), { name, id: name, region: REGION }))?.id).toBe(ids[0]);
    expect(
      await driver.read(context(), { name: "x", id: "00000000-0000-0000-0000-000000000000", region: REGION }),
    ).toBeUndefined();

    // Two a page: every page is walked, and AWS's managed policies are never listed.
    const paged = new AwsClients(
      { region: REGION },
      { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
    );
    smallPages(paged.cloudfront(), "ListCachePoliciesCommand", "MaxItems", 2);
    const listed = await driver.listByName!(cloudContext(paged), REGION, {
      prefixes: ["WebServer"],
      names: new Set(),
    });
    expect(listed.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(
      (await driver.listByName!(cloudContext(paged), REGION, { prefixes: ["Managed-"], names: new Set() }))
        .length,
    ).toBe(0);
    paged.destroy();

    const identity = { name, id: ids[0]!, region: REGION };
    const noPermit = undefined as unknown as Parameters<typeof driver.delete>[2];
    await expect(driver.delete(context(), identity, noPermit)).rejects.toThrow();
    expect((await gated(driver).delete(context(), identity)).deleted).toBe(true);
    expect(await driver.read(context(), identity)).toBeUndefined();
    expect(await gated(driver).delete(context(), identity)).toMatchObject({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("is pending while a distribution's cache behavior uses the policy", async () => {
    const id = await policy(cf, "UsedServerCachePolicy-1234567");
    await cf.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: `cp-${Date.now()}`,
          Comment: "uses a cache policy",
          Enabled: true,
          Origins: {
            Quantity: 1,
            Items: [
              {
                Id: "o",
                DomainName: "example.com",
                CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only" },
              },
            ],
          },
          DefaultCacheBehavior: {
            TargetOriginId: "o",
            ViewerProtocolPolicy: "redirect-to-https",
            CachePolicyId: id,
          },
        },
      }),
    );
    const r = await gated(driver).delete(context(), {
      name: "UsedServerCachePolicy-1234567",
      id,
      region: REGION,
    });
    expect(r.deleted).toBe(false);
    expect(r.pending).toMatch(/distribution/);
  });

  it("adopts the entry pulumi-aws writes: its SDK's inputs and outputs, with the live values", async () => {
    const id = await policy(cf, "AdoptServerCachePolicy-7654321");
    const adopted = await (await adopterFor("cloudfront-cache-policy"))!.read(context(), {
      name: "AdoptServerCachePolicy-7654321",
      id: "AdoptServerCachePolicy-7654321",
      region: REGION,
    });
    const fields = [
      "comment",
      "defaultTtl",
      "maxTtl",
      "minTtl",
      "name",
      "parametersInCacheKeyAndForwardedToOrigin",
    ];
    expect(adopted!.id).toBe(id);
    expect(Object.keys(adopted!.inputs).sort()).toEqual(["__defaults", ...fields].sort());
    expect(Object.keys(adopted!.outputs)).toEqual([...fields, "etag", "id"].sort());
    expect(adopted!.outputs.parametersInCacheKeyAndForwardedToOrigin).toEqual({
      cookiesConfig: { cookieBehavior: "none" },
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
      headersConfig: { headerBehavior: "whitelist", headers: { items: ["accept", "x-open-next-cache-key"] } },
      queryStringsConfig: { queryStringBehavior: "all" },
    });
    expect(adopted!.outputs.etag).toMatch(/^E[A-Z0-9]+$/);
  });
});

describe("doctor on a stage with cache policies", () => {
  it("finds a pending create whose policy exists, a stale entry and a leftover its history names; the fixes work", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const client = new CloudFrontClient(sandbox.config(REGION));
    const s3 = new S3Client(sandbox.config(ACME.homeRegion));
    const put = (key: string, b: SstStateBuilder) =>
      s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: toBytes(b.versioned()) }));
    const leftoverId = await policy(client, "OldSiteServerCachePolicy-aaaaaaa");
    const pendingId = await policy(client, "WebServerCachePolicy-bbbbbbb");
    // An older version held the old site's policy; the current state no longer does.
    const old = new SstStateBuilder({
      app: "acme",
      stage: "cpqa",
      account: ACCOUNT,
      region: ACME.homeRegion,
    });
    const site = old.component("sst:aws:Nextjs", "OldSite");
    old.custom(TOKEN, "OldSiteServerCachePolicy", site, {
      id: leftoverId,
      inputs: { name: "OldSiteServerCachePolicy-aaaaaaa" },
      outputs: { id: leftoverId, name: "OldSiteServerCachePolicy-aaaaaaa" },
    });
    await put(sstKeys.snapshot("acme", "cpqa", "0000000000000-old"), old);
    const b = new SstStateBuilder({ app: "acme", stage: "cpqa", account: ACCOUNT, region: ACME.homeRegion });
    b.addFunction("Api");
    const web = b.component("sst:aws:Nextjs", "Web");
    const goneId = "11111111-2222-3333-4444-555555555555";
    b.custom(TOKEN, "GoneServerCachePolicy", web, {
      id: goneId,
      inputs: { name: "GoneServerCachePolicy-ccccccc" },
      outputs: { id: goneId, name: "GoneServerCachePolicy-ccccccc" },
    });
    b.addPendingCreate(
      TOKEN,
      "WebServerCachePolicy",
      { name: "WebServerCachePolicy-bbbbbbb", minTtl: 0 },
      web,
    );
    await put(sstKeys.state("acme", "cpqa"), b);

    const flags = ["--app", "acme", "--stage", "cpqa"];
    const doctor = async () =>
      JSON.parse((await cli(["doctor", ...flags, "--json"], sandboxEnv(sandbox))).stdout) as {
        findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
      };
    const { findings } = await doctor();
    const mine = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map(
        (f) =>
          `${f.rule} ${f.resources
            .filter((x) => x.type === TOKEN)
            .map((x) => x.name)
            .join(",")}`,
      )
      .sort();
    expect(mine).toEqual([
      expect.stringMatching(/^(orphan|retained-leftover) OldSiteServerCachePolicy-aaaaaaa$/),
      "pending-create WebServerCachePolicy-bbbbbbb",
      "stale GoneServerCachePolicy-ccccccc",
    ]);
    const adopt = findings.find((f) => f.rule === "pending-create")!.fix[0]!;
    expect(adopt).toBe(
      `stateward adopt ${TOKEN} ${pendingId} --urn 'urn:pulumi:cpqa::acme::sst:aws:Nextjs$${TOKEN}::WebServerCachePolicy' --app acme --stage cpqa`,
    );
    const adopted = await cli([...shellWords(adopt).slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    expect((await doctor()).findings.filter((f) => f.rule === "pending-create")).toEqual([]);

    const cleaned = await cli(["cleanup", ...flags, "--yes", "--confirm", "cpqa"], sandboxEnv(sandbox));
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    const left = (
      await client.send(new ListCachePoliciesCommand({ Type: "custom" }))
    ).CachePolicyList!.Items!.map((i) => i.CachePolicy!.CachePolicyConfig!.Name);
    expect(left).toContain("WebServerCachePolicy-bbbbbbb");
    expect(left).not.toContain("OldSiteServerCachePolicy-aaaaaaa");
    client.destroy();
    s3.destroy();
  });
  it("--all-stages lists a removed stage's leftover policies (its history names them), as the quota advice says", async () => {
    const client = new CloudFrontClient(sandbox.config(REGION));
    const id = await policy(client, "PrSiteServerCachePolicy-ddddddd");
    client.destroy();
    const s3 = new S3Client(sandbox.config(ACME.homeRegion));
    const put = (key: string, b: SstStateBuilder) =>
      s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: toBytes(b.versioned()) }));
    const old = new SstStateBuilder({
      app: "acme",
      stage: "pr-7",
      account: ACCOUNT,
      region: ACME.homeRegion,
    });
    const site = old.component("sst:aws:Nextjs", "PrSite");
    old.custom(TOKEN, "PrSiteServerCachePolicy", site, {
      id,
      inputs: { name: "PrSiteServerCachePolicy-ddddddd" },
      outputs: { id, name: "PrSiteServerCachePolicy-ddddddd" },
    });
    await put(sstKeys.snapshot("acme", "pr-7", "0000000000000-old"), old);
    // `sst remove` left the stage's state empty.
    await put(
      sstKeys.state("acme", "pr-7"),
      new SstStateBuilder({ app: "acme", stage: "pr-7", account: ACCOUNT, region: ACME.homeRegion }),
    );
    s3.destroy();
    const r = await cli(["doctor", "--app", "acme", "--all-stages", "--json"], sandboxEnv(sandbox));
    const { findings } = JSON.parse(r.stdout) as {
      findings: { rule: string; stage: string; resources: { type: string; name: string }[] }[];
    };
    const leftovers = findings.filter((f) => f.stage === "pr-7" && f.resources.some((x) => x.type === TOKEN));
    expect(leftovers.map((f) => f.resources.map((x) => x.name))).toEqual([
      ["PrSiteServerCachePolicy-ddddddd"],
    ]);
  });
});
