/** What a command run needs from its surroundings; tests pass their own, main passes the process's. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
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
  select(message: string, choices: Choice[]): Promise<string>;
  confirm(message: string): Promise<boolean>;
  /** A checklist; resolves with the values chosen. */
  checkbox?(message: string, choices: { value: string; name: string; checked: boolean }[]): Promise<string[]>;
  /** A line of text typed by the person (a name to confirm a deletion). */
  text?(message: string): Promise<string>;
}

/** Prompts on the terminal (arrow keys to pick, y/N to confirm), loaded only when used. */
const terminalPrompter: Prompter = {
  async select(message, choices) {
    const { default: select } = await import("@inquirer/select");
    return select({ message, choices, pageSize: 15 }, { output: process.stderr });
  },
  async confirm(message) {
    const { default: confirm } = await import("@inquirer/confirm");
    return confirm({ message, default: false }, { output: process.stderr });
  },
  async checkbox(message, choices) {
    const { default: checkbox } = await import("@inquirer/checkbox");
    return checkbox({ message, choices, pageSize: 20 }, { output: process.stderr });
  },
  async text(message) {
    const { createInterface } = await import("node:readline/promises");
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return (await rl.question(`${message}: `)).trim();
    } finally {
      rl.close();
    }
  },
};

export function processIO(): CliIO {
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: process.stdin.isTTY === true,
    ...(interactive ? { prompt: terminalPrompter } : {}),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve("SIGINT"));
        process.once("SIGTERM", () => resolve("SIGTERM"));
      }),
  };
}
