/**
 * `removed-stage-leftover`: resources of a removed stage (its state gone or empty) that the remove left
 * behind, other than CloudFront (`cloudfront-leftover`) and what was retained on purpose
 * (`retained-leftover`). Nothing will manage them again: they are to clean up, not to adopt.
 */
import { t, items } from "../i18n/index.js";
import { cleanupCommand, deleteRemedies, grouped } from "./leftovers.js";
import { removalEvidence } from "./unmanaged.js";
import { stageFlags, type Rule } from "./types.js";

export const removedStageLeftover: Rule = {
  id: "removed-stage-leftover",
  run: (input) =>
    grouped(input, "removed-stage-leftover", (facts, entries) => {
      const params = {
        removal: removalEvidence(facts),
        stage: facts.stage,
        list: items(entries.map((e) => `${e.label} ${e.name}`)),
      };
      const one = entries.length === 1;
      return {
        severity: "warning",
        evidence: one
          ? t("rules.removed-stage-leftover.evidence.one", params)
          : t("rules.removed-stage-leftover.evidence.other", params),
        cause: one
          ? t("rules.removed-stage-leftover.cause.one", { stage: facts.stage })
          : t("rules.removed-stage-leftover.cause.other", { stage: facts.stage }),
        fix: [
          `stateward cleanup ${stageFlags(input.app, facts.stage)}`,
          cleanupCommand(input.app, facts.stage),
        ],
      };
    }),
  remedies: (f) => deleteRemedies(f, "removed"),
};
