/**
 * The safe-write protocol (ARCHITECTURE.md) for a stage backend: lock check → conditional lock
 * create → backup of the exact bytes read → conditional write on the revision read → read back and
 * verify → audit record → unlock. A lost race aborts, names what changed, and writes nothing else.
 */
import { StatewardError } from "../errors.js";
import { parseState, verifyIntegrity } from "../state/index.js";
import { appendAudit, type AuditInput } from "./audit.js";
import type { OpenStage } from "./resolve.js";
import { lockedError } from "./sst-home.js";
import { isConditionFailed } from "./store.js";
import type { CurrentState, StageBackend, StoredLock, Writer } from "./types.js";

export type WriteStep = "lock" | "backup" | "write" | "read-back" | "audit" | "unlock";

export interface SafeWriteInput {
  backend: StageBackend;
  /** What was read (its revision guards the write); undefined when the stage had no state. */
  read: CurrentState | undefined;
  /** The new state, as bytes to store. */
  next: Uint8Array;
  writer: Writer;
  audit: Pick<AuditInput, "summary" | "changes" | "detail">;
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

export async function safeWrite(input: SafeWriteInput): Promise<SafeWriteResult> {
  const { backend, read, writer, signal } = input;
  const step = input.onStep ?? (() => undefined);
  const next = backend.storedBytes(input.next);
  assertWritable(next, "the new state");

  const held = (await backend.readLocks(signal))[0];
  if (held !== undefined) throw lockedError(backend.label, held);

  step("lock", `taking the lock of ${backend.label}`);
  const lock: StoredLock = await backend.acquireLock(writer, signal);
  let unlocked = false;
  const unlock = async (): Promise<string | undefined> => {
    unlocked = true;
    try {
      await backend.releaseLock(lock);
      return undefined;
    } catch (e) {
      return isConditionFailed(e)
        ? `the lock ${lock.location} was replaced by someone else meanwhile; it was left alone`
        : `the lock ${lock.location} could not be removed (${(e as Error).message}); remove it with \`stateward lock release\``;
    }
  };
  try {
    let backup: string | undefined;
    if (read !== undefined) {
      const key = backend.backupKey(new Date(), read.revision);
      step("backup", `keeping the current bytes at ${backend.store.locate(key)}`);
      await backend.store.put(key, read.bytes, {
        condition: { ifAbsent: true },
        contentEncoding: backend.contentEncoding(read.bytes),
        signal,
      });
      backup = backend.store.locate(key);
    }

    step("write", `writing ${backend.store.locate(backend.stateKey)}`);
    let put;
    try {
      put = await backend.store.put(backend.stateKey, next, {
        condition: read === undefined ? { ifAbsent: true } : { ifRevision: read.revision },
        contentEncoding: backend.contentEncoding(next),
        signal,
      });
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      throw await conflictError(backend, read, signal);
    }

    step("read-back", "reading the state back");
    const back = await backend.store.get(backend.stateKey, signal);
    if (back === undefined || Buffer.compare(Buffer.from(back.bytes), Buffer.from(next)) !== 0) {
      throw new StatewardError(
        "READ_BACK",
        `${backend.store.locate(backend.stateKey)} does not read back as written: another writer changed it right after stateward.`,
        {
          hint:
            backup === undefined
              ? "Check `stateward history list`."
              : `The state stateward replaced is kept at ${backup}.`,
        },
      );
    }
    assertWritable(back.bytes, backend.store.locate(backend.stateKey));

    step("audit", "recording the change");
    const audit = await appendAudit(
      backend,
      writer,
      {
        ...input.audit,
        summary: input.audit.summary,
        before:
          read === undefined
            ? {}
            : {
                revision: read.revision,
                ...(read.versionId === undefined ? {} : { versionId: read.versionId }),
                resources: read.doc.deployment?.resources?.length ?? 0,
              },
        after: {
          revision: put.revision,
          ...(put.versionId === undefined ? {} : { versionId: put.versionId }),
          resources: countResources(next, "the new state"),
        },
        ...(backup === undefined ? {} : { backup }),
      },
      // Once the state is written, the record of it is finished even if Ctrl-C came meanwhile.
      undefined,
    );

    step("unlock", "releasing the lock");
    const unlockWarning = await unlock();
    const result: SafeWriteResult = {
      location: backend.store.locate(backend.stateKey),
      revision: put.revision,
      audit: audit.location,
    };
    if (put.versionId !== undefined) result.versionId = put.versionId;
    if (backup !== undefined) result.backup = backup;
    if (unlockWarning !== undefined) result.unlockWarning = unlockWarning;
    return result;
  } finally {
    if (!unlocked) await unlock();
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
