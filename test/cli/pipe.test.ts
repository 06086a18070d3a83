/**
 * The built CLI's output read by a reader that stops early (`stateward --help | head -3`): the run
 * ends quietly, with no stack trace on stderr. And `--version` alone, answered before the program
 * loads, prints the package's version like `-v`.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const MAIN = path.resolve("dist/cli/main.js");

/** Runs the CLI and closes its stdout after the first chunk, as `| head -1` does. */
function runAndHangUp(args: string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args]);
    let stderr = "";
    let first = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.once("data", (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    child.on("close", (code) => resolve({ code, stderr, first }));
  });
}

describe("a reader that stops early", () => {
  it("--help into a closed pipe ends with exit 0 and nothing on stderr", async () => {
    const r = await runAndHangUp(["--help"]);
    expect(r.first).toMatch(/^Usage: stateward/);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("state show of a large file into a closed pipe prints no stack trace", async () => {
    const r = await runAndHangUp(["state", "show", "test/fixtures/files/broken-integrity.json"]);
    expect(r.first.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe("--version", () => {
  const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
  for (const flag of ["--version", "-v"]) {
    it(`${flag} prints the package version`, async () => {
      const out = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [MAIN, flag]);
        let text = "";
        child.stdout.on("data", (d: Buffer) => (text += d.toString()));
        child.on("close", () => resolve(text));
      });
      expect(out).toBe(`${version}\n`);
    });
  }
});
