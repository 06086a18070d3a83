/**
 * Locks left by a stateward write whose process is gone (killed): which locks count as abandoned, what
 * the state says about the write each describes, completing the audit record of one that landed, and
 * taking the lock over.
 */
import os from "node:os";
import { t } from "../i18n/index.js";
import { agoSeconds } from "../report/time.js";
import { appendAudit, auditKey, bytesOf, parsePendingWrite, type PendingWrite } from "./audit.js";
import { sha256Hex } from "./file.js";
import { isConditionFailed } from "./store.js";
import type { StageBackend, StoredLock, Writer } from "./types.js";

/** A stateward lock from another host is taken for abandoned once it is older than this. */
export const REMOTE_LOCK_STALE_MS = 15 * 60 * 1000;

function processGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Why a lock counts as abandoned: it was written by a stateward write whose process is no longer
 * running on this host, or (from another host, where that cannot be checked) it is older than
 * REMOTE_LOCK_STALE_MS — a stateward write takes seconds. Undefined for any other lock.
 */
export function abandonment(lock: StoredLock, now: Date = new Date()): string | undefined {
  const sw = lock.stateward;
  if (sw === undefined) return undefined;
  if (sw.host === os.hostname()) {
    return processGone(sw.pid)
      ? t("backends.abandoned.processGone", { pid: sw.pid, host: sw.host })
      : undefined;
  }
  if (lock.created === undefined) return undefined;
  const age = now.getTime() - lock.created.getTime();
  if (age < REMOTE_LOCK_STALE_MS) return undefined;
  return t("backends.abandoned.otherHost", { host: sw.host, ago: agoSeconds(age / 1000) });
}

/** What a lock left by a stateward write says, checked against the state as it is now. */
export interface AbandonedWrite {
  lock: { location: string; created?: string };
  action: string;
  who: string;
  pid: number;
  host: string;
  /** Why stateward took the lock for abandoned. */
  why: string;
  /**
   * landed: the state holds what it was writing; not-landed: the state is what it had read; changed:
   * neither (someone else wrote since); unknown: the lock does not say what it was writing.
   */
  outcome: "landed" | "not-landed" | "changed" | "unknown";
  /** The write the lock describes. */
  pending?: PendingWrite;
  /** For a landed write: its audit record, as found or as completed now. */
  audit?: { location: string; completedNow: boolean };
  /** For a landed write: where the bytes it replaced are kept (when that copy exists). */
  backup?: string;
  /** The state now. */
  state?: { location: string; revision: string; versionId?: string };
  /** The lock was removed (taken over). */
  released: boolean;
}

/** One paragraph for people: what was found and what was done about it. */
export function describeAbandoned(a: AbandonedWrite): string {
  const command = `\`stateward ${a.action}\``;
  const head =
    a.lock.created === undefined
      ? t("backends.abandoned.found", { command, who: a.who, lock: a.lock.location, why: a.why })
      : t("backends.abandoned.foundTaken", {
          command,
          who: a.who,
          lock: a.lock.location,
          created: a.lock.created,
          why: a.why,
        });
  const audit =
    a.audit === undefined
      ? t("backends.abandoned.auditMissing")
      : a.audit.completedNow
        ? t("backends.abandoned.auditWritten", { audit: a.audit.location })
        : t("backends.abandoned.auditThere", { audit: a.audit.location });
  const outcome =
    a.outcome === "landed"
      ? t("backends.abandoned.landed", {
          state: a.state?.location ?? t("backends.abandoned.theState"),
          backup: a.backup === undefined ? "" : t("backends.write.replacedKept", { backup: a.backup }),
          audit,
        })
      : a.outcome === "not-landed"
        ? t("backends.abandoned.notLanded")
        : a.outcome === "changed"
          ? t("backends.abandoned.changed")
          : t("backends.abandoned.unknown");
  return `${head}${outcome}${a.released ? t("backends.abandoned.takenOver") : ""}`;
}

/** The writer a lock names, to sign the record completed for it. */
function lockWriter(lock: StoredLock): Writer {
  const sw = lock.stateward!;
  const raw = lock.raw.stateward as Record<string, unknown> | undefined;
  return {
    who: sw.who,
    action: sw.action,
    pid: sw.pid,
    host: sw.host,
    tool: typeof raw?.tool === "string" ? raw.tool : "stateward",
  };
}

