/** `names generate|check`: SST-style physical names, and names that collide across stages. */
import type { Command } from "commander";
import { renderGenerated, renderNamesCheck } from "../../report/names.js";
import { warningsExitCode } from "../exit-codes.js";
import { jsonOption, stageOptions, type CommonOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type GenerateFlags = CommonOptions & { type?: string; app?: string; stage?: string };

export function registerNames(program: Command, run: Run): void {
  const names = program
    .command("names")
    .description("physical names: generate SST-style ones, and find names that collide across stages");
  names
    .command("generate")
    .description(
      "a physical name with app, stage and a stable 8-character suffix, within the service's length and character rules (SST ≥ 3.8 style; the suffix is derived, not random, so it is the same every time)",
    )
    .argument("<logical>", "the logical name, e.g. Api or OrdersTable")
    .option("--type <token>", "only this Pulumi type (default: every type stateward names)")
    .option("--app <name>", "the app (default: the name in sst.config.ts)")
    .option("--stage <name>", "the stage (default: SST_STAGE or .sst/stage)")
    .addOption(jsonOption())
    .action(async (logical: string, opts: GenerateFlags) => {
      const { appAndStage, generate } = await import("../../actions/names.js");
      const { app, stage } = await appAndStage(opts, { cwd: run.io.cwd ?? process.cwd(), env: run.io.env });
      const generated = generate(app, stage, logical, opts.type);
      run.emit(opts, { app, stage, logical, names: generated }, renderGenerated);
    });
  stageOptions(
    names
      .command("check")
      .description(
        "physical names claimed by two stages, names with neither the stage nor a suffix (they collide when another stage deploys), names whose stage was cut off to fit (exit 4 when any)",
      ),
  )
    .option("--all-stages", "check every stage of the app")
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { allStages?: boolean }) => {
      const { checkStageNames } = await import("../../actions/names.js");
      const result = await run.stage(opts, (open) => checkStageNames(open, opts.allStages === true));
      run.emit(opts, result, renderNamesCheck, warningsExitCode(result.problems.length > 0));
    });
}
