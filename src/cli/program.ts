/**
 * The command line: flags → one action → a reporter → an exit code. Nothing here that a library user
 * would also need.
 */
import { Command, CommanderError, Option } from "commander";
import { SCENARIOS, type ScenarioName } from "../actions/sandbox-options.js";
import { diffStateFiles, repairState, showState, verifyState } from "../actions/state.js";
import { ExitCode, StatewardError, isStatewardError } from "../errors.js";
import { renderDiff, renderRepair, renderShow, renderVerify } from "../report/state.js";
import { colorsEnabled, makeColors, type Colors } from "../report/style.js";
import { VERSION } from "../version.js";
import type { CliIO } from "./io.js";

interface CommonOptions {
  json?: boolean;
  color?: boolean;
}

class Run {
  exitCode: number = ExitCode.ok;
  constructor(
    readonly io: CliIO,
    readonly debug: boolean,
  ) {}

  colors(opts: CommonOptions): Colors {
    return makeColors(colorsEnabled(this.io.env, this.io.stdout.isTTY === true, opts.color));
  }

  /** Prints a result: JSON (exactly one document) or the human rendering. */
  emit<T>(
    opts: CommonOptions,
    result: T,
    human: (r: T, c: Colors) => string,
    exitCode: number = ExitCode.ok,
  ): void {
    if (opts.json === true) this.io.stdout.write(JSON.stringify(result, null, 2) + "\n");
    else this.io.stdout.write(human(result, this.colors(opts)) + "\n");
    this.exitCode = exitCode;
  }
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
    .option("--no-color", "never color the output (NO_COLOR is honoured too)")
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      "after",
      `
Exit codes: 0 clean, 1 error, 2 usage, 3 problems that break the next deploy,
4 warnings only, 5 incomplete scan.

Examples:
  stateward state show state.json           what a state file holds
  stateward state verify state.json         every integrity violation (exit 3 if any)
  stateward state repair state.json --out fixed.json
  stateward history diff old.json new.json  what changed between two versions`,
    );

  const state = program
    .command("state")
    .description(
      "inspect, verify and repair a state file (`sst state export`, `pulumi stack export`, or a checkpoint)",
    );

  state
    .command("show")
    .description(
      "stack, app, stage, Pulumi version, resource counts by type, pending operations, protected and retained resources",
    )
    .argument("<file>", "state file (plain or gzip JSON); - reads standard input")
    .addOption(jsonOption())
    .action(async (file: string, opts: CommonOptions) => {
      run.emit(opts, await showState(file), renderShow);
    });

  state
    .command("verify")
    .description(
      "list every integrity violation Pulumi would refuse the state for (exit 0 clean, 3 violations)",
    )
    .argument("<file>", "state file; - reads standard input")
    .addOption(jsonOption())
    .action(async (file: string, opts: CommonOptions) => {
      const result = await verifyState(file);
      run.emit(opts, result, renderVerify, result.violations.length > 0 ? ExitCode.blockers : ExitCode.ok);
    });

  state
    .command("repair")
    .description(
      "fix ordering and dangling references as `pulumi state repair` does, and the manifest magic; shows what it changes and why, and writes only with --out or --in-place",
    )
    .argument("<file>", "state file; - reads standard input (with --out)")
    .option(
      "-o, --out <file>",
      "write the repaired state to this new file (never overwrites an existing one)",
    )
    .option("--in-place", "replace <file>, keeping the previous bytes in <file>.bak")
    .addOption(jsonOption())
    .action(async (file: string, opts: CommonOptions & { out?: string; inPlace?: boolean }) => {
      const result = await repairState(file, { out: opts.out, inPlace: opts.inPlace });
      run.emit(opts, result, renderRepair, result.remaining.length > 0 ? ExitCode.blockers : ExitCode.ok);
    });

  const history = program.command("history").description("versions of a stage's state: compare them");
  history
    .command("diff")
    .description(
      "resources added, removed and changed between two state files, with the property paths that differ (secrets redacted)",
    )
    .argument("<a>", "the older state file")
    .argument("<b>", "the newer state file")
    .addOption(jsonOption())
    .action(async (a: string, b: string, opts: CommonOptions) => {
      run.emit(opts, await diffStateFiles(a, b), renderDiff);
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
    .addOption(jsonOption())
    .action(
      async (
        opts: CommonOptions & {
          port: string;
          scenario: ScenarioName;
          data?: string;
          account: string;
          deployDelay: string;
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
  const json = argv.includes("--json");
  const run = new Run(io, debug);
  const program = build(run);
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
      report(usage, io, json, debug);
      return ExitCode.usage;
    }
    return report(error, io, json, debug);
  }
}

function report(error: unknown, io: CliIO, json: boolean, debug: boolean): number {
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
  if (json) {
    const body: Record<string, unknown> = { code: e.code, message: e.message };
    if (e.hint !== undefined) body.hint = e.hint;
    io.stdout.write(JSON.stringify({ error: body }, null, 2) + "\n");
  } else {
    const c = makeColors(colorsEnabled(io.env, io.stderr.isTTY === true));
    io.stderr.write(`${c.red("error")}: ${e.message}${e.hint === undefined ? "" : `\n${c.dim(e.hint)}`}\n`);
  }
  if (debug) {
    const stack = (isStatewardError(error) && error.cause instanceof Error ? error.cause : error) as Error;
    io.stderr.write(`${stack.stack ?? String(stack)}\n`);
  }
  return e.exitCode;
}
