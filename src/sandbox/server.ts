/**
 * The local AWS-compatible cloud: one HTTP server on 127.0.0.1 for every service, routed by the
 * service in the SigV4 credential scope. Any credentials are accepted; every caller is the configured
 * account. Regional services keep one state per region, global ones (IAM, CloudFront, Route53) one.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { Faults, type FaultConfig } from "./core/faults.js";
import { makeSelfSignedCertificate, type SandboxCertificate } from "./core/tls.js";
import {
  AwsError,
  type SandboxRequest,
  type SandboxResponse,
  type Service,
  type ServiceContext,
  type TaggedResource,
} from "./core/types.js";
import { SERVICE_FACTORIES, type ServiceFactory } from "./services/index.js";

export interface SandboxOptions {
  port?: number;
  host?: string;
  accountId?: string;
  /** Persist everything under this directory and load it at start. */
  dataDir?: string;
  faults?: FaultConfig;
  /** How long a CloudFront distribution stays InProgress after a change (ms). */
  deployDelayMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /**
   * Serve HTTPS with a self-signed certificate made at start (`certificate.cert` is the PEM clients
   * trust: AWS_CA_BUNDLE for the AWS SDKs, NODE_EXTRA_CA_CERTS for Node). Requests then carry
   * `aws:SecureTransport` true, which SSL-only bucket policies require.
   */
  tls?: boolean;
}

/** What `POST /_sandbox/reset` puts back: the scenario the sandbox was started with. */
export interface SandboxScenario {
  name: string;
  /** Seeds the scenario into this (emptied) server, through its own endpoint. */
  seed: () => Promise<unknown>;
}

export interface RequestCounts {
  total: number;
  byService: Record<string, Record<string, number>>;
}

const DEFAULT_ACCOUNT = "123456789012";
const GLOBAL_REGION = "us-east-1";

