/**
 * Help pages served as built (src/cli/help-pages.ts, issue 17): `npm run build` stores every command's
 * help in each language, and the bin prints a stored page for a help request alone. A stored page
 * must be exactly what commander renders from the sources now (a stale build, a missing command or a
 * page served for the wrong request fails here), and everything that is not a help request alone must
 * still reach commander. Needs `npm run build`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { helpPaths } from "../../src/cli/prerender.js";
import type * as helpPages from "../../src/cli/help-pages.js";
import { helpAskedFor, helpWidth, HELP_WIDTH } from "../../src/cli/help-pages.js";
import { LANGS } from "../../src/i18n/index.js";
import { bin, cli, ROOT } from "../helpers.js";

const CHUNKS = path.join(ROOT, "dist", "chunks");

function stored(lang: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(CHUNKS, `help.${lang}.json`), "utf8")) as Record<string, string>;
}

describe("the stored pages", () => {
  for (const lang of LANGS) {
    it(`are every command's help in ${lang}, each exactly what commander renders from the sources`, async () => {
      const pages = stored(lang);
      const paths = helpPaths();
      expect(paths.length).toBeGreaterThan(30);
      expect(Object.keys(pages).sort()).toEqual([...paths].sort());
      for (const p of paths) {
        const r = await cli(["--lang", lang, ...(p === "" ? [] : p.split(" ")), "--help"]);
        expect(r.code).toBe(0);
        expect(pages[p], `stateward ${p} --help (${lang})`).toBe(r.stdout);
      }
    });
  }
});

describe("the bin", () => {
  const env = { LANG: "en_US.UTF-8" };
  // Each served from the stored pages (test/cli/startup-lazy.test.ts sees that no program loads).
  const served: ReadonlyArray<{ args: string[]; env?: Record<string, string> }> = [
    { args: ["--help"] },
    { args: ["-h"] },
    { args: ["help"] },
    { args: ["help", "doctor"] },
    { args: ["doctor", "-h"] },
    { args: ["history", "list", "--help"] },
    { args: ["--no-color", "state", "show", "--help"] },
    { args: ["--lang=zh", "lock", "--help"] },
    { args: ["--lang", "zh", "help", "explain"] },
    { args: ["help", "--lang", "zh"] },
    { args: ["doctor", "--lang", "zh", "--help"] },
    { args: ["-h", "--no-color"] },
    { args: ["help", "doctor", "--lang", "zh"] },
    { args: ["history", "diff", "--help"], env: { LANG: "zh_CN.UTF-8" } },
  ];
  // Not a help request alone: commander answers, as it always did.
  const commander: ReadonlyArray<{ args: string[]; env?: Record<string, string> }> = [
    { args: ["doctor", "--app", "acme", "--help"] },
    { args: ["help", "nosuch"] },
    { args: ["nosuch", "--help"] },
    { args: ["--lang", "fr", "--help"] },
    { args: ["--", "--help"] },
    { args: ["--help", "--lang"] },
  ];
  for (const c of [...served, ...commander]) {
    it(`stateward ${c.args.join(" ")} prints what commander renders, with its exit code`, async () => {
      const e = { ...env, ...c.env };
      const [built, rendered] = await Promise.all([bin(c.args, { env: e }), cli(c.args, e)]);
      expect(built.stdout).toBe(rendered.stdout);
      expect(built.stderr).toBe(rendered.stderr);
      expect(built.code).toBe(rendered.code);
    });
  }

  it("a help request is recognised alone, and nothing else is", () => {
    for (const c of served) expect(helpAskedFor(c.args), c.args.join(" ")).not.toBeUndefined();
    expect(helpAskedFor(["doctor", "--app", "acme", "--help"])).toBeUndefined();
    expect(helpAskedFor(["--", "--help"])).toBeUndefined();
    expect(helpAskedFor(["--help", "--lang"])).toBeUndefined();
    expect(helpAskedFor(["doctor"])).toBeUndefined();
    expect(helpAskedFor(["help", "history", "list"])).toBeUndefined();
    expect(helpAskedFor(["--lang", "zh", "history", "list", "-h"])).toBe("history list");
  });
});

describe("the width", () => {
  it("is the terminal's up to 80 columns, and 80 off a terminal", () => {
    expect(HELP_WIDTH).toBe(80);
    expect(helpWidth({ isTTY: true, columns: 60 })).toBe(60);
    expect(helpWidth({ isTTY: true, columns: 200 })).toBe(80);
    expect(helpWidth({ isTTY: false, columns: 60 })).toBe(80);
    expect(helpWidth({})).toBe(80);
  });

  it("a terminal narrower than the pages gets commander's rendering at its width, not a stored page", async () => {
    const chunk = readFileSync(path.join(ROOT, "dist", "cli", "main.cjs"), "utf8").match(
      /chunks\/(help-pages-[\w-]+\.cjs)/,
    )![1]!;
    const { help_pages_exports: built } = createRequire(import.meta.url)(path.join(CHUNKS, chunk)) as {
      help_pages_exports: typeof helpPages;
    };
    const wide = built.builtHelp(["doctor", "--help"], {}, { isTTY: true, columns: 120 });
    expect(wide).toBe(stored("en").doctor);
    expect(built.builtHelp(["doctor", "--help"], {}, { isTTY: true, columns: 60 })).toBeUndefined();
    let narrow = "";
    const code = await (
      await import("../../src/cli/program.js")
    ).runCli(["doctor", "--help"], {
      stdout: { write: (s: string) => (narrow += s), isTTY: true, columns: 60 },
      stderr: { write: () => true, isTTY: true, columns: 60 },
      env: {},
    });
    expect(code).toBe(0);
    // The command's description (after the usage line) wrapped at 60 columns here, at 80 in the page.
    const longest = (page: string) =>
      Math.max(
        ...page
          .split("\n\n")[1]!
          .split("\n")
          .map((l) => l.length),
      );
    expect(longest(narrow)).toBeLessThanOrEqual(60);
    expect(longest(wide!)).toBeGreaterThan(60);
    expect(narrow).not.toBe(wide);
  });
});
