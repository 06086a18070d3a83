/**
 * The one place stateward constructs AWS clients. Credentials, region and endpoint come from the
 * standard SDK chain (environment, shared config/credentials files, SSO, instance roles), so
 * `AWS_ENDPOINT_URL` points every client at another AWS-compatible endpoint; S3 then uses path-style
 * addressing, which such endpoints expect.
 */
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { Route53Client } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { SESClient } from "@aws-sdk/client-ses";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { StatewardError } from "../errors.js";

export interface AwsTarget {
  region: string;
  /**
   * How long one AWS call may go without an answer, its retries included (`--timeout`; default 20 s).
   * An unreachable or silent endpoint is reported within it. Throttling and 5xx answers are not
   * silence: they are retried with the SDK's adaptive backoff, up to MAX_ATTEMPTS attempts.
   */
  timeoutMs?: number;
  /** How long one attempt may wait for an answer (default: a quarter of timeoutMs, at least 250 ms). */
  requestTimeoutMs?: number;
  /** A named profile from the shared config files; undefined uses the default chain. */
  profile?: string;
}

/** The default of `--timeout`: an endpoint that does not answer is reported within this. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Attempts per call (the SDK's adaptive retry mode), whatever the error. */
export const MAX_ATTEMPTS = 6;
/**
 * Room left for the SDK's backoff before the next attempt after a failure without an answer: its
 * backoff for those is at most 50 ms × 2^(attempts - 1) (100 ms in older releases), so this covers it.
 */
function backoffRoomMs(attempts: number): number {
  return Math.min(2_000, 100 * 2 ** (attempts - 1));
}

/** The per-attempt timeout for a call budget: a few attempts fit in one budget. */
export function attemptTimeoutMs(target: Pick<AwsTarget, "timeoutMs" | "requestTimeoutMs">): number {
  const budget = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return Math.min(budget, target.requestTimeoutMs ?? Math.max(250, Math.round(budget / 4)));
}

/**
 * Parses `--timeout`: `20s`, `1.5s`, `500ms`, `2m`, or a number of seconds; from 100 ms to 1 hour.
 */
export function parseTimeout(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)?$/.exec(text.trim());
  const unit = m?.[2] ?? "s";
  const ms = m === null ? NaN : Number(m[1]) * (unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000);
  if (!(ms >= 100 && ms <= 3_600_000)) {
    throw new StatewardError("USAGE", `--timeout "${text}" is not a duration from 100ms to 1h.`, {
      hint: "Use a number with ms, s or m, e.g. --timeout 5s or --timeout 2m.",
      exitCode: 2,
    });
  }
  return Math.round(ms);
}

/** The SDK's messages go nowhere: stateward prints only what it means to (ARCHITECTURE.md). */
const QUIET_LOGGER = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** What happened to one call, kept with the error it ended in (messages name the endpoint). */
export interface CallFacts {
  /** protocol://host[:port] the last attempt went to. */
  endpoint?: string;
  attempts: number;
  elapsedMs: number;
  /** The call's budget for getting an answer and each attempt's share of it. */
  timeoutMs: number;
  attemptTimeoutMs: number;
  /** Retrying stopped because another attempt would not have fitted in the budget. */
  outOfTime: boolean;
  /**
   * Not sent: a read to a client whose previous call got no answer in time, within that call's
   * budget ago (so a silent service costs a scan one budget, not one per call). The facts are that
   * earlier call's.
   */
  skipped?: boolean;
}

const FACTS = new WeakMap<object, CallFacts>();

/** The facts of the call an SDK error ended, when it came from one of stateward's clients. */
export function callFacts(e: unknown): CallFacts | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  return FACTS.get(e) ?? callFacts((e as { cause?: unknown }).cause);
}

/** The last attempt failed with no answer, and no further attempt fits in the call's budget. */
class OutOfTimeError extends Error {
  constructor(readonly last: Error) {
    // Neither a name nor a code nor a `cause` the SDK retries: its retry loop hands it straight back.
    super(last.message);
    this.name = "StatewardOutOfTime";
  }
}

