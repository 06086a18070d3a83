/**
 * The state commands as library functions: each loads, computes and (for repair) writes, and returns
 * a plain result. They never print; the CLI renders what they return.
 */
import { promises as fs } from "node:fs";
import { flushToDisk } from "../backends/durable-file.js";
import { loadStateFile, writeStateFile, type LoadedFile, type WriteResult } from "../backends/file.js";
import type { OpenStage } from "../backends/resolve.js";
import type { SafeWriteResult, StageWriteOptions } from "../backends/safe-write.js";
import type { CurrentState } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { withDeployment, type StateDocument } from "../state/codec.js";
import { diffDeployments, type StateDiff } from "../state/diff.js";
import { verifyIntegrity, type Violation } from "../state/integrity.js";
import type { ParseOptions } from "../state/limits.js";
import { repairDeployment, type RepairChange } from "../state/repair.js";
import { summarize, type StateSummary } from "../state/summary.js";
import { serializeState } from "../backends/encoding.js";

export interface ShowResult {
  file: string;
  summary: StateSummary;
}

/** Reads and parses a state file (`-`: standard input), with its clear errors. */
function loadState(file: string, options: ParseOptions = {}): Promise<Pick<LoadedFile, "bytes" | "doc">> {
  return loadStateFile(file, undefined, options);
}

export async function showState(file: string): Promise<ShowResult> {
  const loaded = await loadState(file);
  return { file, summary: summarize(loaded.doc) };
}

export interface VerifyResult {
  file: string;
  resources: number;
  violations: Violation[];
  warnings: string[];
}

export async function verifyState(file: string): Promise<VerifyResult> {
  const { doc } = await loadState(file);
  return {
    file,
    resources: doc.deployment?.resources?.length ?? 0,
    violations: verifyIntegrity(doc.deployment),
    warnings: [...doc.warnings],
  };
}

export interface RepairOptions {
  /** Write the repaired state to this new file. */
  out?: string;
  /** Replace the input, keeping the previous bytes in a `.bak` beside it. */
  inPlace?: boolean;
  /** Show the repair and what would be written where; write nothing. */
  dryRun?: boolean;
}

export interface RepairResult {
  file: string;
  before: Violation[];
  changes: RepairChange[];
  /** What repair cannot fix; when non-empty nothing is written. */
  remaining: Violation[];
  written?: WriteResult;
  /** Why nothing was written, when nothing was. */
  notWritten?: "nothing-to-repair" | "no-output" | "unrepairable" | "dry-run";
  /** With a dry run: where the repaired state would have been written. */
  wouldWrite?: string;
}

export async function repairState(file: string, options: RepairOptions = {}): Promise<RepairResult> {
  if (options.inPlace === true && options.out !== undefined) {
    throw new StatewardError("USAGE", t("state.repair.outOrInPlace"), {});
  }
  if (options.inPlace === true && file === "-") {
    throw new StatewardError("USAGE", t("state.repair.inPlaceStdin"), {
      hint: t("state.repair.inPlaceStdinHint"),
    });
  }
  // In place, the file read becomes the backup (see writeStateFile), which must be on disk before the
  // file is replaced: its bytes are flushed from now on, while the file is parsed and repaired.
  const flushed = options.inPlace === true && options.dryRun !== true ? flushToDisk(file) : undefined;
  // The document keeps the bytes read when it may be written: what the repair did not touch is
  // written from them (no second copy of the text as bytes).
  const writing = options.dryRun !== true && (options.inPlace === true || options.out !== undefined);
  const loading = loadState(file, { keepBytes: writing }).then((loaded) => ({
    doc: loaded.doc,
    backupBytes: options.inPlace === true ? loaded.bytes : undefined,
  }));
  try {
    const { doc, backupBytes } = await loading;
    return await repairLoaded(file, doc, backupBytes, options);
  } finally {
    await flushed;
  }
}

async function repairLoaded(
  file: string,
  doc: StateDocument,
  backupBytes: Uint8Array | undefined,
  options: RepairOptions,
): Promise<RepairResult> {
  const before = verifyIntegrity(doc.deployment);
  const result: RepairResult = { file, before, changes: [], remaining: [] };
  if (doc.deployment === undefined) {
    return { ...result, notWritten: "nothing-to-repair" };
  }
  // Told what the check found: repair looks only at the resources it found something on.
  const repaired = repairDeployment(doc.deployment, { deployment: doc.deployment, violations: before });
  result.changes = repaired.changes;
  result.remaining = repaired.remaining;
  if (repaired.remaining.length > 0) return { ...result, notWritten: "unrepairable" };
  if (repaired.changes.length === 0) return { ...result, notWritten: "nothing-to-repair" };
  if (options.dryRun === true) {
    const target = options.inPlace === true ? file : options.out;
    return { ...result, notWritten: "dry-run", ...(target === undefined ? {} : { wouldWrite: target }) };
  }
  if (options.out === undefined && options.inPlace !== true) return { ...result, notWritten: "no-output" };
  if (!doc.writable) {
    throw new StatewardError(
      "READ_ONLY_STATE",
      t("state.repair.readOnly", { file, reasons: doc.warnings.join(" ") }),
      {
        hint: t("state.repair.readOnlyHint"),
      },
    );
  }
  const next = withDeployment(doc, repaired.deployment);
  // `remaining` is repair's own integrity check of this deployment: the write need not run it again.
  const verified = { deployment: repaired.deployment, violations: repaired.remaining };
  if (options.inPlace === true) {
    result.written = await writeStateFile(next, {
      target: file,
      expectBytes: backupBytes!,
      backupPath: await freeBackupPath(file),
      backupBytes,
      verified,
    });
  } else {
    result.written = await writeStateFile(next, { target: options.out!, refuseExisting: true, verified });
  }
  return result;
}

