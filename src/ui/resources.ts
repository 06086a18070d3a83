/** The stage page's resource table and the history chart's counts, from what doctor and history read. */
import type { ReadHistory } from "../actions/history.js";
import { parseState } from "../backends/encoding.js";
import type { StageFacts } from "../facts/types.js";
import { displayRegion } from "../kinds/global.js";
import { kindForEntry } from "../kinds/registry.js";
import { isProviderType, type ResourceV3 } from "../state/index.js";
import type { HistoryCountsResponse, ResourceStatus, UiResource } from "./api-types.js";

/** `aws:s3/bucketV2:BucketV2` → `BucketV2`: a type no kind handles, shortened for a column. */
function shortType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1) || type;
}

function kindOf(r: { type: string; urn?: string }): string {
  return kindForEntry(r)?.kind ?? shortType(r.type);
}

/** A resource stateward looks up: custom, not a provider (what doctor's coverage counts). */
function counted(r: ResourceV3): boolean {
  return r.custom === true && typeof r.type === "string" && !isProviderType(r.type);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The stage's resources: the scan's entries (found, missing, unmanaged, pending), then those not looked up. */
export function resourcesOf(facts: StageFacts | undefined): UiResource[] {
  if (facts === undefined) return [];
  const out: UiResource[] = [];
  const looked = new Set<string>();
  for (const e of facts.inventory?.entries ?? []) {
    // Claimed by another stage: that stage's, never this one's.
    if (e.otherStage !== undefined) continue;
    const status: ResourceStatus =
      e.pending !== undefined ? "pending" : e.status === "managed" ? "ok" : e.status;
    out.push({
      urn: e.urn ?? "",
      kind: e.kind,
      type: e.type,
      name: e.name || e.id,
      region: displayRegion(e),
      status,
    });
    if (e.urn !== undefined && e.pending === undefined && e.status !== "unmanaged") looked.add(e.urn);
  }
  for (const r of facts.deployment?.resources ?? []) {
    if (!counted(r) || looked.has(r.urn)) continue;
    out.push({
      urn: r.urn,
      kind: kindOf(r),
      type: r.type,
      name: text(r.outputs?.name) ?? text(r.id) ?? r.urn.slice(r.urn.lastIndexOf("::") + 2),
      region: displayRegion({
        kind: kindOf(r),
        type: r.type,
        region: text(r.outputs?.region) ?? facts.providerRegion ?? "",
      }),
      status: "unchecked",
    });
  }
  return out;
}

/** Counts by kind per content hash: a version's content never changes, so it is counted once. */
const countsByHash = new Map<string, Record<string, number>>();

/** Resources by kind in each readable version of the list, newest first. */
export function historyCounts(list: ReadHistory): HistoryCountsResponse {
  const versions: HistoryCountsResponse["versions"] = [];
  for (const v of list.versions) {
    if (v.unreadable !== undefined) continue;
    let counts = countsByHash.get(v.contentHash);
    if (counts === undefined) {
      const bytes = list.bytesOf(v.id);
      if (bytes === undefined) continue;
      counts = {};
      for (const r of parseState(bytes, v.id).deployment?.resources ?? []) {
        if (!counted(r)) continue;
        const kind = kindOf(r);
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      countsByHash.set(v.contentHash, counts);
    }
    versions.push({ id: v.id, time: v.time, counts });
  }
  return { versions };
}
