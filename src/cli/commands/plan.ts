/** `plan`: doctor's findings as an ordered repair plan (optionally saved for `apply`). */
import type { Command } from "commander";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

export function registerPlan(program: Command, run: Run): void {
  stageOptions(
    program
      .command("plan")
      .description(
        "turn doctor's findings into a repair plan: ordered actions (adopt, forget, clear-pending, refresh-entry, repair-integrity, release-lock, delete-in-cloud, rename), each with the finding it resolves, what changes and whether it can be undone; --out saves the versioned plan file",
      ),
  )
    .option("--all-stages", "plan for every stage of the app")
    .option("-o, --out <file>", "save the plan (never overwrites a file)")
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { allStages?: boolean; out?: string }) => {
      const { makePlan, writePlanFile } = await import("../../actions/plan.js");
      const { renderPlan } = await import("../../report/plan.js");
      const plan = await run.stage(opts, (open) => makePlan(open, { allStages: opts.allStages === true }));
      if (opts.out !== undefined) await writePlanFile(opts.out, plan);
      run.emit(opts, opts.out === undefined ? plan : { ...plan, out: opts.out }, renderPlan);
    });
}
