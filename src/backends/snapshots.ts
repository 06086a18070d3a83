/**
 * Named snapshots stateward takes of a stage's state (`history snapshot`), kept beside the audit log:
 * `stateward/<app>/<stage>/snapshot/<id>.json` in the SST bucket, `.pulumi/stateward/<project>/<stack>/snapshot/…`
 * for DIY (own-records.ts). `<id>.json` holds the state bytes exactly as they were stored; `<id>.meta.json` says who took
 * it, when, and the note. Ids are SST-style descending ids, so a plain listing is newest first.
 * Nothing here touches SST's or Pulumi's own keys.
 */
import { makeUpdateId, updateIdTime } from "../state/sst.js";
import { mapLimit } from "../util/map-limit.js";
import { listOwn, ownPrefix } from "./own-records.js";
import { contentSha256 } from "./encoding.js";
import { parseJsonObject } from "./records.js";
import type { CurrentState, RawVersion, StageBackend, Writer } from "./types.js";
import { StatewardError } from "../errors.js";

/** What the sidecar of a snapshot says. */
export interface SnapshotMeta {
  id: string;
  time: string;
  who?: string;
  tool?: string;
  note?: string;
  app?: string;
  stage?: string;
  /** SHA-256 of the (decompressed) state it holds. */
  contentHash?: string;
  /** The revision (S3 ETag) and S3 version of the state it copied. */
  revision?: string;
  versionId?: string;
  resources?: number;
}

/** One snapshot as listed: its meta (when the sidecar is readable) and where its bytes are. */
export interface StoredSnapshot {
  id: string;
  key: string;
  location: string;
  size: number;
  revision?: string;
  meta?: SnapshotMeta;
}

export function snapshotPrefix(backend: StageBackend): string {
  return ownPrefix(backend, "snapshot");
}

/** The key prefixes of the stage's history that are not the state key itself (for backups). */
export function historyPrefixes(backend: StageBackend): string[] {
  // `<root>stateward/<base>`: root is "" (SST) or ".pulumi/" (DIY); base is the stage's `<app>/<stage>/`.
  const own = backend.statewardPrefix;
  const root = own.slice(0, own.indexOf("stateward/"));
  const base = own.slice(root.length + "stateward/".length);
  if (backend.kind === "sst") return [`snapshot/${base}`, `update/${base}`, own];
  // Pulumi DIY: the history and backups folders of the stack (stateward's backups live there too).
  return [`${root}history/${base}`, `${root}backups/${base}`, own];
}

/** Every snapshot of the stage, newest first (sidecars read; an unreadable sidecar leaves no meta). */
export async function listSnapshots(backend: StageBackend, signal?: AbortSignal): Promise<StoredSnapshot[]> {
  const prefix = snapshotPrefix(backend);
  const objects = (await listOwn(backend, "snapshot", signal)).filter((o) =>
    /^[^/]+\.json$/.test(o.key.slice(prefix.length)),
  );
  const metas = new Set(objects.filter((o) => o.key.endsWith(".meta.json")).map((o) => o.key));
  const states = objects.filter((o) => !o.key.endsWith(".meta.json"));
  const out = await mapLimit(states, 16, async (o): Promise<StoredSnapshot> => {
    const id = o.key.slice(prefix.length, -".json".length);
    const snap: StoredSnapshot = { id, key: o.key, location: backend.store.locate(o.key), size: o.size };
    if (o.revision !== undefined) snap.revision = o.revision;
    const metaKey = `${prefix}${id}.meta.json`;
    if (metas.has(metaKey)) {
      const object = await backend.store.get(metaKey, signal);
      const m = object === undefined ? undefined : parseJsonObject(object.bytes);
      if (m !== undefined) snap.meta = { ...(m as unknown as SnapshotMeta), id };
    }
    return snap;
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The snapshots as copies of the state for the history (source `stateward-snapshot`). */
export function snapshotCopies(backend: StageBackend, snapshots: StoredSnapshot[]): RawVersion[] {
  return snapshots.map((s) => {
    const time = s.meta?.time === undefined ? updateIdTime(s.id) : new Date(s.meta.time);
    const entry: RawVersion = {
      source: "stateward-snapshot",
      name: `snapshot:${s.id}`,
      time: time === undefined || Number.isNaN(time.getTime()) ? new Date(0) : time,
      size: s.size,
      location: s.location,
      isCurrent: false,
      load: async (signal) => {
        const object = await backend.store.get(s.key, signal);
        if (object === undefined) {
          throw new StatewardError("VERSION_GONE", s.location);
        }
        return object.bytes;
      },
    };
    if (s.revision !== undefined) entry.revision = s.revision;
    return entry;
  });
}

export interface SnapshotPlan {
  id: string;
  key: string;
  metaKey: string;
  location: string;
  meta: SnapshotMeta;
  size: number;
}

/** What a snapshot of `read` would be (nothing written). */
export function planSnapshot(
  backend: StageBackend,
  read: CurrentState,
  writer: Pick<Writer, "who" | "tool">,
  note: string | undefined,
  now: Date = new Date(),
): SnapshotPlan {
  const id = makeUpdateId(now);
  const prefix = snapshotPrefix(backend);
  const key = `${prefix}${id}.json`;
  const meta: SnapshotMeta = {
    id,
    time: now.toISOString(),
    who: writer.who,
    tool: writer.tool,
    app: backend.app,
    stage: backend.stage,
    contentHash: contentSha256(read.bytes),
    revision: read.revision,
    resources: read.doc.deployment?.resources?.length ?? 0,
    ...(read.versionId === undefined ? {} : { versionId: read.versionId }),
    ...(note === undefined ? {} : { note }),
  };
  return {
    id,
    key,
    metaKey: `${prefix}${id}.meta.json`,
    location: backend.store.locate(key),
    meta,
    size: read.bytes.length,
  };
}

/** Writes the snapshot: the state bytes as stored, then the sidecar (both create-only). */
export async function writeSnapshot(
  backend: StageBackend,
  plan: SnapshotPlan,
  bytes: Uint8Array,
  signal?: AbortSignal,
): Promise<void> {
  const encoding = backend.contentEncoding(bytes);
  await backend.store.put(plan.key, bytes, {
    condition: { ifAbsent: true },
    contentType: "application/json",
    ...(encoding === undefined ? {} : { contentEncoding: encoding }),
    ...(signal === undefined ? {} : { signal }),
  });
  await backend.store.put(plan.metaKey, Buffer.from(JSON.stringify(plan.meta, null, 2) + "\n"), {
    condition: { ifAbsent: true },
    contentType: "application/json",
    ...(signal === undefined ? {} : { signal }),
  });
}
