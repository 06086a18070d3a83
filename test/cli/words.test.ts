/** `sandbox --exec` reads its command the way a shell quotes it (issue 18): quotes group, nothing runs. */
import { copyFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitWords } from "../../src/cli/words.js";
import { ROOT, cli, tempDir } from "../helpers.js";

describe("splitWords", () => {
  it("splits on blanks and honours single quotes, double quotes and backslashes", () => {
    expect(splitWords("  doctor   --app acme ")).toEqual(["doctor", "--app", "acme"]);
    expect(splitWords(`explain 'my log.txt'`)).toEqual(["explain", "my log.txt"]);
    expect(splitWords(`history snapshot --note "before the \\"big\\" refactor"`)).toEqual([
      "history",
      "snapshot",
      "--note",
      'before the "big" refactor',
    ]);
    expect(splitWords(`a\\ b 'it'"'"'s' "" x`)).toEqual(["a b", "it's", "", "x"]);
    // No expansion: a shell's specials are plain characters.
    expect(splitWords(`explain $HOME/*.log | rm`)).toEqual(["explain", "$HOME/*.log", "|", "rm"]);
    expect(splitWords(`"a\\nb" 'c\\d'`)).toEqual(["a\\nb", "c\\d"]);
  });

  it("refuses a quote left open", () => {
    expect(splitWords(`--note "open`)).toBeUndefined();
    expect(splitWords(`--note 'open`)).toBeUndefined();
  });
});

describe("sandbox --exec with quotes", () => {
  it("passes a quoted note as one argument; an open quote is a usage error (exit 2)", async () => {
    const ok = await cli([
      "sandbox",
      "--port",
      "0",
      "--exec",
      `history snapshot --app acme --stage production --note "before the refactor" --json`,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('"before the refactor"');
    const open = await cli(["sandbox", "--port", "0", "--exec", `history snapshot --note "before`]);
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/leaves a quote open/);
  }, 60_000);

  it("explain 'my log.txt': a file name with a space, quoted either way or escaped, is one argument", async () => {
    const dir = tempDir();
    const file = path.join(dir, "my log.txt");
    copyFileSync(path.join(ROOT, "test", "fixtures", "logs", "sst-log-group-exists.log"), file);
    const escaped = file.replace(/ /g, "\\ ");
    for (const exec of [
      `explain '${file}' --json`,
      `explain "${file}" --json`,
      `explain ${escaped} --json`,
    ]) {
      const r = await cli(["sandbox", "--port", "0", "--scenario", "empty", "--exec", exec]);
      expect(r.code, `${exec}: ${r.stderr}`).toBe(3);
      expect((JSON.parse(r.stdout) as { source: string }).source).toBe(file);
    }
    // Unquoted, the space splits it: two arguments, and explain says so.
    const split = await cli(["sandbox", "--port", "0", "--scenario", "empty", "--exec", `explain ${file}`]);
    expect(split.code).not.toBe(3);
  }, 60_000);
});
