/**
 * The BlobStore contract, run against both implementations: DirStore on a fresh temp directory, and
 * S3Store (with and without a key prefix) on a fresh versioned bucket of the local cloud over real
 * HTTP. Then what only one of them has: DirStore's scratch files, key checks and mutex; S3Store's
 * object versions, prefix handling and error messages.
 */
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DirStore, withMutex } from "../../src/backends/dir-store.js";
import { S3Store } from "../../src/backends/s3-store.js";
import {
  ConditionFailedError,
  type BlobStore,
  type ObjectInfo,
  type WriteCondition,
} from "../../src/backends/store.js";
import { isStatewardError, type StatewardError } from "../../src/errors.js";
import { useSandbox } from "../sandbox/harness.js";

/** The local cloud's clock: the real one, unless a test freezes it (S3 times are whole seconds). */
let frozenNow: Date | undefined;
const sandbox = useSandbox({ now: () => frozenNow ?? new Date() });

let s3Client: S3Client | undefined;
const client = (): S3Client => (s3Client ??= new S3Client(sandbox.config()));

const tempDirs: string[] = [];
afterAll(() => {
  s3Client?.destroy();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stateward-store-"));
  tempDirs.push(dir);
  return dir;
}

/** A fresh bucket, versioned unless told otherwise. */
async function newBucket({ versioned = true } = {}): Promise<string> {
  const name = `store-${randomBytes(6).toString("hex")}`;
  await client().send(new CreateBucketCommand({ Bucket: name }));
  if (versioned) {
    await client().send(
      new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: "Enabled" } }),
    );
  }
  return name;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString("utf8");

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The error `promise` rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
}

async function conflict(promise: Promise<unknown>): Promise<ConditionFailedError> {
  const e = await rejection(promise);
  expect(e).toBeInstanceOf(ConditionFailedError);
  expect((e as ConditionFailedError).code).toBe("CONFLICT");
  return e as ConditionFailedError;
}

async function statewardError(promise: Promise<unknown>): Promise<StatewardError> {
  const e = await rejection(promise);
  expect(isStatewardError(e)).toBe(true);
  return e as StatewardError;
}

/** A pid that was just in use on this host and is not running any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid!;
  await new Promise((resolve) => child.once("exit", resolve));
  return pid;
}

const uid = () => randomBytes(4).toString("hex");

/** Two conditional puts at once: exactly one wins, the other is a CONFLICT, the key holds the winner's bytes. */
async function expectOneWinner(
  store: BlobStore,
  key: string,
  bytes: Uint8Array[],
  condition: WriteCondition,
): Promise<void> {
  const results = await Promise.allSettled(bytes.map((b) => store.put(key, b, { condition })));
  const won = results.flatMap((r, at) =>
    r.status === "fulfilled" ? [{ at, revision: r.value.revision }] : [],
  );
  const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0]).toBeInstanceOf(ConditionFailedError);
  expect((lost[0] as ConditionFailedError).code).toBe("CONFLICT");
  const got = await store.get(key);
  expect(text(got?.bytes)).toBe(text(bytes[won[0]!.at]));
  expect(got?.revision).toBe(won[0]!.revision);
}

interface Subject {
  name: string;
  make: () => Promise<BlobStore>;
}

const subjects: Subject[] = [
  {
    name: "DirStore",
    make: () => Promise.resolve(new DirStore(tempDir())),
  },
  {
    name: "S3Store",
    make: async () => new S3Store(client(), await newBucket()),
  },
  {
    name: "S3Store with prefix team/state",
    make: async () => new S3Store(client(), await newBucket(), "team/state"),
  },
  {
    name: "S3Store on an unversioned bucket",
    make: async () => new S3Store(client(), await newBucket({ versioned: false })),
  },
];

