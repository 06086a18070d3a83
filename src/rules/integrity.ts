/** `integrity`: what Pulumi would refuse the state for (dangling references, order, duplicates, magic). */
import { stageFlags, type Finding, type Rule } from "./types.js";
import { forStage } from "./remedy.js";

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
        evidence: `${facts.integrity.length} integrity violation${facts.integrity.length === 1 ? "" : "s"} (${codes.join(", ")}); first: ${facts.integrity[0]!.message}`,
        cause:
          "The state was edited by hand or written partly; Pulumi refuses to deploy it until it is repaired.",
        fix: [`stateward state repair ${stageFlags(input.app, facts.stage)}`],
      });
    }
    return findings;
  },
  remedies: (f) => [
    forStage(f, {
      kind: "repair-integrity",
      change: "repair the state as `pulumi state repair` does (order, dangling references, magic)",
      target: "state",
      reversible: true,
      destructive: false,
    }),
  ],
};
