/**
 * The ui page (web/*.js) shows no words of its own: every text node and every human-facing attribute
 * (aria-label, title, alt, placeholder) in its htm templates is a `${…}` expression (a message of the
 * catalog through t()), and every `ui.*` key the page names exists in the catalog in both languages.
 * Reads the sources; no browser.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/i18n/catalog.js";
import { ROOT } from "../helpers.js";

const WEB = path.join(ROOT, "web");
const files = readdirSync(WEB).filter((f) => f.endsWith(".js"));

/** Every html`…` template in `src` (nested ones included), its expressions replaced by NUL. */
function htmlTemplates(src: string): string[] {
  const out: string[] = [];
  /** Reads a template from after its backtick; returns the index after its closing backtick. */
  const template = (start: number, keep: boolean): number => {
    let i = start;
    let part = "";
    const parts: string[] = [];
    while (i < src.length) {
      const c = src[i]!;
      if (c === "\\") {
        part += src.slice(i, i + 2);
        i += 2;
      } else if (c === "`") {
        if (keep) out.push([...parts, part].join("\0"));
        return i + 1;
      } else if (c === "$" && src[i + 1] === "{") {
        parts.push(part);
        part = "";
        i = expression(i + 2);
      } else {
        part += c;
        i++;
      }
    }
    return i;
  };
  /** Reads an expression from after `${`; returns the index after its closing brace. */
  const expression = (start: number): number => {
    let depth = 0;
    let i = start;
    while (i < src.length) {
      const c = src[i]!;
      if (c === "`") i = template(i + 1, src.slice(Math.max(0, i - 4), i) === "html");
      else if (c === '"' || c === "'") {
        i++;
        while (i < src.length && src[i] !== c) i += src[i] === "\\" ? 2 : 1;
        i++;
      } else if (c === "{") {
        depth++;
        i++;
      } else if (c === "}") {
        if (depth === 0) return i + 1;
        depth--;
        i++;
      } else i++;
    }
    return i;
  };
  for (let i = src.indexOf("html`"); i !== -1; i = src.indexOf("html`", i)) i = template(i + 5, true);
  return out;
}

describe("the ui page's words", () => {
  it("has no literal text in its templates: every word comes from the catalog", () => {
    const found: string[] = [];
    for (const f of files) {
      const templates = htmlTemplates(readFileSync(path.join(WEB, f), "utf8"));
      expect(templates.length, f).toBeGreaterThan(0);
      for (const tpl of templates) {
        for (const text of tpl.replace(/<[^>]*>/g, "\0").split("\0"))
          if (/[A-Za-z]{2,}/.test(text.replace(/&[a-z]+;/g, ""))) found.push(`${f}: text "${text.trim()}"`);
        for (const m of tpl.matchAll(/\b(aria-label|title|alt|placeholder)="([^"]*)"/g))
          if (/[A-Za-z]{2,}/.test(m[2]!)) found.push(`${f}: ${m[1]}="${m[2]}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it("names only ui.* keys the catalog has", () => {
    const keys = files.flatMap((f) =>
      [...readFileSync(path.join(WEB, f), "utf8").matchAll(/"(ui\.[A-Za-z0-9.-]+)"/g)].map((m) => m[1]!),
    );
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((k) => !(k in CATALOG))).toEqual([]);
  });
});
