/**
 * The languages stateward speaks and how the arguments or the environment pick one — apart from the
 * catalog, so that a pre-rendered help page (src/cli/help-pages.ts) and a command run without
 * commander (src/cli/direct.ts) know their language without loading anything else.
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

/**
 * The language of this run, before anything is printed or any help is built: `--lang` (or
 * `--lang=`) before a `--`, else the environment. `asked` is set when `--lang` names no language.
 */
export function langOf(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { lang: Lang; asked?: string } {
  const end = argv.indexOf("--");
  const args = end === -1 ? argv : argv.slice(0, end);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value =
      a === "--lang" ? args[i + 1] : a.startsWith("--lang=") ? a.slice("--lang=".length) : undefined;
    if (value === undefined) continue;
    return isLang(value) ? { lang: value } : { lang: "en", asked: value };
  }
  return { lang: langFromEnv(env) };
}