interface HandlerArgs {
  request?: unknown;
}
type Handler = (args: HandlerArgs) => Promise<unknown>;
type Middleware = (next: Handler, context: Record<string | symbol, unknown>) => Handler;
interface MiddlewareStack {
  add(
    middleware: Middleware,
    options: { step: "initialize" | "finalizeRequest"; name: string; priority?: "high" | "low" },
  ): void;
}

const CALL = Symbol("stateward call");

interface CallState {
  started: number;
  attempts: number;
  endpoint?: string;
  outOfTime: boolean;
}

/** Whether an SDK failure came with no HTTP answer at all (refused, reset, timed out). */
function noAnswer(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return err?.name !== "AbortError" && err?.$metadata?.httpStatusCode === undefined;
}

function requestEndpoint(request: unknown): string | undefined {
  const r = request as { protocol?: string; hostname?: string; port?: number } | undefined;
  if (typeof r?.hostname !== "string" || r.hostname === "") return undefined;
  const protocol =
    r.protocol === undefined ? "https:" : r.protocol.endsWith(":") ? r.protocol : `${r.protocol}:`;
  return `${protocol}//${r.hostname}${r.port === undefined ? "" : `:${r.port}`}`;
}

/**
 * Two middlewares on every client: one around the whole call (its start, and its facts kept with
 * the error it ends in), and one inside the SDK's retry loop, around each attempt: after a failure
 * without an answer, another attempt is made only when it still fits in the call's budget.
 */
/** Reads, which a client whose endpoint just went silent does not send again (writes always try). */
function isRead(commandName: unknown): boolean {
  return typeof commandName === "string" && /^(List|Get|Describe|Head|Lookup|Search)/.test(commandName);
}

function isTimeout(e: unknown): boolean {
  const err = e as { name?: string; code?: string } | undefined;
  return err?.name === "TimeoutError" || err?.code === "ETIMEDOUT";
}

/**
 * Two middlewares on every client: one around the whole call (its start, and its facts kept with
 * the error it ends in), and one inside the SDK's retry loop, around each attempt: after a failure
 * without an answer, another attempt is made only when it still fits in the call's budget. A call
 * that got no answer in time makes the client's reads fail at once for the next budget.
 */
function boundCalls(stack: MiddlewareStack, timeoutMs: number, attemptMs: number): void {
  let silent: { until: number; facts: CallFacts } | undefined;
  stack.add(
    (next, context) => async (args) => {
      if (silent !== undefined && Date.now() < silent.until && isRead(context.commandName)) {
        const skipped = Object.assign(new Error("no answer in time to an earlier call"), {
          name: "TimeoutError",
        });
        FACTS.set(skipped, { ...silent.facts, skipped: true });
        throw skipped;
      }
      const call: CallState = { started: Date.now(), attempts: 0, outOfTime: false };
      context[CALL] = call;
      try {
        const result = await next(args);
        silent = undefined;
        return result;
      } catch (e) {
        const error = e instanceof OutOfTimeError ? e.last : e;
        if (typeof error === "object" && error !== null) {
          const facts: CallFacts = {
            ...(call.endpoint === undefined ? {} : { endpoint: call.endpoint }),
            attempts: call.attempts,
            elapsedMs: Date.now() - call.started,
            timeoutMs,
            attemptTimeoutMs: attemptMs,
            outOfTime: call.outOfTime,
          };
          FACTS.set(error, facts);
          if (noAnswer(error) && isTimeout(error)) silent = { until: Date.now() + timeoutMs, facts };
        }
        throw error;
      }
    },
    { step: "initialize", name: "statewardCallFacts", priority: "high" },
  );
  stack.add(
    (next, context) => async (args) => {
      const call = context[CALL] as CallState | undefined;
      if (call === undefined) return next(args);
      call.attempts++;
      call.endpoint = requestEndpoint(args.request) ?? call.endpoint;
      try {
        return await next(args);
      } catch (e) {
        if (e instanceof Error && noAnswer(e)) {
          const elapsed = Date.now() - call.started;
          if (elapsed + backoffRoomMs(call.attempts) + attemptMs > timeoutMs) {
            call.outOfTime = true;
            throw new OutOfTimeError(e);
          }
        }
        throw e;
      }
    },
    // Inside the retry loop (the SDK's retry middleware is this step's "high" one).
    { step: "finalizeRequest", name: "statewardAttemptBudget", priority: "low" },
  );
}

