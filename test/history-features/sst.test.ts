/**
 * `history snapshot`, `history backup` and `history export --git` on the SST home of the local cloud
 * seeded with the acme scenario, through the CLI in-process and the real AWS SDK.
 */
import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { backupStages, manifestKey, openBackupTarget } from "../../src/actions/backup.js";
import { exportGit } from "../../src/actions/export-git.js";
import { contentSha256 } from "../../src/backends/encoding.js";
import { S3Store } from "../../src/backends/s3-store.js";
import { SstHomeBackend } from "../../src/backends/sst-home.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys } from "../../src/state/index.js";
import { useSandbox } from "../sandbox/harness.js";
import { cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const STAGE = "dev";
const STAGE_ARGS = ["--app", ACME.app, "--stage", STAGE];

function env(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: sandbox.server().url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_REGION: ACME.homeRegion,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

function s3(): S3Client {
  return new S3Client(sandbox.config(ACME.homeRegion));
}

/** Every key and version id in a bucket (under a prefix), sorted: what "writes nothing" compares. */
async function bucketVersions(bucket: string, prefix = ""): Promise<string[]> {
  const client = s3();
  try {
    const out: string[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    for (;;) {
      const res = await client.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          Prefix: prefix,
          ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
          ...(versionMarker === undefined ? {} : { VersionIdMarker: versionMarker }),
        }),
      );
      for (const v of res.Versions ?? []) out.push(`${v.Key} ${v.VersionId} ${v.ETag}`);
      for (const d of res.DeleteMarkers ?? []) out.push(`${d.Key} ${d.VersionId} delete`);
      if (res.IsTruncated !== true) break;
      keyMarker = res.NextKeyMarker;
      versionMarker = res.NextVersionIdMarker;
    }
    return out.sort();
  } finally {
    client.destroy();
  }
}

async function stateBytes(): Promise<Uint8Array> {
  const client = s3();
  try {
    const res = await client.send(
      new GetObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.state(ACME.app, STAGE) }),
    );
    return await res.Body!.transformToByteArray();
  } finally {
    client.destroy();
  }
}

/** A new state version with new content, as a deploy would write it. */
async function writeNewState(marker: string): Promise<void> {
  const doc = JSON.parse(Buffer.from(await stateBytes()).toString("utf8")) as Record<string, unknown>;
  const deployment = doc.checkpoint === undefined ? doc : (doc.checkpoint as Record<string, unknown>);
  const latest = (deployment.latest ?? deployment) as Record<string, unknown>;
  const manifest = (latest.manifest ?? {}) as Record<string, unknown>;
  manifest.time = marker;
  latest.manifest = manifest;
  const client = s3();
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.state(ACME.app, STAGE),
        Body: Buffer.from(JSON.stringify(doc)),
      }),
    );
  } finally {
    client.destroy();
  }
}

interface ListJson {
  versions: {
    id: string;
    names: string[];
    current: boolean;
    contentHash: string;
    sources: string[];
    unreadable?: string;
    snapshots?: { id: string; ref: string; note?: string; who?: string }[];
  }[];
}

async function listJson(): Promise<ListJson> {
  const r = await cli(["history", "list", ...STAGE_ARGS, "--json"], env());
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ListJson;
}

