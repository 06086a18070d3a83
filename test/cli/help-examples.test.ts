/**
 * Every command's `--help` shows examples that work as pasted on the local cloud (issue 18). The
 * sandbox is started as a user starts it (`sandbox --port 0`) and its printed `export` lines are the
 * environment; every help page (the program, each command and sub-command, found by reading the
 * "Commands:" section of each page) is read in English and in Chinese, and every example line in it
 * is run by a shell, from the repository root, exactly as printed. `npx` is a stand-in that runs the
 * built dist/cli/main.js for `npx stateward` (test/npx.slow.ts proves the real npx does); anything
 * else it is asked to run fails the example. An example must not fail (exit 1) or be misused (exit
 * 2); one that serves until Ctrl-C (`ui`) must print its address and stop cleanly on SIGINT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, cli, tempDir } from "../helpers.js";

interface Page {
  path: string[];
  text: string;
}

interface Outcome {
  line: string;
  code: number | null;
  signal: string | null;
  output: string;
}

/** Outputs of a command under `npx stateward` that are not a failure: clean, problems, warnings, incomplete. */
const FINE = new Set([0, 3, 4, 5]);
/** A command that serves until stopped (`ui`) prints its local address with its access token first. */
const SERVING = /http:\/\/127\.0\.0\.1:\d+\/\?token=/;

let sandbox: ChildProcess | undefined;
let env: Record<string, string> = {};
const home = tempDir();
/** The file apply's example writes in the repository root; one already there is put back afterwards. */
const planFile = path.join(ROOT, "plan.json");
const planBefore = existsSync(planFile) ? readFileSync(planFile) : undefined;

beforeAll(async () => {
  // The stand-in npx: `npx stateward …` is the built CLI; nothing else is installed.
  const binDir = path.join(home, "bin");
  mkdirSync(binDir);
  const npx = path.join(binDir, "npx");
  writeFileSync(
    npx,
    `#!/bin/sh\nif [ "$1" = stateward ]; then shift; exec "${process.execPath}" "${BIN}" "$@"; fi\necho "npx stand-in: $1 is not installed" >&2\nexit 99\n`,
  );
  chmodSync(npx, 0o755);
  sandbox = spawn(process.execPath, [BIN, "sandbox", "--port", "0"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exports = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = "";
    sandbox!.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const lines = [...out.matchAll(/^\s*export (\w+)=(\S+)$/gm)];
      if (lines.length > 0 && /Ctrl-C/.test(out))
        resolve(Object.fromEntries(lines.map((m) => [m[1]!, m[2]!])));
    });
    sandbox!.on("exit", (code) =>
      reject(new Error(`sandbox exited (${code}) before printing its export lines:\n${out}`)),
    );
  });
  expect(exports.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  env = {
    ...exports,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    HOME: home,
    STATEWARD_CACHE_DIR: path.join(home, "cache"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
}, 60_000);

afterAll(async () => {
  // Its exit writes (the code cache under HOME): the folder goes once it has exited.
  const running = sandbox !== undefined && sandbox.exitCode === null ? sandbox : undefined;
  const exited = new Promise((resolve) =>
    running === undefined ? resolve(undefined) : running.once("exit", resolve),
  );
  running?.kill("SIGTERM");
  await exited;
  if (planBefore === undefined) rmSync(planFile, { force: true });
  else writeFileSync(planFile, planBefore);
  rmSync(home, { recursive: true, force: true });
});

/** The sub-commands a help page lists under "Commands:" (commander's own `help` left out). */
function subcommands(text: string): string[] {
  const start = text.split("\n").findIndex((l) => /^(Commands:|命令：)$/.test(l));
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of text.split("\n").slice(start + 1)) {
    if (!line.startsWith("  ")) break;
    const name = /^ {2}(\S+)/.exec(line)?.[1];
    if (name !== undefined && name !== "help") names.push(name);
  }
  return names;
}

async function help(pathOf: string[], lang: string): Promise<string> {
  const run = await cli(["--lang", lang, ...pathOf, "--help"]);
  expect(run.code, `${pathOf.join(" ")} --help: ${run.stderr}`).toBe(0);
  return run.stdout;
}

/** Every help page, the program's first, each command's after its parent's. */
async function pages(lang: string): Promise<Page[]> {
  const found: Page[] = [];
  const visit = async (pathOf: string[]): Promise<void> => {
    const text = await help(pathOf, lang);
    found.push({ path: pathOf, text });
    for (const name of subcommands(text)) await visit([...pathOf, name]);
  };
  await visit([]);
  return found.sort((a, b) => a.path.join(" ").localeCompare(b.path.join(" ")));
}

/** The lines of a help page a person pastes: each starts with `npx stateward`. */
function examples(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("npx stateward "));
}

/** Runs one pasted line in a shell from the repository root; a server is stopped with Ctrl-C once it listens. */
function paste(line: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", line], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let interrupted = false;
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (!interrupted && SERVING.test(output)) {
        interrupted = true;
        process.kill(-child.pid!, "SIGINT");
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ line, code, signal, output: interrupted ? `[stopped with Ctrl-C]\n${output}` : output });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe("--help examples", () => {
  it("every command and sub-command shows one, the same in Chinese, and each works as pasted on the sandbox", async () => {
    const en = await pages("en");
    const zh = await pages("zh");
    // The program, its commands and their sub-commands: state show … audit list, sandbox, ui.
    expect(en.length).toBeGreaterThanOrEqual(30);
    expect(zh.map((p) => p.path.join(" "))).toEqual(en.map((p) => p.path.join(" ")));

    const without = en
      .filter((p) => examples(p.text).length === 0)
      .map((p) => p.path.join(" ") || "(program)");
    expect(without).toEqual([]);
    for (const [i, page] of en.entries())
      expect(examples(zh[i]!.text), `stateward ${page.path.join(" ")} --help in Chinese`).toEqual(
        examples(page.text),
      );

    const lines = en.flatMap((p) => examples(p.text));
    expect(lines.length).toBeGreaterThanOrEqual(en.length);

    // A page's examples run in order (apply's plan is written before it is applied); pages side by
    // side, except the sandbox's own (`sandbox reset` re-seeds the cloud the others are reading): last.
    const started = new Map<string, Promise<Outcome>>(); // a line on several pages runs once
    const inOrder = (page: Page) => async () => {
      const done: Outcome[] = [];
      for (const line of examples(page.text)) {
        if (!started.has(line)) started.set(line, paste(line));
        done.push(await started.get(line)!);
      }
      return done;
    };
    const own = (page: Page) => page.path[0] === "sandbox";
    const outcomes = [
      ...(await pool(en.filter((p) => !own(p)).map(inOrder), 3)),
      ...(await pool(en.filter(own).map(inOrder), 1)),
    ].flat();
    expect(outcomes).toHaveLength(lines.length);

    const failed = outcomes
      .filter((o) => {
        // Ctrl-C reaches the shell too, which may end by the signal before the command's own exit code.
        if (o.output.startsWith("[stopped with Ctrl-C]"))
          return !(o.code === 0 || o.code === 130 || o.signal === "SIGINT");
        return o.code === null || !FINE.has(o.code);
      })
      .map(
        (o) =>
          `${o.line}\n  exit ${o.code ?? o.signal}: ${o.output.trim().split("\n").slice(-4).join("\n  ")}`,
      );
    expect(failed).toEqual([]);

    // Examples that write show their dry run: none of them leaves a backup or a git export behind.
    expect(existsSync(path.join(ROOT, "state-backup"))).toBe(false);
    expect(existsSync(path.join(ROOT, "state-history"))).toBe(false);
  }, 300_000);
});
