/**
 * Posting one JSON message to a webhook: a few tries with exponential backoff on network errors, 5xx
 * and 429, bounded in time, and never a word of the URL beyond its scheme and host (a webhook's path
 * and query string are its secret). The sender never throws: it says whether the message arrived.
 */
import { t } from "../i18n/index.js";

/** Where to post: the URL, and the part of it that may be shown (scheme and host). */
export interface NotifyTarget {
  url: URL;
  /** `https://hooks.slack.com`: all that is ever printed. */
  shown: string;
}

/** Reads a `--notify` value: an http(s) URL, or undefined when it is not one. */
export function notifyTarget(value: string): NotifyTarget | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.hostname === "") return undefined;
  return { url, shown: shownPart(url) };
}

/** Scheme and host (with a port when it has one): nothing from the path, query, fragment or user info. */
export function shownPart(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

export interface SendOptions {
  /** The waits between tries; their count + 1 is the number of tries (default 0.5 s, 1.5 s: three tries). */
  delaysMs?: readonly number[];
  /** How long one try may wait for an answer (default 3 s). */
  attemptTimeoutMs?: number;
  /** The whole send, tries and waits together, never takes longer than this (default 10 s). */
  totalMs?: number;
  /** For tests: the clock's sleep. */
  sleep?: (ms: number) => Promise<void>;
}

export type SendResult =
  { ok: true; attempts: number; status: number } | { ok: false; attempts: number; reason: string };

/**
 * The defaults every send starts from: three tries (waits of 0.5 s and 1.5 s), 3 s a try, 10 s in
 * all. Tests that run the CLI in-process shorten them here.
 */
export const notifyTiming: { delaysMs: readonly number[]; attemptTimeoutMs: number; totalMs: number } = {
  delaysMs: [500, 1500],
  attemptTimeoutMs: 3000,
  totalMs: 10_000,
};

/** Posts `body` as JSON; retries network errors, 5xx and 429 with the given waits. */
export async function postJson(
  target: NotifyTarget,
  body: unknown,
  options: SendOptions = {},
): Promise<SendResult> {
  const delays = options.delaysMs ?? notifyTiming.delaysMs;
  const perTry = options.attemptTimeoutMs ?? notifyTiming.attemptTimeoutMs;
  const deadline = Date.now() + (options.totalMs ?? notifyTiming.totalMs);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const payload = JSON.stringify(body);
  let reason = "";
  let attempts = 0;
  for (let i = 0; i <= delays.length; i++) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    attempts++;
    const outcome = await tryOnce(target, payload, Math.min(perTry, left));
    if (outcome.ok) return { ok: true, attempts, status: outcome.status };
    reason = outcome.reason;
    if (!outcome.retry) break;
    const wait = delays[i];
    if (wait === undefined || Date.now() + wait >= deadline) break;
    await sleep(wait);
  }
  return { ok: false, attempts, reason };
}

type TryOutcome = { ok: true; status: number } | { ok: false; retry: boolean; reason: string };

async function tryOnce(target: NotifyTarget, payload: string, timeoutMs: number): Promise<TryOutcome> {
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: "POST",
      // i18n-exempt: an HTTP header value
      headers: { "content-type": "application/json; charset=utf-8" },
      body: payload,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return { ok: false, retry: true, reason: networkReason(e, timeoutMs) };
  }
  const text = await response.text().catch(() => "");
  const status = response.status;
  if (status === 429 || status >= 500)
    return { ok: false, retry: true, reason: t("guard.notify.reason.status", { status }) };
  if (status < 200 || status >= 300)
    return { ok: false, retry: false, reason: t("guard.notify.reason.status", { status }) };
  // Feishu/Lark and DingTalk answer 200 with an error code in the body (a bad signature, a keyword).
  const refused = refusedInBody(text);
  if (refused !== undefined)
    return { ok: false, retry: false, reason: t("guard.notify.reason.refused", { code: refused }) };
  return { ok: true, status };
}

/** A chat bot's error code in a 200 answer: Feishu's `code`/`StatusCode`, DingTalk's `errcode`. */
function refusedInBody(text: string): string | undefined {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof o !== "object" || o === null) return undefined;
  const r = o as Record<string, unknown>;
  for (const key of ["errcode", "code", "StatusCode"]) {
    const v = r[key];
    if (typeof v === "number" && v !== 0) return String(v);
  }
  return undefined;
}

/** Why a try got no answer, in words that carry nothing of the URL (only an error code). */
function networkReason(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: unknown } };
  if (err.name === "TimeoutError" || err.name === "AbortError")
    return t("guard.notify.reason.timeout", { seconds: Math.round(timeoutMs / 100) / 10 });
  const code = typeof err.cause?.code === "string" ? err.cause.code : undefined;
  return code === undefined
    ? t("guard.notify.reason.network")
    : t("guard.notify.reason.networkCode", { code });
}
