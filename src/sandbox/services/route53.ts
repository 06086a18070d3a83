/**
 * Route 53 (restXml, global): hosted zones with their SOA and NS records, record sets changed in
 * atomic batches, changes that turn INSYNC once `ctx.deployDelayMs` has passed, and hosted-zone tags.
 *
 * Record names are kept as Route 53 returns them: lower case, absolute (trailing dot), and with every
 * character outside `a-z 0-9 - _ .` written as a `\ooo` octal escape (`*.example.com` lists as
 * `\052.example.com.`). Listings follow Route 53's order: names with their labels reversed
 * (`com.example.www.`), then type, then set identifier.
 */
import { randomInt } from "node:crypto";
import { restXmlResponse, xmlErrorResponse } from "../core/protocols.js";
import { restService, type RestHandler } from "../core/service.js";
import { AwsError, type SandboxRequest, type SandboxResponse, type ServiceContext } from "../core/types.js";
import { asList, parseXml, xmlDocument, type XmlNode } from "../core/xml.js";
import { withoutText, xmlChild, xmlText } from "../core/xml.js";

/* State ----------------------------------------------------------------------------------------- */

interface AliasTarget {
  HostedZoneId: string;
  DNSName: string;
  EvaluateTargetHealth: string;
}

/** Scalars stay the strings they arrived as; nested routing configs are kept as parsed XML. */
interface RecordSet {
  Name: string;
  Type: string;
  SetIdentifier?: string;
  Weight?: string;
  Region?: string;
  GeoLocation?: XmlNode;
  Failover?: string;
  MultiValueAnswer?: string;
  TTL?: string;
  ResourceRecords?: string[];
  AliasTarget?: AliasTarget;
  HealthCheckId?: string;
  TrafficPolicyInstanceId?: string;
  CidrRoutingConfig?: XmlNode;
  GeoProximityLocation?: XmlNode;
}

interface HostedZone {
  /** Without the `/hostedzone/` prefix. */
  Id: string;
  Name: string;
  CallerReference: string;
  Comment?: string;
  PrivateZone: boolean;
  vpcs: { VPCRegion: string; VPCId: string }[];
  nameServers: string[];
  records: RecordSet[];
  tags: Record<string, string>;
}

interface Change {
  Id: string;
  SubmittedAt: string;
  Comment?: string;
}

interface State {
  zones: Record<string, HostedZone>;
  changes: Record<string, Change>;
  /** Every caller reference ever used: Route 53 refuses a reused one even after the zone is gone. */
  callerReferences: string[];
}

/* Constants ------------------------------------------------------------------------------------- */

const XMLNS = "https://route53.amazonaws.com/doc/2013-04-01/";
const V = "/2013-04-01";
const ENDPOINT = "https://route53.amazonaws.com";
const RR_TYPES = new Set([
  "SOA",
  "A",
  "TXT",
  "NS",
  "CNAME",
  "MX",
  "NAPTR",
  "PTR",
  "SRV",
  "SPF",
  "AAAA",
  "CAA",
  "DS",
  "TLSA",
  "SSHFP",
  "SVCB",
  "HTTPS",
]);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** InvalidChangeBatch carries every problem of the batch; Route 53 also lists them one by one. */
class ChangeBatchError extends AwsError {
  constructor(readonly messages: string[]) {
    super("InvalidChangeBatch", `[${messages.join(", ")}]`, 400);
  }
}

/* Helpers --------------------------------------------------------------------------------------- */

type Node = Record<string, unknown>;

