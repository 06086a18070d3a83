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

/**
 * A list of short items (stages, names, types) in the language spoken: `a, b, c` in English, `a，b，c`
 * in Chinese. Every list a message names goes through it.
 */
export function items(list: readonly (string | number)[]): string {
  return list.join(current === "zh" ? "，" : ", ");
}

/** A message in the current language (or `lang`), placeholders filled. */
export function t<Id extends MessageId>(id: Id, ...args: ParamArgs<Id>): string {
  return format(messageIn(current, id)!, args[0]);
}

/** The same message in a given language (a report written for someone else, a test). */
export function tIn<Id extends MessageId>(lang: Lang, id: Id, ...args: ParamArgs<Id>): string {
  return format(messageIn(lang, id)!, args[0]);
}

/** Full-width punctuation and CJK characters: no space goes between them and Chinese text. */
const WIDE_EDGE = /[（）【】「」『』“”，。：；、！？\u3400-\u9fff\uf900-\ufaff]/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Fills the placeholders. The space a Chinese template keeps around a placeholder (for a name, an id,
 * a path: `在 {place} 中`) goes where the value itself ends (or starts) with full-width punctuation or
 * a Chinese character: `…（位于 us-east-1，账户 1）中`, `标准输入中`, not `…） 中`. The template's own
 * text has no such space (test/i18n/catalog.test.ts); a value's own text is left as it is.
 */
function format(template: string, params: Record<string, string | number> | undefined): string {
  if (params === undefined) return template;
  let out = "";
  let from = 0;
  for (const m of template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    const value = params[m[1]!];
    let before = template.slice(from, m.index);
    from = m.index + m[0].length;
    if (value === undefined) {
      out += before + m[0];
      continue;
    }
    const text = String(value);
    if (before.endsWith(" ") && CJK.test(before.at(-2) ?? "") && WIDE_EDGE.test(text[0] ?? "")) {
      before = before.slice(0, -1);
    }
    out += before + text;
    if (template[from] === " " && CJK.test(template[from + 1] ?? "") && WIDE_EDGE.test(text.at(-1) ?? "")) {
      from += 1;
    }
  }
  return out + template.slice(from);
}
