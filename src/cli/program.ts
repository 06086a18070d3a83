/**
 * The command line: flags → one action → a reporter → an exit code. Nothing here that a library user
 * would also need.
 */
import { Command, CommanderError, Option } from "commander";
import { setMaxListeners } from "node:events";
import { promises as fs } from "node:fs";
import { loadStateFile } from "../backends/file.js";
import { SCENARIOS, type ScenarioName } from "../actions/sandbox-options.js";
import { listHistory, loadVersion, showHistory, type HistoryVersion } from "../actions/history.js";
import { auditLog, lockStatus, parseDuration, releaseLock } from "../actions/lock.js";
import { applyRestore, planRestore } from "../actions/restore.js";
import {
  applyStageRepair,
  diffStateFiles,
  planStageRepair,
  repairState,
  showStageState,
  showState,
  verifyStageState,
  verifyState,
} from "../actions/state.js";
import { openStage, type OpenStage, type StageOptions } from "../backends/resolve.js";
import {
  INTERRUPTED_EXIT,
  describeAbandoned,
  landedWrite,
  replayBackend,
  settleAbandonedLocks,
  type AbandonedWrite,
  type WriteStep,
} from "../backends/safe-write.js";
import { diffDeployments } from "../state/index.js";
import { ExitCode, StatewardError, isStatewardError } from "../errors.js";
import { isProductionName } from "../rules/types.js";
import {
  renderAudit,
  renderHistoryList,
  renderLockRelease,
  renderLockStatus,
  renderRestoreResult,
  renderVersionShow,
} from "../report/history.js";
import { renderDiff, renderRepair, renderShow, renderVerify } from "../report/state.js";
import { colorsEnabled, makeColors, type Colors } from "../report/style.js";
import { parseTimeout } from "../cloud/clients.js";
import { renderErrorMarkdown } from "../report/doctor.js";
import { errorSarif } from "../report/sarif.js";
import { VERSION } from "../version.js";
import { asking, isPromptExit, promptCancelled, type CliIO } from "./io.js";

interface CommonOptions {
  json?: boolean;
  color?: boolean;
}

type StageFlags = CommonOptions & StageOptions;

/** --app --stage --region --profile --backend: which stage, where. */
function stageOptions(cmd: Command): Command {
  return cmd
    .option("--app <name>", "SST app (Pulumi project for DIY); default: the name in sst.config.ts")
    .option("--stage <name>", "stage (Pulumi stack for DIY); default: SST_STAGE or .sst/stage")
    .option(
      "--region <region>",
      "AWS region of the SST home; default: providers.aws.region, AWS_REGION, the profile's, us-east-1",
    )
    .option("--profile <name>", "AWS profile; default: AWS_PROFILE, then providers.aws.profile")
    .option(
      "--backend <url>",
      "sst (the SST home; default inside an SST project), file://<dir> or s3://<bucket>[/<prefix>] (Pulumi DIY; default PULUMI_BACKEND_URL)",
    );
}

function hasStageFlags(opts: StageOptions): boolean {
  return [opts.app, opts.stage, opts.region, opts.profile, opts.backend].some((v) => v !== undefined);
}

/** `state show|verify|repair` take either a file or a stage, not both. */
function fileOrStage(file: string | undefined, opts: StageOptions): "file" | "stage" {
  if (file !== undefined && hasStageFlags(opts)) {
    throw new StatewardError(
      "USAGE",
      `Give either a state file ("${file}") or --app/--stage/--backend, not both.`,
      {
        exitCode: ExitCode.usage,
      },
    );
  }
  return file === undefined ? "stage" : "file";
}

function versionLabel(v: HistoryVersion): string {
  return `${v.id} (${v.time})`;
}

/** Single-stage writes whose rerun after a kill may end as the interrupted run would have. */
const REPLAYABLE = new Set(["history restore", "state repair", "forget", "adopt"]);

class Run {
  exitCode: number = ExitCode.ok;
  progressShown = false;
  /** --timeout: how long an AWS call may go without an answer (the clients' default otherwise). */
  timeoutMs: number | undefined;
  constructor(
    readonly io: CliIO,
    readonly debug: boolean,
  ) {}

  colors(opts: CommonOptions): Colors {
    return makeColors(colorsEnabled(this.io.env, this.io.stdout.isTTY === true, opts.color));
  }

  /** Opens the stage named by the flags (and the project around the working directory). */
  async stage<T>(opts: StageOptions, body: (open: OpenStage) => Promise<T>): Promise<T> {
    // Ctrl-C aborts the calls in flight; a write then still releases its lock on the way out.
    const controller = new AbortController();
    // Every call in flight listens to it: a scan has far more than Node's default of 10.
    setMaxListeners(0, controller.signal);
    void this.io.untilStopped?.().then(() => controller.abort());
    const open = await openStage(
      {
        app: opts.app,
        stage: opts.stage,
        region: opts.region,
        profile: opts.profile,
        backend: opts.backend,
        // --all-stages needs no --stage (doctor, scan, plan, fix, cleanup, names check).
        ...(opts.allStages === true ? { allStages: true } : {}),
      },
      {
        cwd: this.io.cwd ?? process.cwd(),
        env: this.io.env,
        signal: controller.signal,
        ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
      },
    );
    this.controller = controller;
    try {
      const interrupted = await this.settleInterrupted(open);
      let wrote = false;
      const tracked: OpenStage = {
        ...open,
        writer: (action) => {
          wrote = true;
          return open.writer(action);
        },
      };
      try {
        return await body(tracked);
      } catch (e) {
        // The same command again after a kill that left its lock, its change already in the state —
        // forget or adopt then refuse: end as that run would have, if this run asks for exactly the
        // change it made. (A run that finished and was answered is not replayed: running it twice
        // gets the command's own answer.)
        const action = this.writing;
        if (
          action === undefined ||
          !REPLAYABLE.has(action) ||
          wrote ||
          controller.signal.aborted ||
          !isStatewardError(e) ||
          e.exitCode === INTERRUPTED_EXIT
        )
          throw e;
        const landed = interrupted.map(landedWrite).find((w) => w?.action === action);
        const replay = landed === undefined ? undefined : replayBackend(open.backend, landed);
        if (replay === undefined) throw e;
        try {
          return await body({ ...open, backend: replay });
        } catch (again) {
          const stop =
            isPromptExit(again) || (isStatewardError(again) && again.exitCode === INTERRUPTED_EXIT);
          throw stop ? again : e;
        }
      }
    } catch (e) {
      throw isPromptExit(e) ? promptCancelled() : e;
    } finally {
      open.close();
    }
  }

