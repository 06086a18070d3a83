/** `apply`: carry out a saved repair plan. */
import { t } from "../../i18n/index.js";
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
        .description(t("cli.apply.description"))
        .argument("<plan>", t("cli.apply.arg.plan")),
    ),
  )
    .option("--yes", t("cli.opt.yes.apply"))
    .option("--dry-run", t("cli.apply.opt.dry-run"))
    .option("--allow-delete", t("cli.apply.opt.allow-delete"))
    .addOption(jsonOption())
    .action(async (file: string, opts: ApplyFlags) => {
      // The plan is read first: a missing or damaged file is the error, not the missing --yes.
      const { readPlanFile } = await import("../../actions/plan.js");
      const { renderApply } = await import("../../report/plan.js");
      const plan = await readPlanFile(file);
      run.requireConsent(opts, "apply");
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
      t("cli.apply.confirm", { count: plan.actions.length, file, app: plan.app }),
      t("cli.apply.declined"),
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
