/**
 * Who explains a resource that is in the cloud but in no state entry of its stage. Each such resource
 * is reported under exactly one rule, in this order: a pending create (pending-create, name-taken),
 * another home's state (region-mismatch), a newer version than the current one (rolled-back), an older
 * version that retained it (retained-leftover), a removed stage's CloudFront (cloudfront-leftover) or
 * anything else a removed stage left (removed-stage-leftover), else orphan.
 */
import { t } from "../i18n/index.js";
import type { InventoryEntry } from "../facts/inventory.js";
import { kindById, kindForEntry } from "../kinds/registry.js";
import { nameFieldsOf } from "../kinds/types.js";
import { updateIdTime, type DeploymentV3 } from "../state/index.js";
import { displayRegion, type StageFacts, type VersionInfo } from "./types.js";

export type UnmanagedCause =
  | "pending-create"
  | "name-taken"
  | "region-mismatch"
  | "rolled-back"
  | "retained-leftover"
  | "cloudfront-leftover"
  | "removed-stage-leftover"
  | "orphan";

/**
 * Physical names a deployment gives its custom resources (and pending creates), keyed by resource
 * kind and name (the fields its kind names it by, and its id): a table and a bucket may share a name
 * without being the same thing. Entries read
 * with `.get()` (`external`) are not the deployment's and give no name.
 */
export function namesIn(
  deployment: DeploymentV3 | undefined,
): Map<string, { urn: string; retainOnDelete: boolean }> {
  const names = new Map<string, { urn: string; retainOnDelete: boolean }>();
  const add = (r: {
    urn: string;
    type: string;
    id?: string;
    retainOnDelete?: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  }) => {
    const of = kindForEntry(r);
    const kind = of?.kind ?? r.type;
    const info = { urn: r.urn, retainOnDelete: r.retainOnDelete === true };
    // A type stateward does not know is never in the inventory: its id is enough.
    const fields = of === undefined ? [] : nameFieldsOf(of);
    for (const source of [r.outputs, r.inputs]) {
      for (const key of fields) {
        const v = source?.[key];
        if (typeof v === "string" && v !== "")
          names.set(`${kind}|${v.toLowerCase().replace(/\.$/, "")}`, info);
      }
    }
    if (r.id !== undefined) names.set(`${kind}|${r.id.toLowerCase()}`, info);
  };
  // An `external` entry (`.get()`) only references someone else's resource: it holds no name.
  for (const r of deployment?.resources ?? []) if (r.custom && r.external !== true) add(r);
  for (const op of deployment?.pending_operations ?? []) if (op.resource.external !== true) add(op.resource);
  return names;
}

/** What of the deployment holds the resource (by kind and name or id), if anything. */
export function held(e: InventoryEntry, deployment: DeploymentV3 | undefined) {
  const names = namesIn(deployment);
  return names.get(`${e.kind}|${e.name.toLowerCase()}`) ?? names.get(`${e.kind}|${e.id.toLowerCase()}`);
}

/** The versions written by updates newer than the one the current state came from (a restore). */
export function newerThanCurrent(history: readonly VersionInfo[]): VersionInfo[] {
  const index = history.findIndex((v) => v.current);
  const at = (v: VersionInfo | undefined) =>
    v?.updateId === undefined ? undefined : updateIdTime(v.updateId)?.getTime();
  // A version stateward wrote (adopt, forget, repair) has no update of its own: it descends from the
  // next older version that has one.
  const base = index < 0 ? undefined : history.slice(index).find((v) => at(v) !== undefined);
  const since = at(base);
  if (since === undefined) return [];
  return history.filter((v) => !v.current && v !== base && (at(v) ?? 0) > since);
}

/**
 * A removed stage: its state object is gone (only its records are left), or it holds nothing at all
 * (what a finished `sst remove` leaves). Its leftovers are to clean up, not to adopt.
 */
export function removedStage(facts: StageFacts): boolean {
  const d = facts.deployment;
  return d === undefined || ((d.resources ?? []).length === 0 && (d.pending_operations ?? []).length === 0);
}

/** What shows a stage was removed: its state, and its last update record when there is one. */
export function removalEvidence(facts: StageFacts): string {
  const state =
    facts.deployment === undefined ? t("rules.removal.state-gone") : t("rules.removal.state-empty");
  const last = facts.lastUpdate;
  if (last === undefined) return state;
  const command = last.command ?? t("rules.removal.update");
  switch (last.outcome) {
    case "unfinished":
      return t("rules.removal.last.unfinished", { state, command });
    case "finished":
      return t("rules.removal.last.finished", { state, command });
    case "failed":
      return t("rules.removal.last.failed", { state, command });
    default:
      return t("rules.removal.last.other", { state, outcome: last.outcome, command });
  }
}

export function unmanagedCause(facts: StageFacts, e: InventoryEntry): UnmanagedCause | undefined {
  if (e.status !== "unmanaged") return undefined;
  if (e.pending !== undefined) return e.otherStage === undefined ? "pending-create" : "name-taken";
  if (e.otherStage !== undefined) return undefined;
  // Held by another region's home: the same name in this region is something else.
  const inHome = (h: StageFacts["otherHomes"][number]) =>
    displayRegion(e) === "global" || e.region === (h.providerRegion ?? h.region);
  if (facts.otherHomes.some((h) => inHome(h) && held(e, h.deployment) !== undefined))
    return "region-mismatch";
  if (newerThanCurrent(facts.history).some((v) => held(e, v.deployment) !== undefined)) return "rolled-back";
  if (facts.history.some((v) => !v.current && held(e, v.deployment)?.retainOnDelete === true))
    return "retained-leftover";
  if (removedStage(facts))
    return kindById(e.kind)?.slowRemove === true ? "cloudfront-leftover" : "removed-stage-leftover";
  return "orphan";
}

export function unmanagedBy(facts: StageFacts, cause: UnmanagedCause): InventoryEntry[] {
  return (facts.inventory?.entries ?? []).filter((e) => unmanagedCause(facts, e) === cause);
}

/** The URN an older or newer version (or another home) gave the resource, for the report. */
export function heldUrn(facts: StageFacts, e: InventoryEntry, cause: UnmanagedCause): string | undefined {
  const versions =
    cause === "rolled-back"
      ? newerThanCurrent(facts.history).map((v) => v.deployment)
      : cause === "region-mismatch"
        ? facts.otherHomes.map((h) => h.deployment)
        : facts.history.filter((v) => !v.current).map((v) => v.deployment);
  for (const d of versions) {
    const h = held(e, d);
    if (h !== undefined) return h.urn;
  }
  return undefined;
}