/**
 * The environment the SDK would read, passed explicitly so a library caller (or a test running the
 * CLI in-process) can hand stateward its own: endpoint and static keys are read from it the way the
 * SDK reads them from process.env; everything else is the SDK's standard chain.
 */
function fromEnv(env: NodeJS.ProcessEnv, service: string, profile: string | undefined) {
  const config: {
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  } = {};
  const endpoint = customEndpoint(env, service);
  if (endpoint !== undefined) config.endpoint = endpoint;
  // Keys in the environment come first in the SDK's chain; a profile chosen by name wins over them.
  if (profile === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    config.credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    if (env.AWS_SESSION_TOKEN) config.credentials.sessionToken = env.AWS_SESSION_TOKEN;
  }
  return config;
}

export interface CallerIdentity {
  account: string;
  arn: string;
}

/** Environment variables that point the SDK at another endpoint (it reads them itself). */
export function customEndpoint(env: NodeJS.ProcessEnv = process.env, service = "S3"): string | undefined {
  return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}

/** Clients for one account/region/profile, created once each. */
export class AwsClients {
  private readonly cache = new Map<string, { destroy(): void }>();
  private identity: Promise<CallerIdentity> | undefined;

  constructor(
    readonly target: AwsTarget,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The endpoint every client uses, when one is set (messages name it). */
  get endpoint(): string | undefined {
    return customEndpoint(this.env);
  }

  /** How long a call may go without an answer, retries included. */
  get timeoutMs(): number {
    return this.target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  private base(service: string, region = this.target.region) {
    const attempt = attemptTimeoutMs(this.target);
    return {
      region,
      ...fromEnv(this.env, service, this.target.profile),
      ...(this.target.profile === undefined ? {} : { profile: this.target.profile }),
      // The SDK's own adaptive retry, and no other loop on top (ARCHITECTURE.md); attempts that get no
      // answer are further bounded by the call's budget (boundCalls).
      retryMode: "adaptive",
      maxAttempts: MAX_ATTEMPTS,
      logger: QUIET_LOGGER,
      // Timeouts that really throw (a bare requestTimeout only warns): connecting, waiting for the
      // answer, and a socket that goes quiet half-way through one.
      requestHandler: {
        connectionTimeout: attempt,
        requestTimeout: attempt,
        socketTimeout: attempt,
        throwOnRequestTimeout: true,
        logger: QUIET_LOGGER,
      },
    };
  }

  private get<T extends { destroy(): void; middlewareStack: unknown }>(key: string, make: () => T): T {
    let client = this.cache.get(key) as T | undefined;
    if (client === undefined) {
      client = make();
      boundCalls(client.middlewareStack as MiddlewareStack, this.timeoutMs, attemptTimeoutMs(this.target));
      this.cache.set(key, client);
    }
    return client;
  }

  s3(region = this.target.region): S3Client {
    return this.get(
      `s3:${region}`,
      () =>
        new S3Client({ ...this.base("S3", region), forcePathStyle: customEndpoint(this.env) !== undefined }),
    );
  }

  ssm(region = this.target.region): SSMClient {
    return this.get(`ssm:${region}`, () => new SSMClient(this.base("SSM", region)));
  }

  sts(): STSClient {
    return this.get("sts", () => new STSClient(this.base("STS")));
  }

  tagging(region = this.target.region): ResourceGroupsTaggingAPIClient {
    return this.get(
      `tagging:${region}`,
      () => new ResourceGroupsTaggingAPIClient(this.base("RESOURCE_GROUPS_TAGGING_API", region)),
    );
  }

  dynamodb(region = this.target.region): DynamoDBClient {
    return this.get(`dynamodb:${region}`, () => new DynamoDBClient(this.base("DYNAMODB", region)));
  }

  logs(region = this.target.region): CloudWatchLogsClient {
    return this.get(`logs:${region}`, () => new CloudWatchLogsClient(this.base("CLOUDWATCH_LOGS", region)));
  }

  lambda(region = this.target.region): LambdaClient {
    return this.get(`lambda:${region}`, () => new LambdaClient(this.base("LAMBDA", region)));
  }

  sesv2(region = this.target.region): SESv2Client {
    return this.get(`sesv2:${region}`, () => new SESv2Client(this.base("SESV2", region)));
  }

  ses(region = this.target.region): SESClient {
    return this.get(`ses:${region}`, () => new SESClient(this.base("SES", region)));
  }

  /** IAM, CloudFront and Route 53 are global: one client, signed for us-east-1. */
  iam(): IAMClient {
    return this.get("iam", () => new IAMClient(this.base("IAM", "us-east-1")));
  }

  cloudfront(): CloudFrontClient {
    return this.get("cloudfront", () => new CloudFrontClient(this.base("CLOUDFRONT", "us-east-1")));
  }

  route53(): Route53Client {
    return this.get("route53", () => new Route53Client(this.base("ROUTE_53", "us-east-1")));
  }

  /** Who the credentials belong to (cached); used to name the account and the author of a change. */
  callerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
    this.identity ??= this.sts()
      .send(new GetCallerIdentityCommand({}), { abortSignal: signal })
      .then((r) => ({ account: r.Account ?? "unknown", arn: r.Arn ?? "unknown" }))
      .catch((e: unknown) => {
        this.identity = undefined;
        throw awsError(e, "Asking STS who the credentials belong to");
      });
    return this.identity;
  }

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

/** The error code AWS answered with (`NoSuchKey`, `PreconditionFailed`, …), if it answered. */
export function awsErrorCode(e: unknown): string | undefined {
  const err = e as SdkLikeError | undefined;
  if (err?.$metadata === undefined) return undefined;
  return err.Code ?? err.name;
}

export function httpStatus(e: unknown): number | undefined {
  return (e as SdkLikeError | undefined)?.$metadata?.httpStatusCode;
}

/** What a Node network error code says happened, for the message. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection closed without an answer",
  EPIPE: "connection closed without an answer",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ProvisionedThroughputExceededException",
  "BandwidthLimitExceeded",
  "PriorRequestNotComplete",
]);

/** AWS's own endpoints (messages then talk about the network, not a local endpoint). */
function isAwsEndpoint(endpoint: string): boolean {
  try {
    return /(^|\.)(amazonaws\.com(\.cn)?|api\.aws)$/.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** "3 attempts in 15.1 s, each given 5.0 s of the 20 s --timeout" — what was tried before giving up. */
function triedText(facts: CallFacts | undefined, timeout: boolean): string {
  if (facts === undefined || facts.attempts === 0) return "";
  if (facts.skipped === true) {
    return `not sent: an earlier call to it just got no answer in ${facts.attempts} attempt${facts.attempts === 1 ? "" : "s"} and ${seconds(facts.elapsedMs)}, within the ${seconds(facts.timeoutMs)} --timeout`;
  }
  const tried = `${facts.attempts} attempt${facts.attempts === 1 ? "" : "s"} in ${seconds(facts.elapsedMs)}`;
  return timeout
    ? `${tried}, each given ${seconds(facts.attemptTimeoutMs)} of the ${seconds(facts.timeoutMs)} --timeout`
    : tried;
}

/**
 * Turns an SDK failure into a one-paragraph StatewardError: missing credentials, an unreachable or
 * silent endpoint (named, with the attempts made), access denied, throttling or server errors that
 * outlasted the retries — each with what to do.
 */
export function awsError(e: unknown, doing: string, env: NodeJS.ProcessEnv = process.env): StatewardError {
  if (e instanceof StatewardError) return e;
  const err = (e ?? {}) as SdkLikeError & Error;
  const name = err.name ?? "";
  const message = (err.message ?? String(e)).replace(/\s+$/, "");
  const facts = callFacts(e);
  const { address, port } = err as { address?: string; port?: number };
  const where =
    facts?.endpoint ??
    customEndpoint(env) ??
    (address === undefined ? "AWS" : `${address}${port === undefined ? "" : `:${port}`}`);
  const local = where !== "AWS" && !isAwsEndpoint(where);
  if (name === "AbortError") {
    return new StatewardError("ABORTED", `${doing} was interrupted.`, {
      hint: "Nothing more was written; `stateward lock status` shows whether a lock was left.",
      exitCode: 130,
      cause: e,
    });
  }
  if (name === "TimeoutError" || err.code === "ETIMEDOUT" || /timed? ?out/i.test(message)) {
    const tried = triedText(facts, true);
    return new StatewardError(
      "AWS_TIMEOUT",
      `${doing} failed: no answer in time from ${where}${tried === "" ? "" : ` (${tried})`}.`,
      {
        hint: local
          ? `Check that the endpoint ${where} (AWS_ENDPOINT_URL) is running and answering; --timeout 60s waits longer.`
          : "Check the network connection, VPN and proxy settings; --timeout 60s waits longer on a slow network.",
        cause: e,
      },
    );
  }
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return new StatewardError("AWS_CREDENTIALS", `${doing} failed: no AWS credentials were found.`, {
      hint: "Set AWS_PROFILE (or --profile) to a configured profile, run `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
      cause: e,
    });
  }
  if (/Region is missing/i.test(message)) {
    return new StatewardError("AWS_REGION", `${doing} failed: no AWS region is configured.`, {
      hint: "Pass --region, or set AWS_REGION.",
      cause: e,
    });
  }
  const network = NETWORK_CODES[err.code ?? ""] ?? NETWORK_CODES[name];
  if (network !== undefined) {
    const tried = triedText(facts, false);
    return new StatewardError(
      "AWS_UNREACHABLE",
      `${doing} failed: ${where} could not be reached (${network}, ${err.code ?? name}${tried === "" ? "" : `; ${tried}`}).`,
      {
        hint: local
          ? `Check that the endpoint ${where} (AWS_ENDPOINT_URL) is running; \`stateward sandbox\` starts the local cloud.`
          : "Check the network connection and proxy settings.",
        cause: e,
      },
    );
  }
  const code = awsErrorCode(e);
  if (code === "AccessDenied" || code === "AccessDeniedException" || code === "UnauthorizedOperation") {
    return new StatewardError("AWS_ACCESS_DENIED", `${doing} failed: access denied (${message}).`, {
      hint: "Use credentials allowed to do this (check --profile / AWS_PROFILE).",
      cause: e,
    });
  }
  if (
    code === "InvalidClientTokenId" ||
    code === "ExpiredToken" ||
    code === "ExpiredTokenException" ||
    code === "SignatureDoesNotMatch"
  ) {
    return new StatewardError(
      "AWS_CREDENTIALS",
      `${doing} failed: the AWS credentials were rejected (${code}).`,
      {
        hint: "Refresh them (`aws sso login`, or new access keys) and try again.",
        cause: e,
      },
    );
  }
  const status = httpStatus(e);
  const tried = triedText(facts, false);
  if (status === 429 || THROTTLING_CODES.has(code ?? "")) {
    return new StatewardError(
      "AWS_THROTTLED",
      `${doing} failed: ${where} was still throttling the calls (${code ?? `HTTP ${status}`}${tried === "" ? "" : `; ${tried}, with backoff`}).`,
      {
        hint: "Too many calls to this API from this account right now (other tools too); try again in a minute.",
        cause: e,
      },
    );
  }
  if (status !== undefined && status >= 500) {
    return new StatewardError(
      "AWS_SERVER_ERROR",
      `${doing} failed: ${where} answered with a server error (HTTP ${status} ${code ?? name}${tried === "" ? "" : `; ${tried}, with backoff`}): ${message}`,
      { hint: "The fault is on the service's side; try again later.", cause: e },
    );
  }
  return new StatewardError(
    "AWS_ERROR",
    `${doing} failed: ${code ?? name}${status === undefined ? "" : ` (HTTP ${status})`}: ${message}`,
    { cause: e },
  );
}
