/**
 * The safe-write protocol (ARCHITECTURE.md) for a stage backend: lock check → conditional lock
 * create → backup of the exact bytes read → conditional write on the revision read → read back and
 * verify → audit record → unlock. A lost race aborts, names what changed, and writes nothing else.
 *
 * Interruption: Ctrl-C (the abort signal) stops a write only before its state write starts. Once the
 * state write is sent it may land whatever the client does, so it is finished: read back, audit record,
 * unlock — and only then is the interruption reported, naming what landed. A process killed outright
 * leaves its lock, which says what it was writing (`stateward.write`); the next stateward run sees that
 * the process is gone, checks whether the state holds that write, completes its audit record if so, and
 * takes the lock over.
 */
import os from "node:os";
import { StatewardError } from "../errors.js";
import { verifyIntegrity } from "../state/index.js";
import { parseState } from "./encoding.js";
import {
  appendAudit,
  auditKey,
  bytesOf,
  newAuditId,
  parsePendingWrite,
  type AuditInput,
  type LockingWriter,
  type PendingWrite,
} from "./audit.js";
import { sha256Hex } from "./file.js";
import type { OpenStage } from "./resolve.js";
import { lockedError } from "./sst-home.js";
import { isConditionFailed, type PutResult } from "./store.js";
import type { CurrentState, StageBackend, StoredLock, Writer } from "./types.js";

export type WriteStep = "recover" | "lock" | "backup" | "write" | "read-back" | "audit" | "unlock";

/** Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT), as shells report it. */
export const INTERRUPTED_EXIT = 130;

export interface SafeWriteInput {
  backend: StageBackend;
  /** What was read (its revision guards the write); undefined when the stage had no state. */
  read: CurrentState | undefined;
  /** The new state, as bytes to store. */
  next: Uint8Array;
  writer: Writer;
  audit: Pick<AuditInput, "summary" | "changes" | "detail">;
  /** Stops the write if it comes before the state write starts; after that the write is finished. */
  signal?: AbortSignal;
  /** Told before each step starts (the CLI shows it as progress). */
  onStep?: (step: WriteStep, detail: string) => void;
}

export interface SafeWriteResult {
  location: string;
  revision: string;
  versionId?: string;
  backup?: string;
  audit: string;
  /** Set when the lock could not be released as ours (someone broke it meanwhile). */
  unlockWarning?: string;
  /**
   * Set when nothing was written because the state already held exactly this change, written by an
   * interrupted run (killed before it could report): the audit record of that write.
   */
  alreadyInState?: string;
}

function countResources(bytes: Uint8Array, name: string): number {
  return parseState(bytes, name).deployment?.resources?.length ?? 0;
}

/** Refuses bytes that are not a writable checkpoint passing every integrity check. */
export function assertWritable(bytes: Uint8Array, name: string): void {
  const doc = parseState(bytes, name);
  if (!doc.writable) {
    throw new StatewardError(
      "READ_ONLY_STATE",
      `${name} cannot be written by this stateward: ${doc.warnings.join(" ")}`,
      {
        hint: "Upgrade stateward.",
      },
    );
  }
  const violations = verifyIntegrity(doc.deployment);
  if (violations.length > 0) {
    throw new StatewardError(
      "INTEGRITY",
      `Refusing to write ${name}: it fails ${violations.length} integrity check${violations.length === 1 ? "" : "s"} (first: ${violations[0]!.message}).`,
      { hint: "Repair it first (`stateward state repair`); nothing was written." },
    );
  }
}

/* Test hook ------------------------------------------------------------------------------------- */

/**
 * For the reliability tests only, inert unless STATEWARD_TEST_PAUSE_AT names `point` (a write step,
 * `done`, or a `release:*` step of `lock release`): says so on stderr and sleeps there
 * (STATEWARD_TEST_PAUSE_MS, default 60 s, cut short by the abort signal), so that a test can kill the
 * process at exactly that point.
 */
