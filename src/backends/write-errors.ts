/** The errors of a safe write that stopped: interrupted, lost a race, or not verified after it landed. */
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
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
      ? t("backends.interrupted.noLockLeft")
      : what.lock === "released"
        ? t("backends.interrupted.lockReleased")
        : t("backends.interrupted.lockStuck", { problem: what.lock.problem });
  const copy =
    what.backup !== undefined
      ? t("backends.interrupted.copyKept", { backup: what.backup })
      : what.maybeBackup !== undefined
        ? t("backends.interrupted.copyMaybeKept", { backup: what.maybeBackup })
        : "";
  return new StatewardError(
    "INTERRUPTED",
    t("backends.interrupted.before", { action: writer.action, stage: backend.label, location, copy, lock }),
    { hint: t("backends.interrupted.beforeHint") },
  );
}

export function interruptedAfter(input: SafeWriteInput, result: SafeWriteResult): StatewardError {
  const { backend, writer } = input;
  return new StatewardError(
    "INTERRUPTED",
    t("backends.interrupted.after", {
      action: writer.action,
      stage: backend.label,
      location: result.location,
      version:
        result.versionId === undefined
          ? ""
          : t("backends.interrupted.version", { version: result.versionId }),
      backup:
        result.backup === undefined ? "" : t("backends.interrupted.replacedKept", { backup: result.backup }),
      audit: result.audit,
      unlock: result.unlockWarning ?? t("backends.interrupted.afterReleased"),
    }),
    {
      hint: t("backends.interrupted.afterHint"),
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
    t("backends.readBack.failed", { location: stateLocation, audit: audit.location, problem }),
    {
      hint:
        backup === undefined ? t("backends.readBack.hint") : t("backends.readBack.hintBackup", { backup }),
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
  const when = now?.lastModified === undefined ? undefined : isoTime(now.lastModified);
  const by = await backend.lastWriter(signal).catch(() => undefined);
  const what =
    read === undefined
      ? when === undefined
        ? t("backends.conflict.created", { location })
        : t("backends.conflict.createdAt", { location, when })
      : when === undefined
        ? t("backends.conflict.changed", { location })
        : t("backends.conflict.changedAt", { location, when });
  return new StatewardError(
    "CONFLICT",
    by === undefined ? t("backends.conflict", { what }) : t("backends.conflict.by", { what, by }),
    {
      hint: t("backends.conflict.hint"),
    },
  );
}

/** The state is locked by someone else: who, for what and since when, as far as the lock says. */
export function lockedError(label: string, holder: StoredLock | undefined): StatewardError {
  const who =
    holder === undefined
      ? t("backends.locked.tookFirst")
      : items(
          [
            holder.holder === undefined ? undefined : t("backends.locked.heldBy", { holder: holder.holder }),
            holder.command === undefined ? undefined : t("backends.locked.for", { command: holder.command }),
            holder.created === undefined
              ? undefined
              : t("backends.locked.since", { time: isoTime(holder.created) }),
            holder.updateId === undefined
              ? undefined
              : t("backends.locked.update", { update: holder.updateId }),
          ].filter((s) => s !== undefined),
        );
  return new StatewardError(
    "LOCKED",
    t("backends.locked", { stage: label, who: who || t("backends.locked.present") }),
    {
      hint: t("backends.locked.hint"),
    },
  );
}
