/**
 * SDK failures in words: each becomes a StatewardError with a stable code, a message that names the
 * endpoint and what was tried, and a hint that says what to do.
 */
import { StatewardError } from "../errors.js";
import { t, type MessageId } from "../i18n/index.js";
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

/** What a Node network error code says happened, for the message (its catalog id). */
const NETWORK_IDS = {
  ECONNREFUSED: "cloud.net.refused",
  ECONNRESET: "cloud.net.closed",
  EPIPE: "cloud.net.closed",
  ENOTFOUND: "cloud.net.host-not-found",
  EAI_AGAIN: "cloud.net.lookup-failed",
  EHOSTUNREACH: "cloud.net.host-unreachable",
  ENETUNREACH: "cloud.net.network-unreachable",
} as const satisfies Record<string, MessageId>;
const NETWORK_CODES: Readonly<Record<string, (typeof NETWORK_IDS)[keyof typeof NETWORK_IDS] | undefined>> =
  NETWORK_IDS;

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
  const one = facts.attempts === 1;
  const attempts = facts.attempts;
  const elapsed = seconds(facts.elapsedMs);
  if (facts.skipped === true) {
    return t(one ? "cloud.aws.tried.skipped.one" : "cloud.aws.tried.skipped.other", {
      attempts,
      elapsed,
      timeout: seconds(facts.timeoutMs),
    });
  }
  if (!timeout) return t(one ? "cloud.aws.tried.one" : "cloud.aws.tried.other", { attempts, elapsed });
  return t(one ? "cloud.aws.tried.timeout.one" : "cloud.aws.tried.timeout.other", {
    attempts,
    elapsed,
    each: seconds(facts.attemptTimeoutMs),
    timeout: seconds(facts.timeoutMs),
  });
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
    return new StatewardError("ABORTED", t("cloud.aws.aborted", { doing }), {
      hint: t("cloud.aws.aborted.hint"),
      cause: e,
    });
  }
  if (name === "TimeoutError" || err.code === "ETIMEDOUT" || /timed? ?out/i.test(message)) {
    const tried = triedText(facts, true);
    return new StatewardError(
      "AWS_TIMEOUT",
      tried === ""
        ? t("cloud.aws.timeout", { doing, where })
        : t("cloud.aws.timeout.tried", { doing, where, tried }),
      {
        hint: local ? t("cloud.aws.timeout.hint.local", { where }) : t("cloud.aws.timeout.hint"),
        cause: e,
      },
    );
  }
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return new StatewardError("AWS_CREDENTIALS", t("cloud.aws.no-credentials", { doing }), {
      hint: t("cloud.aws.no-credentials.hint"),
      cause: e,
    });
  }
  if (/Region is missing/i.test(message)) {
    return new StatewardError("AWS_REGION", t("cloud.aws.no-region", { doing }), {
      hint: t("cloud.aws.no-region.hint"),
      cause: e,
    });
  }
  const networkId = NETWORK_CODES[err.code ?? ""] ?? NETWORK_CODES[name];
  if (networkId === undefined) return undefined;
  const tried = triedText(facts, false);
  const said = { doing, where, reason: t(networkId), code: err.code ?? name };
  return new StatewardError(
    "AWS_UNREACHABLE",
    tried === "" ? t("cloud.aws.unreachable", said) : t("cloud.aws.unreachable.tried", { ...said, tried }),
    {
      hint: local ? t("cloud.aws.unreachable.hint.local", { where }) : t("cloud.aws.unreachable.hint"),
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
    return new StatewardError("AWS_ACCESS_DENIED", t("cloud.aws.access-denied", { doing, message }), {
      hint: t("cloud.aws.access-denied.hint"),
      cause: e,
    });
  }
  if (REJECTED_CREDENTIALS.has(code ?? "")) {
    return new StatewardError(
      "AWS_CREDENTIALS",
      t("cloud.aws.credentials-rejected", { doing, code: code ?? "" }),
      {
        hint: t("cloud.aws.credentials-rejected.hint"),
        cause: e,
      },
    );
  }
  const status = httpStatus(e);
  const tried = triedText(facts, false);
  // "with backoff" only when there was a retry to back off before.
  const retried = (facts?.attempts ?? 0) > 1 ? t("cloud.aws.with-backoff", { tried }) : tried;
  if (status === 429 || THROTTLING_CODES.has(code ?? "")) {
    const said = { doing, where, code: code ?? `HTTP ${status}` };
    return new StatewardError(
      "AWS_THROTTLED",
      tried === ""
        ? t("cloud.aws.throttled", said)
        : t("cloud.aws.throttled.tried", { ...said, tried: retried }),
      { hint: t("cloud.aws.throttled.hint"), cause: e },
    );
  }
  if (status !== undefined && status >= 500) {
    const said = { doing, where, status, code: code ?? name, message };
    return new StatewardError(
      "AWS_SERVER_ERROR",
      tried === ""
        ? t("cloud.aws.server-error", said)
        : t("cloud.aws.server-error.tried", { ...said, tried: retried }),
      { hint: t("cloud.aws.server-error.hint"), cause: e },
    );
  }
  const said = { doing, code: code ?? name, message };
  return new StatewardError(
    "AWS_ERROR",
    status === undefined ? t("cloud.aws.error", said) : t("cloud.aws.error.status", { ...said, status }),
    { cause: e },
  );
}
