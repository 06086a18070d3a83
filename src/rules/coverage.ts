/**
 * What doctor checked: the state's resources (custom, not providers) that a cloud lookup settled, and
 * by type those it did not — types stateward has no handler for, resources it could not identify, and
 * lookups that failed. A "no problems" verdict holds only for what was checked.
 */
import { t } from "../i18n/index.js";
import { isProviderType } from "../state/index.js";
import type { StageFacts } from "./types.js";

export interface Coverage {
  /** Resources a cloud lookup settled (found, or found missing). */
  checked: number;
  /**
   * Resources to check in the stages' current states: custom ones, providers and components not
   * counted, nor the entries with nothing in AWS to check (`nothingToCheck`).
   */
  total: number;
  /** What was not checked, by type, most first; `reason` where the scan said why (Cloud Control). */
  unchecked: { type: string; count: number; reason?: string }[];
  /**
   * Entries that leave no AWS object of their own (an invocation, SST's dynamic helpers), by type and
   * reason, most first: never "checked", and outside `total`. Absent when there are none.
   */
  nothingToCheck?: { type: string; count: number; reason: string }[];
}

/**
 * The share doctor checked is `checked / total`: `total` counts the custom state entries (providers
 * and components not counted) minus those with nothing in AWS to check; `checked` those a cloud
 * lookup settled.
 */
export function coverageOf(stages: readonly StageFacts[]): Coverage {
  let total = 0;
  const unchecked = new Map<string, number>();
  const reasons = new Map<string, string>();
  const nothing = new Map<string, { type: string; count: number; reason: string }>();
  for (const facts of stages) {
    for (const u of facts.inventory?.unknownTypes ?? []) {
      if (u.nothingToCheck === true) {
        const key = `${u.type}\u0000${u.reason ?? ""}`;
        const had = nothing.get(key);
        nothing.set(key, { type: u.type, reason: u.reason ?? "", count: (had?.count ?? 0) + u.count });
        total -= u.count;
        unchecked.set(u.type, (unchecked.get(u.type) ?? 0) - u.count);
      } else if (u.reason !== undefined && !reasons.has(u.type)) reasons.set(u.type, u.reason);
    }
    const looked = new Set(
      (facts.inventory?.entries ?? [])
        .filter((e) => e.pending === undefined && e.status !== "unmanaged" && e.urn !== undefined)
        .map((e) => e.urn),
    );
    for (const r of facts.deployment?.resources ?? []) {
      if (r.custom !== true || typeof r.type !== "string" || isProviderType(r.type)) continue;
      total++;
      if (!looked.has(r.urn)) unchecked.set(r.type, (unchecked.get(r.type) ?? 0) + 1);
    }
  }
  const list = [...unchecked.entries()]
    .filter(([, count]) => count > 0)
    .map(([type, count]) => {
      const reason = reasons.get(type);
      return reason === undefined ? { type, count } : { type, count, reason };
    })
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const nothingToCheck = [...nothing.values()].sort(
    (a, b) => b.count - a.count || a.type.localeCompare(b.type) || a.reason.localeCompare(b.reason),
  );
  const c: Coverage = { checked: total - list.reduce((n, u) => n + u.count, 0), total, unchecked: list };
  // Present only when some entry has nothing to check (the JSON of a state without any stays as it was).
  if (nothingToCheck.length > 0) c.nothingToCheck = nothingToCheck;
  return c;
}

/** "checked 40 of 45 resources; 5 resources of types X, Y were not checked" (or "checked all 45 resources"). */
export function coverageText(c: Coverage): string {
  if (c.total === 0) return t("rules.coverage.none");
  if (c.unchecked.length === 0)
    return c.total === 1 ? t("rules.coverage.all.one") : t("rules.coverage.all.other", { count: c.total });
  const missed = c.total - c.checked;
  const params = {
    checked: c.checked,
    total: c.total,
    missed,
    types: c.unchecked.map((u) => u.type).join(", "),
  };
  if (c.total === 1) return t("rules.coverage.some.of-one", params);
  if (missed === 1) return t("rules.coverage.some.one-missed", params);
  return c.unchecked.length === 1
    ? t("rules.coverage.some.one-type", params)
    : t("rules.coverage.some.types", params);
}

/** Why each type was not checked, where the scan said ("aws:sqs/queuePolicy:QueuePolicy: …"). */
export function uncheckedReasons(c: Coverage): string[] {
  return c.unchecked.flatMap((u) => (u.reason === undefined ? [] : [`${u.type}: ${u.reason}`]));
}

/** "2 entries have nothing in AWS to check (types X, Y)", or undefined when none. */
export function nothingToCheckText(c: Coverage): string | undefined {
  const list = c.nothingToCheck ?? [];
  if (list.length === 0) return undefined;
  const n = list.reduce((k, u) => k + u.count, 0);
  const types = [...new Set(list.map((u) => u.type))];
  const params = { count: n, types: types.join(", ") };
  if (n === 1) return t("rules.coverage.nothing.one", params);
  return types.length === 1
    ? t("rules.coverage.nothing.one-type", params)
    : t("rules.coverage.nothing.types", params);
}

/** Why each has nothing to check ("pulumi-nodejs:dynamic:Resource (2): SST's KvKeys: …"). */
export function nothingToCheckReasons(c: Coverage): string[] {
  return (c.nothingToCheck ?? []).map((u) => `${u.type} (${u.count}): ${u.reason}`);
}
