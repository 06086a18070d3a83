/** `cleanup`: delete what no state holds, for the stages named for this run. */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import type * as CleanupActions from "../../actions/cleanup.js";
import type { CleanupReport } from "../../actions/cleanup.js";
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

type CleanupModule = typeof CleanupActions;
type CleanupFlags = StageFlags & WriteFlags & ConfirmFlags & { allStages?: boolean; include?: string };

export function registerCleanup(program: Command, run: Run): void {
  confirmOptions(stageOptions(program.command("cleanup").description(t("cli.cleanup.description"))))
    .option("--all-stages", t("cli.cleanup.opt.all-stages"))
    .option("--include <what>", t("cli.cleanup.opt.include"))
    .option("--yes", t("cli.cleanup.opt.yes"))
    .option("--dry-run", t("cli.cleanup.opt.dry-run"))
    .addOption(jsonOption())
    .action(async (opts: CleanupFlags) => {
      const actions = await import("../../actions/cleanup.js");
      const include = actions.parseInclude(
        opts.include
          ?.split(",")
          .map((k) => k.trim())
          .filter((k) => k !== ""),
      );
      // Without --yes it only plans: nothing is deleted or recorded.
      run.writes({ dryRun: opts.dryRun === true || opts.yes !== true }, "cleanup");
      const result = await run.stage(opts, (open) => cleanup(run, open, actions, include, opts));
      const { renderCleanup } = await import("../../report/cleanup.js");
      run.emit(opts, result, renderCleanup, applyExitCode(result));
    });
}

async function cleanup(
  run: Run,
  open: OpenStage,
  { applyCleanup, planCleanup }: CleanupModule,
  include: ReturnType<CleanupModule["parseInclude"]>,
  opts: CleanupFlags,
): Promise<CleanupReport> {
  const plan = await planCleanup(open, {
    allStages: opts.allStages === true,
    named: include.named,
    env: run.io.env,
    ...(include.kinds === undefined ? {} : { include: include.kinds }),
  });
  if (opts.yes !== true || opts.dryRun === true || plan.stages.length === 0) return { ...plan, dryRun: true };
  const confirmed = await run.confirmStages(
    opts,
    plan.stages.map((stage) => ({
      stage,
      count: plan.candidates.filter((c) => c.stage === stage && c.kept === undefined).length,
    })),
  );
  return applyCleanup(
    open,
    plan,
    { confirmed, confirmProtected: opts.confirmProtected === true, named: include.named },
    { env: run.io.env },
  );
}
