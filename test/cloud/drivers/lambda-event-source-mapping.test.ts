/**
 * The Lambda event source mapping driver against the local cloud, through the real SDK: read by UUID
 * and by (function, source) pair, listing by the stage's function-name prefix (paged) and by exact
 * names, the gated delete (mappings outlive their function), and doctor finding a pending create of
 * the type whose pair is taken (fixed by the adopt it prints) and an orphan mapping of the stage.
 */
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { eventSourceMappingDriver as driver } from "../../../src/cloud/drivers/lambda-event-source-mapping.js";
import { ACME, seedAcme } from "../../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sandboxEnv, useSandbox, putStageState } from "../../sandbox/harness.js";
import { cli, gated, smallPages } from "../../helpers.js";

const sandbox = useSandbox();
const REGION = "us-east-1";
const ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");
const made: AwsClients[] = [];

function awsClients(pageSize?: number): AwsClients {
  const clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  made.push(clients);
  if (pageSize !== undefined)
    smallPages(clients.lambda(), "ListEventSourceMappingsCommand", "MaxItems", pageSize);
  return clients;
}

let lambda: LambdaClient;
let account = "";
beforeAll(async () => {
  lambda = new LambdaClient(sandbox.config(REGION));
  account = sandbox.server().accountId;
  await seedAcme({ url: sandbox.server().url }, account);
}, 30_000);
afterAll(() => {
  lambda.destroy();
  for (const c of made) c.destroy();
});

