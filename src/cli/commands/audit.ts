/** `audit` (and `audit list`): what stateward changed in the stage, and the deploys guard ran. */
import type { Command } from "commander";
import { auditLog } from "../../actions/lock.js";
import { t } from "../../i18n/index.js";
import { renderAuditTimeline } from "../../report/audit-timeline.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

export function registerAudit(program: Command, run: Run): void {
  const show = async (opts: StageFlags) => {
    run.emit(
      opts,
      await run.stage({ ...opts, mayBeNew: true }, (open) => auditLog(open)),
      renderAuditTimeline,
    );
  };
  const audit = stageOptions(program.command("audit").description(t("guard.auditCmd.description")))
    .addOption(jsonOption())
    .action(show);
  // The stage flags may come before `list` (they are audit's then) or after it.
  stageOptions(audit.command("list").description(t("guard.auditCmd.list.description")))
    .addOption(jsonOption())
    .action((_opts: StageFlags, cmd: Command) => show(cmd.optsWithGlobals<StageFlags>()));
}
