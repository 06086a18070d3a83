/**
 * The SST home in AWS (FORMATS.md §2): SSM `/sst/bootstrap` in the home region names the state
 * bucket; `app/<app>/<stage>.json` is the checkpoint, with `lock/`, `update/` and `snapshot/` beside
 * it. stateward keeps its own records of the stage under `stateward/<app>/<stage>/` in the same bucket.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { AwsClients } from "../cloud/clients.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
import { isGzip, parseState } from "./encoding.js";
import { compareUpdateIds, makeUpdateId, sstKeys, updateIdTime } from "../state/sst.js";
import { collect, mapLimit } from "../util/map-limit.js";
import { newestAudit, type LockingWriter } from "./audit.js";
import { listOwn, ownPrefix } from "./own-records.js";
import { parseJsonObject, parseSstLock, parseSstUpdate } from "./records.js";
import { testPause } from "./test-pause.js";
import { lockedError } from "./write-errors.js";
import { S3Store } from "./s3-store.js";
import { readSstBootstrap } from "./sst-bootstrap.js";
import { isConditionFailed, type BlobStore } from "./store.js";
import type { CurrentState, RawVersion, StageBackend, StoredLock, UpdateInfo, Writer } from "./types.js";

/** The message `sst unlock` records; stateward names itself in the same sentence. */
export const FORCE_UNLOCK_MESSAGE =
  // i18n-exempt: written in SST's update records, as SST's own sentence is
  "Update did not complete and was force unlocked with the `stateward lock release` command";

const READ_CONCURRENCY = 16;

export class SstHomeBackend implements StageBackend {
  readonly kind = "sst" as const;
  readonly stateKey: string;
  readonly statewardPrefix: string;
  readonly auditPrefix: string;
  readonly label: string;
  /**
   * How the stage's state object was stored when it was last read: SST with `state: { compress:
   * true }` gzips every object, and what stateward writes beside it or in its place follows.
   */
  private stateEncoding: "gzip" | "plain" | undefined;
  /** A listing of the update records in flight, shared by callers that ask at the same time. */
  private updatesInFlight: Promise<UpdateInfo[]> | undefined;

  constructor(
    readonly store: BlobStore,
    readonly app: string,
    readonly stage: string,
    readonly region: string,
  ) {
    this.stateKey = sstKeys.state(app, stage);
    this.statewardPrefix = `stateward/${app}/${stage}/`;
    this.auditPrefix = `${this.statewardPrefix}audit/`;
    this.label = t("backends.label.sst-home", { url: store.url, region, app, stage });
  }

  static async open(options: {
    clients: AwsClients;
    region: string;
    app: string;
    stage: string;
    signal?: AbortSignal;
  }): Promise<SstHomeBackend> {
    const bootstrap = await readSstBootstrap(options.clients, options.region, options.signal);
    const store = new S3Store(options.clients.s3(options.region), bootstrap.state);
    return new SstHomeBackend(store, options.app, options.stage, options.region);
  }

  backupKey(time: Date, revision: string): string {
    return `${this.statewardPrefix}backups/${makeUpdateId(time, revisionTag(revision))}.json`;
  }

  contentEncoding(bytes: Uint8Array): string | undefined {
    return isGzip(bytes) ? "gzip" : undefined;
  }

  /**
   * The new state in the encoding of the state it replaces (a restored snapshot written plain over a
   * compressed state is compressed, and the other way round), so SST reads it back as it wrote it.
   */
  storedBytes(bytes: Uint8Array): Uint8Array {
    if (this.stateEncoding === "gzip" && !isGzip(bytes)) return gzipSync(bytes);
    if (this.stateEncoding === "plain" && isGzip(bytes)) return gunzipSync(bytes);
    return bytes;
  }

  /** Whether this stage's objects are stored gzipped, as far as its state and lock tell. */
  private compressed(): boolean {
    return this.stateEncoding === "gzip";
  }

