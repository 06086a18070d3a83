/**
 * `GET /` before its script runs: the page's `lang` and the words shown without JavaScript follow the
 * session's language (the catalog's `ui.page.noscript`), as the rest of the page does.
 */
import { afterEach, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getLang, setLang, t } from "../../src/i18n/index.js";
import { indexPage, WEB_DIR } from "../../src/ui/assets.js";

const before = getLang();
afterEach(() => setLang(before));

for (const [lang, htmlLang] of [
  ["en", "en"],
  ["zh", "zh-CN"],
] as const) {
  it(`serves web/index.html with lang="${htmlLang}" and the ${lang} noscript text`, async () => {
    setLang(lang);
    const html = (await indexPage()).body.toString("utf8");
    expect(html).toContain(`<html lang="${htmlLang}">`);
    expect(html).toContain(`<noscript>${t("ui.page.noscript")}</noscript>`);
    // Only those two differ from the file shipped in web/.
    const file = readFileSync(path.join(WEB_DIR, "index.html"), "utf8");
    const strip = (s: string) =>
      s.replace(/<html lang="[^"]*">/, "").replace(/<noscript>[^<]*<\/noscript>/, "");
    expect(strip(html)).toBe(strip(file));
  });
}
