/** `plan`: doctor's findings as an ordered repair plan (optionally saved for `apply`). */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

export function registerPlan(program: Command, run: Run): void {
  stageOptions(program.command("plan").description(t("cli.plan.description")))
    .option("--all-stages", t("cli.plan.opt.all-stages"))
    .option("-o, --out <file>", t("cli.plan.opt.out"))
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { allStages?: boolean; out?: string }) => {
      const { makePlan, writePlanFile } = await import("../../actions/plan.js");
      const { renderPlan } = await import("../../report/plan.js");
      const plan = await run.stage(opts, (open) => makePlan(open, { allStages: opts.allStages === true }));
      if (opts.out !== undefined) await writePlanFile(opts.out, plan);
      run.emit(opts, opts.out === undefined ? plan : { ...plan, out: opts.out }, renderPlan);
    });
}
