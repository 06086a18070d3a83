/**
 * `history export --git <dir>`: the stage's history as a git repository, one commit per version,
 * oldest first. Each commit holds `state.json`, the version's checkpoint pretty-printed with its keys
 * in a stable (sorted) order — secrets stay the ciphertext or secure objects they are in the state,
 * nothing is decrypted — dated with the version's time and described by its update record. A trailer
 * names the version and the SHA-256 of its content; a later run reads them back and appends only the
 * versions not yet committed.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { isGzip } from "../backends/encoding.js";
import type { StageBackend } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { outcomeWord } from "../report/history.js";
import { isoTime } from "../report/time.js";
import { listHistory, type HistoryVersion, type ReadHistory } from "./history.js";

export const STATE_FILE = "state.json";
const TRAILER_VERSION = "Stateward-Version";
const TRAILER_CONTENT = "Stateward-Content-Sha256";

export interface ExportedCommit {
  version: string;
  time: string;
  contentHash: string;
  subject: string;
  commit?: string;
}

export interface ExportResult {
  backend: string;
  app: string;
  stage: string;
  dir: string;
  /** Versions committed by this run, oldest first. */
  added: ExportedCommit[];
  /** Versions already in the repository (by the content hash in their trailer). */
  present: number;
  /** Versions that cannot be read (listed by `history list`), left out. */
  unreadable: string[];
  dryRun: boolean;
}

export interface ExportOptions {
  dryRun?: boolean;
  signal?: AbortSignal;
  /** The git binary (tests point it elsewhere to see the error when git is missing). */
  git?: string;
  env?: NodeJS.ProcessEnv;
}

/** Sorted keys, recursively: the same state always prints the same way. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** The checkpoint as it is stored, decompressed and pretty-printed (never decrypted). */
export function prettyState(bytes: Uint8Array): string {
  const text = Buffer.from(isGzip(bytes) ? gunzipSync(bytes) : bytes).toString("utf8");
  return JSON.stringify(sortKeys(JSON.parse(text)), null, 2) + "\n";
}

/** The commit message: the update record (command, outcome, who, errors), or "state version <id>". */
export function commitMessage(v: HistoryVersion): string {
  const u = v.update;
  const lines: string[] = [];
  const snap = v.snapshots?.[0];
  if (u !== undefined) {
    lines.push(
      t("history.export.subject.update", {
        command: u.command ?? t("history.update"),
        outcome: outcomeWord(u),
        id: v.id,
      }),
    );
    lines.push("");
    lines.push(t("history.export.body.update", { id: u.id }));
    if (u.runId !== undefined) lines.push(t("history.export.body.run", { run: u.runId }));
    if (u.sstVersion !== undefined) lines.push(t("history.export.body.written-by", { tool: u.sstVersion }));
    if (u.timeStarted !== undefined)
      lines.push(t("history.export.body.started", { time: isoTime(u.timeStarted) }));
    if (u.timeCompleted !== undefined)
      lines.push(t("history.export.body.completed", { time: isoTime(u.timeCompleted) }));
    for (const e of u.errors)
      lines.push(
        e.urn === undefined
          ? t("history.export.body.error", { message: e.message })
          : t("history.export.body.error-urn", { urn: e.urn, message: e.message }),
      );
  } else if (snap !== undefined) {
    lines.push(
      snap.note === undefined
        ? t("history.export.subject.snapshot", { id: snap.id })
        : t("history.export.subject.snapshot-note", { id: snap.id, note: snap.note }),
    );
    lines.push("");
    if (snap.who !== undefined) lines.push(t("history.export.body.who", { who: snap.who }));
  } else {
    lines.push(t("history.export.subject.version", { id: v.id }));
    lines.push("");
  }
  lines.push(t("history.export.body.resources", { count: v.resources }));
  lines.push(t("history.export.body.stored", { locations: items(v.locations) }));
  lines.push("");
  // i18n-exempt: git trailers are a machine-read format, read back by the next export
  lines.push(`${TRAILER_VERSION}: ${v.id}`, `${TRAILER_CONTENT}: ${v.contentHash}`);
  return lines.join("\n") + "\n";
}

