/** `apply`: carry out a saved repair plan. */
import type { Command } from "commander";
import type * as PlanActions from "../../actions/plan.js";
import type { OpenStage } from "../../backends/resolve.js";
import { applyExitCode } from "../exit-codes.js";
import {
  confirmOptions,
  jsonOption,
  stageOptions,
  type ConfirmFlags,
  type StageFlags,
  type WriteFlags,
} from "../options.js";
import type { Run } from "../run.js";

type ApplyFlags = StageFlags & WriteFlags & ConfirmFlags & { allowDelete?: boolean };
type RepairPlan = Awaited<ReturnType<typeof PlanActions.readPlanFile>>;

export function registerApply(program: Command, run: Run): void {
  confirmOptions(
    stageOptions(
      program
        .command("apply")
        .description(
          "carry out a repair plan: refuses if a stage's state changed since the plan; releases locks, writes each stage's state edits in one safe write, then deletes in the cloud in order (only with --allow-delete), stopping at the first cloud failure",
        )
        .argument("<plan>", "the plan file from `stateward plan --out`"),
    ),
  )
    .option("--yes", "apply without asking (needed off a terminal)")
    .option("--dry-run", "show what the state writes would change, do nothing")
    .option(
      "--allow-delete",
      "carry out the plan's cloud deletions too (for the stages named with --confirm, or typed on a terminal)",
    )
    .addOption(jsonOption())
    .action(async (file: string, opts: ApplyFlags) => {
      run.requireConsent(opts, "apply");
      const { readPlanFile } = await import("../../actions/plan.js");
      const { renderApply } = await import("../../report/plan.js");
      const plan = await readPlanFile(file);
      // The plan names its app and stages: they are the defaults.
      const report = await run.stage({ app: plan.app, stage: plan.stages[0]?.stage, ...opts }, (open) =>
        applyFile(run, open, file, plan, opts),
      );
      run.emit(opts, report, renderApply, applyExitCode(report));
    });
}

async function applyFile(run: Run, open: OpenStage, file: string, plan: RepairPlan, opts: ApplyFlags) {
  if (opts.dryRun !== true)
    await run.consentOrDecline(
      opts,
      `Apply ${plan.actions.length} actions of ${file} to ${plan.app}?`,
      "Nothing was applied.",
    );
  const { applyPlan, deletingStages } = await import("../../actions/plan.js");
  const confirmed =
    opts.allowDelete === true && opts.dryRun !== true
      ? await run.confirmStages(
          opts,
          deletingStages(plan.actions).map((stage) => ({
            stage,
            count: plan.actions.filter((a) => a.destructive && a.stage === stage).length,
          })),
        )
      : [];
  return applyPlan(open, plan, {
    dryRun: opts.dryRun === true,
    allowDelete: opts.allowDelete === true,
    confirmed,
    confirmProtected: opts.confirmProtected === true,
    command: "apply",
    env: run.io.env,
    onStep: run.steps(opts),
  });
}
