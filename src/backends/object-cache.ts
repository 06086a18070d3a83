/**
 * A cache on disk of the stored objects a history reads that never change once listed: an S3 version
 * of the state (bucket + key + version id), and an object a listing named with its ETag (an SST
 * snapshot or update record, a backup, a snapshot's sidecar: bucket + key + ETag). Each entry holds
 * the raw bytes exactly as stored (never decoded or decrypted) after a header naming what they are;
 * it is used only when the listing of this run names the same ETag and size, and its bytes still
 * match them (length, and the MD5 a plain ETag is). A missing, partial or corrupt entry is a miss,
 * so the directory is safe to delete at any time; entries are written to a temporary file and renamed.
 * The current object read without a version id, and locks, are never cached.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BlobStore, StoredObject } from "./store.js";

/** What the listing said of an object: the entry must match it. */
export interface Expected {
  revision: string;
  size: number;
}

interface Header {
  v: 1;
  ns: string;
  key: string;
  id: string;
  revision: string;
  size: number;
}

const FORMAT = 1;

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, "");
}

/** The bytes agree with what the listing said: their length, and their MD5 when the ETag is one. */
function matches(bytes: Uint8Array, expected: Expected): boolean {
  if (bytes.length !== expected.size) return false;
  const etag = unquote(expected.revision);
  if (/^[0-9a-f]{32}$/i.test(etag)) {
    return createHash("md5").update(bytes).digest("hex") === etag.toLowerCase();
  }
  return true;
}

export class ObjectCache {
  /** Entries used, and entries read from the store and written, in this process. */
  hits = 0;
  misses = 0;

  constructor(readonly dir: string) {}

  private file(ns: string, key: string, id: string): string {
    const name = createHash("sha256").update(`${ns}\0${key}\0${id}`).digest("hex");
    return path.join(this.dir, "objects", name.slice(0, 2), name);
  }

  /** The cached bytes of (ns, key, id) if they are there whole and match the listing; else undefined. */
  async read(ns: string, key: string, id: string, expected: Expected): Promise<Uint8Array | undefined> {
    let data: Buffer;
    try {
      data = await readFile(this.file(ns, key, id));
    } catch {
      return undefined;
    }
    const nl = data.indexOf(0x0a);
    if (nl < 0) return undefined;
    let header: Partial<Header>;
    try {
      header = JSON.parse(data.subarray(0, nl).toString("utf8")) as Partial<Header>;
    } catch {
      return undefined;
    }
    if (
      header.v !== FORMAT ||
      header.ns !== ns ||
      header.key !== key ||
      header.id !== id ||
      header.revision !== expected.revision ||
      header.size !== expected.size
    )
      return undefined;
    const bytes = new Uint8Array(data.subarray(nl + 1));
    return matches(bytes, expected) ? bytes : undefined;
  }

  /** Stores the bytes (when they match the listing); a failure to write only means no entry. */
  async write(ns: string, key: string, id: string, expected: Expected, bytes: Uint8Array): Promise<void> {
    if (!matches(bytes, expected)) return;
    const file = this.file(ns, key, id);
    const header: Header = { v: FORMAT, ns, key, id, revision: expected.revision, size: expected.size };
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      // A state may hold what its owner would not share: the cache is readable by its user only.
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes]), {
        mode: 0o600,
      });
      await rename(tmp, file);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

/** The endpoint a store's S3 client talks to (`aws` for AWS itself): entries of different clouds never mix. */
export async function storeNamespace(store: BlobStore): Promise<string> {
  const client = (store as unknown as { client?: { config?: { endpoint?: unknown } } }).client;
  const endpoint = client?.config?.endpoint;
  let where = "aws";
  if (typeof endpoint === "function") {
    try {
      const e = (await (endpoint as () => Promise<unknown>)()) as {
        protocol?: string;
        hostname?: string;
        port?: number;
        path?: string;
      };
      where = `${e.protocol ?? ""}//${e.hostname ?? ""}${e.port === undefined ? "" : `:${e.port}`}${e.path ?? ""}`;
    } catch {
      where = "custom";
    }
  }
  return `${where} ${store.url}`;
}

/**
 * The store, reading through the cache: an object is taken from the cache only when a listing of
 * this run (`list`, `versions`) named it with an ETag and a size; `get` of a key `never` names (the
 * state object without a version id, locks) always reads the store. A version with id `null` (a
 * bucket without versioning) is the current object, never cached.
 */
export function cachingStore(
  inner: BlobStore,
  cache: ObjectCache,
  ns: string,
  never: (key: string) => boolean,
): BlobStore {
  const listed = new Map<string, Expected>();
  const versionsListed = new Map<string, Expected>();
  const through = async (
    key: string,
    id: string,
    expected: Expected | undefined,
    fetch: () => Promise<StoredObject | undefined>,
  ): Promise<StoredObject | undefined> => {
    if (expected === undefined || expected.revision === "") return fetch();
    const bytes = await cache.read(ns, key, id, expected);
    if (bytes !== undefined) {
      cache.hits++;
      const object: StoredObject = { key, bytes, revision: expected.revision };
      if (id.startsWith("version:")) object.versionId = id.slice("version:".length);
      return object;
    }
    cache.misses++;
    const object = await fetch();
    if (object !== undefined && object.revision === expected.revision)
      await cache.write(ns, key, id, expected, object.bytes);
    return object;
  };
  const store: BlobStore = {
    url: inner.url,
    locate: (key) => inner.locate(key),
    get: (key, signal) => {
      // The current object read without a version id (and a lock) may change: never cached.
      const expected = never(key) ? undefined : listed.get(key);
      return through(key, `etag:${expected?.revision ?? ""}`, expected, () => inner.get(key, signal));
    },
    put: (key, bytes, options) => inner.put(key, bytes, options),
    delete: (key, options) => inner.delete(key, options),
    list: async function* (prefix, signal) {
      for await (const o of inner.list(prefix, signal)) {
        if (o.revision !== undefined) listed.set(o.key, { revision: o.revision, size: o.size });
        yield o;
      }
    },
  };
  if (inner.versions !== undefined) {
    const versions = inner.versions.bind(inner);
    store.versions = async function* (key, signal) {
      for await (const v of versions(key, signal)) {
        if (!v.deleteMarker && v.revision !== undefined)
          versionsListed.set(`${key}\0${v.versionId}`, { revision: v.revision, size: v.size });
        yield v;
      }
    };
  }
  if (inner.getVersion !== undefined) {
    const getVersion = inner.getVersion.bind(inner);
    store.getVersion = (key, versionId, signal) =>
      versionId === "null"
        ? getVersion(key, versionId, signal)
        : through(key, `version:${versionId}`, versionsListed.get(`${key}\0${versionId}`), () =>
            getVersion(key, versionId, signal),
          );
  }
  return store;
}
