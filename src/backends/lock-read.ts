/**
 * Reading a stage's locks: who holds each, since when, for what, whether its update finished, and
 * whether it is a stateward write's lock whose process is gone. Facts and the lock actions both read it.
 */
import { abandonment } from "./abandoned-locks.js";
import type { OpenStage } from "./resolve.js";
import type { StoredLock, UpdateInfo } from "./types.js";

/** A lock younger than this may still have a deploy running under it. */
export const DEFAULT_LOCK_AGE_MS = 15 * 60 * 1000;

export interface LockView {
  location: string;
  holder?: string;
  created?: string;
  ageSeconds?: number;
  command?: string;
  updateId?: string;
  runId?: string;
  byStateward: boolean;
  /** Set for a lock of a stateward write whose process is gone: why it is taken for abandoned. */
  abandoned?: string;
  /** What the lock's update record says; `missing` when the lock names an update with no record. */
  update?: {
    outcome: UpdateInfo["outcome"] | "missing";
    timeStarted?: string;
    /** `id` when the record leaves the start blank and the time is the one in the update id. */
    timeStartedFrom?: "id";
    timeCompleted?: string;
    /** The command that force-unlocked the update, as its record says (`sst unlock`). */
    forceUnlocked?: string;
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

/** One lock as people read it: holder, age, command, and what its update record says. */
export async function lockView(
  open: OpenStage,
  lock: StoredLock,
  now: Date,
  signal?: AbortSignal,
): Promise<LockView> {
  const v: LockView = { location: lock.location, byStateward: lock.stateward !== undefined };
  const abandoned = abandonment(lock, now);
  if (abandoned !== undefined) v.abandoned = abandoned;
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
      if (update.timeStartedFrom !== undefined) v.update.timeStartedFrom = update.timeStartedFrom;
      if (update.timeCompleted !== undefined) v.update.timeCompleted = update.timeCompleted.toISOString();
      if (update.forceUnlocked !== undefined) v.update.forceUnlocked = update.forceUnlocked;
    }
  }
  return v;
}

/** Who holds the stage's lock (every lock, when several are held) and whether their update finished. */
export async function readLockStatus(
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
    locks: await Promise.all(locks.map((l) => lockView(open, l, now, options.signal))),
  };
}
