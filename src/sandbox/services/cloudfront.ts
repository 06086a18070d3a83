/**
 * CloudFront (restXml, global): functions with their DEVELOPMENT and LIVE stages, distributions and
 * their tags, origin access controls, custom cache policies and KeyValueStores, with CloudFront's
 * optimistic locking (every change names the current ETag in If-Match). Names are unique per account
 * for OACs, cache policies and KeyValueStores, and an alias (CNAME) for one distribution only; each
 * conflict answers with the code and message CloudFront documents (see the rules beside each check).
 *
 * A distribution's DistributionConfig is kept as the XML tree it arrived as (every leaf a string) and
 * written back unchanged, so whatever a client sends it gets back. A distribution is InProgress until
 * `ctx.deployDelayMs` has passed since its last change, then Deployed; this is computed on every read
 * rather than stored, so it needs no timers and survives persistence.
 */
import { randomInt, randomUUID } from "node:crypto";
import { restXmlResponse, xmlErrorResponse } from "../core/protocols.js";
import { own, put } from "../core/records.js";
import { restService, type RestHandler } from "../core/service.js";
import { AwsError, type SandboxRequest, type ServiceContext, type ServiceFactory } from "../core/types.js";
import { parseXml, type XmlNode } from "../core/xml.js";
import { withoutText, xmlChild, xmlText } from "../core/xml.js";

/* State ----------------------------------------------------------------------------------------- */

interface FunctionStage {
  etag: string;
  comment: string;
  runtime: string;
  keyValueStores?: XmlNode;
  /** Base64. */
  code: string;
  lastModified: string;
}

interface CfFunction {
  name: string;
  arn: string;
  created: string;
  development: FunctionStage;
  /** Absent until the first PublishFunction. */
  live?: FunctionStage;
  tags: Record<string, string>;
}

interface Distribution {
  id: string;
  arn: string;
  domainName: string;
  etag: string;
  /** When the last change was accepted; the distribution is InProgress for deployDelayMs after. */
  lastModified: string;
  config: XmlNode;
  tags: Record<string, string>;
}

/** An origin access control: its config as sent (every leaf a string) and its lock. */
interface OriginAccessControl {
  id: string;
  etag: string;
  config: XmlNode;
}

/** A custom cache policy (managed policies are not modelled). */
interface CachePolicy {
  id: string;
  etag: string;
  lastModified: string;
  config: XmlNode;
}

interface KeyValueStore {
  name: string;
  id: string;
  arn: string;
  comment: string;
  etag: string;
  /** When it was created; it is PROVISIONING for deployDelayMs after, then READY. */
  created: string;
  lastModified: string;
}

interface State {
  functions: Record<string, CfFunction>;
  distributions: Record<string, Distribution>;
  /** Absent in snapshots written before these kinds existed. */
  originAccessControls?: Record<string, OriginAccessControl>;
  cachePolicies?: Record<string, CachePolicy>;
  keyValueStores?: Record<string, KeyValueStore>;
}

/* Constants ------------------------------------------------------------------------------------- */

const XMLNS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
const V = "/2020-05-31";
const ENDPOINT = "https://cloudfront.amazonaws.com";
const RUNTIMES = new Set(["cloudfront-js-1.0", "cloudfront-js-2.0"]);
/** CloudFront's quota on a function's code. */
const MAX_FUNCTION_BYTES = 10 * 1024;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/**
 * "Cache policies per AWS account: 20" (custom policies; managed ones do not count) — CloudFront
 * Developer Guide, Quotas, "General quotas on policies"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html).
 */
const MAX_CACHE_POLICIES = 20;
/**
 * Two of AWS's managed cache policies, with the names, IDs and settings the CloudFront Developer Guide
 * lists ("Use managed cache policies",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html).
 * They are read-only, do not count toward the quota, and are the same in every account. The
 * LastModifiedTime and ETag are this sandbox's, and no Comment is given (the guide gives none).
 */
function managedPolicy(id: string, name: string, ttl: [number, number, number], compress: boolean) {
  return {
    id,
    etag: "E23ZP02F085DFQ",
    lastModified: "2020-05-01T00:00:00.000Z",
    config: {
      Name: name,
      DefaultTTL: String(ttl[1]),
      MaxTTL: String(ttl[2]),
      MinTTL: String(ttl[0]),
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: String(compress),
        EnableAcceptEncodingBrotli: String(compress),
        HeadersConfig: { HeaderBehavior: "none" },
        CookiesConfig: { CookieBehavior: "none" },
        QueryStringsConfig: { QueryStringBehavior: "none" },
      },
    },
  };
}
const MANAGED_POLICIES: readonly CachePolicy[] = [
  managedPolicy(
    "658327ea-f89d-4fab-a63d-7e88639e58f6",
    "Managed-CachingOptimized",
    [1, 86400, 31536000],
    true,
  ),
  managedPolicy("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "Managed-CachingDisabled", [0, 0, 0], false),
];
/** "Key value stores per account: 50" — the same Quotas page, "Quotas on key value stores". */
const MAX_KEY_VALUE_STORES = 50;

/* Helpers --------------------------------------------------------------------------------------- */

type Node = Record<string, unknown>;

function randomId(prefix: string, length: number, alphabet = ALNUM): string {
  let id = prefix;
  for (let i = 0; i < length; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

function invalidArgument(message: string): AwsError {
  return new AwsError("InvalidArgument", message, 400);
}

/** Drops the whitespace text fast-xml-parser keeps between elements of a pretty-printed body. */
function readBody(req: SandboxRequest, root: string): Node {
  if (req.body.length === 0) throw new AwsError("MissingBody", "This operation requires a body.", 400);
  let doc: Node;
  try {
    doc = parseXml(req.body.toString("utf8"));
  } catch {
    throw new AwsError("MalformedInput", "The XML document is not well formed.", 400);
  }
  const node = withoutText(doc[root]);
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw new AwsError("MalformedInput", `Expected a <${root}> document.`, 400);
  }
  return node as Node;
}

/** The members of a `{Quantity, Items: {Member: …}}` list, as parsed (one member is not an array). */
function items(list: unknown, member: string): unknown[] {
  const value = xmlChild(list, "Items")?.[member];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function tagsFrom(node: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of items(node, "Tag")) {
    const key = xmlText(tag, "Key");
    if (key === undefined || key === "")
      throw new AwsError("InvalidTagging", "Tag keys must not be empty.", 400);
    tags[key] = xmlText(tag, "Value") ?? "";
  }
  return tags;
}

function tagsXml(tags: Record<string, string>): XmlNode {
  return { Items: { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } };
}

/**
 * If-Match is CloudFront's lock: missing is InvalidIfMatchVersion, stale is PreconditionFailed.
 */
function checkIfMatch(req: SandboxRequest, etag: string): void {
  const given = req.headers["if-match"];
  if (given === undefined || given === "") {
    throw new AwsError(
      "InvalidIfMatchVersion",
      "The If-Match version is missing or not valid for the resource.",
      400,
    );
  }
  if (given !== etag) {
    throw new AwsError(
      "PreconditionFailed",
      "The request failed because it didn't meet the preconditions in one or more request-header fields.",
      412,
    );
  }
}

function respond(root: string, body: XmlNode, status = 200, headers: Record<string, string> = {}) {
  return restXmlResponse(root, body, XMLNS, status, headers);
}

/* Distributions --------------------------------------------------------------------------------- */

function noSuchDistribution(): AwsError {
  return new AwsError("NoSuchDistribution", "The specified distribution does not exist.", 404);
}

/** Every `{Quantity, Items}` pair in the tree must agree, as CloudFront checks. */
function checkQuantities(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(checkQuantities);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const obj = node as Node;
  if (typeof obj.Quantity === "string") {
    const list = xmlChild(obj, "Items");
    const count =
      list === undefined
        ? 0
        : Object.values(list).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 1), 0);
    if (Number(obj.Quantity) !== count) {
      throw new AwsError(
        "InconsistentQuantities",
        "The value of Quantity and the size of Items don't match.",
        400,
      );
    }
  }
  Object.values(obj).forEach(checkQuantities);
}

