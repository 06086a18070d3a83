/**
 * Lambda functions (restJson under `/2015-03-31/functions`): create, read, list, delete, new code
 * (UpdateFunctionCode: a zip, an S3 location or an image, as the function's package type says), and tags
 * under `/2017-03-31/tags/{ARN}`; a function's URL (`/2021-10-31/functions/{name}/url`) and
 * resource-based policy (AddPermission/GetPolicy/RemovePermission), which go with the function; and
 * event source mappings (`/2015-03-31/event-source-mappings`), which outlive it. Each "already
 * exists" conflict answers ResourceConflictException (409) with the text Lambda really sends.
 *
 * Only `$LATEST` exists: no versions, aliases or invocation. The code itself is not kept, only its
 * size and SHA-256 (a zip is checked for the zip signature, as Lambda refuses what it cannot unzip);
 * code named by S3 location or image is recorded as given, since this service cannot read S3.
 * A new function answers CreateFunction as `Pending` and reads back `Active`, as Lambda does once
 * the (here instant) creation finishes.
 */
import { createHash, randomInt, randomUUID } from "node:crypto";
import { epochSeconds, paginate, restJsonError, restService } from "../core/service.js";
import { restJsonResponse } from "../core/protocols.js";
import { AwsError, type SandboxRequest, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";
import { restJsonBody } from "../core/protocols.js";
import { constraintError } from "../core/service.js";

const validation = (field: string, value: unknown, rule: string) =>
  constraintError("ValidationException", field, value, rule);
const body = (req: SandboxRequest) =>
  restJsonBody(
    req,
    () => new AwsError("InvalidRequestContentException", "Could not parse request body into json"),
  );

interface LambdaFunction {
  FunctionName: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  Description: string;
  Timeout: number;
  MemorySize: number;
  CodeSize: number;
  CodeSha256: string;
  PackageType: "Zip" | "Image";
  /** S3 location or image URI the code came from, when not uploaded inline. */
  CodeSource?: { S3Bucket: string; S3Key: string; S3ObjectVersion?: string } | { ImageUri: string };
  Environment?: Record<string, string>;
  Architectures: string[];
  EphemeralStorageSize: number;
  TracingMode: string;
  LogFormat: string;
  LogGroup: string;
  Layers: string[];
  KMSKeyArn?: string;
  LastModified: string;
  RevisionId: string;
  tags: Record<string, string>;
  /** Its function URL (one per function; aliases are not modelled). Goes with the function. */
  url?: FunctionUrl;
  /** The statements of its resource-based policy, in order. Goes with the function. */
  policy?: PolicyStatement[];
}

interface FunctionUrl {
  FunctionUrl: string;
  AuthType: string;
  InvokeMode: string;
  Cors?: Record<string, unknown>;
  CreationTime: string;
  LastModifiedTime: string;
}

interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: unknown;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

interface EventSourceMapping {
  UUID: string;
  EventSourceArn: string;
  FunctionName: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  Enabled: boolean;
  StartingPosition?: string;
  FilterCriteria?: unknown;
  FunctionResponseTypes?: string[];
  /** When it was created; it reads back Creating for deployDelayMs after. */
  Created: string;
  LastModified: string;
}

interface State {
  functions: Record<string, LambdaFunction>;
  /**
   * Keyed by UUID. Mappings outlive their function, as on AWS ("To delete Lambda event source
   * mappings that invoke a function, use DeleteEventSourceMapping" — API reference, DeleteFunction).
   * Absent in snapshots written before mappings existed.
   */
  eventSourceMappings?: Record<string, EventSourceMapping>;
}

const V = "/2015-03-31";
/** Function URL operations live under their own API version. */
const URLS = "/2021-10-31";
const URL_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const TAGS = "/2017-03-31/tags";
const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const IDENTIFIER =
  /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:|(\d{12}):function:)?([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
/** The Runtime enum as the Lambda API model lists it (deprecated ones included). */
const RUNTIMES = [
  "nodejs",
  "nodejs4.3",
  "nodejs6.10",
  "nodejs8.10",
  "nodejs10.x",
  "nodejs12.x",
  "nodejs14.x",
  "nodejs16.x",
  "nodejs18.x",
  "nodejs20.x",
  "nodejs22.x",
  "nodejs24.x",
  "nodejs26.x",
  "java8",
  "java8.al2",
  "java8.al2023",
  "java11",
  "java11.al2023",
  "java17",
  "java17.al2023",
  "java21",
  "java25",
  "python2.7",
  "python3.6",
  "python3.7",
  "python3.8",
  "python3.9",
  "python3.10",
  "python3.11",
  "python3.12",
  "python3.13",
  "python3.14",
  "python3.15",
  "dotnetcore1.0",
  "dotnetcore2.0",
  "dotnetcore2.1",
  "dotnetcore3.1",
  "dotnet6",
  "dotnet8",
  "dotnet10",
  "go1.x",
  "ruby2.5",
  "ruby2.7",
  "ruby3.2",
  "ruby3.3",
  "ruby3.4",
  "ruby4.0",
  "provided",
  "provided.al2",
  "provided.al2023",
];
const ARCHITECTURES = ["x86_64", "arm64"];
/** Lambda answers at most 50 functions per ListFunctions page, whatever MaxItems says. */
const PAGE_CAP = 50;

function invalid(message: string): AwsError {
  return new AwsError("InvalidParameterValueException", message);
}

/** What a deployment package is, from a ZipFile (checked to be a zip) or an S3 location. */
function zipCode(code: Record<string, unknown>): {
  codeSize: number;
  codeSha: string;
  source: LambdaFunction["CodeSource"];
} {
  if (typeof code.ZipFile === "string") {
    if (code.S3Bucket !== undefined || code.S3Key !== undefined) {
      throw invalid("Please do not provide other FunctionCode parameters when providing a ZipFile.");
    }
    const zip = Buffer.from(code.ZipFile, "base64");
    // Every zip (even an empty archive) starts with a `PK` record signature.
    if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) {
      throw invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
    return {
      codeSize: zip.length,
      codeSha: createHash("sha256").update(zip).digest("base64"),
      source: undefined,
    };
  }
  if (typeof code.S3Bucket === "string" && typeof code.S3Key === "string") {
    const source: { S3Bucket: string; S3Key: string; S3ObjectVersion?: string } = {
      S3Bucket: code.S3Bucket,
      S3Key: code.S3Key,
    };
    if (typeof code.S3ObjectVersion === "string") source.S3ObjectVersion = code.S3ObjectVersion;
    const codeSha = createHash("sha256")
      .update(`s3://${code.S3Bucket}/${code.S3Key}?${source.S3ObjectVersion ?? ""}`)
      .digest("base64");
    return { codeSize: 0, codeSha, source };
  }
  throw invalid("Please provide a source for function code: ZipFile, S3Bucket and S3Key, or ImageUri.");
}

function functionArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
}

/** Lambda's timestamp format: milliseconds and a `+0000` offset. */
function lambdaTime(iso: string): string {
  return iso.replace(/Z$/, "+0000");
}

function tagMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    put(out, k, typeof v === "string" ? v : "");
  }
  return out;
}

