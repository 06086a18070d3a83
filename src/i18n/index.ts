/**
 * The language stateward speaks, and `t()`: a message of the catalog in that language with its
 * placeholders filled. English unless `--lang zh`, or LC_ALL / LC_MESSAGES / LANG (in POSIX order)
 * starts with `zh`. JSON keys, codes, rule ids and commands never change with the language; only the
 * text meant for a person does.
 */
import type { CATALOG, MessageId } from "./catalog.js";
import { messageIn } from "./table.js";
import type { Placeholders } from "./types.js";

export type { MessageId } from "./catalog.js";

export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

let current: Lang = "en";

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

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

type ParamsFor<Id extends MessageId> = Record<Placeholders<(typeof CATALOG)[Id]["en"]>, string | number>;

/** The params argument is required exactly when the message has placeholders. */
type ParamArgs<Id extends MessageId> = [Placeholders<(typeof CATALOG)[Id]["en"]>] extends [never]
  ? []
  : [params: ParamsFor<Id>];

/** A message in the current language (or `lang`), placeholders filled. */
export function t<Id extends MessageId>(id: Id, ...args: ParamArgs<Id>): string {
  return format(messageIn(current, id)!, args[0]);
}

/** The same message in a given language (a report written for someone else, a test). */
export function tIn<Id extends MessageId>(lang: Lang, id: Id, ...args: ParamArgs<Id>): string {
  return format(messageIn(lang, id)!, args[0]);
}

function format(template: string, params: Record<string, string | number> | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