export class SandboxServer {
  readonly accountId: string;
  readonly faults: Faults;
  readonly deployDelayMs: number;
  private readonly server: http.Server | https.Server;
  /** The certificate the HTTPS server presents; undefined for plain HTTP. */
  readonly certificate: SandboxCertificate | undefined;
  private readonly instances = new Map<string, Service>();
  /** Moves with every change to what the services hold (see `changed`). */
  private changes = 0;
  /** Each region's tagged resources, kept while nothing changes (and until the first entry's `until`). */
  private readonly tagged = new Map<
    string,
    { changes: number; until: number; list: readonly TaggedResource[] }
  >();
  private readonly factories = new Map<string, ServiceFactory[]>();
  private counts: RequestCounts = { total: 0, byService: {} };
  private readonly now: () => Date;
  private persistTimer: NodeJS.Timeout | undefined;
  private readonly sockets = new Set<Socket>();
  /** Set by whoever seeded the sandbox (actions/sandbox.ts); a reset seeds it again. */
  scenario: SandboxScenario | undefined;
  /** One reset at a time: a second waits for the first. */
  private resetting: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SandboxOptions = {}) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT;
    this.faults = new Faults(options.faults);
    this.deployDelayMs = options.deployDelayMs ?? 0;
    this.now = options.now ?? (() => new Date());
    for (const f of SERVICE_FACTORIES) {
      for (const name of f.signingNames) this.factories.set(name, [...(this.factories.get(name) ?? []), f]);
    }
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    if (options.tls === true) {
      this.certificate = makeSelfSignedCertificate();
      this.server = https.createServer({ cert: this.certificate.cert, key: this.certificate.key }, handler);
    } else {
      this.server = http.createServer(handler);
    }
    this.server.keepAliveTimeout = 5000;
    // Both servers are net.Servers: every TCP connection, before any TLS, is tracked for stop().
    (this.server as net.Server).on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    if (options.dataDir !== undefined) this.load(options.dataDir);
  }

  /** Starts listening; resolves with the endpoint URL (`http://127.0.0.1:<port>`, or https with `tls`). */
  async start(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    return this.url;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `${this.certificate === undefined ? "http" : "https"}://${address.address}:${address.port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (this.persistTimer !== undefined) {
      clearTimeout(this.persistTimer);
      this.persist();
    }
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The service for a request: by signing name, and by `accepts` where two share one. */
  private serviceFor(req: SandboxRequest): Service {
    const candidates = this.factories.get(req.service) ?? [];
    const factory = candidates.find((f) => f.accepts?.(req) ?? true);
    if (factory === undefined)
      throw new AwsError("UnknownService", `The local cloud does not serve "${req.service}".`);
    return this.instance(factory, req.region);
  }

  private instance(factory: ServiceFactory, region: string): Service {
    const key = `${factory.id}:${factory.global ? "global" : region}`;
    let instance = this.instances.get(key);
    if (instance === undefined) {
      instance = factory.create();
      this.instances.set(key, instance);
      this.changed();
    }
    return instance;
  }

  /**
   * The one place a change to what the services hold is counted: every request but a read (see
   * `isRead`), a reset, a load, a new service instance, and a service handed out by `service()` (its
   * caller may change its state). Lists kept between requests (KeptLists, the tagged resources) are
   * built again after it.
   */
  private changed(): void {
    this.changes++;
  }

  /**
   * The state of one service (by id: `s3`, `sesv2`, …) in a region, for seeding and tests. Counted as
   * a change: the caller may change the state directly.
   */
  service(id: string, region = GLOBAL_REGION): Service {
    const factory = SERVICE_FACTORIES.find((f) => f.id === id);
    if (factory === undefined) throw new Error(`no service with id ${id}`);
    this.changed();
    return this.instance(factory, region);
  }

  context(region: string): ServiceContext {
    return {
      region,
      accountId: this.accountId,
      now: this.now,
      deployDelayMs: this.deployDelayMs,
      taggedResources: (r: string) => this.taggedResources(r),
      generation: () => this.changes,
    };
  }

  /**
   * Every taggable resource in a region, from every service (global ones appear in us-east-1): the
   * same array while nothing changed and no entry's `until` has come (a walk of the tagging API reads
   * it once a page).
   */
  taggedResources(region: string): readonly TaggedResource[] {
    const now = this.now().getTime();
    const kept = this.tagged.get(region);
    if (kept !== undefined && kept.changes === this.changes && now < kept.until) return kept.list;
    const out: TaggedResource[] = [];
    for (const factory of SERVICE_FACTORIES) {
      if (factory.global && region !== GLOBAL_REGION) continue;
      const instance = this.instances.get(`${factory.id}:${factory.global ? "global" : region}`);
      if (instance?.taggedResources !== undefined)
        for (const r of instance.taggedResources(region, this.context(region))) out.push(r);
    }
    let until = Infinity;
    for (const r of out) if (r.until !== undefined && r.until < until) until = r.until;
    this.tagged.set(region, { changes: this.changes, until, list: out });
    return out;
  }

  get requestCounts(): RequestCounts {
    return structuredClone(this.counts);
  }

  resetCounts(): void {
    this.counts = { total: 0, byService: {} };
  }

  /** Forgets every resource in every service and region. */
  reset(): void {
    this.instances.clear();
    this.changed();
    this.schedulePersist();
  }

  /**
   * Back to the start: empties the cloud, then seeds the scenario it was started with again (the same
   * objects, state versions and breakages as a fresh start at this time; ids the cloud makes up, such
   * as S3 version ids, are new, as on any start). Faults are off while seeding and the request log
   * starts again after it. With `empty`, or no scenario, it only empties. Resolves with the scenario
   * seeded, if any.
   */
  resetToScenario(options: { empty?: boolean } = {}): Promise<string | undefined> {
    const run = this.resetting.then(async () => {
      this.reset();
      const scenario = options.empty === true ? undefined : this.scenario;
      if (scenario === undefined) return undefined;
      const faults = this.faults.config;
      this.faults.configure({});
      try {
        await scenario.seed();
      } finally {
        this.faults.configure(faults);
        this.resetCounts();
        this.flush();
      }
      return scenario.name;
    });
    this.resetting = run.catch(() => undefined);
    return run;
  }

  private count(service: string, operation: string): void {
    this.counts.total++;
    const byOp = (this.counts.byService[service] ??= {});
    byOp[operation] = (byOp[operation] ?? 0) + 1;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
    }
    if (url.pathname.startsWith("/_sandbox/")) {
      send(res, await this.admin(req.method ?? "GET", url, body));
      return;
    }
    const scope = credentialScope(headers.authorization, url.searchParams);
    const requestId = randomUUID();
    const sandboxReq: SandboxRequest = {
      method: req.method ?? "GET",
      path: safeDecode(url.pathname),
      rawPath: (req.url ?? "/").split("?")[0]!,
      query: url.searchParams,
      headers,
      body,
      service: scope?.service ?? "",
      region: scope?.region ?? GLOBAL_REGION,
      accessKeyId: scope?.accessKeyId ?? "",
      accountId: this.accountId,
      requestId,
      secure: this.certificate !== undefined,
    };
    if (scope === undefined) {
      send(res, {
        status: 403,
        headers: {
          "content-type": "application/json",
          "x-amzn-errortype": "MissingAuthenticationTokenException",
        },
        body: JSON.stringify({
          message: "Missing Authentication Token: sign the request with AWS Signature Version 4.",
        }),
      });
      return;
    }
    let service: Service;
    try {
      service = this.serviceFor(sandboxReq);
    } catch (e) {
      send(res, {
        status: 400,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: (e as Error).message }),
      });
      return;
    }
    const ctx = this.context(scope.region);
    let response: SandboxResponse;
    let operation = "Unknown";
    try {
      const resolved = service.resolve(sandboxReq, ctx);
      operation = resolved.operation;
      this.count(service.id, operation);
      const fault = this.faults.decide(service.id, operation);
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.action === "drop") {
        req.socket.destroy();
        return;
      }
      if (fault.action === "throttle") {
        const t = service.throttle;
        throw new AwsError(t.code, t.message, t.status);
      }
      if (fault.action === "error") {
        throw new AwsError(
          service.id === "s3" ? "InternalError" : "InternalFailure",
          "We encountered an internal error. Please try again.",
          500,
        );
      }
      // Counted before (a kept list built meanwhile is not kept) and after (an operation that awaits).
      const writes = !isRead(operation);
      if (writes) this.changed();
      try {
        response = await resolved.run();
      } finally {
        if (writes) this.changed();
      }
      if (!(req.method === "GET" || req.method === "HEAD")) this.schedulePersist();
    } catch (error) {
      if (error instanceof AwsError) {
        response = service.formatError(error, sandboxReq);
      } else {
        response = service.formatError(
          new AwsError(
            "InternalFailure",
            `The local cloud failed on ${operation}: ${(error as Error).message}`,
            500,
          ),
          sandboxReq,
        );
      }
    }
    response.headers = { "x-amzn-requestid": requestId, "x-amz-request-id": requestId, ...response.headers };
    send(res, response, req.method === "HEAD");
  }

  private async admin(method: string, url: URL, body: Buffer): Promise<SandboxResponse> {
    const pathname = url.pathname;
    const json = (value: unknown, status = 200): SandboxResponse => ({
      status,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(value),
    });
    try {
      switch (`${method} ${pathname}`) {
        case "GET /_sandbox/health":
          return json({ ok: true, accountId: this.accountId });
        case "GET /_sandbox/requests":
          return json(this.counts);
        case "DELETE /_sandbox/requests":
          this.resetCounts();
          return json({ ok: true });
        case "GET /_sandbox/faults":
          return json(this.faults.config);
        case "PUT /_sandbox/faults":
          this.faults.configure(JSON.parse(body.toString("utf8") || "{}") as FaultConfig);
          return json(this.faults.config);
        case "POST /_sandbox/reset": {
          // ?empty=1 (or a body {"empty":true}) only empties; otherwise the scenario is seeded again.
          const asked = JSON.parse(body.toString("utf8") || "{}") as { empty?: unknown };
          const empty =
            asked.empty === true || ["1", "true", ""].includes(url.searchParams.get("empty") ?? "-");
          const scenario = await this.resetToScenario({ empty });
          return json({ ok: true, scenario: scenario ?? null, reseeded: scenario !== undefined });
        }
        default:
          return json({ error: `no admin route ${method} ${pathname}` }, 404);
      }
    } catch (e) {
      return json({ error: (e as Error).message }, 400);
    }
  }

  private schedulePersist(): void {
    if (this.options.dataDir === undefined || this.persistTimer !== undefined) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persist();
    }, 50);
  }

  private persist(): void {
    const dir = this.options.dataDir;
    if (dir === undefined) return;
    mkdirSync(dir, { recursive: true });
    const services: Record<string, unknown> = {};
    for (const [key, instance] of this.instances) services[key] = instance.snapshot();
    const file = path.join(dir, "sandbox.json");
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: 1, accountId: this.accountId, services }));
    renameSync(temp, file);
  }

  private load(dir: string): void {
    let text: string;
    try {
      text = readFileSync(path.join(dir, "sandbox.json"), "utf8");
    } catch {
      return;
    }
    const data = JSON.parse(text) as { services: Record<string, unknown> };
    for (const [key, snapshot] of Object.entries(data.services)) {
      const [id, region] = key.split(":") as [string, string];
      const factory = SERVICE_FACTORIES.find((f) => f.id === id);
      if (factory !== undefined)
        this.instance(factory, region === "global" ? GLOBAL_REGION : region).restore(snapshot);
    }
    this.changed();
  }

  /** Writes pending changes to the data directory now (tests, shutdown). */
  flush(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    this.persist();
  }
}

/**
 * Whether an operation only reads: AWS names its reads Get…, List…, Describe… and Head…, and the
 * services here keep to it (a read changes nothing any service holds). Anything else counts as a
 * change, so a name that fits no rule errs on the side of building lists again.
 */
export function isRead(operation: string): boolean {
  return /^(Get|List|Describe|Head)(?![a-z])/.test(operation);
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, r: SandboxResponse, head = false): void {
  const body =
    r.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, "utf8");
  const headers: Record<string, string | number> = { ...r.headers };
  if (headers["content-length"] === undefined) headers["content-length"] = body.length;
  res.writeHead(r.status, headers);
  res.end(head ? undefined : body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `Credential=<key>/<date>/<region>/<service>/aws4_request` from the header or a presigned query. */
export function credentialScope(
  authorization: string | undefined,
  query: URLSearchParams,
): { accessKeyId: string; region: string; service: string } | undefined {
  const credential =
    /Credential=([^,\s]+)/.exec(authorization ?? "")?.[1] ?? query.get("X-Amz-Credential") ?? undefined;
  if (credential === undefined) return undefined;
  const parts = credential.split("/");
  if (parts.length < 5) return undefined;
  return { accessKeyId: parts[0]!, region: parts[2]!, service: parts[3]! };
}
