/**
 * The cloud inventory of an app's stages: what the state holds joined with what the cloud holds.
 *
 * Discovery costs pages, not resources: one Resource Groups Tagging API walk per region for the
 * app's tags; one name-filtered listing per (type, region) for what tags cannot find (IAM roles,
 * CloudFront functions, log groups Lambda created itself, Route 53 records, SES identities); global
 * services once. A single read is made only for a state entry that discovery could not have seen.
 * Calls that still fail after the SDK's retries make the scan incomplete, per type and region.
 */
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { isStatewardError } from "../errors.js";
import {
  isProviderType,
  parseProviderReference,
  type DeploymentV3,
  type ResourceV3,
} from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";
import type { CountingContext } from "./context.js";
import type { CloudResource, DriftItem, Identity, NameFilter, ResourceHandler } from "./resources/handler.js";
import type {
  IncompletePart,
  InventoryStatus,
  InventoryEntry,
  InventoryInput,
  InventoryResult,
  StageInput,
  StageInventory,
} from "../facts/inventory.js";
import { HANDLERS, handlerForType } from "./resources/registry.js";
import { GLOBAL_REGION } from "./tagged.js";

/** A state entry's place: its handler and identity (region from its provider, else the home). */
export interface Located {
  handler: ResourceHandler;
  identity: Identity;
  resource: ResourceV3;
}

function providerRegions(deployment: DeploymentV3 | undefined, home: string): Map<string, string> {
  const regions = new Map<string, string>();
  for (const r of deployment?.resources ?? []) {
    if (!isProviderType(r.type)) continue;
    const region = r.outputs?.region ?? r.inputs?.region;
    regions.set(r.urn, typeof region === "string" && region !== "" ? region : home);
  }
  return regions;
}

function locate(resource: ResourceV3, providers: Map<string, string>, home: string): Located | undefined {
  const handler = handlerForType(resource.type);
  if (handler === undefined) return undefined;
  const ref = resource.provider === undefined ? undefined : parseProviderReference(resource.provider);
  const region = handler.global
    ? GLOBAL_REGION
    : ((ref === undefined ? undefined : providers.get(ref.urn)) ?? home);
  const identity = handler.identify(resource, region);
  return identity === undefined ? undefined : { handler, identity, resource };
}

/**
 * Where each custom resource of a deployment is in the cloud (its handler and identity); the types no
 * handler knows are counted in `unknown`. The one way a state entry is matched with the cloud.
 *
 * An entry marked `external` (a resource the program reads with `.get()`) is someone else's resource
 * that the stage only references: Pulumi never creates, updates or deletes it. It is listed apart in
 * `external` and never in `located`, so it makes no cloud resource this stage's, is never missing or
 * stale, and its type is not counted as unchecked.
 */
export function locateEntries(
  deployment: DeploymentV3 | undefined,
  home: string,
): { located: Located[]; external: Located[]; unknown: Map<string, number> } {
  const providers = providerRegions(deployment, home);
  const located: Located[] = [];
  const external: Located[] = [];
  const unknown = new Map<string, number>();
  for (const r of deployment?.resources ?? []) {
    if (!r.custom || isProviderType(r.type)) continue;
    const l = locate(r, providers, home);
    if (r.external === true) {
      if (l !== undefined) external.push(l);
    } else if (l === undefined) unknown.set(r.type, (unknown.get(r.type) ?? 0) + 1);
    else located.push(l);
  }
  return { located, external, unknown };
}

/** Route 53 records share names across types: they are told apart by their state id. */
export const key = (kind: string, region: string, identity: { name: string; id: string }) =>
  `${kind}|${region}|${kind === "route53-record" ? identity.id : identity.name}`;

/** The hosted zone of a Route 53 record id (`<zoneId>_<name>_<TYPE>`). */
function zoneOf(l: { handler: ResourceHandler; identity: Identity }): string | undefined {
  return l.handler.kind === "route53-record" ? l.identity.id.split("_")[0] : undefined;
}

/** Zone plumbing every zone has; never anyone's orphan. */
const ZONE_RECORD = /_(NS|SOA)$/;

/** The names SST gives a stage's resources start with these (FORMATS.md §2). */
function stagePrefixes(handler: ResourceHandler, app: string, stage: string): string[] {
  switch (handler.kind) {
    case "log-group":
      return [`/aws/lambda/${app}-${stage}-`];
    case "iam-role":
    case "cloudfront-function":
    case "lambda-function":
      return [`${app}-${stage}-`];
    default:
      return [];
  }
}