async function exists(backend: StageBackend, key: string, signal?: AbortSignal): Promise<boolean> {
  for await (const o of backend.store.list(key, signal)) if (o.key === key) return true;
  return false;
}

/**
 * Checks an abandoned stateward lock against the state: when its write landed, the audit record is
 * completed if missing (under the id the lock names, so never twice). Removes nothing.
 */
export async function inspectAbandoned(
  backend: StageBackend,
  lock: StoredLock,
  why: string,
  by: Writer,
  signal?: AbortSignal,
): Promise<AbandonedWrite> {
  const sw = lock.stateward!;
  const raw = lock.raw.stateward as Record<string, unknown> | undefined;
  const pending = parsePendingWrite(raw?.write);
  const found: AbandonedWrite = {
    lock: {
      location: lock.location,
      ...(lock.created === undefined ? {} : { created: lock.created.toISOString() }),
    },
    action: sw.action,
    who: sw.who,
    pid: sw.pid,
    host: sw.host,
    why,
    outcome: "unknown",
    released: false,
  };
  if (pending !== undefined) found.pending = pending;
  const current = await backend.store.get(backend.stateKey, signal);
  if (current !== undefined) {
    found.state = {
      location: backend.store.locate(backend.stateKey),
      revision: current.revision,
      ...(current.versionId === undefined ? {} : { versionId: current.versionId }),
    };
  }
  if (pending === undefined) return found;
  const sha = current === undefined ? undefined : sha256Hex(current.bytes);
  found.outcome =
    sha === pending.after.sha256 ? "landed" : sha === pending.before?.sha256 ? "not-landed" : "changed";
  if (found.outcome !== "landed") return found;

  const key = auditKey(backend, pending.audit);
  if (pending.backup !== undefined && (await exists(backend, pending.backup, signal))) {
    found.backup = backend.store.locate(pending.backup);
  }
  if (await exists(backend, key, signal)) {
    found.audit = { location: backend.store.locate(key), completedNow: false };
    return found;
  }
  const { sha256: _before, ...before } = pending.before ?? { sha256: "" };
  const written = await appendAudit(
    backend,
    lockWriter(lock),
    {
      summary: pending.summary,
      ...(pending.changes === undefined ? {} : { changes: pending.changes }),
      ...(pending.detail === undefined ? {} : { detail: pending.detail }),
      before: pending.before === undefined ? {} : before,
      after: {
        revision: current!.revision,
        ...(current!.versionId === undefined ? {} : { versionId: current!.versionId }),
        resources: pending.after.resources,
      },
      ...(found.backup === undefined ? {} : { backup: found.backup }),
    },
    undefined,
    {
      id: pending.audit,
      completedBy: { who: by.who, tool: by.tool, time: new Date().toISOString(), reason: why },
      bytes: bytesOf(pending),
    },
  );
  found.audit = { location: written.location, completedNow: true };
  return found;
}

export interface SettledLocks {
  /** Abandoned stateward locks: checked, their records completed, and removed. */
  abandoned: AbandonedWrite[];
  /** Locks someone may still be working under: left alone. */
  live: StoredLock[];
}

/**
 * Settles the locks left by stateward writes whose process is gone (see `abandonment`): completes the
 * record of a write that landed and removes the lock. Any other lock is returned as live, untouched.
 */
export async function settleAbandonedLocks(
  backend: StageBackend,
  by: Writer,
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<SettledLocks> {
  const settled: SettledLocks = { abandoned: [], live: [] };
  for (const lock of await backend.readLocks(options.signal)) {
    const why = abandonment(lock, options.now);
    if (why === undefined) {
      settled.live.push(lock);
      continue;
    }
    // Once started, a settlement is finished: each of its writes can be repeated safely anyway.
    const found = await inspectAbandoned(backend, lock, why, by);
    try {
      await backend.releaseLock(lock);
      found.released = true;
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      // Replaced since it was read: someone else is there now.
      const [now] = await backend.readLocks(options.signal);
      if (now !== undefined) settled.live.push(now);
    }
    settled.abandoned.push(found);
  }
  return settled;
}
