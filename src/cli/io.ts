import { StatewardError } from "../errors.js";
import { inquirer, nodeReadline } from "../util/lazy-require.js";
import { t } from "../i18n/index.js";
import { CANCELLED_EXIT } from "./exit-codes.js";
import { isTerminal, stderr, stdout } from "./std-write.js";
import { colorsEnabled, makeColors } from "../report/style.js";

/** What a command run needs from its surroundings; tests pass their own, main passes the process's. */
export interface CliIO {
  /** `columns`: a terminal's width, which tables fit (report/style.ts terminalColumns). */
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  /** Where project detection starts (sst.config.ts, Pulumi.yaml); the process's cwd by default. */
  cwd?: string;
  /** Whether standard input is a terminal (then `explain` without a file has nothing to read). */
  stdinIsTTY?: boolean;
  /** Asks the person at the terminal; absent when nobody can answer (not a TTY). */
  prompt?: Prompter;
  /** Resolves when a long-running command (`sandbox`) should stop: Ctrl-C or SIGTERM for the process. */
  untilStopped?: () => Promise<string>;
}

export interface Choice {
  value: string;
  name: string;
  description?: string;
}

export interface Prompter {
  /** `signal` ends the prompt (Ctrl-C or SIGTERM outside the prompt itself). */
  select(message: string, choices: Choice[], signal?: AbortSignal): Promise<string>;
  confirm(message: string, signal?: AbortSignal): Promise<boolean>;
  /** A checklist; resolves with the values chosen. */
  checkbox?(
    message: string,
    choices: { value: string; name: string; checked: boolean }[],
    signal?: AbortSignal,
  ): Promise<string[]>;
  /** A line of text typed by the person (a name to confirm a deletion). */
  text?(message: string, signal?: AbortSignal): Promise<string>;
}

export { CANCELLED_EXIT };

/** Ctrl-C (or Esc-style abort) at a prompt: the person said stop, before anything was written. */
export function promptCancelled(): StatewardError {
  return new StatewardError("CANCELLED", t("cli.prompt.cancelled"), { hint: t("cli.prompt.cancelled.hint") });
}

/**
 * Whether an error is a prompt ended by the person rather than a failure: Inquirer's ExitPromptError
 * (Ctrl-C or Ctrl-D at the prompt), AbortPromptError (its signal fired) or CancelPromptError.
 */
export function isPromptExit(e: unknown): boolean {
  const name = (e as { name?: unknown } | undefined)?.name;
  return name === "ExitPromptError" || name === "AbortPromptError" || name === "CancelPromptError";
}

/** Runs a prompt; the person ending it becomes `promptCancelled()` instead of a crash. */
export async function asking<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt();
  } catch (e) {
    throw isPromptExit(e) ? promptCancelled() : e;
  }
}

/** An Inquirer prompt's key help ("↑↓ navigate • ⏎ submit") with its actions in the run's language. */
export function keysHelpTip(keys: [key: string, action: string][]): string {
  const label = (action: string): string => {
    switch (action) {
      case "navigate":
        return t("cli.prompt.key.navigate");
      case "select":
        return t("cli.prompt.key.select");
      case "all":
        return t("cli.prompt.key.all");
      case "invert":
        return t("cli.prompt.key.invert");
      case "submit":
        return t("cli.prompt.key.submit");
      default:
        return action;
    }
  };
  // The prompt is on stderr, a terminal (else nobody is asked): coloured by the CLI's rule, so not
  // with --no-color or NO_COLOR.
  const flag = process.argv.slice(2).includes("--no-color") ? false : undefined;
  const c = makeColors(colorsEnabled(process.env, stderr.isTTY, flag));
  return keys.map(([key, action]) => `${c.bold(key)} ${c.dim(label(action))}`).join(c.dim(" • "));
}

/** A yes/no answer as the confirm prompt shows it once given. */
export function yesNo(answer: boolean): string {
  return answer ? t("cli.prompt.yes") : t("cli.prompt.no");
}

const theme = { style: { keysHelpTip } };

const inquirerContext = (signal?: AbortSignal) => ({
  output: stderr.useStream(),
  ...(signal === undefined ? {} : { signal }),
});

/** Prompts on the terminal (arrow keys to pick, y/N to confirm), loaded only when used. */
const terminalPrompter: Prompter = {
  select(message, choices, signal) {
    return asking(async () => {
      const { default: select } = inquirer.select();
      return select({ message, choices, pageSize: 15, theme }, inquirerContext(signal));
    });
  },
  confirm(message, signal) {
    return asking(async () => {
      const { default: confirm } = inquirer.confirm();
      return confirm({ message, default: false, transformer: yesNo }, inquirerContext(signal));
    });
  },
  checkbox(message, choices, signal) {
    return asking(async () => {
      const { default: checkbox } = inquirer.checkbox();
      return checkbox({ message, choices, pageSize: 20, theme }, inquirerContext(signal));
    });
  },
  async text(message, signal) {
    const { createInterface } = nodeReadline();
    const rl = createInterface({ input: process.stdin, output: stderr.useStream() });
    // Ctrl-C at a readline prompt is an event on the interface, not a signal to the process.
    const cancelled = new Promise<never>((_, reject) => {
      rl.once("SIGINT", () => reject(promptCancelled()));
      signal?.addEventListener("abort", () => reject(promptCancelled()), { once: true });
    });
    try {
      return (await Promise.race([rl.question(`${message}: `), cancelled])).trim();
    } finally {
      rl.close();
    }
  },
};

export function processIO(): CliIO {
  // Each part of the process is made when a command first uses it, not in every run (issue 17:
  // start-up): output goes to the descriptors (std-write.ts), and only a command that reads standard
  // input makes process.stdin. isTerminal(0) is what process.stdin.isTTY says, without making it.
  let interactive: boolean | undefined;
  return {
    stdout,
    stderr,
    env: process.env,
    cwd: process.cwd(),
    get stdinIsTTY() {
      return isTerminal(0);
    },
    // Someone can answer when both stderr (where the question goes) and stdin are a terminal.
    get prompt() {
      interactive ??= stderr.isTTY && isTerminal(0);
      return interactive ? terminalPrompter : undefined;
    },
    untilStopped: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve("SIGINT"));
        process.once("SIGTERM", () => resolve("SIGTERM"));
      }),
  };
}
