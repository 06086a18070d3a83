/** `orphan`: a cloud resource of this stage (by tag, name or zone) that no state entry owns. */
import { t } from "../i18n/index.js";
import { kindById } from "../kinds/registry.js";
import { adoptOrDelete, adoptRemedies, grouped } from "./leftovers.js";
import type { Rule } from "./types.js";

export const orphan: Rule = {
  id: "orphan",
  run: (input) =>
    grouped(input, "orphan", (facts, entries, resources) => ({
      severity: "warning",
      evidence: t("rules.orphan.evidence", {
        items: entries
          .map((e) =>
            t("rules.orphan.evidence.item", {
              name: e.name,
              how:
                e.foundBy === "tag"
                  ? t("rules.orphan.found-by.tag", { stage: facts.stage })
                  : e.foundBy === "history"
                    ? t("rules.orphan.found-by.history")
                    : (kindById(e.kind)?.foundInGroup?.(facts.stage) ?? t("rules.orphan.found-by.name")),
            }),
          )
          .join("; "),
      }),
      cause: t("rules.orphan.cause"),
      fix: adoptOrDelete(input.app, facts.stage, resources),
    })),
  remedies: (f) => adoptRemedies(f, "new"),
};