  async readState(signal?: AbortSignal): Promise<CurrentState | undefined> {
    const object = await this.store.get(this.stateKey, signal);
    if (object === undefined) return undefined;
    this.stateEncoding = isGzip(object.bytes) ? "gzip" : "plain";
    const location = this.store.locate(this.stateKey);
    return { ...object, location, doc: parseState(object.bytes, location) };
  }

  async listHistory(signal?: AbortSignal): Promise<RawVersion[]> {
    const [versions, snapshots, backups] = await Promise.all([
      this.objectVersions(signal),
      this.snapshots(signal),
      this.statewardBackups(signal),
    ]);
    return [...versions, ...snapshots, ...backups];
  }

  /** Every S3 version of `app/<app>/<stage>.json` (one, unnamed, when the bucket keeps none). */
  private async objectVersions(signal?: AbortSignal): Promise<RawVersion[]> {
    const store = this.store;
    const location = store.locate(this.stateKey);
    if (store.versions === undefined || store.getVersion === undefined) return [];
    const out: RawVersion[] = [];
    for await (const v of store.versions(this.stateKey, signal)) {
      if (v.deleteMarker) continue;
      const versionId = v.versionId;
      const entry: RawVersion = {
        source: versionId === "null" ? "current" : "s3-version",
        name: versionId,
        time: v.lastModified,
        size: v.size,
        location: versionId === "null" ? location : `${location}?versionId=${versionId}`,
        isCurrent: v.isLatest,
        order: out.length,
        load: async (s) => {
          const object =
            versionId === "null"
              ? await store.get(this.stateKey, s)
              : await store.getVersion!(this.stateKey, versionId, s);
          if (object === undefined) throw gone(`${location} version ${versionId}`);
          return object.bytes;
        },
      };
      if (v.revision !== undefined) entry.revision = v.revision;
      out.push(entry);
    }
    return out;
  }

  /** SST's snapshots with the update record of the same id (command, times, errors). */
  private async snapshots(signal?: AbortSignal): Promise<RawVersion[]> {
    const prefix = `snapshot/${this.app}/${this.stage}/`;
    const [objects, updates] = await Promise.all([
      collect(this.store.list(prefix, signal)),
      this.listUpdates(signal),
    ]);
    const byId = new Map(updates.map((u) => [u.id, u]));
    const snapshots = objects.filter((o) => o.key.endsWith(".json"));
    return snapshots.map((o) => {
      const id = o.key.slice(prefix.length, -".json".length);
      const update = byId.get(id);
      const entry: RawVersion = {
        source: "sst-snapshot",
        name: id,
        time: update?.timeCompleted ?? o.lastModified,
        size: o.size,
        location: this.store.locate(o.key),
        isCurrent: false,
        load: (s) => this.mustGet(o.key, s),
      };
      if (o.revision !== undefined) entry.revision = o.revision;
      if (update !== undefined) entry.update = update;
      return entry;
    });
  }

  /**
   * Every update record of the stage (`update/<app>/<stage>/<id>.json`), newest first by the time in
   * its id: those with a snapshot, and those without (a killed run, the record `sst unlock` leaves).
   */
  listUpdates(signal?: AbortSignal): Promise<UpdateInfo[]> {
    // Asked for twice at once (the versions and the events of one history), it is read once.
    this.updatesInFlight ??= this.readUpdates(signal).finally(() => {
      this.updatesInFlight = undefined;
    });
    return this.updatesInFlight;
  }

  private async readUpdates(signal?: AbortSignal): Promise<UpdateInfo[]> {
    const prefix = `update/${this.app}/${this.stage}/`;
    const objects = (await collect(this.store.list(prefix, signal))).filter(
      (o) => o.key.endsWith(".json") && !o.key.slice(prefix.length).includes("/"),
    );
    const read = await mapLimit(objects, READ_CONCURRENCY, (o) =>
      this.readUpdate(o.key.slice(prefix.length, -".json".length), signal),
    );
    return read.flatMap((u) => (u === undefined ? [] : [u])).sort((a, b) => compareUpdateIds(a.id, b.id));
  }