  /** The write this run is about to make (set by requireConsent); undefined for reads and dry runs. */
  private writing: string | undefined;
  /** Aborted by Ctrl-C or SIGTERM; prompts end with it. */
  private controller: AbortController | undefined;

  /**
   * Before a write: locks left by stateward writes whose process is gone (killed) are settled — a write
   * that landed gets its audit record, and the lock is taken over — and said so on stderr.
   */
  private async settleInterrupted(open: OpenStage): Promise<AbandonedWrite[]> {
    if (this.writing === undefined) return [];
    const writer = await open.writer(this.writing);
    const { abandoned } = await settleAbandonedLocks(
      open.backend,
      writer,
      open.signal === undefined ? {} : { signal: open.signal },
    );
    for (const a of abandoned) this.io.stderr.write(`stateward: ${describeAbandoned(a)}\n`);
    return abandoned;
  }

  /** A one-line counter on a terminal's stderr (nothing in CI, pipes or --json). */
  progress(opts: CommonOptions, what: string): ((done: number, total: number) => void) | undefined {
    if (opts.json === true || this.io.stderr.isTTY !== true) return undefined;
    return (done, total) =>
      this.io.stderr.write(
        done < total ? `\r${what} ${done}/${total}` : `\r${" ".repeat(what.length + 24)}\r`,
      );
  }

  /** What a long step is doing, on one rewritten line of a terminal's stderr. */
  progressLine(opts: CommonOptions): ((message: string) => void) | undefined {
    if (opts.json === true || this.io.stderr.isTTY !== true) return undefined;
    return (message) => {
      this.progressShown = true;
      this.io.stderr.write(`\r\x1b[2K${message}…`);
    };
  }

  /** Progress of a safe write, on stderr; nothing with --json. */
  steps(opts: CommonOptions): ((step: WriteStep, detail: string) => void) | undefined {
    if (opts.json === true) return undefined;
    return (_step, detail) => this.io.stderr.write(`stateward: ${detail}\n`);
  }

  /**
   * A write needs a yes: from the person at the terminal, or --yes. Off a terminal without --yes it is
   * refused before anything is read.
   */
  requireConsent(opts: CommonOptions & { yes?: boolean; dryRun?: boolean }, what: string): void {
    this.writing = opts.dryRun === true ? undefined : what;
    if (opts.yes === true || opts.dryRun === true || this.io.prompt !== undefined) return;
    throw new StatewardError(
      "CONFIRMATION_REQUIRED",
      `${what} writes the state, and there is no terminal to ask.`,
      {
        hint: "Pass --yes to write, or --dry-run to only see what it would do.",
        exitCode: ExitCode.usage,
      },
    );
  }

  /**
   * The stages the user named for this run's deletions: `--confirm <stage>` (once per stage), or the
   * stage name typed on a terminal. A stage nobody named is left out: its resources are not deleted.
   */
  async confirmStages(
    opts: { confirm?: string[] },
    needed: readonly { stage: string; count: number }[],
  ): Promise<string[]> {
    const confirmed = new Set(opts.confirm ?? []);
    const prompt = this.io.prompt;
    for (const { stage, count } of needed) {
      if (confirmed.has(stage) || prompt?.text === undefined) continue;
      const typed = await prompt.text(
        `Type the stage name (${stage}) to delete ${count} resource${count === 1 ? "" : "s"} of stage ${stage} (anything else keeps them)`,
      );
      if (typed.trim() === stage) confirmed.add(stage);
    }
    return [...confirmed];
  }

  /** Ctrl-C at the prompt (or SIGTERM while it waits) is "Cancelled", exit 130, nothing written. */
  async consent(opts: { yes?: boolean }, question: string): Promise<boolean> {
    if (opts.yes === true) return true;
    const prompt = this.io.prompt;
    if (prompt === undefined) return false;
    const signal = this.controller?.signal;
    if (signal?.aborted === true) throw promptCancelled();
    return asking(() => prompt.confirm(question, signal));
  }

  /** Prints a result: JSON (exactly one document) or the human rendering. */
  emit<T>(
    opts: CommonOptions,
    result: T,
    human: (r: T, c: Colors) => string,
    exitCode: number = ExitCode.ok,
  ): void {
    if (this.progressShown) this.io.stderr.write("\r\x1b[2K");
    if (opts.json === true) this.io.stdout.write(JSON.stringify(result, null, 2) + "\n");
    else this.io.stdout.write(human(result, this.colors(opts)) + "\n");
    this.exitCode = exitCode;
  }
}

/** apply and fix: 1 when an action failed, 4 when one is pending or the deletion gate kept it, else 0. */
function applyExitCode(report: { outcomes: { result: string }[] }): number {
  if (report.outcomes.some((o) => o.result === "failed")) return ExitCode.error;
  if (report.outcomes.some((o) => o.result === "pending" || o.result === "refused")) return ExitCode.warnings;
  return ExitCode.ok;
}

/** `--confirm <stage>`, once per stage whose resources may be deleted (repeatable). */
function confirmOptions(cmd: Command): Command {
  return cmd
    .option(
      "--confirm <stage>",
      "a stage whose resources this run may delete, named in advance (once per stage; needed off a terminal)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      "--confirm-protected",
      "also allow deletions in protected stages (prod*, production, `protect` in sst.config.ts, STATEWARD_PROTECTED_STAGES)",
    );
}

function jsonOption(): Option {
  return new Option("--json", "print exactly one JSON document on stdout (errors included)");
}

