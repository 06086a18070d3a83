/**
 * S3 (restXml, path-style `/<bucket>/<key>`): buckets with versioning and tags; objects with every
 * version, delete markers, conditional writes and reads, copy, listings (V1, V2, versions), batch
 * delete, `aws-chunked` uploads and flexible checksums.
 *
 * State is kept per region, as the server makes one instance per region. Bucket names are global in
 * AWS, so a bucket's other-region twin is found through `ctx.taggedResources` of every known region:
 * CreateBucket of a name that lives elsewhere fails, requests for it are redirected (301), and
 * ListBuckets lists every region's buckets. Objects cannot be read across regions (CopyObject needs
 * its source bucket in the request's region).
 */
import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { firstAfter, KeptLists } from "../core/service.js";
import { asList, escapeXml, parseXml, xmlElements, type XmlNode } from "../core/xml.js";
import {
  AwsError,
  type ResolvedOperation,
  type SandboxRequest,
  type SandboxResponse,
  type Service,
  type ServiceContext,
  type ServiceFactory,
  type TaggedResource,
  type ThrottleError,
} from "../core/types.js";

/* State ----------------------------------------------------------------------------------------- */

export interface S3Checksum {
  /** `CRC32`, `CRC32C`, `CRC64NVME`, `SHA1`, `SHA256`, … as S3 names them. */
  algorithm: string;
  /** Base64, as in the `x-amz-checksum-*` headers. */
  value: string;
}

export interface S3ObjectVersion {
  /** `null` (the string) for objects written while versioning was never enabled or was suspended. */
  versionId: string;
  deleteMarker: boolean;
  /** ISO time, whole seconds (S3's Last-Modified has no fractions). */
  lastModified: string;
  /** The following are absent on delete markers. Body as base64. */
  body?: string;
  /** Quoted hex MD5. */
  etag?: string;
  size?: number;
  contentType?: string;
  contentEncoding?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  expires?: string;
  storageClass?: string;
  metadata?: Record<string, string>;
  checksum?: S3Checksum;
}

export interface S3Bucket {
  name: string;
  region: string;
  creationDate: string;
  /** Absent until versioning is first configured; it can then only be suspended, never removed. */
  versioning?: "Enabled" | "Suspended";
  /** Absent when the bucket has no tag set (GetBucketTagging → NoSuchTagSet). */
  tags?: Record<string, string>;
  /** Per key, every version, newest first. */
  objects: Record<string, S3ObjectVersion[]>;
  /** The bucket policy document as it was put (absent: NoSuchBucketPolicy). */
  policy?: string;
  /**
   * Bucket settings as their XML documents were put (absent: GetBucketCors → NoSuchCORSConfiguration,
   * GetPublicAccessBlock → NoSuchPublicAccessBlockConfiguration, GetBucketNotificationConfiguration →
   * an empty configuration).
   */
  cors?: string;
  publicAccessBlock?: string;
  notification?: string;
}

export interface S3State {
  buckets: Record<string, S3Bucket>;
}

/* Constants ------------------------------------------------------------------------------------- */

const XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
const THROTTLE: ThrottleError = {
  code: "SlowDown",
  status: 503,
  message: "Please reduce your request rate.",
};
const MAX_KEYS = 1000;

/**
 * Commercial regions searched for a bucket's other-region twin. Buckets in a region not listed here
 * are invisible to other regions (the same name could then be created twice).
 */
const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "mx-central-1",
  "sa-east-1",
];

/** Bucket settings kept as put: query subresource → operation name (after Get/Put/Delete). */
type Setting = "cors" | "publicAccessBlock" | "notification";
const SETTINGS: readonly (readonly [Setting, string])[] = [
  ["cors", "BucketCors"],
  ["publicAccessBlock", "PublicAccessBlock"],
  ["notification", "BucketNotificationConfiguration"],
];
const SETTING_FIELD = {
  cors: "cors",
  publicAccessBlock: "publicAccessBlock",
  notification: "notification",
} as const;
const SETTING_ROOT: Record<Setting, string> = {
  cors: "CORSConfiguration",
  publicAccessBlock: "PublicAccessBlockConfiguration",
  notification: "NotificationConfiguration",
};
/** The errors S3 answers a Get with when the setting is absent (S3 API reference, ErrorResponses). */
const SETTING_MISSING: Record<Exclude<Setting, "notification">, [string, string]> = {
  cors: ["NoSuchCORSConfiguration", "The CORS configuration does not exist"],
  publicAccessBlock: [
    "NoSuchPublicAccessBlockConfiguration",
    "The public access block configuration was not found",
  ],
};

/** Subresources S3 has but this sandbox does not: answered with NotImplemented, never misrouted. */
const UNSUPPORTED_SUBRESOURCES = [
  "accelerate",
  "acl",
  "analytics",
  "attributes",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "legal-hold",
  "lifecycle",
  "logging",
  "metadataTable",
  "metrics",
  "object-lock",
  "ownershipControls",
  "partNumber",
  "policyStatus",
  "replication",
  "requestPayment",
  "restore",
  "retention",
  "select",
  "session",
  "tagging",
  "torrent",
  "uploadId",
  "uploads",
  "website",
];

/* Errors ---------------------------------------------------------------------------------------- */

/** An S3 error that also sets response headers (a delete marker's id on a 404, a bucket's region). */
class S3Error extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    extra: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, status, extra);
  }
}

const noSuchBucket = (name: string) =>
  new AwsError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: name });
const noSuchKey = (key: string, headers: Record<string, string> = {}) =>
  new S3Error("NoSuchKey", "The specified key does not exist.", 404, { Key: key }, headers);
const noSuchVersion = (key: string, versionId: string) =>
  new AwsError("NoSuchVersion", "The specified version does not exist.", 404, {
    Key: key,
    VersionId: versionId,
  });
const preconditionFailed = (condition: string) =>
  new AwsError("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, {
    Condition: condition,
  });
const invalidArgument = (message: string, name?: string, value?: string) =>
  new AwsError(
    "InvalidArgument",
    message,
    400,
    name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? "" },
  );
const notImplemented = (what: string) =>
  new AwsError(
    "NotImplemented",
    `A header you provided implies functionality that is not implemented (the local cloud does not support ${what}).`,
    501,
  );

/* Small helpers --------------------------------------------------------------------------------- */

function md5Hex(data: Buffer): string {
  return createHash("md5").update(data).digest("hex");
}

function versionIdNew(): string {
  // Opaque like S3's (32 URL-safe characters); '.' instead of '-' as real ids use [A-Za-z0-9._].
  return randomBytes(24).toString("base64url").replace(/-/g, ".");
}

/** Whole seconds: S3 times have no fractions, and HEAD and listings must agree. */
function nowIso(ctx: ServiceContext): string {
  return new Date(Math.floor(ctx.now().getTime() / 1000) * 1000).toISOString();
}

function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * S3 orders keys by their UTF-8 bytes, which is code-point order; JS compares UTF-16 units, which
 * puts astral characters (surrogates) before U+E000–U+FFFF. Remap the units so the order matches.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitRank(x) - unitRank(y);
  }
  return a.length - b.length;
}

function unitRank(u: number): number {
  if (u >= 0xd800 && u < 0xe000) return u + 0x2000;
  if (u >= 0xe000) return u - 0x800;
  return u;
}

function stripQuotes(etag: string): string {
  return etag.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
}

function etagMatches(header: string, etag: string | undefined): boolean {
  if (etag === undefined) return false;
  return header.split(",").some((h) => h.trim() === "*" || stripQuotes(h) === stripQuotes(etag));
}

function canonicalOwnerId(accountId: string): string {
  return createHash("sha256").update(`stateward-sandbox:${accountId}`).digest("hex");
}

function decodeOrThrow(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AwsError("InvalidURI", `Couldn't parse the specified URI (${what}).`, 400);
  }
}

/** `encoding-type=url`: S3 percent-encodes names in listings, keeping `/` and writing spaces as `+`. */
function urlEncodeName(name: string): string {
  return encodeURIComponent(name).replace(/%2F/g, "/").replace(/%20/g, "+");
}

function xmlResponse(root: string, body: XmlNode, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status: 200,
    headers: { "content-type": "application/xml", ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${XMLNS}">${xmlElements(body)}</${root}>`,
  };
}

function parseBodyXml(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8").trim();
  const malformed = new AwsError(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
    400,
  );
  if (text === "") throw malformed;
  try {
    return parseXml(text);
  } catch {
    throw malformed;
  }
}

