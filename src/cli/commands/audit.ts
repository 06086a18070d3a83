/** `audit`: what stateward changed in the stage. */
import type { Command } from "commander";
import { auditLog } from "../../actions/lock.js";
import { renderAudit } from "../../report/history.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

export function registerAudit(program: Command, run: Run): void {
  stageOptions(
    program
      .command("audit")
      .description(
        "every change stateward made to the stage: when, who, what, state before and after, backup",
      ),
  )
    .addOption(jsonOption())
    .action(async (opts: StageFlags) => {
      run.emit(opts, await run.stage(opts, (open) => auditLog(open)), renderAudit);
    });
}
