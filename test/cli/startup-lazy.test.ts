/**
 * Start-up loads only what the command needs (issue 17): the built CLI, run with a `--require` probe
 * that lists the CommonJS modules loaded by exit, loads no AWS SDK client package and no table
 * package for commands that make no AWS call; a command that does call AWS loads the clients of the
 * services it calls and no other. The CLI run is the package's bin, the bundle (scripts/bundle.js:
 * CommonJS, so the probe sees every module of it): a help alone loads the page the build rendered and
 * not the program, and every run loads the message table of its own language only, never the catalog's TypeScript tables.
 * Behaviour only: the figures (time, memory) are in bench/startup.bench.ts. Needs `npm run build`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadsTable, prober, sdkClients, type Prober } from "../../bench/startup-probe.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { VERSION } from "../../src/version.js";
import { BIN, ROOT } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const STATE_FILE = "test/fixtures/files/sst-production-indented.json";
const BROKEN_FILE = "test/fixtures/files/broken-integrity.json";
const LOG_FILE = "test/fixtures/logs/pulumi-bucket-exists.log";
const ENV = { LANG: "en_US.UTF-8", NO_COLOR: "1" };
/** What `npx stateward` runs: the package's bin (dist/cli/main.cjs, the bundle's entry). */
const MAIN = path.join(
  ROOT,
  (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: { stateward: string } }).bin
    .stateward,
);
const CHUNKS = path.join(ROOT, "dist", "chunks");

/**
 * The CLI's own modules a run loaded, and the data files the build wrote beside them that it read, by
 * name, hash gone (`main`, `program`, `messages.en.state.json`); throws when one of them is not the
 * bundle's (tsc has rebuilt dist/ since, and the entry ran tsc's build: `npm run build` makes the
 * bundle again).
 */
function ownModules(run: { modules: readonly string[]; read: readonly string[] }): string[] {
  const data = run.read.filter((f) => path.dirname(f) === CHUNKS && f.endsWith(".json"));
  const own = [...run.modules, ...new Set(data)].filter((m) =>
    m.startsWith(path.join(ROOT, "dist") + path.sep),
  );
  const outside = own.filter((m) => m !== MAIN && path.dirname(m) !== CHUNKS);
  if (outside.length > 0 || !own.includes(MAIN))
    throw new Error(`not the CLI bundle (run npm run build): ${outside.join(", ") || `no ${MAIN}`}`);
  if (!own.some((m) => path.dirname(m) === CHUNKS))
    throw new Error(
      "dist/cli/main.js is tsc's (tsc ran after the bundle) and main.cjs ran it: npm run build",
    );
  return own.map((m) => path.basename(m).replace(/-[\w-]{8}\.cjs$|\.cjs$/, "")).sort();
}

let probe: Prober;
beforeAll(() => {
  probe = prober();
});
afterAll(() => probe.close());

