/**
 * What `history backup` copies of a stage: every S3 version of the state (its content, by hash, where
 * the store keeps no versions), and every object under the stage's history prefixes (SST snapshots and
 * update records, Pulumi DIY history and backups, stateward's snapshots, backups and audit records).
 */
import { sha256Hex } from "../backends/file.js";
import { historyPrefixes } from "../backends/snapshots.js";
import type { BlobStore, ObjectInfo } from "../backends/store.js";
import type { StageBackend } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { collect } from "../util/map-limit.js";

/** One stored object of the stage's history to copy. */
export interface BackupItem {
  /** Its key in the target. */
  target: string;
  /** Where it is read from (for messages). */
  source: string;
  size: number;
  revision?: string;
  modified?: string;
  /** Bytes already read while listing (content-addressed objects). */
  bytes?: Uint8Array;
  load(signal?: AbortSignal): Promise<Uint8Array>;
}

/** Everything of the stage's history the source stores, as objects to copy. */
export async function listItems(backend: StageBackend, signal?: AbortSignal): Promise<BackupItem[]> {
  const store = backend.store;
  const items: BackupItem[] = [];
  const versionsDir = (key: string) => `versions/${key}/`;
  // The state: each S3 object version by its id; without versions, its content by its hash.
  const contentCopy = async (key: string) => {
    const object = await store.get(key, signal);
    if (object === undefined) return;
    const hash = sha256Hex(object.bytes);
    items.push({
      target: `${versionsDir(key)}sha256-${hash.slice(0, 32)}.json`,
      source: store.locate(key),
      size: object.bytes.length,
      bytes: object.bytes,
      load: () => Promise.resolve(object.bytes),
    });
  };
  let versioned = false;
  if (store.versions !== undefined && store.getVersion !== undefined) {
    for await (const v of store.versions(backend.stateKey, signal)) {
      if (v.deleteMarker) continue;
      if (v.versionId === "null") {
        if (v.isLatest) await contentCopy(backend.stateKey);
        continue;
      }
      versioned = true;
      const versionId = v.versionId;
      items.push({
        target: `${versionsDir(backend.stateKey)}${versionId}.json`,
        source: `${store.locate(backend.stateKey)}?versionId=${versionId}`,
        size: v.size,
        ...(v.revision === undefined ? {} : { revision: v.revision }),
        load: async (s) => {
          const object = await store.getVersion!(backend.stateKey, versionId, s);
          if (object === undefined) throw gone(`${store.locate(backend.stateKey)}?versionId=${versionId}`);
          return object.bytes;
        },
      });
    }
  }
  if (!versioned) await contentCopy(backend.stateKey);
  if (backend.kind === "diy") await contentCopy(`${backend.stateKey}.bak`);
  // The records and copies beside it, each at its own key.
  const prefixes = historyPrefixes(backend);
  const listed = await Promise.all(prefixes.map((p) => collect(store.list(p, signal))));
  const seen = new Set(items.map((i) => i.target));
  for (const o of listed.flat()) {
    if (seen.has(o.key)) continue;
    seen.add(o.key);
    items.push(objectItem(store, o));
  }
  return items.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

function objectItem(store: BlobStore, o: ObjectInfo): BackupItem {
  const item: BackupItem = {
    target: o.key,
    source: store.locate(o.key),
    size: o.size,
    modified: o.lastModified.toISOString(),
    load: async (s) => {
      const object = await store.get(o.key, s);
      if (object === undefined) throw gone(store.locate(o.key));
      return object.bytes;
    },
  };
  if (o.revision !== undefined && o.revision !== "") item.revision = o.revision;
  return item;
}

function gone(location: string): StatewardError {
  return new StatewardError("BACKUP_SOURCE_GONE", t("history.backup.error.source-gone", { location }), {
    hint: t("history.backup.hint.run-again"),
  });
}
