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
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { describeAbandoned, settleAbandonedLocks } from "./abandoned-locks.js";
import {
  appendAudit,
  bytesOf,
  newAuditId,
  type AuditInput,
  type LockingWriter,
  type PendingWrite,
} from "./audit.js";
import { sha256Hex } from "./file.js";
import { assertWritable, countResources } from "./writable.js";
import { replayed, replayOf } from "./replay.js";
import type { OpenStage } from "./resolve.js";
import { isConditionFailed, type PutResult } from "./store.js";
import { dropOwnLock, releaseOwnLock } from "./own-lock.js";
import { testPause } from "./test-pause.js";
import {
  conflictError,
  interruptedAfter,
  interruptedBefore,
  lockedError,
  readBackError,
} from "./write-errors.js";
import type { CurrentState, StageBackend, StoredLock, Writer } from "./types.js";

export type WriteStep = "recover" | "lock" | "backup" | "write" | "read-back" | "audit" | "unlock";

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

/* The write ------------------------------------------------------------------------------------- */

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** One safe write under way: what every step reads. */
interface WriteRun {
  readonly input: SafeWriteInput;
  readonly backend: StageBackend;
  readonly signal: AbortSignal | undefined;
  readonly step: (step: WriteStep, detail: string) => void;
  /** The new state as the backend stores it. */
  readonly next: Uint8Array;
  readonly stateLocation: string;
  /** Whether the signal has fired: a function, not a narrowed property, as it can fire at any await. */
  readonly aborted: () => boolean;
}

/** Writes `input.next` as the stage's state: the steps below run in the protocol's order. */
export async function safeWrite(input: SafeWriteInput): Promise<SafeWriteResult> {
  const { backend, signal } = input;
  const step = input.onStep ?? (() => undefined);
  const next = backend.storedBytes(input.next);
  assertWritable(next, t("backends.write.newState"));
  const replay = replayOf(backend);
  if (replay !== undefined) return replayed(replay, input, step);
  const run: WriteRun = {
    input,
    backend,
    signal,
    step,
    next,
    stateLocation: backend.store.locate(backend.stateKey),
    aborted: () => signal?.aborted === true,
  };
  if (run.aborted()) throw interruptedBefore(input, { lock: "not-taken" });

  await refuseLiveLocks(run);
  const pending = pendingWrite(run, new Date());
  const lock = await takeLock(run, pending);
  const backup = await keepBackup(run, pending, lock);
  const put = await writeState(run, lock);
  const readBackProblem = await readBack(run);
  const audit = await recordAudit(run, pending, lock, put, backup);

  step("unlock", t("backends.write.step.unlock"));
  await testPause("unlock", signal);
  const unlockWarning = await releaseOwnLock(backend, lock);
  await testPause("done", signal);
  const result: SafeWriteResult = {
    location: run.stateLocation,
    revision: put.revision,
    audit: audit.location,
  };
  if (put.versionId !== undefined) result.versionId = put.versionId;
  if (backup !== undefined) result.backup = backup;
  if (unlockWarning !== undefined) result.unlockWarning = unlockWarning;
  if (readBackProblem !== undefined) throw readBackError(run.stateLocation, audit, backup, readBackProblem);
  if (run.aborted()) throw interruptedAfter(input, result);
  return result;
}

/** A live lock refuses the write; one left by a stateward process that is gone is settled and taken over. */
async function refuseLiveLocks(run: WriteRun): Promise<void> {
  const { backend, signal } = run;
  const settled = await settleAbandonedLocks(
    backend,
    run.input.writer,
    signal === undefined ? {} : { signal },
  );
  for (const a of settled.abandoned) run.step("recover", describeAbandoned(a));
  if (settled.live.length > 0) throw lockedError(backend.label, settled.live[0]);
}

/** Everything a later run needs to finish this write's record if this process dies, in the lock. */
function pendingWrite(run: WriteRun, started: Date): PendingWrite {
  const { input, next } = run;
  const read = input.read;
  const pending: PendingWrite = {
    audit: newAuditId(started),
    summary: input.audit.summary,
    ...(input.audit.changes === undefined ? {} : { changes: input.audit.changes }),
    ...(input.audit.detail === undefined ? {} : { detail: input.audit.detail }),
    after: { sha256: sha256Hex(next), resources: countResources(next, t("backends.write.newState")) },
  };
  if (read !== undefined) {
    pending.before = {
      revision: read.revision,
      ...(read.versionId === undefined ? {} : { versionId: read.versionId }),
      resources: read.doc.deployment?.resources?.length ?? 0,
      sha256: sha256Hex(read.bytes),
    };
    pending.backup = run.backend.backupKey(started, read.revision);
  }
  return pending;
}

/** The conditional lock create, carrying the pending write. */
async function takeLock(run: WriteRun, pending: PendingWrite): Promise<StoredLock> {
  const { input, backend, signal } = run;
  run.step("lock", t("backends.write.step.lock", { stage: backend.label }));
  await testPause("lock", signal);
  if (run.aborted()) throw interruptedBefore(input, { lock: "not-taken" });
  try {
    const locking: LockingWriter = { ...input.writer, pending };
    return await backend.acquireLock(locking, signal);
  } catch (e) {
    if (signal?.aborted !== true) throw e;
    // The lock may have been created although the request was given up on: remove it if it is ours.
    const left = await dropOwnLock(backend, pending);
    throw interruptedBefore(input, { lock: left === undefined ? "not-taken" : { problem: left } });
  }
}

