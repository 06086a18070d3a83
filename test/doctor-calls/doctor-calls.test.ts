/**
 * What doctor costs in requests, and that the count it prints is honest: on the local cloud, the
 * sandbox's own request log (`GET /_sandbox/requests`) is compared with what `doctor --json` reports,
 * in all and per service; a healthy stage whose home is found costs at most 6 requests before the
 * cloud scan and probes no other region; a stage with a copy in another region's home still gets its
 * region-mismatch finding (the probe runs when a rule needs it).
 */
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { beforeAll, describe, expect, it } from "vitest";
import { Clients } from "../../src/sandbox/scenarios/clients.js";
import { materialize } from "../../src/sandbox/scenarios/materialize.js";
import { makeUpdateId, sstKeys } from "../../src/state/index.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { cli } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const HOME = "sst-state-calls0home";
const WEST = "sst-state-calls0west";

interface Log {
  total: number;
  byService: Record<string, Record<string, number>>;
}
interface Report {
  calls: number;
  callCounts: { total: number; byService: Record<string, number>; beforeScan?: number };
  findings: { rule: string; stage: string; resources: { region: string }[] }[];
}

async function log(): Promise<Log> {
  return (await (await fetch(`${sandbox.server().url}/_sandbox/requests`)).json()) as Log;
}
async function resetLog(): Promise<void> {
  await fetch(`${sandbox.server().url}/_sandbox/requests`, { method: "DELETE" });
}
const sum = (ops: Record<string, number> | undefined) => Object.values(ops ?? {}).reduce((a, b) => a + b, 0);

async function makeHome(clients: Clients, region: string, bucket: string): Promise<void> {
  await clients.s3(region).send(new CreateBucketCommand({ Bucket: bucket }));
  await clients
    .s3(region)
    .send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
  await clients.ssm(region).send(
    new PutParameterCommand({
      Name: sstKeys.bootstrap,
      Type: "String",
      Value: JSON.stringify({ version: 5, asset: `${bucket}-asset`, state: bucket }),
    }),
  );
}

/** A deploy as SST writes it: the resources, an update record, the state and its snapshot. */
async function deploy(clients: Clients, region: string, bucket: string, b: SstStateBuilder, at: Date) {
  for (const r of b.resources) if (r.custom) await materialize(r, region, clients);
  const id = makeUpdateId(at, "0a1b2c3d4e5f");
  const bytes = toBytes(b.versioned());
  const put = (Key: string, Body: string | Uint8Array) =>
    clients.s3(region).send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
  const record = { id, runID: "run-1", version: "3.9.0", command: "deploy", errors: null };
  await put(sstKeys.update(b.app, b.stage, id), JSON.stringify({ ...record, timeStarted: at.toISOString() }));
  await put(sstKeys.state(b.app, b.stage), bytes);
  await put(sstKeys.snapshot(b.app, b.stage, id), bytes);
}

beforeAll(async () => {
  const clients = new Clients({ url: sandbox.server().url });
  await makeHome(clients, "us-east-1", HOME);
  await makeHome(clients, "eu-west-1", WEST);
  const at = new Date("2026-11-02T10:00:00Z");
  // A healthy stage: everything its state names exists, nothing else carries its tags.
  const shop = new SstStateBuilder({ app: "shop", stage: "prod", seed: 11 });
  shop.addFunction("Api");
  shop.addDynamo("Orders");
  await deploy(clients, "us-east-1", HOME, shop, at);
  // A stage deployed from two places: CI deployed it again with eu-west-1 (its role is global, so
  // the home's scan finds a role with the stage's tags that no state here holds).
  const blog = new SstStateBuilder({ app: "blog", stage: "dev", seed: 21 });
  blog.addFunction("Api");
  await deploy(clients, "us-east-1", HOME, blog, at);
  const stray = new SstStateBuilder({ app: "blog", stage: "dev", region: "eu-west-1", seed: 22 });
  stray.addFunction("Worker");
  await deploy(clients, "eu-west-1", WEST, stray, at);
}, 60_000);

describe("doctor's requests", () => {
  it("a healthy stage: at most 6 requests before the scan, no other region probed, and the printed count is the log's", async () => {
    await resetLog();
    const r = await cli(["doctor", "--app", "shop", "--stage", "prod", "--json"], env());
    const seen = await log();
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings).toEqual([]);
    // The whole count, and per service, is what went over the wire.
    expect(report.calls).toBe(seen.total);
    expect(report.callCounts.total).toBe(seen.total);
    expect(report.callCounts.byService).toEqual(
      Object.fromEntries(Object.entries(seen.byService).map(([s, ops]) => [s, sum(ops)])),
    );
    // The home's bootstrap parameter only: no other region was asked.
    expect(seen.byService.ssm).toEqual({ GetParameter: 1 });
    // Before the scan: the home's parameter and the stage's records in S3 (the scan itself reads
    // no S3 and no SSM for this stage: it has no bucket), so the log says what came before it.
    const before = sum(seen.byService.ssm) + sum(seen.byService.s3);
    expect(report.callCounts.beforeScan).toBe(before);
    expect(before).toBeLessThanOrEqual(6);
  });

  it("the text report prints the same count, per service", async () => {
    await resetLog();
    const r = await cli(["doctor", "--app", "shop", "--stage", "prod"], env());
    const seen = await log();
    expect(r.stdout).toContain(`(${seen.total} API calls,`);
    for (const [service, ops] of Object.entries(seen.byService))
      expect(r.stdout).toContain(`${service} ${sum(ops)}`);
  });

  it("a stage with a copy in another region's home: the regions are probed, and region-mismatch names it", async () => {
    await resetLog();
    const r = await cli(["doctor", "--app", "blog", "--stage", "dev", "--json"], env());
    const seen = await log();
    const report = JSON.parse(r.stdout) as Report;
    const mismatch = report.findings.find((f) => f.rule === "region-mismatch");
    expect(mismatch?.resources.some((x) => x.region === "eu-west-1")).toBe(true);
    // The home's parameter, then every other region's once (15), at the same time.
    expect(seen.byService.ssm).toEqual({ GetParameter: 16 });
    expect(report.calls).toBe(seen.total);
    expect(report.callCounts.byService.ssm).toBe(16);
  });

  it("retries are requests: with a fault that makes the SDK retry, the count still equals the log's", async () => {
    await resetLog();
    await cli(["doctor", "--app", "shop", "--stage", "prod", "--json"], env());
    const calm = await log();
    sandbox.server().faults.configure({
      seed: 7,
      rules: [{ service: "tagging", operation: "GetResources", errorRate: 0.4 }],
    });
    try {
      await resetLog();
      const r = await cli(["doctor", "--app", "shop", "--stage", "prod", "--json"], env());
      const seen = await log();
      const report = JSON.parse(r.stdout) as Report;
      expect(sum(seen.byService.tagging)).toBeGreaterThan(sum(calm.byService.tagging));
      expect(report.calls).toBe(seen.total);
      expect(report.callCounts.byService.tagging).toBe(sum(seen.byService.tagging));
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 60_000);

  it("scan prints every request too", async () => {
    await resetLog();
    const r = await cli(["scan", "--app", "shop", "--stage", "prod", "--json"], env());
    const seen = await log();
    const report = JSON.parse(r.stdout) as { calls: { total: number; byService: Record<string, number> } };
    expect(report.calls.total).toBe(seen.total);
    expect(report.calls.byService).toEqual(
      Object.fromEntries(Object.entries(seen.byService).map(([s, ops]) => [s, sum(ops)])),
    );
  });
});
