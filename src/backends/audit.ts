/**
 * Audit records: one small JSON object per change stateward made, kept beside the state
 * (`stateward/<app>/<stage>/audit/` in the SST bucket, `.pulumi/stateward/<project>/<stack>/audit/` for DIY). Keys
 * are SST-style descending ids, so a plain listing is newest first.
 */
import { makeUpdateId, updateIdTime } from "../state/sst.js";
import { mapLimit } from "../util/map-limit.js";
import { parseJsonObject } from "./records.js";
import { isConditionFailed } from "./store.js";
import type { StageBackend, Writer } from "./types.js";

export interface AuditSide {
  revision?: string;
  versionId?: string;
  resources?: number;
}

/** What doctor found in the stage before or after a deploy guard ran. */
export interface DeployFindings {
  /**
   * checked: doctor ran; no-state: the stage had no state to check; failed: doctor did not finish;
   * skipped: not checked (`guard --no-recheck`, for the check after the deploy).
   */
  status: "checked" | "no-state" | "failed" | "skipped";
  blockers?: number;
  warnings?: number;
  /** The rule ids of the blockers and warnings, each once. */
  rules?: string[];
  /** Parts of the scan that did not finish. */
  incomplete?: number;
  /** Why doctor did not finish (status failed). */
  error?: string;
}

/** A deploy command `stateward guard` ran, as its audit record keeps it. */
export interface DeployRecord {
  command: string[];
  started: string;
  ended: string;
  exitCode: number;
  /** `git rev-parse HEAD` where guard ran, when that is a git repository. */
  commit?: string;
  before: DeployFindings;
  after: DeployFindings;
  /** Whether a `--notify` alert was posted (absent when none was asked for or needed). */
  notified?: boolean;
}

export interface AuditRecord {
  id: string;
  time: string;
  who: string;
  tool: string;
  action: string;
  app: string;
  stage: string;
  backend: string;
  /** One sentence: what changed. */
  summary: string;
  /** Resource-level detail (URNs and what happened to each), when the state changed. */
  changes?: { added: string[]; removed: string[]; changed: string[] };
  before?: AuditSide;
  after?: AuditSide;
  /** Where the replaced bytes were kept. */
  backup?: string;
  detail?: Record<string, unknown>;
  /** For a deploy run by `stateward guard` (action `guard`): what ran and what doctor saw around it. */
  deploy?: DeployRecord;
  /**
   * Set when the writer was stopped (killed) after its state write landed and before it recorded it:
   * a later stateward run found its lock, saw the state holds its write, and wrote this record for it.
   */
  completedBy?: { who: string; tool: string; time: string; reason: string };
  /**
   * For a state write: the SHA-256 of the stored bytes it replaced and wrote, and the key of its backup,
   * so that a later run can tell whether the state still holds this write.
   */
  bytes?: { before?: string; after: string; backupKey?: string };
}

/** What the caller says about a change; the rest of the record is filled in here. */
export interface AuditInput {
  summary: string;
  changes?: AuditRecord["changes"];
  before?: AuditSide;
  after?: AuditSide;
  backup?: string;
  /** Further detail for this kind of change (the version restored, the lock released, …). */
  detail?: Record<string, unknown>;
  deploy?: DeployRecord;
}

/** A new audit record id: SST-style, descending with time, so a plain listing is newest first. */
export function newAuditId(time: Date = new Date()): string {
  return makeUpdateId(time);
}

export function auditKey(backend: StageBackend, id: string): string {
  return `${backend.auditPrefix}${id}.json`;
}

export interface AppendOptions {
  /** The record's id, when it was decided beforehand (a safe write names it in its lock). */
  id?: string;
  completedBy?: AuditRecord["completedBy"];
  bytes?: AuditRecord["bytes"];
}

/**
 * Writes one audit record (create-only: an id is never written twice). With a fixed id that already
 * exists, the existing record stands and its location is returned.
 */
export async function appendAudit(
  backend: StageBackend,
  writer: Writer,
  input: AuditInput,
  signal?: AbortSignal,
  options: AppendOptions = {},
): Promise<{ record: AuditRecord; location: string }> {
  const now = new Date();
  const id = options.id ?? newAuditId(now);
  const record: AuditRecord = {
    id,
    time: now.toISOString(),
    who: writer.who,
    tool: writer.tool,
    action: writer.action,
    app: backend.app,
    stage: backend.stage,
    backend: backend.label,
    ...input,
    ...(options.completedBy === undefined ? {} : { completedBy: options.completedBy }),
    ...(options.bytes === undefined ? {} : { bytes: options.bytes }),
  };

  const key = auditKey(backend, id);
  try {
    await backend.store.put(key, Buffer.from(JSON.stringify(record, null, 2) + "\n"), {
      condition: { ifAbsent: true },
      signal,
    });
  } catch (e) {
    // Only a fixed id can already exist: the record was written before (by the writer itself, or by
    // another run completing it at the same moment). That record stands.
    if (options.id === undefined || !isConditionFailed(e)) throw e;
  }
  return { record, location: backend.store.locate(key) };
}

