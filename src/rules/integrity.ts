/** `integrity`: what Pulumi would refuse the state for (dangling references, order, duplicates, magic). */
import { t, items } from "../i18n/index.js";
import { stageFlags, type Finding, type Rule } from "./types.js";
import { forStage } from "./remedy.js";

type EvidenceParams = { count: number; codes: string; message: string };
const evidenceOne = (p: EvidenceParams) => t("rules.integrity.evidence.one", p);
const evidenceOther = (p: EvidenceParams) => t("rules.integrity.evidence.other", p);

export const integrity: Rule = {
  id: "integrity",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      if (facts.integrity.length === 0) continue;
      const codes = [...new Set(facts.integrity.map((v) => v.code))];
      findings.push({
        rule: "integrity",
        severity: "blocker",
        app: input.app,
        stage: facts.stage,
        resources: [
          ...new Set(facts.integrity.map((v) => v.urn).filter((u): u is string => u !== undefined)),
        ].map((urn) => ({
          type: urn.split("::")[2]?.split("$").pop() ?? "",
          name: urn.split("::").pop() ?? urn,
          region: input.homeRegion,
          urn,
        })),
        evidence: (facts.integrity.length === 1 ? evidenceOne : evidenceOther)({
          count: facts.integrity.length,
          codes: items(codes),
          message: facts.integrity[0]!.message,
        }),
        cause: t("rules.integrity.cause"),
        fix: [`stateward state repair ${stageFlags(input.app, facts.stage)}`],
      });
    }
    return findings;
  },
  remedies: (f) => [
    forStage(f, {
      kind: "repair-integrity",
      change: t("rules.integrity.remedy"),
      target: "state",
      reversible: true,
      destructive: false,
    }),
  ],
};