function configuration(f: LambdaFunction, ctx: ServiceContext) {
  return {
    FunctionName: f.FunctionName,
    FunctionArn: functionArn(ctx, f.FunctionName),
    ...(f.Runtime === undefined ? {} : { Runtime: f.Runtime }),
    Role: f.Role,
    ...(f.Handler === undefined ? {} : { Handler: f.Handler }),
    CodeSize: f.CodeSize,
    Description: f.Description,
    Timeout: f.Timeout,
    MemorySize: f.MemorySize,
    LastModified: lambdaTime(f.LastModified),
    CodeSha256: f.CodeSha256,
    Version: "$LATEST",
    ...(f.Environment === undefined ? {} : { Environment: { Variables: { ...f.Environment } } }),
    ...(f.KMSKeyArn === undefined ? {} : { KMSKeyArn: f.KMSKeyArn }),
    TracingConfig: { Mode: f.TracingMode },
    RevisionId: f.RevisionId,
    ...(f.Layers.length === 0 ? {} : { Layers: f.Layers.map((Arn) => ({ Arn, CodeSize: 0 })) }),
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: f.PackageType,
    Architectures: [...f.Architectures],
    EphemeralStorage: { Size: f.EphemeralStorageSize },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: f.LogFormat, LogGroup: f.LogGroup },
  };
}

function codeLocation(f: LambdaFunction, ctx: ServiceContext) {
  if (f.CodeSource !== undefined && "ImageUri" in f.CodeSource) {
    return {
      RepositoryType: "ECR",
      ImageUri: f.CodeSource.ImageUri,
      ResolvedImageUri: f.CodeSource.ImageUri,
    };
  }
  // Lambda hands out a short-lived presigned URL into its own bucket; this one only looks the part.
  return {
    RepositoryType: "S3",
    Location: `https://awslambda-${ctx.region}-tasks.s3.${ctx.region}.amazonaws.com/snapshots/${ctx.accountId}/${f.FunctionName}-${f.RevisionId}?X-Amz-Expires=600`,
  };
}

