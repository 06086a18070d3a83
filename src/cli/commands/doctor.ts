/** `doctor`: every rule over the stage's state, history and cloud. */
import { Option, type Command } from "commander";
import type { OpenStage } from "../../backends/resolve.js";
import { doctorExitCode } from "../exit-codes.js";
import { integerOption, jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type DoctorFlags = StageFlags & {
  allStages?: boolean;
  drift?: boolean;
  deep?: boolean;
  strict?: boolean;
  format: string;
  concurrency: string;
};

export function registerDoctor(program: Command, run: Run): void {
  stageOptions(
    program
      .command("doctor")
      .description(
        "the main job: loads the stage's state and recent history, scans the cloud, and runs every rule — pending creates, orphans, names taken, stale entries and locks, integrity, rollbacks, region and account mismatches, leftovers — each finding with its cause and the commands that fix it, and how many resources it checked (exit 0 clean, 3 blockers, 4 warnings, 5 incomplete; with --strict also 5 when anything was not checked)",
      ),
  )
    .option(
      "--all-stages",
      "check every stage of the app (and removed stages that left update records) in one pass",
    )
    .option("--drift", "also read each managed resource and report changed properties (one read each)")
    .option(
      "--deep",
      "also look for orphans found only through their parent — a stage function's URL and permissions, a stage topic's subscriptions, a user pool's domain (a call per parent; cleanup always does; implied by --drift)",
    )
    .option(
      "--strict",
      "exit 5 when any resource was not checked (a type stateward does not look up), not only when the scan failed",
    )
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["table", "json", "markdown", "sarif"])
        .default("table"),
    )
    .option("--concurrency <n>", "calls in flight per service", "8")
    .addOption(jsonOption())
    .action(async (opts: DoctorFlags) => {
      const concurrency = integerOption("--concurrency", opts.concurrency, 1, 64);
      const format = opts.json === true ? "json" : opts.format;
      const { doctor } = await import("../../actions/doctor.js");
      const { renderDoctor, renderDoctorMarkdown, renderDoctorSarif } =
        await import("../../report/doctor.js");
      const progress = run.progressLine({ ...opts, json: format !== "table" });
      const { report, states } = await run.stage(opts, async (open) => {
        const report = await doctor(open, {
          allStages: opts.allStages === true,
          drift: opts.drift === true,
          deep: opts.deep === true,
          concurrency,
          ...(progress === undefined ? {} : { onProgress: progress }),
        });
        return { report, states: format === "sarif" ? await sarifLocations(open, report) : {} };
      });
      const code = doctorExitCode(report, { strict: opts.strict === true });
      if (format === "markdown") run.emit({ color: false }, report, (r) => renderDoctorMarkdown(r), code);
      else if (format === "sarif")
        run.emit({ color: false }, report, (r) => renderDoctorSarif(r, states), code);
      else run.emit({ ...opts, json: format === "json" }, report, renderDoctor, code);
    });
}

/** SARIF results are located in the stages' state objects. */
async function sarifLocations(open: OpenStage, report: { stages: string[]; findings: { stage: string }[] }) {
  const { stateLocations } = await import("../../report/sarif.js");
  return stateLocations(open.backend, [...report.stages, ...report.findings.map((f) => f.stage)]);
}