function aliasesOf(config: XmlNode): string[] {
  return items(config.Aliases, "CNAME").map((c) => String(c).toLowerCase());
}

function cacheBehaviors(config: XmlNode): Node[] {
  const behaviors = items(config.CacheBehaviors, "CacheBehavior") as Node[];
  const fallback = xmlChild(config, "DefaultCacheBehavior");
  return fallback === undefined ? behaviors : [fallback, ...behaviors];
}

function functionArnsOf(config: XmlNode): string[] {
  return cacheBehaviors(config).flatMap((b) =>
    items(b.FunctionAssociations, "FunctionAssociation").map((a) => xmlText(a, "FunctionARN") ?? ""),
  );
}

function isEnabled(config: XmlNode): boolean {
  return config.Enabled === "true";
}

function statusOf(d: Distribution, ctx: ServiceContext): "InProgress" | "Deployed" {
  return ctx.now().getTime() - Date.parse(d.lastModified) >= ctx.deployDelayMs ? "Deployed" : "InProgress";
}

function distributionXml(d: Distribution, status: string): XmlNode {
  return {
    Id: d.id,
    ARN: d.arn,
    Status: status,
    LastModifiedTime: d.lastModified,
    InProgressInvalidationBatches: 0,
    DomainName: d.domainName,
    ActiveTrustedSigners: { Enabled: false, Quantity: 0 },
    ActiveTrustedKeyGroups: { Enabled: false, Quantity: 0 },
    DistributionConfig: d.config,
  };
}

/** The summary carries every member the model marks required, with CloudFront's defaults if absent. */
function summaryXml(d: Distribution, ctx: ServiceContext): XmlNode {
  const c = d.config;
  const empty = { Quantity: 0 };
  return {
    Id: d.id,
    ARN: d.arn,
    ETag: d.etag,
    Status: statusOf(d, ctx),
    LastModifiedTime: d.lastModified,
    DomainName: d.domainName,
    Aliases: c.Aliases ?? empty,
    Origins: c.Origins,
    OriginGroups: c.OriginGroups ?? empty,
    DefaultCacheBehavior: c.DefaultCacheBehavior,
    CacheBehaviors: c.CacheBehaviors ?? empty,
    CustomErrorResponses: c.CustomErrorResponses ?? empty,
    Comment: c.Comment ?? "",
    PriceClass: c.PriceClass ?? "PriceClass_All",
    Enabled: c.Enabled,
    ViewerCertificate: c.ViewerCertificate ?? {
      CloudFrontDefaultCertificate: true,
      SSLSupportMethod: "vip",
      MinimumProtocolVersion: "TLSv1",
      CertificateSource: "cloudfront",
    },
    Restrictions: c.Restrictions ?? { GeoRestriction: { RestrictionType: "none", Quantity: 0 } },
    WebACLId: c.WebACLId ?? "",
    HttpVersion: c.HttpVersion ?? "http2",
    IsIPV6Enabled: c.IsIPV6Enabled ?? true,
    Staging: c.Staging ?? false,
  };
}

/* Functions ------------------------------------------------------------------------------------- */

function noSuchFunction(): AwsError {
  return new AwsError("NoSuchFunctionExists", "The function does not exist.", 404);
}

function readStage(input: Node, now: string): FunctionStage {
  const config = xmlChild(input, "FunctionConfig");
  const runtime = xmlText(config, "Runtime") ?? "";
  if (!RUNTIMES.has(runtime)) {
    throw invalidArgument(
      `1 validation error detected: Value '${runtime}' at 'functionConfig.runtime' failed to satisfy constraint: Member must satisfy enum value set: [cloudfront-js-1.0, cloudfront-js-2.0]`,
    );
  }
  const code = (xmlText(input, "FunctionCode") ?? "").replace(/\s/g, "");
  const bytes = Buffer.from(code, "base64");
  if (bytes.length === 0) throw invalidArgument("The function code must not be empty.");
  if (bytes.length > MAX_FUNCTION_BYTES) {
    throw new AwsError(
      "FunctionSizeLimitExceeded",
      "The function is too large. For more information, see Quotas (formerly known as limits) in the Amazon CloudFront Developer Guide.",
      413,
    );
  }
  const stage: FunctionStage = {
    etag: randomId("E", 13),
    comment: xmlText(config, "Comment") ?? "",
    runtime,
    code: bytes.toString("base64"),
    lastModified: now,
  };
  const kvs = xmlChild(config, "KeyValueStoreAssociations");
  if (kvs !== undefined) stage.keyValueStores = kvs as XmlNode;
  return stage;
}

