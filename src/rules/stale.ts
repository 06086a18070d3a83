/** `stale`: a state entry whose cloud resource no longer exists (deleted by hand). */
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
          .map(
            (e) =>
              `${e.label} ${e.name} is in ${facts.stage}'s state; ${displayRegion(e) === "global" ? "AWS" : e.region} does not have it`,
          )
          .join("; "),
        cause:
          "Deleted outside Pulumi (by hand, or by another tool); the state still points at it, so the next deploy may fail updating it.",
        fix: [
          `sst refresh --stage ${quote(facts.stage)}`,
          ...gone
            .filter((e) => e.urn !== undefined)
            .map(
              (e) =>
                `# or drop it from the state (and the references to it, as a refresh does): stateward forget ${quote(e.urn!)} --drop-references ${stageFlags(input.app, facts.stage)}`,
            ),
        ],
      });
    }
    return findings;
  },
  remedies: (f) =>
    perResource(f, (r) => ({
      kind: "refresh-entry",
      change: `drop ${r.urn ?? r.name} from the state (gone from the cloud) and the references to it, as a refresh does`,
      target: "state",
      reversible: true,
      destructive: false,
    })),
};
