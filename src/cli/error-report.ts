/** How an error reaches the user: one document on stdout when one was promised, a line on stderr. */
import type { Command } from "commander";
import { StatewardError, isStatewardError } from "../errors.js";
import { getLang, t } from "../i18n/index.js";
import { colorsEnabled, makeColors } from "../report/style.js";
import { errorExitCode } from "./exit-codes.js";
import type { CliIO } from "./io.js";

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
}

export interface ErrorOutput {
  /** The document an error goes into: the one --json or --format promised on stdout. */
  format: "text" | "json" | "markdown" | "sarif";
  /** --no-color, which wins over a terminal. */
  noColor: boolean;
  /** The command, for the Markdown heading ("stateward doctor"). */
  command: string;
}

/** The words of the command `argv` names in `program` (`["stateward", "history", "list"]`). */
export function commandWords(argv: readonly string[], program: Command): string[] {
  const words = ["stateward"];
  let command = program;
  for (const a of argv) {
    if (a === "--") break;
    const sub = command.commands.find((c) => c.name() === a);
    if (sub === undefined) continue;
    words.push(a);
    command = sub;
  }
  return words;
}

/**
 * How an error is printed, from the arguments as given (the parse itself may be what failed), for the
 * command named by `words` (commandWords).
 */
export function errorOutput(argv: readonly string[], words: readonly string[]): ErrorOutput {
  const end = argv.indexOf("--");
  const args = end === -1 ? argv : argv.slice(0, end);
  let format: string | undefined;
  args.forEach((a, i) => {
    if (a === "--format") format = args[i + 1];
    else if (a.startsWith("--format=")) format = a.slice("--format=".length);
  });
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

export async function reportError(
  error: unknown,
  io: CliIO,
  output: ErrorOutput,
  debug: boolean,
): Promise<number> {
  const e = isStatewardError(error)
    ? error
    : new StatewardError(
        "INTERNAL",
        t("cli.error.unexpected", { message: error instanceof Error ? error.message : String(error) }),
        {
          hint: t("cli.error.unexpected.hint"),
          cause: error,
        },
      );
  // One paragraph whatever the message quotes (an AWS reply, a file name with a newline): a message
  // line and a hint line.
  const message = oneLine(e.message);
  const hint = e.hint === undefined ? undefined : oneLine(e.hint);
  const exitCode = errorExitCode(e);
  const reported = { code: e.code, message, exitCode, ...(hint === undefined ? {} : { hint }) };
  if (output.format === "json") {
    const body: Record<string, unknown> = { code: e.code, message };
    if (hint !== undefined) body.hint = hint;
    io.stdout.write(JSON.stringify({ error: body }, null, 2) + "\n");
  } else if (output.format === "sarif") {
    const { errorSarif } = await import("../report/sarif.js");
    io.stdout.write(JSON.stringify(errorSarif(reported), null, 2) + "\n");
  } else if (output.format === "markdown") {
    // doctor's reporter (and the rules under it) loads only for a Markdown error (issue 17).
    const { renderErrorMarkdown } = await import("../report/doctor.js");
    io.stdout.write(renderErrorMarkdown(reported, output.command) + "\n");
  }
  if (output.format !== "json") {
    // Also on stderr for a document that is redirected to a file (SARIF upload, step summary).
    const c = makeColors(colorsEnabled(io.env, io.stderr.isTTY === true, output.noColor ? false : undefined));
    io.stderr.write(
      `${c.red(t("cli.error.label"))}${getLang() === "zh" ? "：" : ": "}${message}${hint === undefined ? "" : `\n${c.dim(hint)}`}\n`,
    );
  }
  if (debug) {
    const stack = (isStatewardError(error) && error.cause instanceof Error ? error.cause : error) as Error;
    io.stderr.write(`${stack.stack ?? String(stack)}\n`);
  }
  return exitCode;
}
