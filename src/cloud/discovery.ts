/**
 * The scan's discovery: what the cloud holds of an app, found by tag (one Resource Groups Tagging API
 * walk per taggable kind and region), by name (one name-filtered listing per kind and region, for what
 * tags cannot find) and, last, by one read per state entry neither could have seen. Calls that still
 * fail after the SDK's retries are reported per kind and region, never thrown.
 */
import { GLOBAL_REGION } from "../kinds/registry.js";
import { isStatewardError } from "../errors.js";
import type { CloudResource, NameFilter } from "../kinds/types.js";
import type { IncompletePart } from "../facts/inventory.js";
import { mapLimit } from "../util/map-limit.js";
import { sdk } from "./sdk.js";
import type { CountingContext } from "./context.js";
import type { KindDriver } from "./drivers/types.js";
import { groupOf, key, keyOf, type Located } from "./locate.js";
import { t } from "../i18n/index.js";

export type Found = CloudResource & { stageTag?: string };

/** What one scan has found so far, and what failed. */
export class Discovery {
  readonly found = new Map<string, Found>();
  readonly incomplete: IncompletePart[] = [];

  constructor(
    readonly ctx: CountingContext,
    readonly drivers: readonly KindDriver[],
    readonly progress: (message: string) => void,
  ) {}

  add(r: Found): void {
    const k = key(r.kind, r.region, r);
    // The tag walk's copy carries the tags (a name listing's does not).
    const had = this.found.get(k);
    const kept = had === undefined || (had.foundBy !== "tag" && r.foundBy === "tag") ? r : had;
    this.found.set(k, kept);
    // What only a read or name listing tells (AWS is deleting it: a secret in its recovery window) stays.
    const other = kept === r ? had : r;
    if (kept.deleting === undefined && other?.deleting !== undefined) kept.deleting = other.deleting;
  }

  failed(kind: string, region: string, e: unknown): void {
    if (!isStatewardError(e) || e.code === "ABORTED") throw e;
    // One line per type and region: the first failure says why.
    if (!this.incomplete.some((i) => i.kind === kind && i.region === region)) {
      this.incomplete.push({ kind, region, error: e.message });
    }
  }

  driver(kind: string): KindDriver {
    return this.drivers.find((d) => d.kind === kind)!;
  }
}

/**
 * Discovery by tag: per region, one walk per taggable kind (in parallel: the pages of one walk must
 * follow each other, so several short walks finish sooner than one long one).
 */
export async function discoverByTag(
  d: Discovery,
  app: string,
  regions: ReadonlySet<string>,
): Promise<Set<string>> {
  const walks = [...regions].flatMap((region) =>
    d.drivers
      .filter((k) => k.taggable && k.tagType !== undefined && (!k.global || region === GLOBAL_REGION))
      .map((driver) => ({ region, driver })),
  );
  const failed = new Set<string>();
  await Promise.all(
    walks.map(async ({ region, driver }) => {
      if (!(await tagWalk(d, app, region, driver))) failed.add(`${driver.kind}|${region}`);
    }),
  );
  return failed;
}

