/**
 * commander's own words in the language of the run: the help's titles and "(default: …)", and its
 * parse errors (matched by their `CommanderError.code`). English is exactly what commander says.
 */
import type { Argument, CommanderError, HelpConfiguration, Option } from "commander";
import { getLang, t, items } from "../i18n/index.js";
import { displayWidth, WIDE_RANGES } from "../report/style.js";

/** The titles commander styles (`Usage:`, `Options:`, …), in the run's language. */
function title(heading: string): string {
  switch (heading) {
    case "Usage:":
      return t("cli.help.usage");
    case "Options:":
      return t("cli.help.options");
    case "Commands:":
      return t("cli.help.commands");
    case "Arguments:":
      return t("cli.help.arguments");
    // i18n-exempt: commander's own heading, matched to translate it
    case "Global Options:":
      return t("cli.help.global-options");
    default:
      return heading;
  }
}

/** `(default: …, choices: …)` after a description, as commander writes it, in the run's language. */
function withExtra(description: string, extra: string[]): string {
  if (extra.length === 0) return description;
  if (getLang() === "zh") return `${description}（${extra.join("，")}）`;
  const joined = `(${items(extra)})`;
  return description === "" ? joined : `${description} ${joined}`;
}

function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices !== undefined)
    extra.push(t("cli.help.choices", { values: items(option.argChoices.map((c) => JSON.stringify(c))) }));
  const defaultValue: unknown = option.defaultValue;
  if (defaultValue !== undefined) {
    const show =
      option.required || option.optional || (option.isBoolean() && typeof defaultValue === "boolean");
    if (show)
      extra.push(
        t("cli.help.default", { value: option.defaultValueDescription ?? JSON.stringify(defaultValue) }),
      );
  }
  if (option.presetArg !== undefined && option.optional)
    extra.push(t("cli.help.preset", { value: JSON.stringify(option.presetArg) }));
  if (option.envVar !== undefined) extra.push(t("cli.help.env", { name: option.envVar }));
  return withExtra(option.description ?? "", extra);
}

function argumentDescription(argument: Argument): string {
  const extra: string[] = [];
  if (argument.argChoices !== undefined)
    extra.push(t("cli.help.choices", { values: items(argument.argChoices.map((c) => JSON.stringify(c))) }));
  const defaultValue: unknown = argument.defaultValue;
  if (defaultValue !== undefined)
    extra.push(
      t("cli.help.default", { value: argument.defaultValueDescription ?? JSON.stringify(defaultValue) }),
    );
  return withExtra(argument.description ?? "", extra);
}

/** Chunks to wrap at: one wide character, or a run of other non-space characters, with the spaces before it. */
const CHUNK = new RegExp(`\\s*(?:[${WIDE_RANGES}]|[^\\s${WIDE_RANGES}]+)`, "g");

/**
 * Wraps a description to `width` columns: at spaces, as commander does, and in Chinese also between
 * two characters (Chinese has no spaces to break at).
 */
export function boxWrap(text: string, width: number): string {
  if (width < 40) return text;
  return text
    .split(/\r\n|\n/)
    .map((line) => wrapLine(line, width))
    .join("\n");
}

function wrapLine(line: string, width: number): string {
  const chunks = line.match(CHUNK);
  if (chunks === null) return "";
  const lines: string[] = [];
  let current: string[] = [chunks.shift()!];
  let used = displayWidth(current[0]!);
  for (const chunk of chunks) {
    const w = displayWidth(chunk);
    // Closing punctuation never starts a line, opening punctuation never ends one: the chunk before
    // the break goes down with it (or, on a line of one chunk, the line runs over).
    const carry = /^[，。：；）、！？”]/.test(chunk) || /[（“]$/.test(current.at(-1)!);
    if (used + w <= width || (carry && current.length === 1)) {
      current.push(chunk);
      used += w;
      continue;
    }
    const next = carry ? [current.pop()!.trimStart(), chunk] : [chunk.trimStart()];
    lines.push(current.join(""));
    current = next;
    used = displayWidth(current.join(""));
  }
  lines.push(current.join(""));
  return lines.join("\n");
}

