/**
 * The README and docs/ stand alone (issue 18): every relative link in README.md and docs/**\/*.md
 * names a file or folder inside this repository (never `../shared/…` beside it, never a file that is
 * not there), and every `#anchor` names a heading of the file it points into. Links to web pages
 * (`https:`, `mailto:`) are not checked here.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

function markdownFiles(): string[] {
  const found = ["README.md"];
  const walk = (dir: string): void => {
    for (const name of readdirSync(path.join(ROOT, dir))) {
      const rel = path.join(dir, name);
      if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel);
      else if (name.endsWith(".md")) found.push(rel);
    }
  };
  if (existsSync(path.join(ROOT, "docs"))) walk("docs");
  return found;
}

/** Markdown without its code: fenced blocks and inline code hold commands, not links. */
function withoutCode(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** `[text](target)`, `![alt](target)`, `<a href="target">` and `[ref]: target` links. */
function links(text: string): string[] {
  const prose = withoutCode(text);
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const html = [...prose.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
  const refs = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...html, ...refs];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const text = readFileSync(path.join(ROOT, file), "utf8").replace(
    /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm,
    "",
  );
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** What is wrong with one link from `file`, or undefined when it resolves inside the repository. */
function problem(file: string, link: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return undefined; // https:, mailto: — a web page
  const [target = "", anchor] = link.split("#");
  const resolved =
    target === "" ? path.join(ROOT, file) : path.resolve(ROOT, path.dirname(file), decodeURI(target));
  const rel = path.relative(ROOT, resolved);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return "points outside the repository";
  if (!existsSync(resolved)) return "names no file in the repository";
  if (anchor !== undefined && anchor !== "" && resolved.endsWith(".md") && !anchors(rel).has(anchor))
    return `names no heading of ${rel}`;
  return undefined;
}

describe("links in README.md and docs/", () => {
  it("finds the links it checks (the checker itself reads Markdown)", () => {
    const sample =
      'see [a](docs/x.md), ![i](img.png "t"), <a href="b.md#c">b</a>\n[r]: ../r.md\n`[no](code.md)`';
    expect(links(sample)).toEqual(["docs/x.md", "img.png", "b.md#c", "../r.md"]);
    expect(problem("README.md", "../shared/design/PRODUCT.md")).toBe("points outside the repository");
    expect(problem("README.md", "docs/nothing-here.md")).toBe("names no file in the repository");
    expect(problem("README.md", "#no-such-heading")).toBe("names no heading of README.md");
    expect(slug("Running it: `npx stateward`")).toBe("running-it-npx-stateward");
  });

  it("every relative link resolves to a file in the repository, every anchor to a heading", () => {
    const files = markdownFiles();
    expect(files).toContain("README.md");
    const broken = files.flatMap((file) =>
      links(readFileSync(path.join(ROOT, file), "utf8")).flatMap((link) => {
        const why = problem(file, link);
        return why === undefined ? [] : [`${file}: ${link} ${why}`];
      }),
    );
    expect(broken).toEqual([]);
  });

  it("every repository path the README names in code (`src/…`, `test/…`, `examples/…`, …) exists", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const named = [...readme.matchAll(/`((?:src|test|docs|examples|bench|web)\/[^`\s]*)`/g)].map(
      (m) => m[1]!,
    );
    expect(named.length).toBeGreaterThan(10);
    // A path with a placeholder (`src/cloud/drivers/<service>.ts`, `test/**/*.slow.ts`) up to it.
    const missing = named.filter((p) => !existsSync(path.join(ROOT, p.split(/[<*]/)[0]!)));
    expect(missing).toEqual([]);
  });

  it("the README names no place outside the repository", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).not.toMatch(/\.\.\/shared|\/work\/shared/);
  });
});
