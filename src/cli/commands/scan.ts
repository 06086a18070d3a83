/** `scan`: the stage's state and the cloud, side by side. */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import { scanExitCode } from "../exit-codes.js";
import { integerOption, jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type ScanFlags = StageFlags & {
  allStages?: boolean;
  history?: boolean;
  drift?: boolean;
  concurrency: string;
};

export function registerScan(program: Command, run: Run): void {
  stageOptions(program.command("scan").description(t("cli.scan.description")))
    .option("--all-stages", t("cli.scan.opt.all-stages"))
    .option("--history", t("cli.scan.opt.history"))
    .option("--drift", t("cli.scan.opt.drift"))
    .option("--concurrency <n>", t("cli.opt.concurrency"), "8")
    .addOption(jsonOption())
    .action(async (opts: ScanFlags) => {
      const concurrency = integerOption("--concurrency", opts.concurrency, 1, 64);
      const { scan } = await import("../../actions/scan.js");
      const { renderScan } = await import("../../report/scan.js");
      const progress = run.progressLine(opts);
      const result = await run.stage(opts, (open) =>
        scan(open, {
          allStages: opts.allStages === true,
          history: opts.history === true,
          drift: opts.drift === true,
          concurrency,
          ...(progress === undefined ? {} : { onProgress: progress }),
        }),
      );
      run.emit(opts, result, renderScan, scanExitCode(result));
    });
}
