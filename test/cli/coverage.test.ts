/**
 * doctor says what it did not check — "checked N of M resources; K resources of types X were not
 * checked" in every format — says "No problems found" only when everything was checked, exits 5 with
 * --strict when anything was not, and treats a pending operation on a type it does not check as a
 * blocker. Against the local cloud seeded with the acme scenario, plus stages made for each case.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { Clients } from "../../src/sandbox/scenarios/clients.js";
import { materialize } from "../../src/sandbox/scenarios/materialize.js";
import { sstKeys } from "../../src/state/index.js";
import { SstStateBuilder, toBytes, type Resource } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
/** A type stateward has neither a kind nor a Cloud Control mapping for: never checked. */
const UNCHECKED = "aws:gamelift/fleet:Fleet";

interface Report {
  findings: { rule: string; severity: string; evidence: string; fix: string[] }[];
  coverage: { checked: number; total: number; unchecked: { type: string; count: number }[] };
}

function builder(stage: string): SstStateBuilder {
  return new SstStateBuilder({ app: "acme", stage, account: sandbox.server().accountId, seed: 7 });
}

/** Writes the stage's state to the acme home, and makes `made` exist in the cloud. */
async function deploy(b: SstStateBuilder, made: Resource[]): Promise<void> {
  const clients = new Clients({ url: sandbox.server().url });
  try {
    for (const r of made) await materialize(r, ACME.homeRegion, clients);
  } finally {
    clients.destroy();
  }
  const s3 = new S3Client(sandbox.config(ACME.homeRegion));
  await s3.send(
    new PutObjectCommand({
      Bucket: ACME.stateBucket,
      Key: sstKeys.state("acme", b.stage),
      Body: toBytes(b.versioned()),
    }),
  );
  s3.destroy();
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  // mail: a table (checked) and a GameLift fleet (a type stateward does not check).
  const mail = builder("mail");
  const { table: orders } = mail.addDynamo("Orders");
  mail.custom(UNCHECKED, "Fleet", mail.component("sst:aws:Linkable", "Game"), {
    id: "fleet-2a3b4c5d-0000-4000-8000-000000000001",
    inputs: { name: "acme-mail-Fleet" },
    outputs: { name: "acme-mail-Fleet" },
  });
  await deploy(mail, [orders]);
  // table: one DynamoDB table, everything checked.
  const table = builder("table");
  const { table: t } = table.addDynamo("Orders");
  await deploy(table, [t]);
  // pending: a killed deploy left a pending create of a configuration set.
  const pending = builder("pending");
  const { table: p } = pending.addDynamo("Orders");
  pending.addPendingCreate(UNCHECKED, "AlertsFleet", { name: "acme-pending-alerts" });
  await deploy(pending, [p]);
}, 60_000);

describe("doctor reports what it did not check", () => {
  it("a clean stage with an unchecked type: 'No problems found in the 1 resource checked; 1 not checked', exit 0", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "mail"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `No problems found in the 1 resource checked; 1 not checked (type ${UNCHECKED}).`,
    );
    expect(r.stdout).not.toMatch(/No problems found: /);
    expect(r.stdout).toContain(`Checked 1 of 2 resources; 1 resource of type ${UNCHECKED} was not checked.`);
    const json = JSON.parse(
      (await cli(["doctor", "--app", "acme", "--stage", "mail", "--json"], env())).stdout,
    ) as Report;
    expect(json.coverage).toEqual({
      checked: 1,
      total: 2,
      unchecked: [{ type: UNCHECKED, count: 1 }],
    });
  });

  it("--strict turns anything unchecked into exit 5", async () => {
    expect((await cli(["doctor", "--app", "acme", "--stage", "mail", "--strict"], env())).code).toBe(5);
    expect(
      (await cli(["doctor", "--app", "acme", "--stage", "mail", "--strict", "--json"], env())).code,
    ).toBe(5);
  });

  it("everything checked: 'No problems found', exit 0 with and without --strict", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "table"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No problems found: the state matches the cloud/);
    expect(r.stdout).toContain("Checked the 1 resource.");
    expect((await cli(["doctor", "--app", "acme", "--stage", "table", "--strict"], env())).code).toBe(0);
  });

  it("markdown says it too; SARIF carries a note per unchecked type and the coverage", async () => {
    const md = await cli(["doctor", "--app", "acme", "--stage", "mail", "--format", "markdown"], env());
    expect(md.code).toBe(0);
    expect(md.stdout).toContain(`Checked 1 of 2 resources; 1 resource of type ${UNCHECKED} was not checked.`);
    expect(md.stdout).toContain("No problems found in the 1 resource checked; 1 not checked");
    const sarif = await cli(["doctor", "--app", "acme", "--stage", "mail", "--format", "sarif"], env());
    expect(sarif.code).toBe(0);
    const run = (
      JSON.parse(sarif.stdout) as {
        runs: {
          properties: { coverage: Report["coverage"] };
          invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
        }[];
      }
    ).runs[0]!;
    expect(run.properties.coverage).toMatchObject({ checked: 1, total: 2 });
    expect(run.invocations[0]!.toolExecutionNotifications).toEqual([
      { level: "note", message: { text: `1 resource of type ${UNCHECKED} was not checked in the cloud` } },
    ]);
  });

  it("the acme app with this file's stages: only the mail stage's fleet is not checked (SES configuration sets have a kind now)", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "dev", "--all-stages", "--json"], env());
    const { coverage } = JSON.parse(r.stdout) as Report;
    expect(coverage.unchecked).toEqual([{ type: UNCHECKED, count: 1 }]);
    expect(coverage.checked).toBe(coverage.total - 1);
    expect(coverage.total).toBeGreaterThan(25);
    const human = await cli(["doctor", "--app", "acme", "--stage", "dev", "--all-stages"], env());
    expect(human.stdout).toContain(
      `Checked ${coverage.checked} of ${coverage.total} resources; 1 resource of type ${UNCHECKED} was not checked.`,
    );
  });
});

describe("a pending operation on a type stateward does not check", () => {
  it("is a blocker (exit 3), never 'No problems found'; the fix clears it with forget --pending", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "pending", "--json"], env());
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(["blocker pending-operation"]);
    const f = report.findings[0]!;
    expect(f.evidence).toContain("`creating` pending operation");
    expect(f.evidence).toContain(`${UNCHECKED} is a type stateward does not check in the cloud`);
    const forget = f.fix.find((x) => x.startsWith("stateward forget --pending"))!;
    expect(forget).toBe(
      "stateward forget --pending urn:pulumi:pending::acme::aws:gamelift/fleet:Fleet::AlertsFleet --app acme --stage pending",
    );
    const human = await cli(["doctor", "--app", "acme", "--stage", "pending"], env());
    expect(human.code).toBe(3);
    expect(human.stdout).not.toMatch(/No problems/);
    expect(human.stdout).toMatch(/BLOCKER {2}pending-operation/);
  });

  it("the printed forget works as pasted, and doctor is clean afterwards", async () => {
    const report = JSON.parse(
      (await cli(["doctor", "--app", "acme", "--stage", "pending", "--json"], env())).stdout,
    ) as Report;
    const line = report.findings[0]!.fix.find((x) => x.startsWith("stateward forget"))!;
    const args = line
      .replace(/^stateward /, "")
      .match(/'[^']*'|\S+/g)!
      .map((a) => a.replace(/^'(.*)'$/, "$1"));
    const forget = await cli([...args, "--yes"], env());
    expect(forget.code).toBe(0);
    const after = await cli(["doctor", "--app", "acme", "--stage", "pending"], env());
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/No problems found: /);
  });
});