function randomId(prefix: string, length: number): string {
  let id = prefix;
  for (let i = 0; i < length; i++) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

function invalidInput(message: string): AwsError {
  return new AwsError("InvalidInput", message, 400);
}

function noSuchZone(id: string): AwsError {
  return new AwsError("NoSuchHostedZone", `No hosted zone found with ID: ${id}`, 404);
}

/** Drops the whitespace text fast-xml-parser keeps between elements of a pretty-printed body. */
function readBody(req: SandboxRequest, root: string): Node {
  let doc: Node;
  try {
    doc = parseXml(req.body.toString("utf8"));
  } catch {
    throw invalidInput("Invalid XML ; the request body could not be parsed.");
  }
  const node = withoutText(doc[root]);
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw invalidInput(`Invalid XML ; the request body must be a <${root}> document.`);
  }
  return node as Node;
}

/** `WWW.Example.com` → `www.example.com.`, with Route 53's octal escapes for other characters. */
function dnsName(raw: string): string {
  let name = raw.trim().replace(/\\(\d{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  name = name.toLowerCase();
  if (!name.endsWith(".")) name += ".";
  return name.replace(/[^a-z0-9\-_.]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`);
}

/** `www.example.com.` → `com.example.www.`, the order Route 53 lists names in. */
function reversedName(name: string): string {
  const labels = name.split(".").filter((l) => l !== "");
  return `${labels.reverse().join(".")}.`;
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function recordKey(r: RecordSet): string[] {
  return [reversedName(r.Name), r.Type, r.SetIdentifier ?? ""];
}

function sameRecordSet(a: RecordSet, b: RecordSet): boolean {
  return a.Name === b.Name && a.Type === b.Type && (a.SetIdentifier ?? "") === (b.SetIdentifier ?? "");
}

function describeRecordSet(r: RecordSet): string {
  const id = r.SetIdentifier === undefined ? "" : `, set-identifier='${r.SetIdentifier}'`;
  return `[name='${r.Name}', type='${r.Type}'${id}]`;
}

function inZone(name: string, zone: HostedZone): boolean {
  return name === zone.Name || name.endsWith(`.${zone.Name}`);
}

function maxItems(raw: string | null, fallback: number): number {
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidInput(`Invalid value for maxitems: ${raw}`);
  // Route 53 answers larger requests with its maximum page rather than an error.
  return Math.min(n, fallback);
}

/* Wire shapes ----------------------------------------------------------------------------------- */

function zoneXml(z: HostedZone): XmlNode {
  return {
    Id: `/hostedzone/${z.Id}`,
    Name: z.Name,
    CallerReference: z.CallerReference,
    Config: { Comment: z.Comment, PrivateZone: z.PrivateZone },
    ResourceRecordSetCount: z.records.length,
  };
}

function recordXml(r: RecordSet): XmlNode {
  return {
    Name: r.Name,
    Type: r.Type,
    SetIdentifier: r.SetIdentifier,
    Weight: r.Weight,
    Region: r.Region,
    GeoLocation: r.GeoLocation,
    Failover: r.Failover,
    MultiValueAnswer: r.MultiValueAnswer,
    TTL: r.TTL,
    ResourceRecords:
      r.ResourceRecords === undefined
        ? undefined
        : { ResourceRecord: r.ResourceRecords.map((Value) => ({ Value })) },
    AliasTarget: r.AliasTarget === undefined ? undefined : { ...r.AliasTarget },
    HealthCheckId: r.HealthCheckId,
    TrafficPolicyInstanceId: r.TrafficPolicyInstanceId,
    CidrRoutingConfig: r.CidrRoutingConfig,
    GeoProximityLocation: r.GeoProximityLocation,
  };
}

/** What DELETE compares: every value, with the record order and TTL spelling not mattering. */
function canonical(r: RecordSet): string {
  const copy: RecordSet = { ...r };
  if (copy.ResourceRecords !== undefined) copy.ResourceRecords = [...copy.ResourceRecords].sort();
  if (copy.TTL !== undefined) copy.TTL = String(Number(copy.TTL));
  return JSON.stringify(recordXml(copy));
}

function changeStatus(change: Change, ctx: ServiceContext): "PENDING" | "INSYNC" {
  return ctx.now().getTime() - Date.parse(change.SubmittedAt) >= ctx.deployDelayMs ? "INSYNC" : "PENDING";
}

function changeXml(change: Change, status: string): XmlNode {
  return {
    Id: `/change/${change.Id}`,
    Status: status,
    SubmittedAt: change.SubmittedAt,
    Comment: change.Comment,
  };
}

function respond(root: string, body: XmlNode, status = 200, headers: Record<string, string> = {}) {
  return restXmlResponse(root, body, XMLNS, status, headers);
}

function formatError(error: AwsError, req: SandboxRequest): SandboxResponse {
  if (!(error instanceof ChangeBatchError)) return xmlErrorResponse(error, req, XMLNS);
  // The SDK reads <Code> and <Message> from <Error>; <Messages> lists each problem as well.
  return {
    status: error.status,
    headers: { "content-type": "text/xml" },
    body: xmlDocument(
      "ErrorResponse",
      {
        Error: {
          Type: "Sender",
          Code: error.code,
          Message: error.message,
          Messages: { Message: error.messages },
        },
        RequestId: req.requestId,
      },
      XMLNS,
    ),
  };
}

/* Record sets ----------------------------------------------------------------------------------- */

function readRecordSet(node: Node | undefined, action: string, index: number): RecordSet {
  const where = `changeBatch.changes.${index + 1}.member.resourceRecordSet`;
  const rawName = xmlText(node, "Name");
  const type = xmlText(node, "Type");
  if (node === undefined || rawName === undefined || rawName === "") {
    throw invalidInput(
      `1 validation error detected: Value null at '${where}.name' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (type === undefined || !RR_TYPES.has(type)) {
    throw invalidInput(
      `1 validation error detected: Value '${type ?? "null"}' at '${where}.type' failed to satisfy constraint: Member must satisfy enum value set: [${[...RR_TYPES].join(", ")}]`,
    );
  }
  const r: RecordSet = { Name: dnsName(rawName), Type: type };
  for (const key of [
    "SetIdentifier",
    "Weight",
    "Region",
    "Failover",
    "MultiValueAnswer",
    "TTL",
    "HealthCheckId",
    "TrafficPolicyInstanceId",
  ] as const) {
    const value = xmlText(node, key);
    if (value !== undefined) r[key] = value;
  }
  for (const key of ["GeoLocation", "CidrRoutingConfig", "GeoProximityLocation"] as const) {
    const value = xmlChild(node, key);
    if (value !== undefined) r[key] = value as XmlNode;
  }
  const records = xmlChild(node, "ResourceRecords");
  if (records !== undefined) {
    r.ResourceRecords = asList(records.ResourceRecord as Node | Node[] | undefined).map(
      (rr) => xmlText(rr, "Value") ?? "",
    );
  }
  const alias = xmlChild(node, "AliasTarget");
  if (alias !== undefined) {
    r.AliasTarget = {
      HostedZoneId: xmlText(alias, "HostedZoneId") ?? "",
      DNSName: dnsName(xmlText(alias, "DNSName") ?? ""),
      EvaluateTargetHealth: xmlText(alias, "EvaluateTargetHealth") ?? "false",
    };
  }
  const forms = [
    r.AliasTarget !== undefined,
    r.TTL !== undefined && (r.ResourceRecords?.length ?? 0) > 0,
    r.TrafficPolicyInstanceId !== undefined,
  ].filter(Boolean).length;
  if (forms !== 1) {
    throw invalidInput(
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${forms === 0 ? "none" : "more than one"} in Change with [Action=${action}, Name=${r.Name}, Type=${r.Type}, SetIdentifier=${r.SetIdentifier ?? "null"}]`,
    );
  }
  return r;
}

/** Why a CREATE or UPSERT of `r` cannot sit beside the other record sets, if it cannot. */
function conflict(r: RecordSet, others: RecordSet[], zone: HostedZone): string | undefined {
  const sameName = others.filter((o) => o.Name === r.Name && !sameRecordSet(o, r));
  if (r.Type === "CNAME") {
    if (r.Name === zone.Name) {
      return `RRSet of type CNAME with DNS name ${r.Name} is not permitted at apex in zone ${zone.Name}`;
    }
    if (sameName.some((o) => o.Type !== "CNAME")) {
      return `RRSet of type CNAME with DNS name ${r.Name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.Name}`;
    }
  } else if (sameName.some((o) => o.Type === "CNAME")) {
    return `RRSet of type ${r.Type} with DNS name ${r.Name} is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone ${zone.Name}`;
  }
  return undefined;
}

/** Applies a batch to a copy of the zone's records; nothing changes unless every change is valid. */
function applyBatch(zone: HostedZone, changes: Node[]): RecordSet[] {
  const working = [...zone.records];
  const errors: string[] = [];
  changes.forEach((change, index) => {
    const action = xmlText(change, "Action") ?? "";
    if (action !== "CREATE" && action !== "DELETE" && action !== "UPSERT") {
      throw invalidInput(
        `1 validation error detected: Value '${action}' at 'changeBatch.changes.${index + 1}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [DELETE, CREATE, UPSERT]`,
      );
    }
    const r = readRecordSet(xmlChild(change, "ResourceRecordSet"), action, index);
    if (!inZone(r.Name, zone)) {
      errors.push(`RRSet with DNS name ${r.Name} is not permitted in zone ${zone.Name}`);
      return;
    }
    const at = working.findIndex((o) => sameRecordSet(o, r));
    if (action === "DELETE") {
      if (at < 0) {
        errors.push(`Tried to delete resource record set ${describeRecordSet(r)} but it was not found`);
      } else if (canonical(working[at]!) !== canonical(r)) {
        errors.push(
          `Tried to delete resource record set ${describeRecordSet(r)} but the values provided do not match the current values`,
        );
      } else if (r.Name === zone.Name && r.Type === "SOA") {
        errors.push("A HostedZone must contain exactly one SOA record.");
      } else if (r.Name === zone.Name && r.Type === "NS") {
        errors.push("A HostedZone must contain at least one NS record for the zone itself.");
      } else {
        working.splice(at, 1);
      }
      return;
    }
    if (action === "CREATE" && at >= 0) {
      errors.push(`Tried to create resource record set ${describeRecordSet(r)} but it already exists`);
      return;
    }
    const why = conflict(r, working, zone);
    if (why !== undefined) {
      errors.push(why);
      return;
    }
    if (at >= 0) working[at] = r;
    else working.push(r);
  });
  if (errors.length > 0) throw new ChangeBatchError(errors);
  return working.sort((a, b) => compareTuples(recordKey(a), recordKey(b)));
}

/* Service --------------------------------------------------------------------------------------- */

function nameServers(): string[] {
  const tlds = ["com", "net", "org", "co.uk"];
  return tlds.map((tld) => `ns-${randomInt(2048)}.awsdns-${String(randomInt(64)).padStart(2, "0")}.${tld}`);
}

function defaultRecords(name: string, servers: string[]): RecordSet[] {
  return [
    { Name: name, Type: "NS", TTL: "172800", ResourceRecords: servers.map((s) => `${s}.`) },
    {
      Name: name,
      Type: "SOA",
      TTL: "900",
      ResourceRecords: [`${servers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
    },
  ];
}

function isDefaultRecord(r: RecordSet, zone: HostedZone): boolean {
  return r.Name === zone.Name && (r.Type === "SOA" || r.Type === "NS");
}

export const route53 = restService<State>({
  signingNames: ["route53"],
  global: true,
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({ zones: {}, changes: {}, callerReferences: [] }),
  tagged: (state) =>
    Object.values(state.zones).map((z) => ({
      arn: `arn:aws:route53:::hostedzone/${z.Id}`,
      resourceType: "route53:hostedzone",
      tags: z.tags,
    })),
  formatError,
  routes: (svc) => {
    const zone = (id: string): HostedZone => {
      const z = svc.state.zones[id];
      if (z === undefined) throw noSuchZone(id);
      return z;
    };
    const submit = (ctx: ServiceContext, comment?: string): Change => {
      const change: Change = { Id: randomId("C", 20), SubmittedAt: ctx.now().toISOString() };
      if (comment !== undefined) change.Comment = comment;
      svc.state.changes[change.Id] = change;
      return change;
    };

    const createHostedZone: RestHandler = (_labels, req, ctx) => {
      const input = readBody(req, "CreateHostedZoneRequest");
      const rawName = xmlText(input, "Name");
      const callerReference = xmlText(input, "CallerReference");
      if (rawName === undefined || rawName === "") {
        throw invalidInput(
          "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
        );
      }
      if (callerReference === undefined || callerReference === "") {
        throw invalidInput(
          "1 validation error detected: Value null at 'callerReference' failed to satisfy constraint: Member must not be null",
        );
      }
      const name = dnsName(rawName);
      const labels = name.slice(0, -1).split(".");
      if (name.length > 255 || labels.some((l) => l === "" || l.length > 63)) {
        throw new AwsError("InvalidDomainName", `${rawName} is not a valid domain name.`, 400);
      }
      if (svc.state.callerReferences.includes(callerReference)) {
        throw new AwsError(
          "HostedZoneAlreadyExists",
          "A hosted zone has already been created with the specified caller reference.",
          409,
        );
      }
      if (xmlText(input, "DelegationSetId") !== undefined) {
        throw new AwsError(
          "NoSuchDelegationSet",
          "A reusable delegation set with the specified ID does not exist.",
          400,
        );
      }
      const config = xmlChild(input, "HostedZoneConfig");
      const vpc = xmlChild(input, "VPC");
      const servers = nameServers();
      const z: HostedZone = {
        Id: randomId("Z0", 19),
        Name: name,
        CallerReference: callerReference,
        PrivateZone: vpc !== undefined,
        vpcs:
          vpc === undefined
            ? []
            : [{ VPCRegion: xmlText(vpc, "VPCRegion") ?? "", VPCId: xmlText(vpc, "VPCId") ?? "" }],
        nameServers: servers,
        records: defaultRecords(name, servers),
        tags: {},
      };
      const comment = xmlText(config, "Comment");
      if (comment !== undefined) z.Comment = comment;
      svc.state.zones[z.Id] = z;
      svc.state.callerReferences.push(callerReference);
      const change = submit(ctx);
      return respond(
        "CreateHostedZoneResponse",
        {
          HostedZone: zoneXml(z),
          ChangeInfo: changeXml(change, "PENDING"),
          DelegationSet: z.PrivateZone ? undefined : { NameServers: { NameServer: z.nameServers } },
          VPC: z.vpcs[0],
        },
        201,
        { location: `${ENDPOINT}${V}/hostedzone/${z.Id}` },
      );
    };

    const getHostedZone: RestHandler = ({ Id }) => {
      const z = zone(Id!);
      return respond("GetHostedZoneResponse", {
        HostedZone: zoneXml(z),
        DelegationSet: z.PrivateZone ? undefined : { NameServers: { NameServer: z.nameServers } },
        VPCs: z.PrivateZone ? { VPC: z.vpcs } : undefined,
      });
    };

    const listHostedZones: RestHandler = (_labels, req) => {
      const limit = maxItems(req.query.get("maxitems"), 100);
      const marker = req.query.get("marker") ?? "";
      const zones = Object.values(svc.state.zones).sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
      // NextMarker names the first zone of the next page, so a page starts at its marker.
      const start = marker === "" ? 0 : zones.findIndex((z) => z.Id >= marker);
      const from = start < 0 ? zones.length : start;
      const page = zones.slice(from, from + limit);
      const next = zones[from + limit];
      return respond("ListHostedZonesResponse", {
        HostedZones: { HostedZone: page.map(zoneXml) },
        Marker: marker,
        IsTruncated: next !== undefined,
        NextMarker: next?.Id,
        MaxItems: limit,
      });
    };

    const listHostedZonesByName: RestHandler = (_labels, req) => {
      const limit = maxItems(req.query.get("maxitems"), 100);
      const rawName = req.query.get("dnsname") ?? undefined;
      const startId = req.query.get("hostedzoneid") ?? undefined;
      if (startId !== undefined && rawName === undefined) {
        throw invalidInput("Invalid request: hostedzoneid requires dnsname.");
      }
      const key = (z: HostedZone) => [reversedName(z.Name), z.Id];
      const zones = Object.values(svc.state.zones).sort((a, b) => compareTuples(key(a), key(b)));
      const startKey =
        rawName === undefined ? [] : [reversedName(dnsName(rawName)), ...(startId ? [startId] : [])];
      const start = zones.findIndex((z) => compareTuples(key(z), startKey) >= 0);
      const from = start < 0 ? zones.length : start;
      const page = zones.slice(from, from + limit);
      const next = zones[from + limit];
      return respond("ListHostedZonesByNameResponse", {
        HostedZones: { HostedZone: page.map(zoneXml) },
        DNSName: rawName,
        HostedZoneId: startId,
        IsTruncated: next !== undefined,
        NextDNSName: next?.Name,
        NextHostedZoneId: next?.Id,
        MaxItems: limit,
      });
    };

    const deleteHostedZone: RestHandler = ({ Id }, _req, ctx) => {
      const z = zone(Id!);
      if (z.records.some((r) => !isDefaultRecord(r, z))) {
        throw new AwsError(
          "HostedZoneNotEmpty",
          "The specified hosted zone contains non-required resource record sets and so cannot be deleted.",
          400,
        );
      }
      delete svc.state.zones[z.Id];
      return respond("DeleteHostedZoneResponse", { ChangeInfo: changeXml(submit(ctx), "PENDING") });
    };

    const changeResourceRecordSets: RestHandler = ({ Id }, req, ctx) => {
      const z = zone(Id!);
      const input = readBody(req, "ChangeResourceRecordSetsRequest");
      const batch = xmlChild(input, "ChangeBatch");
      const changes = asList(xmlChild(batch, "Changes")?.Change as Node | Node[] | undefined);
      if (changes.length === 0) {
        throw invalidInput(
          "1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1",
        );
      }
      z.records = applyBatch(z, changes);
      const change = submit(ctx, xmlText(batch, "Comment"));
      return respond("ChangeResourceRecordSetsResponse", { ChangeInfo: changeXml(change, "PENDING") });
    };

    const listResourceRecordSets: RestHandler = ({ Id }, req) => {
      const z = zone(Id!);
      const limit = maxItems(req.query.get("maxitems"), 300);
      const name = req.query.get("name") ?? undefined;
      const type = req.query.get("type") ?? undefined;
      const identifier = req.query.get("identifier") ?? undefined;
      if (type !== undefined && name === undefined) {
        throw invalidInput("The input is not valid: StartRecordType requires StartRecordName.");
      }
      if (identifier !== undefined && type === undefined) {
        throw invalidInput("The input is not valid: StartRecordIdentifier requires StartRecordType.");
      }
      if (type !== undefined && !RR_TYPES.has(type)) {
        throw invalidInput(`The input is not valid: ${type} is not a valid record type.`);
      }
      const startKey = [
        ...(name === undefined ? [] : [reversedName(dnsName(name))]),
        ...(type === undefined ? [] : [type]),
        ...(identifier === undefined ? [] : [identifier]),
      ];
      const start = z.records.findIndex((r) => compareTuples(recordKey(r), startKey) >= 0);
      const from = start < 0 ? z.records.length : start;
      const page = z.records.slice(from, from + limit);
      const next = z.records[from + limit];
      return respond("ListResourceRecordSetsResponse", {
        ResourceRecordSets: { ResourceRecordSet: page.map(recordXml) },
        IsTruncated: next !== undefined,
        NextRecordName: next?.Name,
        NextRecordType: next?.Type,
        NextRecordIdentifier: next?.SetIdentifier,
        MaxItems: limit,
      });
    };

    const getChange: RestHandler = ({ Id }, _req, ctx) => {
      const change = svc.state.changes[Id!];
      if (change === undefined) {
        throw new AwsError("NoSuchChange", "A change with the specified change ID does not exist.", 404);
      }
      return respond("GetChangeResponse", { ChangeInfo: changeXml(change, changeStatus(change, ctx)) });
    };

    const taggedZone = (type: string, id: string): HostedZone => {
      if (type === "healthcheck") {
        throw new AwsError("NoSuchHealthCheck", `No health check exists with the specified ID ${id}`, 404);
      }
      if (type !== "hostedzone") {
        throw invalidInput(
          `1 validation error detected: Value '${type}' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set: [healthcheck, hostedzone]`,
        );
      }
      return zone(id);
    };

    const changeTagsForResource: RestHandler = ({ ResourceType, ResourceId }, req) => {
      const z = taggedZone(ResourceType!, ResourceId!);
      const input = readBody(req, "ChangeTagsForResourceRequest");
      for (const tag of asList(xmlChild(input, "AddTags")?.Tag as Node | Node[] | undefined)) {
        const key = xmlText(tag, "Key");
        if (key !== undefined) z.tags[key] = xmlText(tag, "Value") ?? "";
      }
      const removed = xmlChild(input, "RemoveTagKeys")?.Key as string | string[] | undefined;
      for (const key of asList(removed)) delete z.tags[key];
      return respond("ChangeTagsForResourceResponse", {});
    };

    const listTagsForResource: RestHandler = ({ ResourceType, ResourceId }) => {
      const z = taggedZone(ResourceType!, ResourceId!);
      return respond("ListTagsForResourceResponse", {
        ResourceTagSet: {
          ResourceType: ResourceType,
          ResourceId: z.Id,
          Tags: { Tag: Object.entries(z.tags).map(([Key, Value]) => ({ Key, Value })) },
        },
      });
    };

    return [
      { method: "POST", path: `${V}/hostedzone`, operation: "CreateHostedZone", handler: createHostedZone },
      { method: "GET", path: `${V}/hostedzone`, operation: "ListHostedZones", handler: listHostedZones },
      {
        method: "GET",
        path: `${V}/hostedzonesbyname`,
        operation: "ListHostedZonesByName",
        handler: listHostedZonesByName,
      },
      { method: "GET", path: `${V}/hostedzone/{Id}`, operation: "GetHostedZone", handler: getHostedZone },
      {
        method: "DELETE",
        path: `${V}/hostedzone/{Id}`,
        operation: "DeleteHostedZone",
        handler: deleteHostedZone,
      },
      // Older clients add a trailing slash to the record-set paths; Route 53 accepts both.
      ...["rrset", "rrset/"].flatMap((tail) => [
        {
          method: "POST",
          path: `${V}/hostedzone/{Id}/${tail}`,
          operation: "ChangeResourceRecordSets",
          handler: changeResourceRecordSets,
        },
        {
          method: "GET",
          path: `${V}/hostedzone/{Id}/${tail}`,
          operation: "ListResourceRecordSets",
          handler: listResourceRecordSets,
        },
      ]),
      { method: "GET", path: `${V}/change/{Id}`, operation: "GetChange", handler: getChange },
      {
        method: "POST",
        path: `${V}/tags/{ResourceType}/{ResourceId}`,
        operation: "ChangeTagsForResource",
        handler: changeTagsForResource,
      },
      {
        method: "GET",
        path: `${V}/tags/{ResourceType}/{ResourceId}`,
        operation: "ListTagsForResource",
        handler: listTagsForResource,
      },
    ];
  },
});
