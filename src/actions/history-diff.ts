/**
 * `history diff`: resources added, removed and changed between two sides, each a state file (`-` is
 * standard input) or a version of the stage (any name `history list` shows: id, current, previous, -N).
 */
import { stat } from "node:fs/promises";
import { loadStateFile } from "../backends/file.js";
import type { StageBackend } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
import { diffDeployments, type StateDocument } from "../state/index.js";
import { StageVersions, type HistoryVersion } from "./history.js";
import type { ObjectCache } from "../backends/object-cache.js";
import { diffStateFiles, type DiffResult } from "./state.js";

export interface HistoryDiffOptions {
  /** The stage whose versions the sides may name; not needed when both sides are files. */
  backend?: StageBackend;
  signal?: AbortSignal | undefined;
  /** Reads immutable objects through this cache on disk. */
  cache?: ObjectCache | undefined;
}

/** Whether a side names a state file (`-`: standard input) rather than a version of the stage. */
export async function isStateFile(side: string): Promise<boolean> {
  if (side === "-") return true;
  return stat(side).then(
    (st) => st.isFile(),
    () => false,
  );
}

/** Whether diffing `a` and `b` reads the stage's history: one of them is not a file. */
export async function diffNeedsStage(a: string, b: string): Promise<boolean> {
  const [aFile, bFile] = await Promise.all([isStateFile(a), isStateFile(b)]);
  return !(aFile && bFile);
}

function versionLabel(v: HistoryVersion): string {
  return `${v.id} (${isoTime(v.time)})`;
}

async function loadSide(
  name: string,
  file: boolean,
  versions: StageVersions,
): Promise<{ label: string; doc: StateDocument }> {
  if (file) {
    const loaded = await loadStateFile(name);
    return { label: name, doc: loaded.doc };
  }
  const v = await versions.load(name);
  return { label: t("history.diff.version-label", { version: versionLabel(v.version) }), doc: v.doc };
}

/** The diff from `a` (the older side) to `b`: two files, two versions, or a version and a file. */
export async function diffHistory(
  a: string,
  b: string,
  options: HistoryDiffOptions = {},
): Promise<DiffResult> {
  const [aFile, bFile] = await Promise.all([isStateFile(a), isStateFile(b)]);
  if (aFile && bFile) return diffStateFiles(a, b);
  const { backend } = options;
  if (backend === undefined) {
    throw new StatewardError("USAGE", t("history.diff.error.no-stage", { name: aFile ? b : a }), {
      hint: t("history.diff.hint.no-stage"),
    });
  }
  // Only the two versions named are read (see StageVersions), however many the stage has.
  const versions = new StageVersions(backend, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
  const [left, right] = await Promise.all([loadSide(a, aFile, versions), loadSide(b, bFile, versions)]);
  return {
    a: left.label,
    b: right.label,
    diff: diffDeployments(left.doc.deployment, right.doc.deployment),
    warnings: [...left.doc.warnings, ...right.doc.warnings],
  };
}
