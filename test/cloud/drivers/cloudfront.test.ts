import { gated } from "../../helpers.js";
import {
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  CreateFunctionCommand,
  DescribeFunctionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  PublishFunctionCommand,
  UpdateDistributionCommand,
  type CloudFrontClient,
  type DistributionConfig,
  type FunctionRuntime,
} from "@aws-sdk/client-cloudfront";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import {
  cloudfrontDistributionDriver,
  cloudfrontFunctionDriver,
  deleteDistributionAndWait,
} from "../../../src/cloud/drivers/cloudfront.js";
import type { CloudResource, Identity, NameFilter } from "../../../src/kinds/types.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sdkError, useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "111122223333";
const DELAY_MS = 300;
const sandbox = useSandbox({ accountId: ACCOUNT, deployDelayMs: DELAY_MS });

let clients: AwsClients;
let ctx: ReturnType<typeof cloudContext>;
let cf: CloudFrontClient;

beforeAll(() => {
  clients = new AwsClients(
    { region: "us-east-1" },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  ctx = cloudContext(clients);
  cf = clients.cloudfront();
});
afterAll(() => clients.destroy());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HANDLER = "function handler(event) { return event.request; }";

function filter(prefixes: string[], names: string[] = []): NameFilter {
  return { prefixes, names: new Set(names) };
}

function fnIdentity(name: string): Identity {
  return { name, id: name, region: "us-east-1" };
}

function distIdentity(id: string): Identity {
  return { name: id, id, region: "us-east-1" };
}

async function createFunction(name: string, options: { publish?: boolean; runtime?: FunctionRuntime } = {}) {
  const out = await cf.send(
    new CreateFunctionCommand({
      Name: name,
      FunctionConfig: { Comment: "", Runtime: options.runtime ?? "cloudfront-js-2.0" },
      FunctionCode: new TextEncoder().encode(HANDLER),
    }),
  );
  if (options.publish === true) await cf.send(new PublishFunctionCommand({ Name: name, IfMatch: out.ETag! }));
  return out.FunctionSummary!.FunctionMetadata!.FunctionARN!;
}

let refs = 0;
function config(options: { aliases?: string[]; functionArn?: string; enabled?: boolean } = {}) {
  const aliases = options.aliases ?? [];
  const distribution: DistributionConfig = {
    CallerReference: `handler-test-${++refs}-${Date.now()}`,
    Comment: "handler test",
    Enabled: options.enabled ?? true,
    Aliases: { Quantity: aliases.length, Items: aliases },
    Origins: {
      Quantity: 1,
      Items: [
        { Id: "s3", DomainName: "bucket.s3.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "" } },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: "s3",
      ViewerProtocolPolicy: "redirect-to-https",
      ...(options.functionArn === undefined
        ? {}
        : {
            FunctionAssociations: {
              Quantity: 1,
              Items: [{ FunctionARN: options.functionArn, EventType: "viewer-request" }],
            },
          }),
    },
  };
  return distribution;
}

async function createDistribution(
  options: {
    aliases?: string[];
    functionArn?: string;
    enabled?: boolean;
    tags?: Record<string, string>;
  } = {},
): Promise<{ id: string; arn: string }> {
  const tags = Object.entries(options.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const out = await cf.send(
    new CreateDistributionWithTagsCommand({
      DistributionConfigWithTags: { DistributionConfig: config(options), Tags: { Items: tags } },
    }),
  );
  return { id: out.Distribution!.Id!, arn: out.Distribution!.ARN! };
}

/** Builder entries as state entries. */
function nextjs(options: { domain?: string; cloudfrontFunctionName?: string } = {}) {
  const b = new SstStateBuilder({ account: ACCOUNT });
  const site = b.addNextjs("Web", options);
  return {
    fn: site.cfFunction as unknown as ResourceV3,
    distribution: site.distribution as unknown as ResourceV3,
  };
}

function cloudWith(base: CloudResource, detail: CloudResource["detail"]): CloudResource {
  return { ...base, detail };
}

describe("CloudFront function handler", () => {
  it("names itself and its type", () => {
    expect(cloudfrontFunctionDriver).toMatchObject({
      kind: "cloudfront-function",
      label: "CloudFront function",
      types: ["aws:cloudfront/function:Function"],
      service: "cloudfront",
      global: true,
      taggable: false,
    });
  });

  it("identifies builder entries and ARNs", () => {
    const { fn, distribution } = nextjs({ cloudfrontFunctionName: "web-edge" });
    expect(cloudfrontFunctionDriver.identify(fn, "eu-west-1")).toEqual({
      name: "web-edge",
      id: "web-edge",
      region: "us-east-1",
      arn: `arn:aws:cloudfront::${ACCOUNT}:function/web-edge`,
    });
    const nameless: ResourceV3 = { urn: "u", custom: true, type: fn.type, id: "by-id" };
    expect(cloudfrontFunctionDriver.identify(nameless, "us-east-1")).toEqual({
      name: "by-id",
      id: "by-id",
      region: "us-east-1",
    });
    expect(cloudfrontFunctionDriver.identify({ urn: "u", custom: true, type: fn.type }, "us-east-1")).toBe(
      undefined,
    );

    const arn = `arn:aws:cloudfront::${ACCOUNT}:function/web-edge`;
    expect(cloudfrontFunctionDriver.fromArn(arn)).toEqual({
      name: "web-edge",
      id: "web-edge",
      region: "us-east-1",
      arn,
    });
    expect(cloudfrontFunctionDriver.fromArn(distribution.outputs!.arn as string)).toBe(undefined);
    expect(cloudfrontFunctionDriver.fromArn("arn:aws:lambda:us-east-1:123:function:web-edge")).toBe(
      undefined,
    );
    expect(cloudfrontFunctionDriver.fromArn("not an arn")).toBe(undefined);
  });

  it("reads the LIVE stage of a published function and the DEVELOPMENT stage of an unpublished one", async () => {
    await createFunction("read-live", { publish: true });
    await createFunction("read-draft", { runtime: "cloudfront-js-1.0" });

    const live = await cloudfrontFunctionDriver.read(ctx, fnIdentity("read-live"));
    expect(live).toEqual({
      kind: "cloudfront-function",
      type: "aws:cloudfront/function:Function",
      name: "read-live",
      id: "read-live",
      region: "us-east-1",
      arn: `arn:aws:cloudfront::${ACCOUNT}:function/read-live`,
      tags: {},
      foundBy: "read",
      detail: { runtime: "cloudfront-js-2.0", stage: "LIVE" },
    });
    const draft = await cloudfrontFunctionDriver.read(ctx, fnIdentity("read-draft"));
    expect(draft?.detail).toEqual({ runtime: "cloudfront-js-1.0", stage: "DEVELOPMENT" });
    expect(await cloudfrontFunctionDriver.read(ctx, fnIdentity("read-missing"))).toBe(undefined);
  });

  it("lists by names and prefixes in one walk over every stage, each function once", async () => {
    await createFunction("lst-app-dev-one", { publish: true });
    await createFunction("lst-app-dev-two");
    await createFunction("lst-exact", { publish: true });
    await createFunction("lst-exact-not");
    await createFunction("lst-other");

    const before = sandbox.server().requestCounts.byService.cloudfront?.ListFunctions ?? 0;
    const found = await cloudfrontFunctionDriver.listByName!(
      ctx,
      "eu-west-1",
      filter(["lst-app-dev-"], ["lst-exact"]),
    );
    const after = sandbox.server().requestCounts.byService.cloudfront?.ListFunctions ?? 0;
    expect(after - before).toBe(1);
    expect(found.map((r) => r.name).sort()).toEqual(["lst-app-dev-one", "lst-app-dev-two", "lst-exact"]);
    const one = found.find((r) => r.name === "lst-app-dev-one")!;
    expect(one).toMatchObject({ foundBy: "name", region: "us-east-1", detail: { stage: "LIVE" } });
    expect(found.find((r) => r.name === "lst-app-dev-two")?.detail?.stage).toBe("DEVELOPMENT");
    expect(await cloudfrontFunctionDriver.listByName!(ctx, "us-east-1", filter(["lst-nothing-"]))).toEqual(
      [],
    );
  });

  it("follows NextMarker across pages", async () => {
    // 60 published functions are 120 entries (one per stage): more than one 100-item page.
    for (let i = 0; i < 60; i++)
      await createFunction(`page-fn-${String(i).padStart(2, "0")}`, { publish: true });
    const before = sandbox.server().requestCounts.byService.cloudfront?.ListFunctions ?? 0;
    const found = await cloudfrontFunctionDriver.listByName!(ctx, "us-east-1", filter(["page-fn-"]));
    const after = sandbox.server().requestCounts.byService.cloudfront?.ListFunctions ?? 0;
    expect(after - before).toBeGreaterThan(1);
    expect(found).toHaveLength(60);
    expect(found.every((r) => r.detail?.stage === "LIVE")).toBe(true);
  });

  it("reports runtime and publish drift", async () => {
    const { fn } = nextjs({ cloudfrontFunctionName: "drift-fn" });
    await createFunction("drift-fn", { runtime: "cloudfront-js-1.0" });
    const cloud = (await cloudfrontFunctionDriver.read(ctx, fnIdentity("drift-fn")))!;
    expect(cloudfrontFunctionDriver.drift(fn, cloud)).toEqual([
      { property: "runtime", state: "cloudfront-js-2.0", cloud: "cloudfront-js-1.0" },
      { property: "publish", state: true, cloud: false },
    ]);
    expect(
      cloudfrontFunctionDriver.drift(fn, cloudWith(cloud, { runtime: "cloudfront-js-2.0", stage: "LIVE" })),
    ).toEqual([]);
    // Not publishing leaves a LIVE stage alone.
    const unpublished = {
      ...fn,
      outputs: { ...fn.outputs, publish: false },
      inputs: { ...fn.inputs, publish: false },
    };
    expect(
      cloudfrontFunctionDriver.drift(
        unpublished,
        cloudWith(cloud, { runtime: "cloudfront-js-2.0", stage: "LIVE" }),
      ),
    ).toEqual([]);
  });

  it("deletes an unused function, and says a missing one is already gone", async () => {
    await createFunction("del-unused", { publish: true });
    expect(await gated(cloudfrontFunctionDriver).delete(ctx, fnIdentity("del-unused"))).toEqual({
      deleted: true,
      steps: ["deleted CloudFront function del-unused"],
    });
    const gone = await sdkError(() => cf.send(new DescribeFunctionCommand({ Name: "del-unused" })));
    expect(gone.name).toBe("NoSuchFunctionExists");
    expect(await gated(cloudfrontFunctionDriver).delete(ctx, fnIdentity("del-unused"))).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("leaves a function a distribution uses, and deletes it once the distribution stops using it", async () => {
    const arn = await createFunction("del-in-use", { publish: true });
    const { id } = await createDistribution({ functionArn: arn });

    const refused = await gated(cloudfrontFunctionDriver).delete(ctx, fnIdentity("del-in-use"));
    expect(refused).toEqual({
      deleted: false,
      pending: "still associated with a distribution: delete or update the distribution first",
      steps: [],
    });
    expect((await cloudfrontFunctionDriver.read(ctx, fnIdentity("del-in-use")))?.name).toBe("del-in-use");

    const current = await cf.send(new GetDistributionConfigCommand({ Id: id }));
    await cf.send(
      new UpdateDistributionCommand({
        Id: id,
        IfMatch: current.ETag!,
        DistributionConfig: {
          ...current.DistributionConfig!,
          DefaultCacheBehavior: { TargetOriginId: "s3", ViewerProtocolPolicy: "redirect-to-https" },
        },
      }),
    );
    expect(await gated(cloudfrontFunctionDriver).delete(ctx, fnIdentity("del-in-use"))).toEqual({
      deleted: true,
      steps: ["deleted CloudFront function del-in-use"],
    });
    expect(await cloudfrontFunctionDriver.read(ctx, fnIdentity("del-in-use"))).toBe(undefined);
  });
});

describe("CloudFront distribution handler", () => {
  it("names itself and its type", () => {
    expect(cloudfrontDistributionDriver).toMatchObject({
      kind: "cloudfront-distribution",
      label: "CloudFront distribution",
      types: ["aws:cloudfront/distribution:Distribution"],
      service: "cloudfront",
      global: true,
      taggable: true,
    });
  });

  it("identifies builder entries and ARNs", () => {
    const { fn, distribution } = nextjs({ domain: "www.example.com" });
    const id = distribution.id!;
    expect(id).toMatch(/^E[0-9A-F]{13}$/);
    expect(cloudfrontDistributionDriver.identify(distribution, "eu-west-1")).toEqual({
      name: id,
      id,
      region: "us-east-1",
      arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`,
    });
    expect(
      cloudfrontDistributionDriver.identify({ urn: "u", custom: true, type: distribution.type }, "us-east-1"),
    ).toBe(undefined);

    const arn = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`;
    expect(cloudfrontDistributionDriver.fromArn(arn)).toEqual({
      name: "E2QWRUHAPOMQZL",
      id: "E2QWRUHAPOMQZL",
      region: "us-east-1",
      arn,
    });
    expect(cloudfrontDistributionDriver.fromArn(fn.outputs!.arn as string)).toBe(undefined);
    expect(
      cloudfrontDistributionDriver.fromArn(`arn:aws:cloudfront::${ACCOUNT}:origin-access-identity/X`),
    ).toBe(undefined);
  });

  it("reads aliases (sorted), enabled, status, arn and tags", async () => {
    const { id, arn } = await createDistribution({
      aliases: ["www.read.example.com", "read.example.com"],
      tags: { "sst:app": "acme", "sst:stage": "dev" },
    });
    const read = await cloudfrontDistributionDriver.read(ctx, distIdentity(id));
    expect(read).toEqual({
      kind: "cloudfront-distribution",
      type: "aws:cloudfront/distribution:Distribution",
      name: id,
      id,
      region: "us-east-1",
      arn,
      tags: { "sst:app": "acme", "sst:stage": "dev" },
      foundBy: "read",
      detail: {
        aliases: ["read.example.com", "www.read.example.com"],
        enabled: true,
        status: "InProgress",
      },
    });
    const disabled = await createDistribution({ enabled: false });
    expect((await cloudfrontDistributionDriver.read(ctx, distIdentity(disabled.id)))?.detail).toMatchObject({
      aliases: [],
      enabled: false,
    });
    expect(await cloudfrontDistributionDriver.read(ctx, distIdentity("ENOSUCHDIST000"))).toBe(undefined);
  });

  it("lists by alias (and by id), leaving the others", async () => {
    const site = await createDistribution({ aliases: ["shop.list.example.com"] });
    const exact = await createDistribution({ aliases: ["exact.list.example.com", "zzz.elsewhere.com"] });
    await createDistribution({ aliases: ["other.elsewhere.com"] });
    const byId = await createDistribution();

    const found = await cloudfrontDistributionDriver.listByName!(
      ctx,
      "us-east-1",
      filter(["shop."], ["exact.list.example.com", byId.id]),
    );
    expect(found.map((r) => r.id).sort()).toEqual([site.id, exact.id, byId.id].sort());
    expect(found.find((r) => r.id === exact.id)).toMatchObject({
      name: exact.id,
      foundBy: "name",
      region: "us-east-1",
      detail: { aliases: ["exact.list.example.com", "zzz.elsewhere.com"], enabled: true },
    });
    expect(await cloudfrontDistributionDriver.listByName!(ctx, "us-east-1", filter(["nothing."]))).toEqual(
      [],
    );
  });

  it("follows NextMarker across pages of distributions", async () => {
    const made: string[] = [];
    for (let i = 0; i < 101; i++)
      made.push((await createDistribution({ aliases: [`pg${i}.pages.example.com`] })).id);
    const before = sandbox.server().requestCounts.byService.cloudfront?.ListDistributions ?? 0;
    const found = await cloudfrontDistributionDriver.listByName!(ctx, "us-east-1", filter(["pg"]));
    const after = sandbox.server().requestCounts.byService.cloudfront?.ListDistributions ?? 0;
    expect(after - before).toBeGreaterThan(1);
    expect(found.map((r) => r.id).sort()).toEqual([...made].sort());
  });

  it("reports alias and enabled drift", async () => {
    const { distribution } = nextjs({ domain: "drift.example.com" });
    const { id } = await createDistribution({ aliases: ["drift.example.com"] });
    const cloud = (await cloudfrontDistributionDriver.read(ctx, distIdentity(id)))!;
    expect(cloudfrontDistributionDriver.drift(distribution, cloud)).toEqual([]);

    const changed = cloudWith(cloud, { aliases: ["drift.example.com", "new.example.com"], enabled: false });
    expect(cloudfrontDistributionDriver.drift(distribution, changed)).toEqual([
      { property: "aliases", state: ["drift.example.com"], cloud: ["drift.example.com", "new.example.com"] },
      { property: "enabled", state: true, cloud: false },
    ]);
    // Order does not count.
    const two = {
      ...distribution,
      outputs: { ...distribution.outputs, aliases: ["b.example.com", "a.example.com"] },
    };
    expect(
      cloudfrontDistributionDriver.drift(
        two,
        cloudWith(cloud, { aliases: ["a.example.com", "b.example.com"], enabled: true }),
      ),
    ).toEqual([]);
  });

  it("deletes an enabled distribution over several passes: disable, wait for the deploy, delete", async () => {
    const { id } = await createDistribution({ aliases: ["delete.example.com"] });

    const first = await gated(cloudfrontDistributionDriver).delete(ctx, distIdentity(id));
    expect(first).toEqual({
      deleted: false,
      pending: "disabled; CloudFront is deploying the change — run the cleanup again in a few minutes",
      steps: [`disabled CloudFront distribution ${id}`],
    });
    const now = await cf.send(new GetDistributionCommand({ Id: id }));
    expect(now.Distribution).toMatchObject({ Status: "InProgress", DistributionConfig: { Enabled: false } });

    const deletes = () => sandbox.server().requestCounts.byService.cloudfront?.DeleteDistribution ?? 0;
    const deletesBefore = deletes();
    const second = await gated(cloudfrontDistributionDriver).delete(ctx, distIdentity(id));
    expect(second.deleted).toBe(false);
    expect(second.pending).toMatch(/still deploying/);
    // The status says it is deploying: no delete is attempted.
    expect(deletes()).toBe(deletesBefore);
    expect((await cf.send(new GetDistributionCommand({ Id: id }))).Distribution?.Id).toBe(id);

    await sleep(DELAY_MS + 100);
    expect(await gated(cloudfrontDistributionDriver).delete(ctx, distIdentity(id))).toEqual({
      deleted: true,
      steps: [`deleted CloudFront distribution ${id}`],
    });
    const gone = await sdkError(() => cf.send(new GetDistributionCommand({ Id: id })));
    expect(gone).toMatchObject({ name: "NoSuchDistribution", status: 404 });
    expect(await gated(cloudfrontDistributionDriver).delete(ctx, distIdentity(id))).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("deletes a distribution that is already disabled and deployed in one pass", async () => {
    const out = await cf.send(
      new CreateDistributionCommand({ DistributionConfig: config({ enabled: false }) }),
    );
    const id = out.Distribution!.Id!;
    await sleep(DELAY_MS + 100);
    expect(await gated(cloudfrontDistributionDriver).delete(ctx, distIdentity(id))).toEqual({
      deleted: true,
      steps: [`deleted CloudFront distribution ${id}`],
    });
  });

  it("deleteDistributionAndWait finishes within a few seconds, then the function can go", async () => {
    const arn = await createFunction("wait-edge", { publish: true });
    const { id } = await createDistribution({ aliases: ["wait.example.com"], functionArn: arn });
    const started = Date.now();
    const result = await deleteDistributionAndWait(
      ctx,
      distIdentity(id),
      { pollMs: 100, timeoutMs: 5_000 },
      gated(cloudfrontDistributionDriver).delete,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({
      deleted: true,
      steps: [`disabled CloudFront distribution ${id}`, `deleted CloudFront distribution ${id}`],
    });
    expect(await cloudfrontDistributionDriver.read(ctx, distIdentity(id))).toBe(undefined);
    expect((await gated(cloudfrontFunctionDriver).delete(ctx, fnIdentity("wait-edge"))).deleted).toBe(true);
  });

  it("deleteDistributionAndWait gives up at the timeout with the pending result", async () => {
    const { id } = await createDistribution();
    const result = await deleteDistributionAndWait(
      ctx,
      distIdentity(id),
      { pollMs: 50, timeoutMs: 120 },
      gated(cloudfrontDistributionDriver).delete,
    );
    expect(result.deleted).toBe(false);
    expect(result.pending).toMatch(/deploying/);
    expect(result.steps).toEqual([`disabled CloudFront distribution ${id}`]);
    // Clean up so the distribution does not linger for other tests.
    expect(
      (
        await deleteDistributionAndWait(
          ctx,
          distIdentity(id),
          { pollMs: 100, timeoutMs: 5_000 },
          gated(cloudfrontDistributionDriver).delete,
        )
      ).deleted,
    ).toBe(true);
  });
});