function integer(value: unknown, field: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw validation(field, value, "Member must be an integer");
  }
  if (value < min) throw validation(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validation(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

/** Lambda's answer for a sub-resource (URL, policy, mapping) that does not exist. */
function notFound(): AwsError {
  return new AwsError("ResourceNotFoundException", "The resource you requested does not exist.", 404);
}

function pattern(value: unknown, field: string, re: RegExp, shown: string): string {
  if (typeof value !== "string") throw validation(field, undefined, "Member must not be null");
  if (!re.test(value)) {
    throw validation(field, value, `Member must satisfy regular expression pattern: ${shown}`);
  }
  return value;
}

/** AuthType: NONE | AWS_IAM, required (API reference, CreateFunctionUrlConfig). */
function urlAuthType(value: unknown): string {
  if (value === undefined || value === null)
    throw validation("authType", undefined, "Member must not be null");
  if (value !== "NONE" && value !== "AWS_IAM") {
    throw validation("authType", value, "Member must satisfy enum value set: [NONE, AWS_IAM]");
  }
  return value;
}

/** InvokeMode: BUFFERED (default) | RESPONSE_STREAM. */
function urlInvokeMode(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (value !== "BUFFERED" && value !== "RESPONSE_STREAM") {
    throw validation("invokeMode", value, "Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
  }
  return value;
}

function urlConfig(f: LambdaFunction, ctx: ServiceContext) {
  const u = f.url!;
  return {
    FunctionUrl: u.FunctionUrl,
    FunctionArn: functionArn(ctx, f.FunctionName),
    AuthType: u.AuthType,
    ...(u.Cors === undefined ? {} : { Cors: u.Cors }),
    CreationTime: u.CreationTime,
    LastModifiedTime: u.LastModifiedTime,
    InvokeMode: u.InvokeMode,
  };
}

/**
 * PreconditionFailedException (412) when a RevisionId is given and is not the function's latest
 * (API reference, AddPermission / RemovePermission, RevisionId and Errors; the text is the model's
 * description of the error for these two operations, not a captured AWS answer).
 */
function checkRevision(f: LambdaFunction, revision: unknown): void {
  if (typeof revision === "string" && revision !== "" && revision !== f.RevisionId) {
    throw new AwsError(
      "PreconditionFailedException",
      "The RevisionId provided does not match the latest RevisionId for the Lambda function or alias. Call GetPolicy to retrieve the latest RevisionId for your resource.",
      412,
    );
  }
}

/** The statement AddPermission writes: principal and conditions as the Lambda console shows them. */
function policyStatement(
  sid: string,
  action: string,
  principal: string,
  input: Record<string, unknown>,
  resource: string,
): PolicyStatement {
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: "Allow",
    Principal:
      principal === "*"
        ? "*"
        : principal.endsWith(".amazonaws.com")
          ? { Service: principal }
          : /^\d{12}$/.test(principal)
            ? { AWS: `arn:aws:iam::${principal}:root` }
            : { AWS: principal },
    Action: action,
    Resource: resource,
  };
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: unknown) => {
    if (typeof value === "string") (condition[op] ??= {})[key] = value;
  };
  add("StringEquals", "AWS:SourceAccount", input.SourceAccount);
  add("StringEquals", "aws:PrincipalOrgID", input.PrincipalOrgID);
  add("StringEquals", "lambda:FunctionUrlAuthType", input.FunctionUrlAuthType);
  add("StringEquals", "lambda:EventSourceToken", input.EventSourceToken);
  add("ArnLike", "AWS:SourceArn", input.SourceArn);
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

function sqsArn(arn: string): boolean {
  return /^arn:aws[a-zA-Z-]*:sqs:/.test(arn);
}

/** MaxItems from the query: an integer in [1, limit], capped at `cap` per page. */
function maxItems(req: SandboxRequest, limit: number, cap: number): number {
  const raw = req.query.get("MaxItems");
  if (raw === null) return cap;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw validation("maxItems", raw, "Member must be an integer");
  integer(n, "maxItems", cap, 1, limit);
  return Math.min(n, cap);
}

export const lambdaService = restService<State>({
  signingNames: ["lambda"],
  throttle: { code: "TooManyRequestsException", status: 429, message: "Rate exceeded" },
  initial: () => ({ functions: {}, eventSourceMappings: {} }),
  tagged: (state, _region, ctx) =>
    Object.values(state.functions).map((f) => ({
      arn: functionArn(ctx, f.FunctionName),
      resourceType: "lambda:function",
      tags: f.tags,
    })),
  formatError: (error) => {
    // Lambda's errors carry `Type` (User or Service); its throttle also says which limit was hit.
    const extra: Record<string, string> = { Type: error.status >= 500 ? "Service" : "User", ...error.extra };
    if (error.code === "TooManyRequestsException" && extra.Reason === undefined) {
      extra.Reason = "CallerRateLimitExceeded";
    }
    return restJsonError(new AwsError(error.code, error.message, error.status, extra));
  },
  routes: (svc) => {
    /** A function by name, full ARN or partial ARN (`123456789012:function:name`), `$LATEST` only. */
    const resolve = (id: string, ctx: ServiceContext): LambdaFunction => {
      const m = IDENTIFIER.exec(id);
      if (m === null || id.length > 170) {
        throw validation(
          "functionName",
          id,
          "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
        );
      }
      const [, region, account, partialAccount, name, qualifier] = m;
      const arn = functionArn(ctx, name!) + (qualifier === undefined ? "" : `:${qualifier}`);
      const notFound = new AwsError("ResourceNotFoundException", `Function not found: ${arn}`, 404);
      if (region !== undefined && region !== ctx.region) throw notFound;
      if ((account ?? partialAccount ?? ctx.accountId) !== ctx.accountId) throw notFound;
      const f = own(svc.state.functions, name!);
      if (f === undefined || (qualifier !== undefined && qualifier !== "$LATEST")) throw notFound;
      return f;
    };
    const qualified = (req: SandboxRequest, id: string): string => {
      const q = req.query.get("Qualifier");
      return q === null || q === "" ? id : `${id}:${q}`;
    };
    /** The tag operations take a function ARN only. */
    const byArn = (arn: string, ctx: ServiceContext): LambdaFunction => {
      if (!/^arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:function:[a-zA-Z0-9-_]+$/.test(arn)) {
        throw validation(
          "resource",
          arn,
          "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+",
        );
      }
      return resolve(arn, ctx);
    };
    const esms = (): Record<string, EventSourceMapping> => (svc.state.eventSourceMappings ??= {});
    const esm = (uuid: string): EventSourceMapping => {
      const m = own(esms(), uuid);
      if (m === undefined) throw notFound();
      return m;
    };
    const esmConfig = (m: EventSourceMapping, ctx: ServiceContext, state?: string) => ({
      UUID: m.UUID,
      ...(m.StartingPosition === undefined ? {} : { StartingPosition: m.StartingPosition }),
      BatchSize: m.BatchSize,
      MaximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds,
      EventSourceArn: m.EventSourceArn,
      ...(m.FilterCriteria === undefined ? {} : { FilterCriteria: m.FilterCriteria }),
      FunctionArn: functionArn(ctx, m.FunctionName),
      LastModified: epochSeconds(m.LastModified),
      ...(sqsArn(m.EventSourceArn) ? {} : { LastProcessingResult: "No records processed" }),
      State:
        state ??
        (ctx.now().getTime() - Date.parse(m.Created) < ctx.deployDelayMs
          ? "Creating"
          : m.Enabled
            ? "Enabled"
            : "Disabled"),
      StateTransitionReason: "USER_INITIATED",
      FunctionResponseTypes: m.FunctionResponseTypes ?? [],
      EventSourceMappingArn: `arn:aws:lambda:${ctx.region}:${ctx.accountId}:event-source-mapping:${m.UUID}`,
    });

    return [
      {
        method: "POST",
        path: `${V}/functions`,
        operation: "CreateFunction",
        handler: (_labels, req, ctx) => {
          const input = body(req);
          const id = input.FunctionName;
          if (typeof id !== "string") throw validation("functionName", undefined, "Member must not be null");
          const m = IDENTIFIER.exec(id);
          const name = m?.[4];
          if (m === null || name === undefined || m[5] !== undefined || !NAME.test(name)) {
            throw validation(
              "functionName",
              id,
              "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)",
            );
          }
          const role = input.Role;
          if (typeof role !== "string") throw validation("role", undefined, "Member must not be null");
          if (!ROLE.test(role)) {
            throw validation(
              "role",
              role,
              "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
            );
          }
          const packageType = input.PackageType ?? "Zip";
          if (packageType !== "Zip" && packageType !== "Image") {
            throw validation("packageType", packageType, "Member must satisfy enum value set: [Zip, Image]");
          }
          const runtime = typeof input.Runtime === "string" ? input.Runtime : undefined;
          if (runtime !== undefined && !RUNTIMES.includes(runtime)) {
            throw validation(
              "runtime",
              runtime,
              `Member must satisfy enum value set: [${RUNTIMES.join(", ")}]`,
            );
          }
          const handler = typeof input.Handler === "string" ? input.Handler : undefined;
          if (packageType === "Zip" && (runtime === undefined || handler === undefined)) {
            throw invalid(
              "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
            );
          }
          const memory = integer(input.MemorySize, "memorySize", 128, 128, 10240);
          const timeout = integer(input.Timeout, "timeout", 3, 1, 900);
          const architectures = input.Architectures ?? ["x86_64"];
          if (
            !Array.isArray(architectures) ||
            architectures.length !== 1 ||
            !ARCHITECTURES.includes(String(architectures[0]))
          ) {
            throw validation(
              "architectures",
              Array.isArray(architectures) ? `[${architectures.join(", ")}]` : architectures,
              "Member must have length less than or equal to 1, Member must satisfy enum value set: [x86_64, arm64]",
            );
          }

          const code = (input.Code ?? {}) as Record<string, unknown>;
          let codeSize = 0;
          let codeSha: string;
          let source: LambdaFunction["CodeSource"];
          if (packageType === "Image") {
            if (typeof code.ImageUri !== "string") {
              throw invalid("ImageUri must be specified for functions with package type Image.");
            }
            source = { ImageUri: code.ImageUri };
            codeSha = createHash("sha256").update(code.ImageUri).digest("hex");
          } else {
            ({ codeSize, codeSha, source } = zipCode(code));
          }

          if (own(svc.state.functions, name) !== undefined) {
            throw new AwsError("ResourceConflictException", `Function already exist: ${name}`, 409);
          }
          const env = (input.Environment as { Variables?: unknown } | undefined)?.Variables;
          const logging = (input.LoggingConfig ?? {}) as { LogFormat?: unknown; LogGroup?: unknown };
          const tracing = (input.TracingConfig ?? {}) as { Mode?: unknown };
          const storage = (input.EphemeralStorage ?? {}) as { Size?: unknown };
          const f: LambdaFunction = {
            FunctionName: name,
            Role: role,
            Description: typeof input.Description === "string" ? input.Description : "",
            Timeout: timeout,
            MemorySize: memory,
            CodeSize: codeSize,
            CodeSha256: codeSha,
            PackageType: packageType,
            Architectures: [String(architectures[0])],
            EphemeralStorageSize: integer(storage.Size, "ephemeralStorage.size", 512, 512, 10240),
            TracingMode: tracing.Mode === "Active" ? "Active" : "PassThrough",
            LogFormat: logging.LogFormat === "JSON" ? "JSON" : "Text",
            LogGroup: typeof logging.LogGroup === "string" ? logging.LogGroup : `/aws/lambda/${name}`,
            Layers: Array.isArray(input.Layers) ? input.Layers.map(String) : [],
            LastModified: ctx.now().toISOString(),
            RevisionId: randomUUID(),
            tags: tagMap(input.Tags),
          };
          if (runtime !== undefined) f.Runtime = runtime;
          if (handler !== undefined) f.Handler = handler;
          if (source !== undefined) f.CodeSource = source;
          if (env !== undefined) f.Environment = tagMap(env);
          if (typeof input.KMSKeyArn === "string") f.KMSKeyArn = input.KMSKeyArn;
          put(svc.state.functions, name, f);
          return restJsonResponse(
            {
              ...configuration(f, ctx),
              State: "Pending",
              StateReason: "The function is being created.",
              StateReasonCode: "Creating",
              LastUpdateStatus: undefined,
            },
            201,
          );
        },
      },
      {
        method: "GET",
        path: `${V}/functions`,
        operation: "ListFunctions",
        handler: (_labels, req, ctx) => {
          const raw = req.query.get("MaxItems");
          const max = raw === null ? PAGE_CAP : Number(raw);
          if (!Number.isInteger(max)) throw validation("maxItems", raw, "Member must be an integer");
          integer(max, "maxItems", PAGE_CAP, 1, 10000);
          const all = Object.values(svc.state.functions).sort((a, b) =>
            a.FunctionName < b.FunctionName ? -1 : a.FunctionName > b.FunctionName ? 1 : 0,
          );
          const marker = req.query.get("Marker") ?? undefined;
          const { page, next } = paginate(all, (f) => f.FunctionName, marker, Math.min(max, PAGE_CAP));
          const Functions = page.map((f) => configuration(f, ctx));
          return restJsonResponse(next === undefined ? { Functions } : { Functions, NextMarker: next });
        },
      },
      {
        method: "GET",
        path: `${V}/functions/{FunctionName}`,
        operation: "GetFunction",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          return restJsonResponse({
            Configuration: configuration(f, ctx),
            Code: codeLocation(f, ctx),
            ...(Object.keys(f.tags).length === 0 ? {} : { Tags: { ...f.tags } }),
          });
        },
      },
      {
        method: "GET",
        path: `${V}/functions/{FunctionName}/configuration`,
        operation: "GetFunctionConfiguration",
        handler: ({ FunctionName }, req, ctx) =>
          restJsonResponse(configuration(resolve(qualified(req, FunctionName!), ctx), ctx)),
      },
      {
        method: "DELETE",
        path: `${V}/functions/{FunctionName}`,
        operation: "DeleteFunction",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(FunctionName!, ctx);
          const q = req.query.get("Qualifier");
          if (q === "$LATEST") {
            throw invalid("$LATEST version cannot be deleted without deleting the function.");
          }
          // Versions are never published here, so any other qualifier names nothing.
          if (q !== null && q !== "") resolve(`${FunctionName!}:${q}`, ctx);
          delete svc.state.functions[f.FunctionName];
          return { status: 204 };
        },
      },
      {
        method: "PUT",
        path: `${V}/functions/{FunctionName}/code`,
        operation: "UpdateFunctionCode",
        handler: ({ FunctionName }, _req, ctx) => {
          const f = resolve(FunctionName!, ctx);
          const input = body(_req);
          checkRevision(f, input.RevisionId);
          let next: ReturnType<typeof zipCode>;
          /*
           * The package must match the function's type (InvalidParameterValueException; texts as
           * callers match them, e.g. "don't provide ImageUri when updating a function with
           * packageType Zip"). Versions are not modelled: Publish publishes nothing here.
           */
          if (f.PackageType === "Image") {
            if (
              typeof input.ImageUri !== "string" ||
              input.ZipFile !== undefined ||
              input.S3Bucket !== undefined
            ) {
              throw invalid("Please provide ImageUri when updating a function with packageType Image.");
            }
            next = {
              codeSize: 0,
              codeSha: createHash("sha256").update(input.ImageUri).digest("hex"),
              source: { ImageUri: input.ImageUri },
            };
          } else {
            if (input.ImageUri !== undefined) {
              throw invalid("Please don't provide ImageUri when updating a function with packageType Zip.");
            }
            next = zipCode(input);
          }
          const architectures = input.Architectures;
          if (
            architectures !== undefined &&
            (!Array.isArray(architectures) ||
              architectures.length !== 1 ||
              !ARCHITECTURES.includes(String(architectures[0])))
          ) {
            throw validation(
              "architectures",
              Array.isArray(architectures) ? `[${architectures.join(", ")}]` : architectures,
              "Member must have length less than or equal to 1, Member must satisfy enum value set: [x86_64, arm64]",
            );
          }
          // DryRun: validated, nothing changes (API reference, UpdateFunctionCode).
          if (input.DryRun === true) return restJsonResponse(configuration(f, ctx));
          f.CodeSize = next.codeSize;
          f.CodeSha256 = next.codeSha;
          if (next.source === undefined) delete f.CodeSource;
          else f.CodeSource = next.source;
          if (Array.isArray(architectures)) f.Architectures = [String(architectures[0])];
          f.LastModified = ctx.now().toISOString();
          f.RevisionId = randomUUID();
          // The update runs after the answer (LastUpdateStatus InProgress); here it is done at once.
          return restJsonResponse({ ...configuration(f, ctx), LastUpdateStatus: "InProgress" });
        },
      },
      /* Function URLs ------------------------------------------------------------------------- */
      {
        method: "POST",
        path: `${URLS}/functions/{FunctionName}/url`,
        operation: "CreateFunctionUrlConfig",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          const input = body(req);
          const authType = urlAuthType(input.AuthType);
          /*
           * One URL per function: a second create is ResourceConflictException (409) "Failed to create
           * function url config for [functionArn = …]. Error message:  FunctionUrlConfig exists for this
           * Lambda function" (API reference, CreateFunctionUrlConfig, Errors; the text, with its two
           * spaces, as Lambda returned it in a Terraform log pasted in the Worklytics psoxy docs).
           */
          if (f.url !== undefined) {
            throw new AwsError(
              "ResourceConflictException",
              `Failed to create function url config for [functionArn = ${functionArn(ctx, f.FunctionName)}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
              409,
            );
          }
          const now = ctx.now().toISOString();
          let id = "";
          for (let i = 0; i < 32; i++) id += URL_ALPHABET[randomInt(URL_ALPHABET.length)];
          f.url = {
            FunctionUrl: `https://${id}.lambda-url.${ctx.region}.on.aws/`,
            AuthType: authType,
            InvokeMode: urlInvokeMode(input.InvokeMode, "BUFFERED"),
            CreationTime: now,
            LastModifiedTime: now,
          };
          if (input.Cors !== undefined) f.url.Cors = input.Cors as Record<string, unknown>;
          // The create response has no LastModifiedTime (CreateFunctionUrlConfig, Response Syntax).
          const { LastModifiedTime: _omit, ...created } = urlConfig(f, ctx);
          return restJsonResponse(created, 201);
        },
      },
      {
        method: "GET",
        path: `${URLS}/functions/{FunctionName}/url`,
        operation: "GetFunctionUrlConfig",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          if (f.url === undefined) throw notFound();
          return restJsonResponse(urlConfig(f, ctx));
        },
      },
      {
        method: "PUT",
        path: `${URLS}/functions/{FunctionName}/url`,
        operation: "UpdateFunctionUrlConfig",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          if (f.url === undefined) throw notFound();
          const input = body(req);
          if (input.AuthType !== undefined) f.url.AuthType = urlAuthType(input.AuthType);
          if (input.InvokeMode !== undefined)
            f.url.InvokeMode = urlInvokeMode(input.InvokeMode, f.url.InvokeMode);
          if (input.Cors !== undefined) f.url.Cors = input.Cors as Record<string, unknown>;
          f.url.LastModifiedTime = ctx.now().toISOString();
          return restJsonResponse(urlConfig(f, ctx));
        },
      },
      {
        method: "DELETE",
        path: `${URLS}/functions/{FunctionName}/url`,
        operation: "DeleteFunctionUrlConfig",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          if (f.url === undefined) throw notFound();
          delete f.url;
          return { status: 204 };
        },
      },
      {
        method: "GET",
        path: `${URLS}/functions/{FunctionName}/urls`,
        operation: "ListFunctionUrlConfigs",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(FunctionName!, ctx);
          // MaxItems: 1-50 (API reference, ListFunctionUrlConfigs).
          const max = maxItems(req, 50, 50);
          // Without aliases a function has at most its own URL, so one page always holds it.
          const all = f.url === undefined ? [] : [f];
          const { page, next } = paginate(
            all,
            (x) => x.FunctionName,
            req.query.get("Marker") ?? undefined,
            max,
          );
          const FunctionUrlConfigs = page.map((x) => urlConfig(x, ctx));
          return restJsonResponse(
            next === undefined ? { FunctionUrlConfigs } : { FunctionUrlConfigs, NextMarker: next },
          );
        },
      },

      /* Permissions (the function's resource-based policy) ------------------------------------ */
      {
        method: "POST",
        path: `${V}/functions/{FunctionName}/policy`,
        operation: "AddPermission",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          const input = body(req);
          const sid = pattern(
            input.StatementId,
            "statementId",
            /^[a-zA-Z0-9-_.]{1,100}$/,
            "([a-zA-Z0-9-_.]+)",
          );
          const action = pattern(
            input.Action,
            "action",
            /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/,
            "(lambda:[*]|lambda:[a-zA-Z]+|[*])",
          );
          const principal = pattern(input.Principal, "principal", /^[^\s]+$/, "[^\\s]+");
          checkRevision(f, input.RevisionId);
          const policy = (f.policy ??= []);
          /*
           * A StatementId is unique in the policy: ResourceConflictException (409) "The statement id
           * (<id>) provided already exists. Please provide a new statement id, or remove the existing
           * statement." (API reference, AddPermission, Errors; text as in
           * test/fixtures/already-exists/lambda-permission.log and lambda-function-url.log).
           */
          if (policy.some((s) => s.Sid === sid)) {
            throw new AwsError(
              "ResourceConflictException",
              `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
              409,
            );
          }
          const statement = policyStatement(sid, action, principal, input, functionArn(ctx, f.FunctionName));
          policy.push(statement);
          f.RevisionId = randomUUID();
          return restJsonResponse({ Statement: JSON.stringify(statement) }, 201);
        },
      },
      {
        method: "GET",
        path: `${V}/functions/{FunctionName}/policy`,
        operation: "GetPolicy",
        handler: ({ FunctionName }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          // A function without a policy answers ResourceNotFoundException (API reference, GetPolicy).
          if (f.policy === undefined || f.policy.length === 0) throw notFound();
          return restJsonResponse({
            Policy: JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: f.policy }),
            RevisionId: f.RevisionId,
          });
        },
      },
      {
        method: "DELETE",
        path: `${V}/functions/{FunctionName}/policy/{StatementId}`,
        operation: "RemovePermission",
        handler: ({ FunctionName, StatementId }, req, ctx) => {
          const f = resolve(qualified(req, FunctionName!), ctx);
          checkRevision(f, req.query.get("RevisionId") ?? undefined);
          // Messages as moto reproduces them (getmoto/moto#4846, "verified against AWS").
          if (f.policy === undefined || f.policy.length === 0) {
            throw new AwsError(
              "ResourceNotFoundException",
              "No policy is associated with the given resource.",
              404,
            );
          }
          const index = f.policy.findIndex((s) => s.Sid === StatementId);
          if (index < 0) {
            throw new AwsError(
              "ResourceNotFoundException",
              `Statement ${StatementId!} is not found in resource policy.`,
              404,
            );
          }
          f.policy.splice(index, 1);
          f.RevisionId = randomUUID();
          return { status: 204 };
        },
      },

      /* Event source mappings ----------------------------------------------------------------- */
      {
        method: "POST",
        path: `${V}/event-source-mappings`,
        operation: "CreateEventSourceMapping",
        handler: (_labels, req, ctx) => {
          const input = body(req);
          if (typeof input.FunctionName !== "string") {
            throw validation("functionName", undefined, "Member must not be null");
          }
          const f = resolve(input.FunctionName, ctx);
          const source = input.EventSourceArn;
          // Only ARN sources (SQS, Kinesis, DynamoDB streams, MSK…) are modelled, not self-managed Kafka.
          // "Unrecognized event source." is the text LocalStack's AWS-snapshotted tests record for a
          // mapping without a source (localstack/localstack#7696).
          if (typeof source !== "string" || !/^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:/.test(source)) {
            throw invalid("Unrecognized event source.");
          }
          // A real SQS answer (motdotla/node-lambda#466): queues have no stream position.
          if (sqsArn(source) && input.StartingPosition !== undefined) {
            throw invalid("StartingPosition is not valid for SQS event sources.");
          }
          const mappings = esms();
          const existing = Object.values(mappings).find(
            (m) => m.EventSourceArn === source && m.FunctionName === f.FunctionName,
          );
          /*
           * One mapping per source and function: ResourceConflictException (409) (API reference,
           * CreateEventSourceMapping, Errors). Lambda words it per source type; both texts are real:
           * test/fixtures/already-exists/lambda-event-source-mapping-sqs.log (SQS) and
           * lambda-event-source-mapping.log (streams).
           */
          if (existing !== undefined) {
            throw new AwsError(
              "ResourceConflictException",
              sqsArn(source)
                ? `An event source mapping with SQS arn (" ${source} ") and function (" ${f.FunctionName} ") already exists. Please update or delete the existing mapping with UUID ${existing.UUID}`
                : `The event source arn (" ${source} ") and function (" ${f.FunctionName} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${existing.UUID}`,
              409,
            );
          }
          // BatchSize defaults: 10 for SQS, 100 for streams (API reference, CreateEventSourceMapping).
          const batch = integer(input.BatchSize, "batchSize", sqsArn(source) ? 10 : 100, 1, 10000);
          const m: EventSourceMapping = {
            UUID: randomUUID(),
            EventSourceArn: source,
            FunctionName: f.FunctionName,
            BatchSize: batch,
            MaximumBatchingWindowInSeconds: integer(
              input.MaximumBatchingWindowInSeconds,
              "maximumBatchingWindowInSeconds",
              0,
              0,
              300,
            ),
            Enabled: input.Enabled !== false,
            Created: ctx.now().toISOString(),
            LastModified: ctx.now().toISOString(),
          };
          if (typeof input.StartingPosition === "string") m.StartingPosition = input.StartingPosition;
          if (input.FilterCriteria !== undefined) m.FilterCriteria = input.FilterCriteria;
          if (Array.isArray(input.FunctionResponseTypes))
            m.FunctionResponseTypes = input.FunctionResponseTypes.map(String);
          put(mappings, m.UUID, m);
          // Accepted (202) and Creating; it reads back Enabled (or Disabled) once created.
          return restJsonResponse(esmConfig(m, ctx, "Creating"), 202);
        },
      },
      {
        method: "GET",
        path: `${V}/event-source-mappings/{UUID}`,
        operation: "GetEventSourceMapping",
        handler: ({ UUID }, _req, ctx) => restJsonResponse(esmConfig(esm(UUID!), ctx)),
      },
      {
        method: "DELETE",
        path: `${V}/event-source-mappings/{UUID}`,
        operation: "DeleteEventSourceMapping",
        handler: ({ UUID }, _req, ctx) => {
          const m = esm(UUID!);
          delete esms()[m.UUID];
          return restJsonResponse(esmConfig(m, ctx, "Deleting"), 202);
        },
      },
      {
        method: "GET",
        path: `${V}/event-source-mappings`,
        operation: "ListEventSourceMappings",
        handler: (_labels, req, ctx) => {
          // "ListEventSourceMappings returns a maximum of 100 items in each response, even if you set
          // the number higher." (API reference, ListEventSourceMappings, MaxItems.)
          const max = maxItems(req, 10000, 100);
          const source = req.query.get("EventSourceArn") ?? undefined;
          const fnId = req.query.get("FunctionName") ?? undefined;
          const fnName = fnId === undefined ? undefined : (IDENTIFIER.exec(fnId)?.[4] ?? fnId);
          const all = Object.values(esms())
            .filter(
              (m) =>
                (source === undefined || m.EventSourceArn === source) &&
                (fnName === undefined || m.FunctionName === fnName),
            )
            .sort((a, b) => (a.UUID < b.UUID ? -1 : 1));
          const { page, next } = paginate(all, (m) => m.UUID, req.query.get("Marker") ?? undefined, max);
          const EventSourceMappings = page.map((m) => esmConfig(m, ctx));
          return restJsonResponse(
            next === undefined ? { EventSourceMappings } : { EventSourceMappings, NextMarker: next },
          );
        },
      },
      {
        method: "POST",
        path: `${TAGS}/{Resource}`,
        operation: "TagResource",
        handler: ({ Resource }, req, ctx) => {
          const f = byArn(Resource!, ctx);
          const input = body(req);
          if (input.Tags === null || typeof input.Tags !== "object") {
            throw validation("tags", undefined, "Member must not be null");
          }
          const merged = { ...f.tags };
          for (const [k, v] of Object.entries(tagMap(input.Tags))) put(merged, k, v);
          if (Object.keys(merged).length > 50) {
            throw invalid("Number of tags exceeds resource tag limit.");
          }
          f.tags = merged;
          return { status: 204 };
        },
      },
      {
        method: "DELETE",
        path: `${TAGS}/{Resource}`,
        operation: "UntagResource",
        handler: ({ Resource }, req, ctx) => {
          const f = byArn(Resource!, ctx);
          const keys = req.query.getAll("tagKeys");
          if (keys.length === 0) throw validation("tagKeys", undefined, "Member must not be null");
          for (const k of keys) delete f.tags[k];
          return { status: 204 };
        },
      },
      {
        method: "GET",
        path: `${TAGS}/{Resource}`,
        operation: "ListTags",
        handler: ({ Resource }, _req, ctx) => restJsonResponse({ Tags: { ...byArn(Resource!, ctx).tags } }),
      },
    ];
  },
});
