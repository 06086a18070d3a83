/**
 * `stateward ui` in Debian's chromium (playwright-core), on one stage of `stateward sandbox` (own
 * process) with BENCH_UI_RESOURCES (5,000) resources in its current state, every table and function
 * made in the cloud, and BENCH_UI_VERSIONS (500) S3 versions of the state (the older ones smaller:
 * 40–100 resources each, so that seeding stays within a minute). `stateward ui` runs as a user runs
 * it (the built CLI, its own process), and so does the browser.
 *
 * Measured, each against a floor from the same run:
 * - stage page, first render (server computing doctor) — floor: `stateward doctor --json`, same stage
 *   (medians of COLD_ROUNDS, each a new `stateward ui` process);
 * - stage page, render with the server's data cached — floor: chromium loading a static page of a
 *   table with the same number of rows (the work a page that does not virtualise does at least);
 * - history page, first render (reading every version) — floor: `stateward history list --json`
 *   with an empty cache;
 * - history page, render again — floor: a static page of a table with one row per version;
 * - diff of two versions shown (the newest two: thousands of resources added), from the keypress
 *   that selects the second — floor: the same diff fetched by the page without rendering it.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { execFile, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { BrowserContext, Page } from "playwright-core";
import { Clients } from "../src/sandbox/scenarios/clients.js";
import { makeSstHome } from "../src/sandbox/scenarios/home.js";
import { materialize } from "../src/sandbox/scenarios/materialize.js";
import { sstKeys } from "../src/state/index.js";
import { mapLimit } from "../src/util/map-limit.js";
import { launchChromium } from "../test/fixtures/browser.js";
import { SstStateBuilder, toBytes } from "../test/fixtures/builder.js";
import { startServer } from "./server.js";
import { median, report } from "./verdict.js";

const RESOURCES = Number(process.env.BENCH_UI_RESOURCES ?? 5_000);
const VERSIONS = Number(process.env.BENCH_UI_VERSIONS ?? 500);
const REGION = "us-east-1";
const BUCKET = "sst-state-uibench0home";
const APP = "uibench";
const STAGE = "big";
/** Rounds of the diff figure (floor, then render), for a median: one sample swung 0.96–1.53×. */
const DIFF_ROUNDS = Number(process.env.BENCH_UI_DIFF_ROUNDS ?? 5);
/**
 * Rounds of the stage page's first render (doctor, then a new `stateward ui` and its first page), for
 * a median: one sample swung 1.01–1.59× between runs on a quiet machine.
 */
const COLD_ROUNDS = Number(process.env.BENCH_UI_COLD_ROUNDS ?? 3);

type Obj = Record<string, unknown>;

/** The stage: FUNCTIONS functions (4 resources each) and tables (2 each) up to RESOURCES. */
async function seed(clients: Clients): Promise<{ resources: number; seedMs: number }> {
  const start = performance.now();
  await makeSstHome(clients, REGION, BUCKET, "sst-asset-uibench0home");
  const b = new SstStateBuilder({ app: APP, stage: STAGE, seed: 7 });
  const functions = 50;
  for (let i = 0; i < functions; i++) b.addFunction(`Fn${i}`);
  for (let i = 0; b.resources.length < RESOURCES; i++) b.addDynamo(`T${i}`);
  await mapLimit(
    b.resources.filter((r) => r.custom),
    16,
    (r) => materialize(r, REGION, clients),
  );
  const full = b.versioned() as { checkpoint: { latest: { manifest: { time: string }; resources: Obj[] } } };
  const all = full.checkpoint.latest.resources;
  const put = (body: Uint8Array) =>
    clients
      .s3(REGION)
      .send(new PutObjectCommand({ Bucket: BUCKET, Key: sstKeys.state(APP, STAGE), Body: body }));
  // Sequential puts: S3 keeps versions in the order they were written; the last is the whole stage.
  for (let i = 0; i < VERSIONS; i++) {
    const last = i === VERSIONS - 1;
    full.checkpoint.latest.manifest.time = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    full.checkpoint.latest.resources = last ? all : all.slice(0, 40 + (i % 61));
    await put(toBytes(full));
  }
  return { resources: all.length, seedMs: performance.now() - start };
}

function runCli(args: string[], env: Record<string, string>): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.resolve("dist/cli/main.js"), ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, maxBuffer: 512 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        // doctor exits 3 when it finds blockers: still a full run.
        if (error !== null && typeof error.code !== "number")
          reject(new Error(`${error.message}\n${stderr}`));
        else resolve(performance.now() - start);
      },
    );
  });
}

