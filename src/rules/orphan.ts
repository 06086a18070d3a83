/** `orphan`: a cloud resource of this stage (by tag, name or zone) that no state entry owns. */
import { kindById } from "../kinds/registry.js";
import { adoptOrDelete, adoptRemedies, grouped } from "./leftovers.js";
import type { Rule } from "./types.js";

export const orphan: Rule = {
  id: "orphan",
  run: (input) =>
    grouped(input, "orphan", (facts, entries, resources) => ({
      severity: "warning",
      evidence:
        entries
          .map(
            (e) =>
              `${e.name}: found by ${e.foundBy === "tag" ? `its sst:stage=${facts.stage} tag` : e.foundBy === "history" ? "an older version of the state" : (kindById(e.kind)?.foundInGroup?.(facts.stage) ?? "its name")}`,
          )
          .join("; ") + "; no state holds it",
      cause:
        "These belong to the stage by tag or name, but no state entry owns them: an interrupted deploy, a restored state, or something made by hand.",
      fix: adoptOrDelete(input.app, facts.stage, resources),
    })),
  remedies: (f) => adoptRemedies(f, "new"),
};
