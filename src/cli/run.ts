/** One run of the CLI: its surroundings, the stage it opens, its prompts, its output and exit code. */
import { setMaxListeners } from "node:events";
import type { OpenStage, StageOptions } from "../backends/resolve.js";
import type { WriteStep } from "../backends/safe-write.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { colorsEnabled, makeColors, terminalColumns, truncateColumns, type Colors } from "../report/style.js";
import { jsonTimes, setTimeDisplay } from "../report/time.js";
import { Declined, ExitCode, isStopped } from "./exit-codes.js";
import { asking, isPromptExit, promptCancelled, type CliIO } from "./io.js";
import type { CommonOptions } from "./options.js";

/**
 * Ctrl-C or SIGTERM during a run that does not write the stage: an AWS call it aborted says it was
 * stopped, not what a write may have left (cloud.aws.aborted.hint). The exit code stays 130.
 */
function stoppedReading(e: unknown): unknown {
  if (!(e instanceof StatewardError) || e.code !== "ABORTED") return e;
  return new StatewardError(e.code, e.message, { hint: t("cli.stopped.read-only"), cause: e.cause });
}

export class Run {
  exitCode: number = ExitCode.ok;
  progressShown = false;
  /** --timeout: how long an AWS call may go without an answer (the clients' default otherwise). */
  timeoutMs: number | undefined;
  constructor(
    readonly io: CliIO,
    readonly debug: boolean,
  ) {
    // Times read `… (3 h ago)` on a terminal; piped output keeps the ISO time alone (src/report/time.ts).
    setTimeDisplay({ relative: io.stdout.isTTY === true });
  }

  colors(opts: CommonOptions): Colors {
    return makeColors(
      colorsEnabled(this.io.env, this.io.stdout.isTTY === true, opts.color),
      terminalColumns(this.io.env, this.io.stdout),
    );
  }

  /**
   * Opens the stage named by the flags (and the project around the working directory). Before a write
   * the locks of killed stateward writes are settled and said so on stderr; a rerun of a write that
   * had landed ends as that run would have (backends/stage-session.ts).
   */
  async stage<T>(opts: StageOptions, body: (open: OpenStage) => Promise<T>): Promise<T> {
    // Ctrl-C aborts the calls in flight; a write then still releases its lock on the way out.
    const controller = new AbortController();
    // Every call in flight listens to it: a scan has far more than Node's default of 10.
    setMaxListeners(0, controller.signal);
    void this.io.untilStopped?.().then(() => controller.abort());
    this.controller = controller;
    // The backends (and the SDK behind them) load when a command opens a stage, not at start-up.
    const { withStage } = await import("../backends/stage-session.js");
    const { describeAbandoned } = await import("../backends/abandoned-locks.js");
    try {
      return await withStage(
        {
          app: opts.app,
          stage: opts.stage,
          region: opts.region,
          profile: opts.profile,
          backend: opts.backend,
          // --all-stages needs no --stage (doctor, scan, plan, fix, cleanup, names check).
          ...(opts.allStages === true ? { allStages: true } : {}),
          ...(opts.mayBeNew === true ? { mayBeNew: true } : {}),
          ...(opts.checkLater === true ? { checkLater: true } : {}),
        },
        {
          cwd: this.io.cwd ?? process.cwd(),
          env: this.io.env,
          signal: controller.signal,
          ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
        },
        {
          write: this.writing,
          onAbandoned: (a) => this.io.stderr.write(`stateward: ${describeAbandoned(a)}\n`),
          stopped: (e) => isPromptExit(e) || isStopped(e),
        },
        body,
      );
    } catch (e) {
      if (isPromptExit(e)) throw promptCancelled();
      throw this.writing === undefined ? stoppedReading(e) : e;
    }
  }

  /**
   * The write this run may make (its audit action: set by `writes`, or by requireConsent); undefined
   * for reads and dry runs. It settles killed writes' locks first, and says what Ctrl-C left.
   */
  private writing: string | undefined;

  /**
   * This run may write the stage, as `action` (the audit action's name) — unless --dry-run. A command
   * that never calls it (nor requireConsent) only reads the stage.
   */
  writes(opts: { dryRun?: boolean }, action: string): void {
    this.writing = opts.dryRun === true ? undefined : action;
  }
  /** Aborted by Ctrl-C or SIGTERM; prompts end with it. */
  private controller: AbortController | undefined;

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
    // Cut to the terminal's width: a line that wrapped would be cleared only in its last row.
    const width = terminalColumns(this.io.env, this.io.stderr);
    return (message) => {
      this.progressShown = true;
      const line = `${message}…`;
      this.io.stderr.write(`\r\x1b[2K${width === undefined ? line : truncateColumns(line, width - 1)}`);
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
    this.writes(opts, what);
    if (opts.yes === true || opts.dryRun === true || this.io.prompt !== undefined) return;
    throw new StatewardError("CONFIRMATION_REQUIRED", t("cli.consent.required", { what }), {
      hint: t("cli.consent.required.hint"),
    });
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
        count === 1 ? t("cli.confirm-stage.one", { stage }) : t("cli.confirm-stage.other", { stage, count }),
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

  /** Asks for a yes (or takes --yes); a no ends the run: `message` says what was not done, exit 1. */
  async consentOrDecline(opts: { yes?: boolean }, question: string, message?: string): Promise<void> {
    if (!(await this.consent(opts, question))) throw new Declined(message);
  }

  /** Prints a result: JSON (exactly one document) or the human rendering. */
  emit<T>(
    opts: CommonOptions,
    result: T,
    human: (r: T, c: Colors) => string,
    exitCode: number = ExitCode.ok,
  ): void {
    if (this.progressShown) this.io.stderr.write("\r\x1b[2K");
    if (opts.json === true) this.io.stdout.write(JSON.stringify(jsonTimes(result), null, 2) + "\n");
    else this.io.stdout.write(human(result, this.colors(opts)) + "\n");
    this.exitCode = exitCode;
  }
}
