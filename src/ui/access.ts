/**
 * Who may talk to the `stateward ui` server: a request for this server's own address (no DNS
 * rebinding), from its own page (no cross-site request), holding the run's token (cookie or Bearer).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

export const COOKIE = "stateward_ui";

/** 32 random bytes, base64url: new for each run. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The headers of every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy":
    // i18n-exempt: an HTTP header's value
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

/** An error of the server's own, with the HTTP status it answers with. */
export class HttpError extends StatewardError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    hint?: string,
  ) {
    super(code, message, hint === undefined ? {} : { hint });
  }
}

function forbidden(message: string): HttpError {
  return new HttpError(403, "FORBIDDEN", message, t("ui.error.forbidden.hint"));
}

/**
 * 403 unless the request is for this server's own address and, when the browser says where it comes
 * from, from this server's own page.
 */
export function checkOrigin(req: IncomingMessage, port: number): void {
  const host = req.headers.host ?? "";
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!hosts.includes(host.toLowerCase())) throw forbidden(t("ui.error.forbidden-host", { host }));
  const origin = req.headers.origin;
  if (origin !== undefined && ![`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin))
    throw forbidden(t("ui.error.forbidden-origin", { origin }));
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site") throw forbidden(t("ui.error.forbidden-origin", { origin: site }));
}

/** Compares in constant time (for equal lengths; a different length is refused at once). */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token the request carries: the cookie, or `Authorization: Bearer <t>`. */
export function requestToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth !== undefined && /^Bearer /i.test(auth)) return auth.slice("Bearer ".length).trim();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === COOKIE) return value.join("=");
  }
  return undefined;
}

export function unauthorized(): HttpError {
  return new HttpError(401, "UNAUTHORIZED", t("ui.error.unauthorized"), t("ui.error.unauthorized.hint"));
}

/** 401 unless the request holds the token. */
export function checkToken(req: IncomingMessage, token: string): void {
  if (!sameToken(requestToken(req), token)) throw unauthorized();
}

/** The cookie `GET /?token=` sets. */
export function tokenCookie(token: string): string {
  return `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`; // i18n-exempt: an HTTP header's value
}
