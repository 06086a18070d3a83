/** `explain`: the state problems in a failed deploy's output, with their fixes. What it does: explain-run.ts. */
import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";
import { explainCommand } from "./explain-run.js";

export function registerExplain(program: Command, run: Run): void {
  stageOptions(
    program
      .command("explain")
      .description(t("explain.cli.description"))
      .argument("[log]", t("explain.cli.argument-log")),
  )
    .addOption(jsonOption())
    .action((file: string | undefined, opts: StageFlags) => explainCommand(run, file, opts));
}