describe.each(subjects)("BlobStore contract: $name", ({ make }) => {
  it("get of a missing key is undefined; put then get returns the bytes and put's revision", async () => {
    const store = await make();
    expect(await store.get("stacks/dev.json")).toBeUndefined();
    const put = await store.put("stacks/dev.json", enc('{"v":1}'));
    expect(put.revision).not.toBe("");
    const got = await store.get("stacks/dev.json");
    expect(got?.key).toBe("stacks/dev.json");
    expect(text(got?.bytes)).toBe('{"v":1}');
    expect(got?.revision).toBe(put.revision);

    // An unconditional overwrite replaces the bytes and changes the revision.
    const second = await store.put("stacks/dev.json", enc('{"v":2}'));
    expect(second.revision).not.toBe(put.revision);
    const again = await store.get("stacks/dev.json");
    expect(text(again?.bytes)).toBe('{"v":2}');
    expect(again?.revision).toBe(second.revision);

    // Empty bytes round-trip too.
    const empty = await store.put("empty.json", new Uint8Array());
    const gotEmpty = await store.get("empty.json");
    expect(gotEmpty?.bytes.length).toBe(0);
    expect(gotEmpty?.revision).toBe(empty.revision);
  });

  it("get of a key that is only a prefix of other keys (a directory on disk) is undefined", async () => {
    const store = await make();
    await store.put("app/a.json", enc("a"));
    expect(await store.get("app")).toBeUndefined();
  });

  it("put ifAbsent on an existing key is a ConditionFailedError and leaves the bytes alone", async () => {
    const store = await make();
    const first = await store.put("app/state.json", enc("first"), { condition: { ifAbsent: true } });
    const e = await conflict(store.put("app/state.json", enc("second"), { condition: { ifAbsent: true } }));
    expect(e.key).toBe("app/state.json");
    expect(e.location).toBe(store.locate("app/state.json"));
    expect(e.message).toContain(store.locate("app/state.json"));
    const got = await store.get("app/state.json");
    expect(text(got?.bytes)).toBe("first");
    expect(got?.revision).toBe(first.revision);
  });

  it("of two concurrent ifAbsent puts exactly one wins, and the stored bytes are the winner's", async () => {
    const store = await make();
    for (let i = 0; i < 10; i++) {
      const key = `race/absent-${i}.json`;
      const bytes = [enc(`A-${i}`), enc(`B-${i}-longer`)];
      await expectOneWinner(store, key, bytes, { ifAbsent: true });
    }
  });

  it("put ifRevision succeeds with the current revision and fails with a stale one", async () => {
    const store = await make();
    const v1 = await store.put("app/state.json", enc("v1"));
    const v2 = await store.put("app/state.json", enc("v2"), { condition: { ifRevision: v1.revision } });
    expect(v2.revision).not.toBe(v1.revision);
    expect((await store.get("app/state.json"))?.revision).toBe(v2.revision);

    const e = await conflict(
      store.put("app/state.json", enc("v3"), { condition: { ifRevision: v1.revision } }),
    );
    expect(e.condition).toEqual({ ifRevision: v1.revision });
    expect(e.message).toContain(store.locate("app/state.json"));
    const got = await store.get("app/state.json");
    expect(text(got?.bytes)).toBe("v2");
    expect(got?.revision).toBe(v2.revision);

    // Each conditional write returns the revision the next one must name.
    const v4 = await store.put("app/state.json", enc("v4"), { condition: { ifRevision: v2.revision } });
    expect(text((await store.get("app/state.json"))?.bytes)).toBe("v4");
    await store.put("app/state.json", enc("v5"), { condition: { ifRevision: v4.revision } });
    expect(text((await store.get("app/state.json"))?.bytes)).toBe("v5");
  });

  it("put ifRevision on a missing key is a ConditionFailedError", async () => {
    const store = await make();
    const other = await store.put("app/other.json", enc("x"));
    await conflict(store.put("app/missing.json", enc("y"), { condition: { ifRevision: other.revision } }));
    expect(await store.get("app/missing.json")).toBeUndefined();
  });

  it("put ifRevision on a key deleted since it was read is a ConditionFailedError", async () => {
    const store = await make();
    const read = await store.put("app/state.json", enc("x"));
    await store.delete("app/state.json");
    await conflict(store.put("app/state.json", enc("y"), { condition: { ifRevision: read.revision } }));
    expect(await store.get("app/state.json")).toBeUndefined();
  });

  it("of two concurrent ifRevision writes from the same read exactly one succeeds", async () => {
    const store = await make();
    for (let i = 0; i < 5; i++) {
      const key = `race/revision-${i}.json`;
      const base = await store.put(key, enc(`base-${i}`));
      const bytes = [enc(`A-${i}`), enc(`B-${i}-longer`)];
      await expectOneWinner(store, key, bytes, { ifRevision: base.revision });
    }
  });

  it("delete ifRevision: a stale revision fails and the key survives; the right one deletes", async () => {
    const store = await make();
    const v1 = await store.put("app/state.json", enc("v1"));
    const v2 = await store.put("app/state.json", enc("v2"));
    const e = await conflict(store.delete("app/state.json", { ifRevision: v1.revision }));
    expect(e.message).toContain(store.locate("app/state.json"));
    expect(text((await store.get("app/state.json"))?.bytes)).toBe("v2");

    await store.delete("app/state.json", { ifRevision: v2.revision });
    expect(await store.get("app/state.json")).toBeUndefined();
    expect((await collect(store.list("app/"))).map((o) => o.key)).toEqual([]);
  });

  it("delete of a missing key is fine, with and without ifRevision", async () => {
    const store = await make();
    const other = await store.put("app/other.json", enc("x"));
    await store.delete("app/missing.json", { ifRevision: other.revision });
    await store.delete("app/missing.json");
    // Unconditional delete of a key that was never in a directory that does not exist.
    await store.delete("nowhere/missing.json");
    expect(text((await store.get("app/other.json"))?.bytes)).toBe("x");
  });

  it("delete ifRevision of a missing key in a missing directory is fine", async () => {
    const store = await make();
    const other = await store.put("app/other.json", enc("x"));
    await store.delete("nowhere/missing.json", { ifRevision: other.revision });
  });

  it("delete of a key deleted before is fine, with and without ifRevision", async () => {
    const store = await make();
    const v1 = await store.put("app/state.json", enc("v1"));
    await store.delete("app/state.json");
    await store.delete("app/state.json");
    // Absent keys are fine (the interface says so); a versioned bucket holds a delete marker here.
    await store.delete("app/state.json", { ifRevision: v1.revision });
    expect(await store.get("app/state.json")).toBeUndefined();
  });

  it("list(prefix) returns every key under the prefix, nested ones too, in key order, with sizes", async () => {
    const store = await make();
    const contents: Record<string, string> = {
      "a/b/c.json": "nested!",
      "a/b.json": "bb",
      "a/b-c.json": "dash",
      "a/x.json": "",
      "a/deep/er/est.json": "deepest",
      "ab/other.json": "not under a/",
      "a.json": "not under a/",
      "top.json": "t",
    };
    // Written concurrently (not in order) so the order comes from list.
    await Promise.all(Object.entries(contents).map(([k, v]) => store.put(k, enc(v))));

    const under = await collect(store.list("a/"));
    const expected = ["a/b-c.json", "a/b.json", "a/b/c.json", "a/deep/er/est.json", "a/x.json"];
    expect(under.map((o) => o.key)).toEqual(expected);
    for (const info of under) {
      expect(info.size).toBe(enc(contents[info.key]!).length);
      expect(info.lastModified).toBeInstanceOf(Date);
    }

    // A prefix that is not a directory: only keys that start with it.
    expect((await collect(store.list("a/b"))).map((o) => o.key)).toEqual([
      "a/b-c.json",
      "a/b.json",
      "a/b/c.json",
    ]);
    expect((await collect(store.list("a/b/"))).map((o) => o.key)).toEqual(["a/b/c.json"]);
    expect((await collect(store.list("a"))).map((o) => o.key)).toEqual([
      "a.json",
      ...expected,
      "ab/other.json",
    ]);

    // Everything.
    const all = (await collect(store.list(""))).map((o) => o.key);
    expect(all).toEqual([...Object.keys(contents)].sort());

    // Nothing there.
    expect(await collect(store.list("x/"))).toEqual([]);
    expect(await collect(store.list("a/b/c.json/"))).toEqual([]);
  });

  it("list pages past 1,000 keys", async () => {
    const store = await make();
    const keys = Array.from({ length: 1050 }, (_, i) => `many/${String(i).padStart(4, "0")}.json`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((k) => store.put(k, enc(k))));
    }
    await store.put("many.json", enc("beside"));
    await store.put("many2/x.json", enc("beside"));
    const listed: ObjectInfo[] = await collect(store.list("many/"));
    expect(listed).toHaveLength(1050);
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed.every((o, i) => o.size === keys[i]!.length)).toBe(true);
  });
});