/** Whether a name under this stage's prefix is really another stage's (`acme-dev-2-…` for stage `dev`). */
function shadowed(name: string, prefix: string, app: string, stage: string, others: string[]): boolean {
  return others.some((s) => {
    const other = prefix.replace(`${app}-${stage}-`, `${app}-${s}-`);
    return other.length > prefix.length && other.startsWith(prefix) && name.startsWith(other);
  });
}

export async function scanInventory(ctx: CountingContext, input: InventoryInput): Promise<InventoryResult> {
  const started = Date.now();
  const progress = input.onProgress ?? (() => undefined);
  const incomplete: IncompletePart[] = [];
  const failed = (kind: string, region: string, e: unknown) => {
    if (!isStatewardError(e) || e.code === "ABORTED") throw e;
    // One line per type and region: the first failure says why.
    if (!incomplete.some((i) => i.kind === kind && i.region === region)) {
      incomplete.push({ kind, region, error: e.message });
    }
  };

  // 1. What each stage's state (and history) names, located by handler and region.
  const all = [
    ...input.stages.map((s) => ({ s, report: true })),
    ...(input.others ?? []).map((s) => ({ s, report: false })),
  ];
  const everyStage = all.map(({ s, report }) => {
    const providers = providerRegions(s.deployment, input.homeRegion);
    const { located, external, unknown } = locateEntries(s.deployment, input.homeRegion);
    const pending: (Located & { op: string })[] = [];
    for (const op of s.deployment?.pending_operations ?? []) {
      const l = locate(op.resource, providers, input.homeRegion);
      // A read of an external resource (`.get()`) creates nothing: a reference, no pending create.
      if (l !== undefined && op.resource.external === true) external.push(l);
      else if (l !== undefined) pending.push({ ...l, op: op.type });
    }
    const historic: Located[] = [];
    for (const old of s.history ?? []) historic.push(...locateEntries(old, input.homeRegion).located);
    return { input: s, report, located, external, pending, historic, unknown };
  });
  const perStage = everyStage.filter((x) => x.report);

  // 2. Regions: the home, every provider region in state, and us-east-1 for global services.
  const regions = new Set<string>([input.homeRegion, ...(input.regions ?? [])]);
  for (const s of perStage)
    for (const l of [...s.located, ...s.pending, ...s.historic]) regions.add(l.identity.region);
  regions.add(GLOBAL_REGION);

  // 3. Discovery by tag: per region, one walk per taggable kind (in parallel: the pages of one walk
  //    must follow each other, so several short walks finish sooner than one long one).
  const found = new Map<string, CloudResource & { stageTag?: string }>();
  const add = (r: CloudResource & { stageTag?: string }) => {
    const k = key(r.kind, r.region, r);
    // The tag walk's copy carries the tags (a name listing's does not).
    const had = found.get(k);
    if (had === undefined || (had.foundBy !== "tag" && r.foundBy === "tag")) found.set(k, r);
  };
  const walks = [...regions].flatMap((region) =>
    HANDLERS.filter(
      (h) => h.taggable && h.tagType !== undefined && (!h.global || region === GLOBAL_REGION),
    ).map((handler) => ({ region, handler })),
  );
  const tagDiscovery = Promise.all(
    walks.map(async ({ region, handler }) => {
      progress(`${found.size} found so far; listing tagged ${handler.label}s in ${region}`);
      // The app's tag only: the same walk then says which stage each resource belongs to, and which
      // stages exist (to keep `acme-dev-2-…` out of `dev`), at the cost of pages, not calls per resource.
      const filters = [{ Key: "sst:app", Values: [input.app] }];
      let token: string | undefined;
      try {
        do {
          const page = await ctx.call("tagging", `Listing tagged ${handler.label}s in ${region}`, (signal) =>
            ctx.clients.tagging(region).send(
              new GetResourcesCommand({
                TagFilters: filters,
                ResourceTypeFilters: [handler.tagType!],
                ResourcesPerPage: 100,
                PaginationToken: token,
              }),
              { abortSignal: signal },
            ),
          );
          for (const m of page.ResourceTagMappingList ?? []) {
            const arn = m.ResourceARN;
            const identity = arn === undefined ? undefined : handler.fromArn(arn);
            if (identity === undefined) continue;
            const tags: Record<string, string> = {};
            for (const t of m.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
            add({
              ...identity,
              // Global services answer in us-east-1; a bucket's ARN has no region: it is where it was listed.
              region: handler.global ? GLOBAL_REGION : identity.region === "" ? region : identity.region,
              kind: handler.kind,
              type: handler.types[0]!,
              tags,
              foundBy: "tag",
              ...(tags["sst:stage"] === undefined ? {} : { stageTag: tags["sst:stage"] }),
            });
          }
          token = page.PaginationToken === "" ? undefined : page.PaginationToken;
          if (token !== undefined)
            progress(`${found.size} found so far; listing tagged ${handler.label}s in ${region}`);
        } while (token !== undefined);
      } catch (e) {
        failed(handler.kind, region, e);
      }
    }),
  );

  const stageNames = input.stages.map((s) => s.stage);

  // 4. Discovery by name, for kinds tags cannot find: the stages' name prefixes and every name their
  //    states (current, pending, history) give; one listing per (kind, region).
  const filters = new Map<string, { handler: ResourceHandler; region: string; filter: NameFilter }>();
  for (const handler of HANDLERS) {
    if (handler.listByName === undefined) continue;
    const nameListed = !handler.taggable || handler.kind === "log-group" || handler.kind === "ses-identity";
    if (!nameListed) continue;
    for (const region of regions) {
      if (handler.global && region !== GLOBAL_REGION) continue;
      const filter: NameFilter = { prefixes: [], names: new Set() };
      if (region === input.homeRegion || handler.global) {
        for (const stage of stageNames) filter.prefixes.push(...stagePrefixes(handler, input.app, stage));
      }
      for (const s of perStage) {
        for (const l of [...s.located, ...s.pending, ...s.historic]) {
          if (l.handler !== handler || l.identity.region !== region) continue;
          // Records are listed zone by zone: the whole zone, to see records no state holds.
          const zone = zoneOf(l);
          if (zone !== undefined) filter.prefixes.push(`${zone}_`);
          else filter.names.add(l.identity.name);
        }
      }
      filter.prefixes = [...new Set(filter.prefixes)];
      if (filter.prefixes.length > 0 || filter.names.size > 0) {
        filters.set(`${handler.kind}|${region}`, { handler, region, filter });
      }
    }
  }
  // Name listings run alongside the tag walks: neither needs the other.
  const nameFailed = new Set<string>();
  const nameDiscovery = Promise.all(
    [...filters.values()].map(async ({ handler, region, filter }) => {
      progress(`${found.size} found so far; listing ${handler.label}s in ${region} by name`);
      try {
        for (const r of await handler.listByName!(ctx, region, filter)) add(r);
      } catch (e) {
        failed(handler.kind, region, e);
        nameFailed.add(`${handler.kind}|${region}`);
      }
    }),
  );

  await Promise.all([tagDiscovery, nameDiscovery]);
  const knownStages = new Set([...(input.knownStages ?? []), ...stageNames]);
  for (const r of found.values()) if (r.stageTag !== undefined) knownStages.add(r.stageTag);

  // 5. One read for a state entry discovery could not have seen (an untagged resource of a kind found
  //    only by tag). Name-listed kinds whose listing ran are settled without a read.
  const toRead = new Map<string, Located>();
  for (const s of perStage) {
    for (const l of [...s.located, ...s.pending]) {
      const k = key(l.handler.kind, l.identity.region, l.identity);
      if (found.has(k)) continue;
      const listed =
        filters.has(`${l.handler.kind}|${l.identity.region}`) &&
        !nameFailed.has(`${l.handler.kind}|${l.identity.region}`);
      if (!listed) toRead.set(k, l);
    }
  }
  if (toRead.size > 0)
    progress(`reading ${toRead.size} resource${toRead.size === 1 ? "" : "s"} not found by tag`);
  const readFailed = new Set<string>();
  await mapLimit([...toRead.entries()], 16, async ([k, l]) => {
    try {
      const r = await l.handler.read(ctx, l.identity);
      if (r !== undefined) add(r);
    } catch (e) {
      failed(l.handler.kind, l.identity.region, e);
      readFailed.add(k);
    }
  });

  // 6. Join, stage by stage.
  const managedPairs: { l: Located; e: InventoryEntry; cloud: CloudResource }[] = [];
  const stages: StageInventory[] = perStage.map((s) => {
    const stage = s.input.stage;
    const entries: InventoryEntry[] = [];
    const claimed = new Set<string>();
    const entry = (l: Located, status: InventoryStatus, cloud: CloudResource | undefined): InventoryEntry => {
      const e: InventoryEntry = {
        status,
        kind: l.handler.kind,
        label: l.handler.label,
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
      return e;
    };
    for (const l of s.located) {
      const k = key(l.handler.kind, l.identity.region, l.identity);
      const cloud = found.get(k);
      // An entry whose lookups failed is neither present nor missing: it is in the incomplete list.
      if (
        cloud === undefined &&
        (readFailed.has(k) || nameFailed.has(`${l.handler.kind}|${l.identity.region}`))
      )
        continue;
      claimed.add(k);
      const e = entry(l, cloud === undefined ? "missing" : "managed", cloud);
      if (cloud !== undefined) managedPairs.push({ l, e, cloud });
      entries.push(e);
    }
    for (const p of s.pending) {
      const k = key(p.handler.kind, p.identity.region, p.identity);
      if (claimed.has(k)) continue;
      const cloud = found.get(k);
      claimed.add(k);
      const e = entry(p, cloud === undefined ? "missing" : "unmanaged", cloud);
      e.pending = p.op;
      const owner = everyStage.find(
        (o) => o !== s && o.located.some((l) => key(l.handler.kind, l.identity.region, l.identity) === k),
      );
      if (owner !== undefined) e.otherStage = owner.input.stage;
      entries.push(e);
    }
    const historic = new Set(s.historic.map((l) => key(l.handler.kind, l.identity.region, l.identity)));
    const zones = new Set([...s.located, ...s.historic].map(zoneOf).filter((z) => z !== undefined));
    const others = [...knownStages].filter((x) => x !== stage);
    for (const [k, cloud] of found) {
      if (claimed.has(k)) continue;
      const handler = HANDLERS.find((h) => h.kind === cloud.kind)!;
      const prefixes = stagePrefixes(handler, input.app, stage);
      const byTag = cloud.stageTag === stage;
      // Tagged for another stage: that stage's, whatever its name looks like.
      if (cloud.stageTag !== undefined && !byTag) continue;
      const byPrefix = prefixes.some(
        (p) => cloud.name.startsWith(p) && !shadowed(cloud.name, p, input.app, stage, others),
      );
      const byHistory = historic.has(k);
      const byZone =
        cloud.kind === "route53-record" && zones.has(cloud.id.split("_")[0]!) && !ZONE_RECORD.test(cloud.id);
      if (!byTag && !byPrefix && !byHistory && !byZone) continue;
      // Another stage's state holds it: it is that stage's, not an orphan of this one.
      const owner = everyStage.find(
        (o) => o !== s && o.located.some((l) => key(l.handler.kind, l.identity.region, l.identity) === k),
      );
      if (owner !== undefined && !byTag) continue;
      // A state reads it with `.get()`: it is someone else's resource in use, never an orphan to delete.
      if (
        everyStage.some((o) =>
          o.external.some((l) => key(l.handler.kind, l.identity.region, l.identity) === k),
        )
      )
        continue;
      const e: InventoryEntry = {
        status: "unmanaged",
        kind: cloud.kind,
        label: handler.label,
        type: cloud.type,
        name: cloud.name,
        id: cloud.id,
        region: cloud.region,
        tags: cloud.tags,
        foundBy: byTag || byPrefix || (byZone && !byHistory) ? cloud.foundBy : "history",
      };
      if (cloud.arn !== undefined) e.arn = cloud.arn;
      if (owner !== undefined) e.otherStage = owner.input.stage;
      entries.push(e);
    }
    const order: Record<InventoryStatus, number> = { unmanaged: 0, missing: 1, managed: 2 };
    entries.sort(
      (a, b) =>
        order[a.status] - order[b.status] || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    );
    return {
      app: input.app,
      stage,
      entries,
      unknownTypes: [...s.unknown.entries()]
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => b.count - a.count),
    };
  });

  // 7. Drift, on request: the handler's few properties, from a full read where discovery had none.
  if (input.drift === true && managedPairs.length > 0) {
    progress(`reading ${managedPairs.length} managed resources for drift`);
    await mapLimit(managedPairs, 16, async ({ l, e, cloud }) => {
      try {
        const full = cloud.detail === undefined ? await l.handler.read(ctx, l.identity) : cloud;
        if (full !== undefined) e.drift = l.handler.drift(l.resource, full);
      } catch (err) {
        failed(l.handler.kind, l.identity.region, err);
      }
    });
  }

  return {
    app: input.app,
    regions: [...regions].sort(),
    stages,
    incomplete,
    calls: { total: ctx.counts.total, byService: { ...ctx.counts.byService } },
    durationMs: Date.now() - started,
  };
}
