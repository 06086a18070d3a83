/**
 * The language stateward speaks, and `t()`: a message of the catalog in that language with its
 * placeholders filled. English unless `--lang zh`, or LC_ALL / LC_MESSAGES / LANG (in POSIX order)
 * starts with `zh`. JSON keys, codes, rule ids and commands never change with the language; only the
 * text meant for a person does.
 */
import type { CATALOG, MessageId } from "./catalog.js";
import type { Lang } from "./lang.js";
import { messageIn } from "./table.js";
import type { Placeholders } from "./types.js";
import { format } from "./format.js";

export type { MessageId } from "./catalog.js";

export { isLang, langFromEnv, LANGS, type Lang } from "./lang.js";

let current: Lang = "en";

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

type ParamsFor<Id extends MessageId> = Record<Placeholders<(typeof CATALOG)[Id]["en"]>, string | number>;

/** The params argument is required exactly when the message has placeholders. */
type ParamArgs<Id extends MessageId> = [Placeholders<(typeof CATALOG)[Id]["en"]>] extends [never]
  ? []
  : [params: ParamsFor<Id>];

/*
 * How text is put together in the language spoken, around the catalog's messages: English separates
 * with a space, `, ` and `; `, Chinese with no space and full-width punctuation.
 */

/**
 * A list of short items (stages, names, types): `a, b, c` in English, `a，b，c` in Chinese. Every list
 * a message names goes through it.
 */
export function items(list: readonly (string | number)[]): string {
  return list.join(current === "zh" ? "，" : ", ");
}

/** A list of clauses: `a; b; c` (English), `a；b；c` (Chinese). */
export function clauses(list: readonly string[]): string {
  return list.join(current === "zh" ? "；" : "; ");
}

/** Sentences (or a sentence and a clause that follows it) one after another. */
export function sentences(...parts: string[]): string {
  return parts.filter((p) => p !== "").join(current === "zh" ? "" : " ");
}

/** A remark in parentheses: `(…)` in English, `（…）` in Chinese. */
export function parens(text: string): string {
  return current === "zh" ? `（${text}）` : `(${text})`;
}

/** A message in the current language (or `lang`), placeholders filled. */
export function t<Id extends MessageId>(id: Id, ...args: ParamArgs<Id>): string {
  return format(messageIn(current, id)!, args[0]);
}

/** The same message in a given language (a report written for someone else, a test). */
export function tIn<Id extends MessageId>(lang: Lang, id: Id, ...args: ParamArgs<Id>): string {
  return format(messageIn(lang, id)!, args[0]);
}
