/** `history list|show|diff|restore`: every version of a stage's state. */
import type { Command } from "commander";
import type { OpenStage } from "../../backends/resolve.js";
import { StatewardError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { when } from "../../report/time.js";
import { ExitCode, blockersExitCode, usageError } from "../exit-codes.js";
import { integerOption, jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Colors } from "../../report/style.js";
import type { Run } from "../run.js";
import type { ObjectCache } from "../../backends/object-cache.js";

/**
 * The cache on disk of immutable stored objects, unless `--no-cache` (or no cache directory). Loaded
 * when a history command runs (it brings node:crypto), not at start-up (issue 17).
 */
async function objectCache(run: Run, opts: { cache?: boolean }): Promise<{ cache?: ObjectCache }> {
  const [{ ObjectCache }, { cacheDir }] = await Promise.all([
    import("../../backends/object-cache.js"),
    import("../../util/cache-dir.js"),
  ]);
  const dir = opts.cache === false ? undefined : cacheDir(run.io.env);
  return dir === undefined ? {} : { cache: new ObjectCache(dir) };
}

type RestoreFlags = StageFlags & WriteFlags & { cloudCheck: boolean; concurrency: string };

export function registerHistory(program: Command, run: Run): void {
  const history = program.command("history").description(t("history.cli.description"));
  registerList(history, run);
  registerShow(history, run);
  registerDiff(history, run);
  registerRestore(history, run);
  registerSnapshot(history, run);
  registerBackup(history, run);
  registerExport(history, run);
}

function registerSnapshot(history: Command, run: Run): void {
  stageOptions(history.command("snapshot").description(t("history.cli.snapshot.description")))
    .option("--note <text>", t("history.cli.snapshot.note"))
    .option("--dry-run", t("history.cli.snapshot.dry-run"))
    .option("--no-cache", t("history.cli.no-cache"))
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { note?: string; dryRun?: boolean; cache?: boolean }) => {
      // Actions and reports load when a history command runs, not at start-up (issue 17).
      const { takeSnapshot } = await import("../../actions/snapshot.js");
      const { renderSnapshot } = await import("../../report/backup.js");
      run.writes(opts, "history snapshot"); // i18n-exempt: the action's name in records
      // Naming the version it holds reads what `history show` would, through the same cache.
      const cache = await objectCache(run, opts);
      const result = await run.stage(opts, (open) =>
        takeSnapshot(open, {
          ...cache,
          ...(opts.note === undefined ? {} : { note: opts.note }),
          dryRun: opts.dryRun === true,
        }),
      );
      run.emit(opts, result, renderSnapshot);
    });
}

type BackupFlags = StageFlags & {
  to?: string;
  verify?: boolean;
  dryRun?: boolean;
  concurrency: string;
};

function registerBackup(history: Command, run: Run): void {
  stageOptions(history.command("backup").description(t("history.cli.backup.description")))
    .option("--to <dir|s3://bucket/prefix>", t("history.cli.backup.to"))
    .option("--all-stages", t("history.cli.backup.all-stages"))
    .option("--verify", t("history.cli.backup.verify"))
    .option("--dry-run", t("history.cli.backup.dry-run"))
    .option("--concurrency <n>", t("history.cli.concurrency"), "4")
    .addOption(jsonOption())
    .action(async (opts: BackupFlags) => {
      const to = opts.to;
      if (to === undefined || to === "") {
        throw usageError(t("history.backup.error.no-target"), t("history.backup.hint.target"));
      }
      const concurrency = integerOption("--concurrency", opts.concurrency, 1, 64);
      const dryRun = opts.dryRun === true;
      const { backupStages, openBackupTarget } = await import("../../actions/backup.js");
      const { renderBackup } = await import("../../report/backup.js");
      const result = await run.stage(opts, async (open) => {
        const target = await openBackupTarget(to, open, run.io.env, dryRun);
        try {
          const backends =
            opts.allStages === true
              ? await Promise.all(
                  (await open.backend.listStages(open.signal)).map((s) => open.backend.forStage(s)),
                )
              : [open.backend];
          return await backupStages(backends, target, {
            dryRun,
            verify: opts.verify === true,
            concurrency,
            ...(open.signal === undefined ? {} : { signal: open.signal }),
          });
        } finally {
          target.close();
        }
      });
      run.emit(opts, result, renderBackup, result.totals.corrupt > 0 ? ExitCode.error : ExitCode.ok);
    });
}

function registerExport(history: Command, run: Run): void {
  stageOptions(history.command("export").description(t("history.cli.export.description")))
    .option("--git <dir>", t("history.cli.export.git"))
    .option("--dry-run", t("history.cli.export.dry-run"))
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { git?: string; dryRun?: boolean }) => {
      const dir = opts.git;
      if (dir === undefined || dir === "") {
        throw usageError(t("history.export.error.no-git"), t("history.export.hint.dir"));
      }
      const { exportGit } = await import("../../actions/export-git.js");
      const { renderExport } = await import("../../report/backup.js");
      const result = await run.stage(opts, (open) =>
        exportGit(open.backend, dir, {
          dryRun: opts.dryRun === true,
          ...(open.signal === undefined ? {} : { signal: open.signal }),
        }),
      );
      run.emit(opts, result, renderExport);
    });
}

