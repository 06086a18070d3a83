/** The errors of a safe write that stopped: interrupted, lost a race, or not verified after it landed. */
import { StatewardError } from "../errors.js";
import type { SafeWriteInput, SafeWriteResult } from "./safe-write.js";
import type { CurrentState, StageBackend, StoredLock } from "./types.js";

export function interruptedBefore(
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
    { hint: "Nothing needs undoing; run the command again to make the change." },
  );
}

export function interruptedAfter(input: SafeWriteInput, result: SafeWriteResult): StatewardError {
  const { backend, writer } = input;
  return new StatewardError(
    "INTERRUPTED",
    `The ${writer.action} of ${backend.label} was interrupted after its state write had started, so the write was finished: ${result.location} holds the new state${result.versionId === undefined ? "" : ` (version ${result.versionId})`}${result.backup === undefined ? "" : `, the state it replaced is kept at ${result.backup}`}, the audit record is ${result.audit}, and ${result.unlockWarning ?? "the lock was released"}.`,
    {
      hint: "Nothing needs redoing: the change is complete and recorded (`stateward audit` shows it).",
    },
  );
}

export function readBackError(
  stateLocation: string,
  audit: { location: string },
  backup: string | undefined,
  problem: string,
): StatewardError {
  return new StatewardError(
    "READ_BACK",
    `${stateLocation} was written and recorded (audit ${audit.location}), but ${problem}.`,
    {
      hint:
        backup === undefined
          ? "Check `stateward history list`."
          : `The state stateward replaced is kept at ${backup}.`,
    },
  );
}

/** Names who changed the state between the read and the write, as far as the records tell. */
export async function conflictError(
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

/** The state is locked by someone else: who, for what and since when, as far as the lock says. */
export function lockedError(label: string, holder: StoredLock | undefined): StatewardError {
  const who =
    holder === undefined
      ? "someone else took it first"
      : [
          holder.holder === undefined ? undefined : `held by ${holder.holder}`,
          holder.command === undefined ? undefined : `for ${holder.command}`,
          holder.created === undefined ? undefined : `since ${holder.created.toISOString()}`,
          holder.updateId === undefined ? undefined : `update ${holder.updateId}`,
        ]
          .filter((s) => s !== undefined)
          .join(", ");
  return new StatewardError(
    "LOCKED",
    `The state of ${label} is locked (${who || "lock present"}); nothing was written.`,
    {
      hint: "Wait for the running deploy to finish; `stateward lock status` shows the lock, and `stateward lock release` breaks a stale one.",
    },
  );
}
