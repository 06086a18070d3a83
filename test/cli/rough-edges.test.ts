/**
 * Rough edges a new user hit on a first pass through the CLI (issue 18): each test names the command
 * that showed it.
 */
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { tIn } from "../../src/i18n/index.js";
import { KINDS } from "../../src/kinds/registry.js";
import { cli } from "../helpers.js";

describe("scan progress on a terminal", () => {
  // `stateward scan` on a TTY printed "listing tagged SES identitys", "KMS aliass", "ECR repositorys".
  it("names each kind without making up an English plural", () => {
    for (const kind of KINDS) {
      const lines = [
        tIn("en", "cloud.discovery.listing-tagged", { found: 0, label: kind.label, region: "us-east-1" }),
        tIn("en", "cloud.discovery.call-tagged", { label: kind.label, region: "us-east-1" }),
        tIn("en", "cloud.discovery.listing-by-name", { found: 0, label: kind.label, region: "us-east-1" }),
      ];
      for (const line of lines) expect(line).toContain(`${kind.label} resources`);
    }
  });
});

describe("sandbox --exec passes on what was said to sandbox", () => {
  async function onTerminal(args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      stdout: { write: (s: string) => (stdout += s), isTTY: true },
      stderr: { write: (s: string) => (stderr += s), isTTY: true },
      env: {},
      cwd: tmpdir(),
    });
    return { code, stdout, stderr };
  }
  const exec = ["sandbox", "--port", "0", "--exec", "lock status --app acme --stage staging"];

  // `stateward --no-color sandbox --exec "lock status …"` on a terminal printed colors.
  it("--no-color", async () => {
    const colored = await onTerminal(exec);
    expect(colored.stdout).toContain("\x1b[");
    const plain = await onTerminal(["--no-color", ...exec]);
    expect(plain.code).toBe(4);
    expect(plain.stdout).toContain("Locked");
    expect(plain.stdout).not.toContain("\x1b[");
  }, 60_000);

  // `stateward sandbox --json --exec "lock status …"` printed the human report.
  it("--json: the command's one document", async () => {
    const r = await cli([
      "sandbox",
      "--port",
      "0",
      "--json",
      "--exec",
      "lock status --app acme --stage staging",
    ]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ app: "acme", stage: "staging", locked: true });
  }, 60_000);

  it("--json goes before guard's `--`, not to the command guarded", async () => {
    const r = await cli([
      "sandbox",
      "--port",
      "0",
      "--json",
      "--exec",
      "guard --app acme --stage production --force --no-recheck -- node -e 0",
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: ["node", "-e", "0"], ran: true, exitCode: 0 });
  }, 60_000);
});
