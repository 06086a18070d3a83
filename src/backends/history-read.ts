/**
 * Reading the versions of a stage's state: every copy the backend keeps (S3 object versions, SST
 * snapshots with their update records, Pulumi DIY history and backups, stateward's backups), downloaded,
 * merged by content and named so a user can point at one. Facts and the history actions both read it.
 */
import { contentSha256, parseState } from "./encoding.js";
import type { RawVersion, StageBackend, UpdateInfo, VersionSource } from "./types.js";
import { StatewardError } from "../errors.js";
import { compareUpdateIds } from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";
import { historyEvents, updateTime, updateView } from "./history-events.js";
import { cachingStore, storeNamespace, type ObjectCache } from "./object-cache.js";
import { listSnapshots, snapshotCopies, type SnapshotMeta } from "./snapshots.js";

export interface HistoryVersion {
  /** The name shown first: the SST update id, the S3 VersionId, or the DIY file's name. */
  id: string;
  /** Every name this version answers to (see `resolveVersion`), including `current`, `previous`, `-N`. */
  names: string[];
  /** When this content was last written as the state. */
  time: string;
  size: number;
  resources: number;
  /** SHA-256 of the (decompressed) checkpoint bytes, the identity used to merge copies. */
  contentHash: string;
  sources: VersionSource[];
  current: boolean;
  /** The newest update that wrote it, when a record says (SST update record, DIY history). */
  update?: UpdateView;
  /** Every update that wrote this content, newest first (several when their results were identical). */
  updates?: UpdateView[];
  locations: string[];
  /** The stored revisions (S3 ETags) of its copies: what a plan or a write recorded as "read". */
  revisions: string[];
  /** The copy could not be read or parsed; it is listed, but cannot be shown or restored. */
  unreadable?: string;
  /** Named snapshots (`stateward history snapshot`) holding this content, newest first. */
  snapshots?: SnapshotView[];
}

/** A snapshot as the history shows it: `ref` restores it (`snapshot:<id>`). */
export interface SnapshotView {
  id: string;
  ref: string;
  time: string;
  who?: string;
  note?: string;
  location: string;
}

export interface UpdateView {
  id: string;
  command?: string;
  outcome: UpdateInfo["outcome"];
  timeStarted?: string;
  /** `id` when the record leaves the start blank (`sst unlock` does) and the time comes from the id. */
  timeStartedFrom?: "id";
  timeCompleted?: string;
  errors: UpdateInfo["errors"];
  /** The run that wrote the record (`$SST_RUN_ID`); `sst unlock` drops it. */
  runId?: string;
  /** The SST version that wrote the record. */
  sstVersion?: string;
  /** Which command force-unlocked it (`sst unlock`, `stateward lock release`), as the record says. */
  forceUnlocked?: string;
}

/** One update record of the stage: an event of its history, whether or not it wrote a version. */
export interface HistoryEvent extends UpdateView {
  /** When it happened, as well as the record tells: completed, else started, else its id's time. */
  time?: string;
  /** The version (its `id` in `versions`) holding the snapshot this update left, if it left one. */
  version?: string;
  /** Whether a snapshot of the state after this update is stored. */
  snapshot: boolean;
  /** What is known, in words: a killed run, a forced unlock, an update that changed nothing. */
  note?: string;
}

export interface HistoryList {
  backend: string;
  app: string;
  stage: string;
  versions: HistoryVersion[];
  /** Every update record, newest first, including those that wrote no version of their own. */
  events: HistoryEvent[];
  /** Copies found before merging by content (S3 versions + snapshots + backups + …). */
  copies: number;
}

export interface LoadedCopy {
  bytes?: Uint8Array;
  hash: string;
  resources: number;
  error?: string;
}

function isBackup(source: VersionSource): boolean {
  return (
    source === "stateward-backup" ||
    source === "stateward-snapshot" ||
    source === "diy-backup" ||
    source === "diy-bak"
  );
}

export interface HistoryOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Reads immutable objects (S3 versions, listed records and snapshots) through this cache on disk. */
  cache?: ObjectCache;
}

/** A history as read: the list, and the bytes of each readable version by its id. */
export type ReadHistory = HistoryList & { bytesOf(id: string): Uint8Array | undefined };

/**
 * The backend, reading its store through the cache (S3 stores only: a directory needs none); with
 * `lazyRecords`, listing SST's snapshots reads none of the update records (see `HistoryIndex`).
 */
