/**
 * The CLI's output written to its descriptors (src/cli/std-write.ts, issue 17), in a child process
 * with a real pipe, as a run has it: everything arrives, in order, through a reader that is behind
 * (where Node's own stream has made the pipe non-blocking and a write would block), and a reader that
 * goes away ends the run quietly with its exit code. Needs `npm run build` (dist/cli/std-write.js).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

const STD_WRITE = pathToFileURL(path.join(ROOT, "dist", "cli", "std-write.js")).href;

/** 64 lines of 16 KiB each (1 MiB, far more than a pipe holds), each line naming its number. */
const LINES = 64;
const writeLines = `
  for (let i = 0; i < ${LINES}; i++) stdout.write(String(i).padStart(4, "0") + "x".repeat(16379) + "\\n");`;

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `body` as an ES module with stdout and stderr of std-write imported; `slow`: the reader waits first. */
function child(body: string, options: { slow?: boolean; hangUp?: boolean } = {}): Promise<Child> {
  const script = `import { stdout, stderr, endRun } from ${JSON.stringify(STD_WRITE)};\n${body}`;
  return new Promise((resolve) => {
    const run = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    run.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    if (options.hangUp === true) run.stdout.once("data", () => run.stdout.destroy());
    else {
      run.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      if (options.slow === true) {
        run.stdout.pause();
        setTimeout(() => run.stdout.resume(), 300);
      }
    }
    run.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function expectAllLines(out: string): void {
  const lines = out.split("\n").slice(0, -1);
  expect(lines).toHaveLength(LINES);
  lines.forEach((line, i) => {
    expect(line.slice(0, 4)).toBe(String(i).padStart(4, "0"));
    expect(line).toHaveLength(16383);
  });
}

describe("output written to the descriptors", () => {
  it("a megabyte to a reader that is behind arrives whole and in order, and endRun waits for it", async () => {
    const r = await child(`${writeLines}\nstderr.write("done\\n");\nendRun(4);`, { slow: true });
    expectAllLines(r.stdout);
    expect(r.stderr).toBe("done\n");
    expect(r.code).toBe(4);
  });

  it("once Node's stream has made the pipe non-blocking, a write that would block goes on through it, in order", async () => {
    // Reading process.stdout.isTTY makes Node's stream for a pipe, which sets it non-blocking (what a
    // prompt or a dependency that writes to process.stdout does).
    const r = await child(
      `void process.stdout.isTTY;${writeLines}\nstderr.write(String(stdout.queued) + "\\n");\nendRun(4);`,
      { slow: true },
    );
    expectAllLines(r.stdout);
    expect(r.stderr).toBe("true\n");
    expect(r.code).toBe(4);
  });

  it("a reader that goes away ends the run with its exit code and nothing on stderr", async () => {
    const r = await child(`process.exitCode = 3;${writeLines}\nstderr.write("not reached\\n");`, {
      hangUp: true,
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(3);
  });

  it("a shell pipe's reader that goes away (EPIPE, `| head -c 10`) ends the run the same way", async () => {
    const script = `import { stdout } from ${JSON.stringify(STD_WRITE)};\nprocess.exitCode = 3;${writeLines}\nprocess.stderr.write("not reached\\n");`;
    const r = await new Promise<{ stderr: string }>((resolve) => {
      const shell = spawn(
        "bash",
        [
          "-c",
          'node --input-type=module -e "$SCRIPT" | head -c 10 > /dev/null; echo "node ${PIPESTATUS[0]}" >&2',
        ],
        { env: { ...process.env, SCRIPT: script }, stdio: ["ignore", "ignore", "pipe"] },
      );
      let stderr = "";
      shell.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      shell.on("close", () => resolve({ stderr }));
    });
    expect(r.stderr).toBe("node 3\n");
  });

  it("a pipe is not a terminal, and has no width", async () => {
    const r = await child(`stderr.write(JSON.stringify([stdout.isTTY, stdout.columns ?? null]));`);
    expect(r.stderr).toBe("[false,null]");
  });
});
