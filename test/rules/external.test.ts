/**
 * Resources a program reads with `.get()` (`external: true` in its state entry) are someone else's:
 * they make no cloud resource the stage's, are never orphans, missing, stale or name collisions, and
 * the deletion gate refuses to delete what a live state references that way unless it is named.
 * Scanned against the local cloud, judged by the real rules and the real gate.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { judgeDeletion, type DeletionAuthority, type GateFacts } from "../../src/cloud/deletion-gate.js";
import { locateEntries, scanInventory } from "../../src/cloud/inventory.js";
import { runRules, type StageFacts } from "../../src/rules/index.js";
import { namesIn } from "../../src/rules/unmanaged.js";
import type { DeploymentV3 } from "../../src/state/index.js";
import { useSandbox } from "../sandbox/harness.js";
import { sandboxEnv } from "../sandbox/harness.js";
import { APP, HOME, builder, deploymentOf, doctorInput } from "./facts.js";

const sandbox = useSandbox();

const TABLE = "aws:dynamodb/table:Table";

/** dev deploys the Orders table; staging reads the same table with `.get()`. */
function states(): { dev: DeploymentV3; staging: DeploymentV3; tableName: string } {
  const devB = builder("dev");
  const { table } = devB.addDynamo("Orders");
  const stagingB = builder("staging");
  const { table: ref } = stagingB.addDynamo("Orders");
  // What `aws.dynamodb.Table.get("Orders", id)` leaves: the same id, marked external.
  ref.id = table.id;
  (ref.inputs as Record<string, unknown>).name = table.id;
  (ref.outputs as Record<string, unknown>).name = table.id;
  ref.external = true;
  return { dev: deploymentOf(devB), staging: deploymentOf(stagingB), tableName: table.id as string };
}

async function createTable(name: string, stage: string): Promise<void> {
  const dynamo = new DynamoDBClient(sandbox.config(HOME));
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
        Tags: [
          { Key: "sst:app", Value: APP },
          { Key: "sst:stage", Value: stage },
        ],
      }),
    );
  } finally {
    dynamo.destroy();
  }
}

async function scan(stages: { stage: string; deployment: DeploymentV3 | undefined }[]) {
  const clients = new AwsClients({ region: HOME }, sandboxEnv(sandbox));
  try {
    return await scanInventory(cloudContext(clients), {
      app: APP,
      homeRegion: HOME,
      stages,
      knownStages: stages.map((s) => s.stage),
    });
  } finally {
    clients.destroy();
  }
}

function facts(stage: string, deployment: DeploymentV3, inventory: StageFacts["inventory"]): StageFacts {
  return {
    stage,
    deployment,
    history: [],
    inventory,
    lock: undefined,
    integrity: [],
    otherHomes: [],
  };
}

describe("external entries (.get())", () => {
  it("are located apart from the stage's own entries", () => {
    const { staging } = states();
    const { located, external, unknown } = locateEntries(staging, HOME);
    expect(located.map((l) => l.resource.type)).not.toContain(TABLE);
    expect(external.map((l) => l.resource.type)).toEqual([TABLE]);
    expect(unknown.size).toBe(0);
    // Nor do they give the deployment a name (older versions, other homes).
    expect([...namesIn(staging).keys()].some((k) => k.startsWith("dynamodb-table|"))).toBe(false);
  });

  it("make no cloud resource the stage's: no managed, missing, orphan or name-collision finding", async () => {
    sandbox.server().reset();
    const { dev, staging, tableName } = states();
    // The shared table is tagged for staging (made there once, then handed over): still not an orphan.
    await createTable(tableName, "staging");
    const r = await scan([
      { stage: "dev", deployment: dev },
      { stage: "staging", deployment: staging },
    ]);
    expect(r.incomplete).toEqual([]);
    const stagingEntries = r.stages.find((s) => s.stage === "staging")!.entries;
    expect(stagingEntries.filter((e) => e.name === tableName)).toEqual([]);
    const devEntries = r.stages.find((s) => s.stage === "dev")!.entries;
    expect(devEntries.find((e) => e.name === tableName)?.status).toBe("managed");

    const findings = runRules(
      doctorInput([facts("dev", dev, r.stages[0]), facts("staging", staging, r.stages[1])]),
    );
    const about = findings.filter((f) => f.resources.some((x) => x.name === tableName));
    expect(about.map((f) => `${f.rule}:${f.stage}`)).toEqual([]);
  });

  it("of a resource that does not exist are not missing (never stale, never dropped)", async () => {
    sandbox.server().reset();
    const { staging, tableName } = states();
    const r = await scan([{ stage: "staging", deployment: staging }]);
    expect(r.stages[0]!.entries.filter((e) => e.name === tableName)).toEqual([]);
    const findings = runRules(doctorInput([facts("staging", staging, r.stages[0])]));
    expect(findings.filter((f) => f.resources.some((x) => x.name === tableName))).toEqual([]);
  });

  it("a pending read of an external resource is no pending create", async () => {
    sandbox.server().reset();
    const b = builder("qa");
    const op = b.addPendingCreate(TABLE, "SharedTable", { name: "shared-table" });
    op.external = true;
    const deployment = deploymentOf(b);
    for (const p of deployment.pending_operations ?? []) p.type = "reading";
    await createTable("shared-table", "qa");
    const r = await scan([{ stage: "qa", deployment }]);
    expect(r.stages[0]!.entries.filter((e) => e.name === "shared-table")).toEqual([]);
  });

  it("the gate refuses deleting what a live state reads with .get(), unless cleanup names it", () => {
    const { staging, tableName } = states();
    const target = { stage: "staging", type: TABLE, name: tableName, id: tableName, region: HOME };
    const gate: GateFacts = {
      app: APP,
      homeRegion: HOME,
      stages: [
        { stage: "staging", current: staging, older: [] },
        { stage: "dev", current: undefined, older: [] },
      ],
    };
    const all: DeletionAuthority = {
      command: "cleanup",
      confirmed: ["dev", "staging"],
      confirmProtected: false,
    };
    // Not "managed" by staging (a deploy would not remove it), but referenced.
    expect(judgeDeletion(target, all, gate)?.code).toBe("DELETE_REFERENCED_EXTERNALLY");
    expect(judgeDeletion({ ...target, stage: "dev" }, all, gate)?.code).toBe("DELETE_REFERENCED_EXTERNALLY");
    for (const command of ["fix", "apply"] as const) {
      expect(judgeDeletion(target, { ...all, command, named: [tableName] }, gate)?.code).toBe(
        "DELETE_REFERENCED_EXTERNALLY",
      );
    }
    expect(judgeDeletion(target, { ...all, named: [tableName] }, gate)).toBeUndefined();
    // A removed stage's old reference holds nothing back.
    const removed: GateFacts = {
      ...gate,
      stages: [{ stage: "staging", current: undefined, older: [{ id: "v1", deployment: staging }] }],
    };
    expect(judgeDeletion(target, all, removed)).toBeUndefined();
    // Nor does an external entry count as the stage's own (DELETE_MANAGED) or as retained.
    const marked = structuredClone(staging);
    for (const r of marked.resources ?? []) if (r.external === true) r.retainOnDelete = true;
    expect(
      judgeDeletion(
        target,
        { ...all, named: [tableName] },
        { ...gate, stages: [{ stage: "staging", current: marked, older: [] }] },
      ),
    ).toBeUndefined();
  });
});
