/**
 * Help pages served as built (issue 17: start-up). `npm run build` (scripts/bundle.js) renders every
 * command's help with commander, in each language, at the help's width (HELP_WIDTH), into
 * `help.<lang>.json` beside this module's chunk; `stateward [<command>…] --help`, `-h`, `help` and
 * `help <command>` then print that page without loading the program, commander or the catalog.
 * Anything else — another option on the line, a terminal narrower than the page, an unknown command,
 * a run from the TypeScript sources (no pages there) — goes to commander, which renders the same page
 * (test/cli/help-pages.test.ts compares every page with what commander renders).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { langOf } from "../i18n/lang.js";

/** Help is at most this wide: easier to read on a wide terminal, and the pages are built at it. */
export const HELP_WIDTH = 80;

/** The width commander renders help at on `stream`: the terminal's, up to HELP_WIDTH; off a terminal HELP_WIDTH. */
export function helpWidth(stream: { isTTY?: boolean; columns?: number }): number {
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0
    ? Math.min(stream.columns, HELP_WIDTH)
    : HELP_WIDTH;
}

/**
 * The command whose help `argv` asks for and nothing else (`""` for the program's own), or undefined:
 * `[globals] <command…> --help|-h`, `[globals] help [<command>]`, where the globals are `--lang <lang>`
 * and `--no-color`.
 */
export function helpAskedFor(argv: readonly string[]): string | undefined {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--lang") {
      // Without its value commander reports a usage error, not a help.
      if (++i >= argv.length) return undefined;
    } else if (!a.startsWith("--lang=") && a !== "--no-color") rest.push(a);
  }
  const last = rest.at(-1);
  if (last === "--help" || last === "-h") {
    const path = rest.slice(0, -1);
    return path.every((p) => /^[a-z][a-z-]*$/.test(p)) ? path.join(" ") : undefined;
  }
  if (rest[0] === "help" && rest.length <= 2 && (rest[1] === undefined || /^[a-z][a-z-]*$/.test(rest[1])))
    return rest[1] ?? "";
  return undefined;
}

/** Each language's pages by command (`"history list"`), as `npm run build` wrote them. */
export type HelpPages = Record<string, string>;

/**
 * The built page `argv` asks for, when there is one and it is what commander would print here (the
 * language is known, the terminal is at least HELP_WIDTH wide or not a terminal); else undefined.
 */
export function builtHelp(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  stdout: { isTTY?: boolean; columns?: number },
): string | undefined {
  const command = helpAskedFor(argv);
  if (command === undefined || helpWidth(stdout) !== HELP_WIDTH) return undefined;
  const { lang, asked } = langOf(argv, env);
  if (asked !== undefined) return undefined;
  let pages: HelpPages;
  try {
    // import.meta.dirname: the bundle's __dirname (undefined in a tsc build on Node before 20.11,
    // which has no pages either).
    pages = JSON.parse(readFileSync(join(import.meta.dirname, `help.${lang}.json`), "utf8")) as HelpPages;
  } catch {
    return undefined;
  }
  return Object.hasOwn(pages, command) ? pages[command] : undefined;
}
