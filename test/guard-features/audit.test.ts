/**
 * guard's deploy log (issue 16): every deploy guard runs is an audit record — start, end, command,
 * exit code, git commit, who, stage, doctor's findings before and after — and `audit list` shows the
 * deploys and stateward's state changes in one timeline, newest first. Also guard --json.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/backends/audit.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli, tempDir } from "../helpers.js";
import { failingDeploy, passingDeploy } from "./deploy-script.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 60_000);

/** A git repository with one commit; its HEAD. */
function gitRepo(): { dir: string; head: string } {
  const dir = tempDir();
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: dir,
      encoding: "utf8",
    }).trim();
  git("init", "-q");
  writeFileSync(path.join(dir, "README.md"), "app\n");
  git("add", ".");
  git("commit", "-q", "-m", "first");
  return { dir, head: git("rev-parse", "HEAD") };
}

type AuditDoc = { stage: string; records: AuditRecord[] };

describe("guard's deploy log", () => {
  it("a failed deploy on a new stage is recorded: command, start/end, exit code, git commit, who, findings", async () => {
    const { dir, head } = gitRepo();
    const command = failingDeploy(1);
    const t0 = Date.now();
    const run = await cli(["guard", "--app", "acme", "--stage", "audit-1", "--", ...command], env(), {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("deploying acme");
    expect(run.stderr).not.toMatch(/not recorded/);
    const list = await cli(["audit", "list", "--app", "acme", "--stage", "audit-1", "--json"], env(), {
      cwd: dir,
    });
    expect(list.code, list.stderr + list.stdout).toBe(0);
    const doc = JSON.parse(list.stdout) as AuditDoc;
    const deploys = doc.records.filter((r) => r.deploy !== undefined);
    expect(deploys).toHaveLength(1);
    const r = deploys[0]!;
    expect(r.stage).toBe("audit-1");
    expect(r.action).toBe("guard");
    expect(r.who).toMatch(/\S/);
    const d = r.deploy!;
    expect(d.command).toEqual(command);
    expect(d.exitCode).toBe(1);
    expect(d.commit).toBe(head);
    expect(Date.parse(d.started)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(Date.parse(d.ended)).toBeGreaterThanOrEqual(Date.parse(d.started));
    expect(Date.parse(d.ended)).toBeLessThanOrEqual(Date.now());
    // The stage had no state before, and the fake deploy wrote none.
    expect(d.before).toEqual({ status: "no-state" });
    expect(d.after).toEqual({ status: "no-state" });
    expect(d.notified).toBeUndefined();
  }, 90_000);

  it("outside a git repository the commit is absent; doctor's blockers before and after are counted with their rules", async () => {
    const run = await cli(
      ["guard", "--app", "acme", "--stage", "dev", "--force", "--", ...passingDeploy()],
      env(),
      { cwd: tempDir() },
    );
    expect(run.code).toBe(0);
    const doctor = JSON.parse(
      (await cli(["doctor", "--app", "acme", "--stage", "dev", "--json"], env())).stdout,
    ) as { summary: { blockers: number; warnings: number }; findings: { rule: string; severity: string }[] };
    const list = await cli(["audit", "list", "--app", "acme", "--stage", "dev", "--json"], env());
    const d = (JSON.parse(list.stdout) as AuditDoc).records.find((r) => r.deploy !== undefined)!.deploy!;
    expect(d.commit).toBeUndefined();
    expect(d.exitCode).toBe(0);
    const rules = [
      ...new Set(doctor.findings.filter((f) => f.severity !== "info").map((f) => f.rule)),
    ].sort();
    for (const side of [d.before, d.after]) {
      expect(side.status).toBe("checked");
      expect(side.blockers).toBe(doctor.summary.blockers);
      expect(side.warnings).toBe(doctor.summary.warnings);
      expect(side.rules).toEqual(rules);
    }
    expect(d.before.blockers).toBeGreaterThan(0);
  }, 120_000);

  it("audit list shows deploys and stateward's state changes in one timeline, newest first", async () => {
    const released = await cli(
      ["lock", "release", "--app", "acme", "--stage", "staging", "--yes", "--json"],
      env(),
    );
    expect(released.code, released.stderr + released.stdout).toBe(0);
    const run = await cli(
      ["guard", "--app", "acme", "--stage", "staging", "--force", "--", ...failingDeploy(4)],
      env(),
    );
    expect(run.code).toBe(4);
    const json = JSON.parse(
      (await cli(["audit", "list", "--app", "acme", "--stage", "staging", "--json"], env())).stdout,
    ) as AuditDoc;
    expect(json.records.map((r) => r.action)).toEqual(["guard", "lock release"]);
    const human = await cli(["audit", "list", "--app", "acme", "--stage", "staging"], env());
    expect(human.code).toBe(0);
    const lines = human.stdout.split("\n");
    const deployAt = lines.findIndex((l) => /\bdeploy\b.*by /.test(l));
    const releaseAt = lines.findIndex((l) => /lock release/.test(l));
    expect(deployAt).toBeGreaterThan(0);
    expect(releaseAt).toBeGreaterThan(deployAt);
    expect(human.stdout).toContain("exit code 4");
    expect(human.stdout).toMatch(/before: blockers \d+, warnings \d+/);
    // `stateward audit` (no sub-command) is the same timeline.
    const plain = await cli(["audit", "--app", "acme", "--stage", "staging"], env());
    expect(plain.stdout).toBe(human.stdout);
  }, 120_000);
});

describe("guard --no-recheck", () => {
  it("skips doctor after the deploy; the record says the findings after it were not checked", async () => {
    const run = await cli(
      ["guard", "--app", "acme", "--stage", "audit-3", "--no-recheck", "--json", "--", ...passingDeploy()],
      env(),
    );
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { after: unknown }).after).toEqual({ status: "skipped" });
    const human = await cli(["audit", "list", "--app", "acme", "--stage", "audit-3"], env());
    expect(human.stdout).toMatch(/after: not checked \(--no-recheck\)/);
  }, 60_000);
});

describe("guard --json", () => {
  it("prints one JSON document on stdout; the command's own stdout goes to stderr", async () => {
    const run = await cli(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "audit-2",
        "--json",
        "--",
        ...failingDeploy(1, "hello from deploy"),
      ],
      env(),
    );
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      stage: "audit-2",
      ran: true,
      exitCode: 1,
      before: { status: "no-state" },
      after: { status: "no-state" },
    });
    expect((doc.problems as { kind: string }[])[0]!.kind).toBe("already-exists");
    expect(typeof doc.audit).toBe("string");
    expect(doc.notified).toBeUndefined();
    expect(run.stderr).toContain("hello from deploy");
    expect(run.stdout).not.toContain("hello from deploy");
  }, 60_000);

  it("a deploy doctor stopped is one document too (ran: false, exit 3), and is not recorded as a deploy", async () => {
    const deploys = async () =>
      (
        JSON.parse(
          (await cli(["audit", "list", "--app", "acme", "--stage", "dev", "--json"], env())).stdout,
        ) as AuditDoc
      ).records.filter((r) => r.deploy !== undefined).length;
    const recorded = await deploys();
    const run = await cli(["guard", "--app", "acme", "--stage", "dev", "--json", "--", "touch", "/x"], env());
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout) as { ran: boolean; exitCode: number; before: { blockers: number } };
    expect(doc.ran).toBe(false);
    expect(doc.exitCode).toBe(3);
    expect(doc.before.blockers).toBeGreaterThan(0);
    expect(await deploys()).toBe(recorded);
  }, 60_000);
});
