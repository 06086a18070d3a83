/** `names generate|check`: SST-style physical names, and names that collide across stages. */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import { warningsExitCode } from "../exit-codes.js";
import { jsonOption, stageOptions, type CommonOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type GenerateFlags = CommonOptions & { type?: string; app?: string; stage?: string };

export function registerNames(program: Command, run: Run): void {
  const names = program.command("names").description(t("cli.names.description"));
  names
    .command("generate")
    .description(t("cli.names.generate.description"))
    .argument("<logical>", t("cli.names.arg.logical"))
    .option("--type <token>", t("cli.names.opt.type"))
    .option("--app <name>", t("cli.names.opt.app"))
    .option("--stage <name>", t("cli.names.opt.stage"))
    .addOption(jsonOption())
    .action(async (logical: string, opts: GenerateFlags) => {
      const { appAndStage, generate } = await import("../../actions/names.js");
      const { renderGenerated } = await import("../../report/names.js");
      const { app, stage } = await appAndStage(opts, { cwd: run.io.cwd ?? process.cwd(), env: run.io.env });
      const generated = generate(app, stage, logical, opts.type);
      run.emit(opts, { app, stage, logical, names: generated }, renderGenerated);
    });
  stageOptions(names.command("check").description(t("cli.names.check.description")))
    .option("--all-stages", t("cli.names.opt.all-stages"))
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { allStages?: boolean }) => {
      const { checkStageNames } = await import("../../actions/names.js");
      const { renderNamesCheck } = await import("../../report/names.js");
      const result = await run.stage(opts, (open) => checkStageNames(open, opts.allStages === true));
      run.emit(opts, result, renderNamesCheck, warningsExitCode(result.problems.length > 0));
    });
}
