/**
 * One run's reads of a stage's store, each made once: `gather` reads a stage's state, history, lock,
 * records and the app's stages through this view, so the same object or listing is never fetched
 * twice in a run (the state and its current version, the app's update records and the stage's).
 *
 * For an SST home it first lists the bucket's keys in one go, within a budget of pages: every
 * listing of a prefix that listing covered (stages, update records, snapshots, stateward's copies)
 * and every absent key it covered (a lock that is not held) then costs nothing. A bucket too large
 * for the budget is listed as far as the budget goes; the prefixes past that point are listed on
 * their own, as before — so the budget bounds what the prefetch can add.
 *
 * Reads only: writes go straight to the store. The view lives as long as one `gather`.
 */
import type { StageBackend } from "../backends/types.js";
import type { BlobStore, ObjectInfo, ObjectVersion, PutOptions, StoredObject } from "../backends/store.js";

/** Keys the first listing may read before it stops (S3 lists 1,000 keys a page: 4 requests). */
export const PREFETCH_KEYS = 4_000;

interface Listing {
  prefix: string;
  objects: ObjectInfo[];
  /** The listing reached the end of its prefix. */
  complete: boolean;
  /** The last key listed (keys are listed in order), when it stopped early. */
  last?: string;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export class RunReads implements BlobStore {
  private readonly listings: Listing[] = [];
  private readonly lists = new Map<string, Promise<ObjectInfo[]>>();
  private readonly gets = new Map<string, Promise<StoredObject | undefined>>();
  private readonly versionGets = new Map<string, Promise<StoredObject | undefined>>();
  private readonly versionLists = new Map<string, Promise<ObjectVersion[]>>();

  constructor(private readonly inner: BlobStore) {
    if (inner.versions !== undefined) this.versions = (key, signal) => this.listVersions(key, signal);
    if (inner.getVersion !== undefined)
      this.getVersion = (key, versionId, signal) => this.readVersion(key, versionId, signal);
  }

  get url(): string {
    return this.inner.url;
  }

  locate(key: string): string {
    return this.inner.locate(key);
  }

  versions?: BlobStore["versions"];
  getVersion?: BlobStore["getVersion"];

  /** Lists `prefix` (every key when ""), stopping after `maxKeys` keys; later reads use what it saw. */
  async prefetch(prefix: string, maxKeys: number, signal?: AbortSignal): Promise<void> {
    const objects: ObjectInfo[] = [];
    let complete = true;
    for await (const o of this.inner.list(prefix, signal)) {
      objects.push(o);
      if (objects.length >= maxKeys) {
        complete = false;
        break;
      }
    }
    const listing: Listing = { prefix, objects, complete };
    if (!complete) listing.last = objects[objects.length - 1]!.key;
    this.listings.push(listing);
  }

  /** What a listing already made says of every key under `prefix`, when it saw all of them. */
  private covered(prefix: string): ObjectInfo[] | undefined {
    for (const l of this.listings) {
      if (!prefix.startsWith(l.prefix)) continue;
      // Keys come in order: one past every key under `prefix` means all of them were seen.
      if (l.complete || (l.last !== undefined && l.last > prefix && !l.last.startsWith(prefix)))
        return l.objects.filter((o) => o.key.startsWith(prefix));
    }
    return undefined;
  }

  async *list(prefix: string, signal?: AbortSignal): AsyncIterable<ObjectInfo> {
    const seen = this.covered(prefix);
    if (seen !== undefined) {
      yield* seen;
      return;
    }
    let listed = this.lists.get(prefix);
    if (listed === undefined) {
      listed = collect(this.inner.list(prefix, signal)).then((objects) => {
        this.listings.push({ prefix, objects, complete: true });
        return objects;
      });
      listed.catch(() => this.lists.delete(prefix));
      this.lists.set(prefix, listed);
    }
    yield* await listed;
  }

  get(key: string, signal?: AbortSignal): Promise<StoredObject | undefined> {
    let got = this.gets.get(key);
    if (got === undefined) {
      // A key a listing saw every key around, and not this one, is absent: nothing to ask.
      const seen = this.covered(key);
      got =
        seen !== undefined && !seen.some((o) => o.key === key)
          ? Promise.resolve(undefined)
          : this.inner.get(key, signal);
      got.catch(() => this.gets.delete(key));
      this.gets.set(key, got);
    }
    return got;
  }

  private readVersion(key: string, versionId: string, signal?: AbortSignal) {
    const id = `${key}\n${versionId}`;
    let got = this.versionGets.get(id);
    if (got === undefined) {
      const current = this.gets.get(key);
      got = (async () => {
        // The current version, already read as the object itself, is not read again.
        const object = current === undefined ? undefined : await current.catch(() => undefined);
        if (object?.versionId === versionId) return object;
        return this.inner.getVersion!(key, versionId, signal);
      })();
      got.catch(() => this.versionGets.delete(id));
      this.versionGets.set(id, got);
    }
    return got;
  }

  private async *listVersions(key: string, signal?: AbortSignal): AsyncIterable<ObjectVersion> {
    let listed = this.versionLists.get(key);
    if (listed === undefined) {
      listed = collect(this.inner.versions!(key, signal));
      listed.catch(() => this.versionLists.delete(key));
      this.versionLists.set(key, listed);
    }
    yield* await listed;
  }

  put(key: string, bytes: Uint8Array, options?: PutOptions) {
    this.forget();
    return this.inner.put(key, bytes, options);
  }

  delete(key: string, options?: { ifRevision?: string; signal?: AbortSignal }) {
    this.forget();
    return this.inner.delete(key, options);
  }

  /** A write makes everything read so far possibly stale. */
  private forget(): void {
    this.listings.length = 0;
    this.lists.clear();
    this.gets.clear();
    this.versionGets.clear();
    this.versionLists.clear();
  }
}

/**
 * The backend reading through `reads`: the same object (its methods, `forStage` and `instanceof`
 * included), with its store swapped for the run's view.
 */
export function readingThrough(backend: StageBackend, reads: RunReads): StageBackend {
  return Object.create(backend, {
    store: { value: reads, enumerable: true, writable: false, configurable: true },
  }) as StageBackend;
}