/** One kind's walk in one region; false when it failed (the failure is then a part left unread). */
async function tagWalk(d: Discovery, app: string, region: string, kind: KindDriver): Promise<boolean> {
  const { ctx } = d;
  d.progress(t("cloud.discovery.listing-tagged", { found: d.found.size, label: kind.label, region }));
  // The app's tag only: the same walk then says which stage each resource belongs to, and which
  // stages exist (to keep `acme-dev-2-…` out of `dev`), at the cost of pages, not calls per resource.
  const filters = [{ Key: "sst:app", Values: [app] }];
  let token: string | undefined;
  try {
    do {
      const page = await ctx.call(
        "tagging",
        t("cloud.discovery.call-tagged", { label: kind.label, region }),
        (signal) =>
          ctx.clients.tagging(region).send(
            new (sdk.tagging().GetResourcesCommand)({
              TagFilters: filters,
              ResourceTypeFilters: [kind.tagType!],
              ResourcesPerPage: 100,
              PaginationToken: token,
            }),
            { abortSignal: signal },
          ),
      );
      for (const m of page.ResourceTagMappingList ?? []) {
        const arn = m.ResourceARN;
        const identity = arn === undefined ? undefined : kind.fromArn(arn);
        if (identity === undefined) continue;
        const tags: Record<string, string> = {};
        for (const t of m.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
        d.add({
          ...identity,
          // Global services answer in us-east-1; a bucket's ARN has no region: it is where it was listed.
          region: kind.global ? GLOBAL_REGION : identity.region === "" ? region : identity.region,
          kind: kind.kind,
          type: kind.types[0]!,
          tags,
          foundBy: "tag",
          ...(tags["sst:stage"] === undefined ? {} : { stageTag: tags["sst:stage"] }),
        });
      }
      token = page.PaginationToken === "" ? undefined : page.PaginationToken;
      if (token !== undefined)
        d.progress(t("cloud.discovery.listing-tagged", { found: d.found.size, label: kind.label, region }));
    } while (token !== undefined);
    return true;
  } catch (e) {
    d.failed(kind.kind, region, e);
    return false;
  }
}

export interface NameListing {
  driver: KindDriver;
  region: string;
  filter: NameFilter;
}

/** Whether tags cannot (or cannot always) find a kind, so it is listed by name too. */
function nameListed(driver: KindDriver): boolean {
  return driver.listByName !== undefined && (!driver.taggable || driver.nameListed === true);
}

/**
 * The name listings discovery makes, for kinds tags cannot find: the stages' name prefixes and every
 * name their states (current, pending, history) give; one listing per (kind, region).
 */
export function nameListings(
  d: Discovery,
  input: { app: string; homeRegion: string; stages: string[]; deep?: boolean },
  regions: ReadonlySet<string>,
  named: readonly Located[],
): Map<string, NameListing> {
  const listings = new Map<string, NameListing>();
  for (const driver of d.drivers.filter(nameListed)) {
    for (const region of regions) {
      if (driver.global && region !== GLOBAL_REGION) continue;
      const filter: NameFilter = { prefixes: [], names: new Set() };
      // A kind listed per parent is walked by prefix only when per-resource reads were asked for.
      const walk = driver.perParent !== true || input.deep === true;
      if (walk && (region === input.homeRegion || driver.global)) {
        for (const stage of input.stages)
          filter.prefixes.push(...(driver.stagePrefixes?.(input.app, stage) ?? []));
      }
      for (const l of named) {
        if (l.kind.kind !== driver.kind || l.identity.region !== region) continue;
        const group = groupOf(l);
        if (group !== undefined) filter.prefixes.push(group);
        else filter.names.add(l.identity.name);
      }
      filter.prefixes = [...new Set(filter.prefixes)];
      if (filter.prefixes.length > 0 || filter.names.size > 0) {
        listings.set(`${driver.kind}|${region}`, { driver, region, filter });
      }
    }
  }
  return listings;
}

/** Runs the name listings (alongside the tag walks: neither needs the other); returns those that failed. */
export async function discoverByName(d: Discovery, listings: Map<string, NameListing>): Promise<Set<string>> {
  const nameFailed = new Set<string>();
  await Promise.all(
    [...listings.values()].map(async ({ driver, region, filter }) => {
      d.progress(t("cloud.discovery.listing-by-name", { found: d.found.size, label: driver.label, region }));
      try {
        for (const r of await driver.listByName!(d.ctx, region, filter)) d.add(r);
      } catch (e) {
        d.failed(driver.kind, region, e);
        nameFailed.add(`${driver.kind}|${region}`);
      }
    }),
  );
  return nameFailed;
}

/**
 * One read for a state entry discovery could not have seen (an untagged resource of a kind found
 * only by tag). Name-listed kinds whose listing ran are settled without a read. Returns the keys
 * whose read failed.
 */
export async function readUnseen(
  d: Discovery,
  entries: readonly Located[],
  listed: (l: Located) => boolean,
): Promise<Set<string>> {
  const toRead = new Map<string, Located>();
  for (const l of entries) {
    const k = keyOf(l);
    if (!d.found.has(k) && !listed(l)) toRead.set(k, l);
  }
  if (toRead.size > 0)
    d.progress(
      t(toRead.size === 1 ? "cloud.discovery.reading-unseen.one" : "cloud.discovery.reading-unseen.other", {
        count: toRead.size,
      }),
    );
  const readFailed = new Set<string>();
  await mapLimit([...toRead.entries()], 16, async ([k, l]) => {
    try {
      const r = await d.driver(l.kind.kind).read(d.ctx, l.identity);
      if (r !== undefined) d.add(r);
    } catch (e) {
      d.failed(l.kind.kind, l.identity.region, e);
      readFailed.add(k);
    }
  });
  return readFailed;
}
