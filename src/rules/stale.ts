/** `stale`: a state entry whose cloud resource no longer exists (deleted by hand). */
import { t } from "../i18n/index.js";
import { displayRegion, quote, resourceOf, stageFlags, type Finding, type Rule } from "./types.js";
import { perResource } from "./remedy.js";

export const stale: Rule = {
  id: "stale",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      const gone = (facts.inventory?.entries ?? []).filter(
        (e) => e.status === "missing" && e.pending === undefined,
      );
      if (gone.length === 0) continue;
      findings.push({
        rule: "stale",
        severity: "warning",
        app: input.app,
        stage: facts.stage,
        resources: gone.map(resourceOf),
        evidence: gone
          .map((e) =>
            t("rules.stale.evidence.item", {
              label: e.label,
              name: e.name,
              stage: facts.stage,
              where: displayRegion(e) === "global" ? "AWS" : e.region,
            }),
          )
          .join("; "),
        cause: t("rules.stale.cause"),
        fix: [
          `sst refresh --stage ${quote(facts.stage)}`,
          ...gone
            .filter((e) => e.urn !== undefined)
            .map((e) =>
              t("rules.stale.fix.forget", {
                command: `stateward forget ${quote(e.urn!)} --drop-references ${stageFlags(input.app, facts.stage)}`,
              }),
            ),
        ],
      });
    }
    return findings;
  },
  remedies: (f) =>
    perResource(f, (r) => ({
      kind: "refresh-entry",
      change: t("rules.stale.remedy", { what: r.urn ?? r.name }),
      target: "state",
      reversible: true,
      destructive: false,
    })),
};
