/**
 * Route 53 record set (`aws:route53/record:Record`). Route 53 is global: every call goes to the one
 * client signed for us-east-1, and every record says `us-east-1`. Record sets have no ARN and cannot
 * be tagged, so they are found by name only: one walk of each hosted zone a filter names.
 *
 * The provider's state id is `<zoneId>_<name>_<TYPE>[_<setIdentifier>]` (FORMATS.md §4), where
 * `<name>` is the record's `name` input lower-cased without a trailing dot. That is usually the full
 * name (`www.example.com`, as SST writes it), but a name written relative to the zone (`www`, or the
 * empty string for the apex) stays relative in the id; reads fall back to the zone's name for those.
 * The physical identity is zone + name + type (+ set identifier); `name` of an identity is the full
 * name, lower case, without the trailing dot.
 *
 * Drift is the TTL and the values (sorted; an alias record's values are `{ alias: <DNS name> }`).
 */
import {
  ChangeResourceRecordSetsCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  RRType,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { StatewardError } from "../../errors.js";
import type { JsonValue, ResourceV3 } from "../../state/index.js";
import {
  awsCode,
  nameMatches,
  prop,
  unlessMissing,
  value,
  type CloudContext,
  type CloudResource,
  type DriftItem,
  type Identity,
  type NameFilter,
  type ResourceHandler,
  gatedDelete,
} from "./handler.js";

const TYPE = "aws:route53/record:Record";
const KIND = "route53-record";
const SERVICE = "route53";
/** Where global resources live, as far as stateward's identities go. */
const REGION = "us-east-1";
const NO_ZONE = ["NoSuchHostedZone"];
/** Route 53's record types (all upper case); record names in ids are lower case, so never one of these. */
const RECORD_TYPES: ReadonlySet<string> = new Set(Object.values(RRType));

/** The parts of a record's state id. */
export interface RecordKey {
  /** Without `/hostedzone/`. */
  zoneId: string;
  /** Lower case, no trailing dot; may be relative to the zone (even empty, for the apex). */
  name: string;
  type: string;
  setIdentifier?: string;
}

/* Names ----------------------------------------------------------------------------------------- */

function bareZoneId(zoneId: string): string {
  return zoneId.replace(/^\/?hostedzone\//, "");
}

/** The provider's spelling of a record name: lower case, no trailing dot. */
function plainName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** A name as Route 53 lists it (`\052.Example.com.`) in the provider's spelling (`*.example.com`). */
function listedName(name: string): string {
  return plainName(name.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))));
}

/** An alias target's DNS name the way the provider keeps it: no `dualstack.` prefix, no trailing dot. */
function aliasName(name: string): string {
  return listedName(name).replace(/^dualstack\./, "");
}

/** The provider's state id for a record set: `<zoneId>_<lower-case name, no trailing dot>_<TYPE>[_<set id>]`. */
export function recordId(zoneId: string, name: string, type: string, setIdentifier?: string): string {
  const id = `${bareZoneId(zoneId)}_${plainName(name)}_${type.toUpperCase()}`;
  return setIdentifier === undefined || setIdentifier === "" ? id : `${id}_${setIdentifier}`;
}

/**
 * The parts of a record's state id, as the provider itself parses them. Split on `_`: the zone id is
 * the first part (zone ids have no underscores); the type is the first later part, from the second
 * on, that is a Route 53 record type (upper case, while names are lower case); the name is everything
 * between, underscores included (`_acme-challenge.example.com`, or empty for a relative apex name);
 * the set identifier is everything after the type, underscores included. Undefined when no type is
 * found or the zone id is empty.
 */
export function parseRecordId(id: string): RecordKey | undefined {
  const parts = id.split("_");
  const zoneId = parts[0];
  if (zoneId === undefined || zoneId === "" || parts.length < 3) return undefined;
  const at = parts.findIndex((part, i) => i >= 1 && RECORD_TYPES.has(part));
  if (at < 2) return undefined;
  const key: RecordKey = { zoneId, name: parts.slice(1, at).join("_").replace(/\.$/, ""), type: parts[at]! };
  const setIdentifier = parts.slice(at + 1).join("_");
  if (setIdentifier !== "") key.setIdentifier = setIdentifier;
  return key;
}

/* Record sets ----------------------------------------------------------------------------------- */

