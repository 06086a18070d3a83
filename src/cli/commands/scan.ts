/** `scan`: the stage's state and the cloud, side by side. */
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
  stageOptions(
    program
      .command("scan")
      .description(
        "what the state holds and what the cloud holds for the stage, side by side: managed, in state but missing, in the cloud but not in state (and how it was found); exit 5 when part of the scan failed",
      ),
  )
    .option("--all-stages", "scan every stage of the app in one pass")
    .option("--history", "also look for what older versions of the state named")
    .option(
      "--drift",
      "also read each managed resource and compare the properties that count for drift (one read each)",
    )
    .option("--concurrency <n>", "calls in flight per service", "8")
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
