/**
 * The cloud inventory of an app's stages: what the state holds joined with what the cloud holds.
 *
 * Discovery costs pages, not resources: one Resource Groups Tagging API walk per region for the
 * app's tags; one name-filtered listing per (kind, region) for what tags cannot find (IAM roles,
 * CloudFront functions, log groups Lambda created itself, Route 53 records, SES identities); global
 * services once. A single read is made only for a state entry that discovery could not have seen.
 * Calls that still fail after the SDK's retries make the scan incomplete, per kind and region. The
 * kinds walked are the registry's; each is served by the driver its kind names.
 */
import { kindById, GLOBAL_REGION } from "../kinds/registry.js";
import { longTailType } from "../kinds/cloudformation-types.js";
import type { CloudResource } from "../kinds/types.js";
import type {
  InventoryStatus,
  InventoryEntry,
  InventoryInput,
  InventoryResult,
  StageInput,
  StageInventory,
} from "../facts/inventory.js";
import { mapLimit } from "../util/map-limit.js";
import type { CountingContext } from "./context.js";
import { allDrivers } from "./drivers/index.js";
import {
  Discovery,
  discoverByName,
  discoverByTag,
  nameListings,
  readUnseen,
  type Found,
} from "./discovery.js";
import { groupOf, keyOf, locate, locateEntries, providerRegions, type Located } from "./locate.js";
import { scanLongTail, type LongTailStage } from "./inventory-long-tail.js";
import { t } from "../i18n/index.js";

export { key, locateEntries, type Located } from "./locate.js";

/** What one stage's states (current, pending, history) name, located by kind and region. */
interface LocatedStage {
  input: StageInput;
  report: boolean;
  located: Located[];
  external: Located[];
  pending: (Located & { op: string })[];
  historic: Located[];
  unknown: Map<string, number>;
}

function locateStage(s: StageInput, report: boolean, home: string): LocatedStage {
  const providers = providerRegions(s.deployment, home);
  const { located, external, unknown } = locateEntries(s.deployment, home);
  const pending: (Located & { op: string })[] = [];
  for (const op of s.deployment?.pending_operations ?? []) {
    const l = locate(op.resource, providers, home);
    // A read of an external resource (`.get()`) creates nothing: a reference, no pending create.
    if (l !== undefined && op.resource.external === true) external.push(l);
    else if (l !== undefined) pending.push({ ...l, op: op.type });
  }
  const historic: Located[] = [];
  for (const old of s.history ?? []) historic.push(...locateEntries(old, home).located);
  return { input: s, report, located, external, pending, historic, unknown };
}

/** Whether a name under this stage's prefix is really another stage's (`acme-dev-2-…` for stage `dev`). */
function shadowed(name: string, prefix: string, app: string, stage: string, others: string[]): boolean {
  return others.some((s) => {
    const other = prefix.replace(`${app}-${stage}-`, `${app}-${s}-`);
    return other.length > prefix.length && other.startsWith(prefix) && name.startsWith(other);
  });
}

/** Everything the join of one stage needs to know about the whole scan. */
interface JoinFacts {
  app: string;
  everyStage: LocatedStage[];
  found: Map<string, Found>;
  knownStages: Set<string>;
  /** Entries whose lookups failed: neither present nor missing (they are in the incomplete list). */
  lookupFailed: (l: Located) => boolean;
  managedPairs: { l: Located; e: InventoryEntry; cloud: CloudResource }[];
  /** The long tail (types with no kind), checked through Cloud Control, per stage. */
  longTail: Map<StageInput, LongTailStage>;
}

function entryOf(l: Located, status: InventoryStatus, cloud: CloudResource | undefined): InventoryEntry {
  const e: InventoryEntry = {
    status,
    kind: l.kind.kind,
    label: l.kind.label,
    type: l.resource.type,
    name: l.identity.name,
    id: cloud?.id ?? l.identity.id,
    region: l.identity.region,
    tags: cloud?.tags ?? {},
    urn: l.resource.urn,
  };
  const arn = cloud?.arn ?? l.identity.arn;
  if (arn !== undefined) e.arn = arn;
  if (cloud !== undefined) e.foundBy = cloud.foundBy;
  if (cloud?.deleting !== undefined) e.deleting = cloud.deleting;
  return e;
}

/** The stage (other than `s`) whose current state holds the resource with key `k`. */
function ownerOf(j: JoinFacts, s: LocatedStage, k: string): LocatedStage | undefined {
  return j.everyStage.find((o) => o !== s && o.located.some((l) => keyOf(l) === k));
}

