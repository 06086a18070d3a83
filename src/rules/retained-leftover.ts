/** `retained-leftover`: an orphan that an older state version held with `retainOnDelete`. */
import { t } from "../i18n/index.js";
import { adoptOrDelete, adoptRemedies, grouped } from "./leftovers.js";
import type { Rule } from "./types.js";

export const retainedLeftover: Rule = {
  id: "retained-leftover",
  run: (input) =>
    grouped(input, "retained-leftover", (facts, entries, resources) => ({
      severity: "warning",
      evidence:
        entries.length === 1
          ? t("rules.retained-leftover.evidence.one", { stage: facts.stage })
          : t("rules.retained-leftover.evidence.other", { stage: facts.stage }),
      cause: t("rules.retained-leftover.cause"),
      fix: adoptOrDelete(input.app, facts.stage, resources, { retained: true }),
    })),
  remedies: (f) => adoptRemedies(f, "retained"),
};
