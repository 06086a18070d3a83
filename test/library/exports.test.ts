/**
 * stateward as a library: the BUILT package (`stateward`, i.e. dist/index.js, as a user imports it),
 * every exported command called against the local cloud seeded with the acme scenario, with real
 * results. Reads first, then the writes, each on a stage no later call reads.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Library from "../../src/index.js";
import type { OpenStage } from "../../src/index.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { ROOT } from "../helpers.js";

// The package's own name, resolved through its "exports" to dist/index.js (`npm test` builds first). A
// variable, so the typecheck (which runs before any build) does not need dist/: the types are the source's.
const PACKAGE: string = "stateward";
let stateward: typeof Library;

// CloudFront changes stay InProgress a moment, as in AWS: cleanup disables a distribution, then deletes it.
const sandbox = useSandbox({ deployDelayMs: 300 });
const dir = mkdtempSync(path.join(tmpdir(), "stateward-library-"));
const opened: OpenStage[] = [];

/** Opens an acme stage the way a library user does (the CLI does the same under its flags). */
async function open(stage: string): Promise<OpenStage> {
  const o = await stateward.openStage({ app: "acme", stage }, { cwd: dir, env: sandboxEnv(sandbox) });
  opened.push(o);
  return o;
}

beforeAll(async () => {
  stateward = (await import(PACKAGE)) as typeof Library;
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);
afterAll(() => {
  for (const o of opened) o.close();
});

describe("the built package", () => {
  it("is the dist build, found by the package's name", () => {
    expect(createRequire(import.meta.url).resolve(PACKAGE)).toBe(path.join(ROOT, "dist", "index.js"));
    expect(typeof stateward.VERSION).toBe("string");
  });

  it("doctor: the acme findings of staging (stale lock, CloudFront function name taken)", async () => {
    const report = await stateward.doctor(await open("staging"));
    const rules = report.findings.map((f) => `${f.stage} ${f.rule} ${f.severity}`);
    expect(rules).toEqual(
      expect.arrayContaining(["staging stale-lock blocker", "staging name-taken blocker"]),
    );
    expect(report.summary.blockers).toBeGreaterThanOrEqual(2);
  });

  it("scan: state and cloud side by side for production", async () => {
    const report = await stateward.scan(await open("production"));
    expect(report.incomplete).toEqual([]);
    expect(report.stages.map((s) => s.stage)).toEqual(["production"]);
    expect(report.stages[0]!.entries.length).toBeGreaterThan(0);
    expect(report.calls.total).toBeGreaterThan(0);
  });

  it("plan: the repair actions for dev, which apply runs as a dry run", async () => {
    const o = await open("dev");
    const plan = await stateward.plan(o);
    expect(plan.app).toBe("acme");
    expect(plan.actions.length).toBeGreaterThan(0);
    const report = await stateward.apply(o, plan, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.outcomes.length).toBeGreaterThan(0);
  });

  it("explain: a log of a bucket that already exists, and checked against a stage", async () => {
    const report = await stateward.explain(path.join(ROOT, "test/fixtures/logs/pulumi-bucket-exists.log"));
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems.map((p) => JSON.stringify(p)).join("\n")).toMatch(/acme-site-assets/);
    await stateward.checkAgainstStage(report, await open("dev"));
    expect(report.confirmed).toBeDefined();
  });

  it("history: list, show, load and diff the versions of production", async () => {
    const o = await open("production");
    const list = await stateward.history.list(o.backend);
    expect(list.versions.length).toBeGreaterThanOrEqual(2);
    expect(list.versions[0]!.current).toBe(true);
    const shown = stateward.history.show(list, "current", o.backend.label);
    expect(JSON.stringify(shown)).toContain(list.versions[0]!.id);
    const [newer, older] = [list.versions[0]!.id, list.versions[1]!.id];
    expect(stateward.history.load(list, newer).version.id).toBe(newer);
    const files = [older, newer].map((id, i) => {
      const file = path.join(dir, `production-${i}.json`);
      writeFileSync(file, list.bytesOf(id)!);
      return file;
    });
    const diff = await stateward.history.diff(files[0]!, files[1]!);
    expect(JSON.stringify(diff.diff)).toMatch(/urn:pulumi:/);
    // Two versions of the stage, named as `history diff` names them: the same diff as their files'.
    const versions = await stateward.history.diff("previous", "current", { backend: o.backend });
    // Labels carry the one time form: ISO 8601 UTC to the second.
    const second = (iso: string) => iso.replace(/\.\d+Z$/, "Z");
    expect(versions.a).toBe(`version ${older} (${second(list.versions[1]!.time)})`);
    expect(versions.b).toBe(`version ${newer} (${second(list.versions[0]!.time)})`);
    expect(versions.diff).toEqual(diff.diff);
    // A version and a file.
    const mixed = await stateward.history.diff(older, files[1]!, { backend: o.backend });
    expect(mixed.a).toBe(`version ${older} (${second(list.versions[1]!.time)})`);
    expect(mixed.b).toBe(files[1]);
    expect(mixed.diff).toEqual(diff.diff);
    // A version without the stage to read it from.
    await expect(stateward.history.diff(older, newer)).rejects.toMatchObject({ code: "USAGE" });
  });

  it("lock: staging is locked by a killed CI deploy", async () => {
    const status = await stateward.lock.status(await open("staging"));
    expect(status.locked).toBe(true);
    expect(status.locks.length).toBe(1);
  });

  it("audit: no stateward change to dev yet", async () => {
    const log = await stateward.audit(await open("dev"));
    expect(log.stage).toBe("dev");
    expect(log.records).toEqual([]);
  });

  it("withStage: opens dev as the CLI does, runs a read on it, and closes it; no lock is settled for a read", async () => {
    const told: unknown[] = [];
    const status = await stateward.withStage(
      { app: "acme", stage: "dev" },
      { cwd: dir, env: sandboxEnv(sandbox) },
      { onAbandoned: (a) => told.push(a) },
      (o) => stateward.lock.status(o),
    );
    expect(status).toMatchObject({ app: "acme", stage: "dev", locked: false });
    expect(told).toEqual([]);
  });

  it("names: generate SST-style names, and check dev and staging for collisions", async () => {
    const generated = stateward.names.generate("acme", "dev", "OrdersTable", "aws:dynamodb/table:Table");
    expect(generated).toHaveLength(1);
    expect(generated[0]!.name).toMatch(/^acme-dev-OrdersTable-[a-z]{8}$/);
    const check = await stateward.names.check(await open("dev"), true);
    expect(check.problems.map((p) => p.message).join("\n")).toMatch(/acme-WebRewrite/);
  });

  it("cleanup: plans the deletion of removed stage pr-42's CloudFront leftovers", async () => {
    const report = await stateward.cleanup.plan(await open("pr-42"), { env: sandboxEnv(sandbox) });
    expect(report.stages).toEqual(["pr-42"]);
    expect(report.candidates.map((c) => c.type).sort()).toEqual([
      "aws:cloudfront/distribution:Distribution",
      "aws:cloudfront/function:Function",
    ]);
  });

  it("guard: runs a command through and explains what it printed", async () => {
    let out = "";
    const io = {
      stdout: { write: (s: string | Uint8Array) => (out += String(s)) },
      stderr: { write: () => true },
    };
    const run = await stateward.guard.run(
      [process.execPath, "-e", "console.log('BucketAlreadyExists: acme-site-assets'); process.exit(3)"],
      io,
      process.env,
    );
    expect(run.exitCode).toBe(3);
    expect(out).toMatch(/BucketAlreadyExists/);
    expect(stateward.guard.explain(run).problems).toBeDefined();
  });
});

