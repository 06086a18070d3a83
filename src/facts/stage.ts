/**
 * One stage's own records, read once: its current state (and the revision read), its recent history,
 * its lock, and — for a removed stage — the update record that removed it.
 */
import type { OpenStage } from "../backends/resolve.js";
import type { SstHomeBackend } from "../backends/sst-home.js";
import type { CurrentState, StageBackend } from "../backends/types.js";
import { readHistory, type HistoryList, type ReadHistory } from "../backends/history-read.js";
import { readLockStatus, type LockView } from "../backends/lock-read.js";
import { parseState } from "../backends/encoding.js";
import type { LockInfo, StageFacts, VersionInfo } from "./types.js";

export interface StageRecords {
  stage: string;
  current: CurrentState | undefined;
  history: VersionInfo[];
  lock: LockInfo | undefined;
  lastUpdate: StageFacts["lastUpdate"];
}

/** The newest `depth` readable versions, newest first, each with the update that wrote it. */
function recentVersions(list: ReadHistory, depth: number): VersionInfo[] {
  return list.versions
    .filter((v) => v.unreadable === undefined)
    .slice(0, depth)
    .map((v) => {
      const info: VersionInfo = {
        id: v.id,
        time: v.time,
        current: v.current,
        deployment: parseState(list.bytesOf(v.id)!, `version ${v.id}`).deployment,
      };
      // Only SST's own snapshots name an update: stateward's backup ids look alike but are not updates.
      const updateId = v.update?.id ?? (v.sources.includes("sst-snapshot") ? v.id : undefined);
      if (updateId !== undefined) info.updateId = updateId;
      if (v.update !== undefined) info.updateOutcome = v.update.outcome;
      return info;
    });
}

/** What the rules need of the stage's lock (the first one, when several are held). */
function lockInfo(l: LockView | undefined, list: HistoryList): LockInfo | undefined {
  if (l === undefined) return undefined;
  const lock: LockInfo = { location: l.location, byStateward: l.byStateward };
  if (l.created !== undefined) lock.created = l.created;
  if (l.ageSeconds !== undefined) lock.ageSeconds = l.ageSeconds;
  if (l.command !== undefined) lock.command = l.command;
  if (l.runId !== undefined) lock.runId = l.runId;
  if (l.holder !== undefined) lock.holder = l.holder;
  if (l.updateId !== undefined) {
    lock.updateId = l.updateId;
    lock.snapshot = list.versions.some((v) => v.names.includes(l.updateId!));
  }
  if (l.update !== undefined) lock.updateOutcome = l.update.outcome;
  return lock;
}

/** A removed stage (state gone, or emptied by a finished remove): its last update says what removed it. */
async function lastUpdateOf(
  backend: StageBackend,
  current: CurrentState | undefined,
  signal?: AbortSignal,
): Promise<StageFacts["lastUpdate"]> {
  const d = current?.doc.deployment;
  const empty = (d?.resources ?? []).length === 0 && (d?.pending_operations ?? []).length === 0;
  if (!empty || backend.kind !== "sst") return undefined;
  const prefix = `update/${backend.app}/${backend.stage}/`;
  for await (const o of backend.store.list(prefix, signal)) {
    const update = await (backend as SstHomeBackend).readUpdate(
      o.key.slice(prefix.length, -".json".length),
      signal,
    );
    if (update === undefined) return undefined;
    return {
      id: update.id,
      outcome: update.outcome,
      ...(update.command === undefined ? {} : { command: update.command }),
    };
  }
  return undefined;
}

/** Reads one stage's state, recent history and lock together (and what removed it, when it was). */
export async function readStageRecords(
  open: OpenStage,
  stage: string,
  options: { depth: number; now: Date; signal?: AbortSignal },
): Promise<StageRecords> {
  const { signal } = options;
  const backend = stage === open.backend.stage ? open.backend : await open.backend.forStage(stage);
  const stageOpen: OpenStage = { ...open, backend };
  const [current, list, locks] = await Promise.all([
    backend.readState(signal),
    readHistory(backend, signal === undefined ? {} : { signal }),
    readLockStatus(stageOpen, { now: options.now, ...(signal === undefined ? {} : { signal }) }),
  ]);
  return {
    stage,
    current,
    history: recentVersions(list, options.depth),
    lock: lockInfo(locks.locks[0], list),
    lastUpdate: await lastUpdateOf(backend, current, signal),
  };
}
