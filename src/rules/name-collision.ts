/** `name-collision`: one physical name claimed by two stages; names with no stage and no suffix. */
import { kindById } from "../kinds/registry.js";
import { quote, resourceOf, stageFlags, type Finding, type Rule } from "./types.js";
import { perResource } from "./remedy.js";

export const nameCollision: Rule = {
  id: "name-collision",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      for (const e of facts.inventory?.entries ?? []) {
        if (e.status !== "managed") continue;
        // Only kinds know their names are account-wide: a long-tail entry's name may be unique only
        // inside its parent (an API's `$default` stage, a user pool's client), never a collision.
        if (kindById(e.kind) === undefined) continue;
        // Another stage claims the same name (in its state, or as a pending create).
        const claimants = input.allInventories
          .filter((inv) => inv.stage !== facts.stage)
          .filter((inv) =>
            inv.entries.some(
              (o) =>
                o.kind === e.kind &&
                o.region === e.region &&
                o.name === e.name &&
                (o.urn !== undefined || o.pending !== undefined),
            ),
          )
          .map((inv) => inv.stage);
        if (claimants.length === 0) continue;
        const hasStage = e.name.includes(facts.stage);
        findings.push({
          rule: "name-collision",
          severity: "warning",
          app: input.app,
          stage: facts.stage,
          resources: [resourceOf(e)],
          evidence: `${e.name} is claimed by ${[facts.stage, ...claimants].join(" and ")}${hasStage ? "" : "; it has neither the stage nor a random suffix in it"}`,
          cause:
            "A physical name set by hand (or made before SST 3.8 added suffixes) is the same in every stage, so only one stage can have it.",
          fix: [
            `stateward names check ${stageFlags(input.app, facts.stage)} --all-stages`,
            `stateward names generate ${quote((e.urn?.split("::").pop() ?? "Resource").replace(/[^A-Za-z0-9]/g, ""))} --type ${quote(e.type)} ${stageFlags(input.app, facts.stage)}`,
          ],
        });
      }
    }
    return findings;
  },
  remedies: (f) =>
    perResource(f, (r) => ({
      kind: "rename",
      change: `give ${r.name} a name with the stage in it (stateward names generate); advice only`,
      target: "none",
      reversible: true,
      destructive: false,
    })),
};
