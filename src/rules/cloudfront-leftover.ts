/**
 * `cloudfront-leftover`: CloudFront functions and distributions of a removed stage (the kinds that are
 * `slowRemove`).
 */
import { t } from "../i18n/index.js";
import { kindById } from "../kinds/registry.js";
import { cleanupCommand, deleteRemedies } from "./leftovers.js";
import { removalEvidence, unmanagedBy } from "./unmanaged.js";
import { resourceOf, stageFlags, type Finding, type Rule } from "./types.js";

export const cloudfrontLeftover: Rule = {
  id: "cloudfront-leftover",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      const entries = unmanagedBy(facts, "cloudfront-leftover");
      if (entries.length === 0) continue;
      findings.push({
        rule: "cloudfront-leftover",
        severity: "warning",
        app: input.app,
        stage: facts.stage,
        resources: entries.map((e) => {
          const r = resourceOf(e);
          // A distribution has no name of its own; its tags say whose it is.
          return kindById(e.kind)?.nameFields?.length === 0 ? { ...r, tags: e.tags } : r;
        }),
        evidence: removalEvidence(facts),
        cause: t("rules.cloudfront-leftover.cause"),
        fix: [
          `stateward cleanup ${stageFlags(input.app, facts.stage)}`,
          cleanupCommand(input.app, facts.stage),
        ],
      });
    }
    return findings;
  },
  remedies: (f) => deleteRemedies(f, "removed"),
};
