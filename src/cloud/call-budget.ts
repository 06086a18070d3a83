/**
 * Each AWS call's budget (`--timeout`): two middlewares on every client keep what happened to a call
 * (endpoint, attempts, time) with the error it ended in, and stop retrying an attempt that got no
 * answer once another would not fit in the budget. Retries themselves are the SDK's (adaptive). The
 * inner one also counts every request sent (`CallCounter`), the count doctor and scan print.
 */
import { t } from "../i18n/index.js";

/**
 * Room left for the SDK's backoff before the next attempt after a failure without an answer: its
 * backoff for those is at most 50 ms × 2^(attempts - 1) (100 ms in older releases), so this covers it.
 */
function backoffRoomMs(attempts: number): number {
  return Math.min(2_000, 100 * 2 ** (attempts - 1));
}

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

/** Requests sent, in all and per service (the sandbox's service ids: `s3`, `ssm`, `tagging`, …). */
export interface CallCounts {
  total: number;
  byService: Record<string, number>;
}

/**
 * Every request one set of clients sent over the wire, per service: each attempt counts, so a call
 * the SDK retried twice is three requests; a read not sent (its client went silent) is not counted.
 * One per `AwsClients`, which is one per run.
 */
export class CallCounter {
  private counts: CallCounts = { total: 0, byService: {} };

  add(service: string): void {
    this.counts.total++;
    this.counts.byService[service] = (this.counts.byService[service] ?? 0) + 1;
  }

  get total(): number {
    return this.counts.total;
  }

  /** A copy of the counts so far (services sorted by name). */
  snapshot(): CallCounts {
    const byService: Record<string, number> = {};
    for (const k of Object.keys(this.counts.byService).sort()) byService[k] = this.counts.byService[k]!;
    return { total: this.counts.total, byService };
  }
}

/** The service id a client's cache key names (`s3:us-east-1`, `EVENTBRIDGE:eu-west-1`, `iam`). */
export function serviceOfKey(key: string): string {
  const id = key.split(":")[0]!.toLowerCase().replace(/_/g, "");
  return id === "eventbridge" ? "events" : id;
}

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
export interface MiddlewareStack {
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
export function boundCalls(
  stack: MiddlewareStack,
  timeoutMs: number,
  attemptMs: number,
  onRequest?: () => void,
): void {
  let silent: { until: number; facts: CallFacts } | undefined;
  stack.add(
    (next, context) => async (args) => {
      if (silent !== undefined && Date.now() < silent.until && isRead(context.commandName)) {
        const skipped = Object.assign(new Error(t("cloud.call.no-answer-earlier")), {
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
      // Each attempt is one request over the wire (the retry loop is outside this middleware).
      onRequest?.();
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
