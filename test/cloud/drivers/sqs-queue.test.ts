/**
 * The SQS queue driver against the local cloud, through the real SDK: read (URL as id, drift detail,
 * tags), listing by name prefix and exact names (paged), the gated delete (and SQS's 60-second hold on
 * a deleted name), and doctor finding a stage's pending create and orphan of the type.
 */
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { sqsQueueDriver } from "../../../src/cloud/drivers/sqs.js";
import { ACME, seedAcme } from "../../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sandboxEnv, useSandbox, putStageState } from "../../sandbox/harness.js";
import { cli, gated, smallPages } from "../../helpers.js";

const sandbox = useSandbox();
const REGION = "us-east-1";
const made: AwsClients[] = [];

function awsClients(pageSize?: number): AwsClients {
  const clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  made.push(clients);
  if (pageSize !== undefined) smallPages(clients.sqs(), "ListQueuesCommand", "MaxResults", pageSize);
  return clients;
}

let sqs: SQSClient;
let account = "";
beforeAll(async () => {
  sqs = new SQSClient(sandbox.config(REGION));
  account = sandbox.server().accountId;
  await seedAcme({ url: sandbox.server().url }, account);
}, 30_000);
afterAll(() => {
  sqs.destroy();
  for (const c of made) c.destroy();
});

const urlOf = (name: string) => `https://sqs.${REGION}.amazonaws.com/${account}/${name}`;
const at = (name: string) => ({ name, id: name, region: REGION });

async function createQueue(
  name: string,
  attributes: Record<string, string> = {},
  tags?: Record<string, string>,
) {
  await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags }));
}

describe("sqs-queue driver", () => {
  it("reads a queue: URL id, ARN, tags and the drift detail; undefined when there is none", async () => {
    await createQueue("shop-dev-Jobs-abcdefgh", { VisibilityTimeout: "300" }, { "sst:stage": "dev" });
    await createQueue("shop-dev-Events.fifo", { FifoQueue: "true" });
    const ctx = cloudContext(awsClients());
    expect(await sqsQueueDriver.read(ctx, at("shop-dev-Jobs-abcdefgh"))).toEqual({
      kind: "sqs-queue",
      type: "aws:sqs/queue:Queue",
      name: "shop-dev-Jobs-abcdefgh",
      id: urlOf("shop-dev-Jobs-abcdefgh"),
      region: REGION,
      arn: `arn:aws:sqs:${REGION}:${account}:shop-dev-Jobs-abcdefgh`,
      tags: { "sst:stage": "dev" },
      foundBy: "read",
      detail: {
        fifoQueue: false,
        delaySeconds: 0,
        visibilityTimeoutSeconds: 300,
        messageRetentionSeconds: 345600,
      },
    });
    expect((await sqsQueueDriver.read(ctx, at("shop-dev-Events.fifo")))?.detail?.fifoQueue).toBe(true);
    expect(await sqsQueueDriver.read(ctx, at("shop-dev-Nope"))).toBeUndefined();
  });

  it("lists by name prefix and exact name, across pages", async () => {
    for (let i = 0; i < 5; i++) await createQueue(`list-dev-Q${i}`);
    await createQueue("list-prod-Q0");
    await createQueue("other-dev-Fixed");
    const ctx = cloudContext(awsClients(2));
    const listed = await sqsQueueDriver.listByName!(ctx, REGION, {
      prefixes: ["list-dev-"],
      names: new Set(["other-dev-Fixed", "other-dev-Missing"]),
    });
    expect(listed.map((r) => r.name).sort()).toEqual([
      "list-dev-Q0",
      "list-dev-Q1",
      "list-dev-Q2",
      "list-dev-Q3",
      "list-dev-Q4",
      "other-dev-Fixed",
    ]);
    // Five list-dev- queues at two a page: the listing walked at least three pages.
    expect(ctx.counts.byService.sqs).toBeGreaterThanOrEqual(3);
    expect(listed.find((r) => r.name === "list-dev-Q3")).toMatchObject({
      id: urlOf("list-dev-Q3"),
      arn: `arn:aws:sqs:${REGION}:${account}:list-dev-Q3`,
      foundBy: "name",
    });
  });

  it("deletes through the deletion gate; the name is then held for 60 seconds", async () => {
    await createQueue("del-dev-Jobs");
    const ctx = cloudContext(awsClients());
    const result = await gated(sqsQueueDriver).delete(ctx, at("del-dev-Jobs"));
    expect(result.deleted).toBe(true);
    expect(result.steps[0]).toMatch(/^deleted queue del-dev-Jobs; SQS keeps the name for 60 seconds/);
    expect(await sqsQueueDriver.read(ctx, at("del-dev-Jobs"))).toBeUndefined();
    await expect(createQueue("del-dev-Jobs")).rejects.toMatchObject({ name: "QueueDeletedRecently" });
    expect(await gated(sqsQueueDriver).delete(ctx, at("del-dev-Jobs"))).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
    // Without the gate's permit: nothing is sent.
    await expect(sqsQueueDriver.delete(ctx, at("del-dev-Jobs"), undefined as never)).rejects.toThrow();
  });
});

describe("doctor on a stage with queues", () => {
  it("finds a pending create whose queue exists, and an orphan queue of the stage", async () => {
    const b = new SstStateBuilder({ app: ACME.app, stage: "qa", account, region: REGION });
    b.addPendingCreate("aws:sqs/queue:Queue", "JobsQueue", { name: "acme-qa-JobsQueue-abcdefgh" });
    await createQueue("acme-qa-JobsQueue-abcdefgh");
    // SST tags what it creates (the provider's default tags): an orphan is found by its tags.
    await createQueue("acme-qa-OldQueue-hkmnorst", {}, { "sst:app": ACME.app, "sst:stage": "qa" });
    await putStageState(sandbox, ACME.app, "qa", b);
    const r = await cli(["doctor", "--app", ACME.app, "--stage", "qa", "--json"], sandboxEnv(sandbox));
    const report = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[] }[];
    };
    const byRule = (rule: string) =>
      report.findings
        .filter((f) => f.rule === rule)
        .flatMap((f) => f.resources.filter((x) => x.type === "aws:sqs/queue:Queue").map((x) => x.name));
    expect(byRule("pending-create")).toEqual(["acme-qa-JobsQueue-abcdefgh"]);
    expect(byRule("orphan")).toEqual(["acme-qa-OldQueue-hkmnorst"]);
  }, 60_000);
});