/** commander's `[options]` and `[command]` in a usage line or a command's term, in the run's language. */
function placeholders(text: string): string {
  return text
    .replaceAll("[options]", t("cli.help.options-placeholder"))
    .replaceAll("[command]", t("cli.help.command-placeholder"));
}

/** What `configureHelp` takes so the help speaks the run's language. */
export function helpInLanguage(): HelpConfiguration {
  return {
    styleTitle: title,
    optionDescription,
    argumentDescription,
    ...(getLang() === "zh"
      ? { displayWidth, boxWrap, styleUsage: placeholders, styleSubcommandTerm: placeholders }
      : {}),
  };
}

/** `(Did you mean …?)` commander appends to an unknown option or command, in the run's language. */
function suggestion(text: string): string {
  const many = /^\(Did you mean one of (.+)\?\)$/.exec(text);
  if (many !== null) return t("cli.parse.did-you-mean-one-of", { words: many[1]! });
  const one = /^\(Did you mean (.+)\?\)$/.exec(text);
  return one === null ? text : t("cli.parse.did-you-mean", { word: one[1]! });
}

/**
 * commander's parse error as the user reads it, without its `error: ` (the error printer adds its
 * own): commander's words in English, the catalog's in Chinese. A message this does not recognise
 * (a newer commander) is shown as commander wrote it.
 */
export function parseErrorMessage(error: CommanderError): string {
  const english = error.message.replace(/^error: /, "");
  if (getLang() === "en") return english;
  const [first = "", ...rest] = english.split("\n");
  const translated = translateFirstLine(error.code, first);
  if (translated === undefined) return english;
  return [translated, ...rest.map(suggestion)].join("\n");
}

function translateFirstLine(code: string, line: string): string | undefined {
  const m = (re: RegExp): string[] | undefined => re.exec(line)?.slice(1);
  switch (code) {
    case "commander.unknownOption": {
      const [flag] = m(/^unknown option '(.*)'$/) ?? [];
      return flag === undefined ? undefined : t("cli.parse.unknown-option", { flag });
    }
    case "commander.unknownCommand": {
      const [name] = m(/^unknown command '(.*)'$/) ?? [];
      return name === undefined ? undefined : t("cli.parse.unknown-command", { name });
    }
    case "commander.missingArgument": {
      const [name] = m(/^missing required argument '(.*)'$/) ?? [];
      return name === undefined ? undefined : t("cli.parse.missing-argument", { name });
    }
    case "commander.optionMissingArgument": {
      const [flags] = m(/^option '(.*)' argument missing$/) ?? [];
      return flags === undefined ? undefined : t("cli.parse.option-missing-argument", { flags });
    }
    case "commander.missingMandatoryOptionValue": {
      const [flags] = m(/^required option '(.*)' not specified$/) ?? [];
      return flags === undefined ? undefined : t("cli.parse.missing-mandatory-option", { flags });
    }
    case "commander.conflictingOption": {
      const [option, other] = m(/^(.*) cannot be used with (.*)$/) ?? [];
      return option === undefined || other === undefined
        ? undefined
        : t("cli.parse.conflicting-option", { option, other });
    }
    case "commander.excessArguments":
      return excessArguments(line);
    case "commander.invalidArgument":
      return invalidArgument(line);
    default:
      return undefined;
  }
}

function excessArguments(line: string): string | undefined {
  const found = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(line);
  if (found === null) return undefined;
  const [, command, expected, got] = found as unknown as [string, string | undefined, string, string];
  if (command === undefined)
    return expected === "1"
      ? t("cli.parse.excess-arguments.one", { got })
      : t("cli.parse.excess-arguments", { expected, got });
  return expected === "1"
    ? t("cli.parse.excess-arguments-for.one", { command, got })
    : t("cli.parse.excess-arguments-for", { command, expected, got });
}

function invalidArgument(line: string): string | undefined {
  const option = /^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/.exec(line);
  if (option !== null)
    return t("cli.parse.invalid-option-value", {
      flags: option[1]!,
      value: option[2]!,
      choices: option[3]!,
    });
  const argument =
    /^command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/.exec(line);
  if (argument !== null)
    return t("cli.parse.invalid-argument-value", {
      value: argument[1]!,
      name: argument[2]!,
      choices: argument[3]!,
    });
  return undefined;
}