export async function testPause(point: string, signal?: AbortSignal): Promise<void> {
  const at = process.env.STATEWARD_TEST_PAUSE_AT;
  if (at === undefined || at === "" || !at.split(",").includes(point)) return;
  process.stderr.write(`stateward-test: paused at ${point}\n`);
  if (signal?.aborted === true) return;
  const ms = Number(process.env.STATEWARD_TEST_PAUSE_MS ?? "60000");
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Number.isFinite(ms) ? ms : 60_000);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/* Locks left by a stateward process that is gone ------------------------------------------------- */

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
    return processGone(sw.pid) ? `its process (pid ${sw.pid} on ${sw.host}) is no longer running` : undefined;
  }
  if (lock.created === undefined) return undefined;
  const age = now.getTime() - lock.created.getTime();
  if (age < REMOTE_LOCK_STALE_MS) return undefined;
  return `it was taken on another host (${sw.host}) ${Math.round(age / 60_000)} minutes ago, and a stateward write takes seconds`;
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
  const head = `found the lock of an interrupted \`stateward ${a.action}\` by ${a.who} (${a.lock.location}${a.lock.created === undefined ? "" : `, taken ${a.lock.created}`}): ${a.why}.`;
  const outcome =
    a.outcome === "landed"
      ? ` Its state write had landed: ${a.state?.location ?? "the state"} holds what it was writing${a.backup === undefined ? "" : ` (the state it replaced is kept at ${a.backup})`}; ${a.audit === undefined ? "its audit record is missing" : a.audit.completedNow ? `its audit record was missing and is now written (${a.audit.location})` : `its audit record is there (${a.audit.location})`}.`
      : a.outcome === "not-landed"
        ? " Its state write had not landed: the state is still what it had read."
        : a.outcome === "changed"
          ? " The state is neither what it had read nor what it was writing: it was changed since by someone else, so no record is written for it."
          : " The lock does not say what it was writing (an older stateward), so it could not be checked.";
  return `${head}${outcome}${a.released ? " Its lock was taken over." : ""}`;
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

/* Replaying a write that an interrupted run already made --------------------------------------- */

/** A state write that is in the state now, as the lock it left describes it. */
export interface LandedWrite {
  action: string;
  pending: PendingWrite;
  state: { location: string; revision: string; versionId?: string };
  audit: { location: string };
  backup?: string;
}

/** The landed write an abandoned lock described, once its record is there. */
export function landedWrite(a: AbandonedWrite): LandedWrite | undefined {
  if (a.outcome !== "landed" || a.pending === undefined || a.audit === undefined || a.state === undefined)
    return undefined;
  return {
    action: a.action,
    pending: a.pending,
    state: a.state,
    audit: { location: a.audit.location },
    ...(a.backup === undefined ? {} : { backup: a.backup }),
  };
}

const replays = new WeakMap<StageBackend, LandedWrite>();

/**
 * The backend as that write saw it: `readState` returns the state it had read (from its backup), and a
 * safe write of exactly the change it made returns what it wrote instead of writing again. A rerun of
 * the same command, whose change is already in the state, can so end as that command did. Undefined
 * when the state it read cannot be had (no backup).
 */
