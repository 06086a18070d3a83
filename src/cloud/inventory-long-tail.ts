/**
 * The long tail of the scan: state entries of types stateward has no kind for are still checked for
 * existence, one Cloud Control `GetResource` each (src/cloud/drivers/cloudcontrol.ts), when the
 * long-tail table (src/kinds/cloudformation-types.ts) gives their CloudFormation type and identifier.
 *
 * - present → `managed` (checked); absent → `missing`, which the `stale` rule reports;
 * - a pending create whose identifier its inputs already give (a name) → `unmanaged` with `pending`
 *   when it exists (pending-create), `missing` with `pending` when it does not;
 * - a type Cloud Control cannot read, or an entry whose identifier the state does not give, stays
 *   "not checked", with the reason, in `unknownTypes` (types the table does not know stay there too,
 *   counted by the scan's own locating, without a reason);
 * - a call that fails (after the SDK's retries) makes the scan incomplete, never clean.
 *
 * Nothing here deletes, or lets anything delete, a long-tail resource.
 */
import {
  cloudControlIdentifier,
  longTailRegion,
  longTailType,
  type LongTailType,
} from "../kinds/cloudformation-types.js";
import { prop } from "../kinds/types.js";
import type { InventoryEntry, StageInput } from "../facts/inventory.js";
import {
  isProviderType,
  parseProviderReference,
  type DeploymentV3,
  type ResourceV3,
} from "../state/index.js";
import type { Discovery } from "./discovery.js";
import type { CloudControlAnswer, CloudControlTarget } from "./drivers/cloudcontrol.js";
import { providerRegions } from "./locate.js";

/**
 * The kind long-tail entries carry in the inventory: `cloudcontrol:<CloudFormation type>` (no kind of
 * the registry has such an id; per type, so two types' resources of one name are never one resource).
 */
export const LONG_TAIL_KIND = "cloudcontrol";

/** What the long tail adds to one stage's inventory. */
export interface LongTailStage {
  entries: InventoryEntry[];
  /** Types not checked, with why (the stage's `unknownTypes`). */
  unchecked: { type: string; count: number; reason?: string }[];
}

interface Wanted {
  resource: ResourceV3;
  table: LongTailType;
  target: CloudControlTarget;
  /** The pending operation's type, for a pending create. */
  pending?: string;
}

function regionOf(r: ResourceV3, providers: Map<string, string>, home: string): string {
  const ref = r.provider === undefined ? undefined : parseProviderReference(r.provider);
  return (ref === undefined ? undefined : providers.get(ref.urn)) ?? home;
}

/** What one stage asks of Cloud Control, and what it cannot ask (type → reason, count). */
function wantedOf(
  d: DeploymentV3 | undefined,
  home: string,
  unchecked: Map<string, { count: number; reason: string }>,
): Wanted[] {
  const providers = providerRegions(d, home);
  const skip = (type: string, reason: string) => {
    const had = unchecked.get(type);
    unchecked.set(type, { count: (had?.count ?? 0) + 1, reason: had?.reason ?? reason });
  };
  const want = (r: ResourceV3, pending?: string): Wanted | undefined => {
    const table = longTailType(r.type);
    if (table === undefined) return undefined;
    if (table.cfnType === undefined || table.unsupported !== undefined) {
      if (pending === undefined) skip(r.type, table.unsupported ?? "no CloudFormation type");
      return undefined;
    }
    const identifier = cloudControlIdentifier(table, r);
    if (identifier === undefined) {
      if (pending === undefined)
        skip(r.type, `its state entry does not give the ${table.cfnType} identifier Cloud Control reads by`);
      return undefined;
    }
    const region = longTailRegion(table, regionOf(r, providers, home));
    const w: Wanted = { resource: r, table, target: { typeName: table.cfnType, identifier, region } };
    if (pending !== undefined) w.pending = pending;
    return w;
  };
  const out: Wanted[] = [];
  const held = new Set<string>();
  for (const r of d?.resources ?? []) {
    held.add(r.urn);
    // The table holds no kind's type: a token it knows has no kind.
    if (!r.custom || isProviderType(r.type) || r.external === true) continue;
    const w = want(r);
    if (w !== undefined) out.push(w);
  }
  // A pending create whose inputs already name it; one the state also holds is checked as that entry.
  for (const op of d?.pending_operations ?? []) {
    const r = op.resource;
    if (r === undefined || held.has(r.urn) || r.external === true) continue;
    const w = want(r, op.type);
    if (w !== undefined) out.push(w);
  }
  return out;
}

function entryOf(w: Wanted, present: boolean): InventoryEntry {
  const r = w.resource;
  const e: InventoryEntry = {
    status: w.pending === undefined ? (present ? "managed" : "missing") : present ? "unmanaged" : "missing",
    kind: `${LONG_TAIL_KIND}:${w.target.typeName}`,
    label: w.target.typeName,
    type: r.type,
    name: prop(r, "name") ?? (r.id || w.target.identifier),
    id: r.id || w.target.identifier,
    region: w.target.region,
    tags: {},
    urn: r.urn,
  };
  const arn = prop(r, "arn");
  if (arn !== undefined) e.arn = arn;
  if (present) e.foundBy = "read";
  if (w.pending !== undefined) e.pending = w.pending;
  return e;
}

const keyOf = (t: CloudControlTarget) => `${t.region}|${t.typeName}|${t.identifier}`;

/** Checks the long tail of every stage; one GetResource per distinct resource of the whole scan. */
export async function scanLongTail(
  d: Discovery,
  stages: readonly StageInput[],
  home: string,
): Promise<Map<StageInput, LongTailStage>> {
  const perStage = stages.map((s) => {
    const unchecked = new Map<string, { count: number; reason: string }>();
    return { s, unchecked, wanted: wantedOf(s.deployment, home, unchecked) };
  });
  const targets = new Map<string, CloudControlTarget>();
  for (const p of perStage) for (const w of p.wanted) targets.set(keyOf(w.target), w.target);
  const answers = new Map<string, CloudControlAnswer | "failed">();
  if (targets.size > 0) {
    d.progress(`reading ${targets.size} resource${targets.size === 1 ? "" : "s"} through Cloud Control`);
    const { getResources } = await import("./drivers/cloudcontrol.js");
    const list = [...targets.values()];
    const got = await getResources(d.ctx, list);
    got.forEach((a, i) => {
      const t = list[i]!;
      if (a.state === "failed") {
        d.failed(`${t.typeName} (Cloud Control)`, t.region, a.error);
        answers.set(keyOf(t), "failed");
      } else answers.set(keyOf(t), a);
    });
  }
  const out = new Map<StageInput, LongTailStage>();
  for (const { s, unchecked, wanted } of perStage) {
    const entries: InventoryEntry[] = [];
    for (const w of wanted) {
      const a = answers.get(keyOf(w.target));
      if (a === undefined || a === "failed" || a.state === "unchecked") {
        if (w.pending !== undefined) continue; // pending-operation reports it
        const reason = a === "failed" || a === undefined ? "the Cloud Control call failed" : a.reason;
        const had = unchecked.get(w.resource.type);
        unchecked.set(w.resource.type, { count: (had?.count ?? 0) + 1, reason: had?.reason ?? reason });
        continue;
      }
      entries.push(entryOf(w, a.state === "present"));
    }
    out.set(s, {
      entries,
      unchecked: [...unchecked.entries()]
        .map(([type, u]) => ({ type, count: u.count, reason: u.reason }))
        .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    });
  }
  return out;
}
