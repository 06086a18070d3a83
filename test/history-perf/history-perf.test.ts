/**
 * What `history show`, `history diff` and `history list` read, counted from the local cloud's
 * request log: show and diff read the versions they name however many the stage has (the same calls
 * at 6 versions as at 18); list reads each stored version once into a cache on disk and, run again,
 * only lists; --no-cache reads everything again; a damaged or stale cache entry is read again. The
 * CLI runs in-process with the real AWS SDK over HTTP; what show and diff answer is checked against
 * reading the whole history.
 */
import {
  CreateBucketCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readHistory } from "../../src/backends/history-read.js";
import { showHistory } from "../../src/actions/history.js";
import { S3Store } from "../../src/backends/s3-store.js";
import { SstHomeBackend } from "../../src/backends/sst-home.js";
import { diffDeployments } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { isoTime, jsonTimes } from "../../src/report/time.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { cli, tempDir } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();
const BUCKET = "sst-state-perf0home1";
const APP = "perf";
const SMALL = 6;
const BIG = 18;

interface Counts {
  total: number;
  byService: Record<string, Record<string, number>>;
}

function env(cacheDir: string): Record<string, string> {
  return sandboxEnv(sandbox, { STATEWARD_CACHE_DIR: cacheDir });
}

/** Go's id.Descending() for a time: SST's update ids. */
function updateId(ms: number, n: number): string {
  return (2 ** 48 - 1 - ms).toString(16).padStart(12, "0") + n.toString(16).padStart(12, "0");
}

/** Every write of the state, oldest first: the bytes each deploy left (state, snapshot, record). */
const written = new Map<string, Uint8Array[]>();

/** `versions` deploys of a stage as SST makes them: a new state version, its snapshot and its record. */
async function seed(stage: string, versions: number): Promise<void> {
  const s3 = new S3Client(sandbox.config("us-east-1"));
  const builder = new SstStateBuilder({ app: APP, stage });
  for (let i = 0; i < 5; i++) builder.addFunction(`Fn${i}`);
  const out: Uint8Array[] = [];
  try {
    for (let i = 0; i < versions; i++) {
      if (i % 3 === 0) builder.addFunction(`Extra${i}`);
      const doc = builder.versioned() as { checkpoint: { latest: { manifest: { time: string } } } };
      const at = Date.UTC(2026, 0, 1) + i * 60_000;
      doc.checkpoint.latest.manifest.time = new Date(at).toISOString();
      const body = toBytes(doc);
      const id = updateId(at, i);
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `app/${APP}/${stage}.json`, Body: body }));
      await s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `snapshot/${APP}/${stage}/${id}.json`, Body: body }),
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `update/${APP}/${stage}/${id}.json`,
          Body: JSON.stringify({
            id,
            runID: `run-${i}`,
            version: "3.9.0",
            command: "deploy",
            errors: null,
            timeStarted: new Date(at).toISOString(),
            timeCompleted: new Date(at + 30_000).toISOString(),
          }),
        }),
      );
      out.push(body);
    }
  } finally {
    s3.destroy();
  }
  written.set(stage, out);
}

beforeAll(async () => {
  const config = sandbox.config("us-east-1");
  const ssm = new SSMClient(config);
  const s3 = new S3Client(config);
  try {
    await ssm.send(
      new PutParameterCommand({
        Name: "/sst/bootstrap",
        Type: "String",
        Value: JSON.stringify({ version: 5, asset: "sst-asset-perf0home1", state: BUCKET }),
      }),
    );
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: "Enabled" } }),
    );
  } finally {
    ssm.destroy();
    s3.destroy();
  }
  await seed("small", SMALL);
  await seed("big", BIG);
}, 60_000);

/** Runs the CLI and returns its JSON output and every call it made. */
async function measured(args: string[], cacheDir: string): Promise<{ out: string; counts: Counts }> {
  const url = sandbox.server().url;
  await fetch(`${url}/_sandbox/requests`, { method: "DELETE" });
  const run = await cli([...args, "--json"], env(cacheDir));
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const counts = (await (await fetch(`${url}/_sandbox/requests`)).json()) as Counts;
  return { out: run.stdout, counts };
}

const gets = (c: Counts) => c.byService.s3?.GetObject ?? 0;

/** The whole history read as `history list` reads it, with the real SDK: what show and diff must agree with. */
async function fullRead(stage: string) {
  const s3 = new S3Client(sandbox.config("us-east-1"));
  const backend = new SstHomeBackend(new S3Store(s3, BUCKET), APP, stage, "us-east-1");
  try {
    return await readHistory(backend);
  } finally {
    s3.destroy();
  }
}

