/**
 * `--json` and `--format json|markdown|sarif` promise one document on stdout: a failed run gives one
 * too (a JSON error, a Markdown error section, a SARIF log whose invocation failed). SARIF results
 * carry physical locations: the stage's state object. `--no-color` wins over a terminal and NO_COLOR.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { runCli } from "../../src/cli/program.js";
import { stateUri } from "../../src/report/sarif.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { ROOT, cli, tempDir, type CliRun, closedPort } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

type Json = Record<string, unknown>;
const LEVELS = ["none", "note", "warning", "error"];

function fail(where: string, what: string): never {
  throw new Error(`SARIF ${where}: ${what}`);
}
function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function message(v: unknown, where: string): void {
  if (!isObject(v) || (typeof v.text !== "string" && typeof v.id !== "string"))
    fail(where, "message needs text or id");
}
function uri(v: unknown, where: string): void {
  if (typeof v !== "string") fail(where, "uri must be a string");
  try {
    new URL(v);
  } catch {
    fail(where, `"${v}" is not an absolute URI`);
  }
}

/**
 * The SARIF 2.1.0 schema's rules for the parts stateward writes: required properties, enums, absolute
 * URIs, and indexes that point at what they claim to.
 */
function checkSarif(doc: unknown): void {
  if (!isObject(doc)) fail("log", "not an object");
  if (doc.version !== "2.1.0") fail("log", "version must be 2.1.0");
  if (!Array.isArray(doc.runs) || doc.runs.length === 0) fail("log", "runs must be a non-empty array");
  doc.runs.forEach((run: unknown, r) => {
    if (!isObject(run)) fail(`runs[${r}]`, "not an object");
    const driver = isObject(run.tool) ? run.tool.driver : undefined;
    if (!isObject(driver) || typeof driver.name !== "string") fail(`runs[${r}].tool.driver`, "needs a name");
    const rules = (driver.rules ?? []) as Json[];
    const artifacts = (run.artifacts ?? []) as Json[];
    artifacts.forEach((a, i) => uri((a.location as Json | undefined)?.uri, `runs[${r}].artifacts[${i}]`));
    if (run.results !== undefined && !Array.isArray(run.results)) fail(`runs[${r}].results`, "not an array");
    ((run.results ?? []) as unknown[]).forEach((result, i) => {
      const where = `runs[${r}].results[${i}]`;
      if (!isObject(result)) fail(where, "not an object");
      message(result.message, where);
      if (result.level !== undefined && !LEVELS.includes(result.level as string)) fail(where, "bad level");
      if (result.ruleIndex !== undefined && rules[result.ruleIndex as number]?.id !== result.ruleId)
        fail(where, "ruleIndex does not point at ruleId");
      for (const [l, location] of ((result.locations ?? []) as Json[]).entries()) {
        const physical = location.physicalLocation as Json | undefined;
        if (physical === undefined) continue;
        const artifact = physical.artifactLocation as Json | undefined;
        if (artifact === undefined && physical.address === undefined)
          fail(`${where}.locations[${l}]`, "physicalLocation needs artifactLocation or address");
        if (artifact !== undefined) {
          uri(artifact.uri, `${where}.locations[${l}]`);
          if (artifact.index !== undefined) {
            const at = artifacts[artifact.index as number]?.location as Json | undefined;
            if (at?.uri !== artifact.uri) fail(`${where}.locations[${l}]`, "artifact index points elsewhere");
          }
        }
      }
    });
    ((run.invocations ?? []) as unknown[]).forEach((inv, i) => {
      const where = `runs[${r}].invocations[${i}]`;
      if (!isObject(inv) || typeof inv.executionSuccessful !== "boolean")
        fail(where, "executionSuccessful (boolean) is required");
      if (inv.exitCode !== undefined && !Number.isInteger(inv.exitCode))
        fail(where, "exitCode not an integer");
      ((inv.toolExecutionNotifications ?? []) as Json[]).forEach((n, k) => {
        message(n.message, `${where}.toolExecutionNotifications[${k}]`);
        if (n.level !== undefined && !LEVELS.includes(n.level as string))
          fail(where, "bad notification level");
        const descriptor = n.descriptor as Json | undefined;
        if (descriptor !== undefined && typeof descriptor.id !== "string" && descriptor.index === undefined)
          fail(where, "descriptor needs id or index");
      });
    });
  });
}

