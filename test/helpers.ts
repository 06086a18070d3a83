import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Prompter } from "../src/cli/io.js";
import { DeletionGate } from "../src/cloud/deletion-gate.js";
import type { CloudContext, KindDriver } from "../src/cloud/drivers/types.js";
import type { Identity, Kind } from "../src/kinds/types.js";
import { runCli } from "../src/cli/program.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = path.join(ROOT, "dist", "cli", "main.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with captured output (not a TTY, no colors). `prompt` stands in for the
 * person at a terminal; `cwd` is where project detection starts.
 */
export async function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string; prompt?: Prompter } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env,
    cwd: options.cwd ?? tmpdir(),
    ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
  });
  return { code, stdout, stderr };
}

/** Runs the built binary as a child process, as a user would. */
export function bin(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: { PATH: process.env.PATH ?? "", ...options.env },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") return reject(new Error(error.message));
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
    else child.stdin!.end();
  });
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "stateward-test-"));
}

/**
 * A handler's delete through the deletion gate, for handler tests: the resource belongs to a stage
 * "test" that is confirmed, and no state holds it. Handlers cannot be called without the gate.
 */
export function gated(handler: Kind): {
  delete: (ctx: CloudContext, identity: Identity) => ReturnType<KindDriver["delete"]>;
} {
  const gate = new DeletionGate(
    { command: "cleanup", confirmed: ["test"], confirmProtected: false },
    { app: "test", homeRegion: "us-east-1", stages: [] },
  );
  return {
    delete: (ctx, identity) => gate.delete(ctx, { stage: "test", type: handler.types[0]!, ...identity }),
  };
}

/** An endpoint nothing listens on (a port taken, then let go). */
export async function closedPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A client whose `command` calls ask for `size` items a page (`field`), so paging shows with few items. */
export function smallPages(
  client: {
    middlewareStack: {
      add(
        mw: (
          next: (args: { input: object }) => unknown,
          context: { commandName?: string },
        ) => (args: { input: object }) => unknown,
        options: { step: "initialize"; name: string },
      ): void;
    };
  },
  command: string,
  field: string,
  size: number,
): void {
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === command) (args.input as Record<string, unknown>)[field] = size;
      return next(args);
    },
    { step: "initialize", name: "smallPagesForTest" },
  );
}