/** A static page of a table of `rows` rows and `cols` columns, served locally; its URL. */
async function staticTables(): Promise<{ url: (rows: number, cols: number) => string; close: () => void }> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const rows = Number(u.searchParams.get("rows"));
    const cols = Number(u.searchParams.get("cols"));
    const cells = (i: number) =>
      Array.from({ length: cols }, (_, c) => `<td>uibench-big-T${i}Table-${c}-abcdefgh</td>`).join("");
    const body = Array.from({ length: rows }, (_, i) => `<tr>${cells(i)}</tr>`).join("\n");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head>
<body><h1>floor</h1><table><tbody>\n${body}\n</tbody></table></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (rows, cols) => `http://127.0.0.1:${port}/?rows=${rows}&cols=${cols}`,
    close: () => server.close(),
  };
}

/** `stateward ui … --port 0 --json` (the built CLI) in its own process: its address and token. */
function startUiProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; token: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [path.resolve("dist/cli/main.js"), "ui", ...args, "--port", "0", "--json"],
    {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`stateward ui exited (${String(code)})`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0]!;
      if (!out.includes("\n")) return;
      const { url, token } = JSON.parse(line) as { url: string; token: string };
      resolve({ url, token, stop: () => child.kill("SIGTERM") });
    });
  });
}

/** Milliseconds from `action` until `selector` is in the page and laid out. */
async function timed(page: Page, action: () => Promise<unknown>, selector: string): Promise<number> {
  const start = performance.now();
  await action();
  await page
    .waitForSelector(`${selector}, [role="alert"]`, {
      timeout: Number(process.env.BENCH_UI_TIMEOUT ?? 600_000),
    })
    .catch(async (e: Error) => {
      throw new Error(
        `${e.message.split("\n")[0]}; the page at ${page.url()} shows: ${await page.innerText("body")}`,
      );
    });
  const alert = await page.$('[role="alert"]');
  if (alert !== null) throw new Error(`the page shows an error: ${await alert.textContent()}`);
  await page.evaluate("document.body.offsetHeight");
  return performance.now() - start;
}

/**
 * From the page's own clock, as the floor's fetch is timed: the key going down to `selector` in the
 * document and laid out (no round trips to the browser in the figure).
 */
async function inPage(page: Page, press: () => Promise<unknown>, selector: string): Promise<number> {
  // Not awaited here (evaluate would wait for the promise): kept on the window until after the key.
  await page.evaluate(`void (window.__benchShown = new Promise((resolve) => {
    let start = performance.now();
    document.addEventListener("keydown", () => { start = performance.now(); }, { once: true, capture: true });
    const seen = () => {
      if (document.querySelector('[role="alert"]') !== null) return resolve(-1);
      if (document.querySelector(${JSON.stringify(selector)}) === null) return;
      observer.disconnect();
      void document.body.offsetHeight;
      resolve(performance.now() - start);
    };
    const observer = new MutationObserver(seen);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  }))`);
  await press();
  const ms = await page.evaluate<number>("window.__benchShown");
  if (ms < 0) throw new Error(`the page shows an error: ${await page.textContent('[role="alert"]')}`);
  return ms;
}

