/**
 * Route 53 record set (`aws:route53/record:Record`). Route 53 is global: every record says
 * `us-east-1`. Record sets have no ARN and cannot be tagged, so they are found by name only.
 *
 * The provider's state id is `<zoneId>_<name>_<TYPE>[_<setIdentifier>]` (FORMATS.md §4), where
 * `<name>` is the record's `name` input lower-cased without a trailing dot. That is usually the full
 * name (`www.example.com`, as SST writes it), but a name written relative to the zone (`www`, or the
 * empty string for the apex) stays relative in the id. The physical identity is zone + name + type
 * (+ set identifier); `name` of an identity is the full name, lower case, without the trailing dot.
 * Records share names across types, so they are told apart by their state id.
 *
 * Drift is the TTL and the values (sorted; an alias record's values are `{ alias: <DNS name> }`).
 */
import { t } from "../i18n/index.js";
import type { JsonValue, ResourceV3 } from "../state/index.js";
import { prop, value, type DriftItem, type Kind } from "./types.js";

const REGION = "us-east-1";

/** Route 53's record types (all upper case; the SDK's `RRType`); names in ids are lower case, never one. */
export const RECORD_TYPES: ReadonlySet<string> = new Set([
  "A",
  "AAAA",
  "CAA",
  "CNAME",
  "DS",
  "HTTPS",
  "MX",
  "NAPTR",
  "NS",
  "PTR",
  "SOA",
  "SPF",
  "SRV",
  "SSHFP",
  "SVCB",
  "TLSA",
  "TXT",
]);

/** The parts of a record's state id. */
export interface RecordKey {
  /** Without `/hostedzone/`. */
  zoneId: string;
  /** Lower case, no trailing dot; may be relative to the zone (even empty, for the apex). */
  name: string;
  type: string;
  setIdentifier?: string;
}

export function bareZoneId(zoneId: string): string {
  return zoneId.replace(/^\/?hostedzone\//, "");
}

/** The provider's spelling of a record name: lower case, no trailing dot. */
export function plainName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** A name as Route 53 lists it (`\052.Example.com.`) in the provider's spelling (`*.example.com`). */
export function listedName(name: string): string {
  return plainName(name.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))));
}

/** An alias target's DNS name the way the provider keeps it: no `dualstack.` prefix, no trailing dot. */
export function aliasName(name: string): string {
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

/** Zone plumbing every zone has; never anyone's orphan. */
const ZONE_RECORD = /_(NS|SOA)$/;

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

export const route53Record: Kind = {
  kind: "route53-record",
  get label() {
    return t("kinds.route53-record.label");
  },
  types: ["aws:route53/record:Record"],
  cfnType: "AWS::Route53::RecordSet",
  service: "route53",
  global: true,
  apiRegion: REGION,
  // Record sets cannot be tagged (only hosted zones and health checks can).
  taggable: false,
  keyedById: true,
  // Records are listed zone by zone: the whole zone, to see records no state holds.
  groupPrefix: (id) => `${id.split("_")[0]!}_`,
  plumbing: (id) => ZONE_RECORD.test(id),
  wording: {
    get label() {
      return t("kinds.route53-record.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["route 53", "route53"],
    subtyped: [
      {
        // Several record sets on one line.
        re: /Tried to create resource record set \[name='([^']*)', type='([A-Z]+)'/g,
        code: "InvalidChangeBatch",
        nameGroup: 1,
        subtypeGroup: 2,
      },
      {
        re: /RRSet of type ([A-Z]+) with DNS name (\S+) is not permitted because a conflicting RRSet of type [A-Z]+ with the same DNS name already exists/,
        code: "InvalidChangeBatch",
        nameGroup: 2,
        subtypeGroup: 1,
      },
    ],
    importId: (name, recordType) =>
      recordType === undefined ? undefined : `<zone-id>_${name}_${recordType}`,
  },
  // Before the distribution's function and the rest: records point at distributions and buckets.
  deleteRank: 1,
  // The provider reads a record by zone, name and type: an adopted entry carries them.
  adoptFields: ["zoneId", "name", "type"],
  // `name` may be relative to the zone; `fqdn` (an output) is the full name.
  nameFields: ["name", "fqdn"],

  logicalPart(physical) {
    // A record id (`<zone>_<name>_<type>`): its name and type, not the zone.
    const record = /^Z[0-9A-Z]+_(.+)_([A-Z]+)$/.exec(physical);
    return record === null ? physical : `${record[1]}${record[2]}`;
  },

  foundInGroup: (stage) => t("kinds.route53-record.found-in-group", { stage }),

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
};