/** The values as the provider keeps them: TXT and SPF values lose their surrounding quotes. */
function values(record: ResourceRecordSet): string[] {
  const quoted = record.Type === "TXT" || record.Type === "SPF";
  return (record.ResourceRecords ?? [])
    .map((r) => r.Value ?? "")
    .map((v) => (quoted && v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v))
    .sort();
}

function detailOf(record: ResourceRecordSet): Record<string, JsonValue> {
  const detail: Record<string, JsonValue> = { type: record.Type ?? "" };
  if (record.TTL !== undefined) detail.ttl = record.TTL;
  detail.records =
    record.AliasTarget === undefined
      ? values(record)
      : { alias: aliasName(record.AliasTarget.DNSName ?? "") };
  if (record.SetIdentifier !== undefined) detail.setIdentifier = record.SetIdentifier;
  return detail;
}

function toResource(id: string, record: ResourceRecordSet, foundBy: CloudResource["foundBy"]): CloudResource {
  return {
    kind: KIND,
    type: TYPE,
    name: listedName(record.Name ?? ""),
    id,
    region: REGION,
    tags: {},
    foundBy,
    detail: detailOf(record),
  };
}

function describe(key: RecordKey, name = key.name): string {
  return `${key.type} record ${name === "" ? "(apex)" : name}${
    key.setIdentifier === undefined ? "" : ` (set ${key.setIdentifier})`
  }`;
}

function sameRecord(record: ResourceRecordSet, name: string, key: RecordKey): boolean {
  return (
    listedName(record.Name ?? "") === name &&
    record.Type === key.type &&
    (record.SetIdentifier ?? "") === (key.setIdentifier ?? "")
  );
}

/**
 * The record set at one full name, type and set identifier, listed from that name and type on. A
 * routed record (weighted, latency, …) shares its name and type with others and may be pages on;
 * the listing stops once it moves past that name and type.
 */
export async function listAt(
  ctx: CloudContext,
  key: RecordKey,
  name: string,
): Promise<ResourceRecordSet | undefined> {
  const client = ctx.clients.route53();
  let start: { name: string; type: string; identifier?: string } = { name, type: key.type };
  for (;;) {
    const from = start;
    const page = await ctx.call(
      SERVICE,
      `ListResourceRecordSets ${key.zoneId} ${describe(key, name)}`,
      (signal) =>
        client.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: key.zoneId,
            StartRecordName: from.name,
            StartRecordType: from.type as RRType,
            StartRecordIdentifier: from.identifier,
            MaxItems: key.setIdentifier === undefined ? 1 : 100,
          }),
          { abortSignal: signal },
        ),
    );
    const found = (page.ResourceRecordSets ?? []).find((r) => sameRecord(r, name, key));
    if (found !== undefined) return found;
    const next = page.NextRecordName;
    if (
      page.IsTruncated !== true ||
      next === undefined ||
      listedName(next) !== name ||
      page.NextRecordType !== key.type
    )
      return undefined;
    start = { name: next, type: page.NextRecordType };
    if (page.NextRecordIdentifier !== undefined) start.identifier = page.NextRecordIdentifier;
  }
}

/**
 * The record set a state id names, read whole (a DELETE must repeat its exact values). Throws the
 * NoSuchHostedZone error when the zone is gone (callers treat that as "not there").
 */
async function locate(
  ctx: CloudContext,
  identity: Identity,
): Promise<{ key: RecordKey; record: ResourceRecordSet } | undefined> {
  const key = parseRecordId(identity.id);
  if (key === undefined) {
    throw new StatewardError(
      "BAD_RECORD_ID",
      `${JSON.stringify(identity.id)} is not a Route 53 record id (<zoneId>_<name>_<TYPE>[_<setIdentifier>]).`,
      {
        hint: "Check the record's id in the state; it is written by the provider when the record is created.",
      },
    );
  }
  // The id's name, and the identity's (the full name, from the state's `fqdn`), taken as full names.
  const names = [...new Set([key.name, plainName(identity.name)])];
  for (const name of names.filter((n) => n !== "")) {
    const record = await listAt(ctx, key, name);
    if (record !== undefined) return { key, record };
  }
  // Not there as a full name: a name relative to the zone is made full with the zone's name.
  const client = ctx.clients.route53();
  const zone = await ctx.call(SERVICE, `GetHostedZone ${key.zoneId}`, (signal) =>
    client.send(new GetHostedZoneCommand({ Id: key.zoneId }), { abortSignal: signal }),
  );
  const zoneName = listedName(zone.HostedZone?.Name ?? "");
  if (zoneName === "") return undefined;
  for (const name of names) {
    if (name === zoneName || name.endsWith(`.${zoneName}`)) continue;
    const record = await listAt(ctx, key, name === "" ? zoneName : `${name}.${zoneName}`);
    if (record !== undefined) return { key, record };
  }
  return undefined;
}

