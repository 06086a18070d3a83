/**
 * Route 53, the driver for record sets (src/kinds/route53-record.ts). Route 53 is global: every call
 * goes to the one client signed for us-east-1. Record sets have no ARN and cannot be tagged, so they
 * are found by name only: one walk of each hosted zone a filter names. Ids written relative to the
 * zone (`www`, or the empty string for the apex) are read with the zone's name as a fallback.
 */
import {
  ChangeResourceRecordSetsCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type RRType,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { StatewardError } from "../../errors.js";
import type { JsonValue } from "../../state/index.js";
import {
  aliasName,
  listedName,
  parseRecordId,
  plainName,
  recordId,
  route53Record,
  type RecordKey,
} from "../../kinds/route53-record.js";
import { nameMatches, type CloudResource, type Identity, type NameFilter } from "../../kinds/types.js";
import { route53RecordAdopter } from "./adopt/route53-record.js";
import { awsCode, found, gatedDelete, unlessMissing, type CloudContext, type KindDriver } from "./types.js";
import { t } from "../../i18n/index.js";

const KIND = route53Record.kind;
const SERVICE = "route53";
/** Where global resources live, as far as stateward's identities go. */
const REGION = route53Record.apiRegion!;
const NO_ZONE = ["NoSuchHostedZone"];

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
  const name = listedName(record.Name ?? "");
  return found(route53Record, { name, id, region: REGION, foundBy, detail: detailOf(record) });
}

function describe(key: RecordKey, name = key.name): string {
  const shown = name === "" ? t("cloud.what.route53-apex") : name;
  return key.setIdentifier === undefined
    ? t("cloud.what.route53-record", { type: key.type, name: shown })
    : t("cloud.what.route53-record.set", { type: key.type, name: shown, set: key.setIdentifier });
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
    const match = (page.ResourceRecordSets ?? []).find((r) => sameRecord(r, name, key));
    if (match !== undefined) return match;
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
      t("cloud.route53.bad-id", { id: JSON.stringify(identity.id) }),
      { hint: t("cloud.route53.bad-id.hint") },
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

/* Handler --------------------------------------------------------------------------------------- */

export const route53RecordDriver: KindDriver = {
  ...route53Record,

  async read(ctx, identity) {
    const located = await unlessMissing(NO_ZONE, () => locate(ctx, identity));
    return located === undefined ? undefined : toResource(identity.id, located.record, "read");
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
          t("cloud.route53.listed-by-id", { id: JSON.stringify(id) }),
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
        const listed: CloudResource[] = [];
        for (const record of records) {
          const id = filteredId(filter, zoneId, zoneName, record);
          if (id !== undefined) listed.push(toResource(id, record, "name"));
        }
        return listed;
      }),
    );
    return perZone.flat();
  },

  delete: gatedDelete(KIND, async (ctx, identity) => {
    // A DELETE must repeat the record set's current values exactly, so read it first.
    const located = await unlessMissing(NO_ZONE, () => locate(ctx, identity));
    if (located === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const { key, record } = located;
    const what = describe(key, listedName(record.Name ?? ""));
    const count =
      record.AliasTarget === undefined
        ? t("cloud.route53.values", { count: record.ResourceRecords?.length ?? 0 })
        : t("cloud.route53.alias");
    const client = ctx.clients.route53();
    try {
      const out = await ctx.call(SERVICE, `ChangeResourceRecordSets DELETE ${what}`, (signal) =>
        client.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: key.zoneId,
            ChangeBatch: {
              Comment: "Deleted by stateward", // i18n-exempt: a change comment stored in AWS
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
          t("cloud.route53.read-current", { what, count }),
          change === undefined
            ? t("cloud.step.deleted", { what })
            : t("cloud.route53.deleted-change", { what, change }),
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
        return {
          deleted: true,
          steps: [t("cloud.route53.read-current", { what, count }), t("cloud.step.already-gone")],
        };
      }
      throw e;
    }
  }),

  adopt: (ctx, identity) => route53RecordAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [route53RecordDriver];
