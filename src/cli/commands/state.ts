/** `state show|verify|repair`: a state file, or the stage's state. */
import type { Command } from "commander";
import {
  applyStageRepair,
  planStageRepair,
  repairState,
  showStageState,
  showState,
  verifyStageState,
  verifyState,
} from "../../actions/state.js";
import type { OpenStage } from "../../backends/resolve.js";
import { StatewardError } from "../../errors.js";
import { renderRepair, renderShow, renderVerify } from "../../report/state.js";
import { blockersExitCode } from "../exit-codes.js";
import { fileOrStage, jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Run } from "../run.js";

type RepairFlags = StageFlags & WriteFlags & { out?: string; inPlace?: boolean };

export function registerState(program: Command, run: Run): void {
  const state = program
    .command("state")
    .description(
      "inspect, verify and repair a state file (`sst state export`, `pulumi stack export`, or a checkpoint)",
    );

  stageOptions(state.command("show"))
    .description(
      "stack, app, stage, Pulumi version, resource counts by type, pending operations, protected and retained resources",
    )
    .argument(
      "[file]",
      "state file (plain or gzip JSON); - reads standard input; omit to read the stage's state",
    )
    .addOption(jsonOption())
    .action(async (file: string | undefined, opts: StageFlags) => {
      const result =
        fileOrStage(file, opts) === "file"
          ? await showState(file!)
          : await run.stage(opts, (open) => showStageState(open));
      run.emit(opts, result, renderShow);
    });

  stageOptions(state.command("verify"))
    .description(
      "list every integrity violation Pulumi would refuse the state for (exit 0 clean, 3 violations)",
    )
    .argument("[file]", "state file; - reads standard input; omit to read the stage's state")
    .addOption(jsonOption())
    .action(async (file: string | undefined, opts: StageFlags) => {
      const result =
        fileOrStage(file, opts) === "file"
          ? await verifyState(file!)
          : await run.stage(opts, (open) => verifyStageState(open));
      run.emit(opts, result, renderVerify, blockersExitCode(result.violations.length));
    });

  registerRepair(state, run);
}

function registerRepair(state: Command, run: Run): void {
  stageOptions(state.command("repair"))
    .description(
      "fix ordering and dangling references as `pulumi state repair` does, and the manifest magic; shows what it changes and why, and writes only with --out or --in-place",
    )
    .argument("[file]", "state file; - reads standard input (with --out); omit to repair the stage's state")
    .option(
      "-o, --out <file>",
      "write the repaired state to this new file (never overwrites an existing one)",
    )
    .option("--in-place", "replace <file>, keeping the previous bytes in <file>.bak")
    .option("--yes", "write without asking (needed off a terminal for a stage or --in-place)")
    .option("--dry-run", "show the repair and where it would be written; write nothing (file or stage)")
    .addOption(jsonOption())
    .action(async (file: string | undefined, opts: RepairFlags) => {
      if (fileOrStage(file, opts) === "file") {
        // Replacing the user's file is a write like any other: a yes first (--out makes a new file).
        if (opts.inPlace === true && opts.dryRun !== true)
          run.requireConsent(opts, "state repair --in-place");
        const result = await repairFile(run, file!, opts);
        run.emit(opts, result, renderRepair, blockersExitCode(result.remaining.length));
        return;
      }
      refuseFileFlags(opts);
      run.requireConsent(opts, "state repair");
      const result = await run.stage(opts, (open) => repairStage(run, open, opts));
      run.emit(opts, result, renderRepair, blockersExitCode(result.remaining.length));
    });
}

async function repairFile(run: Run, file: string, opts: RepairFlags) {
  if (opts.inPlace === true && opts.dryRun !== true)
    await run.consentOrDecline(opts, `Replace ${file} with the repaired state (keeping a .bak)?`);
  return repairState(file, { out: opts.out, inPlace: opts.inPlace, dryRun: opts.dryRun === true });
}

function refuseFileFlags(opts: RepairFlags): void {
  if (opts.out !== undefined || opts.inPlace === true) {
    throw new StatewardError(
      "USAGE",
      "--out and --in-place are for a state file; a stage is written in place under the safe-write protocol.",
      { hint: "Drop them (the stage's previous state is backed up), or export the state to a file first." },
    );
  }
}

async function repairStage(run: Run, open: OpenStage, opts: RepairFlags) {
  const prepared = await planStageRepair(open);
  if (prepared.next === undefined) return prepared.result;
  if (opts.dryRun === true)
    return { ...prepared.result, notWritten: "dry-run" as const, wouldWrite: prepared.read.location };
  if (opts.json !== true) run.io.stderr.write(renderRepair(prepared.result, run.colors(opts)) + "\n");
  await run.consentOrDecline(opts, `Write the repaired state to ${open.backend.label}?`);
  return applyStageRepair(open, prepared, { onStep: run.steps(opts) });
}
