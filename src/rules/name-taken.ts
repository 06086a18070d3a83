/** `name-taken`: a name the state is about to create is already used in the cloud by another stage. */
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
          evidence: `${facts.stage} has a pending create for ${e.label} ${e.name}, which stage ${e.otherStage}'s state holds and the cloud has`,
          cause: `${e.name} has no stage or suffix in it, so every stage asks for the same name; ${e.otherStage} got it first and ${facts.stage}'s deploy fails with "already exists".`,
          fix: [
            `stateward names check ${stageFlags(input.app, facts.stage)}`,
            `# give the resource a name with $app.stage in it (or let SST generate one), then clear the pending create:`,
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
      change: `clear the pending create of ${r.urn ?? r.name}; rename it in sst.config.ts before the next deploy`,
      target: "state",
      reversible: true,
      destructive: false,
    })),
};