function backend(client: S3Client, stage = STAGE): SstHomeBackend {
  return new SstHomeBackend(new S3Store(client, ACME.stateBucket), ACME.app, stage, ACME.homeRegion);
}

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("history snapshot (SST home)", () => {
  it("stores a snapshot under stateward/<app>/<stage>/snapshot/, lists it with its note, restores it exactly", async () => {
    const sstKeysBefore = (await bucketVersions(ACME.stateBucket)).filter((k) => !k.startsWith("stateward/"));
    const before = await stateBytes();

    const taken = await cli(
      ["history", "snapshot", ...STAGE_ARGS, "--note", "before migration", "--json"],
      env(),
    );
    expect(taken.stderr).toBe("");
    expect(taken.code).toBe(0);
    const snap = JSON.parse(taken.stdout) as {
      id: string;
      ref: string;
      location: string;
      contentHash: string;
    };
    expect(snap.ref).toBe(`snapshot:${snap.id}`);
    expect(snap.location).toBe(
      `s3://${ACME.stateBucket}/stateward/${ACME.app}/${STAGE}/snapshot/${snap.id}.json`,
    );
    expect(snap.contentHash).toBe(contentSha256(before));
    // SST's own keys (and their versions) are exactly as they were.
    const all = await bucketVersions(ACME.stateBucket);
    expect(all.filter((k) => !k.startsWith("stateward/"))).toEqual(sstKeysBefore);
    expect(
      all.filter((k) => k.startsWith(`stateward/${ACME.app}/${STAGE}/snapshot/${snap.id}`)),
    ).toHaveLength(2);

    // Listed, marked as a snapshot with its note, on the current version (same content).
    let list = await listJson();
    const holding = list.versions.find((v) => (v.snapshots ?? []).some((s) => s.id === snap.id))!;
    expect(holding.current).toBe(true);
    expect(holding.sources).toContain("stateward-snapshot");
    expect(holding.names).toContain(snap.ref);
    expect(holding.snapshots![0]!.note).toBe("before migration");

    // The state moves on; the snapshot still names the old content.
    await writeNewState("changed after the snapshot");
    list = await listJson();
    const current = list.versions.find((v) => v.current)!;
    expect(current.contentHash).not.toBe(snap.contentHash);

    // show and diff take the snapshot's name (and its note).
    const show = await cli(["history", "show", "snapshot:before migration", ...STAGE_ARGS, "--json"], env());
    expect(show.code).toBe(0);
    expect((JSON.parse(show.stdout) as { version: { contentHash: string } }).version.contentHash).toBe(
      snap.contentHash,
    );
    const diff = await cli(["history", "diff", snap.ref, "current", ...STAGE_ARGS, "--json"], env());
    expect(diff.code).toBe(0);
    expect((JSON.parse(diff.stdout) as { a: string }).a).toContain("version");

    // Restored through the safe write: the state's content is the snapshot's.
    const restored = await cli(
      ["history", "restore", snap.ref, ...STAGE_ARGS, "--yes", "--no-cloud-check", "--json"],
      env(),
    );
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    const result = JSON.parse(restored.stdout) as { written?: { audit: string } };
    expect(result.written?.audit).toContain(`stateward/${ACME.app}/${STAGE}/audit/`);
    expect(contentSha256(await stateBytes())).toBe(snap.contentHash);
  }, 60_000);

  it("--dry-run writes nothing; an unknown snapshot or an empty note is a clear usage error", async () => {
    const keys = await bucketVersions(ACME.stateBucket);
    const dry = await cli(["history", "snapshot", ...STAGE_ARGS, "--note", "x", "--dry-run"], env());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Dry run");
    expect(await bucketVersions(ACME.stateBucket)).toEqual(keys);

    const unknown = await cli(
      ["history", "restore", "snapshot:no such note", ...STAGE_ARGS, "--yes", "--json"],
      env(),
    );
    expect(unknown.code).toBe(2);
    const err = JSON.parse(unknown.stdout) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("NO_SUCH_VERSION");
    expect(err.error.message).toContain('no snapshot named "snapshot:no such note"');

    const empty = await cli(["history", "snapshot", ...STAGE_ARGS, "--note", "  "], env());
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--note is empty");
    expect(empty.stderr).not.toContain("    at ");
    expect(await bucketVersions(ACME.stateBucket)).toEqual(keys);
  }, 60_000);
});

interface BackupJson {
  to: string;
  stages: {
    app: string;
    stage: string;
    objects: number;
    copied: number;
    skipped: number;
    verified: number;
    wouldCopy?: string[];
    corrupt: { target: string; location: string; reason: string }[];
  }[];
  totals: { objects: number; copied: number; skipped: number; verified: number; corrupt: number };
}

async function backup(args: string[]): Promise<{ code: number; json: BackupJson; stderr: string }> {
  const r = await cli(["history", "backup", ...STAGE_ARGS, ...args, "--json"], env());
  return { code: r.code, json: JSON.parse(r.stdout) as BackupJson, stderr: r.stderr };
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  await walk(dir);
  return out.sort();
}

