/**
 * The command line, assembled: global options, help, and one file per command under commands/
 * (flags → one library call → a reporter → an exit code). Nothing here that a library user would also
 * need.
 */
import { Command, CommanderError } from "commander";
import { LANGS, setLang, t, items } from "../i18n/index.js";
import { VERSION } from "../version.js";
import { registerAdopt } from "./commands/adopt.js";
import { registerApply } from "./commands/apply.js";
import { registerAudit } from "./commands/audit.js";
import { registerCleanup } from "./commands/cleanup.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerExplain } from "./commands/explain.js";
import { registerFix } from "./commands/fix.js";
import { registerForget } from "./commands/forget.js";
import { registerGuard } from "./commands/guard.js";
import { registerHistory } from "./commands/history.js";
import { registerLock } from "./commands/lock.js";
import { registerNames } from "./commands/names.js";
import { registerPlan } from "./commands/plan.js";
import { registerPreflight } from "./commands/preflight.js";
import { registerSandbox } from "./commands/sandbox.js";
import { registerScan } from "./commands/scan.js";
import { registerState } from "./commands/state.js";
import { registerUi } from "./commands/ui.js";
import { commandWords, errorOutput, reportError } from "./error-report.js";
import { addExamples } from "./examples.js";
import { ExitCode, usageError } from "./exit-codes.js";
import { boxWrap, helpInLanguage, parseErrorMessage } from "./help.js";
import { HELP_WIDTH, helpWidth } from "./help-pages.js";
import { langOf } from "../i18n/lang.js";
import type { CliIO } from "./io.js";
import { Run } from "./run.js";

/** Each command's name and the function that adds it (with its sub-commands), in the order `--help` lists them. */
const COMMANDS: ReadonlyArray<readonly [string, (program: Command, run: Run) => void]> = [
  ["state", registerState],
  ["history", registerHistory],
  ["lock", registerLock],
  ["doctor", registerDoctor],
  ["plan", registerPlan],
  ["apply", registerApply],
  ["fix", registerFix],
  ["adopt", registerAdopt],
  ["cleanup", registerCleanup],
  ["forget", registerForget],
  ["names", registerNames],
  ["explain", registerExplain],
  ["guard", registerGuard],
  ["preflight", registerPreflight],
  ["scan", registerScan],
  ["audit", registerAudit],
  ["sandbox", (program, run) => registerSandbox(program, run, runCli)],
  ["ui", registerUi],
];

/**
 * The program: its global options and help, and its commands — only `only` when the arguments name
 * that command (what runs, or whose help is shown, is then the same; start-up builds one command, not
 * every one: issue 17), else every command (`--help`, `help <command>`, an unknown command's
 * suggestions).
 */
export function build(run: Run, only?: string): Command {
  const program = new Command();
  program
    .name("stateward")
    .description(t("cli.program.description"))
    .version(VERSION, "-v, --version", t("cli.option.version"))
    .helpOption("-h, --help", t("cli.option.help"))
    .helpCommand("help [command]", t("cli.option.help"))
    .option("--debug", t("cli.option.debug"))
    .option("--lang <lang>", t("cli.option.lang"))
    .option("--no-color", t("cli.option.no-color"))
    .option("--timeout <duration>", t("cli.option.timeout"))
    .hook("preAction", async (_program, command) => {
      // Global flags, seen by every command: --no-color as its own `color` option, --timeout by stage().
      const globals = program.opts<{ color?: boolean; timeout?: string }>();
      if (globals.color === false) command.setOptionValue("color", false);
      if (globals.timeout !== undefined) {
        // The AWS client module loads when a command needs it, not for every --help (issue 17).
        const { parseTimeout } = await import("../cloud/clients.js");
        run.timeoutMs = parseTimeout(globals.timeout);
      }
    })
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true, ...helpInLanguage() })
    .addHelpText("after", t("cli.program.after"));

  for (const [name, register] of COMMANDS) if (only === undefined || name === only) register(program, run);
  // The commands that print regions say once what `global` means (src/kinds/global.ts).
  for (const c of program.commands)
    if (REGION_COMMANDS.includes(c.name()))
      c.addHelpText("after", `\n${boxWrap(t("core.region.global-help"), HELP_WIDTH)}`);
  addExamples(program);
  return program;
}

const REGION_COMMANDS = ["doctor", "plan", "fix", "cleanup", "preflight", "scan"];

/**
 * The command the arguments name: the first that is not an option or a global option's value, when it
 * is one of ours (commander runs that command then, whatever else is registered); else undefined.
 */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return undefined;
    if (a === "--lang" || a === "--timeout") i++;
    else if (!a.startsWith("-")) return COMMANDS.some(([name]) => name === a) ? a : undefined;
  }
  return undefined;
}

/** Commander reports through the run's streams and throws instead of exiting the process. */
export function exitOverrides(cmd: Command, io: CliIO): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    // At most HELP_WIDTH wide, at which the help pages are built (help-pages.ts).
    getOutHelpWidth: () => helpWidth(io.stdout),
    getErrHelpWidth: () => helpWidth(io.stderr),
    // Parse errors are reported by runCli in the same format as every other error.
    outputError: () => undefined,
  });
  for (const sub of cmd.commands) exitOverrides(sub, io);
}

/** Runs the CLI on `argv` (without node and script), returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes("--debug");
  const lang = langOf(argv, io.env);
  setLang(lang.lang);
  if (lang.asked !== undefined) {
    const usage = usageError(t("cli.lang.unknown", { lang: lang.asked, langs: items(LANGS) }));
    await reportError(usage, io, errorOutput(argv, commandWords(argv, build(new Run(io, debug)))), debug);
    return ExitCode.usage;
  }
  const run = new Run(io, debug);
  const program = build(run, commandOf(argv));
  const output = errorOutput(argv, commandWords(argv, program));
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
      const usage = usageError(parseErrorMessage(error), t("cli.parse.hint"));
      // `stateward state` alone shows the sub-commands' help, which is what the user needs.
      await reportError(usage, io, output, debug);
      return ExitCode.usage;
    }
    if (run.progressShown) io.stderr.write("\r\x1b[2K");
    return reportError(error, io, output, debug);
  }
}
