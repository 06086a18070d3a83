/**
 * The Pulumi DIY backend over a real directory (`file://<dir>`), laid out as Pulumi's pkg/backend/diy
 * writes it: layout detection, reading stacks (plain and gzip), history with update records and
 * backups, Pulumi-compatible locks, the safe-write protocol end to end, and `--backend file://…`.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { listHistory as listVersions, resolveVersion } from "../../src/actions/history.js";
import { listAudit } from "../../src/backends/audit.js";
import { DirStore } from "../../src/backends/dir-store.js";
import { detectDiyLayout, PulumiDiyBackend } from "../../src/backends/pulumi-diy.js";
import { openStage } from "../../src/backends/resolve.js";
import { safeWrite, type WriteStep } from "../../src/backends/safe-write.js";
import type { Writer } from "../../src/backends/types.js";
import { verifyIntegrity } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";

const writer: Writer = {
  who: "tester@host",
  action: "history restore",
  pid: process.pid,
  host: os.hostname(),
  tool: "stateward test",
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stateward-diy-"));
  dirs.push(dir);
  return dir;
}

/** Writes `bytes` at `key` (a `/`-separated path below `root`), creating directories. */
function put(root: string, key: string, bytes: Uint8Array | string): string {
  const file = path.join(root, ...key.split("/"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

function read(root: string, key: string): Buffer {
  return fs.readFileSync(path.join(root, ...key.split("/")));
}

/** Files (not directories) directly in a directory below root; [] when it does not exist. */
function filesIn(root: string, key: string): string[] {
  const dir = path.join(root, ...key.split("/"));
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

/** Every file anywhere below a directory, as `/`-separated paths relative to it. */
function allFiles(root: string, key = ""): string[] {
  const dir = path.join(root, ...key.split("/").filter((s) => s !== ""));
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * A Pulumi checkpoint of `project`/`stack` (`{version: 3, checkpoint: {stack, latest}}`): the stack
 * resource, the default AWS provider and one `aws:s3/bucket:Bucket` per name.
 */
function checkpoint(
  buckets: string[],
  options: { project?: string; stack?: string; time?: string; orphan?: boolean } = {},
): Uint8Array {
  const b = new SstStateBuilder({
    app: options.project ?? "proj",
    stage: options.stack ?? "dev",
    time: options.time ?? "2025-03-14T10:00:00.000000Z",
  });
  const stack = b.resources[0]!;
  for (const name of buckets) {
    const bucket = `${name.toLowerCase()}-4f1c2e`;
    b.custom("aws:s3/bucket:Bucket", name, stack, {
      id: bucket,
      inputs: { __defaults: [], bucket, forceDestroy: false },
      outputs: { arn: `arn:aws:s3:::${bucket}`, bucket, id: bucket, region: b.region },
    });
  }
  if (options.orphan === true) {
    const last = b.resources[b.resources.length - 1]!;
    last.parent = b.urn("pkg:index:Gone", "ghost");
  }
  return toBytes(b.versioned());
}

const V0 = checkpoint([]);
const V1 = checkpoint(["Logs"]);
const V2 = checkpoint(["Logs", "Assets"]);
const V3 = checkpoint(["Logs", "Assets", "Uploads"]);
const BAD = checkpoint(["Logs", "Assets"], { orphan: true });

/** A project-scoped backend (meta.yaml version 1) holding `proj/dev` as `state`. */
function projectBackend(state?: Uint8Array, options: { gzip?: boolean } = {}): string {
  const root = tempDir();
  put(root, ".pulumi/meta.yaml", "version: 1\n");
  if (state !== undefined) {
    put(root, `.pulumi/stacks/proj/dev.json${options.gzip === true ? ".gz" : ""}`, state);
  }
  return root;
}

const open = (root: string, project = "proj", stack = "dev") =>
  PulumiDiyBackend.open(new DirStore(root), project, stack);

describe("the fixture checkpoints", () => {
  it("are distinct, parse, and pass integrity (BAD fails it on a missing parent)", () => {
    const all = [V0, V1, V2, V3];
    expect(new Set(all.map(sha256)).size).toBe(4);
    for (const bytes of all) {
      const doc = parseState(bytes);
      expect(doc.writable).toBe(true);
      expect(doc.stack).toBe("organization/proj/dev");
      expect(verifyIntegrity(doc.deployment)).toEqual([]);
    }
    expect(parseState(V3).deployment!.resources!.map((r) => r.type)).toEqual([
      "pulumi:pulumi:Stack",
      "pulumi:providers:aws",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucket:Bucket",
    ]);
    const violations = verifyIntegrity(parseState(BAD).deployment);
    expect(violations.map((v) => v.code)).toContain("missing-parent");
  });
});

describe("detectDiyLayout", () => {
  it("meta.yaml version 1 means project-scoped stacks, even beside flat files", async () => {
    const root = tempDir();
    put(root, ".pulumi/meta.yaml", "version: 1\n");
    put(root, ".pulumi/stacks/dev.json", V1);
    expect(await detectDiyLayout(new DirStore(root))).toEqual({ projectScoped: true });
  });

  it("meta.yaml version 0 means the legacy layout", async () => {
    const root = tempDir();
    put(root, ".pulumi/meta.yaml", "version: 0\n");
    expect(await detectDiyLayout(new DirStore(root))).toEqual({ projectScoped: false });
  });

  it("no meta.yaml with flat stacks/dev.json is the legacy layout", async () => {
    const root = tempDir();
    put(root, ".pulumi/stacks/dev.json", V1);
    expect(await detectDiyLayout(new DirStore(root))).toEqual({ projectScoped: false });
  });

  it("no meta.yaml and nothing there (or only project directories) is project-scoped", async () => {
    const empty = tempDir();
    expect(await detectDiyLayout(new DirStore(empty))).toEqual({ projectScoped: true });
    const scoped = tempDir();
    put(scoped, ".pulumi/stacks/proj/dev.json", V1);
    expect(await detectDiyLayout(new DirStore(scoped))).toEqual({ projectScoped: true });
  });
});

describe("readState", () => {
  it("reads .pulumi/stacks/<project>/<stack>.json", async () => {
    const root = projectBackend(V1);
    const backend = await open(root);
    expect(backend.stateKey).toBe(".pulumi/stacks/proj/dev.json");
    const state = await backend.readState();
    expect(state).toBeDefined();
    expect(Buffer.from(state!.bytes).equals(Buffer.from(V1))).toBe(true);
    expect(state!.revision).toBe(sha256(V1));
    expect(state!.location).toBe(path.join(root, ".pulumi", "stacks", "proj", "dev.json"));
    expect(state!.doc.deployment!.resources).toHaveLength(3);
  });

  it("reads <stack>.json.gz when only the gzip file exists", async () => {
    const gz = gzipSync(V2);
    const root = projectBackend(gz, { gzip: true });
    const backend = await open(root);
    expect(backend.stateKey).toBe(".pulumi/stacks/proj/dev.json.gz");
    const state = await backend.readState();
    expect(Buffer.from(state!.bytes).equals(gz)).toBe(true);
    expect(state!.doc.stack).toBe("organization/proj/dev");
    expect(state!.doc.deployment!.resources).toHaveLength(4);
  });

  it("reads the legacy stacks/<stack>.json", async () => {
    const root = tempDir();
    put(root, ".pulumi/stacks/dev.json", V3);
    const backend = await open(root);
    expect(backend.layout.projectScoped).toBe(false);
    expect(backend.stateKey).toBe(".pulumi/stacks/dev.json");
    expect((await backend.readState())!.doc.deployment!.resources).toHaveLength(5);
  });

  it("returns undefined for a stack that does not exist", async () => {
    const root = projectBackend(V1);
    expect(await (await open(root, "proj", "prod")).readState()).toBeUndefined();
    expect(await (await open(root, "other", "dev")).readState()).toBeUndefined();
  });
});

describe("listStages", () => {
  it("lists the project's stack names, not .bak files, nested directories or other projects", async () => {
    const root = projectBackend(V1);
    put(root, ".pulumi/stacks/proj/dev.json.bak", V0);
    put(root, ".pulumi/stacks/proj/prod.json.gz", gzipSync(V2));
    put(root, ".pulumi/stacks/proj/nested/inner.json", V1);
    put(root, ".pulumi/stacks/other/qa.json", V1);
    expect(await (await open(root)).listStages()).toEqual(["dev", "prod"]);
    expect(await (await open(root, "other", "x")).listStages()).toEqual(["qa"]);
  });

  it("lists flat stack files in the legacy layout", async () => {
    const root = tempDir();
    put(root, ".pulumi/stacks/dev.json", V1);
    put(root, ".pulumi/stacks/dev.json.bak", V0);
    put(root, ".pulumi/stacks/staging.json.gz", gzipSync(V1));
    put(root, ".pulumi/stacks/nested/inner.json", V1);
    expect(await (await open(root, "anything", "dev")).listStages()).toEqual(["dev", "staging"]);
  });
});

describe("history", () => {
  // Update k ran from S_k to E_k (unix seconds); Pulumi names its history files by UnixNano.
  const base = Date.UTC(2025, 2, 14, 10, 0, 0) / 1000;
  const S = [base - 7230, base - 3630, base - 30];
  const E = [base - 7200, base - 3600, base];
  const nanos = (seconds: number, extra: bigint) => String(BigInt(seconds) * 1_000_000_000n + extra);
  const N = E.map((e, i) => nanos(e, 123_456_789n + BigInt(i)));
  const B0 = nanos(base - 86_400, 5n);
  const B1 = nanos(S[1]!, 7n);

  function info(k: number, result: "succeeded" | "failed"): string {
    return JSON.stringify({
      kind: "update",
      startTime: S[k],
      message: "",
      environment: { "exec.kind": "cli" },
      config: {},
      result,
      endTime: E[k],
      resourceChanges: { create: k + 1 },
    });
  }

  /** Three updates (v1 ok, v2 failed, v3 ok), v3 current, .bak = v2, backups of v0 and v1. */
  function historyBackend(): string {
    const root = projectBackend(V3);
    const h = ".pulumi/history/proj/dev";
    put(root, `${h}/dev-${N[0]}.checkpoint.json`, V1);
    put(root, `${h}/dev-${N[0]}.history.json`, info(0, "succeeded"));
    put(root, `${h}/dev-${N[1]}.checkpoint.json`, V2);
    put(root, `${h}/dev-${N[1]}.history.json`, info(1, "failed"));
    put(root, `${h}/dev-${N[2]}.checkpoint.json`, V3);
    put(root, `${h}/dev-${N[2]}.history.json`, info(2, "succeeded"));
    // A record whose checkpoint is gone is no version.
    put(root, `${h}/dev-${nanos(base - 50_000, 1n)}.history.json`, info(0, "succeeded"));
    put(root, ".pulumi/stacks/proj/dev.json.bak", V2);
    put(root, `.pulumi/backups/proj/dev/dev.${B0}.json`, V0);
    put(root, `.pulumi/backups/proj/dev/dev.${B1}.json`, V1);
    // The stack file was written a little after the last update ended.
    const current = path.join(root, ".pulumi", "stacks", "proj", "dev.json");
    fs.utimesSync(current, base + 5, base + 5);
    return root;
  }

  it("the backend lists current, .bak, every history checkpoint with its update, and backups", async () => {
    const root = historyBackend();
    const raw = await (await open(root)).listHistory();
    expect(raw.map((v) => `${v.source}:${v.name}`).sort()).toEqual(
      [
        "current:current",
        "diy-bak:bak",
        `diy-history:${N[0]}`,
        `diy-history:${N[1]}`,
        `diy-history:${N[2]}`,
        `diy-backup:backup-${B0}`,
        `diy-backup:backup-${B1}`,
      ].sort(),
    );
    const byName = new Map(raw.map((v) => [v.name, v]));

    const current = byName.get("current")!;
    expect(current.isCurrent).toBe(true);
    expect(current.time.getTime()).toBe((base + 5) * 1000);
    expect(raw.filter((v) => v.isCurrent)).toHaveLength(1);

    const ok = byName.get(N[0]!)!;
    expect(ok.update).toMatchObject({ id: N[0], command: "update", outcome: "finished", errors: [] });
    expect(ok.update!.timeStarted).toEqual(new Date(S[0]! * 1000));
    expect(ok.update!.timeCompleted).toEqual(new Date(E[0]! * 1000));
    expect(ok.time).toEqual(new Date(E[0]! * 1000));
    expect(ok.location).toBe(
      path.join(root, ".pulumi", "history", "proj", "dev", `dev-${N[0]}.checkpoint.json`),
    );

    const failed = byName.get(N[1]!)!;
    expect(failed.update!.outcome).toBe("failed");
    expect(failed.update!.errors).toHaveLength(1);
    expect(failed.update!.timeCompleted).toEqual(new Date(E[1]! * 1000));

    const backup = byName.get(`backup-${B0}`)!;
    expect(backup.time).toEqual(new Date((base - 86_400) * 1000));
    expect(backup.update).toBeUndefined();

    // Each copy loads its own bytes.
    const bytes = async (name: string) => Buffer.from(await byName.get(name)!.load());
    expect((await bytes("current")).equals(Buffer.from(V3))).toBe(true);
    expect((await bytes("bak")).equals(Buffer.from(V2))).toBe(true);
    expect((await bytes(N[0]!)).equals(Buffer.from(V1))).toBe(true);
    expect((await bytes(`backup-${B0}`)).equals(Buffer.from(V0))).toBe(true);
  });

  it("history merges equal copies, orders newest first and names current, previous, -N", async () => {
    const root = historyBackend();
    const list = await listVersions(await open(root));
    expect(list.copies).toBe(7);
    expect(list.app).toBe("proj");
    expect(list.stage).toBe("dev");
    expect(list.versions.map((v) => v.id)).toEqual([N[2], N[1], N[0], `backup-${B0}`]);
    const [v3, v2, v1, v0] = list.versions;

    expect(v3!.current).toBe(true);
    expect(v3!.names[0]).toBe("current");
    expect([...v3!.sources].sort()).toEqual(["current", "diy-history"]);
    expect(v3!.time).toBe(new Date((base + 5) * 1000).toISOString());
    expect(v3!.resources).toBe(5);
    expect(v3!.contentHash).toBe(sha256(V3));

    // The .bak equals the failed update's checkpoint: one version with both sources.
    expect(v2!.current).toBe(false);
    expect([...v2!.sources].sort()).toEqual(["diy-bak", "diy-history"]);
    expect(v2!.names).toEqual(expect.arrayContaining([N[1], "bak", "previous", "-1"]));
    expect(v2!.names).not.toContain("current");
    expect(v2!.update).toMatchObject({
      outcome: "failed",
      timeCompleted: new Date(E[1]! * 1000).toISOString(),
    });
    expect(v2!.time).toBe(new Date(E[1]! * 1000).toISOString());
    expect(v2!.locations).toHaveLength(2);
    expect(v2!.resources).toBe(4);

    // A backup equal to an update's checkpoint merges too; the update's time wins over the backup's.
    expect([...v1!.sources].sort()).toEqual(["diy-backup", "diy-history"]);
    expect(v1!.names).toEqual(expect.arrayContaining([N[0], `backup-${B1}`, "-2"]));
    expect(v1!.names).not.toContain("previous");
    expect(v1!.time).toBe(new Date(E[0]! * 1000).toISOString());
    expect(v1!.update!.outcome).toBe("finished");

    expect(v0!.sources).toEqual(["diy-backup"]);
    expect(v0!.names).toContain("-3");
    expect(v0!.update).toBeUndefined();
    expect(v0!.resources).toBe(2);

    expect(Buffer.from(list.bytesOf(N[1]!)!).equals(Buffer.from(V2))).toBe(true);
  });

  it("resolveVersion finds a version by id, name, prefix and -N; unknown names fail", async () => {
    const root = historyBackend();
    const list = await listVersions(await open(root));
    const id = (name: string) => resolveVersion(list, name).id;
    expect(id("current")).toBe(N[2]);
    expect(id(N[1]!)).toBe(N[1]);
    expect(id("previous")).toBe(N[1]);
    expect(id("-1")).toBe(N[1]);
    expect(id("bak")).toBe(N[1]);
    expect(id("-2")).toBe(N[0]);
    expect(id(`backup-${B1}`)).toBe(N[0]);
    expect(id("-3")).toBe(`backup-${B0}`);
    // A unique prefix of the content hash, and of a name.
    expect(id(sha256(V1).slice(0, 10))).toBe(N[0]);
    expect(id(`backup-${B0.slice(0, 6)}`)).toBe(`backup-${B0}`);
    // The names of the last two updates share their first six digits.
    expect(N[2]!.startsWith(N[1]!.slice(0, 6))).toBe(true);
    expect(() => resolveVersion(list, N[1]!.slice(0, 6))).toThrow(
      expect.objectContaining({ code: "AMBIGUOUS_VERSION" }),
    );
    expect(() => resolveVersion(list, "no-such-version")).toThrow(
      expect.objectContaining({ code: "NO_SUCH_VERSION" }),
    );
    expect(() => resolveVersion(list, "-4")).toThrow(expect.objectContaining({ code: "NO_SUCH_VERSION" }));
  });

  it("reads the legacy history/<stack>/ and backups/<stack>/ directories", async () => {
    const root = tempDir();
    put(root, ".pulumi/stacks/dev.json", V2);
    put(root, `.pulumi/history/dev/dev-${N[0]}.checkpoint.json`, V1);
    put(root, `.pulumi/history/dev/dev-${N[0]}.history.json`, info(0, "succeeded"));
    put(root, `.pulumi/backups/dev/dev.${B0}.json`, V0);
    const list = await listVersions(await open(root, "proj", "dev"));
    expect(list.versions.map((v) => v.id)).toEqual(["current", N[0], `backup-${B0}`]);
    expect(list.versions[1]!.update!.outcome).toBe("finished");
  });

  // Pulumi's addToHistory writes `<stack>-<nanos>.history.json.gz` (gzip) beside
  // `<stack>-<nanos>.checkpoint.json.gz` when the backend compresses (PULUMI_DIY_BACKEND_GZIP).
  it("links a gzip checkpoint to its gzip .history.json.gz record", async () => {
    const root = projectBackend(gzipSync(V2), { gzip: true });
    const h = ".pulumi/history/proj/dev";
    put(root, `${h}/dev-${N[1]}.checkpoint.json.gz`, gzipSync(V2));
    put(root, `${h}/dev-${N[1]}.history.json.gz`, gzipSync(info(1, "failed")));
    const raw = await (await open(root)).listHistory();
    const entry = raw.find((v) => v.source === "diy-history");
    expect(entry).toBeDefined();
    expect(entry!.update?.outcome).toBe("failed");
  });

  // Pulumi's saveCheckpoint calls backupTarget(file) with the full file name, so a gzip stack's
  // previous content is `<stack>.json.gz.bak`.
  it("finds the .bak of a gzip stack (<stack>.json.gz.bak)", async () => {
    const root = projectBackend(gzipSync(V2), { gzip: true });
    put(root, ".pulumi/stacks/proj/dev.json.gz.bak", gzipSync(V1));
    const raw = await (await open(root)).listHistory();
    expect(raw.map((v) => v.source)).toContain("diy-bak");
  });
});

describe("locks", () => {
  const lockDir = ".pulumi/locks/organization/proj/dev";
  const foreign = {
    pid: 123,
    username: "u",
    hostname: "h",
    timestamp: "2026-01-02T03:04:05.678Z",
  };

  it("readLocks parses a Pulumi lock file", async () => {
    const root = projectBackend(V1);
    put(root, `${lockDir}/0b6a3d4e-1f2a-4c5b-9d8e-7f6a5b4c3d2e.json`, JSON.stringify(foreign));
    const locks = await (await open(root)).readLocks();
    expect(locks).toHaveLength(1);
    expect(locks[0]!.holder).toBe("u@h (pid 123)");
    expect(locks[0]!.created).toEqual(new Date("2026-01-02T03:04:05.678Z"));
    expect(locks[0]!.key).toBe(`${lockDir}/0b6a3d4e-1f2a-4c5b-9d8e-7f6a5b4c3d2e.json`);
    expect(locks[0]!.stateward).toBeUndefined();
    expect(locks[0]!.raw).toEqual(foreign);
  });

  it("acquireLock while a foreign lock exists fails LOCKED and leaves only the foreign lock", async () => {
    const root = projectBackend(V1);
    const name = "0b6a3d4e-1f2a-4c5b-9d8e-7f6a5b4c3d2e.json";
    put(root, `${lockDir}/${name}`, JSON.stringify(foreign));
    const backend = await open(root);
    const error = await backend.acquireLock(writer).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe("LOCKED");
    expect(error?.message).toContain("u@h (pid 123)");
    expect(filesIn(root, lockDir)).toEqual([name]);
    expect(allFiles(root, ".pulumi/locks")).toEqual([`organization/proj/dev/${name}`]);
  });

  it("acquireLock creates exactly one lock in Pulumi's format; releaseLock removes it", async () => {
    const root = projectBackend(V1);
    const backend = await open(root);
    const before = Date.now();
    const lock = await backend.acquireLock(writer);
    const files = filesIn(root, lockDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$/);
    expect(allFiles(root, ".pulumi/locks")).toEqual([`organization/proj/dev/${files[0]}`]);
    expect(lock.key).toBe(`${lockDir}/${files[0]}`);

    // Pulumi's lockContent: {pid int, username string, hostname string, timestamp time.Time (RFC 3339)}.
    const body = JSON.parse(read(root, lock.key).toString("utf8")) as Record<string, unknown>;
    expect(body.pid).toBe(process.pid);
    expect(Number.isInteger(body.pid)).toBe(true);
    expect(typeof body.username).toBe("string");
    expect(body.username).not.toBe("");
    expect(body.hostname).toBe(os.hostname());
    expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const stamp = Date.parse(body.timestamp as string);
    expect(stamp).toBeGreaterThanOrEqual(before - 1000);
    expect(stamp).toBeLessThanOrEqual(Date.now() + 1000);

    // Seen as ours by readLocks.
    const locks = await backend.readLocks();
    expect(locks).toHaveLength(1);
    expect(locks[0]!.stateward).toMatchObject({ action: "history restore", who: "tester@host" });

    await backend.releaseLock(lock);
    expect(filesIn(root, lockDir)).toEqual([]);
    expect(await backend.readLocks()).toEqual([]);
  });

  it("breakLock removes a foreign lock", async () => {
    const root = projectBackend(V1);
    put(root, `${lockDir}/0b6a3d4e-1f2a-4c5b-9d8e-7f6a5b4c3d2e.json`, JSON.stringify(foreign));
    const backend = await open(root);
    const [lock] = await backend.readLocks();
    expect(await backend.breakLock(lock!, writer)).toEqual({ wrote: [] });
    expect(filesIn(root, lockDir)).toEqual([]);
    expect(await backend.readLocks()).toEqual([]);
    // Now it can be taken.
    await backend.releaseLock(await backend.acquireLock(writer));
  });

  it("uses locks/<stack>/ in the legacy layout", async () => {
    const root = tempDir();
    put(root, ".pulumi/stacks/dev.json", V1);
    const backend = await open(root);
    const lock = await backend.acquireLock(writer);
    expect(lock.key).toMatch(/^\.pulumi\/locks\/dev\/[0-9a-f-]{36}\.json$/);
    expect(allFiles(root, ".pulumi/locks")).toEqual([lock.key.slice(".pulumi/locks/".length)]);
    await backend.releaseLock(lock);
    expect(allFiles(root, ".pulumi/locks")).toEqual([]);
  });
});

/** Stateward's own scratch files (per-key mutexes, temp files) anywhere under .pulumi. */
function scratch(root: string): string[] {
  return allFiles(root, ".pulumi").filter((f) => f.endsWith(".stateward-lock") || f.endsWith(".tmp"));
}

describe("safeWrite on a DIY file backend", () => {
  it("writes the new state, keeps the exact old bytes in backups/, records an audit, unlocks", async () => {
    const root = projectBackend(V1);
    const backend = await open(root);
    const state = await backend.readState();
    const steps: WriteStep[] = [];
    const result = await safeWrite({
      backend,
      read: state,
      next: V2,
      writer,
      audit: { summary: "restored version -1" },
      onStep: (step) => steps.push(step),
    });
    expect(steps).toEqual(["lock", "backup", "write", "read-back", "audit", "unlock"]);

    // The stack file holds the new bytes.
    expect(read(root, ".pulumi/stacks/proj/dev.json").equals(Buffer.from(V2))).toBe(true);
    expect(result.location).toBe(path.join(root, ".pulumi", "stacks", "proj", "dev.json"));
    expect(result.revision).toBe(sha256(V2));

    // A backup where Pulumi keeps them, holding the exact old bytes.
    const backups = filesIn(root, ".pulumi/backups/proj/dev");
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^dev\.\d+\.json$/);
    expect(read(root, `.pulumi/backups/proj/dev/${backups[0]}`).equals(Buffer.from(V1))).toBe(true);
    expect(result.backup).toBe(path.join(root, ".pulumi", "backups", "proj", "dev", backups[0]!));

    // An audit record naming the action and both revisions.
    const auditFiles = filesIn(root, ".pulumi/stateward/proj/dev/audit");
    expect(auditFiles).toHaveLength(1);
    expect(result.audit).toBe(
      path.join(root, ".pulumi", "stateward", "proj", "dev", "audit", auditFiles[0]!),
    );
    const { records, unreadable } = await listAudit(backend);
    expect(unreadable).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: "history restore",
      who: "tester@host",
      tool: "stateward test",
      app: "proj",
      stage: "dev",
      summary: "restored version -1",
      before: { revision: sha256(V1), resources: 3 },
      after: { revision: sha256(V2), resources: 4 },
      backup: result.backup,
    });
    expect(await backend.lastWriter()).toContain("tester@host");

    // No lock and no scratch files remain.
    expect(allFiles(root, ".pulumi/locks")).toEqual([]);
    expect(scratch(root)).toEqual([]);
    expect(result.unlockWarning).toBeUndefined();

    // History now knows the replaced bytes as a backup.
    const list = await listVersions(await open(root));
    expect(list.versions.map((v) => v.contentHash)).toEqual([sha256(V2), sha256(V1)]);
    expect(resolveVersion(list, "previous").sources).toEqual(["diy-backup"]);
  });

  it("fails CONFLICT when the stack changed after the read, and leaves the other bytes", async () => {
    const root = projectBackend(V1);
    const backend = await open(root);
    const state = await backend.readState();
    put(root, ".pulumi/stacks/proj/dev.json", V3);
    const error = await safeWrite({ backend, read: state, next: V2, writer, audit: { summary: "x" } }).then(
      () => undefined,
      (e: unknown) => e as { code: string },
    );
    expect(error?.code).toBe("CONFLICT");
    expect(read(root, ".pulumi/stacks/proj/dev.json").equals(Buffer.from(V3))).toBe(true);
    expect(allFiles(root, ".pulumi/locks")).toEqual([]);
    expect(allFiles(root, ".pulumi/stateward")).toEqual([]);
    expect(scratch(root)).toEqual([]);
  });

  it("stores gzip for a .json.gz stack given plain bytes, and backs up the old gzip bytes", async () => {
    const old = gzipSync(V1);
    const root = projectBackend(old, { gzip: true });
    const backend = await open(root);
    const state = await backend.readState();
    const result = await safeWrite({ backend, read: state, next: V2, writer, audit: { summary: "gz" } });
    const stored = read(root, ".pulumi/stacks/proj/dev.json.gz");
    expect([stored[0], stored[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(stored).equals(Buffer.from(V2))).toBe(true);
    expect(result.revision).toBe(sha256(stored));
    expect(fs.existsSync(path.join(root, ".pulumi", "stacks", "proj", "dev.json"))).toBe(false);
    const backups = filesIn(root, ".pulumi/backups/proj/dev");
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^dev\.\d+\.json\.gz$/);
    expect(read(root, `.pulumi/backups/proj/dev/${backups[0]}`).equals(old)).toBe(true);
    expect(allFiles(root, ".pulumi/locks")).toEqual([]);
  });

  it("storedBytes matches the stack file's suffix", async () => {
    const plain = await open(projectBackend(V1));
    const gz = await open(projectBackend(gzipSync(V1), { gzip: true }));
    expect(Buffer.from(plain.storedBytes(V2)).equals(Buffer.from(V2))).toBe(true);
    expect(Buffer.from(plain.storedBytes(gzipSync(V2))).equals(Buffer.from(V2))).toBe(true);
    expect(gunzipSync(gz.storedBytes(V2)).equals(Buffer.from(V2))).toBe(true);
    const already = gzipSync(V2);
    expect(Buffer.from(gz.storedBytes(already)).equals(already)).toBe(true);
  });

  it("refuses a checkpoint failing integrity: INTEGRITY, nothing written", async () => {
    const root = projectBackend(V1);
    const backend = await open(root);
    const state = await backend.readState();
    const error = await safeWrite({
      backend,
      read: state,
      next: BAD,
      writer,
      audit: { summary: "bad" },
    }).then(
      () => undefined,
      (e: unknown) => e as { code: string },
    );
    expect(error?.code).toBe("INTEGRITY");
    expect(read(root, ".pulumi/stacks/proj/dev.json").equals(Buffer.from(V1))).toBe(true);
    expect(allFiles(root, ".pulumi")).toEqual(["meta.yaml", "stacks/proj/dev.json"]);
  });
});

describe("openStage with --backend file://…", () => {
  function backendDir(): string {
    const root = projectBackend(V1);
    put(root, ".pulumi/stacks/proj/prod.json", checkpoint(["Logs"], { stack: "prod" }));
    return root;
  }

  it("opens the project's stack", async () => {
    const root = backendDir();
    const stage = await openStage(
      { backend: pathToFileURL(root).href, app: "proj", stage: "dev" },
      { cwd: root, env: {} },
    );
    try {
      expect(stage.backend.kind).toBe("diy");
      expect(stage.backend.label).toContain("project proj");
      expect(stage.backend.label).toContain("stack dev");
      expect(stage.backend.stateKey).toBe(".pulumi/stacks/proj/dev.json");
      expect(stage.sources).toEqual({ app: "proj", stage: "dev" });
      expect(stage.clients).toBeUndefined();
      const state = await stage.backend.readState();
      expect(Buffer.from(state!.bytes).equals(Buffer.from(V1))).toBe(true);
      const w = await stage.writer("state repair");
      expect(w).toMatchObject({ action: "state repair", pid: process.pid, host: os.hostname() });
    } finally {
      stage.close();
    }
  });

  it("accepts the file://<absolute path> spelling", async () => {
    const root = backendDir();
    const stage = await openStage(
      { backend: `file://${root}`, app: "proj", stage: "prod" },
      { cwd: root, env: {} },
    );
    expect(stage.backend.label).toContain("stack prod");
    expect(stage.backend.app).toBe("proj");
    stage.close();
  });

  it("without --stage fails USAGE and lists the stacks", async () => {
    const root = backendDir();
    await expect(
      openStage({ backend: pathToFileURL(root).href, app: "proj" }, { cwd: root, env: {} }),
    ).rejects.toMatchObject({ code: "USAGE", hint: expect.stringContaining("dev, prod") as unknown });
  });

  it("takes the project from Pulumi.yaml's name in cwd", async () => {
    const root = backendDir();
    const cwd = tempDir();
    put(cwd, "Pulumi.yaml", "name: proj\nruntime: nodejs\ndescription: test\n");
    const stage = await openStage({ backend: pathToFileURL(root).href, stage: "dev" }, { cwd, env: {} });
    expect(stage.backend.app).toBe("proj");
    expect(stage.sources.app).toBe("proj");
    expect(stage.backend.label).toContain("project proj");
    stage.close();
  });

  it("takes the backend from PULUMI_BACKEND_URL when no --backend is given", async () => {
    const root = backendDir();
    const cwd = tempDir();
    const stage = await openStage(
      { app: "proj", stage: "dev" },
      { cwd, env: { PULUMI_BACKEND_URL: pathToFileURL(root).href } },
    );
    expect(stage.backend.kind).toBe("diy");
    expect(stage.backend.label).toContain("stack dev");
    stage.close();
  });

  it("fails BACKEND_NOT_FOUND for a directory that does not exist", async () => {
    const missing = path.join(tempDir(), "nope");
    await expect(
      openStage(
        { backend: pathToFileURL(missing).href, app: "proj", stage: "dev" },
        { cwd: tempDir(), env: {} },
      ),
    ).rejects.toMatchObject({ code: "BACKEND_NOT_FOUND" });
  });

  it("fails USAGE for a scheme it does not know", async () => {
    await expect(
      openStage({ backend: "ftp://x", app: "proj", stage: "dev" }, { cwd: tempDir(), env: {} }),
    ).rejects.toMatchObject({ code: "USAGE", message: expect.stringContaining("ftp://x") as unknown });
  });
});