export async function historyBackend(
  backend: StageBackend,
  cache: ObjectCache | undefined,
  lazyRecords: boolean,
): Promise<StageBackend> {
  const cached = cache !== undefined && backend.store.url.startsWith("s3://");
  if (!cached && !lazyRecords) return backend;
  const view = Object.create(backend) as StageBackend;
  if (cached) {
    const ns = await storeNamespace(backend.store);
    const state = backend.stateKey;
    const store = cachingStore(backend.store, cache, ns, (key) => key === state || key.startsWith("lock/"));
    Object.defineProperty(view, "store", { value: store });
  }
  if (lazyRecords && backend.listUpdates !== undefined) {
    Object.defineProperty(view, "listUpdates", { value: () => Promise.resolve([]) });
  }
  return view;
}

/** Every version of the stage's state, newest first, merged by content. */
export async function readHistory(backend: StageBackend, options: HistoryOptions = {}): Promise<ReadHistory> {
  const source = await historyBackend(backend, options.cache, false);
  const [stored, records, snapshots] = await Promise.all([
    source.listHistory(options.signal),
    source.listUpdates?.(options.signal),
    listSnapshots(source, options.signal),
  ]);
  const raw = [...stored, ...snapshotCopies(source, snapshots)];
  const metas = new Map(snapshots.map((s) => [`snapshot:${s.id}`, s.meta ?? { id: s.id, time: "" }]));
  const loaded = await loadCopies(raw, options);
  const { versions, bytesByHash } = assemble(raw, loaded, metas);
  return {
    backend: backend.label,
    app: backend.app,
    stage: backend.stage,
    versions,
    events: historyEvents(versions, raw, records),
    copies: raw.length,
    bytesOf: (id) => {
      const v = versions.find((x) => x.id === id);
      return v === undefined ? undefined : bytesByHash.get(v.contentHash);
    },
  };
}

/**
 * The copies merged by content into versions, newest first and named. A copy whose bytes are not
 * read yet (`pending`) stands for its stored revision, as if that were its content.
 */
export function assemble(
  raw: RawVersion[],
  loaded: LoadedCopy[],
  metas: Map<string, SnapshotMeta>,
): {
  versions: HistoryVersion[];
  bytesByHash: Map<string, Uint8Array>;
  members: Map<HistoryVersion, number[]>;
} {
  const groups = new Map<string, number[]>();
  raw.forEach((_, i) => {
    const h = loaded[i]!.hash;
    const group = groups.get(h);
    if (group === undefined) groups.set(h, [i]);
    else group.push(i);
  });
  const bytesByHash = new Map<string, Uint8Array>();
  const versions: HistoryVersion[] = [];
  const order = new Map<HistoryVersion, number>();
  const members = new Map<HistoryVersion, number[]>();
  for (const [hash, indexes] of groups) {
    const copies = indexes.map((i) => raw[i]!);
    const load = loaded[indexes[0]!]!;
    const version = mergedVersion(hash, copies, load);
    const snaps = snapshotViews(copies, metas);
    if (snaps.length > 0) version.snapshots = snaps;
    if (load.bytes !== undefined && load.error === undefined) bytesByHash.set(hash, load.bytes);
    versions.push(version);
    members.set(version, indexes);
    order.set(version, Math.min(...copies.map((c) => c.order ?? Number.MAX_SAFE_INTEGER)));
  }
  // Newest first; equal times (S3 keeps seconds) follow the newest-first order of the S3 listing.
  versions.sort(
    (a, b) =>
      (a.time < b.time ? 1 : a.time > b.time ? -1 : 0) ||
      order.get(a)! - order.get(b)! ||
      Number(b.current) - Number(a.current),
  );
  nameRelative(versions);
  return { versions, bytesByHash, members };
}

/** Copies that share a non-empty revision hold the same bytes: each such set is read once. */
export function revisionUnits(raw: RawVersion[]): number[][] {
  const byRevision = new Map<string, number[]>();
  const work: number[][] = [];
  raw.forEach((copy, index) => {
    const rev = copy.revision !== undefined && copy.revision !== "" ? `${copy.revision}` : undefined;
    if (rev === undefined) {
      work.push([index]);
      return;
    }
    const group = byRevision.get(rev);
    if (group === undefined) {
      const fresh = [index];
      byRevision.set(rev, fresh);
      work.push(fresh);
    } else group.push(index);
  });
  return work;
}

