/**
 * `lock status` and `lock release`: who holds a stage's lock and whether their update finished;
 * breaking a stale lock the way the backend's own tool does, with an audit record.
 */
import { appendAudit, listAudit, type AuditRecord } from "../backends/audit.js";
import type { OpenStage } from "../backends/resolve.js";
import type { StoredLock, UpdateInfo } from "../backends/types.js";
import { ExitCode, StatewardError } from "../errors.js";

export interface LockView {
  location: string;
  holder?: string;
  created?: string;
  ageSeconds?: number;
  command?: string;
  updateId?: string;
  runId?: string;
  byStateward: boolean;
  /** What the lock's update record says; `missing` when the lock names an update with no record. */
  update?: {
    outcome: UpdateInfo["outcome"] | "missing";
    timeStarted?: string;
    timeCompleted?: string;
    errors: UpdateInfo["errors"];
  };
}

export interface LockStatus {
  backend: string;
  app: string;
  stage: string;
  locked: boolean;
  locks: LockView[];
}

async function view(open: OpenStage, lock: StoredLock, now: Date, signal?: AbortSignal): Promise<LockView> {
  const v: LockView = { location: lock.location, byStateward: lock.stateward !== undefined };
  if (lock.holder !== undefined) v.holder = lock.holder;
  if (lock.created !== undefined) {
    v.created = lock.created.toISOString();
    v.ageSeconds = Math.max(0, Math.round((now.getTime() - lock.created.getTime()) / 1000));
  }
  if (lock.command !== undefined) v.command = lock.command;
  if (lock.updateId !== undefined) v.updateId = lock.updateId;
  if (lock.runId !== undefined) v.runId = lock.runId;
  if (lock.updateId !== undefined && lock.stateward === undefined) {
    const update = await open.backend.updateOf(lock, signal);
    if (update === undefined) v.update = { outcome: "missing", errors: [] };
    else {
      v.update = { outcome: update.outcome, errors: update.errors };
      if (update.timeStarted !== undefined) v.update.timeStarted = update.timeStarted.toISOString();
      if (update.timeCompleted !== undefined) v.update.timeCompleted = update.timeCompleted.toISOString();
    }
  }
  return v;
}

export async function lockStatus(
  open: OpenStage,
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<LockStatus> {
  options = { ...options, signal: options.signal ?? open.signal };
  const now = options.now ?? new Date();
  const locks = await open.backend.readLocks(options.signal);
  return {
    backend: open.backend.label,
    app: open.backend.app,
    stage: open.backend.stage,
    locked: locks.length > 0,
    locks: await Promise.all(locks.map((l) => view(open, l, now, options.signal))),
  };
}

export interface ReleaseOptions {
  force?: boolean;
  /** A lock younger than this is refused without `force` (default 15 minutes). */
  olderThanMs?: number;
  signal?: AbortSignal;
  now?: Date;
}

export interface ReleaseResult {
  backend: string;
  released: LockView[];
  /** Records written as the backend's own tool writes them (SST's failed-update record). */
  wrote: string[];
  audit?: string;
}

export const DEFAULT_LOCK_AGE_MS = 15 * 60 * 1000;

export async function releaseLock(open: OpenStage, options: ReleaseOptions = {}): Promise<ReleaseResult> {
  options = { ...options, signal: options.signal ?? open.signal };
  const now = options.now ?? new Date();
  const olderThan = options.olderThanMs ?? DEFAULT_LOCK_AGE_MS;
  const locks = await open.backend.readLocks(options.signal);
  const result: ReleaseResult = { backend: open.backend.label, released: [], wrote: [] };
  if (locks.length === 0) return result;
  const views = await Promise.all(locks.map((l) => view(open, l, now, options.signal)));
  if (options.force !== true) {
    const fresh = views.find((v) => v.ageSeconds === undefined || v.ageSeconds * 1000 < olderThan);
    if (fresh !== undefined) {
      const age = fresh.ageSeconds === undefined ? "of unknown age" : `${formatAge(fresh.ageSeconds)} old`;
      throw new StatewardError(
        "LOCK_TOO_FRESH",
        `The lock of ${open.backend.label} is ${age}${fresh.command === undefined ? "" : ` (${fresh.command})`}: a deploy may still be running, so it was left in place.`,
        {
          hint: `Check that nothing is deploying this stage, then pass --force (or --older-than with a shorter age; now ${formatAge(Math.round(olderThan / 1000))}).`,
          exitCode: ExitCode.error,
        },
      );
    }
  }
  const writer = await open.writer("lock release");
  const state = await open.backend.readState(options.signal).catch(() => undefined);
  for (const [i, lock] of locks.entries()) {
    const { wrote } = await open.backend.breakLock(lock, writer, options.signal);
    result.wrote.push(...wrote);
    result.released.push(views[i]!);
  }
  const side =
    state === undefined
      ? {}
      : {
          revision: state.revision,
          ...(state.versionId === undefined ? {} : { versionId: state.versionId }),
          resources: state.doc.deployment?.resources?.length ?? 0,
        };
  const audit = await appendAudit(
    open.backend,
    writer,
    {
      summary: `released ${result.released.length === 1 ? "the lock" : `${result.released.length} locks`} held ${describe(result.released[0]!)}${options.force === true ? " (forced)" : ""}`,
      before: side,
      after: side,
      detail: { locks: result.released, wrote: result.wrote, forced: options.force === true },
    },
    options.signal,
  );
  result.audit = audit.location;
  return result;
}

function describe(lock: LockView): string {
  const parts = [
    lock.holder === undefined ? undefined : `by ${lock.holder}`,
    lock.command === undefined ? undefined : `for ${lock.command}`,
    lock.created === undefined ? undefined : `since ${lock.created}`,
    lock.updateId === undefined ? undefined : `(update ${lock.updateId})`,
  ];
  return parts.filter((p) => p !== undefined).join(" ") || "by an unknown process";
}

export function formatAge(seconds: number): string {
  if (seconds < 90) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 6) / 10;
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** Parses `--older-than`: `15m`, `2h`, `90s`, `1d`, or a number of minutes. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/.exec(text.trim());
  if (m === null) {
    throw new StatewardError("USAGE", `--older-than "${text}" is not a duration.`, {
      hint: "Use a number with s, m, h or d, e.g. 15m or 2h.",
      exitCode: ExitCode.usage,
    });
  }
  const n = Number(m[1]);
  const unit = m[2] ?? "m";
  const factor = unit === "s" ? 1000 : unit === "h" ? 3_600_000 : unit === "d" ? 86_400_000 : 60_000;
  return n * factor;
}

export interface AuditList {
  backend: string;
  app: string;
  stage: string;
  records: AuditRecord[];
  unreadable: string[];
}

export async function auditLog(open: OpenStage, options: { signal?: AbortSignal } = {}): Promise<AuditList> {
  const { records, unreadable } = await listAudit(open.backend, options.signal ?? open.signal);
  return {
    backend: open.backend.label,
    app: open.backend.app,
    stage: open.backend.stage,
    records,
    unreadable,
  };
}
