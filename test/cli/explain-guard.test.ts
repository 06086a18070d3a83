/**
 * `stateward explain` and `stateward guard` as a user runs them: on log files and piped output, and
 * around a deploy command, against the local cloud seeded with the acme scenario.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { ROOT, bin, cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const log = (name: string) => path.join(ROOT, "test", "fixtures", "logs", name);

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("stateward explain", () => {
  it("explains a failed deploy's log: the problem, the resource, the fix (exit 3)", async () => {
    const r = await cli(["explain", log("sst-log-group-exists.log"), "--json"]);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as { problems: { kind: string; resource?: { type?: string } }[] };
    expect(doc.problems.length).toBeGreaterThan(0);
    expect(doc.problems.every((p) => p.kind === "already-exists")).toBe(true);
    expect(doc.problems[0]!.resource?.type).toBe("aws:cloudwatch/logGroup:LogGroup");
    const human = await cli(["explain", log("sst-locked.log")]);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/stateward lock release/);
  });

  it("says so when the log has none of the known errors (exit 0)", async () => {
    for (const name of ["clean-failure.log", "success.log"]) {
      const r = await cli(["explain", log(name)]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/No known state problem/);
    }
  });

  it("reads piped output, and a missing file is a clear error", async () => {
    const { readFileSync } = await import("node:fs");
    const piped = await bin(["explain", "-", "--json"], { input: readFileSync(log("pulumi-locked.log")) });
    expect(piped.code).toBe(3);
    expect((JSON.parse(piped.stdout) as { source: string }).source).toBe("standard input");
    const missing = await cli(["explain", path.join(tempDir(), "nope.log")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  }, 30_000);

  it("with --app/--stage, checks what the log names against the cloud and the state", async () => {
    const r = await cli(
      ["explain", log("sst-locked.log"), "--app", "acme", "--stage", "staging", "--json"],
      env(),
    );
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as { confirmed: { rule: string; fix: string[] }[] };
    expect(doc.confirmed.map((f) => f.rule)).toContain("stale-lock");
    expect(doc.confirmed.find((f) => f.rule === "stale-lock")!.fix).toEqual([
      "stateward lock release --app acme --stage staging",
    ]);
  });
});

describe("stateward guard", () => {
  it("stops before the deploy when doctor finds blockers (exit 3), the command never runs", async () => {
    const marker = path.join(tempDir(), "ran");
    const r = await cli(["guard", "--app", "acme", "--stage", "dev", "--", "touch", marker], env());
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not running `touch/);
    expect(r.stderr).toMatch(/pending-create/);
    expect(existsSync(marker)).toBe(false);
  });

  it("--force runs it anyway; its output passes through and its exit code is guard's", async () => {
    const r = await bin(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "dev",
        "--force",
        "--",
        "sh",
        "-c",
        "echo deploying; echo oops >&2; exit 7",
      ],
      { env: { ...env(), PATH: process.env.PATH ?? "" } },
    );
    expect(r.code).toBe(7);
    expect(r.stdout).toBe("deploying\n");
    expect(r.stderr).toMatch(/oops/);
  }, 30_000);

  it("a failed deploy's output is explained after it", async () => {
    const r = await bin(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "dev",
        "--force",
        "--",
        "sh",
        "-c",
        `cat ${log("sst-iam-role-exists.log")}; exit 1`,
      ],
      { env: { ...env(), PATH: process.env.PATH ?? "" } },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/problems? in the output of sh/);
    expect(r.stderr).toMatch(/aws:iam\/role:Role/);
  }, 30_000);

  it("a command that does not exist is a clear error", async () => {
    const r = await cli(
      ["guard", "--app", "acme", "--stage", "dev", "--force", "--", "no-such-deploy-tool"],
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no-such-deploy-tool was not found on PATH/);
  });
});
