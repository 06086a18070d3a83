/** `history list|show|diff|restore`: every version of a stage's state. */
import type { Command } from "commander";
import { listHistory, showHistory } from "../../actions/history.js";
import { diffHistory, diffNeedsStage } from "../../actions/history-diff.js";
import { applyRestore, planRestore } from "../../actions/restore.js";
import type { OpenStage } from "../../backends/resolve.js";
import { StatewardError } from "../../errors.js";
import { renderHistoryList, renderRestoreResult, renderVersionShow } from "../../report/history.js";
import { renderDiff } from "../../report/state.js";
import { blockersExitCode, usageError } from "../exit-codes.js";
import { integerOption, jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Run } from "../run.js";

type RestoreFlags = StageFlags & WriteFlags & { cloudCheck: boolean; concurrency: string };

export function registerHistory(program: Command, run: Run): void {
  const history = program
    .command("history")
    .description("every version of a stage's state: list, show, compare and restore them");
  registerList(history, run);
  registerShow(history, run);
  registerDiff(history, run);
  registerRestore(history, run);
}

function registerList(history: Command, run: Run): void {
  stageOptions(
    history
      .command("list")
      .description(
        "every version of the stage's state, newest first: S3 object versions, SST snapshots with their update records, Pulumi DIY history and backups, merged by content",
      ),
  )
    .option("--concurrency <n>", "downloads in flight", "16")
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { concurrency: string }) => {
      const concurrency = integerOption("--concurrency", opts.concurrency, 1, 256);
      const list = await run.stage(opts, (open) =>
        listHistory(open.backend, {
          concurrency,
          signal: open.signal,
          onProgress: run.progress(opts, "reading versions"),
        }),
      );
      run.emit(opts, { ...list, bytesOf: undefined }, renderHistoryList);
    });
}

function registerShow(history: Command, run: Run): void {
  stageOptions(
    history
      .command("show")
      .description("one version: where it is stored, the update that wrote it, and what it holds")
      .argument("<version>", "id, S3 VersionId, SST update id, current, previous or -N"),
  )
    .addOption(jsonOption())
    .action(async (name: string, opts: StageFlags) => {
      const result = await run.stage(opts, async (open) => {
        const list = await listHistory(open.backend, { signal: open.signal });
        return showHistory(list, name, open.backend.label);
      });
      run.emit(opts, result, renderVersionShow);
    });
}

function registerDiff(history: Command, run: Run): void {
  stageOptions(
    history
      .command("diff")
      .description(
        "resources added, removed and changed between two versions or state files, with the property paths that differ (secrets redacted)",
      )
      .argument("<a>", "the older side: a state file, or a version of the stage (id, current, previous, -N)")
      .argument("<b>", "the newer side"),
  )
    .addOption(jsonOption())
    .action(async (a: string, b: string, opts: StageFlags) => {
      // Two files need no stage; a version needs the stage opened (and its flags).
      const result = (await diffNeedsStage(a, b))
        ? await run.stage(opts, (open) => diffHistory(a, b, { backend: open.backend, signal: open.signal }))
        : await diffHistory(a, b);
      run.emit(opts, result, renderDiff);
    });
}

function registerRestore(history: Command, run: Run): void {
  stageOptions(
    history
      .command("restore")
      .description(
        "make an older version the current state again: first compares it with the current state and with the cloud's tagged resources (what would become orphaned or stale), then writes it under the safe-write protocol (lock, backup, conditional write, read-back, audit)",
      )
      .argument(
        "[version]",
        "which version (see `history list`); on a terminal, omit it to pick from a list",
      ),
  )
    .option("--yes", "restore without asking (needed off a terminal)")
    .option("--dry-run", "show the plan, write nothing")
    .option("--no-cloud-check", "do not compare with the cloud's tagged resources (said in the plan)")
    .option("--concurrency <n>", "downloads in flight", "16")
    .addOption(jsonOption())
    .action(async (name: string | undefined, opts: RestoreFlags) => {
      run.requireConsent(opts, "history restore");
      const concurrency = integerOption("--concurrency", opts.concurrency, 1, 256);
      if (name === undefined && run.io.prompt === undefined) {
        throw usageError(
          "Which version? Name it: `stateward history restore <version>`.",
          "`stateward history list` shows the versions; on a terminal, omitting it lets you pick.",
        );
      }
      const result = await run.stage(opts, (open) => restore(run, open, name, opts, concurrency));
      run.emit(opts, result, renderRestoreResult, blockersExitCode(result.plan.blockers.length));
    });
}

async function restore(
  run: Run,
  open: OpenStage,
  name: string | undefined,
  opts: RestoreFlags,
  concurrency: number,
) {
  const version = name ?? (await pickVersion(run, open, concurrency));
  const prepared = await planRestore(open, version, { cloudCheck: opts.cloudCheck, concurrency });
  const { plan } = prepared;
  if (plan.blockers.length > 0 || plan.noop || opts.dryRun === true)
    return { plan, dryRun: opts.dryRun === true };
  if (opts.json !== true && opts.yes !== true) {
    const { renderRestorePlan } = await import("../../report/history.js");
    run.io.stderr.write(renderRestorePlan(plan, run.colors(opts)) + "\n");
  }
  await run.consentOrDecline(
    opts,
    `Restore version ${plan.target.id} as the current state of ${open.backend.app}/${open.backend.stage}?`,
  );
  return applyRestore(open, prepared, { onStep: run.steps(opts) });
}

/** On a terminal without a version named: the person picks one from the list. */
async function pickVersion(run: Run, open: OpenStage, concurrency: number): Promise<string> {
  const list = await listHistory(open.backend, { concurrency, signal: open.signal });
  const choices = list.versions
    .filter((v) => v.unreadable === undefined)
    .map((v) => ({
      value: v.id,
      name: `${v.current ? "* " : "  "}${v.time.replace("T", " ").slice(0, 19)}  ${v.id}  ${v.resources} resources  ${v.update === undefined ? "" : `${v.update.command ?? ""} ${v.update.outcome}`}`,
    }));
  if (choices.length === 0)
    throw new StatewardError("NO_VERSIONS", `${open.backend.label} has no versions to restore.`);
  return run.io.prompt!.select(
    `Restore which version of ${open.backend.app}/${open.backend.stage}?`,
    choices,
  );
}
