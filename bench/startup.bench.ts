/**
 * Start-up (issue 17): the built CLI (the package's bin, dist/cli/main.cjs: the bundle) on commands
 * that make no AWS call, against the floor `node -e 0` measured in the same run, interleaved round by
 * round so machine noise hits both alike. Wall time (spawn to exit, from this process) and peak
 * memory (maxRSS, written at exit by the same `--require` probe in the floor and in stateward); median
 * of ROUNDS runs each. Target: ≤ 1.5× the floor in both. Then, for commands that do call AWS (against `stateward sandbox`), which
 * `@aws-sdk/client-*` packages they loaded: only the services they use.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { startServer } from "./server.js";
import { prober, sdkClients, type Probed } from "./startup-probe.js";
import { median, report, type Figure } from "./verdict.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);
/** What `npx stateward` runs: the package's bin. */
const CLI = path.resolve(
  (JSON.parse(readFileSync("package.json", "utf8")) as { bin: { stateward: string } }).bin.stateward,
);
const STATE_FILE = "test/fixtures/files/sst-production-indented.json";
const BROKEN_FILE = "test/fixtures/files/broken-integrity.json";
const LOG_FILE = "test/fixtures/logs/pulumi-bucket-exists.log";

/** Each command, and the exit code it ends with (3: the file or log has blockers). */
const COMMANDS: ReadonlyArray<{ name: string; args: string[]; exit?: number }> = [
  { name: "--version", args: ["--version"] },
  { name: "--help", args: ["--help"] },
  { name: "doctor --help", args: ["doctor", "--help"] },
  { name: "history list --help", args: ["history", "list", "--help"] },
  { name: "state show <file>", args: ["state", "show", STATE_FILE] },
  { name: "state verify <file>", args: ["state", "verify", STATE_FILE] },
  { name: "state repair <file> --dry-run", args: ["state", "repair", BROKEN_FILE, "--dry-run"], exit: 3 },
  { name: "explain <log>", args: ["explain", LOG_FILE], exit: 3 },
];

async function noAwsFigures(): Promise<Figure[]> {
  const probe = prober();
  try {
    const env = { LANG: "en_US.UTF-8", NO_COLOR: "1" };
    // One warm-up of each, so the first round does not pay for a cold file cache.
    await probe.run(["-e", "0"], env);
    for (const c of COMMANDS) await probe.run([CLI, ...c.args], env);
    const floor: Probed[] = [];
    const runs = new Map<string, Probed[]>(COMMANDS.map((c) => [c.name, []]));
    for (let i = 0; i < ROUNDS; i++) {
      floor.push(await probe.run(["-e", "0"], env));
      for (const c of COMMANDS) {
        const r = await probe.run([CLI, ...c.args], env);
        if (r.status !== (c.exit ?? 0)) {
          throw new Error(`stateward ${c.args.join(" ")} exited ${String(r.status)}: ${r.stderr}`);
        }
        runs.get(c.name)!.push(r);
      }
    }
    const floorMs = median(floor.map((r) => r.wallMs));
    const floorMiB = median(floor.map((r) => r.maxRssKiB)) / 1024;
    const figures: Figure[] = [];
    for (const c of COMMANDS) {
      const rs = runs.get(c.name)!;
      figures.push(
        {
          group: "start-up",
          name: `stateward ${c.name}, wall time`,
          value: median(rs.map((r) => r.wallMs)),
          unit: "ms",
          floor: { name: "node -e 0", value: floorMs },
          target: { maxRatio: 1.5 },
        },
        {
          group: "start-up",
          name: `stateward ${c.name}, peak memory`,
          value: median(rs.map((r) => r.maxRssKiB)) / 1024,
          unit: "MiB",
          floor: { name: "node -e 0", value: floorMiB },
          target: { maxRatio: 1.5 },
        },
      );
    }
    return figures;
  } finally {
    probe.close();
  }
}

/** Commands that call AWS load the SDK packages of the services they call, and no other. */
async function sdkFigures(): Promise<Figure[]> {
  const deps = Object.keys(
    (JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> })
      .dependencies,
  ).filter((d) => d.startsWith("@aws-sdk/client-")).length;
  const { endpoint, stop } = await startServer("acme");
  const probe = prober();
  try {
    const env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "AKIABENCH",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_REGION: "us-east-1",
    };
    // What each needs: the SST home's SSM parameter and the state bucket (S3).
    const aws = [
      {
        name: "state show --stage dev",
        args: ["state", "show", "--app", "acme", "--stage", "dev"],
        needs: 2,
      },
      {
        name: "lock status --stage dev",
        args: ["lock", "status", "--app", "acme", "--stage", "dev"],
        needs: 2,
      },
    ];
    const figures: Figure[] = [];
    for (const c of aws) {
      const r = await probe.run([CLI, ...c.args], env);
      if (r.status !== 0)
        throw new Error(`stateward ${c.args.join(" ")} exited ${String(r.status)}: ${r.stderr}`);
      const loaded = sdkClients(r.modules);
      console.log(
        `  stateward ${c.name} loaded ${loaded.length} of ${deps} SDK client packages: ${loaded.join(", ")}`,
      );
      figures.push({
        group: "start-up",
        name: `stateward ${c.name}, SDK client packages loaded (of ${deps})`,
        value: loaded.length,
        unit: "",
        target: { max: c.needs },
      });
    }
    return figures;
  } finally {
    probe.close();
    stop();
  }
}

console.log("");
console.log(`start-up, the built CLI against node -e 0 (median of ${ROUNDS} interleaved rounds):`);
report(await noAwsFigures());
console.log("");
console.log("start-up, SDK client packages a command that calls AWS loads:");
report(await sdkFigures());
