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
  /** How long one attempt of a call may take before it fails and is retried (default 30 s). */
  requestTimeoutMs?: number;
  /** A named profile from the shared config files; undefined uses the default chain. */
  profile?: string;
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

  private base(service: string, region = this.target.region) {
    return {
      region,
      ...fromEnv(this.env, service, this.target.profile),
      ...(this.target.profile === undefined ? {} : { profile: this.target.profile }),
      // The SDK's own adaptive retry, and no other loop on top (ARCHITECTURE.md).
      retryMode: "adaptive",
      maxAttempts: 6,
      // Timeouts that really throw (a bare requestTimeout only warns).
      requestHandler: {
        connectionTimeout: Math.min(5_000, this.target.requestTimeoutMs ?? 5_000),
        requestTimeout: this.target.requestTimeoutMs ?? 30_000,
        throwOnRequestTimeout: true,
      },
    };
  }

  private get<T extends { destroy(): void }>(key: string, make: () => T): T {
    let client = this.cache.get(key) as T | undefined;
    if (client === undefined) {
      client = make();
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

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

/**
 * Turns an SDK failure into a one-paragraph StatewardError: missing credentials, an unreachable
 * endpoint, access denied, throttling that outlasted the retries — each with what to do.
 */
export function awsError(e: unknown, doing: string, env: NodeJS.ProcessEnv = process.env): StatewardError {
  if (e instanceof StatewardError) return e;
  const err = (e ?? {}) as SdkLikeError & Error;
  const name = err.name ?? "";
  const message = (err.message ?? String(e)).replace(/\s+$/, "");
  if (name === "AbortError") {
    return new StatewardError("ABORTED", `${doing} was interrupted.`, {
      hint: "Nothing more was written; `stateward lock status` shows whether a lock was left.",
      exitCode: 130,
      cause: e,
    });
  }
  if (name === "TimeoutError" || /timed? ?out/i.test(message)) {
    return new StatewardError(
      "AWS_TIMEOUT",
      `${doing} failed: no answer in time, after retries (${message}).`,
      {
        hint: "The endpoint is slow or unreachable; try again, or lower --concurrency.",
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
  if (NETWORK_CODES.has(err.code ?? "") || NETWORK_CODES.has(name)) {
    const endpoint = customEndpoint(env);
    const { address, port } = err as { address?: string; port?: number };
    const where =
      endpoint ?? (address === undefined ? "AWS" : `${address}${port === undefined ? "" : `:${port}`}`);
    return new StatewardError(
      "AWS_UNREACHABLE",
      `${doing} failed: ${where} could not be reached (${err.code ?? name}).`,
      {
        hint:
          endpoint === undefined && address === undefined
            ? "Check the network connection and proxy settings."
            : "Check that the endpoint in AWS_ENDPOINT_URL is running (`stateward sandbox` starts the local cloud).",
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
  return new StatewardError(
    "AWS_ERROR",
    `${doing} failed: ${code ?? name}${status === undefined ? "" : ` (HTTP ${status})`}: ${message}`,
    { cause: e },
  );
}
