/**
 * `stateward ui`'s server: Node's own `http` on 127.0.0.1 only, about ten read-only routes. Every
 * request passes access.ts (Host, Origin, token); the API's documents come from data.ts, the page's
 * files from assets.ts. The token is never logged.
 */
import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StageOptions } from "../backends/resolve.js";
import { StatewardError, isStatewardError } from "../errors.js";
import { CATALOG } from "../i18n/catalog.js";
import { getLang, setLang, t, type Lang } from "../i18n/index.js";
import { jsonTimes } from "../report/time.js";
import { VERSION } from "../version.js";
import {
  HttpError,
  SECURITY_HEADERS,
  checkOrigin,
  checkToken,
  newToken,
  sameToken,
  tokenCookie,
  unauthorized,
} from "./access.js";
import type { SessionResponse } from "./api-types.js";
import { asset, indexPage, unauthorizedPage, type Asset } from "./assets.js";
import { UiData, type ErrorDoc } from "./data.js";

export interface UiOptions extends StageOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  lang?: Lang;
  /** 0 or absent: a free port. */
  port?: number;
  /** `--timeout` for the AWS calls. */
  timeoutMs?: number;
  /** Stops the start (reading the app's stages) and, once started, the server's work in flight. */
  signal?: AbortSignal;
}

export interface RunningUi {
  url: string;
  port: number;
  token: string;
  app: string;
  /** The address it listens on: always 127.0.0.1. */
  address: string;
  close(): Promise<void>;
}

/** The largest pasted log `POST /api/explain` takes. */
export const MAX_PASTE_BYTES = 5 * 1024 * 1024;

/** The HTTP status of an error, from its code (every other code: 500). */
const STATUS: Readonly<Record<string, number>> = {
  STAGE_NOT_FOUND: 404,
  NO_SUCH_VERSION: 404,
  NO_STATE: 404,
  NO_VERSIONS: 404,
  USAGE: 400,
  AMBIGUOUS_VERSION: 400,
  LOG_FORMAT: 400,
  CANCELLED: 503,
  INTERRUPTED: 503,
  ABORTED: 503,
};

function statusOf(e: unknown): number {
  if (e instanceof HttpError) return e.status;
  return isStatewardError(e) ? (STATUS[e.code] ?? 500) : 500;
}

/** The CLI's `--json` error document for an error (written by the CLI's own reporter). */
export async function errorDocument(e: unknown): Promise<ErrorDoc> {
  const { reportError } = await import("../cli/error-report.js");
  let out = "";
  const sink = { write: (s: string) => (out += s) };
  await reportError(
    e,
    { stdout: sink, stderr: sink, env: {} },
    { format: "json", noColor: true, command: "stateward ui" },
    false,
  ); // i18n-exempt: the command's name
  return (JSON.parse(out) as { error: ErrorDoc }).error;
}

function send(res: ServerResponse, status: number, body: Asset, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": body.type,
    "Content-Length": String(body.body.length),
    ...headers,
  });
  res.end(body.body);
}

/** A document as `--json` prints it: times in the one form (`jsonTimes`, as Run.emit does). */
function sendJson(res: ServerResponse, status: number, doc: unknown): void {
  const body = Buffer.from(JSON.stringify(jsonTimes(doc)));
  // i18n-exempt: a MIME type
  send(res, status, { body, type: "application/json; charset=utf-8" });
}

/** The request's body, refused (413) past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(
      413,
      "TOO_LARGE",
      t("ui.error.too-large", { limit: limit / 1024 / 1024 }),
      t("ui.error.too-large.hint"),
    );
  if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Refused: the rest is read and dropped, so the client still gets the answer.
      chunks.length = 0;
      reject(tooLarge());
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const notFound = (path: string) => new HttpError(404, "NOT_FOUND", t("ui.error.not-found", { path }));

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A stage name as a URL carries it; anything else is no stage. */
const STAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

class UiServer {
  readonly token = newToken();
  port = 0;
  app = "";
  stages: string[] = [];

  constructor(
    private readonly options: UiOptions,
    private readonly data: UiData,
    private readonly lang: Lang,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const api = url.pathname.startsWith("/api/");
    try {
      // A malformed escape (`%E0%A4%A`) names nothing.
      if (!decodable(url.pathname)) throw notFound(url.pathname);
      checkOrigin(req, this.port);
      if (req.method === "GET" && url.pathname === "/" && url.searchParams.has("token")) {
        if (!sameToken(url.searchParams.get("token") ?? undefined, this.token)) throw unauthorized();
        res.writeHead(302, { ...SECURITY_HEADERS, Location: "/", "Set-Cookie": tokenCookie(this.token) });
        res.end();
        return;
      }
      checkToken(req, this.token);
      const post = url.pathname === "/api/explain";
      if (req.method !== (post ? "POST" : "GET"))
        throw new HttpError(
          405,
          "METHOD_NOT_ALLOWED",
          t("ui.error.method", { method: req.method ?? "", path: url.pathname }),
        );
      if (api) return sendJson(res, 200, await this.route(url, req));
      return send(res, 200, await this.file(url.pathname));
    } catch (e) {
      const status = statusOf(e);
      if (status === 401 && !api) return send(res, 401, unauthorizedPage());
      return sendJson(res, status, { error: await errorDocument(e) });
    }
  }

