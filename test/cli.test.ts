import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Declined, errorExitCode } from "../src/cli/exit-codes.js";
import { StatewardError } from "../src/errors.js";
import { VERSION } from "../src/version.js";
import { SstStateBuilder, toBytes } from "./fixtures/builder.js";
import { fixturePath, readFixture } from "./fixtures/files.js";
import { bin, cli, ROOT, tempDir } from "./helpers.js";

function stateWithPending(): SstStateBuilder {
  const b = new SstStateBuilder({ app: "shop", stage: "prod" });
  b.addFunction("Api");
  b.addDynamo("Orders", { retain: true });
  b.addSecret("StripeKey");
  b.addPendingCreate("aws:dynamodb/table:Table", "AuditTable", { name: "shop-prod-AuditTable-x1y2z3w4" });
  return b;
}

function writeTemp(name: string, bytes: Uint8Array | string): string {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe("state show", () => {
  it("summarises a state file for a person", async () => {
    const file = writeTemp("state.json", toBytes(stateWithPending().versioned()));
    const r = await cli(["state", "show", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/stack\s+organization\/shop\/prod/);
    expect(r.stdout).toMatch(/app \/ stage\s+shop \/ prod/);
    expect(r.stdout).toMatch(/pulumi\s+v3\.142\.0/);
    expect(r.stdout).toMatch(/Pending operations \(1\)/);
    expect(r.stdout).toMatch(/creating\s+aws:dynamodb\/table:Table\s+shop-prod-AuditTable-x1y2z3w4/);
    expect(r.stdout).toMatch(/Retained on delete \(1\)/);
    expect(r.stdout).not.toContain("ciphertext");
    expect(r.stdout).not.toContain("v1:");
  });

  it("prints exactly one JSON document with --json", async () => {
    const b = stateWithPending();
    const file = writeTemp("state.json", toBytes(b.versioned()));
    const r = await cli(["state", "show", file, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { summary: Record<string, unknown> };
    expect(doc.summary).toMatchObject({
      app: "shop",
      stage: "prod",
      resources: b.resources.length,
      pulumiVersion: "v3.142.0",
      secrets: 1,
      pendingOperations: [
        { type: "creating", resourceType: "aws:dynamodb/table:Table", name: "shop-prod-AuditTable-x1y2z3w4" },
      ],
    });
    expect((doc.summary.retained as unknown[]).length).toBe(1);
    expect(r.stdout).not.toContain("ciphertext");
  });

  it("reads gzip, a pulumi stack export and a bare sst state export", async () => {
    for (const [name, bytes] of [
      ["state.json.gz", gzipSync(JSON.stringify(stateWithPending().versioned()))],
      ["export.json", readFixture("pulumi-export-compact.json")],
      ["bare.json", readFixture("sst-export-bare.json")],
    ] as const) {
      const r = await cli(["state", "show", writeTemp(name, bytes), "--json"]);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { summary: { resources: number } }).summary.resources).toBeGreaterThan(
        3,
      );
    }
  });

  it("warns about an unknown version and still shows it", async () => {
    const r = await cli(["state", "show", fixturePath("future-version.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: .*version 7 is newer/);
  });
});

describe("state verify", () => {
  it("exits 0 on a clean file", async () => {
    const r = await cli(["state", "verify", fixturePath("sst-production-indented.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/passes every integrity check \(7 resources\)/);
  });

  it("lists every violation and exits 3", async () => {
    const r = await cli(["state", "verify", fixturePath("broken-integrity.json")]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/11 integrity violations/);
    for (const code of [
      "magic",
      "late-parent",
      "late-provider",
      "missing-dependency",
      "duplicate-urn",
      "id-on-component",
      "missing-urn",
    ]) {
      expect(r.stdout).toContain(code);
    }
    expect(r.stdout).toMatch(/stateward state repair .*broken-integrity\.json --out repaired\.json/);
  });

  it("gives the violations as JSON with --json, with the same exit code", async () => {
    const r = await cli(["state", "verify", fixturePath("broken-integrity.json"), "--json"]);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as { violations: { code: string; message: string }[] };
    expect(doc.violations).toHaveLength(11);
    expect(doc.violations[0]).toMatchObject({ code: "magic" });
  });
});

describe("state repair", () => {
  function brokenButRepairable(): { file: string; bytes: Buffer } {
    const b = stateWithPending();
    const value = b.versioned() as { checkpoint: { latest: { resources: unknown[] } } };
    const rs = value.checkpoint.latest.resources;
    // Move the first function's role to the end (late references) and drop the log group (dangling).
    const role = rs.findIndex((r) => (r as { urn: string }).urn.endsWith("::ApiRole"));
    rs.push(rs.splice(role, 1)[0]);
    const log = rs.findIndex((r) => (r as { urn: string }).urn.endsWith("::ApiLogGroup"));
    rs.splice(log, 1);
    const bytes = Buffer.from(toBytes(value, { indent: "    " }));
    return { file: writeTemp("state.json", bytes), bytes };
  }

  it("shows what it would change and writes nothing without --out", async () => {
    const { file, bytes } = brokenButRepairable();
    const r = await cli(["state", "repair", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/moved/);
    expect(r.stdout).toMatch(/dropped-dependency .*ApiLogGroup/);
    expect(r.stdout).toMatch(/Nothing written/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("writes a repaired copy with --out that verifies, in the input's style", async () => {
    const { file } = brokenButRepairable();
    const out = path.join(path.dirname(file), "fixed.json");
    const r = await cli(["state", "repair", file, "--out", out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, "utf8")).toMatch(/^\{\n {4}"version": 3,/);
    expect((await cli(["state", "verify", out])).code).toBe(0);
    // --out never overwrites an existing file.
    const again = await cli(["state", "repair", file, "--out", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it("replaces the input with --in-place, keeping the exact old bytes in a .bak", async () => {
    const { file, bytes } = brokenButRepairable();
    const r = await cli(["state", "repair", file, "--in-place", "--yes", "--json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { written: { backup: string } };
    expect(result.written.backup).toBe(`${file}.bak`);
    expect(readFileSync(`${file}.bak`).equals(bytes)).toBe(true);
    expect((await cli(["state", "verify", file])).code).toBe(0);
    // A second in-place repair finds nothing to do and leaves the first backup alone.
    const second = await cli(["state", "repair", file, "--in-place", "--yes"]);
    expect(second.stdout).toMatch(/needs no repair/);
    expect(readFileSync(`${file}.bak`).equals(bytes)).toBe(true);
  });

  it("refuses to write when problems remain that it cannot fix, and exits 3", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.json");
    const r = await cli(["state", "repair", fixturePath("broken-integrity.json"), "--out", out]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/repair cannot fix, so nothing was written/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to write a state of an unknown version", async () => {
    const dir = tempDir();
    const value = JSON.parse(readFixture("future-version.json").toString()) as {
      deployment: { resources: unknown[] };
    };
    value.deployment.resources.reverse();
    const file = path.join(dir, "future.json");
    writeFileSync(file, JSON.stringify(value));
    const r = await cli(["state", "repair", file, "--out", path.join(dir, "out.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/read-only/);
    expect(existsSync(path.join(dir, "out.json"))).toBe(false);
  });
});

describe("history diff", () => {
  it("shows added, removed and changed resources with their paths", async () => {
    const b = stateWithPending();
    const a = writeTemp("a.json", toBytes(b.versioned()));
    b.addEmail("Mailer", "a@example.com");
    const next = b.versioned() as { checkpoint: { latest: { resources: Record<string, unknown>[] } } };
    const table = next.checkpoint.latest.resources.find((r) => (r.urn as string).endsWith("::OrdersTable"))!;
    (table.inputs as Record<string, unknown>).billingMode = "PROVISIONED";
    const bFile = writeTemp("b.json", toBytes(next));
    const r = await cli(["history", "diff", a, bFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\+ aws:sesv2\/emailIdentity:EmailIdentity/);
    expect(r.stdout).toMatch(/~ aws:dynamodb\/table:Table .*OrdersTable/);
    expect(r.stdout).toMatch(/inputs\.billingMode: "PAY_PER_REQUEST" → "PROVISIONED"/);
    expect(r.stdout).toMatch(/3 added, 0 removed, 1 changed/);
    const json = JSON.parse((await cli(["history", "diff", a, bFile, "--json"])).stdout) as {
      diff: { added: unknown[] };
    };
    expect(json.diff.added).toHaveLength(3);
  });
});

it("history diff still compares a state of an unknown version, with a warning", async () => {
  const r = await cli([
    "history",
    "diff",
    fixturePath("pulumi-export-compact.json"),
    fixturePath("future-version.json"),
  ]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/warning: .*future-version\.json: checkpoint version 7 is newer/);
  expect(r.stdout).toMatch(/No resource changes \(5 resources identical\)/);
});

describe("errors and usage", () => {
  const cases: [string, () => string, RegExp][] = [
    ["a missing file", () => "/nonexistent/state.json", /\/nonexistent\/state\.json does not exist/],
    ["a directory", () => tempDir(), /is a directory, not a state file/],
    [
      "a file that is not JSON",
      () => writeTemp("log.txt", "Error: ResourceAlreadyExistsException\n"),
      /is not valid JSON/,
    ],
    [
      "truncated gzip",
      () => writeTemp("s.json.gz", gzipSync(JSON.stringify(stateWithPending().versioned())).subarray(0, 100)),
      /truncated/,
    ],
    ["JSON that is not a checkpoint", () => fixturePath("not-a-checkpoint.json"), /not a Pulumi checkpoint/],
  ];
  for (const [what, file, message] of cases) {
    it(`explains ${what} in one paragraph, exit 1, no stack trace`, async () => {
      const f = file();
      const r = await cli(["state", "show", f]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const j = await cli(["state", "show", f, "--json"]);
      expect(j.code).toBe(1);
      const doc = JSON.parse(j.stdout) as { error: { code: string; message: string } };
      expect(doc.error.message).toMatch(message);
      expect(j.stderr).toBe("");
    });
  }

  it("shows the stack only with --debug", async () => {
    const r = await cli(["state", "show", "/nonexistent/state.json", "--debug"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it("rejects unknown flags and commands with exit 2", async () => {
    const flag = await cli(["state", "show", "x.json", "--frobnicate"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--frobnicate'/);
    const command = await cli(["stat", "show"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command 'stat'/);
    const missing = await cli(["state", "verify"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Which stage\? Pass --stage/);
    const json = await cli(["state", "verify", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: "USAGE" } });
  });

  it("refuses --out together with --in-place", async () => {
    const r = await cli([
      "state",
      "repair",
      fixturePath("broken-integrity.json"),
      "--out",
      "x",
      "--in-place",
    ]);
    expect(r.code).toBe(2);
  });
});

// eslint-disable-next-line no-control-regex -- an ANSI color escape is exactly what is looked for
const ANSI = /\u001b\[/;

describe("the built binary", () => {
  it("runs with plain node: --version, --help, and a real command", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect((await bin(["--version"])).stdout.trim()).toBe(pkg.version);
    const help = await bin(["state", "repair", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--in-place/);
    const verify = await bin(["state", "verify", fixturePath("broken-integrity.json")]);
    expect(verify.code).toBe(3);
  });

  it("reads standard input with -", async () => {
    const r = await bin(["state", "show", "-", "--json"], { input: readFixture("sst-export-bare.json") });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ summary: { app: "shop", stage: "pr-42" } });
  });

  it("prints no stack trace and no color when piped, and honours NO_COLOR on a forced color run", async () => {
    const r = await bin(["state", "show", "missing.json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: missing\.json does not exist\./);
    expect(r.stderr).not.toMatch(ANSI);
    const forced = await bin(["state", "verify", fixturePath("broken-integrity.json")], {
      env: { FORCE_COLOR: "1" },
    });
    expect(forced.stdout).toMatch(ANSI);
    const noColor = await bin(["state", "verify", fixturePath("broken-integrity.json")], {
      env: { FORCE_COLOR: "1", NO_COLOR: "1" },
    });
    expect(noColor.stdout).not.toMatch(ANSI);
  });

  it("explains an --out path whose directory does not exist, and writes nothing", async () => {
    const dir = tempDir();
    const value = JSON.parse(readFixture("sst-production-indented.json").toString()) as {
      checkpoint: { latest: { manifest: { magic: string } } };
    };
    value.checkpoint.latest.manifest.magic = "bad";
    const input = path.join(dir, "in.json");
    writeFileSync(input, JSON.stringify(value));
    const r = await bin(["state", "repair", input, "--out", path.join(dir, "nope", "x.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the directory .*nope does not exist/);
    expect(existsSync(path.join(dir, "nope"))).toBe(false);
  });
});

describe("exit codes: one map from error codes (src/cli/exit-codes.ts)", () => {
  it("the library knows no exit codes: only src/cli names them", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? e.name === "cli" || e.name === "sandbox"
            ? []
            : files(path.join(dir, e.name))
          : e.name.endsWith(".ts")
            ? [path.join(dir, e.name)]
            : [],
      );
    const naming = files(path.join(ROOT, "src")).filter((file) =>
      /\bExitCode\b|exitCode:\s*(ExitCode|\d)|_EXIT\b/.test(readFileSync(file, "utf8")),
    );
    expect(naming.map((f) => path.relative(ROOT, f))).toEqual([]);
    expect("exitCode" in new StatewardError("USAGE", "m")).toBe(false);
  });

  it("usage 2, blockers 3, incomplete 5, stopped 130, a declined question 1, anything else 1", () => {
    const exit = (code: string) => errorExitCode(new StatewardError(code, "m"));
    expect(["USAGE", "CONFIRMATION_REQUIRED", "DELETE_REFUSED", "NO_SUCH_VERSION"].map(exit)).toEqual([
      2, 2, 2, 2,
    ]);
    expect(exit("RESTORE_BLOCKED")).toBe(3);
    expect(exit("INCOMPLETE_SCAN")).toBe(5);
    expect(["CANCELLED", "INTERRUPTED", "ABORTED"].map(exit)).toEqual([130, 130, 130]);
    expect(errorExitCode(new Declined())).toBe(1);
    expect(exit("STATE_FORMAT")).toBe(1);
  });
});
