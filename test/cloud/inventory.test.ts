/**
 * The scanner against the local cloud seeded with the acme scenario: what it finds per stage, what it
 * never attributes to a stage, how its calls grow, and how it behaves under injected faults.
 */
import { CloudWatchLogsClient, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { SstHomeBackend } from "../../src/backends/sst-home.js";
import { S3Store } from "../../src/backends/s3-store.js";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { scanInventory } from "../../src/cloud/inventory.js";
import type { InventoryEntry, InventoryResult, StageInput } from "../../src/facts/inventory.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);

async function stageInput(clients: AwsClients, stage: string): Promise<StageInput> {
  const backend = new SstHomeBackend(
    new S3Store(clients.s3(), ACME.stateBucket),
    ACME.app,
    stage,
    ACME.homeRegion,
  );
  return { stage, deployment: (await backend.readState())?.doc.deployment };
}

/** Scans `stages` (the others of acme own what they hold), with a fresh call count. */
async function scan(stages: string[], requestTimeoutMs?: number): Promise<InventoryResult> {
  const clients = new AwsClients(
    requestTimeoutMs === undefined
      ? { region: ACME.homeRegion }
      : { region: ACME.homeRegion, requestTimeoutMs },
    env(),
  );
  try {
    const all = ["dev", "staging", "production"];
    const inputs = await Promise.all(all.map((s) => stageInput(clients, s)));
    return await scanInventory(cloudContext(clients), {
      app: ACME.app,
      homeRegion: ACME.homeRegion,
      stages: inputs.filter((i) => stages.includes(i.stage)),
      others: inputs.filter((i) => !stages.includes(i.stage)),
      knownStages: all,
    });
  } finally {
    clients.destroy();
  }
}

const brief = (e: InventoryEntry) =>
  `${e.status} ${e.kind} ${e.name}${e.pending === undefined ? "" : ` pending:${e.pending}`}${e.otherStage === undefined ? "" : ` owner:${e.otherStage}`}`;
const notManaged = (r: InventoryResult, stage: string) =>
  r.stages
    .find((s) => s.stage === stage)!
    .entries.filter((e) => e.status !== "managed")
    .map(brief)
    .sort();

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("the acme scenario", () => {
  it("finds each stage's pending create, leftovers, orphans and missing resources, and nothing else", async () => {
    const r = await scan(["dev", "staging", "production"]);
    expect(r.incomplete).toEqual([]);
    expect(notManaged(r, "dev")).toEqual([
      // Case 8: the role the stray us-west-2 deploy of dev made (IAM is global); dev's home here does not hold it.
      "unmanaged iam-role acme-dev-ApiRole-demareco",
      // Case 1: a killed deploy's log group.
      "unmanaged log-group /aws/lambda/acme-dev-WorkerFunction-bcdwmsew pending:creating",
    ]);
    expect(notManaged(r, "staging")).toEqual([
      // Case 6: deleted by hand, still in state.
      "missing iam-role acme-staging-ApiRole-vsunebso",
      // Case 5: staging wants the name dev's state holds.
      "unmanaged cloudfront-function acme-WebRewrite pending:creating owner:dev",
    ]);
    expect(notManaged(r, "production")).toEqual([
      "unmanaged dynamodb-table acme-production-SessionsTable-btvzwchr",
      "unmanaged iam-role acme-production-ReportsRole-kxktnhbr",
      "unmanaged lambda-function acme-production-ReportsFunction-rasnzuxz",
      "unmanaged log-group /aws/lambda/acme-production-ReportsFunction-wwtkvcvk",
      "unmanaged route53-record status.acme.example",
      "unmanaged ses-identity alerts@acme.example",
    ]);
    const prod = r.stages.find((s) => s.stage === "production")!;
    const managed = prod.entries.filter((e) => e.status === "managed");
    expect(managed.length).toBeGreaterThan(5);
    for (const e of managed) expect(e.urn).toMatch(/^urn:pulumi:production::acme::/);
    const record = prod.entries.find((e) => e.kind === "route53-record" && e.status === "unmanaged")!;
    expect(record.foundBy).toBe("name");
  });

  it("scanning one stage gives that stage the same inventory as scanning all of them", async () => {
    const all = await scan(["dev", "staging", "production"]);
    const one = await scan(["production"]);
    const entries = (r: InventoryResult) =>
      r.stages
        .find((s) => s.stage === "production")!
        .entries.map(brief)
        .sort();
    expect(entries(one)).toEqual(entries(all));
  });
});

describe("attribution", () => {
  it("never gives a stage what other apps and stages own, whatever their names look like", async () => {
    const config = sandbox.config(ACME.homeRegion);
    const iam = new IAMClient(config);
    const lambda = new LambdaClient(config);
    const dynamo = new DynamoDBClient(config);
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    // Stage dev-2 shares dev's name prefix; other-app shares its stage.
    await iam.send(
      new CreateRoleCommand({ RoleName: "acme-dev-2-ApiRole-aaaaaaaa", AssumeRolePolicyDocument: trust }),
    );
    await iam.send(
      new CreateRoleCommand({ RoleName: "other-dev-ApiRole-bbbbbbbb", AssumeRolePolicyDocument: trust }),
    );
    const fn = (name: string, tags: Record<string, string>) =>
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Role: "arn:aws:iam::123456789012:role/x",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: Buffer.from("504b0506000000000000000000000000000000000000", "hex") },
          Tags: tags,
        }),
      );
    await fn("acme-dev-2-ApiFunction-cccccccc", { "sst:app": "acme", "sst:stage": "dev-2" });
    // Named like dev, tagged for staging: the tags decide.
    await fn("acme-dev-Sneaky-dddddddd", { "sst:app": "acme", "sst:stage": "staging" });
    await dynamo.send(
      new CreateTableCommand({
        TableName: "other-dev-OrdersTable-eeeeeeee",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
        Tags: [
          { Key: "sst:app", Value: "other" },
          { Key: "sst:stage", Value: "dev" },
        ],
      }),
    );
    iam.destroy();
    lambda.destroy();
    dynamo.destroy();

    const r = await scan(["dev", "staging"]);
    const dev = notManaged(r, "dev").join("\n");
    for (const name of ["acme-dev-2-", "other-dev-", "acme-dev-Sneaky"]) expect(dev).not.toContain(name);
    expect(notManaged(r, "staging")).toContain("unmanaged lambda-function acme-dev-Sneaky-dddddddd");
  });

  it("a pending create of a name nobody made is missing, not unmanaged", async () => {
    const clients = new AwsClients({ region: ACME.homeRegion }, env());
    const b = new SstStateBuilder({ app: ACME.app, stage: "qa", account: sandbox.server().accountId });
    b.addFunction("Api");
    b.addPendingCreate("aws:dynamodb/table:Table", "JobsTable", { name: "acme-qa-JobsTable-ffffffff" });
    const deployment = (b.versioned() as { checkpoint: { latest: StageInput["deployment"] } }).checkpoint
      .latest;
    const r = await scanInventory(cloudContext(clients), {
      app: ACME.app,
      homeRegion: ACME.homeRegion,
      stages: [{ stage: "qa", deployment }],
    });
    clients.destroy();
    const entries = r.stages[0]!.entries;
    expect(entries.find((e) => e.pending === "creating")).toMatchObject({
      status: "missing",
      kind: "dynamodb-table",
      name: "acme-qa-JobsTable-ffffffff",
    });
    // Nothing of qa exists: every entry of its state is missing, found by a read where tags could not tell.
    expect(entries.filter((e) => e.status === "managed")).toEqual([]);
  });
});

