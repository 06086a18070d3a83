/**
 * The languages stateward speaks and how the environment picks one — apart from the catalog, so that
 * a pre-rendered help page (src/cli/help-pages.ts) knows its language without loading anything else.
 */
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/**
 * The language asked for: `--lang` if given (checked by the caller), else the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty — `zh_CN.UTF-8`, `zh_TW`, `zh` → Chinese; anything
 * else → English.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const value = env[name];
    if (value !== undefined && value !== "") return /^zh([_.@-]|$)/i.test(value) ? "zh" : "en";
  }
  return "en";
}
