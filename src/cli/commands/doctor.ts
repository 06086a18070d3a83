/** `doctor`: every rule over the stage's state, history and cloud. */
import { t } from "../../i18n/index.js";
import { Option, type Command } from "commander";
import type { OpenStage } from "../../backends/resolve.js";
import { doctorExitCode } from "../exit-codes.js";
import { integerOption, jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";
import { doctorNotifier, notifyOption } from "../../notify/index.js";

type DoctorFlags = StageFlags & {
  allStages?: boolean;
  drift?: boolean;
  deep?: boolean;
  strict?: boolean;
  format: string;
  concurrency: string;
};

export function registerDoctor(program: Command, run: Run): void {
  stageOptions(program.command("doctor").description(t("cli.doctor.description")))
    .option("--all-stages", t("cli.doctor.opt.all-stages"))
    .option("--drift", t("cli.doctor.opt.drift"))
    .option("--deep", t("cli.doctor.opt.deep"))
    .option("--strict", t("cli.doctor.opt.strict"))
    .addOption(
      new Option("--format <format>", t("cli.doctor.opt.format"))
        .choices(["table", "json", "markdown", "sarif"])
        .default("table"),
    )
    .option("--concurrency <n>", t("cli.opt.concurrency"), "8")
    .addOption(jsonOption())
    .addOption(notifyOption())
    .action(async (opts: DoctorFlags) => {
      const notify = doctorNotifier(run, opts);
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
      await notify(report, code);
    });
}

/** SARIF results are located in the stages' state objects. */
async function sarifLocations(open: OpenStage, report: { stages: string[]; findings: { stage: string }[] }) {
  const { stateLocations } = await import("../../report/sarif.js");
  return stateLocations(open.backend, [...report.stages, ...report.findings.map((f) => f.stage)]);
}