function field(node: unknown, name: string): unknown {
  return node !== null && typeof node === "object" ? (node as Record<string, unknown>)[name] : undefined;
}

function text(node: unknown, name: string): string | undefined {
  const value = field(node, name);
  return typeof value === "string" ? value : undefined;
}

/* Checksums ------------------------------------------------------------------------------------- */

function crcTable(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
}

const CRC32C_TABLE = crcTable(0x82f63b78);

function crc32c(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (crc >>> 8) ^ CRC32C_TABLE[(crc ^ byte) & 0xff]!;
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-64/NVME (reflected 0x9a6c9329ac4bc9b5) as two 32-bit halves: BigInt per byte is too slow. */
const CRC64_LO = new Uint32Array(256);
const CRC64_HI = new Uint32Array(256);
{
  const poly = 0x9a6c9329ac4bc9b5n;
  for (let i = 0; i < 256; i++) {
    let c = BigInt(i);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
    CRC64_LO[i] = Number(c & 0xffffffffn);
    CRC64_HI[i] = Number(c >> 32n);
  }
}

function crc64nvme(data: Buffer): Buffer {
  let lo = 0xffffffff;
  let hi = 0xffffffff;
  for (const byte of data) {
    const i = (lo ^ byte) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ CRC64_LO[i]!) >>> 0;
    hi = ((hi >>> 8) ^ CRC64_HI[i]!) >>> 0;
  }
  const out = Buffer.alloc(8);
  out.writeUInt32BE((hi ^ 0xffffffff) >>> 0, 0);
  out.writeUInt32BE((lo ^ 0xffffffff) >>> 0, 4);
  return out;
}

function uint32(n: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n >>> 0, 0);
  return out;
}

/** The base64 checksum S3 would compute, or undefined for an algorithm the sandbox cannot compute. */
export function computeChecksum(algorithm: string, data: Buffer): string | undefined {
  switch (algorithm) {
    case "CRC32":
      return uint32(crc32(data)).toString("base64");
    case "CRC32C":
      return uint32(crc32c(data)).toString("base64");
    case "CRC64NVME":
      return crc64nvme(data).toString("base64");
    case "SHA1":
      return createHash("sha1").update(data).digest("base64");
    case "SHA256":
      return createHash("sha256").update(data).digest("base64");
    case "SHA512":
      return createHash("sha512").update(data).digest("base64");
    case "MD5":
      return createHash("md5").update(data).digest("base64");
    default:
      return undefined;
  }
}

/** Headers that start with `x-amz-checksum-` but carry no checksum value. */
const CHECKSUM_CONTROL_HEADERS = new Set([
  "x-amz-checksum-mode",
  "x-amz-checksum-type",
  "x-amz-checksum-algorithm",
]);

/* Request bodies -------------------------------------------------------------------------------- */

interface DecodedBody {
  data: Buffer;
  trailers: Record<string, string>;
}

/**
 * Undoes `aws-chunked` (what SDK v3 sends for a stream body): `<hex size>[;chunk-signature=…]\r\n
 * <bytes>\r\n` … `0[;…]\r\n`, then trailer lines (`x-amz-checksum-crc32:…`) and a blank line.
 */
export function decodeAwsChunked(body: Buffer): DecodedBody {
  const incomplete = () =>
    new AwsError("IncompleteBody", "The request body terminated unexpectedly (malformed aws-chunked).", 400);
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  for (;;) {
    const eol = body.indexOf("\r\n", pos);
    if (eol < 0) throw incomplete();
    const header = body.subarray(pos, eol).toString("latin1");
    const size = Number.parseInt(header.split(";")[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) throw incomplete();
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size + 2 > body.length) throw incomplete();
    parts.push(body.subarray(pos, pos + size));
    pos += size;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw incomplete();
    pos += 2;
  }
  while (pos < body.length) {
    let eol = body.indexOf("\r\n", pos);
    if (eol < 0) eol = body.length;
    const line = body.subarray(pos, eol).toString("latin1");
    pos = eol + 2;
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { data: Buffer.concat(parts), trailers };
}

function isAwsChunked(req: SandboxRequest): boolean {
  const encoding = req.headers["content-encoding"] ?? "";
  return (
    encoding.split(",").some((e) => e.trim() === "aws-chunked") ||
    (req.headers["x-amz-content-sha256"] ?? "").startsWith("STREAMING-")
  );
}

/** The Content-Encoding to store: as sent, less the transfer-only `aws-chunked`. */
function storedContentEncoding(req: SandboxRequest): string | undefined {
  const raw = req.headers["content-encoding"];
  if (raw === undefined) return undefined;
  const kept = raw
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "" && e !== "aws-chunked");
  return kept.length === 0 ? undefined : kept.join(",");
}

/**
 * The payload's real bytes, checked the way S3 checks them: decoded length, Content-MD5,
 * x-amz-content-sha256 and the flexible checksum (header or trailer). Returns the checksum sent.
 */
function readPayload(req: SandboxRequest): { data: Buffer; checksum: S3Checksum | undefined } {
  let data = req.body;
  let trailers: Record<string, string> = {};
  if (isAwsChunked(req)) {
    ({ data, trailers } = decodeAwsChunked(req.body));
    const declared = req.headers["x-amz-decoded-content-length"];
    if (declared !== undefined && Number(declared) !== data.length) {
      throw new AwsError(
        "IncompleteBody",
        "You did not provide the number of bytes specified by the x-amz-decoded-content-length header.",
        400,
      );
    }
  } else {
    const sha = req.headers["x-amz-content-sha256"];
    if (sha !== undefined && /^[0-9a-f]{64}$/i.test(sha)) {
      if (createHash("sha256").update(data).digest("hex") !== sha.toLowerCase()) {
        throw new AwsError(
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          400,
        );
      }
    }
  }
  const md5 = req.headers["content-md5"];
  if (md5 !== undefined) {
    const digest = Buffer.from(md5, "base64");
    if (digest.length !== 16)
      throw new AwsError("InvalidDigest", "The Content-MD5 you specified was invalid.", 400);
    if (!digest.equals(createHash("md5").update(data).digest())) {
      throw new AwsError("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
    }
  }
  const sent: S3Checksum[] = [];
  const collect = (headers: Record<string, string>) => {
    for (const [name, value] of Object.entries(headers)) {
      if (!name.startsWith("x-amz-checksum-") || CHECKSUM_CONTROL_HEADERS.has(name)) continue;
      sent.push({ algorithm: name.slice("x-amz-checksum-".length).toUpperCase(), value });
    }
  };
  collect(req.headers);
  collect(trailers);
  if (sent.length > 1) {
    throw new AwsError(
      "InvalidRequest",
      "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
      400,
    );
  }
  const checksum = sent[0];
  if (checksum === undefined) {
    const announced = req.headers["x-amz-sdk-checksum-algorithm"];
    if (announced !== undefined && req.headers["x-amz-trailer"] !== undefined) {
      throw new AwsError(
        "InvalidRequest",
        `x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.`,
        400,
      );
    }
    return { data, checksum: undefined };
  }
  const computed = computeChecksum(checksum.algorithm, data);
  if (computed !== undefined && computed !== checksum.value) {
    throw new AwsError(
      "BadDigest",
      `The ${checksum.algorithm} you specified did not match the calculated checksum.`,
      400,
    );
  }
  return { data, checksum };
}

/* Listing --------------------------------------------------------------------------------------- */

function rollup(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === "") return undefined;
  const i = key.indexOf(delimiter, prefix.length);
  return i < 0 ? undefined : key.slice(0, i + delimiter.length);
}

function parseMaxKeys(query: URLSearchParams, name = "max-keys", limit = MAX_KEYS): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return limit;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, raw);
  }
  return Math.min(n, limit);
}

function encodingType(query: URLSearchParams): ((s: string) => string) | undefined {
  const raw = query.get("encoding-type");
  if (raw === null || raw === "") return undefined;
  if (raw !== "url")
    throw invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", raw);
  return urlEncodeName;
}

function token(value: string): string {
  return Buffer.from(value, "utf8").toString("base64");
}

function untoken(value: string): string {
  const decoded = Buffer.from(value, "base64").toString("utf8");
  if (value === "" || token(decoded) !== value) {
    throw invalidArgument("The continuation token provided is incorrect", "continuation-token", value);
  }
  return decoded;
}

/* The service ----------------------------------------------------------------------------------- */

type Handler = () => SandboxResponse;