function run(
  git: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      git,
      args,
      {
        cwd,
        env,
        maxBuffer: 256 * 1024 * 1024,
        encoding: "utf8",
        ...(signal === undefined ? {} : { signal }),
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          return reject(
            new StatewardError("GIT_MISSING", t("history.export.error.git-missing", { git }), {
              hint: t("history.export.hint.git-missing"),
            }),
          );
        }
        reject(
          new StatewardError(
            "GIT_FAILED",
            t("history.export.error.git-failed", {
              command: `git ${args[0] ?? ""}`,
              reason: (stderr || error.message).trim().split("\n")[0] ?? "",
            }),
          ),
        );
      },
    );
  });
}

/** The content hashes already committed (from the trailers), or none for a new repository. */
async function committed(
  git: string,
  dir: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const head = await run(git, ["rev-parse", "--verify", "-q", "HEAD"], dir, env, signal).catch(() => "");
  if (head.trim() === "") return new Set();
  const log = await run(git, ["log", "--format=%B%x00"], dir, env, signal);
  const re = new RegExp(`^${TRAILER_CONTENT}: ([0-9a-f]{64})$`, "gm");
  return new Set([...log.matchAll(re)].map((m) => m[1]!));
}

export async function exportGit(
  backend: StageBackend,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const git = options.git ?? "git";
  const signal = options.signal;
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (stat !== undefined && !stat.isDirectory()) {
    throw new StatewardError("USAGE", t("history.export.error.not-dir", { dir: root }), {
      hint: t("history.export.hint.dir"),
    });
  }
  // Fixed identity and no user configuration: the commits depend on the history only.
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
  };
  // git must exist before anything is read or written.
  await run(git, ["--version"], stat === undefined ? process.cwd() : root, env, signal);
  const list: ReadHistory = await listHistory(backend, signal === undefined ? {} : { signal });
  // The directory is a repository of its own (not a folder inside another one).
  const isRepo =
    stat !== undefined && (await fs.stat(path.join(root, ".git")).catch(() => undefined)) !== undefined;
  const have = isRepo ? await committed(git, root, env, signal) : new Set<string>();
  const oldestFirst = [...list.versions].reverse();
  const unreadable = oldestFirst.filter((v) => v.unreadable !== undefined || v.contentHash === "");
  const fresh = oldestFirst.filter((v) => !unreadable.includes(v) && !have.has(v.contentHash));
  const result: ExportResult = {
    backend: list.backend,
    app: list.app,
    stage: list.stage,
    dir: root,
    added: [],
    present: oldestFirst.length - unreadable.length - fresh.length,
    unreadable: unreadable.map((v) => v.id),
    dryRun: options.dryRun === true,
  };
  if (options.dryRun === true || fresh.length === 0) {
    result.added = fresh.map((v) => exported(v));
    return result;
  }
  await fs.mkdir(root, { recursive: true });
  if (!isRepo) await run(git, ["init", "-q"], root, env, signal);
  for (const v of fresh) {
    const bytes = list.bytesOf(v.id)!;
    await fs.writeFile(path.join(root, STATE_FILE), prettyState(bytes));
    await run(git, ["add", "--", STATE_FILE], root, env, signal);
    const author = v.snapshots?.[0]?.who ?? "stateward";
    const date = v.time;
    const message = commitMessage(v);
    await run(
      git,
      ["-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "--no-verify", "-m", message],
      root,
      {
        ...env,
        GIT_AUTHOR_NAME: author,
        GIT_AUTHOR_EMAIL: "stateward@localhost",
        GIT_COMMITTER_NAME: "stateward",
        GIT_COMMITTER_EMAIL: "stateward@localhost",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
      signal,
    );
    const sha = (await run(git, ["rev-parse", "HEAD"], root, env, signal)).trim();
    result.added.push(exported(v, sha));
  }
  return result;
}

function exported(v: HistoryVersion, commit?: string): ExportedCommit {
  return {
    version: v.id,
    time: v.time,
    contentHash: v.contentHash,
    subject: commitMessage(v).split("\n")[0]!,
    ...(commit === undefined ? {} : { commit }),
  };
}
