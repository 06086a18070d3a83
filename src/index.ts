/**
 * stateward as a library: every command is also a function that returns data and never prints.
 *
 * Commands that look at a stage take an opened stage: `openStage({ app, stage, … }, { cwd, env })`
 * (close it when done). Commands that write are two steps, as the CLI runs them: `plan` computes
 * everything and writes nothing; `apply` writes it under the safe-write protocol. Errors are
 * `StatewardError`s with a stable `code` and a `hint`.
 */
export * from "./state/index.js";
export * from "./errors.js";
export * from "./actions/state.js";
export { loadStateFile, writeStateFile } from "./backends/file.js";
export { parseState, serializeState } from "./backends/encoding.js";
export { VERSION } from "./version.js";

import { planAdopt, applyAdopt } from "./actions/adopt.js";
import { planCleanup, applyCleanup, parseInclude } from "./actions/cleanup.js";
import { planForget, applyForget } from "./actions/forget.js";
import { runThrough, explainOutput } from "./actions/guard.js";
import { listHistory, loadVersion, showHistory } from "./actions/history.js";
import { diffHistory } from "./actions/history-diff.js";
import { auditLog, lockStatus, releaseLock } from "./actions/lock.js";
import { appAndStage, checkStageNames, generate } from "./actions/names.js";
import { applyRestore, planRestore } from "./actions/restore.js";

// Opening a stage: where its state lives (SST home or Pulumi DIY backend) and the AWS clients for it.
export { openStage, type OpenStage, type StageOptions, type StageContext } from "./backends/resolve.js";
// withStage: opened as the CLI opens it — before a write, the locks of killed stateward writes are
// settled, and a rerun of a write that had landed ends as that run would have; closed after.
export { withStage, type StageRunOptions } from "./backends/stage-session.js";
export type { AbandonedWrite } from "./backends/abandoned-locks.js";

// doctor: every rule over the stage's state, history and cloud.
export { doctor, type DoctorOptions, type DoctorReport } from "./actions/doctor.js";
export type { Finding } from "./rules/index.js";

// plan / apply: doctor's findings as an ordered repair plan, and carrying it out.
export { makePlan as plan, readPlanFile, writePlanFile, safeActions } from "./actions/plan.js";
export {
  applyPlan as apply,
  deletingStages,
  type ApplyOptions,
  type ApplyReport,
  type ActionOutcome,
} from "./actions/apply.js";
export type { RepairPlan, PlanAction } from "./repair/plan.js";

// scan: the stage's state and the cloud side by side.
export { scan, type ScanOptions, type ScanReport } from "./actions/scan.js";

// explain: the state problems in a failed deploy's log file (`-`: standard input); checkAgainstStage
// adds doctor's findings about what the log names.
export { explainFile as explain, checkAgainstStage, type ExplainReport } from "./actions/explain.js";

// preflight: before a deploy, the planned creates whose physical names are taken already.
export {
  preflight,
  readDeployPlan,
  type PreflightReport,
  type PreflightBlocker,
} from "./actions/preflight.js";
export { readPlan, type Plan, type PlannedCreate } from "./preflight/plan-file.js";

// guard: run a deploy command with its output passed through, and explain a failure.
export type { CommandRun } from "./actions/guard.js";
export const guard = { run: runThrough, explain: explainOutput };

/** Every version of a stage's state: list, show, load, diff and restore them. */
export const history = {
  list: listHistory,
  show: showHistory,
  load: loadVersion,
  /** Two versions of the stage (`{ backend }`), a version and a state file, or two state files (`-` is standard input). */
  diff: diffHistory,
  restore: { plan: planRestore, apply: applyRestore },
};
export type {
  HistoryOptions,
  HistoryList,
  HistoryVersion,
  HistoryEvent,
  LoadedVersion,
  ShowVersionResult,
  ShowEventResult,
} from "./actions/history.js";
export type { HistoryDiffOptions } from "./actions/history-diff.js";
export type {
  RestoreOptions,
  RestorePlan,
  PreparedRestore,
  RestoreResult,
  CloudCheck,
} from "./actions/restore.js";

/** The stage's lock: who holds it, and breaking a stale one. */
export const lock = { status: lockStatus, release: releaseLock };
export type { LockStatus, LockView, ReleaseOptions, ReleaseResult, AuditList } from "./actions/lock.js";

/** What stateward changed in the stage: its audit records. */
export const audit = auditLog;

/** Physical names: SST-style ones, and names that collide across stages. */
export const names = { generate, check: checkStageNames, appAndStage };
export type { NamesCheck } from "./actions/names.js";

/** Bring an existing cloud resource into the stage's state (plan, then apply). */
export const adopt = { plan: planAdopt, apply: applyAdopt };
export type { AdoptOptions, AdoptPlan, PreparedAdopt } from "./actions/adopt.js";

/** Remove entries (or pending operations) from the stage's state (plan, then apply). */
export const forget = { plan: planForget, apply: applyForget };
export type { ForgetOptions, ForgetPlan, PreparedForget } from "./actions/forget.js";

/** Delete what no state holds, for the stages confirmed (plan, then apply through the deletion gate). */
export const cleanup = { plan: planCleanup, apply: applyCleanup, parseInclude };
export type {
  CleanupOptions,
  CleanupReport,
  CleanupCandidate,
  CleanupOutcome,
  CleanupKind,
} from "./actions/cleanup.js";
/** Who may delete what in a cleanup or apply run: the stages confirmed for it. */
export type { DeletionAuthority } from "./cloud/deletion-gate.js";