/** What a stateward lock says about the write it guards, so that a later run can finish its record. */
export interface PendingWrite {
  /** The id of the audit record this write leaves (decided before anything is written). */
  audit: string;
  summary: string;
  changes?: AuditRecord["changes"];
  detail?: Record<string, unknown>;
  /** The state it read (absent when the stage had none), and the SHA-256 of its stored bytes. */
  before?: AuditSide & { sha256: string };
  /** The SHA-256 of the bytes it writes, as stored. */
  after: { sha256: string; resources: number };
  /** The key it keeps the replaced bytes under. */
  backup?: string;
}

/** Reads the `write` a stateward lock carries; undefined when it carries none (or not in this shape). */
export function parsePendingWrite(value: unknown): PendingWrite | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const after = o.after as Record<string, unknown> | undefined;
  if (typeof o.audit !== "string" || !/^[0-9a-f]{24}$/.test(o.audit) || typeof o.summary !== "string")
    return undefined;
  if (typeof after !== "object" || after === null || typeof after.sha256 !== "string") return undefined;
  const pending: PendingWrite = {
    audit: o.audit,
    summary: o.summary,
    after: { sha256: after.sha256, resources: typeof after.resources === "number" ? after.resources : 0 },
  };
  const before = o.before as Record<string, unknown> | undefined;
  if (typeof before === "object" && before !== null && typeof before.sha256 === "string") {
    pending.before = { ...(before as AuditSide), sha256: before.sha256 };
  }
  if (typeof o.backup === "string") pending.backup = o.backup;
  if (typeof o.changes === "object" && o.changes !== null)
    pending.changes = o.changes as AuditRecord["changes"];
  if (typeof o.detail === "object" && o.detail !== null) pending.detail = o.detail as Record<string, unknown>;
  return pending;
}

/** Every audit record of the stage, newest first; unreadable records are skipped and counted. */
export async function listAudit(
  backend: StageBackend,
  signal?: AbortSignal,
): Promise<{ records: AuditRecord[]; unreadable: string[] }> {
  const keys: string[] = [];
  for await (const o of backend.store.list(backend.auditPrefix, signal)) {
    if (o.key.endsWith(".json")) keys.push(o.key);
  }
  const read = await mapLimit(keys, 16, async (key) => {
    const object = await backend.store.get(key, signal);
    const o = object === undefined ? undefined : parseJsonObject(object.bytes);
    return {
      key,
      record: o !== undefined && typeof o.id === "string" ? (o as unknown as AuditRecord) : undefined,
    };
  });
  const records = read.flatMap((r) => (r.record === undefined ? [] : [r.record]));
  records.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  return {
    records,
    unreadable: read.filter((r) => r.record === undefined).map((r) => backend.store.locate(r.key)),
  };
}

/** The newest audit record's id and author, reading one key (ids sort newest first). */
export async function newestAudit(
  backend: StageBackend,
  signal?: AbortSignal,
): Promise<{ id: string; who: string; action: string; time: string } | undefined> {
  for await (const o of backend.store.list(backend.auditPrefix, signal)) {
    const object = await backend.store.get(o.key, signal);
    const r = object === undefined ? undefined : parseJsonObject(object.bytes);
    if (r === undefined || typeof r.id !== "string") return undefined;
    return { id: r.id, who: String(r.who), action: String(r.action), time: String(r.time) };
  }
  return undefined;
}

/** The `bytes` an audit record of a pending write carries. */
export function bytesOf(pending: PendingWrite): NonNullable<AuditRecord["bytes"]> {
  return {
    ...(pending.before === undefined ? {} : { before: pending.before.sha256 }),
    after: pending.after.sha256,
    ...(pending.backup === undefined ? {} : { backupKey: pending.backup }),
  };
}

/** A writer taking a lock for a safe write: the lock carries what the write is (see PendingWrite). */
export interface LockingWriter extends Writer {
  pending?: PendingWrite;
}

/**
 * The newest audit record of the stage that `match` accepts, reading newest first and stopping at
 * records older than `since` (record ids carry their time) or after `limit` records.
 */
export async function findAudit(
  backend: StageBackend,
  match: (record: AuditRecord) => boolean,
  options: { since?: Date; limit?: number; signal?: AbortSignal } = {},
): Promise<{ record: AuditRecord; location: string } | undefined> {
  let seen = 0;
  for await (const o of backend.store.list(backend.auditPrefix, options.signal)) {
    if (!o.key.endsWith(".json")) continue;
    const id = o.key.slice(o.key.lastIndexOf("/") + 1, -".json".length);
    const time = updateIdTime(id);
    if (options.since !== undefined && time !== undefined && time < options.since) return undefined;
    if (options.limit !== undefined && seen++ >= options.limit) return undefined;
    const object = await backend.store.get(o.key, options.signal);
    const r = object === undefined ? undefined : parseJsonObject(object.bytes);
    if (r !== undefined && typeof r.id === "string" && match(r as unknown as AuditRecord)) {
      return { record: r as unknown as AuditRecord, location: backend.store.locate(o.key) };
    }
  }
  return undefined;
}
