/**
 * `history snapshot`: a named copy of the stage's current state, stored beside it under stateward's
 * own prefix (backends/snapshots.ts), listed by `history list` and restorable as `snapshot:<id>`.
 */
import type { OpenStage } from "../backends/resolve.js";
import { planSnapshot, writeSnapshot } from "../backends/snapshots.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface SnapshotResult {
  backend: string;
  app: string;
  stage: string;
  /** The snapshot's id; `ref` names it to `history show|diff|restore`. */
  id: string;
  ref: string;
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
  options: { note?: string; dryRun?: boolean; signal?: AbortSignal } = {},
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
  return {
    backend: backend.label,
    app: backend.app,
    stage: backend.stage,
    id: plan.id,
    ref: `snapshot:${plan.id}`,
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