interface SarifLog {
  runs: {
    artifacts?: { location: { uri: string } }[];
    results?: {
      ruleId: string;
      properties: { stage: string };
      locations: { physicalLocation?: { artifactLocation: { uri: string } }; logicalLocations?: unknown[] }[];
    }[];
    invocations: {
      executionSuccessful: boolean;
      exitCode?: number;
      toolExecutionNotifications: { level: string; message: { text: string }; descriptor?: { id: string } }[];
    }[];
  }[];
}

const doctor = (stage: string, ...rest: string[]) => ["doctor", "--app", "acme", "--stage", stage, ...rest];

describe("a failed run still gives the one document its format promised", () => {
  let unreachable: Record<string, string> = {};
  beforeAll(async () => {
    unreachable = { ...env(), AWS_ENDPOINT_URL: await closedPort() };
  });

  const failures: [string, () => string[], () => Record<string, string>, number][] = [
    ["an unreachable endpoint", () => doctor("dev"), () => unreachable, 1],
    ["a bad flag value", () => doctor("dev", "--concurrency", "0"), env, 2],
    ["an unknown flag", () => doctor("dev", "--no-such-flag"), env, 2],
    ["a bad --timeout", () => ["--timeout", "never", ...doctor("dev")], env, 2],
  ];

  for (const [what, args, environment, code] of failures) {
    it(`--format json, ${what}: one JSON error document`, async () => {
      const r = await cli([...args(), "--format", "json"], environment());
      expect(r.code).toBe(code);
      const doc = JSON.parse(r.stdout) as { error: { code: string; message: string } };
      expect(Object.keys(doc)).toEqual(["error"]);
      expect(doc.error.message.length).toBeGreaterThan(0);
    });

    it(`--format markdown, ${what}: a Markdown error section`, async () => {
      const r = await cli([...args(), "--format=markdown"], environment());
      expect(r.code).toBe(code);
      expect(r.stdout).toMatch(/^## stateward doctor — error\n\n\*\*[A-Z_]+\*\*: \S/);
      expect(r.stdout).toContain(`Exit code ${code}`);
      expect(r.stdout).not.toMatch(/^\s*[{[]/);
      expect(r.stdout.includes("\u001b[")).toBe(false);
    });

    it(`--format sarif, ${what}: a SARIF 2.1.0 log whose invocation failed`, async () => {
      const r = await cli([...args(), "--format", "sarif"], environment());
      expect(r.code).toBe(code);
      const doc = JSON.parse(r.stdout) as SarifLog;
      checkSarif(doc);
      const run = doc.runs[0]!;
      // No results: not "nothing found" but "not determined".
      expect(run.results).toBeUndefined();
      expect(run.invocations[0]!.executionSuccessful).toBe(false);
      expect(run.invocations[0]!.exitCode).toBe(code);
      const note = run.invocations[0]!.toolExecutionNotifications[0]!;
      expect(note.level).toBe("error");
      expect(note.descriptor?.id).toMatch(/^[A-Z_]+$/);
      expect(note.message.text.length).toBeGreaterThan(0);
    });
  }

  it("the unreachable endpoint's SARIF notification names it", async () => {
    const r = await cli([...doctor("dev"), "--format", "sarif"], unreachable);
    const note = (JSON.parse(r.stdout) as SarifLog).runs[0]!.invocations[0]!.toolExecutionNotifications[0]!;
    expect(note.descriptor?.id).toBe("AWS_UNREACHABLE");
    expect(note.message.text).toContain(unreachable.AWS_ENDPOINT_URL);
  });

  it("--json errors are one document on every kind of command", async () => {
    for (const args of [
      ["lock", "status", "--app", "acme", "--stage", "dev", "--json"],
      ["history", "list", "--app", "acme", "--stage", "dev", "--json"],
      ["scan", "--app", "acme", "--stage", "dev", "--json", "--concurrency", "x"],
      ["state", "show", path.join(tempDir(), "missing.json"), "--json"],
    ]) {
      const r = await cli(args, unreachable);
      expect(r.code).not.toBe(0);
      expect(Object.keys(JSON.parse(r.stdout) as Json)).toEqual(["error"]);
    }
  });
});

describe("SARIF results carry physical locations", () => {
  it("each result is located in its stage's state object in the SST home, and at its resources", async () => {
    const r = await cli([...doctor("production", "--all-stages"), "--format", "sarif"], env());
    expect([3, 4, 5]).toContain(r.code);
    const doc = JSON.parse(r.stdout) as SarifLog;
    checkSarif(doc);
    const run = doc.runs[0]!;
    expect(run.results!.length).toBeGreaterThan(3);
    const stateOf = (stage: string) => `s3://${ACME.stateBucket}/app/acme/${stage}.json`;
    for (const result of run.results!) {
      expect(result.locations.length).toBeGreaterThan(0);
      for (const l of result.locations) {
        expect(l.physicalLocation?.artifactLocation.uri).toBe(stateOf(result.properties.stage));
      }
    }
    expect(run.artifacts!.map((a) => a.location.uri)).toContain(stateOf("production"));
    // Findings that name resources keep their logical locations too.
    expect(run.results!.some((x) => x.locations.some((l) => (l.logicalLocations?.length ?? 0) > 0))).toBe(
      true,
    );
  });

  it("a Pulumi DIY stack's results point at its checkpoint object in the backend's bucket", async () => {
    const s3 = new S3Client(sandbox.config("us-east-1"));
    const bucket = "diy-formats-state";
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const b = new SstStateBuilder({ app: "proj", stage: "dev" });
      b.addFunction("Api");
      const key = ".pulumi/stacks/proj/dev.json";
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: toBytes(b.versioned()) }));
      const r = await cli(
        ["doctor", "--backend", `s3://${bucket}`, "--app", "proj", "--stage", "dev", "--format", "sarif"],
        env(),
      );
      const log = JSON.parse(r.stdout) as SarifLog;
      checkSarif(log);
      const results = log.runs[0]!.results ?? [];
      expect(results.length).toBeGreaterThan(0);
      for (const result of results)
        expect(result.locations[0]!.physicalLocation!.artifactLocation.uri).toBe(`s3://${bucket}/${key}`);
    } finally {
      s3.destroy();
    }
  });

  it("a state on disk is located by its file:// URI", () => {
    const file = path.join(tempDir(), ".pulumi", "stacks", "proj", "dev 1.json");
    const u = stateUri(file);
    expect(u).toMatch(/^file:\/\/\/.*dev%201\.json$/);
    expect(fileURLToPath(u)).toBe(file);
    expect(stateUri("s3://bucket/app/acme/dev.json")).toBe("s3://bucket/app/acme/dev.json");
  });
});

