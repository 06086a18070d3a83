/**
 * The message catalog is whole: every entry in both languages, the same placeholders in each, every
 * entry used, and no prose written outside it (test/i18n/prose.ts says what counts as prose).
 * `I18N_SCAN=src/rules npx vitest run test/i18n` lists what is left in one folder.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AREAS, CATALOG } from "../../src/i18n/catalog.js";
import { langFromEnv, setLang, t, tIn } from "../../src/i18n/index.js";
import { findProse, sourceFiles } from "./prose.js";

const root = join(import.meta.dirname, "../..");
const placeholders = (s: string): string[] => [...s.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!).sort();

describe("the message catalog", () => {
  const entries = Object.entries(CATALOG);

  it("gives each id one area", () => {
    const seen = new Map<string, string>();
    const shared: string[] = [];
    for (const [area, messages] of Object.entries(AREAS)) {
      for (const id of Object.keys(messages)) {
        const before = seen.get(id);
        if (before !== undefined) shared.push(`${id}: ${before} and ${area}`);
        seen.set(id, area);
      }
    }
    expect(shared).toEqual([]);
    expect(Object.keys(CATALOG)).toHaveLength(seen.size);
  });

  it("has a Chinese translation for every message", () => {
    const missing = entries
      .filter(([, e]) => e.zh.trim() === "" || !/[\u4e00-\u9fff]/.test(e.zh))
      .map(([id]) => id);
    expect(missing).toEqual([]);
  });

  it("has the same placeholders in both languages, each an identifier", () => {
    const differ = entries
      .filter(([, e]) => placeholders(e.en).join() !== placeholders(e.zh).join())
      .map(([id, e]) => `${id}: en {${placeholders(e.en).join(",")}} zh {${placeholders(e.zh).join(",")}}`);
    expect(differ).toEqual([]);
    const bad = entries.flatMap(([id, e]) =>
      placeholders(e.en)
        .filter((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))
        .map((p) => `${id}: {${p}}`),
    );
    expect(bad).toEqual([]);
  });

  it("uses every message somewhere in src/ (or, for the ui page's words, web/)", () => {
    const web = readdirSync(join(root, "web"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => `web/${f}`);
    const text = [...sourceFiles(root), ...web].map((f) => readFileSync(join(root, f), "utf8")).join("\n");
    const unused = entries.map(([id]) => id).filter((id) => !text.includes(`"${id}"`));
    expect(unused).toEqual([]);
  });

  it("puts no ASCII space next to Chinese full-width punctuation", () => {
    // `…“{text}” 不是`, `  （当前）`: full-width punctuation carries its own space.
    const spaced = entries
      .filter(([, e]) => /[（），。：；、！？“”] | [（），。：；、！？“”]/.test(e.zh))
      .map(([id, e]) => `${id}: ${e.zh}`);
    expect(spaced).toEqual([]);
  });

  it("drops a placeholder's space where its value meets Chinese text with full-width punctuation", () => {
    // `在 {place} 中` with a place that ends in `）` read "…） 中不存在".
    const place = tIn("zh", "backends.stages.homeIn", { home: "s3://home", place: "us-east-1，账户 1" });
    const notFound = { app: "acme", stage: "nope", listed: "" };
    expect(tIn("zh", "backends.stages.notFound.sst", { ...notFound, place })).toContain(
      "在 s3://home（位于 us-east-1，账户 1）中不存在",
    );
    // A name or a path keeps its space; so does a value's own text.
    expect(tIn("zh", "backends.stages.notFound.sst", { ...notFound, place: "s3://home" })).toContain(
      "在 s3://home 中不存在",
    );
    expect(tIn("zh", "backends.stages.none.sst", { app: "acme", place: "标准输入" })).toBe(
      "应用 acme 在标准输入中没有任何阶段。",
    );
    expect(tIn("zh", "backends.stages.none.sst", { app: "acme", place: "x） 中y" })).toBe(
      "应用 acme 在 x） 中y 中没有任何阶段。",
    );
    expect(tIn("en", "backends.stages.none.sst", { app: "acme", place: "（x）" })).toBe(
      "App acme has no stages in （x）.",
    );
  });

  it("leaves every English message exactly as its template, whatever a value starts or ends with", () => {
    // The zh spacing rule must never touch English: each value is wide punctuation and Chinese at both
    // ends, and every English message reads as plain substitution.
    const value = "（中）";
    const changed = entries.flatMap(([id, e]) => {
      const params = Object.fromEntries(placeholders(e.en).map((p) => [p, value]));
      const plain = e.en.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, value);
      const filled = (tIn as (lang: "en", id: string, params: Record<string, string>) => string)(
        "en",
        id,
        params,
      );
      return filled === plain ? [] : [`${id}: ${filled}`];
    });
    expect(changed).toEqual([]);
  });

  it("fills placeholders and follows the language set", () => {
    expect(tIn("en", "core.severity.blocker")).toBe("blocker");
    expect(tIn("zh", "core.severity.blocker")).toBe("阻断");
    setLang("zh");
    expect(t("core.severity.warning")).toBe("警告");
    setLang("en");
    expect(t("core.severity.warning")).toBe("warning");
  });

  it("takes the language from LC_ALL, LC_MESSAGES, LANG in that order", () => {
    expect(langFromEnv({ LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(langFromEnv({ LANG: "zh_TW" })).toBe("zh");
    expect(langFromEnv({ LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(langFromEnv({ LC_ALL: "", LC_MESSAGES: "zh_CN", LANG: "C" })).toBe("zh");
    expect(langFromEnv({ LANG: "zu_ZA" })).toBe("en");
    expect(langFromEnv({})).toBe("en");
  });
});

describe("prose outside the catalog", () => {
  it("is none: every human-facing line comes from t()", () => {
    const scope = process.env.I18N_SCAN;
    const files = sourceFiles(root).filter((f) => scope === undefined || f.startsWith(scope));
    const found = findProse(root, files).map((p) => `${p.file}:${p.line}  ${p.text}`);
    expect(found).toEqual([]);
  });
});
