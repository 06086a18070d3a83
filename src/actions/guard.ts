/**
 * `stateward guard -- <deploy command…>`: doctor first (stop on blockers unless forced), then the
 * command with its output streamed through unchanged; if it fails, explain what it printed.
 */
import { spawn } from "node:child_process";
import { explainLog, type ExplainResult } from "../explain/index.js";
import { DEFAULT_LOCK_AGE_MS } from "../backends/lock-read.js";
import type { OpenStage } from "../backends/resolve.js";
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

/** Another stage of the app with a fresh lock: a deploy may be running there right now. */
export interface DeployingStage {
  stage: string;
  holder?: string;
  command?: string;
  ageSeconds?: number;
}

/**
 * The other stages of the app (same home, so same account) whose lock is younger than `freshMs`: two
 * stages deploying at once is one of the guides' causes of "already exists" (both creating a name
 * fixed in the program). stateward's own write locks are not deploys and are left out.
 */
export async function stagesDeployingNow(
  open: OpenStage,
  options: { now?: Date; freshMs?: number } = {},
): Promise<DeployingStage[]> {
  const now = options.now ?? new Date();
  const fresh = options.freshMs ?? DEFAULT_LOCK_AGE_MS;
  const stages = (await open.backend.listStages(open.signal)).filter((s) => s !== open.backend.stage);
  const found = await Promise.all(
    stages.map(async (stage) => {
      const locks = await (await open.backend.forStage(stage)).readLocks(open.signal);
      const live = locks.find(
        (l) =>
          l.stateward === undefined && l.created !== undefined && now.getTime() - l.created.getTime() < fresh,
      );
      if (live === undefined) return undefined;
      const d: DeployingStage = { stage };
      if (live.holder !== undefined) d.holder = live.holder;
      if (live.command !== undefined) d.command = live.command;
      d.ageSeconds = Math.max(0, Math.round((now.getTime() - live.created!.getTime()) / 1000));
      return d;
    }),
  );
  return found.filter((d): d is DeployingStage => d !== undefined);
}
