/**
 * `pending-create`: the state has a `creating` pending operation (a deploy killed mid-create) for a
 * resource stateward looked up: it exists (adopt it) or it does not (clear the operation). Both block
 * the next deploy. Pending operations no lookup settled are `pending-operation`'s.
 */
import type { InventoryEntry } from "../facts/inventory.js";
import { kindById } from "../kinds/registry.js";
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
        // A long-tail type (checked through Cloud Control, kind `cloudcontrol:<type>`): not adoptable.
        if (e.kind.startsWith("cloudcontrol:")) {
          findings.push({
            ...blocker(e),
            evidence: `the state has a \`${e.pending}\` pending operation for ${e.urn ?? e.name}, and ${e.label} ${e.name} exists in ${e.region} (Cloud Control GetResource)`,
            cause: `A deploy was interrupted after AWS created ${e.name} but before Pulumi recorded it, so the next deploy will try to create it again and fail with "already exists".`,
            fix: [
              `# stateward cannot adopt ${e.type}: delete ${e.label} ${e.name} in AWS (the interrupted deploy created it), or import it with \`pulumi import\`; then clear the operation:`,
              `stateward forget --pending ${quote(e.urn ?? e.name)} ${flags}`,
            ],
          });
          continue;
        }
        if (e.deleting !== undefined) {
          findings.push({ ...blocker(e), ...beingDeleted(e, flags) });
          continue;
        }
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
  // The finding's own fix decides: adopt when the resource exists, else clear the operation; a name
  // held by a resource AWS is deleting is the person's choice (restore it, or free the name): no action.
  remedies: (f) =>
    f.fix[0]?.startsWith("#") === true
      ? []
      : perResource(f, (r) =>
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

/**
 * The name exists, but AWS is deleting what holds it (a secret in its recovery window): adopting would
 * record a resource about to vanish, and creating fails until it is gone. Restore it and adopt it, or
 * free the name now; either way the pending operation goes. The kind knows the two commands.
 */
function beingDeleted(e: InventoryEntry, flags: string): Pick<Finding, "evidence" | "cause" | "fix"> {
  const adopt = `stateward adopt ${quote(e.type)} ${quote(e.id)}${e.urn === undefined ? "" : ` --urn ${quote(e.urn)}`} ${flags}`;
  const forget = `stateward forget --pending ${quote(e.urn ?? e.name)} ${flags}`;
  const ways = kindById(e.kind)?.whileDeleting;
  return {
    evidence: `the state has a \`${e.pending}\` pending operation for ${e.urn ?? e.name}, and ${e.label} ${e.name} exists in ${e.region} but is scheduled for deletion (since ${e.deleting})`,
    cause: `A ${e.label} of this name was deleted and AWS is still deleting it (its recovery window): the name stays taken until then, so the next deploy fails with "already scheduled for deletion", and it cannot be adopted meanwhile.`,
    fix: [
      "# to keep it: restore it, then adopt it",
      ...(ways === undefined ? [] : [ways.restore(quote(e.name), e.region)]),
      adopt,
      "# or, to free the name now (what it held cannot be recovered afterwards): delete it for good, then clear the operation",
      ...(ways === undefined ? [] : [ways.purge(quote(e.name), e.region)]),
      forget,
    ],
  };
}