/** Bucket info other regions read from `taggedResources`, kept off the objects the tagging API sees. */
const bucketInfo = new WeakMap<TaggedResource, { region: string; creationDate: string }>();

export class S3Service implements Service {
  readonly id = "s3";
  readonly signingNames = ["s3"] as const;
  readonly global = false;
  readonly throttle = THROTTLE;
  state: S3State = { buckets: {} };

  snapshot(): unknown {
    return this.state;
  }

  restore(data: unknown): void {
    const buckets = field(data, "buckets");
    this.state = {
      buckets: buckets !== null && typeof buckets === "object" ? (buckets as S3State["buckets"]) : {},
    };
  }

  reset(): void {
    this.state = { buckets: {} };
  }

  taggedResources(): TaggedResource[] {
    return Object.values(this.state.buckets).map((b) => {
      const resource: TaggedResource = {
        arn: `arn:aws:s3:::${b.name}`,
        resourceType: "s3:bucket",
        tags: { ...b.tags },
      };
      bucketInfo.set(resource, { region: b.region, creationDate: b.creationDate });
      return resource;
    });
  }

  formatError(error: AwsError, req: SandboxRequest): SandboxResponse {
    const hostId = randomBytes(48).toString("base64");
    const body = xmlElements({
      Code: error.code,
      Message: error.message,
      ...error.extra,
      RequestId: req.requestId,
      HostId: hostId,
    });
    return {
      status: error.status,
      headers: {
        "content-type": "application/xml",
        "x-amz-id-2": hostId,
        ...(error instanceof S3Error ? error.headers : {}),
      },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`,
    };
  }

  resolve(req: SandboxRequest, ctx: ServiceContext): ResolvedOperation {
    const [operation, run] = this.route(req, ctx);
    return {
      operation,
      run: () => {
        this.enforcePolicy(req, operation);
        return run();
      },
    };
  }

  /**
   * A bucket policy's explicit Deny applies to every caller, the bucket owner included, as in AWS.
   * Evaluated: Deny statements for Principal `*`, their Action and Resource patterns, and the
   * condition `Bool` on `aws:SecureTransport` (plain HTTP is false, `tls` mode true). A Deny with
   * any other condition is not applied: the local cloud cannot tell whether it holds. Allow
   * statements change nothing, since every caller is the account itself.
   */
  private enforcePolicy(req: SandboxRequest, operation: string): void {
    const rest = req.rawPath.slice(1);
    const slash = rest.indexOf("/");
    const rawBucket = slash < 0 ? rest : rest.slice(0, slash);
    // The account can always read, replace or delete its bucket's policy, so a policy cannot lock it out.
    if (rawBucket === "" || operation.endsWith("BucketPolicy")) return;
    let name: string;
    let key: string;
    try {
      name = decodeURIComponent(rawBucket);
      key = slash < 0 ? "" : decodeURIComponent(rest.slice(slash + 1));
    } catch {
      return;
    }
    const policy = this.state.buckets[name]?.policy;
    if (policy === undefined) return;
    const action = s3Action(operation, req);
    const resource = key === "" ? `arn:aws:s3:::${name}` : `arn:aws:s3:::${name}/${key}`;
    const context: Record<string, string> = { "aws:securetransport": req.secure === true ? "true" : "false" };
    for (const statement of policyStatements(policy)) {
      if (statement.Effect !== "Deny") continue;
      if (!principalIsEveryone(statement.Principal)) continue;
      if (!patterns(statement.Action).some((p) => wildcardMatch(p, action, true))) continue;
      if (!patterns(statement.Resource).some((p) => wildcardMatch(p, resource, false))) continue;
      if (!conditionHolds(statement.Condition, context)) continue;
      throw new AwsError("AccessDenied", "Access Denied", 403);
    }
  }

  /* Routing: by method, whether the path names a bucket and a key, and the subresource. ----------- */

  private route(req: SandboxRequest, ctx: ServiceContext): [string, Handler] {
    const rest = req.rawPath.slice(1);
    const slash = rest.indexOf("/");
    const rawBucket = slash < 0 ? rest : rest.slice(0, slash);
    const rawKey = slash < 0 ? "" : rest.slice(slash + 1);
    const q = req.query;
    const unsupported = UNSUPPORTED_SUBRESOURCES.find((s) => q.has(s));
    const bucket = () => decodeOrThrow(rawBucket, "bucket");
    const key = () => decodeOrThrow(rawKey, "key");
    const m = req.method;

    if (rawBucket === "") {
      if (m === "GET") return ["ListBuckets", () => this.listBuckets(req, ctx)];
      return ["Unknown", () => methodNotAllowed(m, "Service")];
    }
    if (rawKey === "") {
      if (m === "PUT") {
        if (q.has("versioning")) return ["PutBucketVersioning", () => this.putVersioning(req, ctx, bucket())];
        if (q.has("tagging")) return ["PutBucketTagging", () => this.putTagging(req, ctx, bucket())];
        if (q.has("policy")) return ["PutBucketPolicy", () => this.putPolicy(req, ctx, bucket())];
        for (const [sub, op] of SETTINGS)
          if (q.has(sub)) return [`Put${op}`, () => this.putSetting(req, ctx, bucket(), sub)];
        if (unsupported !== undefined)
          return ["Unknown", () => throwIt(notImplemented(`PUT ?${unsupported}`))];
        return ["CreateBucket", () => this.createBucket(req, ctx, bucket())];
      }
      if (m === "GET") {
        if (q.has("versioning")) return ["GetBucketVersioning", () => this.getVersioning(ctx, bucket())];
        if (q.has("tagging")) return ["GetBucketTagging", () => this.getTagging(ctx, bucket())];
        if (q.has("policy")) return ["GetBucketPolicy", () => this.getPolicy(ctx, bucket())];
        for (const [sub, op] of SETTINGS)
          if (q.has(sub)) return [`Get${op}`, () => this.getSetting(ctx, bucket(), sub)];
        if (q.has("location")) return ["GetBucketLocation", () => this.getLocation(ctx, bucket())];
        if (q.has("versions")) return ["ListObjectVersions", () => this.listVersions(req, ctx, bucket())];
        if (unsupported !== undefined)
          return ["Unknown", () => throwIt(notImplemented(`GET ?${unsupported}`))];
        if (q.get("list-type") === "2")
          return ["ListObjectsV2", () => this.listObjects(req, ctx, bucket(), 2)];
        return ["ListObjects", () => this.listObjects(req, ctx, bucket(), 1)];
      }
      if (m === "DELETE") {
        if (q.has("tagging")) return ["DeleteBucketTagging", () => this.deleteTagging(ctx, bucket())];
        if (q.has("policy")) return ["DeleteBucketPolicy", () => this.deletePolicy(ctx, bucket())];
        for (const [sub, op] of SETTINGS)
          if (q.has(sub) && sub !== "notification")
            return [`Delete${op}`, () => this.deleteSetting(ctx, bucket(), sub)];
        if (unsupported !== undefined)
          return ["Unknown", () => throwIt(notImplemented(`DELETE ?${unsupported}`))];
        return ["DeleteBucket", () => this.deleteBucket(ctx, bucket())];
      }
      if (m === "HEAD") return ["HeadBucket", () => this.headBucket(ctx, bucket())];
      if (m === "POST" && q.has("delete"))
        return ["DeleteObjects", () => this.deleteObjects(req, ctx, bucket())];
      return ["Unknown", () => methodNotAllowed(m, "Bucket")];
    }
    if (unsupported !== undefined) {
      return ["Unknown", () => throwIt(notImplemented(`${m} on an object with ?${unsupported}`))];
    }
    if (m === "PUT") {
      if (req.headers["x-amz-copy-source"] !== undefined)
        return ["CopyObject", () => this.copyObject(req, ctx, bucket(), key())];
      return ["PutObject", () => this.putObject(req, ctx, bucket(), key())];
    }
    if (m === "GET") return ["GetObject", () => this.getObject(req, ctx, bucket(), key(), false)];
    if (m === "HEAD") return ["HeadObject", () => this.getObject(req, ctx, bucket(), key(), true)];
    if (m === "DELETE") return ["DeleteObject", () => this.deleteObject(req, ctx, bucket(), key())];
    return ["Unknown", () => methodNotAllowed(m, "Object")];
  }

  /* Buckets ------------------------------------------------------------------------------------- */

  /** Where a bucket this region does not hold lives, if any known region holds it. */
  private elsewhere(name: string, ctx: ServiceContext): { region: string; creationDate: string } | undefined {
    const arn = `arn:aws:s3:::${name}`;
    for (const region of REGIONS) {
      if (region === ctx.region) continue;
      const found = ctx.taggedResources(region).find((r) => r.resourceType === "s3:bucket" && r.arn === arn);
      if (found !== undefined) return bucketInfo.get(found) ?? { region, creationDate: "" };
    }
    return undefined;
  }

  /** The bucket, or NoSuchBucket — or, as S3 does for a bucket of another region, a 301. */
  private bucket(name: string, ctx: ServiceContext, req?: SandboxRequest): S3Bucket {
    const bucket = this.state.buckets[name];
    if (bucket !== undefined) {
      const owner = req?.headers["x-amz-expected-bucket-owner"];
      if (owner !== undefined && owner !== ctx.accountId)
        throw new AwsError("AccessDenied", "Access Denied", 403);
      return bucket;
    }
    const other = this.elsewhere(name, ctx);
    if (other !== undefined) {
      throw new S3Error(
        "PermanentRedirect",
        "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
        301,
        { Endpoint: `s3.${other.region}.amazonaws.com`, Bucket: name },
        { "x-amz-bucket-region": other.region },
      );
    }
    throw noSuchBucket(name);
  }

  private createBucket(req: SandboxRequest, ctx: ServiceContext, name: string): SandboxResponse {
    validateBucketName(name);
    let constraint: string | undefined;
    let tags: Record<string, string> | undefined;
    const { data } = readPayload(req);
    if (data.length > 0) {
      const config = field(parseBodyXml(data), "CreateBucketConfiguration");
      constraint = text(config, "LocationConstraint");
      const tagNodes = asList(field(field(config, "Tags"), "Tag") as unknown[] | undefined);
      if (tagNodes.length > 0) tags = validateTags(tagNodes);
    }
    if (constraint === "EU") constraint = "eu-west-1";
    if (constraint === "") constraint = undefined;
    if (ctx.region === "us-east-1") {
      if (constraint === "us-east-1") {
        throw new AwsError(
          "InvalidLocationConstraint",
          "The specified location-constraint is not valid",
          400,
          {
            LocationConstraint: constraint,
          },
        );
      }
    } else if (constraint === undefined) {
      throw new AwsError(
        "IllegalLocationConstraintException",
        "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.",
        400,
      );
    }
    if (constraint !== undefined && constraint !== ctx.region) {
      throw new AwsError(
        "IllegalLocationConstraintException",
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        400,
      );
    }
    const location = ctx.region === "us-east-1" ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
    const headers = { location, "x-amz-bucket-arn": `arn:aws:s3:::${name}` };
    const alreadyOwned = () =>
      new AwsError(
        "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.",
        409,
        { BucketName: name },
      );
    if (this.state.buckets[name] !== undefined) {
      // AWS keeps a legacy answer in North Virginia: re-creating a bucket you own there is 200 OK.
      if (ctx.region === "us-east-1") return { status: 200, headers };
      throw alreadyOwned();
    }
    if (this.elsewhere(name, ctx) !== undefined) throw alreadyOwned();
    const bucket: S3Bucket = { name, region: ctx.region, creationDate: nowIso(ctx), objects: {} };
    if (tags !== undefined) bucket.tags = tags;
    this.state.buckets[name] = bucket;
    return { status: 200, headers };
  }

  private headBucket(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    return {
      status: 200,
      headers: {
        "x-amz-bucket-region": bucket.region,
        "x-amz-bucket-arn": `arn:aws:s3:::${name}`,
        "x-amz-access-point-alias": "false",
      },
    };
  }

  private getLocation(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    // us-east-1 answers with an empty constraint, as it always has.
    const value = bucket.region === "us-east-1" ? "" : bucket.region;
    return {
      status: 200,
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${XMLNS}">${escapeXml(value)}</LocationConstraint>`,
    };
  }