async function uiBench(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { endpoint, stop } = await startServer();
  const clients = new Clients({ url: endpoint });
  const cacheDir = mkdtempSync(path.join(tmpdir(), "stateward-bench-ui-"));
  const floorCache = mkdtempSync(path.join(tmpdir(), "stateward-bench-ui-floor-"));
  const env = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "AKIABENCH",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const browser = await launchChromium();
  const statics = await staticTables();
  let stopUi = (): void => {};
  try {
    const { resources, seedMs } = await seed(clients);
    const stageArgs = ["--app", APP, "--stage", STAGE, "--json"];
    const listFloor = await runCli(["history", "list", ...stageArgs], {
      ...env,
      STATEWARD_CACHE_DIR: floorCache,
    });

    // Rounds of doctor, then a new `stateward ui` (its own empty cache) and its first stage page; the
    // last one's server and page go on to the figures after.
    const doctorFloors: number[] = [];
    const stageColds: number[] = [];
    let origin = "";
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    for (let round = 0; round < COLD_ROUNDS; round++) {
      doctorFloors.push(await runCli(["doctor", ...stageArgs], { ...env, STATEWARD_CACHE_DIR: floorCache }));
      stopUi();
      await context?.close();
      const ui = await startUiProcess(["--app", APP, "--stage", STAGE, "--lang", "en"], {
        ...env,
        STATEWARD_CACHE_DIR: mkdtempSync(path.join(cacheDir, "round-")),
      });
      stopUi = ui.stop;
      origin = new URL(ui.url).origin;
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: "stateward_ui", value: ui.token, url: origin }]);
      const p = await context.newPage();
      stageColds.push(await timed(p, () => p.goto(`${origin}/#/stage/${STAGE}`), "tr.vrow"));
      page = p;
    }
    const doctorFloor = median(doctorFloors);
    const stageCold = median(stageColds);
    if (page === undefined) throw new Error("BENCH_UI_COLD_ROUNDS must be at least 1");
    await timed(page, () => page.evaluate("location.hash = '#/explain'"), "textarea#log");
    const stageWarm = await timed(page, () => page.evaluate(`location.hash = '#/stage/${STAGE}'`), "tr.vrow");
    const historyCold = await timed(
      page,
      () => page.evaluate(`location.hash = '#/stage/${STAGE}/history'`),
      "tr[data-version]",
    );
    await page.waitForSelector("svg.chart-svg rect", { timeout: 600_000 });
    await timed(page, () => page.evaluate("location.hash = '#/explain'"), "textarea#log");
    const historyWarm = await timed(
      page,
      () => page.evaluate(`location.hash = '#/stage/${STAGE}/history'`),
      "svg.chart-svg rect",
    );
    const shownVersions = await page.textContent("#timeline-title");

    // The diff of the newest two versions: the floor is the same request from the page, not rendered.
    const ids = await Promise.all(
      (await page.locator("tr[data-version]").all()).slice(0, 2).map((l) => l.getAttribute("data-version")),
    );
    const [b, a] = ids as [string, string];
    const diffUrl = `/api/stages/${STAGE}/diff?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
    // Rounds, each the floor then the render (a keypress selects the second version; another clears
    // it): medians, so that neither side alone pays the server's first read of the two versions. Both
    // are timed by the page's clock: the fetch alone, and the keypress to the diff laid out.
    const diffFloors: number[] = [];
    const diffRenders: number[] = [];
    await page.check(`tr[data-version="${b}"] input.select-version`);
    for (let round = 0; round < DIFF_ROUNDS; round++) {
      diffFloors.push(
        await page.evaluate<number>(
          `(async () => { const t = performance.now(); const r = await fetch(${JSON.stringify(diffUrl)}); await r.json(); return performance.now() - t; })()`,
        ),
      );
      await page.focus(`tr[data-version="${a}"] input.select-version`);
      diffRenders.push(await inPage(page, () => page.keyboard.press("Space"), ".diff[data-a]"));
      if (round < DIFF_ROUNDS - 1) {
        await page.keyboard.press("Space");
        await page.waitForSelector(".diff[data-a]", { state: "detached" });
      }
    }
    const diffFloor = median(diffFloors);
    const diffMs = median(diffRenders);
    const added = await page.textContent("#diff-added");

    // Floors: chromium loading the same number of rows as a plain table.
    const floorPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const staticStage = await timed(floorPage, () => floorPage.goto(statics.url(resources, 4)), "tr");
    const staticHistory = await timed(floorPage, () => floorPage.goto(statics.url(VERSIONS, 6)), "tr");
    stopUi();

    console.log("");
    console.log(
      `ui — one stage of ${resources} resources and ${VERSIONS} versions (seeded in ${(seedMs / 1000).toFixed(1)} s), stateward sandbox in its own process, chromium ${browser.version()}:`,
    );
    console.log(`  history page heading: ${shownVersions ?? "?"}; diff of the newest two: ${added ?? "?"}`);
    report([
      {
        group: "ui",
        name: `stage page, first render (server runs doctor) at ${resources} resources (median of ${COLD_ROUNDS})`,
        value: stageCold,
        unit: "ms",
        floor: { name: `stateward doctor --json, same stage (median of ${COLD_ROUNDS})`, value: doctorFloor },
        target: { maxRatio: 1.5 },
      },
      {
        group: "ui",
        name: `stage page, render with the data cached, ${resources} rows`,
        value: stageWarm,
        unit: "ms",
        floor: { name: `static page of a ${resources}-row table`, value: staticStage },
        target: { maxRatio: 1 },
      },
      {
        group: "ui",
        name: `history page, first render at ${VERSIONS} versions (empty cache)`,
        value: historyCold,
        unit: "ms",
        floor: { name: "stateward history list --json, empty cache", value: listFloor },
        target: { maxRatio: 1.5 },
      },
      {
        group: "ui",
        name: `history page, render again (timeline + chart of ${VERSIONS} versions)`,
        value: historyWarm,
        unit: "ms",
        floor: { name: `static page of a ${VERSIONS}-row table`, value: staticHistory },
        target: { maxRatio: 1.5 },
      },
      {
        group: "ui",
        name: `diff of the newest two versions shown, from the keypress (median of ${DIFF_ROUNDS})`,
        value: diffMs,
        unit: "ms",
        floor: {
          name: `the same diff fetched by the page, not rendered (median of ${DIFF_ROUNDS})`,
          value: diffFloor,
        },
        target: { maxRatio: 1.5 },
      },
    ]);
  } finally {
    stopUi();
    statics.close();
    await browser.close();
    clients.destroy();
    stop();
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(floorCache, { recursive: true, force: true });
  }
}

await uiBench();