/** `<file>.bak`, or a timestamped name when an older backup is already there (never overwrite one). */
async function freeBackupPath(file: string): Promise<string> {
  const plain = `${file}.bak`;
  if (!(await exists(plain))) return plain;
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${file}.${stamp}.bak` : `${file}.${stamp}-${n}.bak`;
    if (!(await exists(candidate))) return candidate;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

export interface DiffResult {
  a: string;
  b: string;
  diff: StateDiff;
  /** Version or feature warnings of either side (a diff is read-only, so it still runs). */
  warnings: string[];
}

export async function diffStateFiles(a: string, b: string): Promise<DiffResult> {
  if (a === "-" && b === "-") {
    throw new StatewardError("USAGE", t("state.diff.twoStdin"), {});
  }
  const [left, right] = await Promise.all([loadStateFile(a), loadStateFile(b)]);
  return {
    a,
    b,
    diff: diffDeployments(left.doc.deployment, right.doc.deployment),
    warnings: [...left.doc.warnings, ...right.doc.warnings],
  };
}

/** The stage's current state, or a clear error when the stage has none. */
export async function requireStageState(
  open: OpenStage,
  signal: AbortSignal | undefined = open.signal,
): Promise<CurrentState> {
  const read = await open.backend.readState(signal);
  if (read === undefined) {
    throw new StatewardError(
      "NO_STATE",
      t("state.noState", {
        stage: open.backend.label,
        location: open.backend.store.locate(open.backend.stateKey),
      }),
      {
        hint: t("state.noStateHint"),
      },
    );
  }
  return read;
}

export async function showStageState(
  open: OpenStage,
  signal: AbortSignal | undefined = open.signal,
): Promise<ShowResult> {
  const read = await requireStageState(open, signal);
  return { file: read.location, summary: summarize(read.doc) };
}

export async function verifyStageState(
  open: OpenStage,
  signal: AbortSignal | undefined = open.signal,
): Promise<VerifyResult> {
  const { doc, location } = await requireStageState(open, signal);
  return {
    file: location,
    resources: doc.deployment?.resources?.length ?? 0,
    violations: verifyIntegrity(doc.deployment),
    warnings: [...doc.warnings],
  };
}

export interface PreparedStageRepair {
  result: RepairResult;
  read: CurrentState;
  /** The repaired state, when there is something to write. */
  next?: Uint8Array;
}

/** The repair of a stage's state, computed and not written (`applyStageRepair` writes it). */
export async function planStageRepair(
  open: OpenStage,
  signal: AbortSignal | undefined = open.signal,
): Promise<PreparedStageRepair> {
  const read = await requireStageState(open, signal);
  const { doc } = read;
  const before = verifyIntegrity(doc.deployment);
  const result: RepairResult = { file: read.location, before, changes: [], remaining: [] };
  if (doc.deployment === undefined) return { result: { ...result, notWritten: "nothing-to-repair" }, read };
  // Told what the check found: repair looks only at the resources it found something on.
  const repaired = repairDeployment(doc.deployment, { deployment: doc.deployment, violations: before });
  result.changes = repaired.changes;
  result.remaining = repaired.remaining;
  if (repaired.remaining.length > 0) return { result: { ...result, notWritten: "unrepairable" }, read };
  if (repaired.changes.length === 0) return { result: { ...result, notWritten: "nothing-to-repair" }, read };
  if (!doc.writable) {
    throw new StatewardError(
      "READ_ONLY_STATE",
      t("state.repair.readOnly", { file: read.location, reasons: doc.warnings.join(" ") }),
      {
        hint: t("state.repair.readOnlyHint"),
      },
    );
  }
  const next = serializeState(withDeployment(doc, repaired.deployment));
  // Not written yet: the caller asks, then writes (or, with --dry-run, reports "dry-run").
  return { result, read, next };
}

export async function applyStageRepair(
  open: OpenStage,
  prepared: PreparedStageRepair,
  options: StageWriteOptions = {},
): Promise<RepairResult & { stored?: SafeWriteResult }> {
  if (prepared.next === undefined) return prepared.result;
  const { changes } = prepared.result;
  // The stage-write machinery (lock, audit, replay) loads only for a stage repair, not for a file.
  const { writeStage } = await import("../backends/safe-write.js");
  const stored = await writeStage(
    open,
    prepared.read,
    prepared.next,
    "state repair", // i18n-exempt: the operation's name in the audit record
    {
      summary: t(changes.length === 1 ? "state.repair.summary.one" : "state.repair.summary.other", {
        count: changes.length,
        kinds: items([...new Set(changes.map((c) => c.kind))]),
      }),
      detail: { changes },
    },
    options,
  );
  const { notWritten: _, ...rest } = prepared.result;
  return {
    ...rest,
    stored,
    written: {
      path: stored.location,
      bytes: prepared.next.length,
      revision: stored.revision,
      ...(stored.backup === undefined ? {} : { backup: stored.backup }),
    },
  };
}
