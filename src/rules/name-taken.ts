/** `name-taken`: a name the state is about to create is already used in the cloud by another stage. */
import { t } from "../i18n/index.js";
import { unmanagedBy } from "./unmanaged.js";
import { quote, resourceOf, stageFlags, type Finding, type Rule } from "./types.js";
import { perResource } from "./remedy.js";

export const nameTaken: Rule = {
  id: "name-taken",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      for (const e of unmanagedBy(facts, "name-taken")) {
        findings.push({
          rule: "name-taken",
          severity: "blocker",
          app: input.app,
          stage: facts.stage,
          resources: [resourceOf(e)],
          evidence: t("rules.name-taken.evidence", {
            stage: facts.stage,
            label: e.label,
            name: e.name,
            other: e.otherStage ?? "",
          }),
          cause: t("rules.name-taken.cause", { name: e.name, other: e.otherStage ?? "", stage: facts.stage }),
          fix: [
            `stateward names check ${stageFlags(input.app, facts.stage)}`,
            t("rules.name-taken.fix.rename"),
            `stateward forget --pending ${quote(e.urn ?? e.name)} ${stageFlags(input.app, facts.stage)}`,
          ],
        });
      }
    }
    return findings;
  },
  remedies: (f) =>
    perResource(f, (r) => ({
      kind: "clear-pending",
      change: t("rules.name-taken.remedy", { what: r.urn ?? r.name }),
      target: "state",
      reversible: true,
      destructive: false,
    })),
};
