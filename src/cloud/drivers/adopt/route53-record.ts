/**
 * Adopting a Route 53 record set (`aws:route53/record:Record`): what pulumi-aws v6
 * (terraform-provider-aws underneath) records for it after an import and a read.
 *
 * The identity's id is the provider's record id, `<zoneId>_<name>_<TYPE>[_<setIdentifier>]`. As
 * the provider's importer does, `zoneId`, `name`, `type` and `setIdentifier` come from that id; the
 * record set itself is found the way the provider reads it: the name made full with the zone's name
 * (`fqdn`), then ListResourceRecordSets from that name and type on.
 *
 * `records` are the values (TXT and SPF values without their quotes), sorted; an alias record has
 * `aliases: [{ evaluateTargetHealth, name, zoneId }]` instead, and no `ttl`. `allowOverwrite` is an
 * input the provider never reads back; SST leaves it false.
 */
import { GetHostedZoneCommand, type ResourceRecordSet } from "@aws-sdk/client-route-53";
import { StatewardError } from "../../../errors.js";
import type { PropertyMap } from "../../../state/index.js";
import { unlessMissing, type CloudContext } from "../types.js";
import { parseRecordId, type RecordKey, route53Record } from "../../../kinds/route53-record.js";
import { listAt } from "../route53.js";
import type { Adopter } from "./types.js";
import { t } from "../../../i18n/index.js";

const SERVICE = "route53";
const NO_ZONE = ["NoSuchHostedZone"];

/** A name as Route 53 lists it (`\052.Example.com.`): lower case, octal escapes decoded, no trailing dot. */
function plainName(name: string): string {
  return name
    .replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)))
    .toLowerCase()
    .replace(/\.$/, "");
}

/** The provider's full name of a record: the name, made full with the zone's name unless it already is. */
function fullName(name: string, zoneName: string): string {
  const rn = name.toLowerCase().replace(/\.$/, "");
  const zone = zoneName.toLowerCase().replace(/\.$/, "");
  if (rn === zone || rn.endsWith(`.${zone}`)) return rn;
  return rn === "" ? zone : `${rn}.${zone}`;
}

/** Values as the provider keeps them: TXT and SPF strings unquoted (split strings joined), sorted. */
function recordValues(record: ResourceRecordSet): string[] {
  const quoted = record.Type === "TXT" || record.Type === "SPF";
  return (record.ResourceRecords ?? [])
    .map((r) => r.Value ?? "")
    .map((v) =>
      quoted && v.length >= 2 && v.startsWith('"') && v.endsWith('"')
        ? v.slice(1, -1).replace(/" "/g, "")
        : v,
    )
    .sort();
}

/** An alias target's DNS name as the provider keeps it: lower case, no trailing dot, no `dualstack.`. */
function aliasName(name: string): string {
  return plainName(name).replace(/^dualstack\./, "");
}

/** The record set at a full name, type and set identifier (the handler's lookup). */
const find = (ctx: CloudContext, key: RecordKey, fqdn: string): Promise<ResourceRecordSet | undefined> =>
  listAt(ctx, key, fqdn);

/** The routing settings a record set has, under the provider's names. */
function routing(record: ResourceRecordSet, inputs: PropertyMap): void {
  if (record.Weight !== undefined) inputs.weightedRoutingPolicies = [{ weight: record.Weight }];
  if (record.Region !== undefined) inputs.latencyRoutingPolicies = [{ region: record.Region }];
  if (record.Failover !== undefined) inputs.failoverRoutingPolicies = [{ type: record.Failover }];
  const geo = record.GeoLocation;
  if (geo !== undefined) {
    inputs.geolocationRoutingPolicies = [
      {
        continent: geo.ContinentCode ?? "",
        country: geo.CountryCode ?? "",
        subdivision: geo.SubdivisionCode ?? "",
      },
    ];
  }
  if (record.MultiValueAnswer === true) inputs.multivalueAnswerRoutingPolicy = true;
  if (record.HealthCheckId !== undefined && record.HealthCheckId !== "") {
    inputs.healthCheckId = record.HealthCheckId;
  }
}

/** What pulumi-aws records in `__meta` for a record: schema version 2 (no timeouts). */
export const ROUTE53_RECORD_META = JSON.stringify({ schema_version: "2" });

export const route53RecordAdopter: Adopter = {
  kind: route53Record.kind,

  async read(ctx, identity) {
    const key = parseRecordId(identity.id);
    if (key === undefined) {
      throw new StatewardError(
        "BAD_RECORD_ID",
        t("cloud.route53.bad-id", { id: JSON.stringify(identity.id) }),
        { hint: t("cloud.route53.adopt.hint") },
      );
    }
    const client = ctx.clients.route53();
    const found = await unlessMissing(NO_ZONE, async () => {
      const zone = await ctx.call(SERVICE, `GetHostedZone ${key.zoneId}`, (signal) =>
        client.send(new GetHostedZoneCommand({ Id: key.zoneId }), { abortSignal: signal }),
      );
      const fqdn = fullName(key.name, zone.HostedZone?.Name ?? "");
      const record = await find(ctx, key, fqdn);
      return record === undefined ? undefined : { fqdn, record };
    });
    if (found === undefined) return undefined;
    const { fqdn, record } = found;

    const inputs: PropertyMap = {
      allowOverwrite: false,
      name: key.name,
      type: record.Type ?? key.type,
      zoneId: key.zoneId,
    };
    const alias = record.AliasTarget;
    if (alias === undefined) {
      inputs.records = recordValues(record);
      if (record.TTL !== undefined) inputs.ttl = record.TTL;
    } else {
      inputs.aliases = [
        {
          evaluateTargetHealth: alias.EvaluateTargetHealth ?? false,
          name: aliasName(alias.DNSName ?? ""),
          zoneId: alias.HostedZoneId ?? "",
        },
      ];
    }
    if (record.SetIdentifier !== undefined && record.SetIdentifier !== "") {
      inputs.setIdentifier = record.SetIdentifier;
    }
    routing(record, inputs);

    // Objects among the inputs (alias targets, routing policies) carry `__defaults` as pulumi-aws writes them.
    const withDefaults: PropertyMap = { __defaults: [] };
    for (const [k, v] of Object.entries(inputs)) {
      withDefaults[k] = Array.isArray(v)
        ? v.map((x) =>
            x !== null && typeof x === "object" && !Array.isArray(x) ? { __defaults: [], ...x } : x,
          )
        : v;
    }
    return {
      id: identity.id,
      inputs: withDefaults,
      outputs: {
        __meta: ROUTE53_RECORD_META,
        ...inputs,
        fqdn,
        healthCheckId: record.HealthCheckId ?? "",
        id: identity.id,
        multivalueAnswerRoutingPolicy: record.MultiValueAnswer ?? false,
        setIdentifier: record.SetIdentifier ?? "",
      },
    };
  },
};
