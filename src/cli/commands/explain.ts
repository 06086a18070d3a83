/** `explain`: the state problems in a failed deploy's output, with their fixes. */
import type { Command } from "commander";
import type { ExplainReport } from "../../actions/explain.js";
import type { Colors } from "../../report/style.js";
import { blockersExitCode, usageError } from "../exit-codes.js";
import { hasStageFlags, jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

export function registerExplain(program: Command, run: Run): void {
  stageOptions(
    program
      .command("explain")
      .description(
        'read the output of a failed `sst deploy` / `sst refresh` / `pulumi up` and explain every state problem in it — "already exists", locks, passphrases, corrupted state, pending operations, unknown stages, regions — with the fix; with --app/--stage it also checks them against the cloud and state (exit 0 no failure or none recognised, 1 input that is not a log, 3 problems found)',
      )
      .argument("[log]", "the log file; - (or nothing, when piped) reads standard input"),
  )
    .addOption(jsonOption())
    .action(async (file: string | undefined, opts: StageFlags) => {
      const source = file ?? (run.io.stdinIsTTY === true ? undefined : "-");
      if (source === undefined) {
        throw usageError(
          "Which log? Pass a file, or pipe the deploy's output in.",
          "e.g. `sst deploy --stage dev 2>&1 | tee deploy.log; stateward explain deploy.log`",
        );
      }
      const { explainFile, checkAgainstStage } = await import("../../actions/explain.js");
      const { renderExplain } = await import("../../report/explain.js");
      const report = await explainFile(source);
      if (hasStageFlags(opts) && report.problems.length > 0) {
        await run.stage(opts, (open) => checkAgainstStage(report, open));
      }
      run.emit(
        opts,
        report,
        (r, c) => renderChecked(r, c, renderExplain(r, c)),
        blockersExitCode(report.problems.length),
      );
    });
}

/** The explanation, and what checking it against the cloud and state found. */
function renderChecked(r: ExplainReport, c: Colors, text: string): string {
  if (r.confirmed === undefined) return text;
  const lines = [text, "", c.bold("Checked against the cloud and the state")];
  if (r.confirmed.length === 0)
    lines.push(c.dim("  doctor finds nothing about these resources now (already fixed?)."));
  for (const f of r.confirmed)
    lines.push(`  ${f.severity} ${f.rule}: ${f.evidence}`, ...f.fix.map((x) => `    fix: ${x}`));
  return lines.join("\n");
}
