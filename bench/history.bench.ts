/**
 * `stateward history list` on a stage whose state object has 2,500 S3 versions (every one a distinct
 * checkpoint of ~40 resources), against `stateward sandbox` in its own process: the whole command as
 * a user runs it, and the S3 calls it made (ListObjectVersions pages and one GetObject per version).
 */
import {
  CreateBucketCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { execFile } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { SstStateBuilder, toBytes } from "../test/fixtures/builder.js";
import { startServer } from "./server.js";

const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 2500);
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

    const env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "AKIABENCH",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_REGION: "us-east-1",
    };
    const args = ["history", "list", "--app", "bench", "--stage", "dev", "--json"];
    const runs: number[] = [];
    let listed = 0;
    for (let r = 0; r < 3; r++) {
      const { ms, stdout } = await runCli(args, env);
      runs.push(ms);
      listed = (JSON.parse(stdout) as { versions: unknown[] }).versions.length;
    }
    const counts = (await (await fetch(`${endpoint}/_sandbox/requests`)).json()) as {
      byService: Record<string, Record<string, number>>;
    };
    const perRun = (op: string) => Math.round((counts.byService.s3?.[op] ?? 0) / runs.length);
    runs.sort((a, b) => a - b);
    console.log("");
    console.log(
      `history list — ${VERSIONS} S3 versions of one stage (${(bytesTotal / VERSIONS / 1024).toFixed(1)} KiB each, seeded in ${(seedMs / 1000).toFixed(1)} s), stateward sandbox in its own process:`,
    );
    console.log(
      `  ${listed} versions listed; whole command ${runs.map((m) => `${(m / 1000).toFixed(2)} s`).join(" / ")} (3 runs, median ${(runs[1]! / 1000).toFixed(2)} s)`,
    );
    console.log(
      `  S3 calls per run: ${perRun("ListObjectVersions")} ListObjectVersions pages, ${perRun("GetObject")} GetObject, ${perRun("ListObjectsV2")} ListObjectsV2`,
    );
  } finally {
    s3.destroy();
    ssm.destroy();
    stop();
  }
}

await historyBench();
