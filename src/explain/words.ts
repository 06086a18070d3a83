/**
 * Explain's words for a stage (the log names one, or none). How sentences, clauses and lists are put
 * together in the language spoken is src/i18n/index.ts's (`sentences`, `clauses`, `items`, `parens`).
 */
import { t } from "../i18n/index.js";

/** The stage in words: `dev` (`阶段 dev`), or `the stage` when the log names none. */
export function stageWords(stage: string | undefined): string {
  return stage === undefined ? t("explain.stage.none") : t("explain.stage.named", { stage });
}