export function replayBackend(backend: StageBackend, write: LandedWrite): StageBackend | undefined {
  const pending = write.pending;
  if (pending.before !== undefined && pending.backup === undefined) return undefined;
  const view = Object.create(backend) as StageBackend;
  const readState = async (signal?: AbortSignal): Promise<CurrentState | undefined> => {
    if (pending.before === undefined) return undefined;
    const object = await backend.store.get(pending.backup!, signal);
    if (object === undefined || sha256Hex(object.bytes) !== pending.before.sha256) {
      throw new StatewardError(
        "VERSION_GONE",
        `${backend.store.locate(pending.backup!)} (the state the interrupted ${write.action} replaced) is gone or changed.`,
        { hint: "Run `stateward history list`." },
      );
    }
    const location = backend.store.locate(backend.stateKey);
    return {
      key: backend.stateKey,
      location,
      bytes: object.bytes,
      revision: pending.before.revision ?? "",
      ...(pending.before.versionId === undefined ? {} : { versionId: pending.before.versionId }),
      doc: parseState(object.bytes, location),
    };
  };
  Object.defineProperty(view, "readState", { value: readState });
  replays.set(view, write);
  return view;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function replayed(
  write: LandedWrite,
  input: SafeWriteInput,
  step: (step: WriteStep, detail: string) => void,
): SafeWriteResult {
  const pending = write.pending;
  const location = write.state.location;
  const same =
    write.action === input.writer.action &&
    pending.summary === input.audit.summary &&
    sameJson(pending.changes, input.audit.changes) &&
    sameJson(pending.detail, input.audit.detail) &&
    input.read?.revision === pending.before?.revision;
  if (!same) {
    throw new StatewardError(
      "CONFLICT",
      `${location} changed after stateward read it: the interrupted \`stateward ${write.action}\` had written it; nothing was written.`,
      {
        hint: "Look at the state now (`stateward state show`), then run the command again if it is still needed.",
      },
    );
  }
  step(
    "recover",
    `this change is already in the state (written by the interrupted ${write.action}, audit ${write.audit.location}); nothing more to write`,
  );
  const result: SafeWriteResult = {
    location,
    revision: write.state.revision,
    audit: write.audit.location,
    alreadyInState: write.audit.location,
  };
  if (write.state.versionId !== undefined) result.versionId = write.state.versionId;
  if (write.backup !== undefined) result.backup = write.backup;
  return result;
}

/* The write ------------------------------------------------------------------------------------- */

function interruptedBefore(
  input: SafeWriteInput,
  what: { backup?: string; maybeBackup?: string; lock: "not-taken" | "released" | { problem: string } },
): StatewardError {
  const { backend, writer } = input;
  const location = backend.store.locate(backend.stateKey);
  const lock =
    what.lock === "not-taken"
      ? "no lock was left"
      : what.lock === "released"
        ? "the lock it had taken was released"
        : `its lock could not be released (${what.lock.problem}); \`stateward lock release\` removes it`;
  return new StatewardError(
    "INTERRUPTED",
    `The ${writer.action} of ${backend.label} was interrupted before the state was written: ${location} is unchanged${what.backup !== undefined ? ` (a copy of it was kept at ${what.backup})` : what.maybeBackup !== undefined ? ` (a copy of it may have been kept at ${what.maybeBackup})` : ""}; ${lock}.`,
    { hint: "Nothing needs undoing; run the command again to make the change.", exitCode: INTERRUPTED_EXIT },
  );
}

function interruptedAfter(input: SafeWriteInput, result: SafeWriteResult): StatewardError {
  const { backend, writer } = input;
  return new StatewardError(
    "INTERRUPTED",
    `The ${writer.action} of ${backend.label} was interrupted after its state write had started, so the write was finished: ${result.location} holds the new state${result.versionId === undefined ? "" : ` (version ${result.versionId})`}${result.backup === undefined ? "" : `, the state it replaced is kept at ${result.backup}`}, the audit record is ${result.audit}, and ${result.unlockWarning ?? "the lock was released"}.`,
    {
      hint: "Nothing needs redoing: the change is complete and recorded (`stateward audit` shows it).",
      exitCode: INTERRUPTED_EXIT,
    },
  );
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

export async function safeWrite(input: SafeWriteInput): Promise<SafeWriteResult> {
  const { backend, read, writer, signal } = input;
  const step = input.onStep ?? (() => undefined);
  const next = backend.storedBytes(input.next);
  assertWritable(next, "the new state");
  const replay = replays.get(backend);
  if (replay !== undefined) return replayed(replay, input, step);
  const stateLocation = backend.store.locate(backend.stateKey);
  // A function, not a narrowed property: the signal can fire at any await.
  const aborted = () => signal?.aborted === true;
  if (aborted()) throw interruptedBefore(input, { lock: "not-taken" });

  // A live lock refuses the write; one left by a stateward process that is gone is settled and taken over.
  const settled = await settleAbandonedLocks(backend, writer, signal === undefined ? {} : { signal });
  for (const a of settled.abandoned) step("recover", describeAbandoned(a));
  if (settled.live.length > 0) throw lockedError(backend.label, settled.live[0]);

  // Everything a later run needs to finish this write's record if this process dies, in the lock.
  const started = new Date();
  const pending: PendingWrite = {
    audit: newAuditId(started),
    summary: input.audit.summary,
    ...(input.audit.changes === undefined ? {} : { changes: input.audit.changes }),
    ...(input.audit.detail === undefined ? {} : { detail: input.audit.detail }),
    after: { sha256: sha256Hex(next), resources: countResources(next, "the new state") },
  };
  if (read !== undefined) {
    pending.before = {
      revision: read.revision,
      ...(read.versionId === undefined ? {} : { versionId: read.versionId }),
      resources: read.doc.deployment?.resources?.length ?? 0,
      sha256: sha256Hex(read.bytes),
    };
    pending.backup = backend.backupKey(started, read.revision);
  }

  step("lock", `taking the lock of ${backend.label}`);
  await testPause("lock", signal);
  if (aborted()) throw interruptedBefore(input, { lock: "not-taken" });
  let lock: StoredLock;
  try {
    const locking: LockingWriter = { ...writer, pending };
    lock = await backend.acquireLock(locking, signal);
  } catch (e) {
    if (signal?.aborted !== true) throw e;
    // The lock may have been created although the request was given up on: remove it if it is ours.
    const left = await dropOwnLock(backend, pending);
    throw interruptedBefore(input, { lock: left === undefined ? "not-taken" : { problem: left } });
  }
  const unlock = async (): Promise<string | undefined> => {
    try {
      await backend.releaseLock(lock);
      return undefined;
    } catch (e) {
      return isConditionFailed(e)
        ? `the lock ${lock.location} was replaced by someone else meanwhile; it was left alone`
        : `the lock ${lock.location} could not be removed (${(e as Error).message}); remove it with \`stateward lock release\``;
    }
  };

  // Until the state write starts, an interruption (or failure) leaves the state as it was.
  let backup: string | undefined;
  let backupSent = false;
  try {
    if (read !== undefined) {
      step("backup", `keeping the current bytes at ${backend.store.locate(pending.backup!)}`);
      await testPause("backup", signal);
      if (aborted()) throw signal!.reason;
      backupSent = true;
      await backend.store.put(pending.backup!, read.bytes, {
        condition: { ifAbsent: true },
        contentEncoding: backend.contentEncoding(read.bytes),
        ...(signal === undefined ? {} : { signal }),
      });
      backup = backend.store.locate(pending.backup!);
    }
    step("write", `writing ${stateLocation}`);
    await testPause("write", signal);
    if (aborted()) throw signal!.reason;
  } catch (e) {
    const warning = await unlock();
    if (aborted()) {
      throw interruptedBefore(input, {
        ...(backup !== undefined
          ? { backup }
          : backupSent
            ? { maybeBackup: backend.store.locate(pending.backup!) }
            : {}),
        lock: warning === undefined ? "released" : { problem: warning },
      });
    }
    throw e;
  }

  // The state write is not given the signal: a request that was sent may land even if it is given up
  // on, and then it must be recorded. From here on every step is finished, interrupted or not.
  let put: PutResult;
  try {
    put = await backend.store.put(backend.stateKey, next, {
      condition: read === undefined ? { ifAbsent: true } : { ifRevision: read.revision },
      contentEncoding: backend.contentEncoding(next),
    });
  } catch (e) {
    // A retried request whose first attempt landed answers 412, and a timeout says nothing: look.
    const now = await backend.store.get(backend.stateKey).then(
      (o) => ({ object: o }),
      (err: unknown) => ({ error: err as Error }),
    );
    if ("object" in now && now.object !== undefined && equalBytes(now.object.bytes, next)) {
      put = {
        revision: now.object.revision,
        ...(now.object.versionId === undefined ? {} : { versionId: now.object.versionId }),
      };
    } else if ("error" in now) {
      throw new StatewardError(
        "WRITE_UNCERTAIN",
        `Writing ${stateLocation} failed (${(e as Error).message}), and reading it back failed too (${now.error.message}): stateward cannot tell whether the new state landed. The lock ${lock.location} is left in place: the next stateward write on this stage (or \`stateward lock release\`) checks the state, records the write if it landed, and removes the lock.`,
        { hint: "Check the connection, then run the command again.", cause: e },
      );
    } else {
      const warning = await unlock();
      if (isConditionFailed(e)) throw await conflictError(backend, read);
      if (warning !== undefined && e instanceof StatewardError) {
        throw new StatewardError(e.code, `${e.message} The state was not changed; ${warning}.`, {
          ...(e.hint === undefined ? {} : { hint: e.hint }),
          exitCode: e.exitCode,
          cause: e,
        });
      }
      throw e;
    }
  }

  step("read-back", "reading the state back");
  await testPause("read-back", signal);
  let readBackProblem: string | undefined;
  try {
    const back = await backend.store.get(backend.stateKey);
    if (back === undefined || !equalBytes(back.bytes, next)) {
      readBackProblem = "it does not read back as written: another writer changed it right after stateward";
    } else {
      assertWritable(back.bytes, stateLocation);
    }
  } catch (e) {
    readBackProblem = `reading it back failed (${(e as Error).message}), so it was not verified`;
  }

  // The write landed: it is recorded before the lock goes, whatever happens meanwhile.
  step("audit", "recording the change");
  await testPause("audit", signal);
  let audit: { location: string };
  try {
    audit = await appendAudit(
      backend,
      writer,
      {
        summary: input.audit.summary,
        ...(input.audit.changes === undefined ? {} : { changes: input.audit.changes }),
        ...(input.audit.detail === undefined ? {} : { detail: input.audit.detail }),
        before:
          pending.before === undefined
            ? {}
            : {
                revision: pending.before.revision!,
                ...(pending.before.versionId === undefined ? {} : { versionId: pending.before.versionId }),
                resources: pending.before.resources ?? 0,
              },
        after: {
          revision: put.revision,
          ...(put.versionId === undefined ? {} : { versionId: put.versionId }),
          resources: pending.after.resources,
        },
        ...(backup === undefined ? {} : { backup }),
      },
      undefined,
      { id: pending.audit, bytes: bytesOf(pending) },
    );
  } catch (e) {
    throw new StatewardError(
      "AUDIT_NOT_WRITTEN",
      `${stateLocation} was written${backup === undefined ? "" : ` (the state it replaced is kept at ${backup})`}, but its audit record could not be written (${(e as Error).message}). The lock ${lock.location} is left in place, naming the write: the next stateward write on this stage (or \`stateward lock release\`) writes the record and removes the lock.`,
      { hint: "Check the connection, then run `stateward lock release`.", cause: e },
    );
  }

  step("unlock", "releasing the lock");
  await testPause("unlock", signal);
  const unlockWarning = await unlock();
  await testPause("done", signal);
  const result: SafeWriteResult = { location: stateLocation, revision: put.revision, audit: audit.location };
  if (put.versionId !== undefined) result.versionId = put.versionId;
  if (backup !== undefined) result.backup = backup;
  if (unlockWarning !== undefined) result.unlockWarning = unlockWarning;

  if (readBackProblem !== undefined) {
    throw new StatewardError(
      "READ_BACK",
      `${stateLocation} was written and recorded (audit ${audit.location}), but ${readBackProblem}.`,
      {
        hint:
          backup === undefined
            ? "Check `stateward history list`."
            : `The state stateward replaced is kept at ${backup}.`,
      },
    );
  }
  if (aborted()) throw interruptedAfter(input, result);
  return result;
}

/** Removes the lock this write created, if it exists; says why not when it cannot. */
async function dropOwnLock(backend: StageBackend, pending: PendingWrite): Promise<string | undefined> {
  try {
    for (const lock of await backend.readLocks()) {
      const raw = lock.raw.stateward as Record<string, unknown> | undefined;
      if (parsePendingWrite(raw?.write)?.audit === pending.audit) await backend.releaseLock(lock);
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Names who changed the state between the read and the write, as far as the records tell. */
async function conflictError(
  backend: StageBackend,
  read: CurrentState | undefined,
  signal?: AbortSignal,
): Promise<StatewardError> {
  const location = backend.store.locate(backend.stateKey);
  const now = await backend.store.get(backend.stateKey, signal).catch(() => undefined);
  const when = now?.lastModified === undefined ? "" : ` at ${now.lastModified.toISOString()}`;
  const by = await backend.lastWriter(signal).catch(() => undefined);
  const what =
    read === undefined
      ? `${location} was created by someone else${when} after stateward found none`
      : `${location} was changed${when} after stateward read it`;
  return new StatewardError(
    "CONFLICT",
    `${what}${by === undefined ? "" : ` (latest writer: ${by})`}; nothing was written.`,
    {
      hint: "Look at the new state (`stateward history list`), then run the command again if it is still needed.",
    },
  );
}

export interface StageWriteOptions {
  signal?: AbortSignal;
  onStep?: (step: WriteStep, detail: string) => void;
}

/** The safe write of an opened stage, as `action`, by the credentials' owner (or the local user). */
export async function writeStage(
  open: OpenStage,
  read: CurrentState | undefined,
  next: Uint8Array,
  action: string,
  audit: SafeWriteInput["audit"],
  options: StageWriteOptions = {},
): Promise<SafeWriteResult> {
  const signal = options.signal ?? open.signal;
  return safeWrite({
    backend: open.backend,
    read,
    next,
    writer: await open.writer(action),
    audit,
    ...(signal === undefined ? {} : { signal }),
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
  });
}