  private listBuckets(req: SandboxRequest, ctx: ServiceContext): SandboxResponse {
    const q = req.query;
    const all: { name: string; region: string; creationDate: string }[] = Object.values(
      this.state.buckets,
    ).map((b) => ({ name: b.name, region: b.region, creationDate: b.creationDate }));
    // ListBuckets is account-wide in AWS: gather the other regions' buckets too.
    for (const region of REGIONS) {
      if (region === ctx.region) continue;
      for (const r of ctx.taggedResources(region)) {
        if (r.resourceType !== "s3:bucket") continue;
        const info = bucketInfo.get(r);
        if (info !== undefined) all.push({ name: r.arn.slice("arn:aws:s3:::".length), ...info });
      }
    }
    const prefix = q.get("prefix") ?? "";
    const regionFilter = q.get("bucket-region");
    let list = all
      .filter((b) => b.name.startsWith(prefix) && (regionFilter === null || b.region === regionFilter))
      .sort((a, b) => compareKeys(a.name, b.name));
    const after = q.get("continuation-token");
    if (after !== null && after !== "") {
      const last = untoken(after);
      list = list.filter((b) => compareKeys(b.name, last) > 0);
    }
    let next: string | undefined;
    if (q.has("max-buckets")) {
      const max = parseMaxKeys(q, "max-buckets", 10000);
      if (max < 1)
        throw invalidArgument(
          "Argument max-buckets must be an integer between 1 and 10000",
          "max-buckets",
          q.get("max-buckets") ?? "",
        );
      if (list.length > max) {
        list = list.slice(0, max);
        next = token(list[list.length - 1]!.name);
      }
    }
    return xmlResponse("ListAllMyBucketsResult", {
      Buckets: {
        Bucket: list.map((b) => ({
          Name: b.name,
          CreationDate: b.creationDate,
          BucketRegion: b.region,
          BucketArn: `arn:aws:s3:::${b.name}`,
        })),
      },
      Owner: { ID: canonicalOwnerId(ctx.accountId) },
      ContinuationToken: next,
      Prefix: q.has("prefix") ? prefix : undefined,
    });
  }

  private deleteBucket(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    if (Object.values(bucket.objects).some((versions) => versions.length > 0)) {
      throw new AwsError(
        "BucketNotEmpty",
        bucket.versioning === undefined
          ? "The bucket you tried to delete is not empty"
          : "The bucket you tried to delete is not empty. You must delete all versions in the bucket.",
        409,
        { BucketName: name },
      );
    }
    delete this.state.buckets[name];
    return { status: 204 };
  }

