/** `preflight`: before a deploy, the planned creates whose physical names are taken already. */
import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { preflightExitCode } from "../exit-codes.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type PreflightFlags = StageFlags & { plan?: string };

export function registerPreflight(program: Command, run: Run): void {
  stageOptions(program.command("preflight").description(t("preflight.cli.description")))
    .option("--plan <file>", t("preflight.cli.plan"))
    .addOption(jsonOption())
    .action(async (opts: PreflightFlags) => {
      const { preflight, predictedPreflight, readDeployPlan } = await import("../../actions/preflight.js");
      const { renderPreflight } = await import("../../report/preflight.js");
      const given = opts.plan === undefined ? undefined : await readDeployPlan(opts.plan);
      // A first deploy's stage has no state yet: it is checked all the same.
      const report = await run.stage({ ...opts, mayBeNew: true }, (open) =>
        given === undefined ? predictedPreflight(open) : preflight(open, given.plan, given.source),
      );
      run.emit(opts, report, renderPreflight, preflightExitCode(report));
    });
}