const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${account}:${name}`;

async function fn(name: string) {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: `arn:aws:iam::${account}:role/r`,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: ZIP },
    }),
  );
}

async function mapping(fnName: string, queue: string, batch = 10): Promise<string> {
  const got = await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: fnName,
      EventSourceArn: queueArn(queue),
      BatchSize: batch,
    }),
  );
  return got.UUID!;
}

describe("lambda-event-source-mapping driver", () => {
  it("reads a mapping by UUID and by its (function, source) pair; undefined when there is none", async () => {
    await fn("shop-dev-Sub-abcdefgh");
    const uuid = await mapping("shop-dev-Sub-abcdefgh", "shop-dev-Jobs", 5);
    const ctx = cloudContext(awsClients());
    const name = `shop-dev-Sub-abcdefgh|${queueArn("shop-dev-Jobs")}`;
    const byUuid = await driver.read(ctx, { name: uuid, id: uuid, region: REGION });
    expect(byUuid).toMatchObject({
      kind: "lambda-event-source-mapping",
      type: "aws:lambda/eventSourceMapping:EventSourceMapping",
      name,
      id: uuid,
      region: REGION,
      arn: `arn:aws:lambda:${REGION}:${account}:event-source-mapping:${uuid}`,
      foundBy: "read",
      detail: { batchSize: 5, enabled: true, maximumBatchingWindowInSeconds: 0 },
    });
    // A pending create has no UUID: its pair finds the mapping.
    expect((await driver.read(ctx, { name, id: name, region: REGION }))?.id).toBe(uuid);
    const other = `shop-dev-Sub-abcdefgh|${queueArn("shop-dev-Other")}`;
    expect(await driver.read(ctx, { name: other, id: other, region: REGION })).toBeUndefined();
    const gone = "00000000-0000-4000-8000-000000000000";
    expect(await driver.read(ctx, { name: gone, id: gone, region: REGION })).toBeUndefined();
  });

  it("lists by the stage's function-name prefix (across pages) and by exact names", async () => {
    for (let i = 0; i < 3; i++) {
      await fn(`list-dev-F${i}`);
      await mapping(`list-dev-F${i}`, "list-dev-A");
      await mapping(`list-dev-F${i}`, "list-dev-B");
    }
    await fn("list-prod-F0");
    await mapping("list-prod-F0", "list-prod-A");
    await fn("other-dev-Fixed");
    await mapping("other-dev-Fixed", "other-dev-Q");
    const ctx = cloudContext(awsClients(2));
    const listed = await driver.listByName!(ctx, REGION, { prefixes: ["list-dev-"], names: new Set() });
    expect(listed.map((r) => r.name.split("|")[0]).sort()).toEqual([
      "list-dev-F0",
      "list-dev-F0",
      "list-dev-F1",
      "list-dev-F1",
      "list-dev-F2",
      "list-dev-F2",
    ]);
    expect(listed.every((r) => r.foundBy === "name")).toBe(true);
    // Eight mappings at two a page: the region-wide walk took at least four pages.
    expect(ctx.counts.byService.lambda).toBeGreaterThanOrEqual(4);
    // Exact names only: ListEventSourceMappings by each function name (no region-wide walk).
    const exact = await driver.listByName!(ctx, REGION, {
      prefixes: [],
      names: new Set([`other-dev-Fixed|${queueArn("other-dev-Q")}`, `missing-dev-F|${queueArn("x")}`]),
    });
    expect(exact.map((r) => r.name)).toEqual([`other-dev-Fixed|${queueArn("other-dev-Q")}`]);
  });

  it("deletes through the deletion gate; a mapping outlives its function", async () => {
    await fn("del-dev-Sub");
    const uuid = await mapping("del-dev-Sub", "del-dev-Jobs");
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "del-dev-Sub" }));
    const ctx = cloudContext(awsClients());
    const at = { name: uuid, id: uuid, region: REGION };
    expect((await driver.read(ctx, at))?.name).toBe(`del-dev-Sub|${queueArn("del-dev-Jobs")}`);
    // Without the gate's permit: nothing is sent.
    await expect(driver.delete(ctx, at, undefined as never)).rejects.toThrow();
    const result = await gated(driver).delete(ctx, at);
    expect(result.deleted).toBe(true);
    expect(result.steps[0]).toMatch(new RegExp(`^deleted event source mapping ${uuid} \\(del-dev-Sub ← `));
    expect(await driver.read(ctx, at)).toBeUndefined();
    expect(await gated(driver).delete(ctx, at)).toEqual({ deleted: true, steps: ["already gone"] });
  });
});

describe("doctor on a stage with event source mappings", () => {
  it("finds a pending create whose pair is taken, and an orphan mapping of the stage", async () => {
    const b = new SstStateBuilder({ app: ACME.app, stage: "qa", account, region: REGION });
    b.addPendingCreate("aws:lambda/eventSourceMapping:EventSourceMapping", "JobsSubscriber", {
      functionName: "acme-qa-JobsSubscriber-abcdefgh",
      eventSourceArn: queueArn("acme-qa-Jobs-abcdefgh"),
      batchSize: 10,
    });
    await fn("acme-qa-JobsSubscriber-abcdefgh");
    await mapping("acme-qa-JobsSubscriber-abcdefgh", "acme-qa-Jobs-abcdefgh");
    // A mapping left by a subscriber the program dropped (its function is gone too).
    await fn("acme-qa-OldSubscriber-hkmnorst");
    await mapping("acme-qa-OldSubscriber-hkmnorst", "acme-qa-Old-hkmnorst");
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "acme-qa-OldSubscriber-hkmnorst" }));
    await putStageState(sandbox, ACME.app, "qa", b);
    const r = await cli(["doctor", "--app", ACME.app, "--stage", "qa", "--json"], sandboxEnv(sandbox));
    const report = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[] }[];
    };
    const byRule = (rule: string) =>
      report.findings
        .filter((f) => f.rule === rule)
        .flatMap((f) =>
          f.resources
            .filter((x) => x.type === "aws:lambda/eventSourceMapping:EventSourceMapping")
            .map((x) => x.name),
        );
    expect(byRule("pending-create")).toEqual([
      `acme-qa-JobsSubscriber-abcdefgh|${queueArn("acme-qa-Jobs-abcdefgh")}`,
    ]);
    expect(byRule("orphan")).toEqual([`acme-qa-OldSubscriber-hkmnorst|${queueArn("acme-qa-Old-hkmnorst")}`]);

    // The printed fix works: adopting by the UUID doctor shows, the pending create is no longer a finding.
    const pending = report.findings.find(
      (f) => f.rule === "pending-create" && f.resources.some((x) => x.type.includes("eventSourceMapping")),
    ) as { fix: string[] } | undefined;
    const fix = pending!.fix[0]!;
    expect(fix).toMatch(
      /^stateward adopt aws:lambda\/eventSourceMapping:EventSourceMapping [0-9a-f-]{36} --urn /,
    );
    const adopted = await cli([...fix.split(" ").slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    const again = await cli(["doctor", "--app", ACME.app, "--stage", "qa", "--json"], sandboxEnv(sandbox));
    const after = (JSON.parse(again.stdout) as typeof report).findings.filter(
      (f) => f.rule === "pending-create" && f.resources.some((x) => x.type.includes("eventSourceMapping")),
    );
    expect(after).toEqual([]);
  }, 60_000);
});
