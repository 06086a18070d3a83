/**
 * A Pulumi DIY ("self-managed") backend, `file://<dir>` or `s3://<bucket>[/<prefix>]` (FORMATS.md §3):
 * `.pulumi/stacks/<project>/<stack>.json[.gz]` with its `.bak`, `history/`, `backups/` and `locks/`.
 * Backends created before project-scoped stacks (no `meta.yaml` version 1) keep `stacks/<stack>.json`.
 * Locking follows Pulumi: write our own lock file, then check that no other lock file exists.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { gunzipSync, gzipSync } from "node:zlib";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
import { isGzip, parseState } from "./encoding.js";
import { collect } from "../util/map-limit.js";
import { newestAudit, type LockingWriter } from "./audit.js";
import { parseDiyHistory, parseDiyLock } from "./records.js";
import { lockedError } from "./write-errors.js";
import type { BlobStore, ObjectInfo } from "./store.js";
import type { CurrentState, RawVersion, StageBackend, StoredLock, UpdateInfo, Writer } from "./types.js";

const ROOT = ".pulumi";

export interface DiyLayout {
  /** Project-scoped (`stacks/<project>/<stack>`) or the legacy flat layout (`stacks/<stack>`). */
  projectScoped: boolean;
}

/** Whether the backend uses project-scoped stacks, from `.pulumi/meta.yaml` (and what is there). */
export async function detectDiyLayout(store: BlobStore, signal?: AbortSignal): Promise<DiyLayout> {
  const meta = await store.get(`${ROOT}/meta.yaml`, signal);
  if (meta !== undefined) {
    const version = /^version:\s*(\d+)/m.exec(Buffer.from(meta.bytes).toString("utf8"));
    return { projectScoped: version !== null && Number(version[1]) >= 1 };
  }
  // No meta.yaml: a legacy backend if it holds flat stack files, else a new (project-scoped) one.
  for await (const o of store.list(`${ROOT}/stacks/`, signal)) {
    const rest = o.key.slice(`${ROOT}/stacks/`.length);
    if (!rest.includes("/") && stackFileName(rest) !== undefined) return { projectScoped: false };
  }
  return { projectScoped: true };
}

function stackFileName(key: string): string | undefined {
  const name = key.slice(key.lastIndexOf("/") + 1);
  const m = /^(.+)\.(?:json|yaml)(\.gz|\.zst)?$/.exec(name);
  return m === null ? undefined : m[1];
}

const plainBytes = (bytes: Uint8Array) => (isGzip(bytes) ? gunzipSync(bytes) : bytes);

export class PulumiDiyBackend implements StageBackend {
  readonly kind = "diy" as const;
  readonly label: string;
  readonly statewardPrefix: string;
  readonly auditPrefix: string;
  private readonly base: string;
  private stackKey: string;

  private constructor(
    readonly store: BlobStore,
    readonly app: string,
    readonly stage: string,
    readonly layout: DiyLayout,
    stackKey: string,
  ) {
    this.base = layout.projectScoped ? `${app}/${stage}` : stage;
    this.stackKey = stackKey;
    this.statewardPrefix = `${ROOT}/stateward/${this.base}/`;
    this.auditPrefix = `${this.statewardPrefix}audit/`;
    this.label = layout.projectScoped
      ? t("backends.label.diy-project", { url: store.url, project: app, stack: stage })
      : t("backends.label.diy", { url: store.url, stack: stage });
  }

  get stateKey(): string {
    return this.stackKey;
  }

  static async open(
    store: BlobStore,
    project: string,
    stack: string,
    signal?: AbortSignal,
  ): Promise<PulumiDiyBackend> {
    const layout = await detectDiyLayout(store, signal);
    const dir = layout.projectScoped ? `${ROOT}/stacks/${project}/` : `${ROOT}/stacks/`;
    // Pulumi reads `<stack>.json` or `<stack>.json.gz`; with both there, the newer one.
    const plainKey = `${dir}${stack}.json`;
    const [plain, gz, zst] = await Promise.all([
      store.get(plainKey, signal),
      store.get(`${plainKey}.gz`, signal),
      store.get(`${plainKey}.zst`, signal),
    ]);
    let stackKey = plainKey;
    if (gz !== undefined && (plain === undefined || (gz.lastModified ?? 0) > (plain.lastModified ?? 0))) {
      stackKey = `${plainKey}.gz`;
    } else if (plain === undefined && gz === undefined && zst !== undefined) {
      throw new StatewardError(
        "UNSUPPORTED_COMPRESSION",
        t("backends.diy.zstd", { location: store.locate(`${plainKey}.zst`) }),
        {
          hint: t("backends.diy.zstdHint"),
        },
      );
    }
    return new PulumiDiyBackend(store, project, stack, layout, stackKey);
  }

