/**
 * Replaying a write that an interrupted run already made: a rerun of the same command, whose change is
 * already in the state, ends as that command did instead of writing again.
 */
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { AbandonedWrite } from "./abandoned-locks.js";
import type { PendingWrite } from "./audit.js";
import { parseState } from "./encoding.js";
import { sha256Hex } from "./file.js";
import type { SafeWriteInput, SafeWriteResult, WriteStep } from "./safe-write.js";
import type { CurrentState, StageBackend } from "./types.js";

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
        t("backends.replay.backupGone", {
          location: backend.store.locate(pending.backup!),
          action: write.action,
        }),
        { hint: t("backends.replay.backupGoneHint") },
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

/** The landed write a safe write on `backend` replays, if `backend` is such a view. */
export function replayOf(backend: StageBackend): LandedWrite | undefined {
  return replays.get(backend);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function replayed(
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
      t("backends.replay.changed", { location, command: `\`stateward ${write.action}\`` }),
      {
        hint: t("backends.replay.changedHint"),
      },
    );
  }
  step("recover", t("backends.replay.already", { action: write.action, audit: write.audit.location }));
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
