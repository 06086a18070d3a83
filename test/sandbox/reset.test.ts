/**
 * `stateward sandbox reset` (issue 18): a running local cloud goes back to the scenario it was
 * started with, so the README's walkthrough finds the same things after a reset as on a fresh start;
 * `--empty` only empties it.
 */
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/actions/sandbox.js";
import { cli } from "../helpers.js";

let running: RunningSandbox;
let fresh: RunningSandbox;
beforeAll(async () => {
  running = await startSandbox({ port: 0, scenario: "acme", deployDelayMs: 0 });
  fresh = await startSandbox({ port: 0, scenario: "acme", deployDelayMs: 0 });
}, 60_000);
afterAll(async () => {
  await running?.server.stop();
  await fresh?.server.stop();
});

interface Finding {
  rule: string;
  severity: string;
  stage: string;
  resources: { type: string; region?: string; urn?: string }[];
}

/**
 * What doctor found, without what the cloud makes up anew on every start (S3 version ids, update ids
 * from the clock, CloudFront and Route53 ids): each finding's rule, severity, stage, and its resources'
 * types, regions and URNs.
 */
async function findings(sandbox: RunningSandbox): Promise<unknown> {
  const r = await cli(["doctor", "--app", "acme", "--all-stages", "--json"], sandbox.env);
  expect(r.stderr).not.toMatch(/error/i);
  const doc = JSON.parse(r.stdout) as {
    findings: Finding[];
    summary: unknown;
    coverage: unknown;
    stages: string[];
  };
  return {
    stages: doc.stages,
    summary: doc.summary,
    coverage: doc.coverage,
    findings: doc.findings
      .map((f) => ({
        rule: f.rule,
        severity: f.severity,
        stage: f.stage,
        resources: f.resources.map((x) => [x.type, x.region, x.urn ?? null]),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

/**
 * Each stage's state versions: how many, and each one's resource count and where it is kept (not its
 * size: ids the cloud made up, kept in the state, differ in length from one start to the next).
 */
async function versions(sandbox: RunningSandbox): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const stage of ["dev", "staging", "production", "pr-42"]) {
    const r = await cli(["history", "list", "--app", "acme", "--stage", stage, "--json"], sandbox.env);
    const doc = JSON.parse(r.stdout) as {
      versions: { resources: number; sources: string[] }[];
    };
    out[stage] = doc.versions.map((v) => [v.resources, v.sources]);
  }
  return out;
}

describe("sandbox reset", () => {
  it("puts back the scenario: after a change, doctor and history match a fresh sandbox again", async () => {
    const expected = { findings: await findings(fresh), versions: await versions(fresh) };
    expect(await findings(running)).toEqual(expected.findings);

    // Change the cloud and the state: delete a table, write a stateward snapshot.
    const dynamo = new DynamoDBClient({
      endpoint: running.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "y" },
    });
    const tables = (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
    const orders = tables.find((n) => n.startsWith("acme-production-OrdersTable"));
    expect(orders).toBeDefined();
    await dynamo.send(new DeleteTableCommand({ TableName: orders }));
    dynamo.destroy();
    const snap = await cli(
      ["history", "snapshot", "--app", "acme", "--stage", "dev", "--note", "changed"],
      running.env,
    );
    expect(snap.code, snap.stderr).toBe(0);
    expect(await findings(running)).not.toEqual(expected.findings);

    const reset = await cli(["sandbox", "reset", "--json"], running.env);
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout)).toEqual({
      endpoint: running.endpoint,
      scenario: "acme",
      reseeded: true,
    });
    expect(await findings(running)).toEqual(expected.findings);
    expect(await versions(running)).toEqual(expected.versions);
  }, 90_000);

  it("--empty only empties; faults stay off while it reseeds and the request log starts again", async () => {
    const emptied = await cli(["sandbox", "reset", "--empty"], running.env);
    expect(emptied.code, emptied.stderr).toBe(0);
    expect(emptied.stdout).toMatch(/emptied/);
    const doctor = await cli(["doctor", "--app", "acme", "--stage", "dev"], running.env);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toMatch(/no SST home/i);

    // Every call would fail; the reseed still goes through, and the faults are back afterwards.
    running.server.faults.configure({ rules: [{ errorRate: 1 }] });
    const again = await fetch(`${running.endpoint}/_sandbox/reset`, { method: "POST" });
    expect(await again.json()).toEqual({ ok: true, scenario: "acme", reseeded: true });
    expect(running.server.faults.config.rules).toEqual([{ errorRate: 1 }]);
    expect(running.server.requestCounts.total).toBe(0);
    running.server.faults.configure({});
    expect(await findings(running)).toEqual(await findings(fresh));
  }, 90_000);

  it("says clearly when no local cloud answers (exit 1) and refuses an address that is not http(s) (exit 2)", async () => {
    const nobody = await cli(["sandbox", "reset", "--endpoint", "http://127.0.0.1:1", "--json"]);
    expect(nobody.code).toBe(1);
    expect((JSON.parse(nobody.stdout) as { error: { code: string } }).error.code).toBe("SANDBOX_UNREACHABLE");
    const bad = await cli(["sandbox", "reset", "--endpoint", "ftp://127.0.0.1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not an http/);
  });
});