/**
 * What the cloud holds for an entry whose key found nothing, where its kind can tell (`sameResource`:
 * an entry that knows the id but not the real name); the found resource is claimed under its key.
 */
function sameResource(j: JoinFacts, l: Located, claimed: Set<string>): Found | undefined {
  if (l.kind.sameResource === undefined) return undefined;
  for (const [k, cloud] of j.found) {
    if (claimed.has(k) || cloud.kind !== l.kind.kind || cloud.region !== l.identity.region) continue;
    if (!l.kind.sameResource(l.resource, l.identity, cloud)) continue;
    claimed.add(k);
    return cloud;
  }
  return undefined;
}

/** The stage's state entries and pending operations, managed or missing. */
function joinState(j: JoinFacts, s: LocatedStage, entries: InventoryEntry[], claimed: Set<string>): void {
  for (const l of s.located) {
    const k = keyOf(l);
    const cloud = j.found.get(k) ?? sameResource(j, l, claimed);
    if (cloud === undefined && j.lookupFailed(l)) continue;
    claimed.add(k);
    const e = entryOf(l, cloud === undefined ? "missing" : "managed", cloud);
    if (cloud !== undefined) j.managedPairs.push({ l, e, cloud });
    entries.push(e);
  }
  for (const p of s.pending) {
    const k = keyOf(p);
    if (claimed.has(k)) continue;
    const cloud = j.found.get(k) ?? sameResource(j, p, claimed);
    claimed.add(k);
    const e = entryOf(p, cloud === undefined ? "missing" : "unmanaged", cloud);
    e.pending = p.op;
    const owner = ownerOf(j, s, k);
    if (owner !== undefined) e.otherStage = owner.input.stage;
    entries.push(e);
  }
}

/** What the cloud holds that no state entry of the stage claims, but that is the stage's. */
function joinUnmanaged(j: JoinFacts, s: LocatedStage, entries: InventoryEntry[], claimed: Set<string>): void {
  const stage = s.input.stage;
  const historic = new Set(s.historic.map(keyOf));
  const groups = new Set([...s.located, ...s.historic].map(groupOf).filter((z) => z !== undefined));
  const others = [...j.knownStages].filter((x) => x !== stage);
  for (const [k, cloud] of j.found) {
    if (claimed.has(k)) continue;
    const kind = kindById(cloud.kind)!;
    const prefixes = kind.stagePrefixes?.(j.app, stage) ?? [];
    const byTag = cloud.stageTag === stage;
    // Tagged for another stage: that stage's, whatever its name looks like.
    if (cloud.stageTag !== undefined && !byTag) continue;
    const byPrefix = prefixes.some(
      (p) => cloud.name.startsWith(p) && !shadowed(cloud.name, p, j.app, stage, others),
    );
    const byHistory = historic.has(k);
    const group = kind.groupPrefix?.(cloud.id);
    const byZone = group !== undefined && groups.has(group) && kind.plumbing?.(cloud.id) !== true;
    if (!byTag && !byPrefix && !byHistory && !byZone) continue;
    // Another stage's state holds it: it is that stage's, not an orphan of this one.
    const owner = ownerOf(j, s, k);
    if (owner !== undefined && !byTag) continue;
    // A state reads it with `.get()`: it is someone else's resource in use, never an orphan to delete.
    if (j.everyStage.some((o) => o.external.some((l) => keyOf(l) === k))) continue;
    const e: InventoryEntry = {
      status: "unmanaged",
      kind: cloud.kind,
      label: kind.label,
      type: cloud.type,
      name: cloud.name,
      id: cloud.id,
      region: cloud.region,
      tags: cloud.tags,
      foundBy: byTag || byPrefix || (byZone && !byHistory) ? cloud.foundBy : "history",
    };
    if (cloud.arn !== undefined) e.arn = cloud.arn;
    if (cloud.deleting !== undefined) e.deleting = cloud.deleting;
    if (owner !== undefined) e.otherStage = owner.input.stage;
    entries.push(e);
  }
}

const ORDER: Record<InventoryStatus, number> = { unmanaged: 0, missing: 1, managed: 2 };

