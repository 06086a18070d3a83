/**
 * `lock status` and `lock release`: who holds a stage's lock and whether their update finished;
 * breaking a stale lock the way the backend's own tool does, with an audit record.
 */
import { appendAudit, findAudit, listAudit, type AuditRecord } from "../backends/audit.js";
import { inspectAbandoned, type AbandonedWrite } from "../backends/abandoned-locks.js";
import {
  DEFAULT_LOCK_AGE_MS,
  lockView,
  readLockStatus,
  type LockStatus,
  type LockView,
} from "../backends/lock-read.js";
import { testPause } from "../backends/test-pause.js";
import type { OpenStage } from "../backends/resolve.js";
import type { CurrentState, StoredLock, Writer } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { age as ageText, isoTime } from "../report/time.js";

export { DEFAULT_LOCK_AGE_MS, type LockStatus, type LockView } from "../backends/lock-read.js";

/** Who holds the stage's lock and whether their update finished. */
export function lockStatus(
  open: OpenStage,
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<LockStatus> {
  return readLockStatus(open, options);
}

export interface ReleaseOptions {
  force?: boolean;
  /** A lock younger than this is refused without `force` (default 15 minutes). */
  olderThanMs?: number;
  /** Check and report what would be released; write and delete nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  now?: Date;
}

export interface ReleaseResult {
  backend: string;
  released: LockView[];
  /** Records written as the backend's own tool writes them (SST's failed-update record). */
  wrote: string[];
  audit?: string;
  /** A dry run: `released` lists what would be released; nothing was written. */
  dryRun?: boolean;
  /** Locks of interrupted stateward writes among them: what their writes left, and records completed. */
  recovered?: AbandonedWrite[];
}

export async function releaseLock(open: OpenStage, options: ReleaseOptions = {}): Promise<ReleaseResult> {
  const signal = options.signal ?? open.signal;
  const now = options.now ?? new Date();
  const olderThan = options.olderThanMs ?? DEFAULT_LOCK_AGE_MS;
  const locks = await open.backend.readLocks(signal);
  const result: ReleaseResult = { backend: open.backend.label, released: [], wrote: [] };
  if (locks.length === 0) return result;
  const views = await Promise.all(locks.map((l) => lockView(open, l, now, signal)));
  if (options.force !== true) refuseFreshLock(open, views, olderThan);
  if (options.dryRun === true) return { ...result, released: views, dryRun: true };
  const writer = await open.writer("lock release"); // i18n-exempt: the audit action's name
  const state = await open.backend.readState(signal).catch(() => undefined);
  if (signal?.aborted === true) {
    throw new StatewardError(
      "INTERRUPTED",
      t("actions.lock.interrupted-before", { backend: open.backend.label }),
      { hint: t("actions.lock.interrupted-before-hint") },
    );
  }

  // From here on the release is finished even when interrupted: the record comes first, and each step
  // can be repeated by a rerun after a kill without doing anything twice.
  for (const [i, lock] of locks.entries()) {
    const why = views[i]!.abandoned;
    if (why === undefined) continue;
    // A write that landed under the lock of a stateward process that is gone gets its record now.
    (result.recovered ??= []).push(await inspectAbandoned(open.backend, lock, why, writer));
  }
  await testPause("release:audit", signal); // i18n-exempt: a test pause point's name
  result.audit = await recordRelease(open, writer, { locks, views, state, now, options, result });
  await testPause("release:break", signal); // i18n-exempt: a test pause point's name
  for (const [i, lock] of locks.entries()) {
    const { wrote } = await open.backend.breakLock(lock, writer);
    result.wrote.push(...wrote);
    result.released.push(views[i]!);
  }
  await testPause("release:done", signal); // i18n-exempt: a test pause point's name
  if (interrupted(signal)) {
    const released = items(result.released.map((v) => v.location));
    const audit = result.audit ?? "";
    throw new StatewardError(
      "INTERRUPTED",
      result.wrote.length === 0
        ? t("actions.lock.interrupted-after", { backend: open.backend.label, released, audit })
        : t("actions.lock.interrupted-after-wrote", {
            backend: open.backend.label,
            released,
            wrote: items(result.wrote),
            audit,
          }),
      { hint: t("actions.lock.interrupted-after-hint") },
    );
  }
  return result;
}

/** A lock younger than `olderThan` may still have a deploy running under it: it is left in place. */
function refuseFreshLock(open: OpenStage, views: LockView[], olderThan: number): void {
  // A lock left by a stateward write whose process is gone is not fresh: nothing runs under it.
  const fresh = views.find(
    (v) => v.abandoned === undefined && (v.ageSeconds === undefined || v.ageSeconds * 1000 < olderThan),
  );
  if (fresh === undefined) return;
  const age =
    fresh.ageSeconds === undefined
      ? t("actions.lock.age-unknown")
      : t("actions.lock.age", { age: ageText(fresh.ageSeconds) });
  const command = fresh.command === undefined ? "" : ` (${fresh.command})`;
  throw new StatewardError(
    "LOCK_TOO_FRESH",
    t("actions.lock.too-fresh", { backend: open.backend.label, age, command }),
    { hint: t("actions.lock.too-fresh-hint", { limit: ageText(Math.round(olderThan / 1000)) }) },
  );
}

/**
 * The audit record of releasing these locks: the one a killed run already wrote for the same locks,
 * else a new one. The record comes before any lock is broken.
 */
async function recordRelease(
  open: OpenStage,
  writer: Writer,
  release: {
    locks: StoredLock[];
    views: LockView[];
    state: CurrentState | undefined;
    now: Date;
    options: ReleaseOptions;
    result: ReleaseResult;
  },
): Promise<string> {
  const { locks, views, state, options, result } = release;
  const side =
    state === undefined
      ? {}
      : {
          revision: state.revision,
          ...(state.versionId === undefined ? {} : { versionId: state.versionId }),
          resources: state.doc.deployment?.resources?.length ?? 0,
        };
  const revisions = locks.map((l) => l.revision);
  const recorded = await findAudit(
    open.backend,
    (r) => {
      const known = (r.detail as { lockRevisions?: unknown } | undefined)?.lockRevisions;
      // i18n-exempt: the audit action's name
      return r.action === "lock release" && Array.isArray(known) && revisions.every((x) => known.includes(x));
    },
    oldestLock(locks, release.now),
  );
  return (
    recorded?.location ??
    (
      await appendAudit(open.backend, writer, {
        summary: releaseSummary(locks.length, describe(views[0]!), options.force === true),
        before: side,
        after: side,
        detail: {
          locks: views,
          lockRevisions: revisions,
          forced: options.force === true,
          ...(result.recovered === undefined ? {} : { interrupted: result.recovered }),
        },
      })
    ).location
  );
}

/** How far back the record of releasing these locks can be: a minute before the oldest was taken. */
function oldestLock(locks: StoredLock[], now: Date): { since?: Date; limit: number } {
  const times = locks.map((l) => l.created?.getTime());
  if (times.some((t) => t === undefined)) return { limit: 200 };
  return { since: new Date(Math.min(now.getTime(), ...(times as number[])) - 60_000), limit: 200 };
}

/** A function, not a narrowed property: the signal can fire at any await. */
function interrupted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** The audit record's one sentence: "released the lock held by … (forced)". */
function releaseSummary(count: number, held: string, forced: boolean): string {
  if (count === 1)
    return forced ? t("actions.lock.summary.one-forced", { held }) : t("actions.lock.summary.one", { held });
  return forced
    ? t("actions.lock.summary.other-forced", { count, held })
    : t("actions.lock.summary.other", { count, held });
}

function describe(lock: LockView): string {
  const parts = [
    lock.holder === undefined ? undefined : t("actions.lock.by", { holder: lock.holder }),
    lock.command === undefined ? undefined : t("actions.lock.for", { command: lock.command }),
    lock.created === undefined ? undefined : t("actions.lock.since", { time: isoTime(lock.created) }),
    lock.updateId === undefined ? undefined : t("actions.lock.update", { id: lock.updateId }),
  ];
  return parts.filter((p) => p !== undefined).join(" ") || t("actions.lock.by-unknown");
}

/** Parses `--older-than`: `15m`, `2h`, `90s`, `1d`, or a number of minutes. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/.exec(text.trim());
  if (m === null) {
    throw new StatewardError("USAGE", t("actions.lock.bad-duration", { text }), {
      hint: t("actions.lock.bad-duration-hint"),
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
