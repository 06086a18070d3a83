/** The lock a safe write took: released or dropped by the write itself, saying why not when it cannot. */
import { t } from "../i18n/index.js";
import { parsePendingWrite, type PendingWrite } from "./audit.js";
import { isConditionFailed } from "./store.js";
import type { StageBackend, StoredLock } from "./types.js";

/** Releases the lock this write took; says why not when it cannot. */
export async function releaseOwnLock(backend: StageBackend, lock: StoredLock): Promise<string | undefined> {
  try {
    await backend.releaseLock(lock);
    return undefined;
  } catch (e) {
    return isConditionFailed(e)
      ? t("backends.write.lockReplaced", { lock: lock.location })
      : t("backends.write.lockNotRemoved", { lock: lock.location, reason: (e as Error).message });
  }
}

/** Removes the lock this write created, if it exists; says why not when it cannot. */
export async function dropOwnLock(backend: StageBackend, pending: PendingWrite): Promise<string | undefined> {
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