/** Every record set of a zone, in Route 53's order: one call per page (300 record sets). */
async function walkZone(ctx: CloudContext, zoneId: string): Promise<ResourceRecordSet[]> {
  const client = ctx.clients.route53();
  const records: ResourceRecordSet[] = [];
  let start: { name?: string; type?: string; identifier?: string } = {};
  for (;;) {
    const from = start;
    const page = await ctx.call(SERVICE, `ListResourceRecordSets ${zoneId}`, (signal) =>
      client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          StartRecordName: from.name,
          StartRecordType: from.type as RRType | undefined,
          StartRecordIdentifier: from.identifier,
        }),
        { abortSignal: signal },
      ),
    );
    records.push(...(page.ResourceRecordSets ?? []));
    if (page.IsTruncated !== true || page.NextRecordName === undefined) return records;
    start = { name: page.NextRecordName, type: page.NextRecordType, identifier: page.NextRecordIdentifier };
  }
}

/**
 * The id under which a filter asks for a listed record set: its full-name id, or the id of its name
 * relative to the zone (`<zoneId>_www_A`, `<zoneId>__A` for the apex) when the filter names that.
 */
function filteredId(
  filter: NameFilter,
  zoneId: string,
  zoneName: string | undefined,
  record: ResourceRecordSet,
): string | undefined {
  const name = listedName(record.Name ?? "");
  const type = record.Type ?? "";
  const full = recordId(zoneId, name, type, record.SetIdentifier);
  if (nameMatches(filter, full)) return full;
  if (zoneName === undefined) return undefined;
  const relative =
    name === zoneName ? "" : name.endsWith(`.${zoneName}`) ? name.slice(0, -zoneName.length - 1) : undefined;
  if (relative === undefined) return undefined;
  const id = recordId(zoneId, relative, type, record.SetIdentifier);
  return filter.names.has(id) ? id : undefined;
}

/** What state wants the values to be: sorted `records`, or `{ alias }` from `aliases`. */
function stateValues(resource: ResourceV3): JsonValue | undefined {
  const records = value(resource, "records");
  if (Array.isArray(records) && records.length > 0 && records.every((r) => typeof r === "string")) {
    return [...records].sort();
  }
  const aliases = value(resource, "aliases");
  const first = Array.isArray(aliases) ? aliases[0] : undefined;
  if (
    first !== null &&
    typeof first === "object" &&
    !Array.isArray(first) &&
    typeof first.name === "string"
  ) {
    return { alias: aliasName(first.name) };
  }
  return undefined;
}

function stateTtl(resource: ResourceV3): number | undefined {
  const ttl = value(resource, "ttl");
  if (typeof ttl === "number") return ttl;
  if (typeof ttl === "string" && /^\d+$/.test(ttl)) return Number(ttl);
  return undefined;
}

/* Handler --------------------------------------------------------------------------------------- */

