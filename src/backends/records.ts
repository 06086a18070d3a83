/**
 * Reading the small JSON records beside the state — SST locks and update records, Pulumi DIY locks
 * and history — loosely: a field that is missing or of the wrong type is left out, never fatal.
 */
import { gunzipSync } from "node:zlib";
import { t } from "../i18n/index.js";
import { updateIdTime } from "../state/sst.js";
import { isGzip } from "./encoding.js";
import type { StoredLock, UpdateInfo } from "./types.js";

/** The largest record read (decompressed): locks and update records are a few hundred bytes. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * The bytes of a record as JSON text: SST with `state: { compress: true }` gzips every object it
 * writes, and reads by sniffing `1f 8b`; so does stateward.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return isGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: MAX_RECORD_BYTES }) : bytes;
}

export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(plainBytes(bytes)).toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Copies the fields whose value is defined (records leave out what they do not say). */
function assignDefined<T extends object>(target: T, fields: Partial<T>): T {
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

function str(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

function date(value: unknown): Date | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return new Date(value * 1000);
  if (typeof value !== "string" || value === "") return undefined;
  const d = new Date(value);
  // Go writes the zero time as 0001-01-01T00:00:00Z: that means "not set".
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1 ? undefined : d;
}

function errorsOf(value: unknown): UpdateInfo["errors"] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e: unknown) => {
    if (typeof e !== "object" || e === null) return [];
    const o = e as Record<string, unknown>;
    const message = str(o, "message") ?? str(o, "Message");
    if (message === undefined) return [];
    const urn = str(o, "urn") ?? str(o, "URN");
    return [urn === undefined ? { message } : { urn, message }];
  });
}

/** An SST update record (`update/<app>/<stage>/<id>.json`). */
export function parseSstUpdate(id: string, bytes: Uint8Array): UpdateInfo | undefined {
  const o = parseJsonObject(bytes);
  if (o === undefined) return undefined;
  const info: UpdateInfo = {
    id: str(o, "id") ?? id,
    outcome: "unfinished",
    errors: errorsOf(o.errors),
  };
  const completed = date(o.timeCompleted);
  assignDefined(info, {
    command: str(o, "command"),
    runId: str(o, "runID"),
    version: str(o, "version"),
    timeStarted: date(o.timeStarted),
  });
  if (info.timeStarted === undefined) {
    // `sst unlock` blanks the start; the id still carries the time the lock was taken.
    const fromId = updateIdTime(info.id) ?? updateIdTime(id);
    if (fromId !== undefined) {
      info.timeStarted = fromId;
      info.timeStartedFrom = "id";
    }
  }
  for (const e of info.errors) {
    const by = /force unlocked with the `([^`]+)` command\.?$/.exec(e.message)?.[1];
    if (by !== undefined) info.forceUnlocked = by;
  }
  if (completed !== undefined) {
    info.timeCompleted = completed;
    info.outcome = info.errors.length > 0 ? "failed" : "finished";
  } else if (info.errors.length > 0) {
    info.outcome = "failed";
  }
  return info;
}

/** A Pulumi DIY `<stack>-<unixnano>.history.json` (backend.UpdateInfo). */
export function parseDiyHistory(id: string, bytes: Uint8Array): UpdateInfo | undefined {
  const o = parseJsonObject(bytes);
  if (o === undefined) return undefined;
  const result = str(o, "result");
  const info: UpdateInfo = {
    id,
    outcome: result === "succeeded" ? "finished" : result === "failed" ? "failed" : "unfinished",
    errors: result === "failed" ? [{ message: str(o, "message") ?? t("backends.records.updateFailed") }] : [],
  };
  return assignDefined(info, {
    command: str(o, "kind"),
    timeStarted: date(o.startTime),
    timeCompleted: date(o.endTime),
  });
}

/** SST's lock (`lock/<app>/<stage>.json`), or stateward's own lock in the same format. */
export function parseSstLock(key: string, location: string, revision: string, bytes: Uint8Array): StoredLock {
  const raw = parseJsonObject(bytes) ?? {};
  const lock: StoredLock = assignDefined<StoredLock>(
    { key, location, revision, raw },
    {
      created: date(raw.created),
      command: str(raw, "command"),
      updateId: str(raw, "updateID"),
      runId: str(raw, "runID"),
    },
  );
  if (isGzip(bytes)) lock.encoding = "gzip";
  const sw = raw.stateward;
  if (typeof sw === "object" && sw !== null) {
    const s = sw as Record<string, unknown>;
    lock.stateward = {
      action: str(s, "action") ?? "write",
      who: str(s, "who") ?? "unknown",
      pid: typeof s.pid === "number" ? s.pid : 0,
      host: str(s, "host") ?? "unknown",
    };
    lock.holder = t("backends.records.holder", {
      who: lock.stateward.who,
      pid: lock.stateward.pid,
      host: lock.stateward.host,
    });
  }
  return lock;
}

/** A Pulumi DIY lock file (`{pid, username, hostname, timestamp}`). */
export function parseDiyLock(key: string, location: string, revision: string, bytes: Uint8Array): StoredLock {
  const raw = parseJsonObject(bytes) ?? {};
  const lock: StoredLock = assignDefined<StoredLock>(
    { key, location, revision, raw },
    { created: date(raw.timestamp) },
  );
  const user = str(raw, "username");
  const host = str(raw, "hostname");
  const pid = typeof raw.pid === "number" ? raw.pid : undefined;
  if (user !== undefined || host !== undefined) {
    lock.holder = `${user ?? "?"}@${host ?? "?"}${pid === undefined ? "" : ` (pid ${pid})`}`;
  }
  const sw = raw.stateward;
  if (typeof sw === "object" && sw !== null) {
    const s = sw as Record<string, unknown>;
    lock.stateward = {
      action: str(s, "action") ?? "write",
      who: str(s, "who") ?? lock.holder ?? "unknown",
      pid: pid ?? 0,
      host: host ?? "unknown",
    };
    lock.command = `stateward ${lock.stateward.action}`;
  }
  return lock;
}
