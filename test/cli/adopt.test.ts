/** `stateward adopt` on the local cloud: a pending create resolved, a leftover adopted, the errors. */
import { beforeEach, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys, verifyIntegrity } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { sandboxEnv, stateObject, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const LOG_GROUP = "/aws/lambda/acme-dev-WorkerFunction-bcdwmsew";
const TABLE = "acme-production-SessionsTable-btvzwchr";

async function deployment(stage: string) {
  return parseState(await stateObject(sandbox, ACME.stateBucket, sstKeys.state("acme", stage)), stage)
    .deployment!;
}

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("stateward adopt", () => {
  it("turns a pending create into the entry, read live; doctor no longer finds it", async () => {
    const r = await cli(
      [
        "adopt",
        "aws:cloudwatch/logGroup:LogGroup",
        LOG_GROUP,
        "--app",
        "acme",
        "--stage",
        "dev",
        "--yes",
        "--json",
      ],
      env(),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ from: "pending-create", id: LOG_GROUP });
    const d = await deployment("dev");
    expect(d.pending_operations ?? []).toEqual([]);
    const entry = d.resources!.find((e) => e.id === LOG_GROUP)!;
    expect(entry.urn).toBe(
      "urn:pulumi:dev::acme::sst:aws:Function$aws:cloudwatch/logGroup:LogGroup::WorkerLogGroup",
    );
    expect(entry.outputs).toMatchObject({
      name: LOG_GROUP,
      arn: expect.stringContaining(`log-group:${LOG_GROUP}`) as unknown,
    });
    expect(verifyIntegrity(d)).toEqual([]);
    const doctor = await cli(["doctor", "--app", "acme", "--stage", "dev", "--json"], env());
    const findings = (JSON.parse(doctor.stdout) as { findings: { rule: string }[] }).findings.map(
      (f) => f.rule,
    );
    expect(findings).not.toContain("pending-create");
    expect(findings).not.toContain("orphan");
  });

  it("adds a leftover as a new entry under the stack with the default provider", async () => {
    const dry = await cli(
      [
        "adopt",
        "aws:dynamodb/table:Table",
        TABLE,
        "--app",
        "acme",
        "--stage",
        "production",
        "--dry-run",
        "--json",
      ],
      env(),
    );
    expect(dry.code).toBe(0);
    expect((await deployment("production")).resources!.some((e) => e.id === TABLE)).toBe(false);
    const r = await cli(
      [
        "adopt",
        "aws:dynamodb/table:Table",
        TABLE,
        "--app",
        "acme",
        "--stage",
        "production",
        "--yes",
        "--json",
      ],
      env(),
    );
    expect(r.code).toBe(0);
    const d = await deployment("production");
    const entry = d.resources!.find((e) => e.id === TABLE)!;
    expect(entry.urn).toBe("urn:pulumi:production::acme::aws:dynamodb/table:Table::SessionsTable");
    expect(entry.parent).toMatch(/pulumi:pulumi:Stack/);
    expect(entry.provider).toMatch(/^urn:pulumi:production::acme::pulumi:providers:aws::default/);
    expect(entry.inputs).toMatchObject({ name: TABLE, hashKey: "pk", billingMode: "PAY_PER_REQUEST" });
    expect(verifyIntegrity(d)).toEqual([]);
    const again = await cli(
      [
        "adopt",
        "aws:dynamodb/table:Table",
        TABLE,
        "--app",
        "acme",
        "--stage",
        "production",
        "--yes",
        "--json",
      ],
      env(),
    );
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: "ALREADY_IN_STATE" } });
  });

  it("--retain-on-delete marks the entry written, and says so, for a new entry and a resolved pending create", async () => {
    const adopt = (type: string, id: string, stage: string, json: string[]) =>
      cli(
        ["adopt", type, id, "--app", "acme", "--stage", stage, "--retain-on-delete", "--yes", ...json],
        env(),
      );
    const table = await adopt("aws:dynamodb/table:Table", TABLE, "production", []);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("  marked retainOnDelete: ");
    expect(table.stdout).toContain("Written to ");
    const logGroup = await adopt("aws:cloudwatch/logGroup:LogGroup", LOG_GROUP, "dev", ["--json"]);
    expect(logGroup.code, logGroup.stderr).toBe(0);
    expect(JSON.parse(logGroup.stdout)).toMatchObject({ from: "pending-create", retainOnDelete: true });
    for (const [stage, id] of [
      ["production", TABLE],
      ["dev", LOG_GROUP],
    ] as const) {
      const entry = (await deployment(stage)).resources!.find((e) => e.id === id)!;
      expect(entry.retainOnDelete, stage).toBe(true);
    }
  });

  it("refuses what is not in the cloud, and types it cannot adopt", async () => {
    const missing = await cli(
      ["adopt", "aws:dynamodb/table:Table", "nope", "--app", "acme", "--stage", "dev", "--yes", "--json"],
      env(),
    );
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: "NOT_IN_CLOUD" } });
    const unknown = await cli(
      ["adopt", "aws:kinesis/stream:Stream", "q", "--app", "acme", "--stage", "dev", "--yes"],
      env(),
    );
    expect(unknown.code).toBe(2);
  });
});