function joinStage(j: JoinFacts, s: LocatedStage): StageInventory {
  const entries: InventoryEntry[] = [];
  const claimed = new Set<string>();
  joinState(j, s, entries, claimed);
  joinUnmanaged(j, s, entries, claimed);
  const longTail = j.longTail.get(s.input);
  entries.push(...(longTail?.entries ?? []));
  entries.sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
  );
  return {
    app: j.app,
    stage: s.input.stage,
    entries,
    // Types the long-tail table does not know (no kind, or entries a kind could not identify), and
    // the long tail Cloud Control did not settle (with why).
    unknownTypes: [
      ...[...s.unknown.entries()]
        .filter(([type]) => longTailType(type) === undefined)
        .map(([type, count]) => ({ type, count })),
      ...(longTail?.unchecked ?? []),
    ].sort((a, b) => b.count - a.count),
  };
}

/** Drift, on request: the kind's few properties, from a full read where discovery had none. */
async function readDrift(d: Discovery, pairs: JoinFacts["managedPairs"]): Promise<void> {
  if (pairs.length === 0) return;
  d.progress(t("cloud.inventory.reading-drift", { count: pairs.length }));
  await mapLimit(pairs, 16, async ({ l, e, cloud }) => {
    try {
      const full = cloud.detail === undefined ? await d.driver(l.kind.kind).read(d.ctx, l.identity) : cloud;
      if (full !== undefined) e.drift = l.kind.drift(l.resource, full);
    } catch (err) {
      d.failed(l.kind.kind, l.identity.region, err);
    }
  });
}

/** The home, every region the states name, and us-east-1 for global services. */
function regionsOf(input: InventoryInput, perStage: LocatedStage[]): Set<string> {
  const regions = new Set<string>([input.homeRegion, ...(input.regions ?? [])]);
  for (const s of perStage)
    for (const l of [...s.located, ...s.pending, ...s.historic]) regions.add(l.identity.region);
  regions.add(GLOBAL_REGION);
  return regions;
}

export async function scanInventory(ctx: CountingContext, input: InventoryInput): Promise<InventoryResult> {
  const started = Date.now();
  const d = new Discovery(ctx, await allDrivers(), input.onProgress ?? (() => undefined));
  const everyStage = [
    ...input.stages.map((s) => locateStage(s, true, input.homeRegion)),
    ...(input.others ?? []).map((s) => locateStage(s, false, input.homeRegion)),
  ];
  const perStage = everyStage.filter((x) => x.report);
  const regions = regionsOf(input, perStage);
  const stageNames = input.stages.map((s) => s.stage);
  const named = perStage.flatMap((s) => [...s.located, ...s.pending, ...s.historic]);
  const listings = nameListings(
    d,
    {
      app: input.app,
      homeRegion: input.homeRegion,
      stages: stageNames,
      deep: input.deep === true || input.drift === true,
    },
    regions,
    named,
  );
  const [tagFailed, nameFailed] = await Promise.all([
    discoverByTag(d, input.app, regions),
    discoverByName(d, listings),
  ]);
  const knownStages = new Set([...(input.knownStages ?? []), ...stageNames]);
  for (const r of d.found.values()) if (r.stageTag !== undefined) knownStages.add(r.stageTag);

  const listingOf = (l: Located) => `${l.kind.kind}|${l.identity.region}`;
  // A kind whose tag walk failed (and that no name listing settled) is already a part left unread: its
  // state entries are not read one by one (after a walk cut short, that would be a call per resource,
  // and the scan would still be incomplete); they count as not looked up. Pending operations still are.
  const nameSettled = (l: Located) => listings.has(listingOf(l)) && !nameFailed.has(listingOf(l));
  const walkFailed = (l: Located) => tagFailed.has(listingOf(l)) && !nameSettled(l);
  const [readFailed, longTail] = await Promise.all([
    readUnseen(
      d,
      perStage.flatMap((s) => [...s.located.filter((l) => !walkFailed(l)), ...s.pending]),
      nameSettled,
    ),
    scanLongTail(
      d,
      perStage.map((s) => s.input),
      input.homeRegion,
    ),
  ]);
  const j: JoinFacts = {
    app: input.app,
    everyStage,
    found: d.found,
    knownStages,
    lookupFailed: (l) =>
      readFailed.has(keyOf(l)) || nameFailed.has(listingOf(l)) || (walkFailed(l) && !d.found.has(keyOf(l))),
    managedPairs: [],
    longTail,
  };
  const stages = perStage.map((s) => joinStage(j, s));
  if (input.drift === true) await readDrift(d, j.managedPairs);
  return {
    app: input.app,
    regions: [...regions].sort(),
    stages,
    incomplete: d.incomplete,
    calls: { total: ctx.counts.total, byService: { ...ctx.counts.byService } },
    durationMs: Date.now() - started,
  };
}
