/**
 * Verdicts that say what is true: every pending operation is a blocker, checked or not
 * (pending-operation for those no lookup settled); a removed stage's leftovers are to clean up
 * (removed-stage-leftover), not orphans to adopt; coverage counts what was and was not checked.
 */
import { describe, expect, it } from "vitest";
import { coverageLine } from "../../src/report/doctor.js";
import { coverageOf, quote, runRules } from "../../src/rules/index.js";
import { orphan } from "../../src/rules/orphan.js";
import { pendingCreate } from "../../src/rules/pending-create.js";
import { pendingOperation } from "../../src/rules/pending-operation.js";
import { removedStageLeftover } from "../../src/rules/removed-stage-leftover.js";
import { retainedLeftover } from "../../src/rules/retained-leftover.js";
import { makeUpdateId, type DeploymentV3 } from "../../src/state/index.js";
import { APP, builder, deploymentOf, doctorInput, entry, entryOf, flags, stage, stageTags } from "./facts.js";

const TABLE = "aws:dynamodb/table:Table";
/** A type stateward has neither a kind nor a Cloud Control mapping for. */
const UNCHECKED = "aws:gamelift/fleet:Fleet";
const LATER = new Date("2025-03-12T08:00:00.000Z");

describe("pending-operation", () => {
  it("a pending create of a type stateward does not check is a blocker, never 'no problems'", () => {
    const b = builder("dev");
    const op = b.addPendingCreate(UNCHECKED, "Emails", { name: "acme-dev-Emails" });
    const input = doctorInput([stage("dev", { deployment: deploymentOf(b) })]);

    const findings = runRules(input);
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(["blocker pending-operation"]);
    const f = findings[0]!;
    expect(f).toMatchObject({ app: APP, stage: "dev" });
    expect(f.resources).toEqual([
      { type: UNCHECKED, name: "acme-dev-Emails", region: "us-east-1", urn: op.urn },
    ]);
    expect(f.evidence).toBe(
      `the state has a \`creating\` pending operation for ${op.urn} (${UNCHECKED} is a type stateward does not check in the cloud)`,
    );
    expect(f.cause).toMatch(/Pulumi stops on pending operations/);
    expect(f.fix[0]).toMatch(/^# check in AWS whether it exists \(stateward cannot look up aws:gamelift/);
    expect(f.fix[0]).toMatch(/already exists/);
    expect(f.fix[1]).toBe(`stateward forget --pending ${quote(op.urn)} ${flags("dev")}`);
    // pending-create says nothing of it: it is reported once.
    expect(pendingCreate.run(input)).toEqual([]);
  });

  it("one finding per stage, every unsettled operation in it, and one forget for them all", () => {
    const b = builder("dev");
    const a = b.addPendingCreate(UNCHECKED, "Emails", { name: "acme-dev-Emails" });
    const c = b.addPendingCreate("aws:kinesis/stream:Stream", "Jobs", { name: "acme-dev-Jobs" });
    const findings = pendingOperation.run(doctorInput([stage("dev", { deployment: deploymentOf(b) })]));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resources.map((r) => r.urn)).toEqual([a.urn, c.urn]);
    expect(findings[0]!.resources[1]!.name).toBe("acme-dev-Jobs");
    expect(findings[0]!.fix[0]).toContain(`${UNCHECKED}, aws:kinesis/stream:Stream`);
    expect(findings[0]!.fix[1]).toBe(
      `stateward forget --pending ${quote(a.urn)} ${quote(c.urn)} ${flags("dev")}`,
    );
  });

  it("an interrupted update of a resource stateward checks (the state holds it) is a blocker too", () => {
    const b = builder("dev");
    const { table } = b.addDynamo("Orders");
    const d: DeploymentV3 = deploymentOf(b);
    const held = d.resources!.find((r) => r.urn === table.urn)!;
    d.pending_operations = [{ resource: held, type: "updating" }];
    const input = doctorInput([
      stage("dev", { deployment: d, entries: [entryOf(table, "managed", { tags: stageTags("dev") })] }),
    ]);
    const findings = runRules(input);
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(["blocker pending-operation"]);
    expect(findings[0]!.evidence).toContain("`updating` pending operation");
    expect(findings[0]!.evidence).toContain("could not match it to a resource in the cloud");
    expect(findings[0]!.fix[0]).not.toMatch(/already exists/);
    expect(findings[0]!.resources[0]!.name).toBe(table.id);
  });

  it("leaves pending creates a lookup settled to pending-create (exists: adopt; missing: forget, a blocker)", () => {
    const b = builder("dev");
    const made = b.addPendingCreate(TABLE, "OrdersTable", { name: "acme-dev-OrdersTable" });
    const never = b.addPendingCreate(TABLE, "CartsTable", { name: "acme-dev-CartsTable" });
    const input = doctorInput([
      stage("dev", {
        deployment: deploymentOf(b),
        entries: [
          entry("unmanaged", "dynamodb-table", "acme-dev-OrdersTable", {
            pending: "creating",
            urn: made.urn,
          }),
          entry("missing", "dynamodb-table", "acme-dev-CartsTable", { pending: "creating", urn: never.urn }),
        ],
      }),
    ]);
    expect(pendingOperation.run(input)).toEqual([]);
    const findings = runRules(input);
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual([
      "blocker pending-create",
      "blocker pending-create",
    ]);
    expect(findings.map((f) => f.fix[0]!.split(" ").slice(0, 2).join(" ")).sort()).toEqual([
      "stateward adopt",
      "stateward forget",
    ]);
  });
});

