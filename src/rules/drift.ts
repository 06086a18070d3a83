/** `drift`: key properties differ between state and cloud (only when doctor reads for drift). */
import { t } from "../i18n/index.js";
import { quote, resourceOf, type Finding, type Rule } from "./types.js";
import { noRemedy } from "./remedy.js";

export const drift: Rule = {
  id: "drift",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      for (const e of facts.inventory?.entries ?? []) {
        if (e.drift === undefined || e.drift.length === 0) continue;
        findings.push({
          rule: "drift",
          severity: "info",
          app: input.app,
          stage: facts.stage,
          resources: [resourceOf(e)],
          evidence: e.drift
            .map((d) =>
              t("rules.drift.evidence.item", {
                property: d.property,
                state: JSON.stringify(d.state),
                cloud: JSON.stringify(d.cloud),
              }),
            )
            .join("; "),
          cause: t("rules.drift.cause"),
          fix: [`sst refresh --stage ${quote(facts.stage)}`],
        });
      }
    }
    return findings;
  },
  // A refresh or the next deploy settles drift; which side is right is for a person to say.
  remedies: noRemedy,
};