  private async statewardBackups(signal?: AbortSignal): Promise<RawVersion[]> {
    const prefix = ownPrefix(this, "backups");
    const objects = await listOwn(this, "backups", signal);
    return objects
      .filter((o) => o.key.endsWith(".json") && !o.key.slice(prefix.length).includes("/"))
      .map((o) => {
        const name = o.key.slice(prefix.length, -".json".length);
        const entry: RawVersion = {
          source: "stateward-backup",
          name,
          time: updateIdTime(name) ?? o.lastModified,
          size: o.size,
          location: this.store.locate(o.key),
          isCurrent: false,
          load: (s) => this.mustGet(o.key, s),
        };
        if (o.revision !== undefined) entry.revision = o.revision;
        return entry;
      });
  }

  private async mustGet(key: string, signal?: AbortSignal): Promise<Uint8Array> {
    const object = await this.store.get(key, signal);
    if (object === undefined) throw gone(this.store.locate(key));
    return object.bytes;
  }

  async readUpdate(id: string, signal?: AbortSignal): Promise<UpdateInfo | undefined> {
    const object = await this.store.get(sstKeys.update(this.app, this.stage, id), signal);
    return object === undefined ? undefined : parseSstUpdate(id, object.bytes);
  }

  async readLocks(signal?: AbortSignal): Promise<StoredLock[]> {
    const key = sstKeys.lock(this.app, this.stage);
    const object = await this.store.get(key, signal);
    if (object === undefined) return [];
    const lock = parseSstLock(key, this.store.locate(key), object.revision, object.bytes);
    if (lock.encoding === "gzip") this.stateEncoding ??= "gzip";
    return [lock];
  }

  async acquireLock(writer: LockingWriter, signal?: AbortSignal): Promise<StoredLock> {
    const key = sstKeys.lock(this.app, this.stage);
    const now = new Date();
    // SST's own fields, so `sst deploy` sees the stage as locked, plus who is writing.
    const body = {
      created: now.toISOString(),
      // A descending id in SST's layout, so it sorts among SST's own by time (SST's retention prunes
      // the ids that sort last first).
      updateID: makeUpdateId(now),
      runID: `stateward-${writer.pid}`,
      command: `stateward ${writer.action}`,
      ignore: true,
      stateward: {
        action: writer.action,
        who: writer.who,
        pid: writer.pid,
        host: writer.host,
        tool: writer.tool,
        // What this write is, so that the next run can finish its record if this process dies.
        ...(writer.pending === undefined ? {} : { write: writer.pending }),
      },
    };
    const text = Buffer.from(JSON.stringify(body));
    // On a compressed stage the lock is gzipped as SST gzips its own.
    const bytes = this.compressed() ? gzipSync(text) : text;
    try {
      const put = await this.store.put(key, bytes, {
        condition: { ifAbsent: true },
        ...(this.compressed() ? { contentEncoding: "gzip" } : {}),
        signal,
      });
      return parseSstLock(key, this.store.locate(key), put.revision, bytes);
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      const [holder] = await this.readLocks(signal);
      throw lockedError(this.label, holder);
    }
  }

  async releaseLock(lock: StoredLock, signal?: AbortSignal): Promise<void> {
    await this.store.delete(lock.key, { ifRevision: lock.revision, signal });
  }

  async updateOf(lock: StoredLock, signal?: AbortSignal): Promise<UpdateInfo | undefined> {
    return lock.updateId === undefined ? undefined : this.readUpdate(lock.updateId, signal);
  }

