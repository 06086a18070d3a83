/** `audit` (and `audit list`): what stateward changed in the stage, and the deploys guard ran. */
import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

export function registerAudit(program: Command, run: Run): void {
  // A stage whose first deploy failed under guard has audit records and no state yet: it is shown. A
  // stage with neither is the usual STAGE_NOT_FOUND.
  const show = async (opts: StageFlags) => {
    const { auditLog } = await import("../../actions/lock.js");
    const { renderAuditTimeline } = await import("../../report/audit-timeline.js");
    const log = await run.stage({ ...opts, mayBeNew: true }, async (open) => {
      const found = await auditLog(open);
      if (found.records.length === 0 && found.unreadable.length === 0) {
        const { requireStage } = await import("../../backends/stages.js");
        await requireStage(open.backend, {
          ...(open.region === undefined ? {} : { region: open.region }),
          ...(open.clients === undefined ? {} : { clients: open.clients }),
          ...(open.signal === undefined ? {} : { signal: open.signal }),
        });
      }
      return found;
    });
    run.emit(opts, log, renderAuditTimeline);
  };
  const audit = stageOptions(program.command("audit").description(t("guard.auditCmd.description")))
    .addOption(jsonOption())
    .action(show);
  // The stage flags may come before `list` (they are audit's then) or after it.
  stageOptions(audit.command("list").description(t("guard.auditCmd.list.description")))
    .addOption(jsonOption())
    .action((_opts: StageFlags, cmd: Command) => show(cmd.optsWithGlobals<StageFlags>()));
}
