/**
 * `guard --json` (issue 18): exactly one JSON document on stdout whatever happens — doctor stops the
 * deploy, the command runs and passes or fails, the command is missing, a flag is wrong — and the
 * deploy command's own output kept off stdout.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { ROOT, cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const node = (script: string) => [process.execPath, "-e", script];

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

/** stdout parsed as one document: JSON.parse fails on anything before or after it. */
function onlyDocument(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("guard --json", () => {
  it("doctor's blockers stop the deploy: the result says so, nothing ran (exit 3)", async () => {
    const r = await cli(["guard", "--app", "acme", "--stage", "dev", "--json", "--", ...node("1")], env());
    expect(r.code).toBe(3);
    const doc = onlyDocument(r.stdout);
    expect(doc).toMatchObject({ app: "acme", stage: "dev", ran: false, exitCode: 3 });
    expect((doc.before as { blockers: number }).blockers).toBeGreaterThan(0);
    // The doctor report a person reads goes to stderr.
    expect(r.stderr).toMatch(/blocker/);
  }, 30_000);

  it("a deploy that runs: its output goes to stderr, the result (before, after, audit) to stdout", async () => {
    const r = await cli(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "guard-json-1",
        "--json",
        "--",
        ...node("console.log('DEPLOYED' + '-OUTPUT')"),
      ],
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("DEPLOYED-OUTPUT");
    expect(r.stderr).toContain("DEPLOYED-OUTPUT");
    const doc = onlyDocument(r.stdout);
    expect(doc).toMatchObject({ ran: true, exitCode: 0, before: { status: "no-state" } });
    expect(doc.audit).toMatch(/^s3:\/\//);
  }, 30_000);

  it("a failed deploy: its exit code, and the problems explain found in its output", async () => {
    // The command prints a real failed deploy's log (an SST log group that already exists) and exits 4.
    const log = path.join(ROOT, "test", "fixtures", "logs", "sst-log-group-exists.log");
    const failing = node(
      `process.stdout.write(require("fs").readFileSync(${JSON.stringify(log)})); process.exit(4)`,
    );
    const r = await cli(
      ["guard", "--app", "acme", "--stage", "guard-json-2", "--json", "--", ...failing],
      env(),
    );
    expect(r.code).toBe(4);
    const doc = onlyDocument(r.stdout);
    expect(doc).toMatchObject({ ran: true, exitCode: 4 });
    const problems = doc.problems as { kind: string; type?: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ kind: "already-exists", type: "aws:cloudwatch/logGroup:LogGroup" });
  }, 30_000);

  it("errors are one {error:{code,message,hint}} document too", async () => {
    const missing = await cli(
      ["guard", "--app", "acme", "--stage", "guard-json-3", "--json", "--", "no-such-deploy-command-xyz"],
      env(),
    );
    expect(missing.code).toBe(1);
    const error = onlyDocument(missing.stdout).error as Record<string, unknown>;
    expect(Object.keys(error).sort()).toEqual(["code", "hint", "message"]);
    expect(error.code).toBe("COMMAND_NOT_FOUND");
    expect(error.message).toMatch(/no-such-deploy-command-xyz/);
    const plan = path.join(tempDir(), "no-plan.json");
    const noPlan = await cli(
      ["guard", "--app", "acme", "--stage", "dev", "--json", "--preflight", plan, "--", "true"],
      env(),
    );
    expect(noPlan.code).toBe(1);
    expect((onlyDocument(noPlan.stdout).error as { code: string }).code).toBe("FILE_NOT_FOUND");
    const usage = await cli(["guard", "--app", "acme", "--json"], env());
    expect(usage.code).toBe(2);
    expect((onlyDocument(usage.stdout).error as { code: string }).code).toBe("USAGE");
  }, 30_000);
});
