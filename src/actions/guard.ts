/**
 * `stateward guard -- <deploy command…>`: doctor first (stop on blockers unless forced), then the
 * command with its output streamed through unchanged; if it fails, explain what it printed.
 */
import { execFile, spawn } from "node:child_process";
import { explainLog, type ExplainResult } from "../explain/index.js";
import { appendAudit, type DeployFindings, type DeployRecord } from "../backends/audit.js";
import { DEFAULT_LOCK_AGE_MS } from "../backends/lock-read.js";
import type { OpenStage } from "../backends/resolve.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { DoctorReport } from "./doctor.js";

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
    return Promise.reject(new StatewardError("USAGE", t("guard.error.noCommand")));
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
            ? t("guard.error.notFound", { file })
            : t("guard.error.notStarted", { file, reason: e.message }),
          { hint: t("guard.error.notFoundHint") },
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

/** `git rev-parse HEAD` in `cwd`; undefined when it is not a git repository (or git is missing). */
export function gitCommit(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", ["rev-parse", "HEAD"], { cwd, timeout: 5000, encoding: "utf8" }, (error, stdout) => {
      const sha = stdout.trim();
      resolve(error === null && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined);
    });
  });
}

/** Doctor's report in the few numbers a deploy record keeps. */
export function findingsOf(report: DoctorReport | undefined): DeployFindings {
  if (report === undefined) return { status: "no-state" };
  const judged = report.findings.filter((f) => f.severity === "blocker" || f.severity === "warning");
  return {
    status: "checked",
    blockers: report.summary.blockers,
    warnings: report.summary.warnings,
    rules: [...new Set(judged.map((f) => f.rule))].sort(),
    ...(report.incomplete.length === 0 ? {} : { incomplete: report.incomplete.length }),
  };
}

/** Doctor did not finish: the record says why. */
export function failedFindings(error: unknown): DeployFindings {
  return { status: "failed", error: error instanceof Error ? error.message : String(error) };
}

/** Writes the deploy's audit record (action `guard`); its location. */
export async function recordDeploy(open: OpenStage, deploy: DeployRecord): Promise<string> {
  const writer = await open.writer("guard");
  const summary = t("guard.audit.summary", { command: deploy.command.join(" "), code: deploy.exitCode });
  // No abort signal: a deploy stopped with Ctrl-C is still recorded.
  const { location } = await appendAudit(open.backend, writer, { summary, deploy });
  return location;
}