describe("commands that make no AWS call", () => {
  const cases: ReadonlyArray<{ args: string[]; exit: number; shows: RegExp; parser?: false }> = [
    // Answered before the program loads: not even the argument parser, nor any message.
    {
      args: ["--version"],
      exit: 0,
      shows: new RegExp(`^${VERSION.replace(/\./g, "\\.")}\\n$`),
      parser: false,
    },
    { args: ["--help"], exit: 0, shows: /^Usage: stateward /m },
    { args: ["doctor", "--help"], exit: 0, shows: /^Usage: stateward doctor /m },
    { args: ["history", "list", "--help"], exit: 0, shows: /^Usage: stateward history list /m },
    // A state with resources: its report draws the by-type table.
    { args: ["state", "show", STATE_FILE], exit: 0, shows: /^ {2}count {2}type\n {2}1 {6}aws:/m },
    { args: ["state", "verify", STATE_FILE], exit: 0, shows: /passes every integrity check/ },
    { args: ["state", "repair", BROKEN_FILE, "--dry-run"], exit: 3, shows: /^Repair of / },
    { args: ["explain", LOG_FILE], exit: 3, shows: /^Explain .*pulumi-bucket-exists\.log/ },
  ];
  for (const c of cases) {
    it(`stateward ${c.args.join(" ")} loads no SDK client and no table package`, async () => {
      const r = await probe.run([MAIN, ...c.args], ENV);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(c.exit);
      expect(r.stdout).toMatch(c.shows);
      expect(sdkClients(r.modules)).toEqual([]);
      expect(loadsTable(r.modules)).toBe(false);
      // The probe does see the CLI's own modules (the bundle's chunks), so the lists above mean something.
      const own = ownModules(r);
      // --version: the version and the output writer (src/cli/std-write.ts, in the boot chunk).
      if (c.parser === false) expect(own).toEqual(["boot", "main", "rolldown-runtime", "version"]);
      // A help alone is the page the build rendered (src/cli/help-pages.ts, with the language module in the
      // boot chunk): not the program, nor any message.
      else if (c.args.includes("--help"))
        expect(own).toEqual(["boot", "help-pages", "help.en.json", "main", "rolldown-runtime"]);
      else {
        // Run without commander (src/cli/direct.ts): not the program, and the messages of the
        // command's own namespace, in English only.
        expect(own).toContain("direct");
        expect(own).not.toContain("program");
        expect(own).not.toContain("help-pages");
        const namespace = c.args[0] === "explain" ? "explain" : "state";
        expect(own).toContain(`messages.en.${namespace}.json`);
        expect(own.filter((m) => m.startsWith("messages.zh."))).toEqual([]);
      }
    });
  }

  it("loads the Chinese messages (or help pages) alone for a run in Chinese", async () => {
    for (const [args, table] of [
      [["--lang", "zh", "doctor", "--help"], "help"],
      [["--lang", "zh", "doctor", "--app", "acme", "--help"], "messages"],
      [["state", "show", STATE_FILE], "messages"],
    ] as const) {
      const r = await probe.run([MAIN, ...args], {
        ...ENV,
        LANG: args[0] === "--lang" ? "en_US.UTF-8" : "zh_CN.UTF-8",
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const own = ownModules(r);
      const tables = own.filter((m) => m.startsWith(`${table}.`));
      expect(tables.length).toBeGreaterThan(0);
      // help.zh.json; messages.zh.<namespace>.json, one per namespace the run used.
      for (const m of tables) expect(m).toMatch(new RegExp(`^${table}\\.zh\\.([a-z]+\\.)?json$`));
    }
  });
});

describe("the bundle", () => {
  it("with --debug, names the source files in a stack trace (its source maps), not its chunks", async () => {
    for (const bin of [MAIN, BIN]) {
      const r = await probe.run([bin, "state", "show", "/nonexistent/state.json", "--debug"], ENV);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/\(.*[\\/]src[\\/]actions[\\/]state\.ts:\d+:\d+\)/);
      // Run without commander: through the direct path's source (src/cli/direct.ts).
      expect(r.stderr).toMatch(/\(.*[\\/]src[\\/]cli[\\/]direct\.ts:\d+:\d+\)/);
      expect(r.stderr).not.toMatch(/[\\/]dist[\\/]chunks[\\/]/);
    }
  });

  it("runs tsc's build instead when tsc has rebuilt dist/ since (dist/cli/main.js is then not its launcher)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stateward-bin-"));
    try {
      mkdirSync(path.join(dir, "cli"));
      copyFileSync(MAIN, path.join(dir, "cli", "main.cjs"));
      writeFileSync(path.join(dir, "cli", "main.js"), 'process.stdout.write("tsc\'s build\\n");\n');
      const r = await probe.run([path.join(dir, "cli", "main.cjs"), "--version"], ENV);
      expect(r.stdout).toBe("tsc's build\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("dist/cli/main.js, which the tests run, starts the same bundle", async () => {
    // Both are executable (tsc writes main.js first, without the mode, and the build replaces it).
    for (const file of [MAIN, BIN]) expect(statSync(file).mode & 0o111).toBe(0o111);
    const r = await probe.run([BIN, "doctor", "--help"], ENV);
    expect(r.status).toBe(0);
    expect(ownModules(r)).toEqual(["boot", "help-pages", "help.en.json", "main", "rolldown-runtime"]);
  });
});

describe("a command that calls AWS", () => {
  const sandbox = useSandbox();
  beforeAll(async () => {
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  });

  it("lock status loads the clients of the services it calls (SSM for the SST home, S3 for the lock)", async () => {
    const r = await probe.run([BIN, "lock", "status", "--app", ACME.app, "--stage", "dev", "--json"], {
      ...ENV,
      ...sandboxEnv(sandbox),
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(sdkClients(r.modules)).toEqual(["client-s3", "client-ssm"]);
    expect(loadsTable(r.modules)).toBe(false);
  });
});
