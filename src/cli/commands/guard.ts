/** `guard`: doctor first, then the deploy command, then explain its failure. */
import type { Command } from "commander";
import { colorsEnabled, makeColors } from "../../report/style.js";
import { ExitCode } from "../exit-codes.js";
import { stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

export function registerGuard(program: Command, run: Run): void {
  stageOptions(
    program
      .command("guard")
      .description(
        "run doctor first and stop on blockers (unless --force), then run the deploy command with its output passed through unchanged; if it fails, explain what it printed. Exit code: the command's own, or doctor's when it stopped first",
      )
      .argument("<command...>", "the deploy command, after --: stateward guard -- sst deploy --stage dev"),
  )
    .option("--force", "run the command even when doctor finds blockers")
    .action(async (command: string[], opts: StageFlags & { force?: boolean }) => {
      const { doctor } = await import("../../actions/doctor.js");
      const { renderDoctor } = await import("../../report/doctor.js");
      const report = await run.stage(opts, (open) => doctor(open));
      const c = makeColors(colorsEnabled(run.io.env, run.io.stderr.isTTY === true, opts.color));
      if (report.findings.length > 0 || report.incomplete.length > 0)
        run.io.stderr.write(renderDoctor(report, c) + "\n\n");
      if (report.summary.blockers > 0 && opts.force !== true) {
        run.io.stderr.write(
          `${c.red("stateward guard")}: not running \`${command.join(" ")}\`: ${report.summary.blockers} blocker${report.summary.blockers === 1 ? "" : "s"} would make it fail. Fix ${report.summary.blockers === 1 ? "it" : "them"}, or pass --force.\n`,
        );
        run.exitCode = ExitCode.blockers;
        return;
      }
      const { runThrough, explainOutput } = await import("../../actions/guard.js");
      const result = await runThrough(command, run.io, { ...process.env, ...run.io.env });
      if (result.exitCode !== 0) {
        const explained = explainOutput(result);
        if (explained.problems.length > 0) {
          const { renderExplain } = await import("../../report/explain.js");
          run.io.stderr.write(
            `\n${renderExplain({ ...explained, source: `the output of ${command[0]}` }, c)}\n`,
          );
        }
      }
      // The deploy command's own exit code.
      run.exitCode = result.exitCode;
    });
}
