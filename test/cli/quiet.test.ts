/**
 * No dependency notice reaches the user: the AWS SDK's Node-version notice, deprecation and
 * experimental warnings — on every command path, run as a user would (the built binary as a child
 * process, against the local cloud). Needs `npm run build` first.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { bin, tempDir, type CliRun } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();

/**
 * A stand-in for a dependency that emits notices while the command runs (as punycode's DEP0040 or a
 * `require()` of an ES module do on newer Node releases): loaded before stateward, emitting at the end.
 */
function noticesPreload(): string {
  const file = path.join(tempDir(), "notices.mjs");
  writeFileSync(
    file,
    `process.once("beforeExit", () => {
  process.emitWarning("The \`punycode\` module is deprecated. Please use a userland alternative instead.", "DeprecationWarning", "DEP0040");
  process.emitWarning("CommonJS module /x/index.js is loading ES Module /y/index.mjs using require(). Support for loading ES Module in require() is an experimental feature and might change at any time", "ExperimentalWarning");
  process.emitWarning("NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) will require node >=22.");
});
`,
  );
  return pathToFileURL(file).href;
}

const NOTICE =
  /Warning|DEP0\d+|punycode|experimental|node >=\s?\d+|AWS SDK for JavaScript|--trace-(warnings|deprecation)/i;

let preload = "";
let cwd = "";
beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  preload = noticesPreload();
  cwd = tempDir();
}, 30_000);

/**
 * The environment a user might well have: the SDK's switch present but empty (as CI systems pass
 * unset variables), and a dependency that emits notices.
 */
function run(args: string[]): Promise<CliRun> {
  return bin(args, {
    cwd,
    env: {
      ...sandboxEnv(sandbox),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "",
      NODE_OPTIONS: `--import=${preload}`,
    },
  });
}

describe("dependency notices", () => {
  const stage = ["--app", "acme", "--stage"];
  const commands: [string[], number[]][] = [
    [["lock", "release", ...stage, "staging", "--force", "--yes"], [0]],
    [["lock", "status", ...stage, "dev"], [0]],
    [["history", "list", ...stage, "production"], [0]],
    [["state", "show", ...stage, "dev", "--json"], [0]],
    [
      ["scan", ...stage, "staging"],
      [0, 5],
    ],
    [
      ["doctor", ...stage, "dev", "--format", "sarif"],
      [3, 4, 5],
    ],
    [["audit", ...stage, "staging"], [0]],
    [["names", "generate", "Api", ...stage, "dev"], [0]],
    [["--version"], [0]],
  ];

  for (const [args, codes] of commands) {
    it(`never reach stderr: stateward ${args.join(" ")}`, async () => {
      const r = await run(args);
      expect(codes).toContain(r.code);
      expect(r.stderr).not.toMatch(NOTICE);
      expect(r.stdout).not.toMatch(/NodeVersionSupportWarning|DEP0040/);
    }, 60_000);
  }

  it("an error path is as quiet: the one-paragraph error and nothing else", async () => {
    const r = await run(["lock", "status", ...stage, "dev", "--region", "eu-north-1", "--backend", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(NOTICE);
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
  }, 60_000);

  it("--debug shows them, marked as debug output", async () => {
    const r = await run(["lock", "status", ...stage, "dev", "--debug"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\(debug\) DeprecationWarning: The `punycode` module/);
  }, 60_000);
});