describe("the built package's writes", () => {
  it("adopt: the retained DynamoDB table back into production's state", async () => {
    const o = await open("production");
    const prepared = await stateward.adopt.plan(
      o,
      "aws:dynamodb/table:Table",
      "acme-production-SessionsTable-btvzwchr",
      { retainOnDelete: true },
    );
    expect(prepared.plan.id).toBe("acme-production-SessionsTable-btvzwchr");
    const result = await stateward.adopt.apply(o, prepared);
    expect(result.urn).toBe(prepared.plan.urn);
    expect(JSON.stringify(result)).toMatch(/"written"/);
  });

  it("lock release: staging's stale lock, as sst unlock does", async () => {
    const result = await stateward.lock.release(await open("staging"), { force: true });
    expect(result.released.length).toBe(1);
    expect((await stateward.lock.status(await open("staging"))).locked).toBe(false);
  });

  it("forget: the IAM role deleted by hand, out of staging's state", async () => {
    const o = await open("staging");
    const current = stateward.history.load(await stateward.history.list(o.backend), "current");
    const urn = current.doc.deployment?.resources?.find(
      (r) => r.type === "aws:iam/role:Role" && r.urn.endsWith("ApiRole"),
    )?.urn;
    expect(urn).toMatch(/^urn:pulumi:staging::acme::/);
    const prepared = await stateward.forget.plan(o, [urn!], { dropReferences: true });
    expect(prepared.plan.removed.map((r) => r.urn)).toContain(urn);
    const result = await stateward.forget.apply(o, prepared);
    expect(JSON.stringify(result)).toMatch(/"written"/);
  });

  it("cleanup apply: pr-42's distribution disabled first (pending), then deleted with its function", async () => {
    const run = async () => {
      const o = await open("pr-42");
      const plan = await stateward.cleanup.plan(o, { env: sandboxEnv(sandbox) });
      const applied = await stateward.cleanup.apply(
        o,
        plan,
        { confirmed: ["pr-42"], confirmProtected: false },
        { env: sandboxEnv(sandbox) },
      );
      return applied.outcomes?.map((x) => x.result);
    };
    expect(await run()).toEqual(["pending", "pending"]);
    await new Promise((r) => setTimeout(r, 700));
    expect(await run()).toEqual(["deleted", "deleted"]);
    const after = await stateward.cleanup.plan(await open("pr-42"), { env: sandboxEnv(sandbox) });
    expect(after.candidates).toEqual([]);
  });

  it("history restore: production back to its previous version", async () => {
    const o = await open("production");
    const prepared = await stateward.history.restore.plan(o, "previous", { cloudCheck: false });
    expect(prepared.plan.blockers).toEqual([]);
    const result = await stateward.history.restore.apply(o, prepared);
    expect(result.written).toBeDefined();
    const after = await stateward.history.list(o.backend);
    expect(after.versions[0]!.current).toBe(true);
  });
});