function build(run: Run): Command {
  const program = new Command();
  program
    .name("stateward")
    .description(
      'Keeps SST and Pulumi deployment state honest: finds why a deploy fails with "already exists", explains it and repairs the state safely.',
    )
    .version(VERSION, "-v, --version")
    .option("--debug", "show stack traces and internal details on errors")
    .option("--no-color", "never color the output, even on a terminal (NO_COLOR is honoured too)")
    .option(
      "--timeout <duration>",
      "how long an AWS call may go without an answer, retries included: 5s, 30s, 2m (default 20s)",
    )
    .hook("preAction", (_program, command) => {
      // Global flags, seen by every command: --no-color as its own `color` option, --timeout by stage().
      const globals = program.opts<{ color?: boolean; timeout?: string }>();
      if (globals.color === false) command.setOptionValue("color", false);
      if (globals.timeout !== undefined) run.timeoutMs = parseTimeout(globals.timeout);
    })
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      "after",
      `
Exit codes: 0 clean, 1 error, 2 usage, 3 problems that break the next deploy,
4 warnings only, 5 incomplete scan, 130 interrupted (Ctrl-C, SIGTERM) or cancelled at a prompt.

Examples:
  stateward state show state.json           what a state file holds
  stateward state verify state.json         every integrity violation (exit 3 if any)
  stateward state repair state.json --out fixed.json
  stateward history diff old.json new.json  what changed between two versions

  Inside an SST project (or with --app/--stage):
  stateward history list                     every version of the stage's state
  stateward history restore previous --dry-run   what restoring would change and orphan
  stateward lock status                      who holds the lock, and did their update finish
  stateward lock release                     break a stale lock as \`sst unlock\` does
  stateward audit                            what stateward changed, by whom
  stateward scan --all-stages                state vs cloud: managed, missing, unmanaged`,
    );

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
      run.emit(opts, result, renderVerify, result.violations.length > 0 ? ExitCode.blockers : ExitCode.ok);
    });

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
    .action(
      async (
        file: string | undefined,
        opts: StageFlags & { out?: string; inPlace?: boolean; yes?: boolean; dryRun?: boolean },
      ) => {
        if (fileOrStage(file, opts) === "file") {
          // Replacing the user's file is a write like any other: a yes first (--out makes a new file).
          if (opts.inPlace === true && opts.dryRun !== true) {
            run.requireConsent(opts, "state repair --in-place");
            if (!(await run.consent(opts, `Replace ${file} with the repaired state (keeping a .bak)?`)))
              throw new StatewardError("CANCELLED", "Nothing was written.", { exitCode: ExitCode.error });
          }
          const result = await repairState(file!, {
            out: opts.out,
            inPlace: opts.inPlace,
            dryRun: opts.dryRun === true,
          });
          run.emit(opts, result, renderRepair, result.remaining.length > 0 ? ExitCode.blockers : ExitCode.ok);
          return;
        }
        if (opts.out !== undefined || opts.inPlace === true) {
          throw new StatewardError(
            "USAGE",
            "--out and --in-place are for a state file; a stage is written in place under the safe-write protocol.",
            {
              hint: "Drop them (the stage's previous state is backed up), or export the state to a file first.",
              exitCode: ExitCode.usage,
            },
          );
        }
        run.requireConsent(opts, "state repair");
        const result = await run.stage(opts, async (open) => {
          const prepared = await planStageRepair(open);
          if (prepared.next === undefined) return prepared.result;
          if (opts.dryRun === true)
            return { ...prepared.result, notWritten: "dry-run" as const, wouldWrite: prepared.read.location };
          if (opts.json !== true) run.io.stderr.write(renderRepair(prepared.result, run.colors(opts)) + "\n");
          if (!(await run.consent(opts, `Write the repaired state to ${open.backend.label}?`))) {
            throw new StatewardError("CANCELLED", "Nothing was written.", { exitCode: ExitCode.error });
          }
          return applyStageRepair(open, prepared, { onStep: run.steps(opts) });
        });
        run.emit(opts, result, renderRepair, result.remaining.length > 0 ? ExitCode.blockers : ExitCode.ok);
      },
    );

  const history = program
    .command("history")
    .description("every version of a stage's state: list, show, compare and restore them");

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
      const [aFile, bFile] = await Promise.all([isFile(a), isFile(b)]);
      if (aFile && bFile) {
        run.emit(opts, await diffStateFiles(a, b), renderDiff);
        return;
      }
      const result = await run.stage(opts, async (open) => {
        const list = await listHistory(open.backend, { signal: open.signal });
        const side = async (name: string, file: boolean) => {
          if (file) {
            const loaded = await loadStateFile(name);
            return { label: name, doc: loaded.doc };
          }
          const v = loadVersion(list, name);
          return { label: `version ${versionLabel(v.version)}`, doc: v.doc };
        };
        const [left, right] = await Promise.all([side(a, aFile), side(b, bFile)]);
        return {
          a: left.label,
          b: right.label,
          diff: diffDeployments(left.doc.deployment, right.doc.deployment),
          warnings: [...left.doc.warnings, ...right.doc.warnings],
        };
      });
      run.emit(opts, result, renderDiff);
    });

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
    .action(
      async (
        name: string | undefined,
        opts: StageFlags & { yes?: boolean; dryRun?: boolean; cloudCheck: boolean; concurrency: string },
      ) => {
        run.requireConsent(opts, "history restore");
        const concurrency = integerOption("--concurrency", opts.concurrency, 1, 256);
        if (name === undefined && run.io.prompt === undefined) {
          throw new StatewardError(
            "USAGE",
            "Which version? Name it: `stateward history restore <version>`.",
            {
              hint: "`stateward history list` shows the versions; on a terminal, omitting it lets you pick.",
              exitCode: ExitCode.usage,
            },
          );
        }
        const result = await run.stage(opts, async (open) => {
          let version = name;
          if (version === undefined) {
            const list = await listHistory(open.backend, { concurrency, signal: open.signal });
            const choices = list.versions
              .filter((v) => v.unreadable === undefined)
              .map((v) => ({
                value: v.id,
                name: `${v.current ? "* " : "  "}${v.time.replace("T", " ").slice(0, 19)}  ${v.id}  ${v.resources} resources  ${v.update === undefined ? "" : `${v.update.command ?? ""} ${v.update.outcome}`}`,
              }));
            if (choices.length === 0)
              throw new StatewardError("NO_VERSIONS", `${open.backend.label} has no versions to restore.`);
            version = await run.io.prompt!.select(
              `Restore which version of ${open.backend.app}/${open.backend.stage}?`,
              choices,
            );
          }
          const prepared = await planRestore(open, version, { cloudCheck: opts.cloudCheck, concurrency });
          const { plan } = prepared;
          if (plan.blockers.length > 0 || plan.noop || opts.dryRun === true)
            return { plan, dryRun: opts.dryRun === true };
          if (opts.json !== true && opts.yes !== true) {
            const { renderRestorePlan } = await import("../report/history.js");
            run.io.stderr.write(renderRestorePlan(plan, run.colors(opts)) + "\n");
          }
          if (
            !(await run.consent(
              opts,
              `Restore version ${plan.target.id} as the current state of ${open.backend.app}/${open.backend.stage}?`,
            ))
          ) {
            throw new StatewardError("CANCELLED", "Nothing was written.", { exitCode: ExitCode.error });
          }
          return applyRestore(open, prepared, { onStep: run.steps(opts) });
        });
        const blocked = result.plan.blockers.length > 0;
        run.emit(opts, result, renderRestoreResult, blocked ? ExitCode.blockers : ExitCode.ok);
      },
    );

  const lock = program
    .command("lock")
    .description("the stage's lock: who holds it, and breaking a stale one");
  stageOptions(
    lock
      .command("status")
      .description(
        "who holds the lock, since when, for which command, update and run, and whether that update finished (exit 0 unlocked, 4 locked)",
      ),
  )
    .addOption(jsonOption())
    .action(async (opts: StageFlags) => {
      const result = await run.stage(opts, (open) => lockStatus(open));
      run.emit(opts, result, renderLockStatus, result.locked ? ExitCode.warnings : ExitCode.ok);
    });
  stageOptions(
    lock
      .command("release")
      .description(
        "break the lock as `sst unlock` does (its update is recorded as failed) and record an audit entry; refuses a lock younger than --older-than without --force",
      ),
  )
    .option("--force", "release even a fresh lock (make sure nothing is deploying)")
    .option("--older-than <age>", "only release a lock at least this old: 90s, 15m, 2h, 1d", "15m")
    .option("--yes", "release without asking (needed off a terminal)")
    .option("--dry-run", "show which lock would be released; write nothing")
    .addOption(jsonOption())
    .action(
      async (opts: StageFlags & { force?: boolean; olderThan: string; yes?: boolean; dryRun?: boolean }) => {
        const olderThanMs = parseDuration(opts.olderThan);
        run.requireConsent(opts, "lock release");
        const result = await run.stage(opts, async (open) => {
          const check = await releaseLock(open, { force: opts.force, olderThanMs, dryRun: true });
          if (opts.dryRun === true || check.released.length === 0) return check;
          if (!(await run.consent(opts, `Release the lock of ${open.backend.app}/${open.backend.stage}?`)))
            throw new StatewardError("CANCELLED", "Nothing was written.", { exitCode: ExitCode.error });
          return releaseLock(open, { force: opts.force, olderThanMs });
        });
        run.emit(opts, result, renderLockRelease);
      },
    );

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
    .action(
      async (
        opts: StageFlags & {
          allStages?: boolean;
          drift?: boolean;
          strict?: boolean;
          format: string;
          concurrency: string;
        },
      ) => {
        const concurrency = integerOption("--concurrency", opts.concurrency, 1, 64);
        const format = opts.json === true ? "json" : opts.format;
        const { doctor, doctorExitCode } = await import("../actions/doctor.js");
        const { renderDoctor, renderDoctorMarkdown, renderDoctorSarif } = await import("../report/doctor.js");
        const quiet = { ...opts, json: format !== "table" };
        const progress = run.progressLine(quiet);
        const { report, states } = await run.stage(opts, async (open) => {
          const report = await doctor(open, {
            allStages: opts.allStages === true,
            drift: opts.drift === true,
            concurrency,
            ...(progress === undefined ? {} : { onProgress: progress }),
          });
          // SARIF results are located in the stages' state objects.
          const { stateLocations } = await import("../report/sarif.js");
          const states =
            format === "sarif"
              ? await stateLocations(open.backend, [...report.stages, ...report.findings.map((f) => f.stage)])
              : {};
          return { report, states };
        });
        const code = doctorExitCode(report, { strict: opts.strict === true });
        if (format === "markdown") run.emit({ color: false }, report, (r) => renderDoctorMarkdown(r), code);
        else if (format === "sarif")
          run.emit({ color: false }, report, (r) => renderDoctorSarif(r, states), code);
        else run.emit({ ...opts, json: format === "json" }, report, renderDoctor, code);
      },
    );

  stageOptions(
    program
      .command("plan")
      .description(
        "turn doctor's findings into a repair plan: ordered actions (adopt, forget, clear-pending, refresh-entry, repair-integrity, release-lock, delete-in-cloud, rename), each with the finding it resolves, what changes and whether it can be undone; --out saves the versioned plan file",
      ),
  )
    .option("--all-stages", "plan for every stage of the app")
    .option("-o, --out <file>", "save the plan (never overwrites a file)")
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { allStages?: boolean; out?: string }) => {
      const { makePlan, writePlanFile } = await import("../actions/plan.js");
      const { renderPlan } = await import("../report/plan.js");
      const plan = await run.stage(opts, (open) => makePlan(open, { allStages: opts.allStages === true }));
      if (opts.out !== undefined) await writePlanFile(opts.out, plan);
      run.emit(opts, opts.out === undefined ? plan : { ...plan, out: opts.out }, renderPlan);
    });

  confirmOptions(
    stageOptions(
      program
        .command("apply")
        .description(
          "carry out a repair plan: refuses if a stage's state changed since the plan; releases locks, writes each stage's state edits in one safe write, then deletes in the cloud in order (only with --allow-delete), stopping at the first cloud failure",
        )
        .argument("<plan>", "the plan file from `stateward plan --out`"),
    ),
  )
    .option("--yes", "apply without asking (needed off a terminal)")
    .option("--dry-run", "show what the state writes would change, do nothing")
    .option(
      "--allow-delete",
      "carry out the plan's cloud deletions too (for the stages named with --confirm, or typed on a terminal)",
    )
    .addOption(jsonOption())
    .action(
      async (
        file: string,
        opts: StageFlags & {
          yes?: boolean;
          dryRun?: boolean;
          allowDelete?: boolean;
          confirm?: string[];
          confirmProtected?: boolean;
        },
      ) => {
        run.requireConsent(opts, "apply");
        const { applyPlan, readPlanFile } = await import("../actions/plan.js");
        const { renderApply } = await import("../report/plan.js");
        const plan = await readPlanFile(file);
        // The plan names its app and stages: they are the defaults.
        const report = await run.stage(
          { app: plan.app, stage: plan.stages[0]?.stage, ...opts },
          async (open) => {
            if (
              opts.dryRun !== true &&
              !(await run.consent(opts, `Apply ${plan.actions.length} actions of ${file} to ${plan.app}?`))
            ) {
              throw new StatewardError("CANCELLED", "Nothing was applied.", { exitCode: ExitCode.error });
            }
            const { deletingStages } = await import("../actions/plan.js");
            const confirmed =
              opts.allowDelete === true && opts.dryRun !== true
                ? await run.confirmStages(
                    opts,
                    deletingStages(plan.actions).map((stage) => ({
                      stage,
                      count: plan.actions.filter((a) => a.destructive && a.stage === stage).length,
                    })),
                  )
                : [];
            return applyPlan(open, plan, {
              dryRun: opts.dryRun === true,
              allowDelete: opts.allowDelete === true,
              confirmed,
              confirmProtected: opts.confirmProtected === true,
              command: "apply",
              env: run.io.env,
              onStep: run.steps(opts),
            });
          },
        );
        run.emit(opts, report, renderApply, applyExitCode(report));
      },
    );

  confirmOptions(
    stageOptions(
      program
        .command("fix")
        .description(
          "doctor, then a checklist of the repair actions (safe ones preselected, deletions not), then apply; off a terminal it needs --yes and applies only what deletes nothing unless --allow-delete with --confirm <stage> for each stage that loses resources. Retained, protected and other stages' resources are never deleted by fix",
        ),
    ),
  )
    .option("--all-stages", "fix every stage of the app")
    .option("--yes", "apply without asking (needed off a terminal)")
    .option("--allow-delete", "also carry out cloud deletions (for the stages named with --confirm)")
    .option("--dry-run", "show the plan and what the state writes would change; do nothing")
    .addOption(jsonOption())
    .action(
      async (
        opts: StageFlags & {
          allStages?: boolean;
          yes?: boolean;
          allowDelete?: boolean;
          dryRun?: boolean;
          confirm?: string[];
          confirmProtected?: boolean;
        },
      ) => {
        run.requireConsent(opts, "fix");
        const { applyPlan, deletingStages, makePlan, safeActions } = await import("../actions/plan.js");
        const { renderApply } = await import("../report/plan.js");
        const report = await run.stage(opts, async (open) => {
          const plan = await makePlan(open, { allStages: opts.allStages === true });
          let only = plan.actions.filter((a) => !a.destructive || opts.allowDelete === true).map((a) => a.id);
          let allowDelete = opts.allowDelete === true;
          if (opts.yes !== true && run.io.prompt?.checkbox !== undefined && plan.actions.length > 0) {
            // --allow-delete on a terminal preselects the deletions too (the stage names are still typed).
            const preselected = new Set(
              (opts.allowDelete === true ? plan.actions : safeActions(plan)).map((a) => a.id),
            );
            only = await run.io.prompt.checkbox(
              `Repair ${open.backend.app} (space to choose, enter to apply)`,
              // Deletions first, marked DELETE with stage, type, physical id and region.
              [...plan.actions]
                .sort((a, b) => Number(b.destructive) - Number(a.destructive))
                .filter((a) => a.target !== "none")
                .map((a) => ({
                  value: a.id,
                  name: `${a.destructive ? "DELETE " : ""}${a.stage}: ${a.change.replace(/^DELETE /, "")}`,
                  checked: preselected.has(a.id),
                })),
            );
            allowDelete = plan.actions.some((a) => a.destructive && only.includes(a.id));
          }
          const chosen = plan.actions.filter((a) => only.includes(a.id));
          const confirmed =
            allowDelete && opts.dryRun !== true
              ? await run.confirmStages(
                  opts,
                  deletingStages(chosen).map((stage) => ({
                    stage,
                    count: chosen.filter((a) => a.destructive && a.stage === stage).length,
                  })),
                )
              : [];
          return applyPlan(open, plan, {
            only,
            allowDelete,
            confirmed,
            confirmProtected: opts.confirmProtected === true,
            command: "fix",
            env: run.io.env,
            dryRun: opts.dryRun === true,
            onStep: run.steps(opts),
          });
        });
        run.emit(opts, report, renderApply, applyExitCode(report));
      },
    );

  stageOptions(
    program
      .command("adopt")
      .description(
        "bring an existing cloud resource into the stage's state as the entry pulumi-aws would have written (read live), so the next deploy sees it as existing; a pending create of it becomes the entry; written under the safe-write protocol",
      )
      .argument("<type>", "Pulumi type token, e.g. aws:dynamodb/table:Table")
      .argument(
        "<id>",
        "its cloud id: table, role, function, bucket or log group name, distribution id, Route 53 record id",
      ),
  )
    .option(
      "--name <logical>",
      "logical name of the new entry (default: the physical name without app, stage and suffix)",
    )
    .option("--parent <urn>", "the component it belongs to (default: the stack)")
    .option(
      "--urn <urn>",
      "the pending create to resolve (default: the one with this name); without such a pending create, the URN the new entry gets (the one doctor names)",
    )
    .option(
      "--retain-on-delete",
      'mark the entry retainOnDelete, as removal: "retain" did (for a retained leftover)',
    )
    .option("--yes", "write without asking (needed off a terminal)")
    .option("--dry-run", "show the entry, write nothing")
    .addOption(jsonOption())
    .action(
      async (
        type: string,
        id: string,
        opts: StageFlags & {
          name?: string;
          parent?: string;
          urn?: string;
          retainOnDelete?: boolean;
          yes?: boolean;
          dryRun?: boolean;
        },
      ) => {
        run.requireConsent(opts, "adopt");
        const { applyAdopt, planAdopt } = await import("../actions/adopt.js");
        const result = await run.stage(opts, async (open) => {
          const prepared = await planAdopt(open, type, id, {
            ...(opts.name === undefined ? {} : { name: opts.name }),
            ...(opts.parent === undefined ? {} : { parent: opts.parent }),
            ...(opts.urn === undefined ? {} : { urn: opts.urn }),
            ...(opts.retainOnDelete === true ? { retainOnDelete: true } : {}),
            ...(opts.region === undefined ? {} : { region: opts.region }),
          });
          if (opts.dryRun === true) return { ...prepared.plan, dryRun: true };
          if (
            !(await run.consent(
              opts,
              `Add ${prepared.plan.urn} to the state of ${open.backend.app}/${open.backend.stage}?`,
            ))
          ) {
            throw new StatewardError("CANCELLED", "Nothing was written.", { exitCode: ExitCode.error });
          }
          return applyAdopt(open, prepared, { onStep: run.steps(opts) });
        });
        run.emit(opts, result, (r) => {
          const written = "written" in r ? (r.written as { location: string; backup?: string }) : undefined;
          return [
            `${r.from === "pending-create" ? "Resolved the pending create" : "New entry"} ${r.urn}`,
            `  id ${r.id}${r.parent === undefined ? "" : `, parent ${r.parent}`}${r.provider === undefined ? "" : `, provider ${r.provider.split("::").slice(-2).join("::")}`}`,
            written === undefined
              ? "Dry run: nothing was written."
              : `Written to ${written.location} (previous state kept at ${written.backup ?? "-"}).`,
          ].join("\n");
        });
      },
    );

  confirmOptions(
    stageOptions(
      program
        .command("cleanup")
        .description(
          "delete what no state holds — orphans, retained leftovers, removed stages' leftovers — in dependency order (distributions disabled, deployed, then deleted; IAM policies before roles). A dry run unless --yes; only the stages named for this run (typed, or --confirm <stage> once per stage) lose anything, and a retained, protected or another stage's resource only when named with --include <id>",
        ),
    ),
  )
    .option("--all-stages", "every stage of the app, removed ones included")
    .option(
      "--include <what>",
      "orphans,retained,removed-stages (default: all three), and/or URNs or physical ids, comma-separated: named ones only (the only way to delete a retained or protected resource)",
    )
    .option("--yes", "delete (on a terminal, after typing each stage name)")
    .option("--dry-run", "list what would be deleted and what the deletion gate keeps; delete nothing")
    .addOption(jsonOption())
    .addHelpText(
      "after",
      `
Examples (on the sandbox):
  stateward cleanup --app acme --stage pr-42                                   what would go (dry run)
  stateward cleanup --app acme --stage pr-42 --yes --confirm pr-42              delete pr-42's leftovers
  stateward cleanup --app acme --stage production --include acme-production-SessionsTable-btvzwchr --yes --confirm production --confirm-protected`,
    )
    .action(
      async (
        opts: StageFlags & {
          allStages?: boolean;
          include?: string;
          yes?: boolean;
          dryRun?: boolean;
          confirm?: string[];
          confirmProtected?: boolean;
        },
      ) => {
        const { applyCleanup, parseInclude, planCleanup } = await import("../actions/cleanup.js");
        const include = parseInclude(
          opts.include
            ?.split(",")
            .map((k) => k.trim())
            .filter((k) => k !== ""),
        );
        const result = await run.stage(opts, async (open) => {
          const plan = await planCleanup(open, {
            allStages: opts.allStages === true,
            named: include.named,
            env: run.io.env,
            ...(include.kinds === undefined ? {} : { include: include.kinds }),
          });
          if (opts.yes !== true || opts.dryRun === true || plan.stages.length === 0)
            return { ...plan, dryRun: true };
          const confirmed = await run.confirmStages(
            opts,
            plan.stages.map((stage) => ({
              stage,
              count: plan.candidates.filter((c) => c.stage === stage && c.kept === undefined).length,
            })),
          );
          if (!plan.stages.some((s) => confirmed.includes(s))) {
            throw new StatewardError(
              "CONFIRMATION_REQUIRED",
              `cleanup --yes deletes resources of ${plan.stages.join(", ")}, and none of them was confirmed for this run; nothing was deleted.`,
              {
                hint: `Pass ${plan.stages.map((s) => `--confirm ${s}`).join(" ")} for the stages to clean (once per stage), or type the stage name on a terminal.`,
                exitCode: ExitCode.usage,
              },
            );
          }
          return applyCleanup(
            open,
            plan,
            { confirmed, confirmProtected: opts.confirmProtected === true, named: include.named },
            { env: run.io.env },
          );
        });
        const failed = result.outcomes?.some((o) => o.result === "failed") === true;
        const held = result.outcomes?.some((o) => o.result === "pending" || o.result === "refused") === true;
        run.emit(
          opts,
          result,
          (r, c) => {
            const lines = [`${c.bold("Cleanup")} ${r.backend}`];
            if (r.candidates.length === 0)
              lines.push(c.green("  Nothing to delete: every resource of these stages is in a state."));
            const rows =
              r.outcomes ??
              r.candidates.map((x) => ({
                ...x,
                result: x.kept === undefined ? "would delete" : "kept",
                detail: x.kept === undefined ? "" : `${x.kept.reason}. ${x.kept.hint}`,
              }));
            for (const o of rows) {
              const mark =
                o.result === "deleted"
                  ? c.green(o.result)
                  : o.result === "failed"
                    ? c.red(o.result)
                    : o.result === "would delete"
                      ? c.red("DELETE")
                      : c.yellow(o.result);
              lines.push(
                `  ${mark}  stage ${o.stage}  ${o.type}  ${o.id}  ${o.region}  ${c.dim(`(${o.why}${o.lastUrn === undefined ? "" : `, was ${o.lastUrn}`})`)}${o.detail === "" ? "" : `\n      ${o.detail}`}`,
              );
            }
            if (r.outcomes === undefined && r.stages.length > 0)
              lines.push(
                "",
                c.dim(
                  `Dry run: nothing was deleted. To delete: --yes ${r.stages.map((s) => `--confirm ${s}`).join(" ")}${r.stages.some(isProductionName) ? " --confirm-protected" : ""}.`,
                ),
              );
            return lines.join("\n");
          },
          failed ? ExitCode.error : held ? ExitCode.warnings : ExitCode.ok,
        );
      },
    );

  stageOptions(
    program
      .command("forget")
      .description(
        "remove entries from the stage's state (the cloud is not touched), or with --pending clear pending operations; refuses to leave dependents pointing at nothing unless --with-dependents; written under the safe-write protocol",
      )
      .argument("<urn...>", "URNs of the entries (or, with --pending, of the pending operations)"),
  )
    .option("--with-dependents", "also remove every entry that depends on them")
    .option(
      "--drop-references",
      "remove only these entries and drop the references to them from their dependents, as a refresh does for a resource deleted by hand",
    )
    .option("--pending", "clear the pending operations of these URNs instead of removing entries")
    .option("--force", "remove protected entries too")
    .option("--yes", "write without asking (needed off a terminal)")
    .option("--dry-run", "show what would be removed, write nothing")
    .addOption(jsonOption())
    .action(
      async (
        urns: string[],
        opts: StageFlags & {
          withDependents?: boolean;
          dropReferences?: boolean;
          pending?: boolean;
          force?: boolean;
          yes?: boolean;
          dryRun?: boolean;
        },
      ) => {
        run.requireConsent(opts, "forget");
        const { applyForget, planForget } = await import("../actions/forget.js");
        const result = await run.stage(opts, async (open) => {
          const prepared = await planForget(open, urns, {
            withDependents: opts.withDependents === true,
            dropReferences: opts.dropReferences === true,
            pending: opts.pending === true,
            allowProtected: opts.force === true,
          });
          if (opts.dryRun === true) return { ...prepared.plan, dryRun: true };
          const list = [
            ...prepared.plan.removed.map((r) => r.urn),
            ...prepared.plan.clearedPending.map((p) => `pending ${p.operation} ${p.urn}`),
          ];
          if (opts.json !== true && opts.yes !== true) run.io.stderr.write(`${list.join("\n")}\n`);
          if (opts.json !== true) for (const n of prepared.plan.notes) run.io.stderr.write(`note: ${n}\n`);
          if (
            !(await run.consent(
              opts,
              `Remove ${list.length} from the state of ${open.backend.app}/${open.backend.stage}?`,
            ))
          ) {
            throw new StatewardError("CANCELLED", "Nothing was written.", { exitCode: ExitCode.error });
          }
          return applyForget(open, prepared, { onStep: run.steps(opts) });
        });
        run.emit(opts, result, (r) => {
          const lines = [
            ...r.removed.map(
              (x) =>
                `- ${x.type}  ${x.urn}${x.dependent ? "  (dependent)" : ""}${x.retainOnDelete === true ? "  (retainOnDelete: stays in AWS)" : ""}`,
            ),
            ...r.clearedPending.map((x) => `- pending ${x.operation}  ${x.urn}`),
          ];
          const written =
            "written" in r ? (r.written as { location: string; backup?: string; audit: string }) : undefined;
          lines.push(
            written === undefined
              ? "Dry run: nothing was written."
              : `Written to ${written.location}; the previous state is kept at ${written.backup ?? "(none)"}; audit ${written.audit}.`,
          );
          return lines.join("\n");
        });
      },
    );

  const names = program
    .command("names")
    .description("physical names: generate SST-style ones, and find names that collide across stages");
  names
    .command("generate")
    .description(
      "a physical name with app, stage and a stable 8-character suffix, within the service's length and character rules (SST ≥ 3.8 style; the suffix is derived, not random, so it is the same every time)",
    )
    .argument("<logical>", "the logical name, e.g. Api or OrdersTable")
    .option("--type <token>", "only this Pulumi type (default: every type stateward names)")
    .option("--app <name>", "the app (default: the name in sst.config.ts)")
    .option("--stage <name>", "the stage (default: SST_STAGE or .sst/stage)")
    .addOption(jsonOption())
    .action(
      async (logical: string, opts: CommonOptions & { type?: string; app?: string; stage?: string }) => {
        const { appAndStage, generate } = await import("../actions/names.js");
        const { app, stage } = await appAndStage(opts, { cwd: run.io.cwd ?? process.cwd(), env: run.io.env });
        const generated = generate(app, stage, logical, opts.type);
        run.emit(opts, { app, stage, logical, names: generated }, (r, c) =>
          [
            `${c.bold("Names")} for ${r.logical} in ${r.app}/${r.stage}`,
            ...r.names.map(
              (n) =>
                `  ${n.type.padEnd(36)} ${n.name}${n.cut === "stage" || n.cut === "name" ? c.yellow(`  (the ${n.cut} was cut to fit ${n.max})`) : ""}`,
            ),
          ].join("\n"),
        );
      },
    );
  stageOptions(
    names
      .command("check")
      .description(
        "physical names claimed by two stages, names with neither the stage nor a suffix (they collide when another stage deploys), names whose stage was cut off to fit (exit 4 when any)",
      ),
  )
    .option("--all-stages", "check every stage of the app")
    .addOption(jsonOption())
    .action(async (opts: StageFlags & { allStages?: boolean }) => {
      const { checkStageNames } = await import("../actions/names.js");
      const result = await run.stage(opts, (open) => checkStageNames(open, opts.allStages === true));
      run.emit(
        opts,
        result,
        (r, c) =>
          r.problems.length === 0
            ? `${c.green("No name problems")} in ${r.stages.join(", ")}.`
            : [
                `${c.bold("Names")} ${r.backend}`,
                ...r.problems.map((p) => `  ${c.yellow(p.kind.padEnd(19))} ${p.type}  ${p.message}`),
              ].join("\n"),
        result.problems.length > 0 ? ExitCode.warnings : ExitCode.ok,
      );
    });

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
        throw new StatewardError("USAGE", "Which log? Pass a file, or pipe the deploy's output in.", {
          hint: "e.g. `sst deploy --stage dev 2>&1 | tee deploy.log; stateward explain deploy.log`",
          exitCode: ExitCode.usage,
        });
      }
      const { explainFile, checkAgainstStage } = await import("../actions/explain.js");
      const { renderExplain } = await import("../report/explain.js");
      const report = await explainFile(source);
      if (hasStageFlags(opts) && report.problems.length > 0) {
        await run.stage(opts, (open) => checkAgainstStage(report, open));
      }
      run.emit(
        opts,
        report,
        (r, c) => {
          const text = renderExplain(r, c);
          if (r.confirmed === undefined) return text;
          const lines = [text, "", c.bold("Checked against the cloud and the state")];
          if (r.confirmed.length === 0)
            lines.push(c.dim("  doctor finds nothing about these resources now (already fixed?)."));
          for (const f of r.confirmed)
            lines.push(`  ${f.severity} ${f.rule}: ${f.evidence}`, ...f.fix.map((x) => `    fix: ${x}`));
          return lines.join("\n");
        },
        report.problems.length > 0 ? ExitCode.blockers : ExitCode.ok,
      );
    });

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
      const { doctor } = await import("../actions/doctor.js");
      const { renderDoctor } = await import("../report/doctor.js");
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
      const { runThrough, explainOutput } = await import("../actions/guard.js");
      const result = await runThrough(command, run.io, { ...process.env, ...run.io.env });
      if (result.exitCode !== 0) {
        const explained = explainOutput(result);
        if (explained.problems.length > 0) {
          const { renderExplain } = await import("../report/explain.js");
          run.io.stderr.write(
            `\n${renderExplain({ ...explained, source: `the output of ${command[0]}` }, c)}\n`,
          );
        }
      }
      run.exitCode = result.exitCode;
    });

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
    .action(
      async (
        opts: StageFlags & { allStages?: boolean; history?: boolean; drift?: boolean; concurrency: string },
      ) => {
        const concurrency = integerOption("--concurrency", opts.concurrency, 1, 64);
        const { scan } = await import("../actions/scan.js");
        const { renderScan } = await import("../report/scan.js");
        const result = await run.stage(opts, (open) =>
          scan(open, {
            allStages: opts.allStages === true,
            history: opts.history === true,
            drift: opts.drift === true,
            concurrency,
            ...(run.progressLine(opts) === undefined ? {} : { onProgress: run.progressLine(opts)! }),
          }),
        );
        run.emit(opts, result, renderScan, result.incomplete.length > 0 ? ExitCode.incomplete : ExitCode.ok);
      },
    );

  stageOptions(
    program
      .command("audit")
      .description(
        "every change stateward made to the stage: when, who, what, state before and after, backup",
      ),
  )
    .addOption(jsonOption())
    .action(async (opts: StageFlags) => {
      run.emit(opts, await run.stage(opts, (open) => auditLog(open)), renderAudit);
    });

  program
    .command("sandbox")
    .description(
      "start the local AWS-compatible cloud on 127.0.0.1 with a broken SST app `acme` in it (no AWS account needed), and print the environment that points stateward at it; runs until Ctrl-C",
    )
    .option("--port <n>", "port to listen on (0 picks a free one)", "4599")
    .addOption(new Option("--scenario <name>", "what to seed").choices([...SCENARIOS]).default("acme"))
    .option(
      "--data <dir>",
      "keep the cloud's contents in this directory across restarts (seeded only when empty)",
    )
    .option("--account <id>", "the AWS account id every caller belongs to", "123456789012")
    .option("--deploy-delay <ms>", "how long a CloudFront change stays InProgress", "2000")
    .option(
      "--exec <command>",
      'run one stateward command against the local cloud, print its output, stop, and exit with its code (e.g. --exec "doctor --app acme --stage dev --all-stages")',
    )
    .addOption(jsonOption())
    .action(
      async (
        opts: CommonOptions & {
          port: string;
          scenario: ScenarioName;
          data?: string;
          account: string;
          deployDelay: string;
          exec?: string;
        },
      ) => {
        // Listen for Ctrl-C / SIGTERM from the start, so a stop during seeding still shuts down cleanly.
        const stopped = run.io.untilStopped?.() ?? Promise.resolve("no stop signal");
        // Loaded on demand: the sandbox pulls in the AWS SDK, which every other command would pay for.
        const { describeSandbox, startSandbox } = await import("../actions/sandbox.js");
        const running = await startSandbox({
          port: integerOption("--port", opts.port, 0, 65535),
          scenario: opts.scenario,
          dataDir: opts.data,
          accountId: accountOption(opts.account),
          deployDelayMs: integerOption("--deploy-delay", opts.deployDelay, 0, 3_600_000),
        });
        try {
          if (opts.exec !== undefined) {
            const args = opts.exec
              .trim()
              .split(/\s+/)
              .filter((a) => a !== "");
            if (args[0] === "sandbox" || args.length === 0) {
              throw new StatewardError(
                "USAGE",
                `--exec needs a stateward command other than sandbox, not "${opts.exec}".`,
                {
                  exitCode: ExitCode.usage,
                },
              );
            }
            const d = describeSandbox(running);
            run.io.stderr.write(
              `Local cloud on ${d.endpoint}, seeded with "${opts.scenario}" (no AWS account involved). Running: stateward ${args.join(" ")}\n\n`,
            );
            run.exitCode = await runCli(args, { ...run.io, env: { ...run.io.env, ...running.env } });
            return;
          }
          const { renderSandbox } = await import("../report/sandbox.js");
          run.emit(opts, describeSandbox(running), renderSandbox);
          await stopped;
        } finally {
          await running.server.stop();
        }
      },
    );

  return program;
}

