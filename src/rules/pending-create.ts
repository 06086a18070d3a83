/**
 * `pending-create`: the state has a `creating` pending operation (a deploy killed mid-create) for a
 * resource stateward looked up: it exists (adopt it) or it does not (clear the operation). Both block
 * the next deploy. Pending operations no lookup settled are `pending-operation`'s.
 */
import { t } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
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
            evidence: t("rules.pending-create.evidence.cloudcontrol", found(e)),
            cause: t("rules.already-exists.cause", { name: e.name }),
            fix: [
              t("rules.pending-create.fix.cloudcontrol", { type: e.type, label: e.label, name: e.name }),
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
          evidence:
            e.tags["sst:stage"] === undefined
              ? t("rules.pending-create.evidence", found(e))
              : t("rules.pending-create.evidence.tagged", { ...found(e), tag: e.tags["sst:stage"] }),
          cause: t("rules.already-exists.cause", { name: e.name }),
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
          evidence: t("rules.pending-create.evidence.missing", {
            op: e.pending,
            what: e.urn ?? e.name,
            label: e.label,
            name: e.name,
          }),
          cause: t("rules.pending-create.cause.missing"),
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
                change: t("rules.pending-create.remedy.adopt", { what: r.urn ?? r.name, name: r.name }),
                target: "state",
                reversible: true,
                destructive: false,
              }
            : {
                kind: "clear-pending",
                change: t("rules.pending-create.remedy.clear", { what: r.urn ?? r.name }),
                target: "state",
                reversible: true,
                destructive: false,
              },
        ),
};

/** The placeholders every "the state has a pending operation … and it exists" evidence shares. */
function found(e: InventoryEntry) {
  return { op: e.pending ?? "", what: e.urn ?? e.name, label: e.label, name: e.name, region: e.region };
}

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
    evidence: t("rules.pending-create.evidence.deleting", {
      ...found(e),
      since: e.deleting === undefined ? "?" : isoTime(e.deleting),
    }),
    cause: t("rules.pending-create.cause.deleting", { label: e.label }),
    fix: [
      t("rules.pending-create.fix.keep"),
      ...(ways === undefined ? [] : [ways.restore(quote(e.name), e.region)]),
      adopt,
      t("rules.pending-create.fix.free"),
      ...(ways === undefined ? [] : [ways.purge(quote(e.name), e.region)]),
      forget,
    ],
  };
}