export const route53Record: ResourceHandler = {
  kind: KIND,
  label: "Route 53 record",
  types: [TYPE],
  service: SERVICE,
  global: true,
  // Record sets cannot be tagged (only hosted zones and health checks can).
  taggable: false,

  fromArn() {
    // Record sets have no ARN; the tagging API never lists them.
    return undefined;
  },

  identify(resource) {
    const fromId = resource.id === undefined ? undefined : parseRecordId(resource.id);
    let id: string;
    let key: RecordKey;
    if (fromId !== undefined) {
      // The id is authoritative: it is what the provider reads the record by.
      id = resource.id!;
      key = fromId;
    } else {
      // A pending create has no id yet: build it from the inputs the way the provider will.
      const zoneId = prop(resource, "zoneId");
      const name = value(resource, "name");
      const type = prop(resource, "type");
      if (zoneId === undefined || typeof name !== "string" || type === undefined) return undefined;
      const setIdentifier = prop(resource, "setIdentifier");
      id = recordId(zoneId, name, type, setIdentifier);
      key = parseRecordId(id) ?? { zoneId: bareZoneId(zoneId), name: plainName(name), type };
    }
    // `fqdn` (an output) is the full name even when `name` was written relative to the zone.
    const fqdn = prop(resource, "fqdn");
    return { name: fqdn === undefined ? key.name : listedName(fqdn), id, region: REGION };
  },

  async read(ctx, identity) {
    const found = await unlessMissing(NO_ZONE, () => locate(ctx, identity));
    return found === undefined ? undefined : toResource(identity.id, found.record, "read");
  },

  async listByName(ctx, _region, filter) {
    // The ids name their zones; each zone is walked once, however many of its records are asked for.
    const zones = new Set<string>();
    for (const id of filter.names) {
      const key = parseRecordId(id);
      // A bare record name says nothing of its zone: it cannot be listed, and leaving it out would
      // report the record gone. Failing lets the caller read such records one by one instead.
      if (key === undefined) {
        throw new StatewardError(
          "BAD_RECORD_ID",
          `Route 53 records are listed by record id (<zoneId>_<name>_<TYPE>[_<setIdentifier>]); ${JSON.stringify(id)} is not one.`,
        );
      }
      zones.add(key.zoneId);
    }
    for (const prefix of filter.prefixes) {
      // `<zoneId>_…`; a prefix without `_` names no one zone and is not walked.
      const at = prefix.indexOf("_");
      if (at > 0) zones.add(prefix.slice(0, at));
    }
    const perZone = await Promise.all(
      [...zones].sort().map(async (zoneId) => {
        // A zone that is gone holds no records.
        const records = (await unlessMissing(NO_ZONE, () => walkZone(ctx, zoneId))) ?? [];
        const soa = records.find((r) => r.Type === "SOA")?.Name;
        const zoneName = soa === undefined ? undefined : listedName(soa);
        const found: CloudResource[] = [];
        for (const record of records) {
          const id = filteredId(filter, zoneId, zoneName, record);
          if (id !== undefined) found.push(toResource(id, record, "name"));
        }
        return found;
      }),
    );
    return perZone.flat();
  },

  drift(resource, cloud) {
    const items: DriftItem[] = [];
    const ttl = stateTtl(resource);
    const cloudTtl = cloud.detail?.ttl;
    if (ttl !== undefined && cloudTtl !== undefined && ttl !== cloudTtl) {
      items.push({ property: "ttl", state: ttl, cloud: cloudTtl });
    }
    const wanted = stateValues(resource);
    const actual = cloud.detail?.records;
    if (wanted !== undefined && actual !== undefined && JSON.stringify(wanted) !== JSON.stringify(actual)) {
      items.push({ property: "records", state: wanted, cloud: actual });
    }
    return items;
  },

  delete: gatedDelete(KIND, async (ctx, identity) => {
    // A DELETE must repeat the record set's current values exactly, so read it first.
    const found = await unlessMissing(NO_ZONE, () => locate(ctx, identity));
    if (found === undefined) return { deleted: true, steps: ["already gone"] };
    const { key, record } = found;
    const what = describe(key, listedName(record.Name ?? ""));
    const count =
      record.AliasTarget === undefined ? `${record.ResourceRecords?.length ?? 0} values` : "alias";
    const client = ctx.clients.route53();
    try {
      const out = await ctx.call(SERVICE, `ChangeResourceRecordSets DELETE ${what}`, (signal) =>
        client.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: key.zoneId,
            ChangeBatch: {
              Comment: "Deleted by stateward",
              Changes: [{ Action: "DELETE", ResourceRecordSet: record }],
            },
          }),
          { abortSignal: signal },
        ),
      );
      const change = out.ChangeInfo?.Id?.replace(/^\/change\//, "");
      return {
        deleted: true,
        steps: [
          `read the current ${what} (${count})`,
          `deleted ${what}${change === undefined ? "" : ` (change ${change})`}`,
        ],
      };
    } catch (e) {
      // Gone between the read and the delete (the zone, or the record set itself).
      const code = awsCode(e);
      const message = e instanceof Error ? e.message : String(e);
      if (
        code === "NoSuchHostedZone" ||
        (code === "InvalidChangeBatch" && /but it was not found/.test(message))
      ) {
        return { deleted: true, steps: [`read the current ${what} (${count})`, "already gone"] };
      }
      throw e;
    }
  }),
};