describe("removed-stage-leftover", () => {
  const table = entry("unmanaged", "dynamodb-table", "acme-pr-7-Sessions", {
    tags: stageTags("pr-7"),
    foundBy: "tag",
  });
  const role = entry("unmanaged", "iam-role", "acme-pr-7-ApiRole", { foundBy: "name" });

  it("a removed stage's (state gone) leftovers are to clean up with that stage, not to adopt", () => {
    const input = doctorInput([
      stage("pr-7", {
        deployment: undefined,
        entries: [table, role],
        lastUpdate: { id: makeUpdateId(LATER, "dddddddddddd"), command: "remove", outcome: "failed" },
      }),
    ]);
    const findings = runRules(input);
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(["warning removed-stage-leftover"]);
    const f = findings[0]!;
    expect(f.stage).toBe("pr-7");
    expect(f.resources.map((r) => r.name)).toEqual(["acme-pr-7-Sessions", "acme-pr-7-ApiRole"]);
    expect(f.evidence).toBe(
      "the stage's state object is gone; its last update record is a failed remove; these still carry pr-7's tags or names: DynamoDB table acme-pr-7-Sessions, IAM role acme-pr-7-ApiRole",
    );
    expect(f.cause).toMatch(/^Stage pr-7 was removed/);
    // Every command is a cleanup of pr-7 (how it confirms may vary): nothing is adopted into a removed stage.
    expect(f.fix[0]).toBe(`stateward cleanup ${flags("pr-7")}`);
    expect(
      f.fix
        .filter((x) => !x.startsWith("#"))
        .every((x) => x.startsWith(`stateward cleanup ${flags("pr-7")}`)),
    ).toBe(true);
    expect(f.fix.join("\n")).not.toMatch(/adopt/);
    expect(orphan.run(input)).toEqual([]);
  });

  it("an emptied state (a finished remove) is a removed stage too; a state with only its stack is not", () => {
    const empty: DeploymentV3 = { ...deploymentOf(builder("pr-7")), resources: [] };
    const emptied = runRules(doctorInput([stage("pr-7", { deployment: empty, entries: [table] })]));
    expect(emptied.map((f) => f.rule)).toEqual(["removed-stage-leftover"]);
    expect(emptied[0]!.evidence).toMatch(/^the stage's state is empty; this still carries/);
    // The stack and its provider, nothing else: a live stage with nothing deployed yet.
    const fresh = runRules(doctorInput([stage("pr-7", { entries: [table] })]));
    expect(fresh.map((f) => f.rule)).toEqual(["orphan"]);
  });

  it("what an older version retained stays retained-leftover, removed stage or not", () => {
    const older = builder("pr-7");
    older.addDynamo("Legacy", { retain: true });
    const legacy = entry("unmanaged", "dynamodb-table", "acme-pr-7-LegacyTable", {
      tags: stageTags("pr-7"),
      foundBy: "history",
    });
    const input = doctorInput([
      stage("pr-7", {
        deployment: undefined,
        entries: [legacy, table],
        history: [
          {
            id: "v1",
            time: "2025-03-10T00:00:00.000Z",
            current: false,
            deployment: deploymentOf(older),
          },
        ],
      }),
    ]);
    expect(retainedLeftover.run(input).flatMap((f) => f.resources.map((r) => r.name))).toEqual([
      "acme-pr-7-LegacyTable",
    ]);
    expect(removedStageLeftover.run(input).flatMap((f) => f.resources.map((r) => r.name))).toEqual([
      "acme-pr-7-Sessions",
    ]);
  });
});

describe("coverage", () => {
  it("counts custom resources that are not providers; a type with no handler, or one not looked up, is unchecked", () => {
    const b = builder("dev");
    const { table } = b.addDynamo("Orders");
    const { fn, role } = b.addFunction("Api");
    for (const name of ["A", "B"]) {
      b.custom(UNCHECKED, `${name}Set`, b.component("sst:aws:Email", name), {
        id: `acme-dev-${name}`,
        inputs: { name: `acme-dev-${name}` },
        outputs: { name: `acme-dev-${name}` },
      });
    }
    const d = deploymentOf(b);
    const custom = d.resources!.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
    expect(custom).toHaveLength(6); // table, role, log group, function, two fleets
    const facts = stage("dev", {
      deployment: d,
      // The log group's lookup failed (an incomplete scan): no entry for it.
      entries: [entryOf(table, "managed"), entryOf(fn, "managed"), entryOf(role, "missing")],
    });
    const c = coverageOf([facts]);
    expect(c).toEqual({
      checked: 3,
      total: 6,
      unchecked: [
        { type: UNCHECKED, count: 2 },
        { type: "aws:cloudwatch/logGroup:LogGroup", count: 1 },
      ],
    });
    expect(coverageLine(c)).toBe(
      `Checked 3 of 6 resources; 3 resources of types ${UNCHECKED}, aws:cloudwatch/logGroup:LogGroup were not checked.`,
    );
  });

  it("says when everything was checked, and when the state holds nothing", () => {
    expect(coverageLine({ checked: 4, total: 4, unchecked: [] })).toBe("Checked all 4 resources.");
    expect(coverageLine({ checked: 0, total: 0, unchecked: [] })).toBe(
      "The state holds no resources to check.",
    );
    expect(coverageLine({ checked: 0, total: 1, unchecked: [{ type: UNCHECKED, count: 1 }] })).toBe(
      `Checked 0 of 1 resource; 1 resource of type ${UNCHECKED} was not checked.`,
    );
    expect(coverageOf([stage("gone", { deployment: undefined })])).toEqual({
      checked: 0,
      total: 0,
      unchecked: [],
    });
  });
});