/** Every cache entry's path. */
function entries(dir: string): string[] {
  const root = path.join(dir, "objects");
  return readdirSync(root).flatMap((d) => readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)));
}

describe("history show and diff read only the versions they name", () => {
  it("diff -1 current: the same calls at 6 and at 18 versions, and the diff the whole history gives", async () => {
    const calls: number[] = [];
    for (const [stage, n] of [
      ["small", SMALL],
      ["big", BIG],
    ] as const) {
      const { out, counts } = await measured(
        ["history", "diff", "-1", "current", "--no-cache", "--app", APP, "--stage", stage],
        tempDir(),
      );
      calls.push(counts.total);
      // Far fewer reads than versions: the two versions and their update records.
      expect(gets(counts)).toBeLessThan(n);
      const bytes = written.get(stage)!;
      const expected = diffDeployments(
        parseState(bytes[n - 2]!, "a").deployment,
        parseState(bytes[n - 1]!, "b").deployment,
      );
      const full = await fullRead(stage);
      const result = JSON.parse(out) as { a: string; b: string; diff: unknown };
      expect(result.diff).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(result.a).toContain(full.versions[1]!.id);
      expect(result.a).toContain(isoTime(full.versions[1]!.time));
      expect(result.b).toContain(full.versions[0]!.id);
      expect(result.b).toContain(isoTime(full.versions[0]!.time));
    }
    expect(calls[1]).toBe(calls[0]);
  });

  it("show <an old version> and show -3: the same calls at 6 and 18 versions, and what the whole history shows", async () => {
    const byStage: number[][] = [];
    for (const stage of ["small", "big"]) {
      const full = await fullRead(stage);
      const old = full.versions[full.versions.length - 2]!;
      const own: number[] = [];
      for (const name of [old.id, old.names.find((n) => n !== old.id && !n.startsWith("-"))!, "-3"]) {
        const { out, counts } = await measured(
          ["history", "show", name, "--no-cache", "--app", APP, "--stage", stage],
          tempDir(),
        );
        own.push(counts.total);
        expect(JSON.parse(out)).toEqual(
          JSON.parse(JSON.stringify(jsonTimes(showHistory(full, name, full.backend)))),
        );
      }
      byStage.push(own);
    }
    expect(byStage[1]).toEqual(byStage[0]);
  });

  it("show snapshot:<note> and diff -2 snapshot:<note>: the same calls at 6 and 18 versions, as the whole history says", async () => {
    const calls: number[][] = [];
    for (const name of ["small", "big"]) {
      const dir = tempDir();
      const stage = ["--app", APP, "--stage", name];
      const taken = await cli(["history", "snapshot", "--note", "before perf", ...stage, "--json"], env(dir));
      expect(taken.code).toBe(0);
      const full = await fullRead(name);
      const show = await measured(["history", "show", "snapshot:before perf", "--no-cache", ...stage], dir);
      expect(JSON.parse(show.out)).toEqual(
        JSON.parse(JSON.stringify(jsonTimes(showHistory(full, "snapshot:before perf", full.backend)))),
      );
      const diff = await measured(
        ["history", "diff", "-2", "snapshot:before perf", "--no-cache", ...stage],
        dir,
      );
      const result = JSON.parse(diff.out) as { a: string; b: string };
      expect(result.a).toContain(full.versions[2]!.id);
      expect(result.b).toContain(full.versions[0]!.id);
      calls.push([show.counts.total, diff.counts.total]);
    }
    expect(calls[1]).toEqual(calls[0]);
  });
});

