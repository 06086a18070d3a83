/**
 * Audit records: one small JSON object per change stateward made, kept beside the state
 * (`stateward/audit/<app>/<stage>/` in the SST bucket, `.pulumi/stateward/audit/…` for DIY). Keys
 * are SST-style descending ids, so a plain listing is newest first.
 */
import { randomBytes } from "node:crypto";
import { makeUpdateId } from "../state/sst.js";
import { mapLimit } from "../util/map-limit.js";
import { parseJsonObject } from "./records.js";
import type { StageBackend, Writer } from "./types.js";

export interface AuditSide {
  revision?: string;
  versionId?: string;
  resources?: number;
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
}

export async function appendAudit(
  backend: StageBackend,
  writer: Writer,
  input: AuditInput,
  signal?: AbortSignal,
): Promise<{ record: AuditRecord; location: string }> {
  const now = new Date();
  const id = makeUpdateId(now, randomBytes(4).toString("hex"));
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
  };

  const key = `${backend.auditPrefix}${id}.json`;
  await backend.store.put(key, Buffer.from(JSON.stringify(record, null, 2) + "\n"), {
    condition: { ifAbsent: true },
    signal,
  });
  return { record, location: backend.store.locate(key) };
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