  private async file(pathname: string): Promise<Asset> {
    if (pathname === "/" || pathname === "/index.html") return indexPage();
    if (pathname.startsWith("/assets/")) {
      const found = await asset(decodeURIComponent(pathname.slice("/assets/".length)));
      if (found !== undefined) return found;
    }
    throw notFound(pathname);
  }

  /** The stage a path names: one of the app's (the list re-read once for a stage created since). */
  private async stage(name: string): Promise<string> {
    if (!STAGE_NAME.test(name)) throw notFound(name);
    if (!this.stages.includes(name)) this.stages = (await this.data.app()).stages;
    return name;
  }

  private async route(url: URL, req: IncomingMessage): Promise<unknown> {
    const refresh = url.searchParams.get("refresh") === "1";
    const parts = url.pathname.split("/").slice(2).map(decodeURIComponent);
    const [first, stageName, sub, subsub] = parts;
    if (first === "session" && parts.length === 1) return this.session();
    if (first === "overview" && parts.length === 1) return this.data.overview(refresh);
    if (first === "explain" && parts.length === 1) {
      const body = await readBody(req, MAX_PASTE_BYTES);
      const stage = url.searchParams.get("stage");
      return this.data.explain(body, stage === null || stage === "" ? undefined : await this.stage(stage));
    }
    if (first === "stages" && stageName !== undefined) {
      const stage = await this.stage(stageName);
      if (parts.length === 2) return this.data.stage(stage, refresh);
      if (sub === "history" && parts.length === 3) return this.data.history(stage, refresh);
      if (sub === "history" && subsub === "counts" && parts.length === 4)
        return this.data.historyCounts(stage, refresh);
      if (sub === "diff" && parts.length === 3) return this.diff(stage, url);
    }
    throw notFound(url.pathname);
  }

  private async diff(stage: string, url: URL): Promise<unknown> {
    const a = url.searchParams.get("a");
    const b = url.searchParams.get("b");
    if (a === null || b === null || a === "" || b === "")
      throw new StatewardError("USAGE", t("ui.error.diff-sides"), { hint: t("ui.error.diff-hint") });
    // `history diff` also compares files (and `-`, standard input); the page names versions only.
    const { isStateFile } = await import("../actions/history-diff.js");
    for (const side of [a, b])
      if (await isStateFile(side))
        throw new StatewardError("USAGE", t("ui.error.diff-file", { name: side }), {
          hint: t("ui.error.diff-hint"),
        });
    return this.data.diff(stage, a, b);
  }

  session(): SessionResponse {
    const messages: Record<string, string> = {};
    for (const [id, entry] of Object.entries(CATALOG))
      if (id.startsWith("ui.")) messages[id] = entry[this.lang];
    const o = this.options;
    return {
      version: VERSION,
      lang: this.lang,
      messages,
      app: this.app,
      stages: this.stages,
      focus: o.allStages !== true && o.stage !== undefined ? o.stage : null,
      readOnly: true,
    };
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new StatewardError("PORT_IN_USE", t("ui.error.port-in-use", { port }), {
              hint: t("ui.error.port-in-use.hint"),
            })
          : new StatewardError("LISTEN_FAILED", t("ui.error.listen", { port, message: e.message }), {
              cause: e,
            }),
      ),
    );
    // 127.0.0.1 only: never another interface of the machine.
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts the server: resolves the app and its stages first (an error there is the command's error),
 * then listens on 127.0.0.1. `close()` stops it and the work in flight.
 */
export async function startUi(options: UiOptions): Promise<RunningUi> {
  if (options.lang !== undefined) setLang(options.lang);
  const controller = new AbortController();
  // Every call in flight listens to it: a scan has far more than Node's default of 10.
  setMaxListeners(0, controller.signal);
  if (options.signal?.aborted === true) controller.abort();
  options.signal?.addEventListener("abort", () => controller.abort(), { once: true });
  const data = new UiData(
    options,
    {
      cwd: options.cwd,
      env: options.env,
      signal: controller.signal,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    },
    errorDocument,
  );
  const ui = new UiServer(options, data, options.lang ?? getLang());
  const { app, stages } = await data.app();
  // A stage named to focus on must exist: the CLI's own error otherwise (as `doctor --stage` gives).
  const focus = options.allStages === true ? undefined : options.stage;
  if (focus !== undefined && !stages.includes(focus)) await data.open(focus, () => Promise.resolve());
  ui.app = app;
  ui.stages = stages;
  const server = createServer((req, res) => void ui.handle(req, res));
  ui.port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${ui.port}/?token=${ui.token}`;
  return {
    url,
    port: ui.port,
    token: ui.token,
    app,
    address: (server.address() as AddressInfo).address,
    close: () =>
      new Promise<void>((resolve) => {
        controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
