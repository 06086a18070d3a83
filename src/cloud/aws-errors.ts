/**
 * SDK failures in words: each becomes a StatewardError with a stable code, a message that names the
 * endpoint and what was tried, and a hint that says what to do.
 */
import { StatewardError } from "../errors.js";
import { callFacts, type CallFacts } from "./call-budget.js";
import { customEndpoint } from "./endpoint.js";

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
  const facts = callFacts(e);
  const { address, port } = err as { address?: string; port?: number };
  const where =
    facts?.endpoint ??
    customEndpoint(env) ??
    (address === undefined ? "AWS" : `${address}${port === undefined ? "" : `:${port}`}`);
  const failure: Failure = {
    e,
    err,
    doing,
    name: err.name ?? "",
    message: (err.message ?? String(e)).replace(/\s+$/, ""),
    facts,
    where,
    local: where !== "AWS" && !isAwsEndpoint(where),
  };
  return unanswered(failure) ?? answered(failure);
}

/** One failed call, as the messages need it. */
interface Failure {
  e: unknown;
  err: SdkLikeError & Error;
  doing: string;
  name: string;
  message: string;
  facts: CallFacts | undefined;
  /** The endpoint (or `AWS`), and whether it is a local one (not AWS's own). */
  where: string;
  local: boolean;
}

/** Failures without an answer from AWS: interrupted, timed out, no credentials or region, unreachable. */
function unanswered(f: Failure): StatewardError | undefined {
  const { e, err, doing, name, message, facts, where, local } = f;
  if (name === "AbortError") {
    return new StatewardError("ABORTED", `${doing} was interrupted.`, {
      hint: "Nothing more was written; `stateward lock status` shows whether a lock was left.",
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
  if (network === undefined) return undefined;
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

const REJECTED_CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "SignatureDoesNotMatch",
]);

/** Failures AWS answered: access denied, credentials rejected, throttling or server errors that outlasted the retries. */
function answered(f: Failure): StatewardError {
  const { e, doing, name, message, facts, where } = f;
  const code = awsErrorCode(e);
  if (code === "AccessDenied" || code === "AccessDeniedException" || code === "UnauthorizedOperation") {
    return new StatewardError("AWS_ACCESS_DENIED", `${doing} failed: access denied (${message}).`, {
      hint: "Use credentials allowed to do this (check --profile / AWS_PROFILE).",
      cause: e,
    });
  }
  if (REJECTED_CREDENTIALS.has(code ?? "")) {
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
