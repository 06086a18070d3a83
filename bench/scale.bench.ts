/**
 * doctor at scale: `stateward doctor --all-stages` of one SST app on `stateward sandbox` (own
 * process), its stages' states written where SST keeps them and every table they name created in
 * the cloud. The same app is measured at two sizes of stage (resources per stage), and with twice
 * the stages; the requests counted are the sandbox's own log (and doctor's printed count is checked
 * against it). Aim: requests grow with list pages and with stages, never with resources — the
 * requests five times the resources add are the list pages those resources add (the tagging API's,
 * 100 a page), within 10% — and a single stage whose home is found costs at most 6 requests before
 * the cloud scan (an app's other stages add one each: their states say what they own).
 *
 * Sizes: 10 stages × 200 and × 1,000 tables, and 20 stages × 200 (seeding 16,000 tables takes about
 * 25 s on 2 cores). The issue's full size — 50 stages × 1,000 and × 5,000, and 100 stages × 1,000
 * (400,000 tables) — runs with BENCH_SCALE_FULL=1; any size with BENCH_SCALE_STAGES,
 * BENCH_SCALE_SMALL and BENCH_SCALE_LARGE. Each line prints doctor's own wall time beside the
 * seeding's.
 *
 * Seen at full size (one run, 2-core machine, load dropping; 10 min 27 s in all with the build): 50 ×
 * 1,000 seeded in 134 s, doctor 17.1 s, 724 requests (14.5 per 1,000 resources, 14.5 per stage;
 * tagging 513, s3 152, logs 50); 100 × 1,000 doctor 20.8 s, 1,424 requests (14.2, 14.2); 50 × 5,000
 * seeded in 188 s, doctor 40.8 s, 2,724 requests (10.9 per 1,000, 54.5 per stage; tagging 2,513);
 * +2,000 requests for +200,000 resources = the +2,000 pages (1.00×), 100 stages vs 50 1.97×, 6
 * requests before the scan: all three targets met. It first finished after two fixes: the sandbox's
 * tagging API rebuilt and sorted the region's every tagged resource on each page (0.55 s a page at
 * 250,000 tables; it now keeps a walk's list while nothing changes), and doctor's name-collision rule
 * searched every other stage's inventory per entry (a 50 × 1,000 doctor was stopped after 10 minutes
 * at full CPU, 99% of its profile there; it now indexes the claims once). A kind whose tag walk fails
 * is a part left unread, its entries not read one by one (src/cloud/inventory.ts).
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Clients } from "../src/sandbox/scenarios/clients.js";
import { makeSstHome } from "../src/sandbox/scenarios/home.js";
import { materialize } from "../src/sandbox/scenarios/materialize.js";
import { makeUpdateId, sstKeys } from "../src/state/index.js";
import { mapLimit } from "../src/util/map-limit.js";
import { SstStateBuilder, toBytes } from "../test/fixtures/builder.js";
import { startServer } from "./server.js";
import { report } from "./verdict.js";

const FULL = process.env.BENCH_SCALE_FULL === "1";
const STAGES = Number(process.env.BENCH_SCALE_STAGES ?? (FULL ? 50 : 10));
const SMALL = Number(process.env.BENCH_SCALE_SMALL ?? (FULL ? 1_000 : 200));
const LARGE = Number(process.env.BENCH_SCALE_LARGE ?? (FULL ? 5_000 : 1_000));
const REGION = "us-east-1";
const BUCKET = "sst-state-scale0home";
const APP = "scale";

interface Counts {
  total: number;
  byService: Record<string, Record<string, number>>;
}
interface DoctorJson {
  calls: number;
  callCounts: { total: number; byService: Record<string, number>; beforeScan?: number };
  coverage: { total: number };
}

async function admin(endpoint: string, route: string, method = "GET"): Promise<unknown> {
  try {
    return await (await fetch(`${endpoint}/_sandbox/${route}`, { method })).json();
  } catch {
    // A pooled connection the sandbox closed while this process waited on doctor (keep-alive
    // expiry unseen while the event loop was blocked): once more, on a new one.
    return (await fetch(`${endpoint}/_sandbox/${route}`, { method })).json();
  }
}

/** An empty cloud with one SST home. */
async function home(clients: Clients, endpoint: string): Promise<void> {
  await admin(endpoint, "reset", "POST");
  await makeSstHome(clients, REGION, BUCKET, "sst-asset-scale0home");
}

/** `stages` stages of `perStage` tables each: the tables created, the state and its records written. */
async function seed(clients: Clients, stages: number, perStage: number, app = APP): Promise<void> {
  const at = new Date("2026-11-02T10:00:00Z");
  for (let s = 0; s < stages; s++) {
    const b = new SstStateBuilder({ app, stage: `stage${s}`, seed: s + 1 });
    for (let i = 0; i < perStage; i++) b.addDynamo(`T${i}`);
    await mapLimit(
      b.resources.filter((r) => r.custom && r.type === "aws:dynamodb/table:Table"),
      16,
      (r) => materialize(r, REGION, clients),
    );
    const id = makeUpdateId(at, (s + 1).toString(16).padStart(12, "0"));
    const bytes = toBytes(b.versioned());
    const put = (Key: string, Body: string | Uint8Array) =>
      clients.s3(REGION).send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
    const record = { id, runID: `run-${s}`, version: "3.9.0", command: "deploy", errors: null };
    await put(sstKeys.update(app, b.stage, id), JSON.stringify({ ...record, timeStarted: at.toISOString() }));
    await put(sstKeys.state(app, b.stage), bytes);
    await put(sstKeys.snapshot(app, b.stage, id), bytes);
  }
}