/** Whether the text has an SGR (color or style) escape sequence. */
function colored(text: string): boolean {
  return text
    .split("\u001b[")
    .slice(1)
    .some((rest) => /^[0-9;]*m/.test(rest));
}

describe("--no-color", () => {
  const file = path.join(ROOT, "test/fixtures/files/broken-integrity.json");

  async function onTerminal(args: string[], environment: Record<string, string> = {}): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      stdout: { write: (s: string) => (stdout += s), isTTY: true },
      stderr: { write: (s: string) => (stderr += s), isTTY: true },
      env: environment,
      cwd: tempDir(),
    });
    return { code, stdout, stderr };
  }

  it("a terminal gets colors by default (so the checks below mean something)", async () => {
    expect((await onTerminal(["state", "show", file])).stdout).toSatisfy(colored);
  });

  it("wins over a terminal, before or after the command, on results and on errors", async () => {
    for (const args of [
      ["state", "show", file, "--no-color"],
      ["--no-color", "state", "show", file],
      ["state", "verify", file, "--no-color"],
      ["--no-color", "state", "show", path.join(tempDir(), "missing.json")],
      ["state", "show", "--no-color", "--no-such-flag"],
    ]) {
      const r = await onTerminal(args);
      expect(r.stdout + r.stderr, args.join(" ")).not.toSatisfy(colored);
    }
  });

  it("wins over FORCE_COLOR; NO_COLOR (any non-empty value) also turns colors off, an empty one does not", async () => {
    expect(
      (await onTerminal(["--no-color", "state", "show", file], { FORCE_COLOR: "1" })).stdout,
    ).not.toSatisfy(colored);
    expect((await onTerminal(["state", "show", file], { NO_COLOR: "1" })).stdout).not.toSatisfy(colored);
    expect((await onTerminal(["state", "show", file], { NO_COLOR: "" })).stdout).toSatisfy(colored);
  });

  it("doctor's table on a terminal with --no-color, and its Markdown anywhere, have no color codes", async () => {
    let stdout = "";
    const code = await runCli(["doctor", "--app", "acme", "--stage", "dev", "--no-color"], {
      stdout: { write: (s: string) => (stdout += s), isTTY: true },
      stderr: { write: () => true, isTTY: false },
      env: env(),
      cwd: tempDir(),
    });
    expect(code).toBe(3);
    expect(stdout).not.toSatisfy(colored);
    const md = await cli(doctor("dev", "--format", "markdown"), { ...env(), FORCE_COLOR: "1" });
    expect(md.stdout).not.toSatisfy(colored);
  });
});
