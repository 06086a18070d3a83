/** `guard`: doctor first, then the deploy command, then explain its failure. */
import type { Command } from "commander";
import { colorsEnabled, makeColors } from "../../report/style.js";
import type { Colors } from "../../report/style.js";
import { ExitCode } from "../exit-codes.js";
import { stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type GuardFlags = StageFlags & { force?: boolean; preflight?: string; exclusive?: boolean };

export function registerGuard(program: Command, run: Run): void {
  stageOptions(
    program
      .command("guard")
      .description(
        "run doctor first and stop on blockers (unless --force), then run the deploy command with its output passed through unchanged; if it fails, explain what it printed. Exit code: the command's own, or doctor's when it stopped first",
      )
      .argument("<command...>", "the deploy command, after --: stateward guard -- sst deploy --stage dev"),
  )
    .option("--force", "run the command even when doctor (or --preflight) finds blockers")
    .option(
      "--preflight <plan>",
      "also check the deploy's plan first (`pulumi preview --json` output, or the engine event log; see `stateward preflight`): a planned name that exists already stops the deploy",
    )
    .option(
      "--exclusive",
      "refuse to run while another stage of the app is deploying (its lock is younger than 15 minutes); without it, guard only warns",
    )
    .action(async (command: string[], opts: GuardFlags) => {
      const c = makeColors(colorsEnabled(run.io.env, run.io.stderr.isTTY === true, opts.color));
      const { doctor } = await import("../../actions/doctor.js");
      const { renderDoctor } = await import("../../report/doctor.js");
      const { stagesDeployingNow } = await import("../../actions/guard.js");
      // A first deploy's stage has no state yet: nothing for doctor to check, the rest still runs.
      const { report, deploying } = await run.stage({ ...opts, mayBeNew: true }, async (open) => ({
        deploying: await stagesDeployingNow(open),
        report: (await open.backend.readState(open.signal)) === undefined ? undefined : await doctor(open),
      }));
      if (deploying.length > 0) {
        const list = deploying
          .map(
            (d) =>
              `${d.stage} (${d.command ?? "a deploy"}${d.holder === undefined ? "" : ` by ${d.holder}`}, lock taken ${Math.round((d.ageSeconds ?? 0) / 60)} min ago)`,
          )
          .join(", ");
        run.io.stderr.write(
          `${c.yellow("stateward guard")}: another stage of this app is deploying right now: ${list}. Two stages deploying at once collide on any name fixed in the program.\n`,
        );
        if (opts.exclusive === true) {
          run.io.stderr.write(
            `${c.red("stateward guard")}: not running \`${command.join(" ")}\` (--exclusive). Wait for it to finish, or leave out --exclusive.\n`,
          );
          run.exitCode = ExitCode.blockers;
          return;
        }
      }
      if (report === undefined)
        run.io.stderr.write(
          `stateward guard: ${opts.stage ?? "the stage"} has no state yet (its first deploy): doctor has nothing to check.\n`,
        );
      else if (report.findings.length > 0 || report.incomplete.length > 0)
        run.io.stderr.write(renderDoctor(report, c) + "\n\n");
      if (report !== undefined && report.summary.blockers > 0 && opts.force !== true) {
        run.io.stderr.write(
          `${c.red("stateward guard")}: not running \`${command.join(" ")}\`: ${report.summary.blockers} blocker${report.summary.blockers === 1 ? "" : "s"} would make it fail. Fix ${report.summary.blockers === 1 ? "it" : "them"}, or pass --force.\n`,
        );
        run.exitCode = ExitCode.blockers;
        return;
      }
      if (opts.preflight !== undefined && !(await preflightPasses(run, opts, command, c))) return;
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

/** `--preflight <plan>`: the plan's taken names stop the deploy (unless --force); false when stopped. */
async function preflightPasses(run: Run, opts: GuardFlags, command: string[], c: Colors): Promise<boolean> {
  const { preflight, readDeployPlan } = await import("../../actions/preflight.js");
  const { renderPreflight } = await import("../../report/preflight.js");
  const { source, plan } = await readDeployPlan(opts.preflight!);
  const report = await run.stage({ ...opts, mayBeNew: true }, (open) => preflight(open, plan, source));
  if (report.blockers.length === 0 && report.incomplete.length === 0) return true;
  run.io.stderr.write(renderPreflight(report, c) + "\n\n");
  if (report.blockers.length === 0 || opts.force === true) return true;
  run.io.stderr.write(
    `${c.red("stateward guard")}: not running \`${command.join(" ")}\`: ${report.blockers.length} planned name${report.blockers.length === 1 ? " is" : "s are"} taken already. Fix ${report.blockers.length === 1 ? "it" : "them"}, or pass --force.\n`,
  );
  run.exitCode = ExitCode.blockers;
  return false;
}
