/**
 * What `state show|verify|repair` do once their arguments are read: called by commander (state.ts) and
 * by the direct path (src/cli/direct.ts), which runs them without loading commander.
 */
import type * as StateActions from "../../actions/state.js";
import type { OpenStage } from "../../backends/resolve.js";
import { StatewardError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type * as StateReports from "../../report/state.js";
import { blockersExitCode } from "../exit-codes.js";
import type { StageFlags, WriteFlags } from "../options.js";
import type { Run } from "../run.js";
import { fileOrStage } from "../stage-flags.js";

export type RepairFlags = StageFlags & WriteFlags & { out?: string; inPlace?: boolean };

/** The state engine and its reports load when a state command runs, not at start-up (issue 17). */
const actions = (): Promise<typeof StateActions> => import("../../actions/state.js");
const reports = (): Promise<typeof StateReports> => import("../../report/state.js");

export async function stateShow(run: Run, file: string | undefined, opts: StageFlags): Promise<void> {
  const [{ showState, showStageState }, { renderShow }] = await Promise.all([actions(), reports()]);
  const result =
    fileOrStage(file, opts) === "file"
      ? await showState(file!)
      : await run.stage(opts, (open) => showStageState(open));
  run.emit(opts, result, renderShow);
}

export async function stateVerify(run: Run, file: string | undefined, opts: StageFlags): Promise<void> {
  const [{ verifyState, verifyStageState }, { renderVerify }] = await Promise.all([actions(), reports()]);
  const result =
    fileOrStage(file, opts) === "file"
      ? await verifyState(file!)
      : await run.stage(opts, (open) => verifyStageState(open));
  run.emit(opts, result, renderVerify, blockersExitCode(result.violations.length));
}

export async function stateRepair(run: Run, file: string | undefined, opts: RepairFlags): Promise<void> {
  const { renderRepair } = await reports();
  if (fileOrStage(file, opts) === "file") {
    // Replacing the user's file is a write like any other: a yes first (--out makes a new file).
    if (opts.inPlace === true && opts.dryRun !== true) run.requireConsent(opts, "state repair --in-place"); // i18n-exempt: the command, as typed
    const result = await repairFile(run, file!, opts);
    run.emit(opts, result, renderRepair, blockersExitCode(result.remaining.length));
    return;
  }
  refuseFileFlags(opts);
  run.requireConsent(opts, "state repair"); // i18n-exempt: the command, as typed
  const result = await run.stage(opts, (open) => repairStage(run, open, opts));
  run.emit(opts, result, renderRepair, blockersExitCode(result.remaining.length));
}

async function repairFile(run: Run, file: string, opts: RepairFlags) {
  if (opts.inPlace === true && opts.dryRun !== true)
    await run.consentOrDecline(opts, t("state.repair.askInPlace", { file }));
  const { repairState } = await actions();
  return repairState(file, { out: opts.out, inPlace: opts.inPlace, dryRun: opts.dryRun === true });
}

function refuseFileFlags(opts: RepairFlags): void {
  if (opts.out !== undefined || opts.inPlace === true) {
    throw new StatewardError("USAGE", t("state.repair.fileFlagsOnStage"), {
      hint: t("state.repair.fileFlagsOnStageHint"),
    });
  }
}

async function repairStage(run: Run, open: OpenStage, opts: RepairFlags) {
  const [{ planStageRepair, applyStageRepair }, { renderRepair }] = await Promise.all([actions(), reports()]);
  const prepared = await planStageRepair(open);
  if (prepared.next === undefined) return prepared.result;
  if (opts.dryRun === true)
    return { ...prepared.result, notWritten: "dry-run" as const, wouldWrite: prepared.read.location };
  if (opts.json !== true) run.io.stderr.write(renderRepair(prepared.result, run.colors(opts)) + "\n");
  await run.consentOrDecline(opts, t("state.repair.askStage", { stage: open.backend.label }));
  return applyStageRepair(open, prepared, { onStep: run.steps(opts) });
}
