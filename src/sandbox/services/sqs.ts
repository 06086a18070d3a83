/**
 * Amazon SQS queues over the protocol the current SDK speaks: AWS JSON 1.0 with
 * `X-Amz-Target: AmazonSQS.<Operation>` and the `x-amz-query-mode` compatibility of the old query
 * protocol (what the installed client-sqs 3.1169 sends). Errors carry both names, as
 * AWS sends them: the modelled shape in `__type` (`com.amazonaws.sqs#QueueNameExists`, what the SDK
 * names the exception) and the legacy query code in `x-amzn-query-error` (`QueueAlreadyExists;Sender`,
 * what the SDK puts in `error.Code` and what older SDKs and tools print).
 *
 * The query protocol of older SDKs (form-encoded `Action=CreateQueue&…`, XML replies, errors named by
 * the legacy code) is served too, by translating to the same operations.
 *
 * Queues hold no messages here (the approximate counts stay 0). A queue's URL is the public AWS form
 * `https://sqs.<region>.amazonaws.com/<account>/<name>`; any URL whose last two path segments are the
 * account and the name is accepted back.
 */
import { jsonService, paginate } from "../core/service.js";
import { AwsError, type SandboxRequest, type SandboxResponse, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";
import { parseQueryInput, xmlErrorResponse } from "../core/protocols.js";
import { xmlDocument, type XmlNode } from "../core/xml.js";

interface Queue {
  name: string;
  createdAt: string;
  modifiedAt: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

interface State {
  queues: Record<string, Queue>;
  /** Name → ISO time of the last DeleteQueue, for QueueDeletedRecently. */
  deleted: Record<string, string>;
}

const ERROR_PREFIX = "com.amazonaws.sqs#";
/**
 * The legacy (query protocol) code of each modelled error, from the SDK model's `awsQueryError`
 * trait (node_modules/@aws-sdk/client-sqs): sent in `x-amzn-query-error`.
 */
const QUERY_CODES: Record<string, string> = {
  QueueNameExists: "QueueAlreadyExists",
  QueueDoesNotExist: "AWS.SimpleQueueService.NonExistentQueue",
  QueueDeletedRecently: "AWS.SimpleQueueService.QueueDeletedRecently",
  InvalidAddress: "InvalidAddress",
  RequestThrottled: "RequestThrottled",
};

/** Attributes a caller may set (API_CreateQueue, "Attributes"), with their documented defaults. */
const STANDARD_DEFAULTS: Record<string, string> = {
  DelaySeconds: "0",
  // 1 MiB since 2025 (API_CreateQueue: "Default: 1,048,576 bytes (1 MiB)").
  MaximumMessageSize: "1048576",
  MessageRetentionPeriod: "345600",
  ReceiveMessageWaitTimeSeconds: "0",
  VisibilityTimeout: "30",
  // SSE-SQS is on by default for new queues (SQS developer guide, "Encryption at rest").
  SqsManagedSseEnabled: "true",
};
const FIFO_DEFAULTS: Record<string, string> = {
  FifoQueue: "true",
  ContentBasedDeduplication: "false",
  DeduplicationScope: "queue",
  FifoThroughputLimit: "perQueue",
};
const SETTABLE = new Set([
  ...Object.keys(STANDARD_DEFAULTS),
  ...Object.keys(FIFO_DEFAULTS),
  "Policy",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
]);
const COMPUTED = [
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
];
/** API_DeleteQueue: "you must wait at least 60 seconds before creating a queue with the same name". */
const RECREATE_WAIT_MS = 60_000;
const MAX_TAGS = 50;
/** API_ListQueues: MaxResults "Value range is 1 to 1000"; without it, up to 1,000 URLs and no token. */
const MAX_LIST = 1000;

function queueDoesNotExist(): AwsError {
  return new AwsError("QueueDoesNotExist", "The specified queue does not exist.");
}

function invalidValue(message: string): AwsError {
  return new AwsError("InvalidParameterValue", message);
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new AwsError("SerializationException", `Unexpected value for '${field}'.`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    put(out, k, typeof v === "string" ? v : String(v));
  }
  return out;
}

function queueArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`;
}

function queueUrl(ctx: ServiceContext, name: string): string {
  return `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${name}`;
}

/** API_CreateQueue, QueueName: up to 80 alphanumerics, hyphens and underscores; FIFO ends in `.fifo`. */
function validateName(name: string, fifo: boolean): void {
  const base = name.endsWith(".fifo") ? name.slice(0, -5) : name;
  if (name.length < 1 || name.length > 80 || !/^[A-Za-z0-9_-]+$/.test(base)) {
    throw invalidValue(
      "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
    );
  }
  if (fifo && !name.endsWith(".fifo")) {
    throw invalidValue(
      "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
    );
  }
  if (!fifo && name.endsWith(".fifo")) {
    throw invalidValue(
      "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
    );
  }
}

function checkAttributeNames(attrs: Record<string, string>): void {
  for (const name of Object.keys(attrs)) {
    if (!SETTABLE.has(name)) throw new AwsError("InvalidAttributeName", `Unknown Attribute ${name}.`);
  }
}

const sqsBase = jsonService<State>({
  signingNames: ["sqs"],
  targetPrefix: "AmazonSQS",
  version: "1.0",
  errorTypePrefix: ERROR_PREFIX,
  // API_Errors-style throttling of SQS: RequestThrottled (403 in the model's awsQueryError trait).
  throttle: { code: "RequestThrottled", status: 403, message: "Request is throttled." },
  initial: () => ({ queues: {}, deleted: {} }),
  tagged: (state, _region, ctx) =>
    Object.values(state.queues)
      .filter((q) => Object.keys(q.tags).length > 0)
      .map((q) => ({ arn: queueArn(ctx, q.name), resourceType: "sqs:queue", tags: q.tags })),
  operations: (svc) => {
    const byUrl = (input: Record<string, unknown>, ctx: ServiceContext): Queue => {
      const url = input.QueueUrl;
      if (typeof url !== "string" || url === "") {
        throw invalidValue("Value for parameter QueueUrl is invalid. Reason: Must specify a queue URL.");
      }
      const parts = url
        .replace(/^[a-z]+:\/\/[^/]*/i, "")
        .split("/")
        .filter(Boolean);
      const [account, name] = parts.slice(-2);
      if (account !== ctx.accountId || name === undefined) throw queueDoesNotExist();
      const q = own(svc.state.queues, name);
      if (q === undefined) throw queueDoesNotExist();
      return q;
    };

    return {
      CreateQueue(input, ctx) {
        const name = input.QueueName;
        if (typeof name !== "string") {
          throw invalidValue("Value for parameter QueueName is invalid. Reason: Must specify a queue name.");
        }
        const attrs = stringMap(input.Attributes, "Attributes");
        checkAttributeNames(attrs);
        const fifo = attrs.FifoQueue === "true";
        validateName(name, fifo);
        const tags = stringMap(input.tags, "tags");
        if (Object.keys(tags).length > MAX_TAGS) {
          throw invalidValue(`Too many tags added for queue ${name}.`);
        }
        const existing = own(svc.state.queues, name);
        if (existing !== undefined) {
          // API_CreateQueue: an existing name with the same attribute values returns the existing
          // URL; "QueueNameExists … only if the request includes attributes whose values differ
          // from those of the existing queue". Attributes not sent are not compared, nor are tags.
          for (const [k, v] of Object.entries(attrs)) {
            if (existing.attributes[k] !== v) {
              // The message AWS sends (seen in freeCodeCamp/mail-for-good#159, fixture sqs-queue.log).
              throw new AwsError(
                "QueueNameExists",
                `A queue already exists with the same name and a different value for attribute ${k}`,
              );
            }
          }
          return { QueueUrl: queueUrl(ctx, name) };
        }
        const deletedAt = own(svc.state.deleted, name);
        if (deletedAt !== undefined && ctx.now().getTime() - Date.parse(deletedAt) < RECREATE_WAIT_MS) {
          // API_CreateQueue errors: QueueDeletedRecently, "You must wait 60 seconds after deleting a
          // queue before you can create another queue with the same name."
          throw new AwsError(
            "QueueDeletedRecently",
            "You must wait 60 seconds after deleting a queue before you can create another queue with the same name.",
          );
        }
        const now = ctx.now().toISOString();
        const attributes = { ...STANDARD_DEFAULTS, ...(fifo ? FIFO_DEFAULTS : {}) };
        for (const [k, v] of Object.entries(attrs)) put(attributes, k, v);
        if (attributes.KmsMasterKeyId !== undefined && attrs.SqsManagedSseEnabled === undefined) {
          // SSE-KMS replaces the default SSE-SQS.
          attributes.SqsManagedSseEnabled = "false";
        }
        put(svc.state.queues, name, { name, createdAt: now, modifiedAt: now, attributes, tags });
        delete svc.state.deleted[name];
        return { QueueUrl: queueUrl(ctx, name) };
      },

      GetQueueUrl(input, ctx) {
        const name = input.QueueName;
        if (typeof name !== "string" || name === "") {
          throw invalidValue("Value for parameter QueueName is invalid. Reason: Must specify a queue name.");
        }
        const owner = input.QueueOwnerAWSAccountId;
        if (typeof owner === "string" && owner !== ctx.accountId) throw queueDoesNotExist();
        if (own(svc.state.queues, name) === undefined) throw queueDoesNotExist();
        return { QueueUrl: queueUrl(ctx, name) };
      },

      ListQueues(input, ctx) {
        const prefix = typeof input.QueueNamePrefix === "string" ? input.QueueNamePrefix : "";
        const max = input.MaxResults;
        if (
          max !== undefined &&
          (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > MAX_LIST)
        ) {
          throw invalidValue(
            `Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and ${MAX_LIST}.`,
          );
        }
        const all = Object.keys(svc.state.queues)
          .filter((n) => n.startsWith(prefix))
          .sort();
        const token = typeof input.NextToken === "string" ? input.NextToken : undefined;
        if (max === undefined) {
          // API_ListQueues: without MaxResults, at most 1,000 URLs and never a NextToken.
          return { QueueUrls: all.slice(0, MAX_LIST).map((n) => queueUrl(ctx, n)) };
        }
        const { page, next } = paginate(all, (n) => n, token, max);
        const QueueUrls = page.map((n) => queueUrl(ctx, n));
        return next === undefined ? { QueueUrls } : { QueueUrls, NextToken: next };
      },

      GetQueueAttributes(input, ctx) {
        const q = byUrl(input, ctx);
        const names = Array.isArray(input.AttributeNames)
          ? input.AttributeNames.filter((n): n is string => typeof n === "string")
          : [];
        const full: Record<string, string> = {
          ...q.attributes,
          QueueArn: queueArn(ctx, q.name),
          ApproximateNumberOfMessages: "0",
          ApproximateNumberOfMessagesNotVisible: "0",
          ApproximateNumberOfMessagesDelayed: "0",
          CreatedTimestamp: String(Math.floor(Date.parse(q.createdAt) / 1000)),
          LastModifiedTimestamp: String(Math.floor(Date.parse(q.modifiedAt) / 1000)),
        };
        const out: Record<string, string> = {};
        for (const n of names) {
          if (n === "All") return { Attributes: full };
          if (!SETTABLE.has(n) && !COMPUTED.includes(n)) {
            throw new AwsError("InvalidAttributeName", `Unknown Attribute ${n}.`);
          }
          const v = own(full, n);
          if (v !== undefined) put(out, n, v);
        }
        // No names (or only ones the queue does not have, such as FifoQueue on a standard queue):
        // no Attributes member at all, as AWS answers.
        return Object.keys(out).length === 0 ? {} : { Attributes: out };
      },

      DeleteQueue(input, ctx) {
        const q = byUrl(input, ctx);
        delete svc.state.queues[q.name];
        put(svc.state.deleted, q.name, ctx.now().toISOString());
        return {};
      },

      TagQueue(input, ctx) {
        const q = byUrl(input, ctx);
        const tags = stringMap(input.Tags, "Tags");
        const merged = { ...q.tags };
        for (const [k, v] of Object.entries(tags)) put(merged, k, v);
        if (Object.keys(merged).length > MAX_TAGS) {
          throw invalidValue(`Too many tags added for queue ${q.name}.`);
        }
        q.tags = merged;
        return {};
      },

      UntagQueue(input, ctx) {
        const q = byUrl(input, ctx);
        const keys = Array.isArray(input.TagKeys) ? input.TagKeys : [];
        for (const k of keys) if (typeof k === "string") delete q.tags[k];
        return {};
      },

      ListQueueTags(input, ctx) {
        const q = byUrl(input, ctx);
        return Object.keys(q.tags).length === 0 ? {} : { Tags: { ...q.tags } };
      },
    };
  },
});

/** Adds the `x-amzn-query-error: <legacy code>;<Sender|Receiver>` header to the JSON errors. */
function withQueryError(res: SandboxResponse, error: AwsError): SandboxResponse {
  const code = QUERY_CODES[error.code] ?? error.code;
  return { ...res, headers: { ...res.headers, "x-amzn-query-error": `${code};${error.type}` } };
}

/* The query protocol (form-encoded `Action=…`, XML replies) of older SDKs and tools ------------- */

const QUERY_XMLNS = "http://queue.amazonaws.com/doc/2012-11-05/";

function isQuery(req: SandboxRequest): boolean {
  return (
    req.headers["x-amz-target"] === undefined &&
    ((req.headers["content-type"] ?? "").includes("x-www-form-urlencoded") || req.query.has("Action"))
  );
}

/** The query request's parameters in the JSON shape the operations take. */
function queryToJson(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ["QueueName", "QueueUrl", "QueueNamePrefix", "NextToken", "QueueOwnerAWSAccountId"]) {
    if (typeof input[k] === "string") out[k] = input[k];
  }
  if (typeof input.MaxResults === "string") out.MaxResults = Number(input.MaxResults);
  const pairs = (list: unknown, key: string, value: string) => {
    const record: Record<string, string> = {};
    if (Array.isArray(list)) {
      for (const e of list as Record<string, unknown>[]) {
        if (typeof e?.[key] === "string") put(record, e[key], typeof e[value] === "string" ? e[value] : "");
      }
    }
    return record;
  };
  if (input.Attribute !== undefined) out.Attributes = pairs(input.Attribute, "Name", "Value");
  if (input.Tag !== undefined) {
    // CreateQueue takes `tags`, TagQueue `Tags` (both `Tag.N.Key/Value` on the query wire).
    out.tags = pairs(input.Tag, "Key", "Value");
    out.Tags = out.tags;
  }
  if (Array.isArray(input.AttributeName)) out.AttributeNames = input.AttributeName;
  if (Array.isArray(input.TagKey)) out.TagKeys = input.TagKey;
  return out;
}

/** A JSON result as the query protocol's `<Action>Result` element. */
function jsonToXml(action: string, output: Record<string, unknown>): XmlNode | undefined {
  const map = (value: unknown, key: string, val: string) =>
    Object.entries((value ?? {}) as Record<string, string>).map(([k, v]) => ({ [key]: k, [val]: v }));
  switch (action) {
    case "CreateQueue":
    case "GetQueueUrl":
      return { QueueUrl: output.QueueUrl as string };
    case "ListQueues":
      return { QueueUrl: (output.QueueUrls ?? []) as string[], NextToken: output.NextToken as string };
    case "GetQueueAttributes":
      return { Attribute: map(output.Attributes, "Name", "Value") };
    case "ListQueueTags":
      return { Tag: map(output.Tags, "Key", "Value") };
    default:
      return undefined;
  }
}

export const sqs = {
  ...sqsBase,
  create() {
    const service = sqsBase.create();
    const format = service.formatError.bind(service);
    const resolve = service.resolve.bind(service);
    service.formatError = (error: AwsError, req: SandboxRequest) => {
      if (!isQuery(req)) return withQueryError(format(error, req), error);
      // The query protocol names errors by their legacy code (`QueueAlreadyExists`, …).
      const legacy = new AwsError(QUERY_CODES[error.code] ?? error.code, error.message, error.status);
      return xmlErrorResponse(legacy, req, QUERY_XMLNS);
    };
    service.resolve = (req: SandboxRequest, ctx: ServiceContext) => {
      if (!isQuery(req)) return resolve(req, ctx);
      const params = new URLSearchParams(
        req.method === "POST" ? req.body.toString("utf8") : req.query.toString(),
      );
      const action = params.get("Action") ?? "";
      const json: SandboxRequest = {
        ...req,
        method: "POST",
        headers: { ...req.headers, "x-amz-target": `AmazonSQS.${action}` },
        body: Buffer.from(JSON.stringify(queryToJson(parseQueryInput(params)))),
      };
      const inner = resolve(json, ctx);
      return {
        operation: inner.operation,
        run: async () => {
          const res = await inner.run();
          const output = JSON.parse(String(res.body ?? "{}")) as Record<string, unknown>;
          const result = jsonToXml(action, output);
          const body: XmlNode = {};
          if (result !== undefined) body[`${action}Result`] = result;
          body.ResponseMetadata = { RequestId: req.requestId };
          return {
            status: 200,
            headers: { "content-type": "text/xml" },
            body: xmlDocument(`${action}Response`, body, QUERY_XMLNS),
          };
        },
      };
    };
    return service;
  },
};
