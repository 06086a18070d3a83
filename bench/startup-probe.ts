/**
 * Runs a Node program with a `--require` probe that, at exit, records the process's peak memory
 * (`process.resourceUsage().maxRSS`), every CommonJS module it loaded (`require.cache`: the AWS
 * SDK's packages and cli-table3 are CommonJS, so an ESM `import` of them lands there too) and every
 * file it read with fs.readFileSync (the CLI reads its messages and help pages so). The same
 * probe runs in the floor (`node -e 0`) and in stateward, so its own cost cancels out. Used by
 * bench/startup.bench.ts and test/cli/startup-lazy.test.ts.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const PROBE = `"use strict";
const fs = require("node:fs");
const { fileURLToPath } = require("node:url");
const read = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (typeof file === "string") read.push(file);
  else if (file instanceof URL) read.push(fileURLToPath(file));
  return readFileSync.call(this, file, ...rest);
};
process.on("exit", () => {
  const out = process.env.STARTUP_PROBE_OUT;
  if (!out) return;
  fs.writeFileSync(out, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, modules: Object.keys(require.cache), read }));
});
`;

export interface Probed {
  /** Wall time of the whole child process, spawn to exit. */
  wallMs: number;
  /** Peak resident memory of the child, in KiB. */
  maxRssKiB: number;
  /** Absolute paths of the CommonJS modules it loaded. */
  modules: string[];
  /** Paths of the files it read with fs.readFileSync (the messages and help pages the build wrote, among others). */
  read: string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface Prober {
  /** Runs `node <nodeArgs…>` with the probe preloaded (not blocking: a sandbox in this process answers). */
  run(nodeArgs: readonly string[], env?: Record<string, string>): Promise<Probed>;
  close(): void;
}

export function prober(): Prober {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stateward-startup-"));
  const probe = path.join(dir, "probe.cjs");
  writeFileSync(probe, PROBE);
  let n = 0;
  return {
    async run(nodeArgs, env = {}) {
      const out = path.join(dir, `out-${n++}.json`);
      const start = performance.now();
      const child = spawn(process.execPath, ["--require", probe, ...nodeArgs], {
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir, ...env, STARTUP_PROBE_OUT: out },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      const status = await new Promise<number | null>((resolve, reject) => {
        child.once("error", reject);
        child.once("close", (code) => resolve(code));
      });
      const wallMs = performance.now() - start;
      const seen = JSON.parse(readFileSync(out, "utf8")) as {
        maxRssKiB: number;
        modules: string[];
        read: string[];
      };
      return { wallMs, ...seen, status, stdout, stderr };
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `@aws-sdk/client-*` packages among loaded module paths (`client-s3`, …), sorted. */
export function sdkClients(modules: readonly string[]): string[] {
  const names = new Set<string>();
  for (const m of modules) {
    const hit = /[\\/]node_modules[\\/]@aws-sdk[\\/](client-[^\\/]+)[\\/]/.exec(m);
    if (hit !== null) names.add(hit[1]!);
  }
  return [...names].sort();
}

/** Whether cli-table3 (or string-width, which it loads) is among the loaded modules. */
export function loadsTable(modules: readonly string[]): boolean {
  return modules.some((m) => /[\\/]node_modules[\\/](cli-table3|string-width)[\\/]/.test(m));
}
