/**
 * How explain's sentences and lists are put together in the language spoken: English separates
 * sentences with a space and clauses with `; `; Chinese needs neither space and uses
 * full-width punctuation. The words themselves come from the catalog (src/i18n/messages/explain.ts).
 */
import { getLang, t } from "../i18n/index.js";

/** Sentences (or a sentence and a clause that follows it) one after another. */
export function sentences(...parts: string[]): string {
  return parts.filter((p) => p !== "").join(getLang() === "zh" ? "" : " ");
}

/** A list of clauses: `a; b; c` (English), `a；b；c` (Chinese). */
export function clauses(items: readonly string[]): string {
  return items.join(getLang() === "zh" ? "；" : "; ");
}

/** The stage in words: `dev` (`阶段 dev`), or `the stage` when the log names none. */
export function stageWords(stage: string | undefined): string {
  return stage === undefined ? t("explain.stage.none") : t("explain.stage.named", { stage });
}

/** A remark in parentheses: `(…)` in English, `（…）` in Chinese. */
export function parens(text: string): string {
  return getLang() === "zh" ? `（${text}）` : `(${text})`;
}
