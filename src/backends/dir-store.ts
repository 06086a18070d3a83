/**
 * A BlobStore over a directory on disk (`file://<dir>`), keys being `/`-separated paths below it.
 * Create-if-absent writes a complete temp file and hard-links it into place (atomic, fails if the
 * name exists); replace-if-unchanged holds a per-key mutex file, compares the SHA-256 of what is there
 * with the revision read, then writes a temp file, fsyncs it and renames it over the key.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { fileError, sha256Hex, writeDurably } from "./file.js";
import {
  ConditionFailedError,
  type BlobStore,
  type ObjectInfo,
  type PutOptions,
  type PutResult,
  type StoredObject,
} from "./store.js";

const MUTEX_SUFFIX = ".stateward-lock";

export class DirStore implements BlobStore {
  readonly url: string;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.url = pathToFileURL(this.root).href;
  }

  private file(key: string): string {
    const file = path.resolve(this.root, ...key.split("/"));
    if (file !== this.root && !file.startsWith(this.root + path.sep)) {
      throw new StatewardError("BAD_KEY", t("backends.dir.outside", { key, root: this.root }));
    }
    return file;
  }

  locate(key: string): string {
    return this.file(key);
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const file = this.file(key);
    try {
      const [bytes, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
      return { key, bytes, revision: sha256Hex(bytes), lastModified: stat.mtime };
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      // A directory is not a key (S3 answers NoSuchKey for a "folder" too).
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
      throw fileError(file, cause);
    }
  }

  async put(key: string, bytes: Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true }).catch((cause: unknown) => {
      throw fileError(path.dirname(file), cause, "written");
    });
    const condition = options.condition;
    if (condition !== undefined && "ifAbsent" in condition) {
      await createExclusive(file, bytes, () => new ConditionFailedError(key, file, condition));
      return { revision: sha256Hex(bytes) };
    }
    if (condition === undefined) {
      await writeDurably(file, bytes);
      return { revision: sha256Hex(bytes) };
    }
    return withMutex(file, async () => {
      const current = await this.get(key);
      if (current === undefined || current.revision !== condition.ifRevision) {
        throw new ConditionFailedError(key, file, condition);
      }
      await writeDurably(file, bytes);
      return { revision: sha256Hex(bytes) };
    });
  }

  async delete(key: string, options: { ifRevision?: string } = {}): Promise<void> {
    const file = this.file(key);
    const remove = async () => {
      await fs.rm(file, { force: true }).catch((cause: unknown) => {
        throw fileError(file, cause, "written");
      });
    };
    if (options.ifRevision === undefined) return remove();
    const expected = options.ifRevision;
    // No directory, no key: nothing to delete and nowhere to put a mutex.
    if ((await fs.stat(path.dirname(file)).catch(() => undefined))?.isDirectory() !== true) return;
    await withMutex(file, async () => {
      const current = await this.get(key);
      if (current === undefined) return;
      if (current.revision !== expected) throw new ConditionFailedError(key, file, { ifRevision: expected });
      await remove();
    });
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const dirKey =
      prefix.endsWith("/") || prefix === "" ? prefix : prefix.slice(0, prefix.lastIndexOf("/") + 1);
    const found: ObjectInfo[] = [];
    await walk(this.file(dirKey === "" ? "." : dirKey.replace(/\/$/, "")), dirKey, found);
    found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const info of found) if (info.key.startsWith(prefix)) yield info;
  }
}

async function walk(dir: string, keyPrefix: string, out: ObjectInfo[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return;
    throw fileError(dir, cause);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(full, `${keyPrefix}${entry.name}/`, out);
    } else if (entry.isFile() && !isOwnScratch(entry.name)) {
      const stat = await fs.stat(full).catch(() => undefined);
      if (stat !== undefined)
        out.push({ key: `${keyPrefix}${entry.name}`, size: stat.size, lastModified: stat.mtime });
    }
  }
}

/** Temp files and per-key mutexes that stateward itself leaves only while writing. */
function isOwnScratch(name: string): boolean {
  return name.endsWith(MUTEX_SUFFIX) || /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

/** Writes a complete temp file, then links it to `file`: the name appears whole, or not at all. */
async function createExclusive(file: string, bytes: Uint8Array, exists: () => Error): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  let taken = false;
  try {
    const handle = await fs.open(temp, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temp, file);
    } catch (cause) {
      taken = (cause as NodeJS.ErrnoException).code === "EEXIST";
      throw cause;
    }
  } catch (cause) {
    if (taken) throw exists();
    throw fileError(file, cause, "written");
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
  await syncDir(path.dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, "r");
    await handle.sync().finally(() => handle.close());
  } catch {
    // Some file systems cannot fsync a directory; the link itself is still atomic.
  }
}

interface MutexOwner {
  pid: number;
  host: string;
  time: string;
}

/**
 * Runs `body` holding `<file>.stateward-lock`. A mutex left by a process of this host that is no
 * longer running (killed mid-write) is taken over; a live one is waited for briefly, then reported.
 */
export async function withMutex<T>(file: string, body: () => Promise<T>): Promise<T> {
  const mutex = `${file}${MUTEX_SUFFIX}`;
  const owner: MutexOwner = { pid: process.pid, host: os.hostname(), time: new Date().toISOString() };
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      await createExclusive(mutex, Buffer.from(JSON.stringify(owner)), () =>
        Object.assign(new Error("exists"), { code: "EEXIST" }),
      );
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const stale = await abandonedContent(mutex);
      if (stale !== undefined) {
        await takeOver(mutex, stale);
        continue;
      }
      if (Date.now() > deadline) {
        throw new StatewardError("LOCKED", t("backends.dir.busy", { file, mutex }), {
          hint: t("backends.dir.busyHint"),
        });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await body();
  } finally {
    await fs.rm(mutex, { force: true }).catch(() => undefined);
  }
}

/** The mutex's content when its owner is a process of this host that is no longer running. */
async function abandonedContent(mutex: string): Promise<string | undefined> {
  let text: string;
  let owner: Partial<MutexOwner>;
  try {
    text = await fs.readFile(mutex, "utf8");
    owner = JSON.parse(text) as Partial<MutexOwner>;
  } catch {
    return undefined;
  }
  if (owner.host !== os.hostname() || typeof owner.pid !== "number") return undefined;
  try {
    process.kill(owner.pid, 0);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH" ? text : undefined;
  }
}

/**
 * Removes an abandoned mutex without racing another waiter: it is renamed away atomically, and if what
 * was renamed is not the dead owner's mutex (another waiter replaced it first), it is put back.
 */
async function takeOver(mutex: string, stale: string): Promise<void> {
  const aside = `${mutex}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await fs.rename(mutex, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = await fs.readFile(aside, "utf8").catch(() => undefined);
  if (moved !== stale) await fs.link(aside, mutex).catch(() => undefined);
  await fs.rm(aside, { force: true }).catch(() => undefined);
}