  private putVersioning(req: SandboxRequest, ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx, req);
    const status = text(field(parseBodyXml(readPayload(req).data), "VersioningConfiguration"), "Status");
    if (status !== "Enabled" && status !== "Suspended") {
      throw new AwsError(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema",
        400,
      );
    }
    bucket.versioning = status;
    return { status: 200 };
  }

  private getVersioning(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    return xmlResponse("VersioningConfiguration", { Status: bucket.versioning });
  }

  private putPolicy(req: SandboxRequest, ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx, req);
    const text = readPayload(req).data.toString("utf8");
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new AwsError(
        "MalformedPolicy",
        "Policies must be valid JSON and the first byte must be '{'",
        400,
      );
    }
    const statements = field(document, "Statement");
    if (statements === undefined || (typeof statements !== "object" && !Array.isArray(statements)))
      throw new AwsError("MalformedPolicy", "Missing required field Statement", 400);
    for (const st of Array.isArray(statements) ? statements : [statements]) {
      const effect = field(st, "Effect");
      if (effect !== "Allow" && effect !== "Deny")
        throw new AwsError("MalformedPolicy", "Invalid effect: " + String(effect), 400);
      if (field(st, "Principal") === undefined && field(st, "NotPrincipal") === undefined)
        throw new AwsError("MalformedPolicy", "Missing required field Principal", 400);
      if (field(st, "Action") === undefined && field(st, "NotAction") === undefined)
        throw new AwsError("MalformedPolicy", "Missing required field Action", 400);
      if (field(st, "Resource") === undefined && field(st, "NotResource") === undefined)
        throw new AwsError("MalformedPolicy", "Missing required field Resource", 400);
    }
    bucket.policy = text;
    return { status: 204 };
  }

  private getPolicy(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    if (bucket.policy === undefined)
      throw new AwsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404, { BucketName: name });
    return { status: 200, headers: { "content-type": "application/json" }, body: bucket.policy };
  }

  /** PutBucketCors / PutPublicAccessBlock / PutBucketNotificationConfiguration: kept as put. */
  private putSetting(req: SandboxRequest, ctx: ServiceContext, name: string, sub: Setting): SandboxResponse {
    const bucket = this.bucket(name, ctx, req);
    const text = readPayload(req).data.toString("utf8");
    let root: unknown;
    try {
      root = field(parseBodyXml(Buffer.from(text)), SETTING_ROOT[sub]);
    } catch {
      root = undefined;
    }
    if (root === undefined)
      throw new AwsError(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema",
        400,
      );
    if (sub === "cors" && asList(field(root, "CORSRule") as unknown[] | undefined).length === 0)
      throw new AwsError(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema",
        400,
      );
    bucket[SETTING_FIELD[sub]] = text;
    return { status: 200 };
  }

  /** GetBucketCors / GetPublicAccessBlock (404 when none) / GetBucketNotificationConfiguration (empty). */
  private getSetting(ctx: ServiceContext, name: string, sub: Setting): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    const text = bucket[SETTING_FIELD[sub]];
    if (text === undefined) {
      if (sub === "notification") return xmlResponse("NotificationConfiguration", {});
      const [code, message] = SETTING_MISSING[sub];
      throw new AwsError(code, message, 404, { BucketName: name });
    }
    return { status: 200, headers: { "content-type": "application/xml" }, body: text };
  }

  /** DeleteBucketCors / DeletePublicAccessBlock: 204, whether or not there was one. */
  private deleteSetting(ctx: ServiceContext, name: string, sub: Setting): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    delete bucket[SETTING_FIELD[sub]];
    return { status: 204 };
  }

  private deletePolicy(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    delete bucket.policy;
    return { status: 204 };
  }

  private putTagging(req: SandboxRequest, ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx, req);
    const tagging = field(parseBodyXml(readPayload(req).data), "Tagging");
    if (tagging === undefined) {
      throw new AwsError(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema",
        400,
      );
    }
    bucket.tags = validateTags(asList(field(field(tagging, "TagSet"), "Tag") as unknown[] | undefined));
    return { status: 204 };
  }

  private getTagging(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    if (bucket.tags === undefined) {
      throw new AwsError("NoSuchTagSet", "The TagSet does not exist", 404, { BucketName: name });
    }
    return xmlResponse("Tagging", {
      TagSet: { Tag: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })) },
    });
  }

  private deleteTagging(ctx: ServiceContext, name: string): SandboxResponse {
    const bucket = this.bucket(name, ctx);
    delete bucket.tags;
    return { status: 204 };
  }

  /* Objects ------------------------------------------------------------------------------------- */

  private putObject(
    req: SandboxRequest,
    ctx: ServiceContext,
    bucketName: string,
    key: string,
  ): SandboxResponse {
    const bucket = this.bucket(bucketName, ctx, req);
    validateKey(key);
    const { data, checksum } = readPayload(req);
    checkWritePreconditions(req, bucket.objects[key]?.[0], key);
    const version: S3ObjectVersion = {
      versionId: "null",
      deleteMarker: false,
      lastModified: nowIso(ctx),
      body: data.toString("base64"),
      etag: `"${md5Hex(data)}"`,
      size: data.length,
      contentType: req.headers["content-type"] ?? "binary/octet-stream",
      metadata: userMetadata(req),
      // S3 computes a CRC64NVME for uploads that carry no checksum (since 2025).
      checksum: checksum ?? { algorithm: "CRC64NVME", value: computeChecksum("CRC64NVME", data)! },
    };
    applyStandardHeaders(version, req, storedContentEncoding(req));
    const stored = store(bucket, key, version);
    return {
      status: 200,
      headers: {
        etag: stored.etag!,
        "x-amz-server-side-encryption": "AES256",
        ...versionHeader(bucket, stored.versionId),
        ...checksumHeaders(stored.checksum),
      },
    };
  }

  private getObject(
    req: SandboxRequest,
    ctx: ServiceContext,
    bucketName: string,
    key: string,
    head: boolean,
  ): SandboxResponse {
    const bucket = this.bucket(bucketName, ctx, req);
    const versions = bucket.objects[key] ?? [];
    const versionId = req.query.get("versionId");
    let version: S3ObjectVersion | undefined;
    if (versionId !== null) {
      version = versions.find((v) => v.versionId === versionId);
      if (version === undefined) {
        // A HEAD carries no body, so the SDK only sees the 404 (NotFound), as with AWS.
        throw noSuchVersion(key, versionId);
      }
      if (version.deleteMarker) {
        throw new S3Error(
          "MethodNotAllowed",
          "The specified method is not allowed against this resource.",
          405,
          { Method: req.method, ResourceType: "DeleteMarker" },
          {
            "x-amz-delete-marker": "true",
            "x-amz-version-id": version.versionId,
            "last-modified": httpDate(version.lastModified),
            allow: "DELETE",
          },
        );
      }
    } else {
      version = versions[0];
      if (version === undefined) throw noSuchKey(key);
      if (version.deleteMarker) {
        throw noSuchKey(key, { "x-amz-delete-marker": "true", "x-amz-version-id": version.versionId });
      }
    }
    const notModified = checkReadPreconditions(req, version);
    if (notModified !== undefined) return notModified;

    const body = Buffer.from(version.body ?? "", "base64");
    const headers = objectHeaders(bucket, version);
    const q = req.query;
    const overrides: [string, string][] = [
      ["response-content-type", "content-type"],
      ["response-content-language", "content-language"],
      ["response-expires", "expires"],
      ["response-cache-control", "cache-control"],
      ["response-content-disposition", "content-disposition"],
      ["response-content-encoding", "content-encoding"],
    ];
    for (const [param, header] of overrides) {
      const value = q.get(param);
      if (value !== null) headers[header] = value;
    }
    const range = parseRange(req.headers.range, body.length);
    if (range !== undefined) {
      const slice = body.subarray(range.start, range.end + 1);
      return {
        status: 206,
        headers: {
          ...headers,
          "content-range": `bytes ${range.start}-${range.end}/${body.length}`,
          "content-length": String(slice.length),
        },
        body: head ? undefined : slice,
      };
    }
    // Only a whole object carries its checksum, and only when the caller asked for it.
    if (req.headers["x-amz-checksum-mode"]?.toUpperCase() === "ENABLED") {
      Object.assign(headers, checksumHeaders(version.checksum));
    }
    return {
      status: 200,
      headers: { ...headers, "content-length": String(body.length) },
      body: head ? undefined : body,
    };
  }

  private deleteObject(
    req: SandboxRequest,
    ctx: ServiceContext,
    bucketName: string,
    key: string,
  ): SandboxResponse {
    const bucket = this.bucket(bucketName, ctx, req);
    const ifMatch = req.headers["if-match"];
    if (ifMatch !== undefined && req.query.get("versionId") === null) {
      const current = bucket.objects[key]?.[0];
      if (current === undefined) throw noSuchKey(key);
      if (current.deleteMarker || !etagMatches(ifMatch, current.etag)) throw preconditionFailed("If-Match");
    }
    const result = removeOrMark(bucket, key, req.query.get("versionId") ?? undefined, ctx);
    const headers: Record<string, string> = {};
    if (result.deleteMarker) headers["x-amz-delete-marker"] = "true";
    if (result.versionId !== undefined) headers["x-amz-version-id"] = result.versionId;
    return { status: 204, headers };
  }

  private deleteObjects(req: SandboxRequest, ctx: ServiceContext, bucketName: string): SandboxResponse {
    const bucket = this.bucket(bucketName, ctx, req);
    const hasChecksum =
      req.headers["content-md5"] !== undefined ||
      Object.keys(req.headers).some(
        (h) => h.startsWith("x-amz-checksum-") && !CHECKSUM_CONTROL_HEADERS.has(h),
      ) ||
      req.headers["x-amz-trailer"] !== undefined;
    if (!hasChecksum) {
      throw new AwsError(
        "InvalidRequest",
        "Missing required header for this request: Content-MD5 OR x-amz-checksum-*",
        400,
      );
    }
    const { data } = readPayload(req);
    const del = field(parseBodyXml(data), "Delete");
    const objects = asList(field(del, "Object") as unknown[] | undefined);
    if (objects.length === 0 || objects.length > 1000) {
      throw new AwsError(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema",
        400,
      );
    }
    const quiet = text(del, "Quiet") === "true";
    const deleted: XmlNode[] = [];
    for (const o of objects) {
      const key = text(o, "Key") ?? "";
      const versionId = text(o, "VersionId");
      const result = removeOrMark(bucket, key, versionId, ctx);
      if (quiet) continue;
      const entry: XmlNode = { Key: key, VersionId: versionId };
      if (result.deleteMarker) {
        entry.DeleteMarker = true;
        entry.DeleteMarkerVersionId = result.versionId;
      }
      deleted.push(entry);
    }
    return xmlResponse("DeleteResult", { Deleted: deleted });
  }

  private copyObject(
    req: SandboxRequest,
    ctx: ServiceContext,
    bucketName: string,
    key: string,
  ): SandboxResponse {
    const dest = this.bucket(bucketName, ctx, req);
    validateKey(key);
    const source = parseCopySource(req.headers["x-amz-copy-source"]!);
    // AWS copies across regions; this region's instance cannot see another region's objects.
    if (this.state.buckets[source.bucket] === undefined && this.elsewhere(source.bucket, ctx) !== undefined) {
      throw notImplemented("CopyObject from a bucket in another region");
    }
    const srcBucket = this.bucket(source.bucket, ctx);
    const versions = srcBucket.objects[source.key] ?? [];
    let from: S3ObjectVersion | undefined;
    if (source.versionId !== undefined) {
      from = versions.find((v) => v.versionId === source.versionId);
      if (from === undefined) throw noSuchVersion(source.key, source.versionId);
      if (from.deleteMarker) {
        throw new AwsError(
          "InvalidRequest",
          "The source of a copy request may not specifically refer to a delete marker by version id.",
          400,
        );
      }
    } else {
      from = versions[0];
      if (from === undefined || from.deleteMarker) throw noSuchKey(source.key);
    }
    checkCopySourcePreconditions(req, from);
    const directive = (req.headers["x-amz-metadata-directive"] ?? "COPY").toUpperCase();
    if (directive !== "COPY" && directive !== "REPLACE") {
      throw invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
    }
    const sameObject =
      source.bucket === bucketName &&
      source.key === key &&
      (source.versionId === undefined || versions[0] === from);
    if (sameObject && directive === "COPY" && req.headers["x-amz-storage-class"] === undefined) {
      throw new AwsError(
        "InvalidRequest",
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        400,
      );
    }
    checkWritePreconditions(req, dest.objects[key]?.[0], key);
    const data = Buffer.from(from.body ?? "", "base64");
    const version: S3ObjectVersion = {
      versionId: "null",
      deleteMarker: false,
      lastModified: nowIso(ctx),
      body: from.body ?? "",
      etag: from.etag ?? `"${md5Hex(data)}"`,
      size: data.length,
    };
    if (directive === "COPY") {
      for (const f of [
        "contentType",
        "contentEncoding",
        "cacheControl",
        "contentDisposition",
        "contentLanguage",
        "expires",
        "storageClass",
      ] as const) {
        if (from[f] !== undefined) version[f] = from[f];
      }
      version.metadata = { ...from.metadata };
      if (req.headers["x-amz-storage-class"] !== undefined)
        version.storageClass = req.headers["x-amz-storage-class"];
    } else {
      version.contentType = req.headers["content-type"] ?? "binary/octet-stream";
      version.metadata = userMetadata(req);
      applyStandardHeaders(version, req, storedContentEncoding(req));
    }
    const algorithm = req.headers["x-amz-checksum-algorithm"]?.toUpperCase();
    if (algorithm !== undefined) {
      const value = computeChecksum(algorithm, data);
      if (value === undefined)
        throw invalidArgument("Invalid checksum algorithm", "x-amz-checksum-algorithm", algorithm);
      version.checksum = { algorithm, value };
    } else {
      version.checksum = from.checksum ?? {
        algorithm: "CRC64NVME",
        value: computeChecksum("CRC64NVME", data)!,
      };
    }
    const stored = store(dest, key, version);
    const result: XmlNode = { ETag: stored.etag, LastModified: stored.lastModified };
    if (stored.checksum !== undefined) {
      result.ChecksumType = "FULL_OBJECT";
      result[`Checksum${stored.checksum.algorithm}`] = stored.checksum.value;
    }
    const headers: Record<string, string> = {
      "x-amz-server-side-encryption": "AES256",
      ...versionHeader(dest, stored.versionId),
    };
    if (srcBucket.versioning !== undefined) headers["x-amz-copy-source-version-id"] = from.versionId;
    return xmlResponse("CopyObjectResult", result, headers);
  }

  /* Listings ------------------------------------------------------------------------------------ */

  /** Each bucket's keys in S3's order, kept for a listing's next pages while nothing changes. */
  private readonly sortedKeys = new KeptLists<string>(8);

  /**
   * Where a listing starts in the bucket's sorted keys: the first key at or after `prefix`, and after
   * `after` (at or after it when `inclusive`). Keys with a prefix are contiguous from there.
   */
  private keysFrom(
    bucket: S3Bucket,
    ctx: ServiceContext,
    prefix: string,
    after: string | undefined,
    inclusive = false,
  ): { keys: readonly string[]; from: number } {
    const keys = this.sortedKeys.get(bucket.name, ctx.generation(), () =>
      Object.keys(bucket.objects).sort(compareKeys),
    );
    const atOrAfter = (s: string) => {
      const i = firstAfter(keys, (k) => k, s, compareKeys);
      return i > 0 && keys[i - 1] === s ? i - 1 : i;
    };
    let from = prefix === "" ? 0 : atOrAfter(prefix);
    if (after !== undefined)
      from = Math.max(from, inclusive ? atOrAfter(after) : firstAfter(keys, (k) => k, after, compareKeys));
    return { keys, from };
  }

  private listObjects(
    req: SandboxRequest,
    ctx: ServiceContext,
    bucketName: string,
    v: 1 | 2,
  ): SandboxResponse {
    const bucket = this.bucket(bucketName, ctx, req);
    const q = req.query;
    const prefix = q.get("prefix") ?? "";
    const delimiter = q.get("delimiter") ?? "";
    const max = parseMaxKeys(q);
    const encode = encodingType(q);
    const name = (s: string) => (encode === undefined ? s : encode(s));
    const continuation = v === 2 ? q.get("continuation-token") : null;
    const startAfter = v === 2 ? q.get("start-after") : null;
    const marker = v === 1 ? q.get("marker") : null;
    const after =
      continuation !== null && continuation !== ""
        ? untoken(continuation)
        : ((v === 2 ? startAfter : marker) ?? "") || undefined;
    const owner =
      v === 1 || q.get("fetch-owner") === "true" ? { ID: canonicalOwnerId(ctx.accountId) } : undefined;

    const contents: XmlNode[] = [];
    const prefixes: string[] = [];
    let last: string | undefined;
    let truncated = false;
    const { keys, from } = this.keysFrom(bucket, ctx, prefix, after);
    for (let i = from; i < keys.length; i++) {
      const key = keys[i]!;
      if (!key.startsWith(prefix)) break;
      const current = bucket.objects[key]?.[0];
      if (current === undefined || current.deleteMarker) continue;
      const common = rollup(key, prefix, delimiter);
      if (
        common !== undefined &&
        (common === prefixes[prefixes.length - 1] || (after !== undefined && compareKeys(common, after) <= 0))
      )
        continue;
      if (contents.length + prefixes.length >= max) {
        truncated = max > 0;
        break;
      }
      if (common !== undefined) {
        prefixes.push(common);
        last = common;
      } else {
        contents.push({
          Key: name(key),
          LastModified: current.lastModified,
          ETag: current.etag,
          ChecksumAlgorithm: current.checksum?.algorithm,
          ChecksumType: current.checksum === undefined ? undefined : "FULL_OBJECT",
          Size: current.size ?? 0,
          StorageClass: current.storageClass ?? "STANDARD",
          Owner: owner,
        });
        last = key;
      }
    }
    const common = {
      Name: bucketName,
      Prefix: name(prefix),
      Delimiter: delimiter === "" ? undefined : name(delimiter),
      MaxKeys: max,
      EncodingType: encode === undefined ? undefined : "url",
      IsTruncated: truncated,
    };
    const commonPrefixes = prefixes.map((p) => ({ Prefix: name(p) }));
    if (v === 1) {
      return xmlResponse("ListBucketResult", {
        ...common,
        Marker: name(marker ?? ""),
        // S3 sends NextMarker only with a delimiter; without one the last key is the marker.
        NextMarker: truncated && delimiter !== "" && last !== undefined ? name(last) : undefined,
        Contents: contents,
        CommonPrefixes: commonPrefixes,
      });
    }
    return xmlResponse("ListBucketResult", {
      ...common,
      KeyCount: contents.length + prefixes.length,
      ContinuationToken: continuation ?? undefined,
      NextContinuationToken: truncated && last !== undefined ? token(last) : undefined,
      StartAfter: startAfter === null ? undefined : name(startAfter),
      Contents: contents,
      CommonPrefixes: commonPrefixes,
    });
  }

  private listVersions(req: SandboxRequest, ctx: ServiceContext, bucketName: string): SandboxResponse {
    const bucket = this.bucket(bucketName, ctx, req);
    const q = req.query;
    const prefix = q.get("prefix") ?? "";
    const delimiter = q.get("delimiter") ?? "";
    const max = parseMaxKeys(q);
    const encode = encodingType(q);
    const name = (s: string) => (encode === undefined ? s : encode(s));
    const keyMarker = q.get("key-marker") || undefined;
    const versionIdMarker = q.get("version-id-marker") || undefined;
    if (versionIdMarker !== undefined && keyMarker === undefined) {
      throw invalidArgument(
        "A version-id marker cannot be specified without a key marker.",
        "version-id-marker",
        versionIdMarker,
      );
    }
    const owner = { ID: canonicalOwnerId(ctx.accountId) };
    // Versions and delete markers interleave in S3's reply, in key order, newest first per key.
    let entries = "";
    let count = 0;
    const prefixes: string[] = [];
    let next: { key: string; versionId?: string } | undefined;
    let truncated = false;
    const { keys, from } = this.keysFrom(bucket, ctx, prefix, keyMarker, true);
    outer: for (let k = from; k < keys.length; k++) {
      const key = keys[k]!;
      if (!key.startsWith(prefix)) break;
      const versions = bucket.objects[key] ?? [];
      if (versions.length === 0) continue;
      let start = 0;
      if (key === keyMarker) {
        if (versionIdMarker === undefined) continue;
        const at = versions.findIndex((v) => v.versionId === versionIdMarker);
        if (at < 0)
          throw invalidArgument("Invalid version id specified", "version-id-marker", versionIdMarker);
        start = at + 1;
      }
      const common = rollup(key, prefix, delimiter);
      if (common !== undefined) {
        if (common === prefixes[prefixes.length - 1]) continue;
        if (keyMarker !== undefined && compareKeys(common, keyMarker) <= 0) continue;
        if (count >= max) {
          truncated = max > 0;
          break;
        }
        prefixes.push(common);
        count++;
        next = { key: common };
        continue;
      }
      for (let i = start; i < versions.length; i++) {
        if (count >= max) {
          truncated = max > 0;
          break outer;
        }
        const v = versions[i]!;
        const entry: XmlNode = v.deleteMarker
          ? {
              Key: name(key),
              VersionId: v.versionId,
              IsLatest: i === 0,
              LastModified: v.lastModified,
              Owner: owner,
            }
          : {
              Key: name(key),
              VersionId: v.versionId,
              IsLatest: i === 0,
              LastModified: v.lastModified,
              ETag: v.etag,
              ChecksumAlgorithm: v.checksum?.algorithm,
              ChecksumType: v.checksum === undefined ? undefined : "FULL_OBJECT",
              Size: v.size ?? 0,
              StorageClass: v.storageClass ?? "STANDARD",
              Owner: owner,
            };
        entries += xmlElements({ [v.deleteMarker ? "DeleteMarker" : "Version"]: entry });
        count++;
        next = { key, versionId: v.versionId };
      }
    }
    const head = xmlElements({
      Name: bucketName,
      Prefix: name(prefix),
      KeyMarker: name(keyMarker ?? ""),
      VersionIdMarker: versionIdMarker ?? "",
      NextKeyMarker: truncated && next !== undefined ? name(next.key) : undefined,
      NextVersionIdMarker: truncated ? next?.versionId : undefined,
      MaxKeys: max,
      Delimiter: delimiter === "" ? undefined : name(delimiter),
      EncodingType: encode === undefined ? undefined : "url",
      IsTruncated: truncated,
    });
    const tail = xmlElements({ CommonPrefixes: prefixes.map((p) => ({ Prefix: name(p) })) });
    return {
      status: 200,
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="${XMLNS}">${head}${entries}${tail}</ListVersionsResult>`,
    };
  }
}

/* Operation helpers ----------------------------------------------------------------------------- */

function throwIt(error: AwsError): never {
  throw error;
}

function methodNotAllowed(method: string, resourceType: string): never {
  throw new AwsError("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, {
    Method: method,
    ResourceType: resourceType,
  });
}

function validateBucketName(name: string): void {
  const ok =
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes("..") &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) &&
    !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name);
  if (!ok)
    throw new AwsError("InvalidBucketName", "The specified bucket is not valid.", 400, { BucketName: name });
}

function validateKey(key: string): void {
  if (Buffer.byteLength(key, "utf8") > 1024) {
    throw new AwsError("KeyTooLongError", "Your key is too long", 400, { Key: key });
  }
}

function validateTags(nodes: unknown[]): Record<string, string> {
  const invalid = (message: string) => new AwsError("InvalidTag", message, 400);
  const tags: Record<string, string> = {};
  for (const node of nodes) {
    const key = text(node, "Key");
    const value = text(node, "Value") ?? "";
    if (key === undefined || key === "" || key.length > 128)
      throw invalid("The TagKey you have provided is invalid");
    if (value.length > 256) throw invalid("The TagValue you have provided is invalid");
    if (key.startsWith("aws:")) throw invalid("System tags cannot be added/updated by requester");
    if (key in tags) throw invalid("Cannot provide multiple Tags with the same key");
    tags[key] = value;
  }
  if (Object.keys(tags).length > 50)
    throw new AwsError("BadRequest", "Bucket tag count cannot be greater than 50", 400);
  return tags;
}

function userMetadata(req: SandboxRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith("x-amz-meta-")) out[name.slice("x-amz-meta-".length)] = value;
  }
  return out;
}

function applyStandardHeaders(
  version: S3ObjectVersion,
  req: SandboxRequest,
  contentEncoding: string | undefined,
): void {
  if (contentEncoding !== undefined) version.contentEncoding = contentEncoding;
  const h = req.headers;
  if (h["cache-control"] !== undefined) version.cacheControl = h["cache-control"];
  if (h["content-disposition"] !== undefined) version.contentDisposition = h["content-disposition"];
  if (h["content-language"] !== undefined) version.contentLanguage = h["content-language"];
  if (h.expires !== undefined) version.expires = h.expires;
  if (h["x-amz-storage-class"] !== undefined) version.storageClass = h["x-amz-storage-class"];
}

/** Adds a version the way the bucket's versioning state says, returning what was stored. */
function store(bucket: S3Bucket, key: string, version: S3ObjectVersion): S3ObjectVersion {
  const list = bucket.objects[key] ?? [];
  if (bucket.versioning === "Enabled") {
    version.versionId = versionIdNew();
    bucket.objects[key] = [version, ...list];
  } else {
    // Unversioned and suspended buckets keep a single "null" version, which a write replaces.
    version.versionId = "null";
    bucket.objects[key] = [version, ...list.filter((v) => v.versionId !== "null")];
  }
  return version;
}

/** DeleteObject's effect: remove one version, or (versioned) add a delete marker, or remove the object. */
function removeOrMark(
  bucket: S3Bucket,
  key: string,
  versionId: string | undefined,
  ctx: ServiceContext,
): { deleteMarker: boolean; versionId: string | undefined } {
  const list = bucket.objects[key] ?? [];
  if (versionId !== undefined) {
    const at = list.findIndex((v) => v.versionId === versionId);
    // S3 answers 204 for a version that is not there: deletes are idempotent.
    if (at < 0) return { deleteMarker: false, versionId };
    const [removed] = list.splice(at, 1);
    if (list.length === 0) delete bucket.objects[key];
    return { deleteMarker: removed!.deleteMarker, versionId };
  }
  if (bucket.versioning === undefined) {
    delete bucket.objects[key];
    return { deleteMarker: false, versionId: undefined };
  }
  const marker: S3ObjectVersion = { versionId: "null", deleteMarker: true, lastModified: nowIso(ctx) };
  const stored = store(bucket, key, marker);
  return { deleteMarker: true, versionId: stored.versionId };
}

/** S3 sends x-amz-version-id only for buckets whose versioning was ever configured. */
function versionHeader(bucket: S3Bucket, versionId: string): Record<string, string> {
  return bucket.versioning === undefined ? {} : { "x-amz-version-id": versionId };
}

function checksumHeaders(checksum: S3Checksum | undefined): Record<string, string> {
  if (checksum === undefined) return {};
  return {
    [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value,
    "x-amz-checksum-type": "FULL_OBJECT",
  };
}

function objectHeaders(bucket: S3Bucket, v: S3ObjectVersion): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": v.contentType ?? "binary/octet-stream",
    etag: v.etag ?? '""',
    "last-modified": httpDate(v.lastModified),
    "accept-ranges": "bytes",
    "x-amz-server-side-encryption": "AES256",
    ...versionHeader(bucket, v.versionId),
  };
  if (v.contentEncoding !== undefined) headers["content-encoding"] = v.contentEncoding;
  if (v.cacheControl !== undefined) headers["cache-control"] = v.cacheControl;
  if (v.contentDisposition !== undefined) headers["content-disposition"] = v.contentDisposition;
  if (v.contentLanguage !== undefined) headers["content-language"] = v.contentLanguage;
  if (v.expires !== undefined) headers.expires = v.expires;
  if (v.storageClass !== undefined && v.storageClass !== "STANDARD")
    headers["x-amz-storage-class"] = v.storageClass;
  for (const [name, value] of Object.entries(v.metadata ?? {})) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/**
 * Conditional writes as the S3 User Guide ("Conditional write behavior") describes them, evaluated
 * against the current version:
 * - `If-None-Match: *` fails with 412 when a current version exists that is not a delete marker;
 * - `If-Match: <etag>` fails with 404 NoSuchKey when there is no current version or it is a delete
 *   marker, and with 412 when the ETag differs.
 * AWS's 409 ConditionalRequestConflict reports a delete racing an in-flight conditional write; here a
 * request is checked and committed in one synchronous step, so that race cannot happen.
 */
function checkWritePreconditions(
  req: SandboxRequest,
  current: S3ObjectVersion | undefined,
  key: string,
): void {
  const exists = current !== undefined && !current.deleteMarker;
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*")
      throw notImplemented("If-None-Match with an ETag on a write (S3 expects '*')");
    if (exists) throw preconditionFailed("If-None-Match");
  }
  const ifMatch = req.headers["if-match"];
  if (ifMatch !== undefined) {
    if (!exists) throw noSuchKey(key);
    if (!etagMatches(ifMatch, current.etag)) throw preconditionFailed("If-Match");
  }
}

/** GET/HEAD preconditions (RFC 7232 as S3 applies them): 412 or a 304 response. */
function checkReadPreconditions(req: SandboxRequest, v: S3ObjectVersion): SandboxResponse | undefined {
  const h = req.headers;
  const modified = Date.parse(v.lastModified);
  if (h["if-match"] !== undefined) {
    if (!etagMatches(h["if-match"], v.etag)) throw preconditionFailed("If-Match");
  } else if (h["if-unmodified-since"] !== undefined) {
    const since = Date.parse(h["if-unmodified-since"]);
    if (!Number.isNaN(since) && modified > since) throw preconditionFailed("If-Unmodified-Since");
  }
  let notModified = false;
  if (h["if-none-match"] !== undefined) {
    notModified = etagMatches(h["if-none-match"], v.etag);
  } else if (h["if-modified-since"] !== undefined) {
    const since = Date.parse(h["if-modified-since"]);
    notModified = !Number.isNaN(since) && modified <= since;
  }
  if (!notModified) return undefined;
  return { status: 304, headers: { etag: v.etag ?? '""', "last-modified": httpDate(v.lastModified) } };
}

function checkCopySourcePreconditions(req: SandboxRequest, v: S3ObjectVersion): void {
  const h = req.headers;
  const modified = Date.parse(v.lastModified);
  const ifMatch = h["x-amz-copy-source-if-match"];
  const ifNoneMatch = h["x-amz-copy-source-if-none-match"];
  const ifUnmodified = h["x-amz-copy-source-if-unmodified-since"];
  const ifModified = h["x-amz-copy-source-if-modified-since"];
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, v.etag)) throw preconditionFailed("x-amz-copy-source-If-Match");
  } else if (ifUnmodified !== undefined && modified > Date.parse(ifUnmodified)) {
    throw preconditionFailed("x-amz-copy-source-If-Unmodified-Since");
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, v.etag)) throw preconditionFailed("x-amz-copy-source-If-None-Match");
  } else if (ifModified !== undefined && modified <= Date.parse(ifModified)) {
    throw preconditionFailed("x-amz-copy-source-If-Modified-Since");
  }
}

/** `[/]bucket/key[?versionId=…]`, the path part URL-encoded. */
function parseCopySource(header: string): { bucket: string; key: string; versionId: string | undefined } {
  const raw = header.startsWith("/") ? header.slice(1) : header;
  const q = raw.indexOf("?");
  const pathPart = q < 0 ? raw : raw.slice(0, q);
  const versionId = q < 0 ? undefined : (new URLSearchParams(raw.slice(q + 1)).get("versionId") ?? undefined);
  let path: string;
  try {
    path = decodeURIComponent(pathPart);
  } catch {
    throw invalidArgument("Invalid copy source encoding", "x-amz-copy-source", header);
  }
  const slash = path.indexOf("/");
  if (slash <= 0 || slash === path.length - 1) {
    throw invalidArgument(
      "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
      "x-amz-copy-source",
      header,
    );
  }
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1), versionId };
}

/** A single `bytes=` range; anything S3 ignores (several ranges, bad syntax) means the whole object. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null || (m[1] === "" && m[2] === "")) return undefined;
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) throw invalidRange(header, size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== "" && Number(m[2]) < start) return undefined;
  }
  if (start >= size) throw invalidRange(header, size);
  return { start, end };
}

function invalidRange(range: string, size: number): S3Error {
  return new S3Error(
    "InvalidRange",
    "The requested range is not satisfiable",
    416,
    { RangeRequested: range, ActualObjectSize: String(size) },
    { "content-range": `bytes */${size}` },
  );
}

export const s3: ServiceFactory = {
  id: "s3",
  signingNames: ["s3"],
  global: false,
  create: () => new S3Service(),
};

/* Bucket policies ------------------------------------------------------------------------------- */

interface PolicyStatement {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
}

function policyStatements(policy: string): PolicyStatement[] {
  try {
    const statements = field(JSON.parse(policy), "Statement");
    const list: unknown[] = Array.isArray(statements) ? statements : [statements];
    return list.filter((st): st is PolicyStatement => st !== null && typeof st === "object");
  } catch {
    return [];
  }
}

function patterns(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function principalIsEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  return patterns(field(principal, "AWS")).includes("*");
}

/** IAM wildcards: `*` any run, `?` one character; actions compare case-insensitively, ARNs exactly. */
function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

/** Whether every condition of a statement holds; only `Bool` (and `BoolIfExists`) are understood. */
function conditionHolds(condition: unknown, context: Record<string, string>): boolean {
  if (condition === undefined) return true;
  if (condition === null || typeof condition !== "object") return false;
  for (const [operator, clauses] of Object.entries(condition as Record<string, unknown>)) {
    if (operator !== "Bool" && operator !== "BoolIfExists") return false;
    if (clauses === null || typeof clauses !== "object") return false;
    for (const [key, expected] of Object.entries(clauses as Record<string, unknown>)) {
      const actual = context[key.toLowerCase()];
      if (actual === undefined) {
        if (operator === "BoolIfExists") continue;
        return false;
      }
      const values = (Array.isArray(expected) ? expected : [expected]).map((v) => String(v).toLowerCase());
      if (!values.includes(actual)) return false;
    }
  }
  return true;
}

/** The IAM action a request needs (the operation name, except where S3's action is named otherwise). */
function s3Action(operation: string, req: SandboxRequest): string {
  const versioned = req.query.has("versionId");
  switch (operation) {
    case "HeadObject":
    case "GetObject":
      return versioned ? "s3:GetObjectVersion" : "s3:GetObject";
    case "DeleteObject":
      return versioned ? "s3:DeleteObjectVersion" : "s3:DeleteObject";
    case "DeleteObjects":
      return "s3:DeleteObject";
    case "CopyObject":
      return "s3:PutObject";
    case "ListObjects":
    case "ListObjectsV2":
    case "HeadBucket":
      return "s3:ListBucket";
    case "ListObjectVersions":
      return "s3:ListBucketVersions";
    case "ListBuckets":
      return "s3:ListAllMyBuckets";
    case "GetBucketLocation":
      return "s3:GetBucketLocation";
    case "GetBucketTagging":
    case "DeleteBucketTagging":
      return operation === "GetBucketTagging" ? "s3:GetBucketTagging" : "s3:PutBucketTagging";
    default:
      return `s3:${operation}`;
  }
}
