/**
 * Start-up loads only what the command needs (issue 17): the built CLI, run with a `--require` probe
 * that lists the CommonJS modules loaded by exit, loads no AWS SDK client package and no table
 * package for commands that make no AWS call; a command that does call AWS loads the clients of the
 * services it calls and no other. Behaviour only: the figures (time, memory) are in
 * bench/startup.bench.ts. Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadsTable, prober, sdkClients, type Prober } from "../../bench/startup-probe.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { VERSION } from "../../src/version.js";
import { BIN } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const STATE_FILE = "test/fixtures/files/sst-production-indented.json";
const BROKEN_FILE = "test/fixtures/files/broken-integrity.json";
const LOG_FILE = "test/fixtures/logs/pulumi-bucket-exists.log";
const ENV = { LANG: "en_US.UTF-8", NO_COLOR: "1" };

let probe: Prober;
beforeAll(() => {
  probe = prober();
});
afterAll(() => probe.close());

describe("commands that make no AWS call", () => {
  const cases: ReadonlyArray<{ args: string[]; exit: number; shows: RegExp; parser?: false }> = [
    // Answered before the program loads: not even the argument parser.
    {
      args: ["--version"],
      exit: 0,
      shows: new RegExp(`^${VERSION.replace(/\./g, "\\.")}\\n$`),
      parser: false,
    },
    { args: ["--help"], exit: 0, shows: /^Usage: stateward /m },
    { args: ["doctor", "--help"], exit: 0, shows: /^Usage: stateward doctor /m },
    // A state with resources: its report draws the by-type table.
    { args: ["state", "show", STATE_FILE], exit: 0, shows: /^ {2}count {2}type\n {2}1 {6}aws:/m },
    { args: ["state", "verify", STATE_FILE], exit: 0, shows: /passes every integrity check/ },
    { args: ["state", "repair", BROKEN_FILE, "--dry-run"], exit: 3, shows: /^Repair of / },
    { args: ["explain", LOG_FILE], exit: 3, shows: /^Explain .*pulumi-bucket-exists\.log/ },
  ];
  for (const c of cases) {
    it(`stateward ${c.args.join(" ")} loads no SDK client and no table package`, async () => {
      const r = await probe.run([BIN, ...c.args], ENV);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(c.exit);
      expect(r.stdout).toMatch(c.shows);
      expect(sdkClients(r.modules)).toEqual([]);
      expect(loadsTable(r.modules)).toBe(false);
      // The probe does see the CLI's own CommonJS dependency, so an empty list above means something.
      expect(r.modules.some((m) => /[\\/]node_modules[\\/]commander[\\/]/.test(m))).toBe(c.parser !== false);
    });
  }
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
