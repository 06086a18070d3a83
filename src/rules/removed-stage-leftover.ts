/**
 * `removed-stage-leftover`: resources of a removed stage (its state gone or empty) that the remove left
 * behind, other than CloudFront (`cloudfront-leftover`) and what was retained on purpose
 * (`retained-leftover`). Nothing will manage them again: they are to clean up, not to adopt.
 */
import { cleanupCommand, deleteRemedies, grouped } from "./leftovers.js";
import { removalEvidence } from "./unmanaged.js";
import { stageFlags, type Rule } from "./types.js";

export const removedStageLeftover: Rule = {
  id: "removed-stage-leftover",
  run: (input) =>
    grouped(input, "removed-stage-leftover", (facts, entries) => ({
      severity: "warning",
      evidence: `${removalEvidence(facts)}; ${entries.length === 1 ? "this still carries" : "these still carry"} ${facts.stage}'s tags or names: ${entries.map((e) => `${e.label} ${e.name}`).join(", ")}`,
      cause: `Stage ${facts.stage} was removed, but its remove did not delete ${entries.length === 1 ? "this" : "these"} (\`sst remove\` cancelled, failed or timed out, or the state deleted by hand). No state will manage ${entries.length === 1 ? "it" : "them"} again, and a new stage ${facts.stage} would fail on the names with "already exists".`,
      fix: [
        `stateward cleanup ${stageFlags(input.app, facts.stage)}`,
        cleanupCommand(input.app, facts.stage),
      ],
    })),
  remedies: (f) => deleteRemedies(f, ", removed"),
};
