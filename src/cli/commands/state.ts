/** `state show|verify|repair`: a state file, or the stage's state. What each does: state-run.ts. */
import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";
import { stateRepair, stateShow, stateVerify, type RepairFlags } from "./state-run.js";

export function registerState(program: Command, run: Run): void {
  const state = program.command("state").description(t("state.cli.state"));

  stageOptions(state.command("show"))
    .description(t("state.cli.show"))
    .argument("[file]", t("state.cli.show.file"))
    .addOption(jsonOption())
    .action((file: string | undefined, opts: StageFlags) => stateShow(run, file, opts));

  stageOptions(state.command("verify"))
    .description(t("state.cli.verify"))
    .argument("[file]", t("state.cli.verify.file"))
    .addOption(jsonOption())
    .action((file: string | undefined, opts: StageFlags) => stateVerify(run, file, opts));

  stageOptions(state.command("repair"))
    .description(t("state.cli.repair"))
    .argument("[file]", t("state.cli.repair.file"))
    .option("-o, --out <file>", t("state.cli.repair.out"))
    .option("--in-place", t("state.cli.repair.inPlace"))
    .option("--yes", t("state.cli.repair.yes"))
    .option("--dry-run", t("state.cli.repair.dryRun"))
    .addOption(jsonOption())
    .action((file: string | undefined, opts: RepairFlags) => stateRepair(run, file, opts));
}
