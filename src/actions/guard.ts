/**
 * `stateward guard -- <deploy command…>`: doctor first (stop on blockers unless forced), then the
 * command with its output streamed through unchanged; if it fails, explain what it printed.
 */
import { spawn } from "node:child_process";
import { explainLog, type ExplainResult } from "../explain/index.js";
import { StatewardError } from "../errors.js";

export interface CommandRun {
  exitCode: number;
  /** What it printed (stdout and stderr interleaved as they came), for explain. */
  output: string;
}

/**
 * Runs a command, passing its stdout and stderr through as they come, keeping a copy (the last
 * 32 MiB) to explain. Resolves with its exit code (128 + signal number when killed).
 */
export function runThrough(
  command: string[],
  io: {
    stdout: { write(s: string | Uint8Array): unknown };
    stderr: { write(s: string | Uint8Array): unknown };
  },
  env: NodeJS.ProcessEnv,
): Promise<CommandRun> {
  const [file, ...args] = command;
  if (file === undefined) {
    return Promise.reject(
      new StatewardError(
        "USAGE",
        "guard needs the deploy command after --, e.g. `stateward guard -- sst deploy --stage dev`.",
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["inherit", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let kept = 0;
    const keep = (chunk: Buffer) => {
      chunks.push(chunk);
      kept += chunk.length;
      while (kept > 32 * 1024 * 1024 && chunks.length > 1) kept -= chunks.shift()!.length;
    };
    child.stdout.on("data", (chunk: Buffer) => {
      io.stdout.write(chunk);
      keep(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      io.stderr.write(chunk);
      keep(chunk);
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      reject(
        new StatewardError(
          "COMMAND_NOT_FOUND",
          e.code === "ENOENT"
            ? `${file} was not found on PATH.`
            : `${file} could not be started: ${e.message}.`,
          { hint: "Check the command after --; it runs as given, without a shell." },
        ),
      );
    });
    child.on("close", (code, signal) => {
      const signals: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
      resolve({
        exitCode: code ?? 128 + (signal === null ? 1 : (signals[signal] ?? 1)),
        output: Buffer.concat(chunks).toString("utf8"),
      });
    });
  });
}

export function explainOutput(run: CommandRun): ExplainResult {
  return explainLog(run.output);
}
