/**
 * stateward's own records of a stage (audit log, snapshots, SST backups) live under one prefix,
 * `StageBackend.statewardPrefix`, so that reading a stage's history lists them once (issue 17: a
 * second `history list` makes ≤ 5 requests). Callers that ask at the same time (the history's
 * backups and its snapshots) share one listing; the next ask lists again, so a write in between is
 * always seen.
 */
import { collect } from "../util/map-limit.js";
import type { ObjectInfo } from "./store.js";
import type { StageBackend } from "./types.js";

/** The folders below `statewardPrefix`. */
export type OwnFolder = "audit" | "snapshot" | "backups";

const inFlight = new WeakMap<StageBackend, Promise<ObjectInfo[]>>();

/** `<statewardPrefix><folder>/`. */
export function ownPrefix(backend: StageBackend, folder: OwnFolder): string {
  return `${backend.statewardPrefix}${folder}/`;
}

/** The objects of one folder of the stage's own records (one listing of them all per moment). */
export async function listOwn(
  backend: StageBackend,
  folder: OwnFolder,
  signal?: AbortSignal,
): Promise<ObjectInfo[]> {
  let listing = inFlight.get(backend);
  if (listing === undefined) {
    listing = collect(backend.store.list(backend.statewardPrefix, signal)).finally(() => {
      inFlight.delete(backend);
    });
    inFlight.set(backend, listing);
  }
  const prefix = ownPrefix(backend, folder);
  return (await listing).filter((o) => o.key.startsWith(prefix));
}
