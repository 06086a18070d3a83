/** `retained-leftover`: an orphan that an older state version held with `retainOnDelete`. */
import { adoptOrDelete, adoptRemedies, grouped } from "./leftovers.js";
import type { Rule } from "./types.js";

export const retainedLeftover: Rule = {
  id: "retained-leftover",
  run: (input) =>
    grouped(input, "retained-leftover", (facts, entries, resources) => ({
      severity: "warning",
      evidence: `in the cloud with ${facts.stage}'s tags, not in the current state; an older version held ${entries.length === 1 ? "it" : "them"} with retainOnDelete`,
      cause:
        'removal: "retain" kept these in AWS when they left the app; a deploy that adds them again fails with "already exists".',
      fix: adoptOrDelete(input.app, facts.stage, resources, { retained: true }),
    })),
  remedies: (f) => adoptRemedies(f, "retained"),
};