/**
 * The backup of the exact bytes read (when there were any), up to the moment the state write starts.
 * Until then, an interruption (or failure) leaves the state as it was, and the lock is released.
 */
async function keepBackup(
  run: WriteRun,
  pending: PendingWrite,
  lock: StoredLock,
): Promise<string | undefined> {
  const { input, backend, signal } = run;
  const read = input.read;
  let backup: string | undefined;
  let backupSent = false;
  try {
    if (read !== undefined) {
      run.step(
        "backup",
        t("backends.write.step.backup", { location: backend.store.locate(pending.backup!) }),
      );
      await testPause("backup", signal);
      if (run.aborted()) throw signal!.reason;
      backupSent = true;
      await backend.store.put(pending.backup!, read.bytes, {
        condition: { ifAbsent: true },
        contentEncoding: backend.contentEncoding(read.bytes),
        ...(signal === undefined ? {} : { signal }),
      });
      backup = backend.store.locate(pending.backup!);
    }
    run.step("write", t("backends.write.step.write", { location: run.stateLocation }));
    await testPause("write", signal);
    if (run.aborted()) throw signal!.reason;
  } catch (e) {
    const warning = await releaseOwnLock(backend, lock);
    if (run.aborted()) {
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
  return backup;
}

/**
 * The conditional write on the revision read. It is not given the signal: a request that was sent may
 * land even if it is given up on, and then it must be recorded. From here on every step is finished,
 * interrupted or not.
 */
async function writeState(run: WriteRun, lock: StoredLock): Promise<PutResult> {
  const { backend, next } = run;
  const read = run.input.read;
  try {
    return await backend.store.put(backend.stateKey, next, {
      condition: read === undefined ? { ifAbsent: true } : { ifRevision: read.revision },
      contentEncoding: backend.contentEncoding(next),
    });
  } catch (e) {
    return await settleFailedWrite(run, lock, e);
  }
}

/**
 * After a failed state write: a retried request whose first attempt landed answers 412, and a timeout
 * says nothing, so look. The write counts as done when the state holds the new bytes.
 */
async function settleFailedWrite(run: WriteRun, lock: StoredLock, e: unknown): Promise<PutResult> {
  const { backend, next } = run;
  const now = await backend.store.get(backend.stateKey).then(
    (o) => ({ object: o }),
    (err: unknown) => ({ error: err as Error }),
  );
  if ("object" in now && now.object !== undefined && equalBytes(now.object.bytes, next)) {
    return {
      revision: now.object.revision,
      ...(now.object.versionId === undefined ? {} : { versionId: now.object.versionId }),
    };
  }
  if ("error" in now) {
    throw new StatewardError(
      "WRITE_UNCERTAIN",
      t("backends.write.uncertain", {
        location: run.stateLocation,
        reason: (e as Error).message,
        readReason: now.error.message,
        lock: lock.location,
      }),
      { hint: t("backends.write.uncertainHint"), cause: e },
    );
  }
  const warning = await releaseOwnLock(backend, lock);
  if (isConditionFailed(e)) throw await conflictError(backend, run.input.read);
  if (warning !== undefined && e instanceof StatewardError) {
    throw new StatewardError(e.code, t("backends.write.notChanged", { message: e.message, warning }), {
      ...(e.hint === undefined ? {} : { hint: e.hint }),
      cause: e,
    });
  }
  throw e;
}

/** Reads the state back and verifies it; what is wrong with it, if anything. */
async function readBack(run: WriteRun): Promise<string | undefined> {
  const { backend } = run;
  run.step("read-back", t("backends.write.step.readBack"));
  await testPause("read-back", run.signal);
  try {
    const back = await backend.store.get(backend.stateKey);
    if (back === undefined || !equalBytes(back.bytes, run.next)) {
      return t("backends.write.readBackDiffers");
    }
    assertWritable(back.bytes, run.stateLocation);
    return undefined;
  } catch (e) {
    return t("backends.write.readBackFailed", { reason: (e as Error).message });
  }
}

/** The write landed: it is recorded before the lock goes, whatever happens meanwhile. */
async function recordAudit(
  run: WriteRun,
  pending: PendingWrite,
  lock: StoredLock,
  put: PutResult,
  backup: string | undefined,
): Promise<{ location: string }> {
  const { input } = run;
  run.step("audit", t("backends.write.step.audit"));
  await testPause("audit", run.signal);
  try {
    return await appendAudit(
      run.backend,
      input.writer,
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
      t("backends.write.auditFailed", {
        location: run.stateLocation,
        backup: backup === undefined ? "" : t("backends.write.replacedKept", { backup }),
        reason: (e as Error).message,
        lock: lock.location,
      }),
      { hint: t("backends.write.auditFailedHint"), cause: e },
    );
  }
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