describe("history backup (SST home)", () => {
  it("copies every version once (second run copies 0), verifies by hash, detects a corrupted copy", async () => {
    const dir = path.join(tempDir(), "backups");
    await cli(["history", "snapshot", ...STAGE_ARGS, "--note", "n"], env());
    const first = await backup(["--to", dir]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const stage = first.json.stages[0]!;
    expect(stage.copied).toBe(stage.objects);
    expect(stage.verified).toBe(stage.objects);
    expect(stage.objects).toBeGreaterThan(3);
    const copied = await files(dir);
    // Every S3 version of the state, SST's snapshots and update records, stateward's snapshot.
    const versions = (await bucketVersions(ACME.stateBucket, sstKeys.state(ACME.app, STAGE))).length;
    expect(copied.filter((f) => f.startsWith(`versions/app/${ACME.app}/${STAGE}.json/`))).toHaveLength(
      versions,
    );
    expect(copied.some((f) => f.startsWith(`update/${ACME.app}/${STAGE}/`))).toBe(true);
    expect(copied.some((f) => f.startsWith(`snapshot/${ACME.app}/${STAGE}/`))).toBe(true);
    expect(copied.some((f) => f.startsWith(`stateward/${ACME.app}/${STAGE}/snapshot/`))).toBe(true);
    expect(copied).toContain(`stateward-backup-manifest/${ACME.app}/${STAGE}.json`);
    // A copied object holds exactly the bytes of its source.
    const oneVersion = copied.find((f) => f.startsWith("versions/"))!;
    const versionId = path.basename(oneVersion, ".json");
    const client = s3();
    const src = await client.send(
      new GetObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.state(ACME.app, STAGE),
        VersionId: versionId,
      }),
    );
    expect(
      Buffer.compare(
        Buffer.from(await src.Body!.transformToByteArray()),
        await fs.readFile(path.join(dir, oneVersion)),
      ),
    ).toBe(0);
    client.destroy();

    const second = await backup(["--to", dir]);
    expect(second.code).toBe(0);
    expect(second.json.totals.copied).toBe(0);
    expect(second.json.totals.skipped).toBe(stage.objects);

    // A new version: exactly it is copied.
    await writeNewState("new after the first backup");
    const third = await backup(["--to", dir]);
    expect(third.json.totals.copied).toBe(1);

    // Corrupt one copy (same size): --verify finds it by its hash, names it, exit 1.
    const victim = path.join(dir, oneVersion);
    const bytes = await fs.readFile(victim);
    bytes[10] = bytes[10]! ^ 0xff;
    await fs.writeFile(victim, bytes);
    const plain = await backup(["--to", dir]);
    expect(plain.code).toBe(0);
    const verified = await backup(["--to", dir, "--verify"]);
    expect(verified.code).toBe(1);
    expect(verified.json.totals.corrupt).toBe(1);
    expect(verified.json.stages[0]!.corrupt[0]).toMatchObject({ target: oneVersion, reason: "hash" });
    const human = await cli(["history", "backup", ...STAGE_ARGS, "--to", dir, "--verify"], env());
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`corrupt: ${victim}`);
    // A truncated copy is found without --verify (its size differs).
    await fs.writeFile(victim, bytes.subarray(0, 5));
    const truncated = await backup(["--to", dir]);
    expect(truncated.code).toBe(1);
    expect(truncated.json.stages[0]!.corrupt[0]).toMatchObject({ target: oneVersion, reason: "size" });
  }, 90_000);

  it("an interrupted run leaves only whole, recorded copies; the next run copies the rest", async () => {
    const dir = tempDir();
    const client = s3();
    const b = backend(client);
    const open = {
      backend: b,
      sources: { app: ACME.app, stage: STAGE },
      writer: () => Promise.reject(new Error("no")),
      close: () => {},
    };
    const target = await openBackupTarget(dir, open, env(), false);
    const controller = new AbortController();
    await expect(
      backupStages([b], target, {
        concurrency: 1,
        signal: controller.signal,
        manifestEveryMs: 60_000,
        onObject: (done) => {
          if (done === 3) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: "INTERRUPTED" });
    // The manifest written on the way out names exactly the 3 copies, each whole.
    const manifest = JSON.parse(await fs.readFile(path.join(dir, manifestKey(b)), "utf8")) as {
      objects: Record<string, { sha256: string }>;
    };
    expect(Object.keys(manifest.objects)).toHaveLength(3);
    expect((await files(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    // A copy written before the manifest said so (killed in between): verified, not copied again.
    const all = await backupStages([b], target, { dryRun: true });
    const next = all.stages[0]!.wouldCopy![0]!;
    const src = await b.store.get(next);
    if (src !== undefined) {
      await fs.mkdir(path.dirname(path.join(dir, next)), { recursive: true });
      await fs.writeFile(path.join(dir, next), src.bytes);
    }

    const resumed = await backupStages([b], target, {});
    const s = resumed.stages[0]!;
    expect(s.copied + s.skipped).toBe(s.objects);
    expect(s.skipped).toBe(src === undefined ? 3 : 4);
    const again = await backupStages([b], target, { verify: true });
    expect(again.totals.copied).toBe(0);
    expect(again.totals.corrupt).toBe(0);
    expect(again.totals.verified).toBe(s.objects);
    target.close();
    client.destroy();
  }, 60_000);

  it("to s3://bucket/prefix through the same clients; --dry-run writes nothing; --all-stages", async () => {
    const to = `s3://${ACME.assetBucket}/state-backups`;
    const assetBefore = await bucketVersions(ACME.assetBucket);
    const homeBefore = await bucketVersions(ACME.stateBucket);
    const dry = await backup(["--to", to, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.json.stages[0]!.wouldCopy!.length).toBe(dry.json.stages[0]!.objects);
    expect(await bucketVersions(ACME.assetBucket)).toEqual(assetBefore);
    expect(await bucketVersions(ACME.stateBucket)).toEqual(homeBefore);
    const dryDir = path.join(tempDir(), "not-yet");
    const dryToDir = await backup(["--to", dryDir, "--dry-run"]);
    expect(dryToDir.code).toBe(0);
    expect(existsSync(dryDir)).toBe(false);

    const first = await backup(["--to", to, "--all-stages"]);
    expect(first.code).toBe(0);
    expect(first.json.stages.map((s) => s.stage).sort()).toEqual(
      expect.arrayContaining(["dev", "production"]),
    );
    expect(first.json.totals.copied).toBe(first.json.totals.objects);
    const written = (await bucketVersions(ACME.assetBucket, "state-backups/")).length;
    expect(written).toBe(first.json.totals.objects + first.json.stages.length);
    const second = await backup(["--to", to, "--all-stages"]);
    expect(second.json.totals.copied).toBe(0);
    expect(await bucketVersions(ACME.stateBucket)).toEqual(homeBefore);
  }, 90_000);

  it("a --to that is neither a directory nor s3:// is a usage error (exit 2) naming it", async () => {
    const file = path.join(tempDir(), "a-file");
    await fs.writeFile(file, "x");
    for (const to of ["gs://bucket/x", file]) {
      const r = await cli(["history", "backup", ...STAGE_ARGS, "--to", to], env());
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--to "${to}" is neither a directory nor s3://bucket/prefix`);
      expect(r.stderr).not.toContain("    at ");
    }
    const none = await cli(["history", "backup", ...STAGE_ARGS], env());
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("needs --to");
  }, 30_000);
});

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8" });
}

describe("history export --git (SST home)", () => {
  it("one commit per version, oldest first, dated and described; a rerun appends only new versions", async () => {
    const dir = path.join(tempDir(), "repo");
    const list = await listJson();
    const readable = list.versions.filter((v) => v.unreadable === undefined);
    const r = await cli(["history", "export", ...STAGE_ARGS, "--git", dir, "--json"], env());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { added: { version: string; time: string; commit: string }[] };
    expect(out.added).toHaveLength(readable.length);
    const log = git(dir, "log", "--reverse", "--format=%H %aI %s").trim().split("\n");
    expect(log).toHaveLength(readable.length);
    // Oldest first, each dated with its version's time.
    const oldestFirst = [...readable].reverse();
    oldestFirst.forEach((v, i) => {
      const [, date] = log[i]!.split(" ");
      expect(new Date(date!).getTime()).toBe(
        Math.floor(new Date(out.added[i]!.time).getTime() / 1000) * 1000,
      );
      expect(out.added[i]!.version).toBe(v.id);
    });
    // Described by the update record where there is one.
    expect(log.some((l) => / deploy (finished|failed) \(state version /.test(l))).toBe(true);
    // The file is the state, pretty-printed: the head's content is the current version's.
    const head = await fs.readFile(path.join(dir, "state.json"), "utf8");
    expect(head.split("\n").length).toBeGreaterThan(20);
    expect(contentSha256(await stateBytes())).toBe(readable.find((v) => v.current)!.contentHash);
    expect(JSON.parse(head)).toEqual(JSON.parse(Buffer.from(await stateBytes()).toString("utf8")));
    expect(git(dir, "log", "-p", "-1")).toContain("state.json");

    const again = await cli(["history", "export", ...STAGE_ARGS, "--git", dir, "--json"], env());
    expect((JSON.parse(again.stdout) as { added: unknown[] }).added).toHaveLength(0);
    await writeNewState("a version after the export");
    const third = await cli(["history", "export", ...STAGE_ARGS, "--git", dir, "--json"], env());
    expect(third.code).toBe(0);
    expect((JSON.parse(third.stdout) as { added: unknown[] }).added).toHaveLength(1);
    expect(git(dir, "rev-list", "--count", "HEAD").trim()).toBe(String(readable.length + 1));
    expect(git(dir, "log", "-p", "-1")).toContain("a version after the export");
  }, 90_000);

  it("fails clearly when git is missing, writing nothing", async () => {
    const dir = path.join(tempDir(), "repo");
    const client = s3();
    await expect(exportGit(backend(client), dir, { git: "/nonexistent/git" })).rejects.toMatchObject({
      code: "GIT_MISSING",
      message: expect.stringContaining("git is not installed") as unknown,
    });
    expect(existsSync(dir)).toBe(false);
    client.destroy();
  });
});