const base = restService<State>({
  signingNames: ["cloudfront"],
  global: true,
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({
    functions: {},
    distributions: {},
    originAccessControls: {},
    cachePolicies: {},
    keyValueStores: {},
  }),
  tagged: (state) =>
    Object.values(state.distributions).map((d) => ({
      arn: d.arn,
      resourceType: "cloudfront:distribution",
      tags: d.tags,
    })),
  formatError: (error, req) => xmlErrorResponse(error, req, XMLNS),
  routes: (svc) => {
    const distribution = (id: string): Distribution => {
      const d = svc.state.distributions[id];
      if (d === undefined) throw noSuchDistribution();
      return d;
    };
    const fn = (name: string): CfFunction => {
      const f = svc.state.functions[name];
      if (f === undefined) throw noSuchFunction();
      return f;
    };
    const associated = (arn: string): boolean =>
      Object.values(svc.state.distributions).some((d) => functionArnsOf(d.config).includes(arn));
    const functionStatus = (f: CfFunction): string =>
      f.live === undefined ? "UNPUBLISHED" : associated(f.arn) ? "DEPLOYED" : "UNASSOCIATED";
    const functionXml = (f: CfFunction, stageName: "DEVELOPMENT" | "LIVE"): XmlNode => {
      const stage = stageName === "LIVE" ? f.live! : f.development;
      return {
        Name: f.name,
        Status: functionStatus(f),
        FunctionConfig: {
          Comment: stage.comment,
          Runtime: stage.runtime,
          KeyValueStoreAssociations: stage.keyValueStores,
        },
        FunctionMetadata: {
          FunctionARN: f.arn,
          Stage: stageName,
          CreatedTime: f.created,
          LastModifiedTime: stage.lastModified,
        },
      };
    };
    const stageOf = (f: CfFunction, req: SandboxRequest): "DEVELOPMENT" | "LIVE" => {
      const stage = req.query.get("Stage") ?? "DEVELOPMENT";
      if (stage !== "DEVELOPMENT" && stage !== "LIVE") {
        throw invalidArgument(
          `1 validation error detected: Value '${stage}' at 'stage' failed to satisfy constraint: Member must satisfy enum value set: [DEVELOPMENT, LIVE]`,
        );
      }
      if (stage === "LIVE" && f.live === undefined) throw noSuchFunction();
      return stage;
    };

    /** What CloudFront checks of a DistributionConfig before accepting it. */
    const validateConfig = (config: XmlNode, selfId: string | undefined): void => {
      for (const field of ["CallerReference", "Comment", "Enabled"]) {
        if (typeof config[field] !== "string") throw invalidArgument(`The parameter ${field} is required.`);
      }
      if (config.Enabled !== "true" && config.Enabled !== "false") {
        throw invalidArgument("The parameter Enabled must be true or false.");
      }
      if (
        xmlChild(config, "Origins") === undefined ||
        xmlChild(config, "DefaultCacheBehavior") === undefined
      ) {
        throw invalidArgument("The parameters Origins and DefaultCacheBehavior are required.");
      }
      checkQuantities(config);
      const origins = new Set([
        ...items(config.Origins, "Origin").map((o) => xmlText(o, "Id")),
        ...items(config.OriginGroups, "OriginGroup").map((g) => xmlText(g, "Id")),
      ]);
      if (origins.size === 0)
        throw invalidArgument("The parameter Origins must contain at least one origin.");
      if (cacheBehaviors(config).some((b) => !origins.has(xmlText(b, "TargetOriginId")))) {
        throw new AwsError("NoSuchOrigin", "One or more of your origins or origin groups do not exist.", 404);
      }
      for (const arn of functionArnsOf(config)) {
        const f = Object.values(svc.state.functions).find((x) => x.arn === arn);
        // Only a published function can run at the edge.
        if (f?.live === undefined) {
          throw new AwsError(
            "InvalidFunctionAssociation",
            `The function association is invalid: ${arn} is not a published CloudFront function.`,
            400,
          );
        }
      }
      const aliases = aliasesOf(config);
      const taken = Object.values(svc.state.distributions).some(
        (d) => d.id !== selfId && aliasesOf(d.config).some((a) => aliases.includes(a)),
      );
      if (taken) {
        throw new AwsError(
          "CNAMEAlreadyExists",
          "One or more of the CNAMEs you provided are already associated with a different resource.",
          409,
        );
      }
    };

    /** Creates a distribution, or finds the one an identical earlier request created. */
    const create = (config: XmlNode, tags: Record<string, string>, ctx: ServiceContext) => {
      const callerReference = xmlText(config, "CallerReference");
      const same = Object.values(svc.state.distributions).find(
        (d) => d.config.CallerReference === callerReference,
      );
      if (same !== undefined) {
        // A retried create with the same request is answered with the original distribution.
        if (JSON.stringify(same.config) === JSON.stringify(config)) return { d: same, fresh: false };
        throw new AwsError(
          "DistributionAlreadyExists",
          "The caller reference you attempted to create the distribution with is associated with another distribution.",
          409,
        );
      }
      validateConfig(config, undefined);
      const id = randomId("E", 13);
      const d: Distribution = {
        id,
        arn: `arn:aws:cloudfront::${ctx.accountId}:distribution/${id}`,
        domainName: `${randomId("d", 13, "abcdefghijklmnopqrstuvwxyz0123456789")}.cloudfront.net`,
        etag: randomId("E", 13),
        lastModified: ctx.now().toISOString(),
        config,
        tags,
      };
      svc.state.distributions[id] = d;
      return { d, fresh: true };
    };
    const created = ({ d, fresh }: { d: Distribution; fresh: boolean }, ctx: ServiceContext) =>
      respond("Distribution", distributionXml(d, fresh ? "InProgress" : statusOf(d, ctx)), 201, {
        location: `${ENDPOINT}${V}/distribution/${d.id}`,
        etag: d.etag,
      });

    const createDistribution: RestHandler = (_labels, req, ctx) => {
      const config = readBody(req, "DistributionConfig") as XmlNode;
      return created(create(config, {}, ctx), ctx);
    };

    const createDistributionWithTags: RestHandler = (_labels, req, ctx) => {
      const input = readBody(req, "DistributionConfigWithTags");
      const config = xmlChild(input, "DistributionConfig");
      if (config === undefined) throw invalidArgument("The parameter DistributionConfig is required.");
      const tagNode = xmlChild(input, "Tags");
      if (tagNode === undefined) throw new AwsError("InvalidTagging", "The parameter Tags is required.", 400);
      return created(create(config as XmlNode, tagsFrom(tagNode), ctx), ctx);
    };

    const getDistribution: RestHandler = ({ Id }, _req, ctx) => {
      const d = distribution(Id!);
      return respond("Distribution", distributionXml(d, statusOf(d, ctx)), 200, { etag: d.etag });
    };

    const getDistributionConfig: RestHandler = ({ Id }) => {
      const d = distribution(Id!);
      return respond("DistributionConfig", d.config, 200, { etag: d.etag });
    };

    const listDistributions: RestHandler = (_labels, req, ctx) => {
      const marker = req.query.get("Marker") ?? "";
      const limit = pageSize(req.query.get("MaxItems"));
      // NextMarker is the Id of the last distribution on a page; the next page starts after it.
      const all = Object.values(svc.state.distributions).sort((a, b) => (a.id < b.id ? -1 : 1));
      const rest = marker === "" ? all : all.filter((d) => d.id > marker);
      const page = rest.slice(0, limit);
      const truncated = rest.length > limit;
      return respond("DistributionList", {
        Marker: marker,
        NextMarker: truncated ? page[page.length - 1]!.id : undefined,
        MaxItems: limit,
        IsTruncated: truncated,
        Quantity: page.length,
        Items: page.length === 0 ? undefined : { DistributionSummary: page.map((d) => summaryXml(d, ctx)) },
      });
    };

    const updateDistribution: RestHandler = ({ Id }, req, ctx) => {
      const d = distribution(Id!);
      checkIfMatch(req, d.etag);
      const config = readBody(req, "DistributionConfig") as XmlNode;
      if (config.CallerReference !== d.config.CallerReference) {
        throw new AwsError("IllegalUpdate", "The CallerReference of a distribution cannot be changed.", 400);
      }
      validateConfig(config, d.id);
      d.config = config;
      d.etag = randomId("E", 13);
      d.lastModified = ctx.now().toISOString();
      return respond("Distribution", distributionXml(d, "InProgress"), 200, { etag: d.etag });
    };

    const deleteDistribution: RestHandler = ({ Id }, req, ctx) => {
      const d = distribution(Id!);
      checkIfMatch(req, d.etag);
      // Disabling is itself a change that has to finish deploying before the delete.
      if (isEnabled(d.config) || statusOf(d, ctx) !== "Deployed") {
        throw new AwsError(
          "DistributionNotDisabled",
          "The distribution you are trying to delete has not been disabled.",
          409,
        );
      }
      delete svc.state.distributions[d.id];
      return { status: 204 };
    };

    const createFunction: RestHandler = (_labels, req, ctx) => {
      const input = readBody(req, "CreateFunctionRequest");
      const name = xmlText(input, "Name") ?? "";
      if (!/^[a-zA-Z0-9\-_]{1,64}$/.test(name)) {
        throw invalidArgument(
          `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]{1,64}$`,
        );
      }
      if (svc.state.functions[name] !== undefined) {
        throw new AwsError(
          "FunctionAlreadyExists",
          "A function with the same name already exists in this AWS account. To create a function, you must provide a unique name. To update an existing function, use UpdateFunction.",
          409,
        );
      }
      const now = ctx.now().toISOString();
      const f: CfFunction = {
        name,
        arn: `arn:aws:cloudfront::${ctx.accountId}:function/${name}`,
        created: now,
        development: readStage(input, now),
        tags: tagsFrom(xmlChild(input, "Tags")),
      };
      svc.state.functions[name] = f;
      return respond("FunctionSummary", functionXml(f, "DEVELOPMENT"), 201, {
        location: `${ENDPOINT}${V}/function/${f.arn}`,
        etag: f.development.etag,
      });
    };

    const describeFunction: RestHandler = ({ Name }, req) => {
      const f = fn(Name!);
      const stage = stageOf(f, req);
      const etag = stage === "LIVE" ? f.live!.etag : f.development.etag;
      return respond("FunctionSummary", functionXml(f, stage), 200, { etag });
    };

    const getFunction: RestHandler = ({ Name }, req) => {
      const f = fn(Name!);
      const stage = stageOf(f, req) === "LIVE" ? f.live! : f.development;
      return {
        status: 200,
        headers: { "content-type": "application/octet-stream", etag: stage.etag },
        body: Buffer.from(stage.code, "base64"),
      };
    };

    const listFunctions: RestHandler = (_labels, req) => {
      const filter = req.query.get("Stage") ?? undefined;
      if (filter !== undefined && filter !== "DEVELOPMENT" && filter !== "LIVE") {
        throw invalidArgument(
          `1 validation error detected: Value '${filter}' at 'stage' failed to satisfy constraint: Member must satisfy enum value set: [DEVELOPMENT, LIVE]`,
        );
      }
      const limit = pageSize(req.query.get("MaxItems"));
      const entries = Object.values(svc.state.functions)
        .flatMap((f) =>
          (["DEVELOPMENT", "LIVE"] as const)
            .filter(
              (s) => (filter === undefined || filter === s) && (s === "DEVELOPMENT" || f.live !== undefined),
            )
            .map((s) => ({ f, stage: s, key: `${f.name}/${s}` })),
        )
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      // The marker is opaque to clients: the key of the last function on the previous page.
      const marker = req.query.get("Marker") ?? "";
      const after = marker === "" ? "" : Buffer.from(marker, "base64url").toString("utf8");
      const rest = entries.filter((e) => e.key > after);
      const page = rest.slice(0, limit);
      const truncated = rest.length > limit;
      return respond("FunctionList", {
        NextMarker: truncated ? Buffer.from(page[page.length - 1]!.key).toString("base64url") : undefined,
        MaxItems: limit,
        Quantity: page.length,
        Items:
          page.length === 0 ? undefined : { FunctionSummary: page.map((e) => functionXml(e.f, e.stage)) },
      });
    };

    const updateFunction: RestHandler = ({ Name }, req, ctx) => {
      const f = fn(Name!);
      checkIfMatch(req, f.development.etag);
      const input = readBody(req, "UpdateFunctionRequest");
      f.development = readStage(input, ctx.now().toISOString());
      // The model names this header `ETtag`; CloudFront's own spelling is sent too.
      return respond("FunctionSummary", functionXml(f, "DEVELOPMENT"), 200, {
        etag: f.development.etag,
        ettag: f.development.etag,
      });
    };

    const publishFunction: RestHandler = ({ Name }, req, ctx) => {
      const f = fn(Name!);
      checkIfMatch(req, f.development.etag);
      f.live = { ...f.development, etag: randomId("E", 13), lastModified: ctx.now().toISOString() };
      return respond("FunctionSummary", functionXml(f, "LIVE"));
    };

    const deleteFunction: RestHandler = ({ Name }, req) => {
      const f = fn(Name!);
      checkIfMatch(req, f.development.etag);
      if (associated(f.arn)) {
        throw new AwsError(
          "FunctionInUse",
          "Cannot delete function, it's still associated with one or more cache behaviors",
          409,
        );
      }
      delete svc.state.functions[f.name];
      return { status: 204 };
    };

    /* Origin access controls ------------------------------------------------------------------ */

    const oacs = (): Record<string, OriginAccessControl> => (svc.state.originAccessControls ??= {});
    const oac = (id: string): OriginAccessControl => {
      const o = own(oacs(), id);
      // NoSuchOriginAccessControl, 404: "The origin access control does not exist." (API reference,
      // GetOriginAccessControl / DeleteOriginAccessControl, Errors).
      if (o === undefined) {
        throw new AwsError("NoSuchOriginAccessControl", "The origin access control does not exist.", 404);
      }
      return o;
    };
    const oacConfig = (req: SandboxRequest): XmlNode => {
      const config = readBody(req, "OriginAccessControlConfig") as XmlNode;
      const name = xmlText(config, "Name") ?? "";
      if (name === "" || name.length > 64) {
        throw invalidArgument("The parameter Name must be between 1 and 64 characters long.");
      }
      // Enums from the OriginAccessControlConfig data type (API reference).
      const enums: [string, string[]][] = [
        ["SigningProtocol", ["sigv4"]],
        ["SigningBehavior", ["never", "always", "no-override"]],
        ["OriginAccessControlOriginType", ["s3", "mediastore", "mediapackagev2", "lambda"]],
      ];
      for (const [field, allowed] of enums) {
        const value = xmlText(config, field) ?? "";
        if (!allowed.includes(value)) {
          throw invalidArgument(
            `1 validation error detected: Value '${value}' at 'originAccessControlConfig.${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
          );
        }
      }
      return config;
    };
    /**
     * OAC names are unique in the account: OriginAccessControlAlreadyExists, 409, "An origin access
     * control with the same name already exists." (API reference, CreateOriginAccessControl, Errors;
     * the message is the one CloudFront returned in anomalyco/sst#4118,
     * test/fixtures/already-exists/cloudfront-origin-access-control.log).
     */
    const checkOacName = (config: XmlNode, selfId: string | undefined): void => {
      const name = xmlText(config, "Name");
      if (Object.values(oacs()).some((o) => o.id !== selfId && xmlText(o.config, "Name") === name)) {
        throw new AwsError(
          "OriginAccessControlAlreadyExists",
          "An origin access control with the same name already exists.",
          409,
        );
      }
    };
    const oacXml = (o: OriginAccessControl): XmlNode => ({ Id: o.id, OriginAccessControlConfig: o.config });

    const createOriginAccessControl: RestHandler = (_labels, req) => {
      const config = oacConfig(req);
      checkOacName(config, undefined);
      const o: OriginAccessControl = { id: randomId("E", 13), etag: randomId("E", 13), config };
      put(oacs(), o.id, o);
      return respond("OriginAccessControl", oacXml(o), 201, {
        location: `${ENDPOINT}${V}/origin-access-control/${o.id}`,
        etag: o.etag,
      });
    };
    const getOriginAccessControl: RestHandler = ({ Id }) => {
      const o = oac(Id!);
      return respond("OriginAccessControl", oacXml(o), 200, { etag: o.etag });
    };
    const getOriginAccessControlConfig: RestHandler = ({ Id }) => {
      const o = oac(Id!);
      return respond("OriginAccessControlConfig", o.config, 200, { etag: o.etag });
    };
    const updateOriginAccessControl: RestHandler = ({ Id }, req) => {
      const o = oac(Id!);
      checkIfMatch(req, o.etag);
      const config = oacConfig(req);
      checkOacName(config, o.id);
      o.config = config;
      o.etag = randomId("E", 13);
      return respond("OriginAccessControl", oacXml(o), 200, { etag: o.etag });
    };
    const oacInUse = (id: string): boolean =>
      Object.values(svc.state.distributions).some((d) =>
        items(d.config.Origins, "Origin").some((origin) => xmlText(origin, "OriginAccessControlId") === id),
      );
    const deleteOriginAccessControl: RestHandler = ({ Id }, req) => {
      const o = oac(Id!);
      checkIfMatch(req, o.etag);
      // OriginAccessControlInUse, 409: "Cannot delete the origin access control because it's in use
      // by one or more distributions." (API reference, DeleteOriginAccessControl, Errors).
      if (oacInUse(o.id)) {
        throw new AwsError(
          "OriginAccessControlInUse",
          "Cannot delete the origin access control because it's in use by one or more distributions.",
          409,
        );
      }
      delete oacs()[o.id];
      return { status: 204 };
    };
    const listOriginAccessControls: RestHandler = (_labels, req) => {
      const marker = req.query.get("Marker") ?? "";
      const limit = pageSize(req.query.get("MaxItems"));
      // As ListDistributions: NextMarker is the Id of the last item of the page.
      const all = Object.values(oacs()).sort((a, b) => (a.id < b.id ? -1 : 1));
      const rest = marker === "" ? all : all.filter((o) => o.id > marker);
      const page = rest.slice(0, limit);
      const truncated = rest.length > limit;
      return respond("OriginAccessControlList", {
        Marker: marker,
        NextMarker: truncated ? page[page.length - 1]!.id : undefined,
        MaxItems: limit,
        IsTruncated: truncated,
        Quantity: page.length,
        Items:
          page.length === 0
            ? undefined
            : {
                OriginAccessControlSummary: page.map((o) => ({
                  Id: o.id,
                  Description: xmlText(o.config, "Description") ?? "",
                  Name: xmlText(o.config, "Name"),
                  SigningProtocol: xmlText(o.config, "SigningProtocol"),
                  SigningBehavior: xmlText(o.config, "SigningBehavior"),
                  OriginAccessControlOriginType: xmlText(o.config, "OriginAccessControlOriginType"),
                })),
              },
      });
    };

    /* Cache policies -------------------------------------------------------------------------- */

    const policies = (): Record<string, CachePolicy> => (svc.state.cachePolicies ??= {});
    const managed = (id: string): CachePolicy | undefined => MANAGED_POLICIES.find((p) => p.id === id);
    /** A custom policy, for the calls that change one: a managed policy is IllegalDelete/IllegalUpdate. */
    const customPolicy = (id: string, refused: "IllegalDelete" | "IllegalUpdate"): CachePolicy => {
      // IllegalDelete "Deletion is not allowed for this entity." / IllegalUpdate "The update contains
      // modifications that are not allowed." (400; API reference, DeleteCachePolicy / UpdateCachePolicy,
      // Errors: managed policies cannot be changed).
      if (managed(id) !== undefined) {
        throw new AwsError(
          refused,
          refused === "IllegalDelete"
            ? "Deletion is not allowed for this entity."
            : "The update contains modifications that are not allowed.",
          400,
        );
      }
      return policy(id);
    };
    const policy = (id: string): CachePolicy => {
      const p = own(policies(), id) ?? managed(id);
      // NoSuchCachePolicy, 404: "The cache policy does not exist." (API reference, GetCachePolicy).
      if (p === undefined) throw new AwsError("NoSuchCachePolicy", "The cache policy does not exist.", 404);
      return p;
    };
    const policyConfig = (req: SandboxRequest): XmlNode => {
      const config = readBody(req, "CachePolicyConfig") as XmlNode;
      const name = xmlText(config, "Name") ?? "";
      if (name === "") throw invalidArgument("The parameter Name is required.");
      const minTtl = xmlText(config, "MinTTL");
      if (minTtl === undefined || !/^\d+$/.test(minTtl))
        throw invalidArgument("The parameter MinTTL is required.");
      checkQuantities(config);
      return config;
    };
    /**
     * Cache policy names are unique in the account: CachePolicyAlreadyExists, 409, "A cache policy
     * with this name already exists. You must provide a unique name. To modify an existing cache
     * policy, use UpdateCachePolicy." (API reference, CreateCachePolicy / UpdateCachePolicy, Errors).
     */
    const checkPolicyName = (config: XmlNode, selfId: string | undefined): void => {
      const name = xmlText(config, "Name");
      if (Object.values(policies()).some((p) => p.id !== selfId && xmlText(p.config, "Name") === name)) {
        throw new AwsError(
          "CachePolicyAlreadyExists",
          "A cache policy with this name already exists. You must provide a unique name. To modify an existing cache policy, use UpdateCachePolicy.",
          409,
        );
      }
    };
    const policyXml = (p: CachePolicy): XmlNode => ({
      Id: p.id,
      LastModifiedTime: p.lastModified,
      CachePolicyConfig: p.config,
    });

    const createCachePolicy: RestHandler = (_labels, req, ctx) => {
      const config = policyConfig(req);
      checkPolicyName(config, undefined);
      // TooManyCachePolicies, 400: "You have reached the maximum number of cache policies for this
      // Amazon Web Services account. …" (API reference, CreateCachePolicy, Errors; the quota is 20,
      // see MAX_CACHE_POLICIES — the limit SST users hit, anomalyco/sst#4667).
      if (Object.keys(policies()).length >= MAX_CACHE_POLICIES) {
        throw new AwsError(
          "TooManyCachePolicies",
          "You have reached the maximum number of cache policies for this Amazon Web Services account. For more information, see Quotas (formerly known as limits) in the Amazon CloudFront Developer Guide.",
          400,
        );
      }
      const p: CachePolicy = {
        id: randomUUID(),
        etag: randomId("E", 13),
        lastModified: ctx.now().toISOString(),
        config,
      };
      put(policies(), p.id, p);
      return respond("CachePolicy", policyXml(p), 201, {
        location: `${ENDPOINT}${V}/cache-policy/${p.id}`,
        etag: p.etag,
      });
    };
    const getCachePolicy: RestHandler = ({ Id }) => {
      const p = policy(Id!);
      return respond("CachePolicy", policyXml(p), 200, { etag: p.etag });
    };
    const getCachePolicyConfig: RestHandler = ({ Id }) => {
      const p = policy(Id!);
      return respond("CachePolicyConfig", p.config, 200, { etag: p.etag });
    };
    const updateCachePolicy: RestHandler = ({ Id }, req, ctx) => {
      const p = customPolicy(Id!, "IllegalUpdate");
      checkIfMatch(req, p.etag);
      const config = policyConfig(req);
      checkPolicyName(config, p.id);
      p.config = config;
      p.etag = randomId("E", 13);
      p.lastModified = ctx.now().toISOString();
      return respond("CachePolicy", policyXml(p), 200, { etag: p.etag });
    };
    const policyInUse = (id: string): boolean =>
      Object.values(svc.state.distributions).some((d) =>
        cacheBehaviors(d.config).some((b) => xmlText(b, "CachePolicyId") === id),
      );
    const deleteCachePolicy: RestHandler = ({ Id }, req) => {
      const p = customPolicy(Id!, "IllegalDelete");
      checkIfMatch(req, p.etag);
      // CachePolicyInUse, 409: "Cannot delete the cache policy because it is attached to one or more
      // cache behaviors." (API reference, DeleteCachePolicy, Errors).
      if (policyInUse(p.id)) {
        throw new AwsError(
          "CachePolicyInUse",
          "Cannot delete the cache policy because it is attached to one or more cache behaviors.",
          409,
        );
      }
      delete policies()[p.id];
      return { status: 204 };
    };
    const listCachePolicies: RestHandler = (_labels, req) => {
      const type = req.query.get("Type") ?? undefined;
      if (type !== undefined && type !== "managed" && type !== "custom") {
        throw invalidArgument(
          `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [managed, custom]`,
        );
      }
      const limit = pageSize(req.query.get("MaxItems"));
      const byId = (a: CachePolicy, b: CachePolicy) => (a.id < b.id ? -1 : 1);
      const custom = Object.values(policies()).map((p) => ({ p, type: "custom" }));
      const builtIn = MANAGED_POLICIES.map((p) => ({ p, type: "managed" }));
      const all = (type === "managed" ? builtIn : type === "custom" ? custom : [...builtIn, ...custom]).sort(
        (a, b) => byId(a.p, b.p),
      );
      const marker = req.query.get("Marker") ?? "";
      const rest = marker === "" ? all : all.filter((e) => e.p.id > marker);
      const page = rest.slice(0, limit);
      const truncated = rest.length > limit;
      return respond("CachePolicyList", {
        NextMarker: truncated ? page[page.length - 1]!.p.id : undefined,
        MaxItems: limit,
        Quantity: page.length,
        Items:
          page.length === 0
            ? undefined
            : { CachePolicySummary: page.map((e) => ({ Type: e.type, CachePolicy: policyXml(e.p) })) },
      });
    };

    /* KeyValueStores -------------------------------------------------------------------------- */

    const stores = (): Record<string, KeyValueStore> => (svc.state.keyValueStores ??= {});
    const store = (name: string): KeyValueStore => {
      const k = own(stores(), name);
      // EntityNotFound, 404: "The entity was not found." (API reference, DescribeKeyValueStore).
      if (k === undefined) throw new AwsError("EntityNotFound", "The entity was not found.", 404);
      return k;
    };
    const storeStatus = (k: KeyValueStore, ctx: ServiceContext): string =>
      ctx.now().getTime() - Date.parse(k.created) >= ctx.deployDelayMs ? "READY" : "PROVISIONING";
    const storeXml = (k: KeyValueStore, ctx: ServiceContext): XmlNode => ({
      Name: k.name,
      Id: k.id,
      Comment: k.comment,
      ARN: k.arn,
      Status: storeStatus(k, ctx),
      LastModifiedTime: k.lastModified,
    });

    const createKeyValueStore: RestHandler = (_labels, req, ctx) => {
      const input = readBody(req, "CreateKeyValueStoreRequest");
      const name = xmlText(input, "Name") ?? "";
      // KeyValueStore names: 1-64 of [a-zA-Z0-9-_] (API reference, CreateKeyValueStore, Name).
      if (!/^[a-zA-Z0-9\-_]{1,64}$/.test(name)) {
        throw invalidArgument(
          `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]{1,64}$`,
        );
      }
      // EntityAlreadyExists, 409: "The entity already exists. You must provide a unique entity."
      // (API reference, CreateKeyValueStore, Errors).
      if (own(stores(), name) !== undefined) {
        throw new AwsError(
          "EntityAlreadyExists",
          "The entity already exists. You must provide a unique entity.",
          409,
        );
      }
      // EntityLimitExceeded, 400: "The entity limit has been exceeded." (same page; 50 per account).
      if (Object.keys(stores()).length >= MAX_KEY_VALUE_STORES) {
        throw new AwsError("EntityLimitExceeded", "The entity limit has been exceeded.", 400);
      }
      const id = randomUUID();
      const now = ctx.now().toISOString();
      const k: KeyValueStore = {
        name,
        id,
        arn: `arn:aws:cloudfront::${ctx.accountId}:key-value-store/${id}`,
        comment: xmlText(input, "Comment") ?? "",
        etag: randomId("E", 13),
        created: now,
        lastModified: now,
      };
      put(stores(), name, k);
      return respond("KeyValueStore", storeXml(k, ctx), 201, {
        location: `${ENDPOINT}${V}/key-value-store/${name}`,
        etag: k.etag,
      });
    };
    const describeKeyValueStore: RestHandler = ({ Name }, _req, ctx) => {
      const k = store(Name!);
      return respond("KeyValueStore", storeXml(k, ctx), 200, { etag: k.etag });
    };
    const storeInUse = (arn: string): boolean =>
      Object.values(svc.state.functions).some((f) =>
        [f.development, f.live].some(
          (stage) =>
            stage !== undefined &&
            items(stage.keyValueStores, "KeyValueStoreAssociation").some(
              (a) => xmlText(a, "KeyValueStoreARN") === arn,
            ),
        ),
      );
    const deleteKeyValueStore: RestHandler = ({ Name }, req) => {
      const k = store(Name!);
      checkIfMatch(req, k.etag);
      // CannotDeleteEntityWhileInUse, 409: "The entity cannot be deleted while it is in use." (API
      // reference, DeleteKeyValueStore, Errors) — a function still associates the store.
      if (storeInUse(k.arn)) {
        throw new AwsError(
          "CannotDeleteEntityWhileInUse",
          "The entity cannot be deleted while it is in use.",
          409,
        );
      }
      delete stores()[k.name];
      return { status: 204 };
    };
    const listKeyValueStores: RestHandler = (_labels, req, ctx) => {
      const status = req.query.get("Status") ?? undefined;
      const limit = pageSize(req.query.get("MaxItems"));
      const all = Object.values(stores())
        .filter((k) => status === undefined || storeStatus(k, ctx) === status)
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      // The marker is opaque to clients: the name of the last store on the previous page.
      const marker = req.query.get("Marker") ?? "";
      const after = marker === "" ? "" : Buffer.from(marker, "base64url").toString("utf8");
      const rest = all.filter((k) => k.name > after);
      const page = rest.slice(0, limit);
      const truncated = rest.length > limit;
      return respond("KeyValueStoreList", {
        NextMarker: truncated ? Buffer.from(page[page.length - 1]!.name).toString("base64url") : undefined,
        MaxItems: limit,
        Quantity: page.length,
        Items: page.length === 0 ? undefined : { KeyValueStore: page.map((k) => storeXml(k, ctx)) },
      });
    };

    /** The tag set of the distribution or function an ARN names. */
    const taggable = (req: SandboxRequest, ctx: ServiceContext): Record<string, string> => {
      const arn = req.query.get("Resource") ?? "";
      const m = /^arn:aws:cloudfront::(\d{12}):(distribution|function)\/(.+)$/.exec(arn);
      if (m === null) throw invalidArgument(`The ARN ${arn} is not a valid CloudFront resource ARN.`);
      const found =
        m[1] !== ctx.accountId
          ? undefined
          : m[2] === "distribution"
            ? svc.state.distributions[m[3]!]
            : svc.state.functions[m[3]!];
      if (found === undefined)
        throw new AwsError("NoSuchResource", "The specified resource does not exist.", 404);
      return found.tags;
    };

    const tagging: RestHandler = (_labels, req, ctx) => {
      const tags = taggable(req, ctx);
      const operation = req.query.get("Operation");
      if (operation === "Tag") {
        Object.assign(tags, tagsFrom(readBody(req, "Tags")));
      } else if (operation === "Untag") {
        const keys = items(readBody(req, "TagKeys"), "Key");
        for (const key of keys) delete tags[String(key)];
      } else {
        throw invalidArgument(`The Operation ${operation ?? ""} is not supported; use Tag or Untag.`);
      }
      return { status: 204 };
    };

    const listTagsForResource: RestHandler = (_labels, req, ctx) =>
      respond("Tags", tagsXml(taggable(req, ctx)));

    return [
      {
        method: "POST",
        path: `${V}/distribution?WithTags`,
        operation: "CreateDistributionWithTags",
        handler: createDistributionWithTags,
      },
      {
        method: "POST",
        path: `${V}/distribution`,
        operation: "CreateDistribution",
        handler: createDistribution,
      },
      {
        method: "GET",
        path: `${V}/distribution`,
        operation: "ListDistributions",
        handler: listDistributions,
      },
      {
        method: "GET",
        path: `${V}/distribution/{Id}`,
        operation: "GetDistribution",
        handler: getDistribution,
      },
      {
        method: "GET",
        path: `${V}/distribution/{Id}/config`,
        operation: "GetDistributionConfig",
        handler: getDistributionConfig,
      },
      {
        method: "PUT",
        path: `${V}/distribution/{Id}/config`,
        operation: "UpdateDistribution",
        handler: updateDistribution,
      },
      {
        method: "DELETE",
        path: `${V}/distribution/{Id}`,
        operation: "DeleteDistribution",
        handler: deleteDistribution,
      },
      { method: "POST", path: `${V}/function`, operation: "CreateFunction", handler: createFunction },
      { method: "GET", path: `${V}/function`, operation: "ListFunctions", handler: listFunctions },
      {
        method: "GET",
        path: `${V}/function/{Name}/describe`,
        operation: "DescribeFunction",
        handler: describeFunction,
      },
      { method: "GET", path: `${V}/function/{Name}`, operation: "GetFunction", handler: getFunction },
      { method: "PUT", path: `${V}/function/{Name}`, operation: "UpdateFunction", handler: updateFunction },
      {
        method: "POST",
        path: `${V}/function/{Name}/publish`,
        operation: "PublishFunction",
        handler: publishFunction,
      },
      {
        method: "DELETE",
        path: `${V}/function/{Name}`,
        operation: "DeleteFunction",
        handler: deleteFunction,
      },
      {
        method: "POST",
        path: `${V}/origin-access-control`,
        operation: "CreateOriginAccessControl",
        handler: createOriginAccessControl,
      },
      {
        method: "GET",
        path: `${V}/origin-access-control`,
        operation: "ListOriginAccessControls",
        handler: listOriginAccessControls,
      },
      {
        method: "GET",
        path: `${V}/origin-access-control/{Id}`,
        operation: "GetOriginAccessControl",
        handler: getOriginAccessControl,
      },
      {
        method: "GET",
        path: `${V}/origin-access-control/{Id}/config`,
        operation: "GetOriginAccessControlConfig",
        handler: getOriginAccessControlConfig,
      },
      {
        method: "PUT",
        path: `${V}/origin-access-control/{Id}/config`,
        operation: "UpdateOriginAccessControl",
        handler: updateOriginAccessControl,
      },
      {
        method: "DELETE",
        path: `${V}/origin-access-control/{Id}`,
        operation: "DeleteOriginAccessControl",
        handler: deleteOriginAccessControl,
      },
      {
        method: "POST",
        path: `${V}/cache-policy`,
        operation: "CreateCachePolicy",
        handler: createCachePolicy,
      },
      {
        method: "GET",
        path: `${V}/cache-policy`,
        operation: "ListCachePolicies",
        handler: listCachePolicies,
      },
      { method: "GET", path: `${V}/cache-policy/{Id}`, operation: "GetCachePolicy", handler: getCachePolicy },
      {
        method: "GET",
        path: `${V}/cache-policy/{Id}/config`,
        operation: "GetCachePolicyConfig",
        handler: getCachePolicyConfig,
      },
      {
        method: "PUT",
        path: `${V}/cache-policy/{Id}`,
        operation: "UpdateCachePolicy",
        handler: updateCachePolicy,
      },
      {
        method: "DELETE",
        path: `${V}/cache-policy/{Id}`,
        operation: "DeleteCachePolicy",
        handler: deleteCachePolicy,
      },
      {
        method: "POST",
        path: `${V}/key-value-store`,
        operation: "CreateKeyValueStore",
        handler: createKeyValueStore,
      },
      {
        method: "GET",
        path: `${V}/key-value-store`,
        operation: "ListKeyValueStores",
        handler: listKeyValueStores,
      },
      {
        method: "GET",
        path: `${V}/key-value-store/{Name}`,
        operation: "DescribeKeyValueStore",
        handler: describeKeyValueStore,
      },
      {
        method: "DELETE",
        path: `${V}/key-value-store/{Name}`,
        operation: "DeleteKeyValueStore",
        handler: deleteKeyValueStore,
      },
      { method: "POST", path: `${V}/tagging?Operation`, operation: "TagResource", handler: tagging },
      { method: "GET", path: `${V}/tagging`, operation: "ListTagsForResource", handler: listTagsForResource },
    ];
  },
});

function pageSize(raw: string | null): number {
  if (raw === null || raw === "") return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidArgument(`The value ${raw} for MaxItems is not valid.`);
  return Math.min(n, 100);
}

/**
 * TagResource and UntagResource share one path and differ only in `?Operation=`, which the route
 * table cannot tell apart; the operation name is corrected here so counters and fault rules see
 * the real one.
 */
export const cloudfront: ServiceFactory = {
  ...base,
  create() {
    const service = base.create();
    const resolve = service.resolve.bind(service);
    service.resolve = (req, ctx) => {
      const resolved = resolve(req, ctx);
      return resolved.operation === "TagResource" && req.query.get("Operation") === "Untag"
        ? { ...resolved, operation: "UntagResource" }
        : resolved;
    };
    return service;
  },
};