describe("history list reads each stored version once, into a cache on disk", () => {
  it("a second list only lists and prints the same; --no-cache reads everything again", async () => {
    const dir = tempDir();
    const args = ["history", "list", "--app", APP, "--stage", "big"];
    const first = await measured(args, dir);
    expect(gets(first.counts)).toBeGreaterThanOrEqual(BIG);
    const second = await measured(args, dir);
    expect(second.out).toBe(first.out);
    expect(gets(second.counts)).toBe(0);
    // Only listings: the first run's calls less every read.
    expect(second.counts.total).toBe(first.counts.total - gets(first.counts));
    const bypass = await measured([...args, "--no-cache"], dir);
    expect(bypass.out).toBe(first.out);
    expect(gets(bypass.counts)).toBe(gets(first.counts));
    // show and diff take what they need from the same cache.
    const diff = await measured(["history", "diff", "-1", "current", "--app", APP, "--stage", "big"], dir);
    expect(gets(diff.counts)).toBe(0);
  });

  it("a second list of a stage with a snapshot and a backup makes ≤ 5 calls: stateward's own records in one listing", async () => {
    const dir = tempDir();
    const stage = ["--app", APP, "--stage", "small"];
    expect((await cli(["history", "restore", "-2", "--yes", ...stage, "--json"], env(dir))).code).toBe(0);
    const args = ["history", "list", ...stage];
    const first = await measured(args, dir);
    const second = await measured(args, dir);
    expect(second.out).toBe(first.out);
    // The snapshot an earlier test took and the backup the restore kept are both listed.
    expect(second.out).toContain("snapshot:");
    expect(second.out).toContain(`stateward/${APP}/small/backups/`);
    // SSM's bootstrap parameter, the state's versions, SST's snapshots and records, stateward's own.
    expect(second.counts.byService.ssm).toEqual({ GetParameter: 1 });
    expect(second.counts.byService.s3).toEqual({ ListObjectVersions: 1, ListObjectsV2: 3 });
    expect(second.counts.total).toBeLessThanOrEqual(5);
  });

  it("history snapshot reads the version it names through the same cache; --no-cache reads it from the store and writes nothing there", async () => {
    const stage = ["--app", APP, "--stage", "small"];
    const bypassed = tempDir();
    const bypass = await measured(["history", "snapshot", "--dry-run", "--no-cache", ...stage], bypassed);
    expect(gets(bypass.counts)).toBeGreaterThan(0);
    expect(readdirSync(bypassed)).toEqual([]);
    const cached = tempDir();
    const first = await measured(["history", "snapshot", "--dry-run", ...stage], cached);
    // The same version and content (each dry run names a new snapshot id).
    const held = (out: string) => {
      const r = JSON.parse(out) as { version: string; contentHash: string; resources: number };
      return [r.version, r.contentHash, r.resources];
    };
    expect(held(first.out)).toEqual(held(bypass.out));
    expect(entries(cached).length).toBeGreaterThan(0);
    const second = await measured(["history", "snapshot", "--dry-run", ...stage], cached);
    expect(held(second.out)).toEqual(held(first.out));
    expect(gets(second.counts)).toBeLessThan(gets(first.counts));
  });

  it("a truncated or corrupted entry is a miss, read again and replaced", async () => {
    const dir = tempDir();
    const args = ["history", "list", "--app", APP, "--stage", "small"];
    const first = await measured(args, dir);
    const files = entries(dir).sort();
    expect(files.length).toBeGreaterThan(0);
    // Copies of a state are its user's only.
    if (process.platform !== "win32") for (const f of files) expect(statSync(f).mode & 0o777).toBe(0o600);
    const [truncated, corrupted] = [files[0]!, files[1]!];
    const whole = readFileSync(truncated);
    writeFileSync(truncated, whole.subarray(0, whole.length - 7));
    const bytes = readFileSync(corrupted);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    writeFileSync(corrupted, bytes);
    const again = await measured(args, dir);
    expect(again.out).toBe(first.out);
    expect(gets(again.counts)).toBe(2);
    expect(readFileSync(truncated)).toEqual(whole);
    expect(statSync(corrupted).size).toBe(bytes.length);
    const third = await measured(args, dir);
    expect(gets(third.counts)).toBe(0);
  });

  it("an entry whose ETag or size is not the listing's is read again", async () => {
    const dir = tempDir();
    const args = ["history", "list", "--app", APP, "--stage", "small"];
    const first = await measured(args, dir);
    // Rewrite one entry's header as if the listing had said another ETag (the bytes stay right).
    const file = entries(dir).sort()[0]!;
    const data = readFileSync(file);
    const nl = data.indexOf(0x0a);
    const header = JSON.parse(data.subarray(0, nl).toString("utf8")) as { revision: string; size: number };
    const body = data.subarray(nl + 1);
    const other = `"${createHash("md5").update("something else").digest("hex")}"`;
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(JSON.stringify({ ...header, revision: other }) + "\n"), body]),
    );
    const second = await measured(args, dir);
    expect(second.out).toBe(first.out);
    expect(gets(second.counts)).toBe(1);
    // And one whose size is not the listing's.
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(JSON.stringify({ ...header, size: header.size + 1 }) + "\n"), body]),
    );
    const third = await measured(args, dir);
    expect(third.out).toBe(first.out);
    expect(gets(third.counts)).toBe(1);
    expect(readFileSync(file)).toEqual(data);
  });
});
