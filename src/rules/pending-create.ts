/**
 * `pending-create`: the state has a `creating` pending operation (a deploy killed mid-create) for a
 * resource stateward looked up: it exists (adopt it) or it does not (clear the operation). Both block
 * the next deploy. Pending operations no lookup settled are `pending-operation`'s.
 */
import type { InventoryEntry } from "../facts/inventory.js";
import { unmanagedBy } from "./unmanaged.js";
import { quote, resourceOf, stageFlags, type Finding, type Rule } from "./types.js";
import { perResource } from "./remedy.js";

export const pendingCreate: Rule = {
  id: "pending-create",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      const flags = stageFlags(input.app, facts.stage);
      const blocker = (e: InventoryEntry) => ({
        rule: "pending-create",
        severity: "blocker" as const,
        app: input.app,
        stage: facts.stage,
        resources: [resourceOf(e)],
      });
      // The resource exists: the next deploy creates it again and fails with "already exists".
      for (const e of unmanagedBy(facts, "pending-create")) {
        findings.push({
          ...blocker(e),
          evidence: `the state has a \`${e.pending}\` pending operation for ${e.urn ?? e.name}, and ${e.label} ${e.name} exists in ${e.region}${e.tags["sst:stage"] === undefined ? "" : `, tagged sst:stage=${e.tags["sst:stage"]}`}`,
          cause: `A deploy was interrupted after AWS created ${e.name} but before Pulumi recorded it, so the next deploy will try to create it again and fail with "already exists".`,
          fix: [
            `stateward adopt ${quote(e.type)} ${quote(e.id)}${e.urn === undefined ? "" : ` --urn ${quote(e.urn)}`} ${flags}`,
          ],
        });
      }
      // Nothing was created: the operation only needs clearing, but Pulumi stops on it until then.
      for (const e of facts.inventory?.entries ?? []) {
        if (e.status !== "missing" || e.pending === undefined) continue;
        findings.push({
          ...blocker(e),
          evidence: `the state has a \`${e.pending}\` pending operation for ${e.urn ?? e.name}; ${e.label} ${e.name} does not exist`,
          cause:
            "A deploy was interrupted before AWS created the resource; Pulumi will stop on the leftover operation until it is cleared.",
          fix: [`stateward forget --pending ${quote(e.urn ?? e.name)} ${flags}`],
        });
      }
    }
    return findings;
  },
  // The finding's own fix decides: adopt when the resource exists, else clear the operation.
  remedies: (f) =>
    perResource(f, (r) =>
      f.fix[0]?.startsWith("stateward adopt ") === true
        ? {
            kind: "adopt",
            change: `turn the pending create of ${r.urn ?? r.name} into an entry for ${r.name}, read live`,
            target: "state",
            reversible: true,
            destructive: false,
          }
        : {
            kind: "clear-pending",
            change: `clear the pending create of ${r.urn ?? r.name} (nothing was created)`,
            target: "state",
            reversible: true,
            destructive: false,
          },
    ),
};