  async breakLock(lock: StoredLock, writer: Writer, signal?: AbortSignal): Promise<{ wrote: string[] }> {
    const wrote: string[] = [];
    if (lock.updateId !== undefined && lock.stateward === undefined) {
      // As `sst unlock` does, but keeping what the existing record says (SST blanks timeStarted).
      const key = sstKeys.update(this.app, this.stage, lock.updateId);
      const existing = await this.store.get(key, signal);
      const record: Record<string, unknown> = {
        ...(existing === undefined ? {} : parseJsonObject(existing.bytes)),
      };
      record.id = lock.updateId;
      if (lock.runId !== undefined) record.runID ??= lock.runId;
      record.version ??= writer.tool;
      record.command ??= lock.command ?? "deploy";
      const errors = Array.isArray(record.errors) ? (record.errors as unknown[]) : [];
      // A run killed between this record and the delete below left the record written: the rerun
      // leaves it as it is rather than recording the release twice.
      const recorded = errors.some(
        (e) =>
          typeof e === "object" &&
          e !== null &&
          (e as { message?: unknown }).message === FORCE_UNLOCK_MESSAGE,
      );
      if (!recorded) {
        record.errors = [...errors, { urn: "", message: FORCE_UNLOCK_MESSAGE }];
        record.timeStarted ??= lock.created?.toISOString() ?? "";
        record.timeCompleted = new Date().toISOString();
        // The record keeps its encoding; a new one is gzipped when the lock is (a compressed stage).
        const gzip = existing === undefined ? lock.encoding === "gzip" : isGzip(existing.bytes);
        const text = Buffer.from(JSON.stringify(record));
        await this.store.put(key, gzip ? gzipSync(text) : text, {
          ...(gzip ? { contentEncoding: "gzip" } : {}),
          signal,
        });
      }
      wrote.push(this.store.locate(key));
      await testPause("release:delete", signal); // i18n-exempt: a test pause point
    }
    await this.store.delete(lock.key, { ifRevision: lock.revision, signal });
    return { wrote };
  }

  async lastWriter(signal?: AbortSignal): Promise<string | undefined> {
    const prefix = `update/${this.app}/${this.stage}/`;
    // SST's ids sort newest first, and its 12+12 ids (SST 4.x) before the older 16+8 ones.
    let newest: string | undefined;
    for await (const o of this.store.list(prefix, signal)) {
      newest = o.key.slice(prefix.length, -".json".length);
      break;
    }
    const update = newest === undefined ? undefined : await this.readUpdate(newest, signal);
    const audit = await newestAudit(this, signal);
    // Compared by the times the ids carry (stateward's older records used another layout).
    if (audit !== undefined && (update === undefined || compareUpdateIds(audit.id, update.id) < 0)) {
      return t("backends.writer.stateward", {
        action: audit.action,
        who: audit.who,
        time: isoTime(audit.time),
      });
    }
    if (update === undefined) return undefined;
    const started =
      update.timeStarted === undefined
        ? ""
        : t("backends.writer.started", {
            time: isoTime(update.timeStarted),
            fromId: update.timeStartedFrom === "id" ? t("backends.sst.timeInId") : "",
          });
    const run = update.runId === undefined ? "" : t("backends.writer.run", { run: update.runId });
    return t("backends.writer.sst", { command: update.command ?? "update", id: update.id, started, run });
  }

  forStage(stage: string): Promise<StageBackend> {
    return Promise.resolve(new SstHomeBackend(this.store, this.app, stage, this.region));
  }

  async listStages(signal?: AbortSignal): Promise<string[]> {
    const prefix = `app/${this.app}/`;
    const stages: string[] = [];
    for await (const o of this.store.list(prefix, signal)) {
      const rest = o.key.slice(prefix.length);
      if (!rest.includes("/") && rest.endsWith(".json")) stages.push(rest.slice(0, -".json".length));
    }
    return stages;
  }
}

/** 12 hex digits of the revision, to tell two backups of the same millisecond apart. */
function revisionTag(revision: string): string {
  const hex = revision.replace(/[^0-9a-f]/gi, "").toLowerCase();
  return (hex + "000000000000").slice(0, 12);
}

function gone(what: string): StatewardError {
  return new StatewardError("VERSION_GONE", t("backends.sst.gone", { what }), {
    hint: t("backends.version.goneHint"),
  });
}