function registerList(history: Command, run: Run): void {
  stageOptions(history.command("list").description(t("history.cli.list.description")))
    .option("--concurrency <n>", t("history.cli.downloads"), "16")
    .option("--no-cache", t("history.cli.no-cache"))
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { concurrency: string; cache?: boolean }) => {
      const concurrency = integerOption("--concurrency", opts.concurrency, 1, 256);
      const { listHistory } = await import("../../actions/history.js");
      const { renderHistoryList } = await import("../../report/history.js");
      // The listing itself shows the stage exists; only an empty one needs the separate check.
      const cache = await objectCache(run, opts);
      const list = await run.stage({ ...opts, checkLater: true }, async (open) => {
        const found = await listHistory(open.backend, {
          ...cache,
          concurrency,
          signal: open.signal,
          onProgress: run.progress(opts, t("history.cli.progress")),
        });
        if (found.versions.length === 0 && found.events.length === 0) await open.requireStage?.();
        return found;
      });
      run.emit(opts, { ...list, bytesOf: undefined }, renderHistoryList);
    });
}

function registerShow(history: Command, run: Run): void {
  stageOptions(
    history
      .command("show")
      .description(t("history.cli.show.description"))
      .argument("<version>", t("history.cli.version-arg")),
  )
    .option("--no-cache", t("history.cli.no-cache"))
    .addOption(jsonOption())
    .action(async (name: string, opts: StageFlags & { cache?: boolean }) => {
      const { StageVersions } = await import("../../actions/history.js");
      const { renderVersionShow } = await import("../../report/history.js");
      const cache = await objectCache(run, opts);
      const result = await run.stage(opts, (open) =>
        new StageVersions(open.backend, { ...cache, signal: open.signal }).show(name),
      );
      run.emit(opts, result, renderVersionShow);
    });
}

function registerDiff(history: Command, run: Run): void {
  stageOptions(
    history
      .command("diff")
      .description(t("history.cli.diff.description"))
      .argument("<a>", t("history.cli.diff.a"))
      .argument("<b>", t("history.cli.diff.b")),
  )
    .option("--no-cache", t("history.cli.no-cache"))
    .addOption(jsonOption())
    .action(async (a: string, b: string, opts: StageFlags & { cache?: boolean }) => {
      const { diffHistory, diffNeedsStage } = await import("../../actions/history-diff.js");
      const { renderDiff } = await import("../../report/state.js");
      // Two files need no stage; a version needs the stage opened (and its flags).
      const result = (await diffNeedsStage(a, b))
        ? await run.stage(opts, async (open) =>
            diffHistory(a, b, {
              ...(await objectCache(run, opts)),
              backend: open.backend,
              signal: open.signal,
            }),
          )
        : await diffHistory(a, b);
      run.emit(opts, result, renderDiff);
    });
}

function registerRestore(history: Command, run: Run): void {
  stageOptions(
    history
      .command("restore")
      .description(t("history.cli.restore.description"))
      .argument("[version]", t("history.cli.restore.version")),
  )
    .option("--yes", t("history.cli.restore.yes"))
    .option("--dry-run", t("history.cli.restore.dry-run"))
    .option("--no-cloud-check", t("history.cli.restore.no-cloud-check"))
    .option("--concurrency <n>", t("history.cli.downloads"), "16")
    .addOption(jsonOption())
    .action(async (name: string | undefined, opts: RestoreFlags) => {
      run.requireConsent(opts, "history restore"); // i18n-exempt: the action's name
      const concurrency = integerOption("--concurrency", opts.concurrency, 1, 256);
      if (name === undefined && run.io.prompt === undefined) {
        throw usageError(t("history.restore.error.which"), t("history.restore.hint.which"));
      }
      const { renderRestoreResult } = await import("../../report/history.js");
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
  const { applyRestore, planRestore } = await import("../../actions/restore.js");
  const version = name ?? (await pickVersion(run, open, concurrency, run.colors(opts)));
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
    t("history.restore.confirm", { id: plan.target.id, app: open.backend.app, stage: open.backend.stage }),
  );
  return applyRestore(open, prepared, { onStep: run.steps(opts) });
}

/** On a terminal without a version named: the person picks one from the list. */
async function pickVersion(run: Run, open: OpenStage, concurrency: number, colors: Colors): Promise<string> {
  const { listHistory } = await import("../../actions/history.js");
  // Each version's update in the words `history list` uses (deploy ok / failed / unfinished).
  const { updateText } = await import("../../report/history.js");
  const list = await listHistory(open.backend, { concurrency, signal: open.signal });
  const choices = list.versions
    .filter((v) => v.unreadable === undefined)
    .map((v) => ({
      value: v.id,
      name: t("history.restore.choice", {
        mark: v.current ? "* " : "  ",
        time: when(v.time),
        id: v.id,
        count: v.resources,
        update: updateText(v, colors),
      }),
    }));
  if (choices.length === 0)
    throw new StatewardError(
      "NO_VERSIONS",
      t("history.restore.error.no-versions", { backend: open.backend.label }),
    );
  return run.io.prompt!.select(
    t("history.restore.pick", { app: open.backend.app, stage: open.backend.stage }),
    choices,
  );
}
