/**
 * The one place stateward constructs AWS clients. Credentials, region and endpoint come from the
 * standard SDK chain (environment, shared config/credentials files, SSO, instance roles), so
 * `AWS_ENDPOINT_URL` points every client at another AWS-compatible endpoint; S3 then uses path-style
 * addressing, which such endpoints expect.
 */
import { readFileSync } from "node:fs";
import https from "node:https";
import type { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SESClient } from "@aws-sdk/client-ses";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { SSMClient } from "@aws-sdk/client-ssm";
import type { STSClient } from "@aws-sdk/client-sts";
import type { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { StatewardError } from "../errors.js";
import { awsError } from "./aws-errors.js";
import { boundCalls, CallCounter, serviceOfKey, type MiddlewareStack } from "./call-budget.js";
import { customEndpoint } from "./endpoint.js";
import { sdk } from "./sdk.js";
import { t } from "../i18n/index.js";

export { knownProfile } from "./profiles.js";

export { awsError, awsErrorCode, httpStatus } from "./aws-errors.js";
export { callFacts, CallCounter, type CallCounts, type CallFacts } from "./call-budget.js";
export { customEndpoint } from "./endpoint.js";

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
    throw new StatewardError("USAGE", t("cloud.timeout.bad", { text }), {
      hint: t("cloud.timeout.bad.hint"),
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

/** Clients for one account/region/profile, created once each. */
export class AwsClients {
  private readonly cache = new Map<string, { destroy(): void }>();
  /** Every request these clients sent over the wire, per service (retries included). */
  readonly calls = new CallCounter();
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
        ...this.caAgent(),
        connectionTimeout: attempt,
        requestTimeout: attempt,
        socketTimeout: attempt,
        throwOnRequestTimeout: true,
        logger: QUIET_LOGGER,
      },
    };
  }

  private agent: https.Agent | undefined;

  /**
   * `AWS_CA_BUNDLE` (the AWS CLI's and SDKs' setting): a PEM file of certificates to trust besides
   * Node's, for a TLS-inspecting proxy or the local cloud's self-signed certificate.
   */
  private caAgent(): { httpsAgent?: https.Agent } {
    const file = this.env.AWS_CA_BUNDLE;
    if (file === undefined || file === "") return {};
    if (this.agent === undefined) {
      let ca: string;
      try {
        ca = readFileSync(file, "utf8");
      } catch (cause) {
        throw new StatewardError("USAGE", t("cloud.ca-bundle.unreadable", { file }), {
          hint: t("cloud.ca-bundle.unreadable.hint"),
          cause,
        });
      }
      this.agent = new https.Agent({ keepAlive: true, ca });
    }
    return { httpsAgent: this.agent };
  }

  private get<T extends { destroy(): void; middlewareStack: unknown }>(key: string, make: () => T): T {
    let client = this.cache.get(key) as T | undefined;
    if (client === undefined) {
      client = make();
      const service = serviceOfKey(key);
      boundCalls(
        client.middlewareStack as MiddlewareStack,
        this.timeoutMs,
        attemptTimeoutMs(this.target),
        () => this.calls.add(service),
      );
      this.cache.set(key, client);
    }
    return client;
  }

  /**
   * A client of any service, created once per region: a driver passes its SDK client class and the
   * service's endpoint id (the `AWS_ENDPOINT_URL_<ID>` suffix: `EVENTBRIDGE`, `API_GATEWAY_V2`, …), so
   * this module imports no SDK client a command does not use. Global services pass us-east-1.
   */
  client<T extends { destroy(): void; middlewareStack: unknown }>(
    Client: new (config: ReturnType<AwsClients["base"]>) => T,
    endpointId: string,
    region = this.target.region,
  ): T {
    return this.get(`${endpointId}:${region}`, () => new Client(this.base(endpointId, region)));
  }

  s3(region = this.target.region): S3Client {
    return this.get(
      `s3:${region}`,
      () =>
        new (sdk.s3().S3Client)({
          ...this.base("S3", region),
          forcePathStyle: customEndpoint(this.env) !== undefined,
        }),
    );
  }

  ssm(region = this.target.region): SSMClient {
    return this.get(`ssm:${region}`, () => new (sdk.ssm().SSMClient)(this.base("SSM", region)));
  }

  sts(): STSClient {
    return this.get("sts", () => new (sdk.sts().STSClient)(this.base("STS")));
  }

  tagging(region = this.target.region): ResourceGroupsTaggingAPIClient {
    return this.get(
      `tagging:${region}`,
      () =>
        new (sdk.tagging().ResourceGroupsTaggingAPIClient)(this.base("RESOURCE_GROUPS_TAGGING_API", region)),
    );
  }

  dynamodb(region = this.target.region): DynamoDBClient {
    return this.get(
      `dynamodb:${region}`,
      () => new (sdk.dynamodb().DynamoDBClient)(this.base("DYNAMODB", region)),
    );
  }

  logs(region = this.target.region): CloudWatchLogsClient {
    return this.get(
      `logs:${region}`,
      () => new (sdk.logs().CloudWatchLogsClient)(this.base("CLOUDWATCH_LOGS", region)),
    );
  }

  lambda(region = this.target.region): LambdaClient {
    return this.get(`lambda:${region}`, () => new (sdk.lambda().LambdaClient)(this.base("LAMBDA", region)));
  }

  sesv2(region = this.target.region): SESv2Client {
    return this.get(`sesv2:${region}`, () => new (sdk.sesv2().SESv2Client)(this.base("SESV2", region)));
  }

  secretsmanager(region = this.target.region): SecretsManagerClient {
    return this.get(
      `secretsmanager:${region}`,
      () => new (sdk.secretsmanager().SecretsManagerClient)(this.base("SECRETS_MANAGER", region)),
    );
  }

  sns(region = this.target.region): SNSClient {
    return this.get(`sns:${region}`, () => new (sdk.sns().SNSClient)(this.base("SNS", region)));
  }

  sqs(region = this.target.region): SQSClient {
    return this.get(`sqs:${region}`, () => new (sdk.sqs().SQSClient)(this.base("SQS", region)));
  }

  ses(region = this.target.region): SESClient {
    return this.get(`ses:${region}`, () => new (sdk.ses().SESClient)(this.base("SES", region)));
  }

  /** IAM, CloudFront and Route 53 are global: one client, signed for us-east-1. */
  iam(): IAMClient {
    return this.get("iam", () => new (sdk.iam().IAMClient)(this.base("IAM", "us-east-1")));
  }

  cloudfront(): CloudFrontClient {
    return this.get(
      "cloudfront",
      () => new (sdk.cloudfront().CloudFrontClient)(this.base("CLOUDFRONT", "us-east-1")),
    );
  }

  route53(): Route53Client {
    return this.get("route53", () => new (sdk.route53().Route53Client)(this.base("ROUTE_53", "us-east-1")));
  }

  /** Who the credentials belong to (cached); used to name the account and the author of a change. */
  callerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
    this.identity ??= this.sts()
      .send(new (sdk.sts().GetCallerIdentityCommand)({}), { abortSignal: signal })
      .then((r) => ({ account: r.Account ?? "unknown", arn: r.Arn ?? "unknown" }))
      .catch((e: unknown) => {
        this.identity = undefined;
        throw awsError(e, t("cloud.sts.who"));
      });
    return this.identity;
  }

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }
}