async function isFile(p: string): Promise<boolean> {
  if (p === "-") return true;
  return fs.stat(p).then(
    (st) => st.isFile(),
    () => false,
  );
}

function integerOption(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new StatewardError(
      "USAGE",
      `${flag} must be a whole number from ${min} to ${max}, not "${value}".`,
      {
        exitCode: ExitCode.usage,
      },
    );
  }
  return n;
}

function accountOption(value: string): string {
  if (!/^\d{12}$/.test(value)) {
    throw new StatewardError("USAGE", `--account must be a 12-digit AWS account id, not "${value}".`, {
      exitCode: ExitCode.usage,
    });
  }
  return value;
}

function exitOverrides(cmd: Command, io: CliIO): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    // Parse errors are reported by runCli in the same format as every other error.
    outputError: () => undefined,
  });
  for (const sub of cmd.commands) exitOverrides(sub, io);
}

/** Runs the CLI on `argv` (without node and script), returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes("--debug");
  const run = new Run(io, debug);
  const program = build(run);
  const output = errorOutput(argv, program);
  exitOverrides(program, io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      ) {
        return ExitCode.ok;
      }
      if (error.code === "commander.executeSubCommandAsync") return error.exitCode;
      const usage = new StatewardError("USAGE", error.message.replace(/^error: /, ""), {
        hint: "Run with --help to see the commands and their options.",
        exitCode: ExitCode.usage,
      });
      // `stateward state` alone shows the sub-commands' help, which is what the user needs.
      report(usage, io, output, debug);
      return ExitCode.usage;
    }
    if (run.progressShown) io.stderr.write("\r\x1b[2K");
    return report(error, io, output, debug);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
}

interface ErrorOutput {
  /** The document an error goes into: the one --json or --format promised on stdout. */
  format: "text" | "json" | "markdown" | "sarif";
  /** --no-color, which wins over a terminal. */
  noColor: boolean;
  /** The command, for the Markdown heading ("stateward doctor"). */
  command: string;
}

