/** `name-collision`: one physical name claimed by two stages; names with no stage and no suffix. */
import { t } from "../i18n/index.js";
import { kindById } from "../kinds/registry.js";
import { quote, resourceOf, stageFlags, type Finding, type Rule } from "./types.js";
import { perResource } from "./remedy.js";

/** One name of one kind in one region. */
function claimKey(e: { kind: string; region: string; name: string }): string {
  return JSON.stringify([e.kind, e.region, e.name]);
}

export const nameCollision: Rule = {
  id: "name-collision",
  run(input) {
    const findings: Finding[] = [];
    // Which stages claim each name (in their state, or as a pending create), in allInventories'
    // order: one pass over every inventory, not a search of them all per entry (50 stages × 5,000
    // resources made that 61 billion comparisons).
    const claims = new Map<string, { stages: string[]; last: number }>();
    input.allInventories.forEach((inv, i) => {
      for (const o of inv.entries) {
        if (o.urn === undefined && o.pending === undefined) continue;
        const key = claimKey(o);
        const claim = claims.get(key);
        if (claim === undefined) claims.set(key, { stages: [inv.stage], last: i });
        else if (claim.last !== i) {
          claim.stages.push(inv.stage);
          claim.last = i;
        }
      }
    });
    for (const facts of input.stages) {
      for (const e of facts.inventory?.entries ?? []) {
        if (e.status !== "managed") continue;
        // Only kinds know their names are account-wide: a long-tail entry's name may be unique only
        // inside its parent (an API's `$default` stage, a user pool's client), never a collision.
        if (kindById(e.kind) === undefined) continue;
        // Another stage claims the same name (in its state, or as a pending create).
        const claimants = (claims.get(claimKey(e))?.stages ?? []).filter((s) => s !== facts.stage);
        if (claimants.length === 0) continue;
        const hasStage = e.name.includes(facts.stage);
        findings.push({
          rule: "name-collision",
          severity: "warning",
          app: input.app,
          stage: facts.stage,
          resources: [resourceOf(e)],
          evidence: t(hasStage ? "rules.name-collision.evidence" : "rules.name-collision.evidence.bare", {
            name: e.name,
            stages: [facts.stage, ...claimants].join(t("rules.list.and")),
          }),
          cause: t("rules.name-collision.cause"),
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
      change: t("rules.name-collision.remedy", { name: r.name }),
      target: "none",
      reversible: true,
      destructive: false,
    })),
};