describe("cost", () => {
  it("grows with pages, not resources: 250 more tables of the stage cost a few tagging pages", async () => {
    const before = await scan(["production"]);
    const dynamo = new DynamoDBClient(sandbox.config(ACME.homeRegion));
    for (let i = 0; i < 250; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, j) =>
          dynamo.send(
            new CreateTableCommand({
              TableName: `acme-production-Extra${i + j}Table-gggggggg`,
              KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
              AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
              BillingMode: "PAY_PER_REQUEST",
              Tags: [
                { Key: "sst:app", Value: "acme" },
                { Key: "sst:stage", Value: "production" },
              ],
            }),
          ),
        ),
      );
    }
    dynamo.destroy();
    const after = await scan(["production"]);
    const extra = after.stages[0]!.entries.filter((e) => e.name.includes("-Extra"));
    expect(extra).toHaveLength(250);
    expect(extra.every((e) => e.status === "unmanaged" && e.foundBy === "tag")).toBe(true);
    // 100 resources per tagging page: 250 more cost at most 3 more calls.
    expect(after.calls.total - before.calls.total).toBeLessThanOrEqual(3);
    expect(after.calls.total).toBeLessThan(30);
  });
});

describe("faults", () => {
  it("20% throttling and 5% 5xx: the same inventory as without faults", async () => {
    const clean = await scan(["dev", "staging", "production"]);
    sandbox.server().faults.configure({ seed: 7, rules: [{ throttleRate: 0.2, errorRate: 0.05 }] });
    try {
      const faulty = await scan(["dev", "staging", "production"]);
      expect(faulty.incomplete).toEqual([]);
      const all = (r: InventoryResult) =>
        r.stages.flatMap((s) => s.entries.map((e) => `${s.stage} ${brief(e)}`)).sort();
      expect(all(faulty)).toEqual(all(clean));
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 60_000);

  it("a service that always fails makes the scan incomplete (exit 5), and its resources are not called missing", async () => {
    sandbox.server().faults.configure({ seed: 1, rules: [{ service: "logs", errorRate: 1 }] });
    try {
      const r = await scan(["dev"]);
      expect(r.incomplete.length).toBeGreaterThan(0);
      expect(r.incomplete.every((i) => i.kind === "log-group" && i.region === "us-east-1")).toBe(true);
      expect(r.stages[0]!.entries.filter((e) => e.kind === "log-group" && e.status === "missing")).toEqual(
        [],
      );

      const run = await cli(["scan", "--app", "acme", "--stage", "dev", "--json"], env());
      expect(run.code).toBe(5);
      const doc = JSON.parse(run.stdout) as { incomplete: { kind: string }[] };
      expect(doc.incomplete.map((i) => i.kind)).toContain("log-group");
      const human = await cli(["scan", "--app", "acme", "--stage", "dev"], env());
      expect(human.code).toBe(5);
      expect(human.stdout).toMatch(/Incomplete/);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 120_000);
});

describe("a tag walk that fails", () => {
  it("leaves its kinds not looked up — no read per resource, none called missing — and the scan incomplete", async () => {
    const clean = await scan(["dev", "staging", "production"]);
    const tableReads = (r: InventoryResult) => r.calls.byService.dynamodb ?? 0;
    const tables = (r: InventoryResult) =>
      r.stages.flatMap((st) => st.entries.filter((e) => e.kind === "dynamodb-table"));
    expect(tables(clean).length).toBeGreaterThan(0);
    sandbox.server().faults.configure({ seed: 3, rules: [{ service: "tagging", errorRate: 1 }] });
    try {
      const r = await scan(["dev", "staging", "production"]);
      expect(r.incomplete.map((i) => i.kind)).toContain("dynamodb-table");
      // Before: every table in the three states was read one by one after the walk failed.
      expect(tableReads(r)).toBe(0);
      expect(tables(r).filter((e) => e.status === "missing" && e.pending === undefined)).toEqual([]);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 120_000);
});

describe("drift", () => {
  it("with drift on, a managed resource changed outside the state shows the property that differs", async () => {
    const clients = new AwsClients({ region: ACME.homeRegion }, env());
    const dev = await stageInput(clients, "dev");
    const group = dev.deployment!.resources!.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")!;
    const name = group.outputs!.name as string;
    const logs = new CloudWatchLogsClient(sandbox.config(ACME.homeRegion));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 3 }));
    logs.destroy();
    const r = await scanInventory(cloudContext(clients), {
      app: ACME.app,
      homeRegion: ACME.homeRegion,
      stages: [dev],
      drift: true,
    });
    clients.destroy();
    const entries = r.stages[0]!.entries;
    const drifted = entries.filter((e) => (e.drift?.length ?? 0) > 0);
    expect(drifted.map((e) => e.name)).toEqual([name]);
    expect(drifted[0]!.drift).toEqual([
      { property: "retentionInDays", state: group.outputs!.retentionInDays, cloud: 3 },
    ]);
    // Without it, nothing is read for drift.
    const plain = await scan(["dev"]);
    expect(plain.stages[0]!.entries.some((e) => e.drift !== undefined)).toBe(false);
  });
});

describe("timeouts", () => {
  it("a call that does not answer in time fails after retries, and the scan says it is incomplete", async () => {
    sandbox.server().faults.configure({ rules: [{ service: "iam", latencyMs: 1_500 }] });
    try {
      const started = Date.now();
      const r = await scan(["staging"], 200);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(r.incomplete).toEqual([
        {
          kind: "iam-role",
          region: "us-east-1",
          error: expect.stringMatching(/no answer in time/) as unknown,
        },
      ]);
      // The role staging lost (case 6) is not reported missing: nobody could look.
      expect(r.stages[0]!.entries.some((e) => e.kind === "iam-role")).toBe(false);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 30_000);
});

describe("stateward scan", () => {
  it("prints the inventory of a stage, and of every stage with --all-stages", async () => {
    const one = await cli(["scan", "--app", "acme", "--stage", "staging", "--json"], env());
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.stdout) as {
      stages: { stage: string; entries: InventoryEntry[] }[];
      calls: { total: number };
    };
    expect(doc.stages.map((s) => s.stage)).toEqual(["staging"]);
    expect(doc.calls.total).toBeGreaterThan(0);
    const all = await cli(["scan", "--app", "acme", "--stage", "staging", "--all-stages"], env());
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Stage dev/);
    expect(all.stdout).toMatch(/Stage production/);
    expect(all.stdout).toMatch(/acme-WebRewrite/);
  });
});