/** How an error is printed, from the arguments as given (the parse itself may be what failed). */
function errorOutput(argv: readonly string[], program: Command): ErrorOutput {
  const end = argv.indexOf("--");
  const args = end === -1 ? argv : argv.slice(0, end);
  let format: string | undefined;
  args.forEach((a, i) => {
    if (a === "--format") format = args[i + 1];
    else if (a.startsWith("--format=")) format = a.slice("--format=".length);
  });
  const words = ["stateward"];
  let command = program;
  for (const a of args) {
    const sub = command.commands.find((c) => c.name() === a);
    if (sub === undefined) continue;
    words.push(a);
    command = sub;
  }
  return {
    format: args.includes("--json")
      ? "json"
      : format === "json" || format === "markdown" || format === "sarif"
        ? format
        : "text",
    noColor: args.includes("--no-color"),
    command: words.join(" "),
  };
}

function report(error: unknown, io: CliIO, output: ErrorOutput, debug: boolean): number {
  const e = isStatewardError(error)
    ? error
    : new StatewardError(
        "INTERNAL",
        `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
        {
          hint: "This is a bug in stateward; run again with --debug and report the output.",
          cause: error,
        },
      );
  // One paragraph whatever the message quotes (an AWS reply, a file name with a newline): a message
  // line and a hint line.
  const message = oneLine(e.message);
  const hint = e.hint === undefined ? undefined : oneLine(e.hint);
  const reported = { code: e.code, message, exitCode: e.exitCode, ...(hint === undefined ? {} : { hint }) };
  if (output.format === "json") {
    const body: Record<string, unknown> = { code: e.code, message };
    if (hint !== undefined) body.hint = hint;
    io.stdout.write(JSON.stringify({ error: body }, null, 2) + "\n");
  } else if (output.format === "sarif") {
    io.stdout.write(JSON.stringify(errorSarif(reported), null, 2) + "\n");
  } else if (output.format === "markdown") {
    io.stdout.write(renderErrorMarkdown(reported, output.command) + "\n");
  }
  if (output.format !== "json") {
    // Also on stderr for a document that is redirected to a file (SARIF upload, step summary).
    const c = makeColors(colorsEnabled(io.env, io.stderr.isTTY === true, output.noColor ? false : undefined));
    io.stderr.write(`${c.red("error")}: ${message}${hint === undefined ? "" : `\n${c.dim(hint)}`}\n`);
  }
  if (debug) {
    const stack = (isStatewardError(error) && error.cause instanceof Error ? error.cause : error) as Error;
    io.stderr.write(`${stack.stack ?? String(stack)}\n`);
  }
  return e.exitCode;
}
