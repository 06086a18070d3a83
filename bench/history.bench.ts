/**
 * `stateward history list|show|diff` on a stage whose state object has BENCH_VERSIONS (500) S3
 * versions (every one a distinct checkpoint of ~40 resources), against `stateward sandbox` in its own
 * process: the whole command as a user runs it, and every call it made (the sandbox's request log).
 * `list` twice with a fresh cache directory (the second reads nothing it read before), `show` and
 * `diff -1 current` without the cache (what they read is only what they need).
 */
import {
  CreateBucketCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { SstStateBuilder, toBytes } from "../test/fixtures/builder.js";
import { startServer } from "./server.js";
import { report } from "./verdict.js";

interface Counts {
  total: number;
  byService: Record<string, Record<string, number>>;
}

/** 500 by default: seeding 2,500 sequential versions takes longer than the bench is worth. */
const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 500);
const BUCKET = "sst-state-bench0home1";

function runCli(args: string[], env: Record<string, string>): Promise<{ ms: number; stdout: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.resolve("dist/cli/main.js"), ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`${error.message}\n${stderr}`));
        else resolve({ ms: performance.now() - start, stdout });
      },
    );
  });
}

async function historyBench(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { endpoint, stop } = await startServer();
  const config = {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIABENCH", secretAccessKey: "bench" },
    forcePathStyle: true,
  };
  const s3 = new S3Client(config);
  const ssm = new SSMClient(config);
  try {
    await ssm.send(
      new PutParameterCommand({
        Name: "/sst/bootstrap",
        Type: "String",
        Value: JSON.stringify({ version: 5, asset: "sst-asset-bench0home1", state: BUCKET }),
      }),
    );
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: "Enabled" } }),
    );
    const builder = new SstStateBuilder({ app: "bench", stage: "dev" });
    for (let i = 0; i < 10; i++) builder.addFunction(`Fn${i}`);
    const base = builder.versioned() as { checkpoint: { latest: { manifest: { time: string } } } };
    let bytesTotal = 0;
    const seedStart = performance.now();
    // Sequential puts: S3 keeps versions in the order they were written.
    for (let i = 0; i < VERSIONS; i++) {
      base.checkpoint.latest.manifest.time = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const body = toBytes(base);
      bytesTotal += body.length;
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "app/bench/dev.json", Body: body }));
    }
    const seedMs = performance.now() - seedStart;
    await fetch(`${endpoint}/_sandbox/requests`, { method: "DELETE" });

    const cacheDir = mkdtempSync(path.join(tmpdir(), "stateward-bench-cache-"));
    const env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "AKIABENCH",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_REGION: "us-east-1",
      STATEWARD_CACHE_DIR: cacheDir,
    };
    const stage = ["--app", "bench", "--stage", "dev", "--json"];
    /** Runs the CLI and counts what it sent, from the sandbox's request log. */
    const measured = async (args: string[]) => {
      await fetch(`${endpoint}/_sandbox/requests`, { method: "DELETE" });
      const { ms, stdout } = await runCli(args, env);
      const counts = (await (await fetch(`${endpoint}/_sandbox/requests`)).json()) as Counts;
      const s3ops = counts.byService.s3 ?? {};
      const pages = (s3ops.ListObjectVersions ?? 0) + (s3ops.ListObjectsV2 ?? 0);
      if (process.env.BENCH_DEBUG === "1") console.log(args.join(" "), JSON.stringify(counts.byService));
      return { ms, stdout, calls: counts.total, pages, gets: s3ops.GetObject ?? 0 };
    };

    // history list: the first run reads every version (and fills the cache), the second only lists.
    const first = await measured(["history", "list", ...stage]);
    const listed = (JSON.parse(first.stdout) as { versions: Array<{ id: string }> }).versions;
    const second = await measured(["history", "list", ...stage]);
    const noCache = await measured(["history", "list", "--no-cache", ...stage]);
    const sameOutput = second.stdout === first.stdout;
    // show and diff without the cache: what they read is what they need.
    const old = listed[Math.floor(listed.length / 2)]!.id;
    const show = await measured(["history", "show", old, "--no-cache", ...stage]);
    const diff = await measured(["history", "diff", "-1", "current", "--no-cache", ...stage]);
    const diffCached = await measured(["history", "diff", "-1", "current", ...stage]);
    rmSync(cacheDir, { recursive: true, force: true });

    console.log("");
    console.log(
      `history — ${VERSIONS} S3 versions of one stage (${(bytesTotal / VERSIONS / 1024).toFixed(1)} KiB each, seeded in ${(seedMs / 1000).toFixed(1)} s), stateward sandbox in its own process:`,
    );
    console.log(
      `  list: ${listed.length} versions; 1st run ${first.calls} calls (${first.gets} GetObject) ${(first.ms / 1000).toFixed(2)} s; 2nd run ${second.calls} calls ${(second.ms / 1000).toFixed(2)} s, output ${sameOutput ? "identical" : "DIFFERENT"}; --no-cache ${noCache.calls} calls`,
    );
    console.log(
      `  show <version ${old}>: ${show.calls} calls (${show.gets} GetObject); diff -1 current: ${diff.calls} calls (${diff.gets} GetObject), with the cache ${diffCached.calls} calls (${diffCached.gets} GetObject)`,
    );
    report([
      {
        group: "history",
        name: `history diff -1 current at ${VERSIONS} versions, calls (no cache)`,
        value: diff.calls,
        unit: "calls",
        floor: { name: "listing pages + 2 GetObject", value: diff.pages + 2 },
        target: { max: 4 + diff.pages },
      },
      {
        group: "history",
        name: `history show <an old version> at ${VERSIONS} versions, calls (no cache)`,
        value: show.calls,
        unit: "calls",
        floor: { name: "listing pages + 1 GetObject", value: show.pages + 1 },
        target: { max: 4 + show.pages },
      },
      {
        group: "history",
        name: `history list at ${VERSIONS} versions, 1st run calls (empty cache)`,
        value: first.calls,
        unit: "calls",
        floor: { name: "listing pages + 1 GetObject per version", value: first.pages + listed.length },
        target: { maxRatio: 1.05 },
      },
      {
        group: "history",
        name: `history list at ${VERSIONS} versions, 2nd run calls${sameOutput ? "" : " (OUTPUT DIFFERS)"}`,
        value: sameOutput ? second.calls : Number.POSITIVE_INFINITY,
        unit: "calls",
        floor: { name: "listing pages", value: second.pages },
        target: { max: 5 },
      },
      {
        group: "history",
        name: `history list at ${VERSIONS} versions, 2nd run wall time`,
        value: second.ms,
        unit: "ms",
        floor: { name: "1st run", value: first.ms },
        target: { maxRatio: 0.75 },
      },
    ]);
  } finally {
    s3.destroy();
    ssm.destroy();
    stop();
  }
}

await historyBench();
