/**
 * What `npm run build` stores from the program for the runs that do not load it (scripts/bundle.js):
 * the direct commands' grammar (src/cli/direct.ts), read through tsc's build of this module and
 * written into the bundle, and every help page (src/cli/help-pages.ts), rendered by the bundle itself
 * (this module bundled as a second entry, run, and removed).
 */
import type { Argument, Command, Option } from "commander";
import { setLang, type Lang } from "../i18n/index.js";
import { DIRECT_COMMANDS, type CommandGrammar, type Grammar } from "./direct.js";
import type { CliIO } from "./io.js";
import { build, runCli } from "./program.js";
import { Run } from "./run.js";

const quiet = { write: () => true, isTTY: false };

/** The whole program, as `--help` builds it. */
function program(): Command {
  return build(new Run({ stdout: quiet, stderr: quiet, env: {} }, false));
}

/** Every command of the program, by its words (`""`: the program itself, `"history list"`). */
export function helpPaths(): string[] {
  const paths: string[] = [];
  const walk = (command: Command, path: string[]): void => {
    paths.push(path.join(" "));
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program(), []);
  return paths;
}

/**
 * Every help page as a user sees it (`stateward <command…> --help` off a terminal), by command
 * (`""`: the program's own, `"history list"`): what `npm run build` stores for src/cli/help-pages.ts.
 */
export async function renderHelpPages(lang: Lang): Promise<Record<string, string>> {
  setLang(lang);
  const pages: Record<string, string> = {};
  for (const words of helpPaths()) {
    const path = words === "" ? [] : words.split(" ");
    let page = "";
    let errors = "";
    const io: CliIO = {
      stdout: { write: (s: string) => (page += s), isTTY: false },
      stderr: { write: (s: string) => (errors += s), isTTY: false },
      env: {},
    };
    const code = await runCli(["--lang", lang, ...path, "--help"], io);
    // i18n-exempt: a build failure, for whoever runs the build
    if (code !== 0 || errors !== "") throw new Error(`help of "${path.join(" ")}" exited ${code}: ${errors}`);
    pages[words] = page;
  }
  return pages;
}

/** Commander's hooks on a command (not public API: read here, at build time, to refuse them). */
function hooks(command: Command): number {
  const lifeCycle = (command as unknown as { _lifeCycleHooks: Record<string, unknown[]> })._lifeCycleHooks;
  return Object.values(lifeCycle).reduce((n, list) => n + list.length, 0);
}

/**
 * Each direct command's options and arguments, read from the program: what `npm run build` stores for
 * src/cli/direct.ts. A command with anything that parser does not do as commander does — a value
 * parser, choices, variadic or optional values, an environment variable, an implied or conflicting
 * option, a mandatory option, a default argument, a hook, sub-commands — fails the build here.
 */
export function directGrammar(): Grammar {
  const root = program();
  const grammar: Grammar = {};
  for (const words of DIRECT_COMMANDS) {
    let command = root;
    for (const word of words.split(" ")) {
      const sub = command.commands.find((c) => c.name() === word);
      if (sub === undefined || hooks(sub) > 0)
        // i18n-exempt: a build failure, for whoever runs the build
        throw new Error(`direct command "${words}": no such command, or a hook`);
      command = sub;
    }
    grammar[words] = commandGrammar(words, command);
  }
  return grammar;
}

function commandGrammar(words: string, command: Command): CommandGrammar {
  const refuse = (what: string): never => {
    // i18n-exempt: build failures, for whoever runs the build
    throw new Error(`direct command "${words}": ${what} needs commander (src/cli/direct.ts)`);
  };
  // i18n-exempt: a build failure, for whoever runs the build
  if (command.commands.length > 0) refuse("a command with sub-commands");
  // conflictsWith and implied are not in commander's types: set by .conflicts() and .implies().
  const plainOption = (o: Option & { conflictsWith?: string[]; implied?: object }): boolean =>
    o.parseArg === undefined &&
    o.argChoices === undefined &&
    !o.variadic &&
    !o.optional &&
    !o.mandatory &&
    o.envVar === undefined &&
    o.presetArg === undefined &&
    (o.conflictsWith ?? []).length === 0 &&
    o.implied === undefined;
  const plainArgument = (a: Argument): boolean =>
    a.parseArg === undefined && a.argChoices === undefined && !a.variadic && a.defaultValue === undefined;
  for (const o of command.options) if (!plainOption(o)) refuse(`option ${o.flags}`);
  for (const a of command.registeredArguments) if (!plainArgument(a)) refuse(`argument ${a.name()}`);
  return {
    options: command.options.map((o) => ({
      flags: [o.short, o.long].filter((f): f is string => f !== undefined),
      attribute: o.attributeName(),
      value: o.required,
      negate: o.negate,
    })),
    arguments: command.registeredArguments.map((a) => ({ required: a.required })),
    defaults: command.opts<Record<string, string | boolean>>(),
  };
}