  backupKey(time: Date, revision: string): string {
    // Pulumi's own backup naming, so `pulumi` users find it where they look.
    const nanos =
      BigInt(time.getTime()) * 1_000_000n +
      BigInt(parseInt(revision.replace(/[^0-9a-f]/gi, "").slice(0, 5) || "0", 16) % 1_000_000);
    return `${ROOT}/backups/${this.base}/${this.stage}.${nanos}.json${this.stackKey.endsWith(".gz") ? ".gz" : ""}`;
  }

  contentEncoding(): string | undefined {
    return undefined;
  }

  /** Pulumi decides compression by the file name, so the bytes must match the stack file's suffix. */
  storedBytes(bytes: Uint8Array): Uint8Array {
    const wantGzip = this.stackKey.endsWith(".gz");
    if (wantGzip === isGzip(bytes)) return bytes;
    return wantGzip ? gzipSync(bytes) : gunzipSync(bytes);
  }

  async readState(signal?: AbortSignal): Promise<CurrentState | undefined> {
    const object = await this.store.get(this.stackKey, signal);
    if (object === undefined) return undefined;
    const location = this.store.locate(this.stackKey);
    return { ...object, location, doc: parseState(object.bytes, location) };
  }

  async listHistory(signal?: AbortSignal): Promise<RawVersion[]> {
    const historyPrefix = `${ROOT}/history/${this.base}/`;
    const backupPrefix = `${ROOT}/backups/${this.base}/`;
    const [history, backups, current, bak] = await Promise.all([
      collect(this.store.list(historyPrefix, signal)),
      collect(this.store.list(backupPrefix, signal)),
      this.store.get(this.stackKey, signal),
      this.readBak(signal),
    ]);
    const out: RawVersion[] = [];
    if (current !== undefined) {
      out.push(
        this.version(
          "current",
          "current",
          current.lastModified ?? new Date(0),
          {
            key: this.stackKey,
            size: current.bytes.length,
            lastModified: current.lastModified ?? new Date(0),
          },
          true,
        ),
      );
    }
    if (bak !== undefined) {
      const key = bak.key;
      out.push(
        this.version(
          "diy-bak",
          "bak",
          bak.lastModified ?? new Date(0),
          { key, size: bak.bytes.length, lastModified: bak.lastModified ?? new Date(0) },
          false,
        ),
      );
    }
    const infos = new Map(
      history.filter((o) => /\.history\.json(\.gz)?$/.test(o.key)).map((o) => [o.key, o]),
    );
    for (const o of history) {
      const m = /-(\d+)\.checkpoint\.json(\.gz)?$/.exec(o.key);
      if (m === null) continue;
      const entry = this.version("diy-history", m[1]!, nanosToDate(m[1]!) ?? o.lastModified, o, false);
      // With compression on, Pulumi gzips the history record too (`.history.json.gz`).
      const infoKey = o.key.replace(/\.checkpoint\.json(\.gz)?$/, ".history.json$1");
      if (infos.has(infoKey)) {
        const info = await this.store.get(infoKey, signal);
        const update = info === undefined ? undefined : parseDiyHistory(m[1]!, plainBytes(info.bytes));
        if (update !== undefined) {
          entry.update = update;
          entry.time = update.timeCompleted ?? entry.time;
        }
      }
      out.push(entry);
    }
    for (const o of backups) {
      const m = /\.(\d+)\.json(\.gz)?$/.exec(o.key);
      if (m === null) continue;
      out.push(this.version("diy-backup", `backup-${m[1]}`, nanosToDate(m[1]!) ?? o.lastModified, o, false));
    }
    return out;
  }