describe("DirStore", () => {
  it("has a file:// url and locates keys as paths below its root", () => {
    const root = tempDir();
    const store = new DirStore(root);
    expect(store.url).toBe(pathToFileURL(root).href);
    expect(store.locate("stacks/dev.json")).toBe(path.join(root, "stacks", "dev.json"));
  });

  it("writes the files themselves, with revision = SHA-256 of the bytes", async () => {
    const root = tempDir();
    const store = new DirStore(root);
    const put = await store.put("stacks/dev.json", enc("hello"));
    expect(fs.readFileSync(path.join(root, "stacks", "dev.json"), "utf8")).toBe("hello");
    expect(put.revision).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    // Nothing left behind by the writes (temp files, mutexes).
    await store.put("stacks/dev.json", enc("again"), { condition: { ifRevision: put.revision } });
    await store.put("stacks/new.json", enc("new"), { condition: { ifAbsent: true } });
    await conflict(store.put("stacks/new.json", enc("x"), { condition: { ifAbsent: true } }));
    await conflict(store.put("stacks/dev.json", enc("x"), { condition: { ifRevision: put.revision } }));
    expect(fs.readdirSync(path.join(root, "stacks")).sort()).toEqual(["dev.json", "new.json"]);
  });

  it("does not list its own scratch files (temp files and mutexes)", async () => {
    const root = tempDir();
    const store = new DirStore(root);
    await store.put("stacks/dev.json", enc("{}"));
    const dir = path.join(root, "stacks");
    fs.writeFileSync(path.join(dir, ".dev.json.0123456789ab.tmp"), "partial");
    fs.writeFileSync(path.join(dir, "dev.json.stateward-lock"), "{}");
    fs.writeFileSync(path.join(dir, "other.json.stateward-lock"), "{}");
    // Look-alikes that are not scratch files are listed.
    fs.writeFileSync(path.join(dir, ".hidden.json"), "h");
    fs.writeFileSync(path.join(dir, "dev.json.0123456789ab.tmp"), "no leading dot");
    expect((await collect(store.list(""))).map((o) => o.key)).toEqual([
      "stacks/.hidden.json",
      "stacks/dev.json",
      "stacks/dev.json.0123456789ab.tmp",
    ]);
  });

  it("refuses keys that point outside its root (BAD_KEY)", async () => {
    const root = path.join(tempDir(), "root");
    fs.mkdirSync(root);
    const store = new DirStore(root);
    for (const key of ["../escape", "a/../../escape", "../root-sibling/x.json"]) {
      expect(() => store.locate(key)).toThrow(expect.objectContaining({ code: "BAD_KEY" }) as Error);
      expect((await statewardError(store.get(key))).code).toBe("BAD_KEY");
      expect((await statewardError(store.put(key, enc("x")))).code).toBe("BAD_KEY");
      expect((await statewardError(store.delete(key))).code).toBe("BAD_KEY");
    }
    expect(fs.existsSync(path.join(root, "..", "escape"))).toBe(false);
    // `..` that stays inside is just a path.
    await store.put("a/../b.json", enc("b"));
    expect(text((await store.get("b.json"))?.bytes)).toBe("b");
  });

  it("takes over a mutex abandoned by a process that is no longer running", async () => {
    const root = tempDir();
    const store = new DirStore(root);
    const v1 = await store.put("stacks/dev.json", enc("v1"));
    const mutex = path.join(root, "stacks", "dev.json.stateward-lock");
    const owner = {
      pid: await deadPid(),
      host: os.hostname(),
      time: new Date(Date.now() - 60_000).toISOString(),
    };
    fs.writeFileSync(mutex, JSON.stringify(owner));

    const started = Date.now();
    const v2 = await store.put("stacks/dev.json", enc("v2"), { condition: { ifRevision: v1.revision } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(text((await store.get("stacks/dev.json"))?.bytes)).toBe("v2");
    expect(fs.existsSync(mutex)).toBe(false);

    // A conditional delete, too.
    fs.writeFileSync(mutex, JSON.stringify(owner));
    await store.delete("stacks/dev.json", { ifRevision: v2.revision });
    expect(await store.get("stacks/dev.json")).toBeUndefined();
    expect(fs.existsSync(mutex)).toBe(false);
  });

  it("withMutex runs bodies one at a time and removes the mutex afterwards, also when the body throws", async () => {
    const root = tempDir();
    const file = path.join(root, "state.json");
    let inside = 0;
    let most = 0;
    const body = async (i: number) => {
      inside++;
      most = Math.max(most, inside);
      expect(fs.existsSync(`${file}.stateward-lock`)).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      inside--;
      return i;
    };
    expect(await Promise.all([0, 1, 2].map((i) => withMutex(file, () => body(i))))).toEqual([0, 1, 2]);
    expect(most).toBe(1);
    expect(fs.existsSync(`${file}.stateward-lock`)).toBe(false);

    await expect(withMutex(file, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(fs.existsSync(`${file}.stateward-lock`)).toBe(false);
  });

  // Slow by design: withMutex waits 5 s for a live owner before it gives up.
  it(
    "withMutex waits for a live mutex, then throws LOCKED naming the mutex",
    { timeout: 10_000 },
    async () => {
      const root = tempDir();
      const file = path.join(root, "state.json");
      const mutex = `${file}.stateward-lock`;
      fs.writeFileSync(
        mutex,
        JSON.stringify({ pid: process.pid, host: os.hostname(), time: new Date().toISOString() }),
      );
      let ran = false;
      const started = Date.now();
      const e = await statewardError(
        withMutex(file, () => {
          ran = true;
          return Promise.resolve();
        }),
      );
      const waited = Date.now() - started;
      expect(e.code).toBe("LOCKED");
      expect(e.message).toContain(mutex);
      expect(e.hint).toBeDefined();
      expect(ran).toBe(false);
      expect(waited).toBeGreaterThanOrEqual(4_500);
      expect(waited).toBeLessThan(9_000);
      // Someone else's mutex is left in place.
      expect(fs.existsSync(mutex)).toBe(true);
    },
  );
});

describe("S3Store", () => {
  it("keeps versions of exactly one key, newest first, each readable with getVersion", async () => {
    const store = new S3Store(client(), await newBucket());
    const puts = [];
    for (const body of ["one", "two!", "three"]) puts.push(await store.put("app/a.json", enc(body)));
    await store.put("app/a.json.bak", enc("backup"));
    await store.put("app/a.jso", enc("shorter"));
    for (const p of puts) expect(p.versionId).toBeDefined();

    const versions = await collect(store.versions("app/a.json"));
    expect(versions.map((v) => v.versionId)).toEqual(puts.map((p) => p.versionId).reverse());
    expect(versions.map((v) => v.isLatest)).toEqual([true, false, false]);
    expect(versions.map((v) => v.deleteMarker)).toEqual([false, false, false]);
    expect(versions.map((v) => v.key)).toEqual(["app/a.json", "app/a.json", "app/a.json"]);
    expect(versions.map((v) => v.size)).toEqual([5, 4, 3]);
    expect(versions.map((v) => v.revision)).toEqual(puts.map((p) => p.revision).reverse());

    const bodies = await Promise.all(versions.map((v) => store.getVersion("app/a.json", v.versionId)));
    expect(bodies.map((o) => text(o?.bytes))).toEqual(["three", "two!", "one"]);
    expect(bodies.map((o) => o?.versionId)).toEqual(versions.map((v) => v.versionId));
    expect(bodies.map((o) => o?.revision)).toEqual(versions.map((v) => v.revision));
    expect((await store.get("app/a.json"))?.versionId).toBe(puts[2]!.versionId);

    expect(await store.getVersion("app/a.json", "no-such-version")).toBeUndefined();
    expect(await store.getVersion("app/never.json", puts[0]!.versionId!)).toBeUndefined();
    expect(await collect(store.versions("app/never.json"))).toEqual([]);
  });

  it("after a delete, get is undefined and versions show a delete marker", async () => {
    const store = new S3Store(client(), await newBucket());
    const v1 = await store.put("app/a.json", enc("one"));
    const v2 = await store.put("app/a.json", enc("two"));
    await store.delete("app/a.json");
    expect(await store.get("app/a.json")).toBeUndefined();
    expect(await collect(store.list("app/"))).toEqual([]);

    const versions = await collect(store.versions("app/a.json"));
    expect(versions).toHaveLength(3);
    const markers = versions.filter((v) => v.deleteMarker);
    expect(markers).toHaveLength(1);
    expect(markers[0]!.isLatest).toBe(true);
    expect(markers[0]!.size).toBe(0);
    expect(versions.filter((v) => !v.deleteMarker).map((v) => v.versionId)).toEqual([
      v2.versionId,
      v1.versionId,
    ]);

    // The data is still there by version; the marker itself has no bytes.
    expect(text((await store.getVersion("app/a.json", v1.versionId!))?.bytes)).toBe("one");
    expect(await store.getVersion("app/a.json", markers[0]!.versionId)).toBeUndefined();
  });

  // S3 times are whole seconds: a delete marker written in the same second as the versions before it
  // must still come first.
  it("lists a delete marker first (newest) even when it shares its second with older versions", async () => {
    const store = new S3Store(client(), await newBucket());
    frozenNow = new Date();
    try {
      await store.put("app/a.json", enc("one"));
      await store.put("app/a.json", enc("two"));
      await store.delete("app/a.json");
    } finally {
      frozenNow = undefined;
    }
    const versions = await collect(store.versions("app/a.json"));
    expect(versions.map((v) => v.deleteMarker)).toEqual([true, false, false]);
    expect(versions.map((v) => v.isLatest)).toEqual([true, false, false]);
  });

  it("pages through more than 1,000 versions of one key", async () => {
    const store = new S3Store(client(), await newBucket());
    for (let i = 0; i < 1099; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, 1099 - i) }, (_, j) => store.put("big.json", enc(`v${i + j}`))),
      );
    }
    const last = await store.put("big.json", enc("last"));
    await store.put("big.json.bak", enc("beside"));
    await store.put("big.jso", enc("beside"));
    const versions = await collect(store.versions("big.json"));
    expect(versions).toHaveLength(1100);
    expect(new Set(versions.map((v) => v.versionId)).size).toBe(1100);
    expect(versions.every((v) => v.key === "big.json" && !v.deleteMarker)).toBe(true);
    expect(versions[0]!.versionId).toBe(last.versionId);
    expect(versions.filter((v) => v.isLatest).map((v) => v.versionId)).toEqual([last.versionId]);
    for (let i = 1; i < versions.length; i++) {
      expect(versions[i]!.lastModified.getTime()).toBeLessThanOrEqual(
        versions[i - 1]!.lastModified.getTime(),
      );
    }
  });

  it("with a prefix: keys are relative, locate and url include the prefix, siblings are not seen", async () => {
    const bucket = await newBucket();
    const store = new S3Store(client(), bucket, "/team/state/");
    const bare = new S3Store(client(), bucket);
    expect(store.url).toBe(`s3://${bucket}/team/state`);
    expect(bare.url).toBe(`s3://${bucket}`);
    expect(store.locate("stacks/dev.json")).toBe(`s3://${bucket}/team/state/stacks/dev.json`);

    const put = await store.put("stacks/dev.json", enc("dev"));
    await store.put("stacks/prod.json", enc("prod"));
    await bare.put("team/stateX/stacks/dev.json", enc("sibling"));
    await bare.put("team/other.json", enc("other"));
    await bare.put("stacks/dev.json", enc("unprefixed"));

    // The objects really live under the prefix.
    const raw = await client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "team/state/" }));
    expect(raw.Contents?.map((o) => o.Key)).toEqual([
      "team/state/stacks/dev.json",
      "team/state/stacks/prod.json",
    ]);

    expect((await collect(store.list(""))).map((o) => o.key)).toEqual([
      "stacks/dev.json",
      "stacks/prod.json",
    ]);
    expect((await collect(store.list("stacks/"))).map((o) => o.key)).toEqual([
      "stacks/dev.json",
      "stacks/prod.json",
    ]);
    expect((await collect(store.list("stacks/d"))).map((o) => o.key)).toEqual(["stacks/dev.json"]);
    expect(text((await store.get("stacks/dev.json"))?.bytes)).toBe("dev");
    expect(text((await bare.get("stacks/dev.json"))?.bytes)).toBe("unprefixed");
    expect((await collect(store.list("stacks/")))[0]!.revision).toBe(put.revision);

    const e = await conflict(store.put("stacks/dev.json", enc("x"), { condition: { ifAbsent: true } }));
    expect(e.location).toBe(`s3://${bucket}/team/state/stacks/dev.json`);
    expect(e.message).toContain(`s3://${bucket}/team/state/stacks/dev.json`);

    await store.put("stacks/dev.json", enc("dev2"));
    const versions = await collect(store.versions("stacks/dev.json"));
    expect(versions).toHaveLength(2);
    expect(versions.every((v) => v.key === "stacks/dev.json")).toBe(true);
    expect(text((await store.getVersion("stacks/dev.json", versions[1]!.versionId))?.bytes)).toBe("dev");
  });

  it("reports a bucket that does not exist as a StatewardError naming the bucket and key", async () => {
    const bucket = `no-such-bucket-${uid()}`;
    const store = new S3Store(client(), bucket, "team");
    const failures = [
      await statewardError(store.get("stacks/dev.json")),
      await statewardError(store.put("stacks/dev.json", enc("x"))),
      await statewardError(store.put("stacks/dev.json", enc("x"), { condition: { ifAbsent: true } })),
      await statewardError(collect(store.list("stacks/"))),
      await statewardError(collect(store.versions("stacks/dev.json"))),
    ];
    for (const e of failures) {
      expect(e).not.toBeInstanceOf(ConditionFailedError);
      expect(e.message).toContain(`s3://${bucket}/team/stacks/`);
      expect(e.message).not.toMatch(/\n\s+at /);
      expect(e.message).not.toContain("[object Object]");
    }
    expect(failures[0]!.message).toContain(`s3://${bucket}/team/stacks/dev.json`);
    expect(failures[0]!.message).toContain("NoSuchBucket");
  });

  it("reports an endpoint that cannot be reached as AWS_UNREACHABLE", async () => {
    const unreachable = new S3Client(
      sandbox.config("us-east-1", { endpoint: "http://127.0.0.1:9", maxAttempts: 1 }),
    );
    try {
      const store = new S3Store(unreachable, "some-bucket");
      for (const e of [
        await statewardError(store.get("stacks/dev.json")),
        await statewardError(store.put("stacks/dev.json", enc("x"), { condition: { ifAbsent: true } })),
        await statewardError(collect(store.list(""))),
      ]) {
        expect(e.code).toBe("AWS_UNREACHABLE");
        expect(e.message).toContain("s3://some-bucket/");
        expect(e.message).not.toMatch(/\n\s+at /);
        expect(e.hint).toBeDefined();
      }
    } finally {
      unreachable.destroy();
    }
  });
});