/** Runs the built CLI's doctor; its JSON report and the sandbox's count of the requests it made. */
async function doctor(
  endpoint: string,
  allStages: boolean,
  app = APP,
): Promise<{ json: DoctorJson; log: Counts; seconds: number }> {
  await admin(endpoint, "requests", "DELETE");
  const args = [
    "doctor",
    "--app",
    app,
    "--stage",
    "stage0",
    "--json",
    ...(allStages ? ["--all-stages"] : []),
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.resolve("dist/cli/main.js"), ...args], {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "AKIABENCH",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_REGION: REGION,
    },
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  const log = (await admin(endpoint, "requests")) as Counts;
  let json: DoctorJson;
  try {
    json = JSON.parse(r.stdout.toString()) as DoctorJson;
  } catch {
    throw new Error(
      `doctor ${args.join(" ")} gave no report (exit ${String(r.status)}, ${seconds.toFixed(0)} s): ${r.stderr.toString().slice(-2000)}`,
    );
  }
  if (json.calls !== log.total)
    throw new Error(`doctor printed ${json.calls} requests, the sandbox counted ${log.total}`);
  return { json, log, seconds };
}

const bySvc = (log: Counts) =>
  Object.entries(log.byService)
    .map(([s, ops]) => [s, Object.values(ops).reduce((a, b) => a + b, 0)] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s} ${n}`)
    .join(", ");

async function scaleBench(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { endpoint, stop } = await startServer("empty");
  const clients = new Clients({ url: endpoint });
  try {
    const runs: {
      stages: number;
      perStage: number;
      calls: number;
      log: Counts;
      seedS: number;
      doctorS: number;
    }[] = [];
    let oneOfMany: DoctorJson | undefined;
    for (const [stages, perStage] of [
      [STAGES, SMALL],
      [STAGES * 2, SMALL],
      [STAGES, LARGE],
    ] as const) {
      await home(clients, endpoint);
      const t0 = performance.now();
      await seed(clients, stages, perStage);
      const seedS = (performance.now() - t0) / 1000;
      const { json, log, seconds } = await doctor(endpoint, true);
      if (json.coverage.total !== stages * perStage)
        throw new Error(`doctor checked ${json.coverage.total} resources, expected ${stages * perStage}`);
      runs.push({ stages, perStage, calls: log.total, log, seedS, doctorS: seconds });
      // One stage of the big app: its other stages' states are read before the scan (they own what
      // they hold), one request each.
      oneOfMany ??= (await doctor(endpoint, false)).json;
    }
    // A stage whose app has no other stage: what a stage costs before the scan, whatever its size.
    await seed(clients, 1, LARGE, "solo");
    const fixed = (await doctor(endpoint, false, "solo")).json;
    const [small, wide, large] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
    console.log("");
    console.log(
      `doctor --all-stages at scale — one SST app, DynamoDB tables, stateward sandbox in its own process${FULL ? "" : " (BENCH_SCALE_FULL=1 for 50 stages × 5,000)"}:`,
    );
    for (const r of runs) {
      const resources = r.stages * r.perStage;
      console.log(
        `  ${r.stages} stages × ${r.perStage} resources (seeded in ${r.seedS.toFixed(1)} s, doctor ${r.doctorS.toFixed(1)} s): ${r.calls} requests — ${((r.calls / resources) * 1000).toFixed(1)} per 1,000 resources, ${(r.calls / r.stages).toFixed(1)} per stage; by service: ${bySvc(r.log)}`,
      );
    }
    console.log(
      `  one stage of ${LARGE} resources, the app's only one (doctor without --all-stages): ${fixed.callCounts.total} requests, ${fixed.callCounts.beforeScan ?? "?"} before the cloud scan`,
    );
    console.log(
      `  one stage of ${STAGES} (doctor without --all-stages): ${oneOfMany!.callCounts.total} requests, ${oneOfMany!.callCounts.beforeScan ?? "?"} before the cloud scan (+1 per other stage: its state, which says what it owns)`,
    );
    // List pages: the tagging API (which finds the tables) returns 100 resources a page, so five
    // times the tables adds (large - small) / 100 pages to each walk of them. Requests that grew with
    // resources would add one (or more) per resource: thousands, not tens.
    const tables = (r: typeof small) => r.stages * r.perStage;
    const pages = (n: number) => Math.ceil(n / 100);
    const extraPages = pages(tables(large)) - pages(tables(small));
    console.log(
      `  resources ×${(tables(large) / tables(small)).toFixed(0)} → requests ×${(large.calls / small.calls).toFixed(2)}: +${large.calls - small.calls} requests for +${tables(large) - tables(small)} resources, +${extraPages} list pages of 100; stages ×2 → requests ×${(wide.calls / small.calls).toFixed(2)}`,
    );
    report([
      {
        group: "scale",
        name: `doctor --all-stages, requests added by ${STAGES} stages × ${LARGE} instead of × ${SMALL} resources`,
        value: large.calls - small.calls,
        unit: "calls",
        floor: { name: `list pages of 100 those resources add`, value: extraPages },
        // Growing only with list pages: the extra requests are the extra pages (one walk of them).
        target: { maxRatio: 1.1 },
      },
      {
        group: "scale",
        name: `doctor --all-stages requests, ${STAGES * 2} vs ${STAGES} stages × ${SMALL} resources`,
        value: wide.calls,
        unit: "calls",
        floor: { name: `${STAGES} stages × ${SMALL}`, value: small.calls },
        target: { maxRatio: 2.2 },
      },
      {
        group: "scale",
        name: `doctor (one stage of ${LARGE} resources, home found) requests before the cloud scan`,
        value: fixed.callCounts.beforeScan ?? Number.NaN,
        unit: "calls",
        target: { max: 6 },
      },
    ]);
  } finally {
    clients.destroy();
    stop();
  }
}

await scaleBench();
