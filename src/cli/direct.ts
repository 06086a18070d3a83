/**
 * The commands that read a file and make no AWS call — `state show|verify|repair <file>` and
 * `explain <log>` — run without loading commander, the program or its help (issue 17: start-up: they
 * took 2.4–2.7× a bare `node`, half of it commander and the program). The same functions commander
 * calls (commands/state-run.ts, commands/explain-run.ts) run with the same options.
 *
 * The grammar is commander's: `npm run build` (scripts/bundle.js) reads every direct command's options
 * and arguments from the program itself and writes them into this module in the bundle. Only an
 * argument list that grammar reads one way runs here: the command's words first, then its own options
 * (`--flag`, `--flag value`, `--flag=value`, `-f value`) and arguments in any order, and the globals
 * `--debug`, `--no-color` and `--lang <a language stateward speaks>` anywhere. Anything else — an
 * unknown or repeated option, a value that looks like an option, `--`, a help or version request,
 * `--timeout`, too many or too few arguments, a run from the TypeScript sources (no grammar there) —
 * goes to commander, which answers as it always did. test/cli/direct.test.ts checks that the stored
 * grammar is the program's, and that the bin prints exactly what commander prints for each form.
 */
import { setLang } from "../i18n/index.js";
import { isLang, langOf } from "../i18n/lang.js";
import { errorOutput, reportError } from "./error-report.js";
import type { CliIO } from "./io.js";
import { Run } from "./run.js";

/** One option as commander defines it. */
export interface OptionGrammar {
  /** Its flags: `["-o", "--out"]`. */
  flags: string[];
  /** Where commander puts its value: `dryRun` for `--dry-run`. */
  attribute: string;
  /** Whether it takes a value (`--out <file>`). */
  value: boolean;
  /** `--no-x`: sets `x` to false. */
  negate: boolean;
}

/** A command as commander reads its arguments: what `npm run build` stores for each direct command. */
export interface CommandGrammar {
  options: OptionGrammar[];
  /** Its arguments, in order: whether each is required. */
  arguments: { required: boolean }[];
  /** Its options' values before any is given (commander's defaults). */
  defaults: Record<string, string | boolean>;
}

/** By the command's words (`"state show"`). */
export type Grammar = Record<string, CommandGrammar>;

type Action = (run: Run, file: string | undefined, opts: Record<string, string | boolean>) => Promise<void>;

/** The commands run here, and the functions commander's actions call for them. */
const DIRECT: Record<string, () => Promise<Action>> = {
  "state show": async () => (await import("./commands/state-run.js")).stateShow,
  "state verify": async () => (await import("./commands/state-run.js")).stateVerify,
  "state repair": async () => (await import("./commands/state-run.js")).stateRepair,
  explain: async () => (await import("./commands/explain-run.js")).explainCommand,
};

export const DIRECT_COMMANDS = Object.keys(DIRECT);

/** A run `argv` asks for, as commander would read it. */
export interface DirectRun {
  words: string[];
  file: string | undefined;
  opts: Record<string, string | boolean>;
  debug: boolean;
}

/** An argument that commander would take for an option (`-x`, `--x`; not `-` alone). */
function optionLike(arg: string): boolean {
  return arg.length > 1 && arg.startsWith("-");
}

/**
 * The direct command `argv` runs and its options, when commander would read them so and nothing about
 * them needs commander; else undefined (commander then reads them).
 */
export function readDirect(argv: readonly string[], grammar: Grammar): DirectRun | undefined {
  const words: string[] = [];
  let command: CommandGrammar | undefined;
  const given: Record<string, string | boolean> = {};
  const positional: string[] = [];
  const seen = new Set<string>();
  let debug = false;
  let noColor = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // The program's own options, which commander reads wherever they are.
    const global = arg.startsWith("--lang=") ? "--lang" : arg;
    if (global === "--debug" || global === "--no-color" || global === "--lang") {
      if (seen.has(global)) return undefined;
      seen.add(global);
      // A language commander does not know it reports, with the program's usage.
      if (global === "--lang" && !isLang(arg === "--lang" ? (argv[++i] ?? "") : arg.slice("--lang=".length)))
        return undefined;
      if (global === "--debug") debug = true;
      if (global === "--no-color") noColor = true;
      continue;
    }
    if (optionLike(arg)) {
      // The command's options, after its words (before them commander reads them as the program's).
      if (command === undefined) return undefined;
      const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
      const flag = eq === -1 ? arg : arg.slice(0, eq);
      const option = command.options.find((o) => o.flags.includes(flag));
      if (option === undefined || seen.has(option.attribute)) return undefined;
      seen.add(option.attribute);
      if (!option.value) {
        if (eq !== -1) return undefined;
        given[option.attribute] = !option.negate;
        continue;
      }
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || optionLike(value)) return undefined;
      given[option.attribute] = value;
      continue;
    }
    if (command === undefined) {
      // A command's words are one argument each: `"state show"` quoted as one is not two words.
      if (!/^[a-z][a-z-]*$/.test(arg)) return undefined;
      words.push(arg);
      const key = words.join(" ");
      if (Object.hasOwn(grammar, key)) command = grammar[key];
      else if (!DIRECT_COMMANDS.some((c) => c.startsWith(`${key} `))) return undefined;
      continue;
    }
    positional.push(arg);
  }
  if (command === undefined || !Object.hasOwn(DIRECT, words.join(" "))) return undefined;
  const args = command.arguments;
  if (args.length !== 1 || positional.length > 1) return undefined;
  if (args[0]!.required && positional.length === 0) return undefined;
  // --no-color is the program's; commander's preAction hook gives it to the command as `color`.
  const opts = { ...command.defaults, ...given, ...(noColor ? { color: false } : {}) };
  return { words, file: positional[0], opts, debug };
}

/** Written into the bundle by `npm run build` (scripts/bundle.js); a tsc build has none. */
declare const __STATEWARD_DIRECT_GRAMMAR__: Grammar | undefined;

/** The grammar the build wrote into this module; undefined in a tsc build (commander reads everything). */
export const BUILT_GRAMMAR: Grammar | undefined =
  typeof __STATEWARD_DIRECT_GRAMMAR__ === "undefined" ? undefined : __STATEWARD_DIRECT_GRAMMAR__;

/**
 * Runs `argv` here when it asks for a direct command (readDirect), as runCli would: the exit code.
 * Undefined when commander should read it (then nothing was printed or done).
 */
export async function runDirect(argv: readonly string[], io: CliIO): Promise<number | undefined> {
  const direct = BUILT_GRAMMAR === undefined ? undefined : readDirect(argv, BUILT_GRAMMAR);
  if (direct === undefined) return undefined;
  setLang(langOf(argv, io.env).lang);
  const run = new Run(io, direct.debug);
  try {
    const action = await DIRECT[direct.words.join(" ")]!();
    await action(run, direct.file, direct.opts);
    return run.exitCode;
  } catch (error) {
    if (run.progressShown) io.stderr.write("\r\x1b[2K");
    return reportError(error, io, errorOutput(argv, ["stateward", ...direct.words]), direct.debug);
  }
}