  /** Pulumi names the backup after the full file name (`dev.json.gz.bak`); older ones `dev.json.bak`. */
  private async readBak(signal?: AbortSignal) {
    const full = await this.store.get(`${this.stackKey}.bak`, signal);
    if (full !== undefined || !this.stackKey.endsWith(".gz")) return full;
    return this.store.get(`${this.stackKey.slice(0, -".gz".length)}.bak`, signal);
  }

  private version(
    source: RawVersion["source"],
    name: string,
    time: Date,
    o: ObjectInfo,
    isCurrent: boolean,
  ): RawVersion {
    return {
      source,
      name,
      time,
      size: o.size,
      location: this.store.locate(o.key),
      isCurrent,
      load: async (signal) => {
        const object = await this.store.get(o.key, signal);
        if (object === undefined) {
          throw new StatewardError(
            "VERSION_GONE",
            t("backends.version.gone", { location: this.store.locate(o.key) }),
            {
              hint: t("backends.version.goneHint"),
            },
          );
        }
        return object.bytes;
      },
    };
  }

  private lockDir(): string {
    return this.layout.projectScoped
      ? `${ROOT}/locks/organization/${this.app}/${this.stage}/`
      : `${ROOT}/locks/${this.stage}/`;
  }

  async readLocks(signal?: AbortSignal): Promise<StoredLock[]> {
    const locks: StoredLock[] = [];
    // Pulumi counts every file in the stack's lock directory as a lock.
    for await (const o of this.store.list(this.lockDir(), signal)) {
      const object = await this.store.get(o.key, signal);
      if (object === undefined) continue;
      locks.push(parseDiyLock(o.key, this.store.locate(o.key), object.revision, object.bytes));
    }
    return locks;
  }

  async acquireLock(writer: LockingWriter, signal?: AbortSignal): Promise<StoredLock> {
    const key = `${this.lockDir()}${randomUUID()}.json`;
    const body = {
      pid: writer.pid,
      username: safeUsername(),
      hostname: writer.host,
      timestamp: new Date().toISOString(),
      stateward: {
        action: writer.action,
        who: writer.who,
        tool: writer.tool,
        ...(writer.pending === undefined ? {} : { write: writer.pending }),
      },
    };
    const bytes = Buffer.from(JSON.stringify(body));
    const put = await this.store.put(key, bytes, { condition: { ifAbsent: true }, signal });
    const ours = parseDiyLock(key, this.store.locate(key), put.revision, bytes);
    const others = (await this.readLocks(signal)).filter((l) => l.key !== key);
    if (others.length > 0) {
      await this.store.delete(key, { signal });
      throw lockedError(this.label, others[0]);
    }
    return ours;
  }

  async releaseLock(lock: StoredLock, signal?: AbortSignal): Promise<void> {
    await this.store.delete(lock.key, { ifRevision: lock.revision, signal });
  }

  /** Pulumi DIY locks name no update. */
  updateOf(): Promise<UpdateInfo | undefined> {
    return Promise.resolve(undefined);
  }

  async breakLock(lock: StoredLock, _writer: Writer, signal?: AbortSignal): Promise<{ wrote: string[] }> {
    await this.store.delete(lock.key, { ifRevision: lock.revision, signal });
    return { wrote: [] };
  }

  async lastWriter(signal?: AbortSignal): Promise<string | undefined> {
    const audit = await newestAudit(this, signal);
    return audit === undefined
      ? undefined
      : t("backends.writer.stateward", { action: audit.action, who: audit.who, time: isoTime(audit.time) });
  }

  forStage(stage: string): Promise<StageBackend> {
    return PulumiDiyBackend.open(this.store, this.app, stage);
  }

  async listStages(signal?: AbortSignal): Promise<string[]> {
    const dir = this.layout.projectScoped ? `${ROOT}/stacks/${this.app}/` : `${ROOT}/stacks/`;
    const names = new Set<string>();
    for await (const o of this.store.list(dir, signal)) {
      if (o.key.slice(dir.length).includes("/")) continue;
      const name = stackFileName(o.key);
      if (name !== undefined) names.add(name);
    }
    return [...names].sort();
  }
}

function nanosToDate(nanos: string): Date | undefined {
  const ms = Number(BigInt(nanos) / 1_000_000n);
  return Number.isSafeInteger(ms) && ms > 0 ? new Date(ms) : undefined;
}

function safeUsername(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}
