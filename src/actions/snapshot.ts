/**
 * `history snapshot`: a named copy of the stage's current state, stored beside it under stateward's
 * own prefix (backends/snapshots.ts), listed by `history list` and restorable as `snapshot:<id>`.
 */
import type { ObjectCache } from "../backends/object-cache.js";
import type { OpenStage } from "../backends/resolve.js";
import { planSnapshot, writeSnapshot } from "../backends/snapshots.js";
import type { StageBackend } from "../backends/types.js";
import { StatewardError, isStatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { SNAPSHOT_REF, StageVersions } from "./history.js";

export interface SnapshotResult {
  backend: string;
  app: string;
  stage: string;
  /** The snapshot's id; `ref` names it to `history show|diff|restore`. */
  id: string;
  ref: string;
  /**
   * Every name `history show|diff|restore` take for it: `ref`, and `snapshot:<note>` where the note
   * names this snapshot's version alone.
   */
  names: string[];
  /**
   * The version of the state it holds, by the id `history list` shows (undefined when the listings
   * could not say, or the state changed while a dry run looked).
   */
  version?: string;
  location: string;
  note?: string;
  who: string;
  time: string;
  contentHash: string;
  resources: number;
  size: number;
  /** The S3 version (or revision) of the state it copied. */
  source: { revision: string; versionId?: string };
  dryRun: boolean;
}

export async function takeSnapshot(
  open: OpenStage,
  options: { note?: string; dryRun?: boolean; signal?: AbortSignal; cache?: ObjectCache } = {},
): Promise<SnapshotResult> {
  const { backend } = open;
  const signal = options.signal ?? open.signal;
  const note = options.note?.trim();
  if (options.note !== undefined && note === "") {
    throw new StatewardError("USAGE", t("history.snapshot.error.empty-note"));
  }
  const read = await backend.readState(signal);
  if (read === undefined) {
    throw new StatewardError("NO_STATE", t("history.snapshot.error.no-state", { backend: backend.label }), {
      hint: t("history.snapshot.hint.no-state"),
    });
  }
  const writer = await open.writer("history snapshot"); // i18n-exempt: the action's name in records
  const plan = planSnapshot(backend, read, writer, note === undefined || note === "" ? undefined : note);
  if (options.dryRun !== true) await writeSnapshot(backend, plan, read.bytes, signal);
  const ref = `${SNAPSHOT_REF}${plan.id}`;
  const named = await namedAs(backend, {
    contentHash: plan.meta.contentHash ?? "",
    ...(plan.meta.note === undefined ? {} : { note: plan.meta.note }),
    ...(signal === undefined ? {} : { signal }),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
  return {
    backend: backend.label,
    app: backend.app,
    stage: backend.stage,
    id: plan.id,
    ref,
    names: [ref, ...named.names],
    ...(named.version === undefined ? {} : { version: named.version }),
    location: plan.location,
    ...(plan.meta.note === undefined ? {} : { note: plan.meta.note }),
    who: writer.who,
    time: plan.meta.time,
    contentHash: plan.meta.contentHash ?? "",
    resources: plan.meta.resources ?? 0,
    size: plan.size,
    source: {
      revision: read.revision,
      ...(read.versionId === undefined ? {} : { versionId: read.versionId }),
    },
    dryRun: options.dryRun === true,
  };
}

/**
 * How `history list|show` name what a snapshot holds, found as `history show current` finds it (the
 * listings, and the bodies of the current version): that version's id while it still holds what was
 * copied, and `snapshot:<note>` when the note resolves to it. The current version, not the snapshot's
 * own copy: a copy not yet merged by content (a DIY file's revision is its own) would be named by its
 * snapshot ref where `history list` names the version `current`. Nothing when the listings cannot say:
 * the snapshot is taken all the same.
 */
async function namedAs(
  backend: StageBackend,
  want: { contentHash: string; note?: string; signal?: AbortSignal; cache?: ObjectCache },
): Promise<{ version?: string; names: string[] }> {
  const versions = new StageVersions(backend, {
    ...(want.signal === undefined ? {} : { signal: want.signal }),
    ...(want.cache === undefined ? {} : { cache: want.cache }),
  });
  try {
    const version = await versions.version("current");
    if (version === undefined || version.contentHash !== want.contentHash) return { names: [] };
    const byNote = want.note === undefined ? undefined : `${SNAPSHOT_REF}${want.note}`;
    const noted = byNote === undefined ? undefined : await versions.version(byNote);
    return { version: version.id, names: byNote !== undefined && noted?.id === version.id ? [byNote] : [] };
  } catch (e) {
    if (isStatewardError(e) && e.code !== "ABORTED") return { names: [] };
    throw e;
  }
}