/** Reads one copy and hashes its content; a copy gone since it was listed is unreadable. */
export async function loadCopy(copy: RawVersion, signal: AbortSignal | undefined): Promise<LoadedCopy> {
  try {
    const bytes = await copy.load(signal);
    let resources = 0;
    let error: string | undefined;
    try {
      resources = parseState(bytes, copy.location).deployment?.resources?.length ?? 0;
    } catch (e) {
      error = (e as Error).message;
    }
    return { bytes, hash: contentSha256(bytes), resources, ...(error === undefined ? {} : { error }) };
  } catch (e) {
    if (e instanceof StatewardError && e.code !== "VERSION_GONE") throw e;
    return { hash: `unreadable:${copy.location}`, resources: 0, error: (e as Error).message };
  }
}

/**
 * Downloads every copy (at most `concurrency` at a time) and hashes its content. Equal ETags mean equal
 * bytes, so each distinct revision is downloaded once. A copy gone since it was listed is kept as
 * unreadable; any other failure stops the listing.
 */
async function loadCopies(raw: RawVersion[], options: HistoryOptions): Promise<LoadedCopy[]> {
  const work = revisionUnits(raw);
  const loaded = new Array<LoadedCopy>(raw.length);
  let done = 0;
  await mapLimit(work, options.concurrency ?? 16, async (group) => {
    const result = await loadCopy(raw[group[0]!]!, options.signal);
    for (const i of group) loaded[i] = result;
    options.onProgress?.((done += group.length), raw.length);
  });
  return loaded;
}

/** The snapshots among the copies of one version, newest first. */
function snapshotViews(copies: RawVersion[], metas: Map<string, SnapshotMeta>): SnapshotView[] {
  return copies
    .filter((c) => c.source === "stateward-snapshot")
    .map((c): SnapshotView => {
      const meta = metas.get(c.name);
      const view: SnapshotView = {
        id: c.name.slice("snapshot:".length),
        ref: c.name,
        time: c.time.toISOString(),
        location: c.location,
      };
      if (meta?.who !== undefined) view.who = meta.who;
      if (meta?.note !== undefined) view.note = meta.note;
      return view;
    })
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
}

/** Prefer the name that links to an update record, then an S3 version, then the rest. */
const NAME_PREFERENCE: readonly VersionSource[] = [
  "sst-snapshot",
  "diy-history",
  "s3-version",
  "current",
  "stateward-snapshot",
  "stateward-backup",
  "diy-backup",
  "diy-bak",
];

/** One version from the copies of the same content: its names, time, places and the updates that wrote it. */
function mergedVersion(hash: string, copies: RawVersion[], load: LoadedCopy): HistoryVersion {
  const writes = copies.filter((c) => !isBackup(c.source));
  const timed = (writes.length > 0 ? writes : copies).map((c) => c.time.getTime());
  const time = new Date(Math.max(...timed));
  const rank = (s: VersionSource) => NAME_PREFERENCE.indexOf(s);
  const primary = [...copies].sort(
    (a, b) => rank(a.source) - rank(b.source) || b.time.getTime() - a.time.getTime(),
  )[0]!;
  const names = [...new Set(copies.map((c) => c.name).filter((n) => n !== "current" && n !== "null"))];
  if (!names.includes(primary.name)) names.unshift(primary.name);
  const version: HistoryVersion = {
    id: primary.name,
    names,
    time: time.toISOString(),
    size: Math.max(...copies.map((c) => c.size)),
    resources: load.resources,
    contentHash: hash.startsWith("unreadable:") || hash.startsWith("pending:") ? "" : hash,
    sources: [...new Set(copies.map((c) => c.source))],
    current: copies.some((c) => c.isCurrent),
    locations: [...new Set(copies.map((c) => c.location))],
    revisions: [
      ...new Set(copies.flatMap((c) => (c.revision === undefined || c.revision === "" ? [] : [c.revision]))),
    ],
  };
  const updates = [
    ...new Map(copies.flatMap((c) => (c.update === undefined ? [] : [[c.update.id, c.update]]))).values(),
  ]
    .sort((a, b) => updateTime(b) - updateTime(a) || compareUpdateIds(a.id, b.id))
    .map(updateView);
  if (updates.length > 0) {
    version.update = updates[0]!;
    if (updates.length > 1) version.updates = updates;
  }
  if (load.error !== undefined) version.unreadable = load.error;
  return version;
}

/** `current`, `previous` and `-N` (N versions older than the current one). */
function nameRelative(versions: HistoryVersion[]): void {
  const at = versions.findIndex((v) => v.current);
  if (at < 0) return;
  versions[at]!.names.unshift("current");
  for (let n = 1; at + n < versions.length; n++) {
    const v = versions[at + n]!;
    v.names.push(`-${n}`);
    if (n === 1) v.names.splice(v.names.length - 1, 0, "previous");
  }
}
