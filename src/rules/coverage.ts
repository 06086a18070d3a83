/**
 * What doctor checked: the state's resources (custom, not providers) that a cloud lookup settled, and
 * by type those it did not — types stateward has no handler for, resources it could not identify, and
 * lookups that failed. A "no problems" verdict holds only for what was checked.
 */
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

/** Why each type was not checked, where the scan said ("aws:sqs/queuePolicy:QueuePolicy: …"). */
export function uncheckedReasons(c: Coverage): string[] {
  return c.unchecked.flatMap((u) => (u.reason === undefined ? [] : [`${u.type}: ${u.reason}`]));
}

/** Why each has nothing to check ("pulumi-nodejs:dynamic:Resource (2): SST's KvKeys: …"). */
export function nothingToCheckReasons(c: Coverage): string[] {
  return (c.nothingToCheck ?? []).map((u) => `${u.type} (${u.count}): ${u.reason}`);
}
