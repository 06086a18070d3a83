/**
 * `stateward ui`'s server over real HTTP, on the acme scenario of a real local sandbox: who may talk to
 * it (token, Host, Origin, fetch metadata, loopback only, no traversal), and that each API document is
 * the one the CLI prints with --json for the same question (compared to the CLI's output in the same
 * test, never to numbers written here).
 */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import net from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { format } from "../../src/i18n/format.js";
import { startUi, type RunningUi } from "../../src/ui/server.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { ROOT, bin, cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const cacheDir = tempDir();
const env = () => sandboxEnv(sandbox, { STATEWARD_CACHE_DIR: cacheDir });
let ui: RunningUi;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request as a browser (or an attacker) would send it; `host` is the Host header. */
function send(
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; auth?: boolean } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${ui.port}`, ...options.headers };
  if (options.auth !== false && headers.Authorization === undefined && headers.Cookie === undefined)
    headers.Authorization = `Bearer ${ui.token}`;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: ui.port, path: target, method: options.method ?? "GET", headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" ? undefined : reject(e)));
    req.end(options.body);
  });
}

const json = <T>(r: Reply): T => JSON.parse(r.body) as T;

/** The CLI's --json document (in process, same environment and cache). */
async function cliJson<T>(args: string[]): Promise<T> {
  const r = await cli([...args, "--json"], env());
  return JSON.parse(r.stdout) as T;
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  ui = await startUi({ app: "acme", allStages: true, env: env(), cwd: tmpdir(), lang: "en" });
}, 30_000);

afterAll(async () => {
  await ui?.close();
});

describe("stateward ui: access", () => {
  it("prints an address on 127.0.0.1 with a 32-byte base64url token", () => {
    expect(ui.url).toBe(`http://127.0.0.1:${ui.port}/?token=${ui.token}`);
    expect(Buffer.from(ui.token, "base64url")).toHaveLength(32);
    expect(ui.address).toBe("127.0.0.1");
  });

  it("refuses a request without the token: 401, JSON under /api/, a page elsewhere", async () => {
    const api = await send("/api/session", { auth: false });
    expect(api.status).toBe(401);
    expect(json<{ error: { code: string } }>(api).error.code).toBe("UNAUTHORIZED");
    expect(api.body).not.toContain(ui.token);
    const page = await send("/", { auth: false });
    expect(page.status).toBe(401);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).not.toContain("<script>");
  });

  it("refuses a wrong token, as a Bearer, a cookie or ?token=", async () => {
    const wrong = ui.token.slice(0, -2) + (ui.token.endsWith("AA") ? "BB" : "AA");
    expect((await send("/api/session", { headers: { Authorization: `Bearer ${wrong}` } })).status).toBe(401);
    expect((await send("/api/session", { headers: { Cookie: `stateward_ui=${wrong}` } })).status).toBe(401);
    expect((await send("/api/session", { headers: { Cookie: `stateward_ui=${ui.token}x` } })).status).toBe(
      401,
    );
    const exchange = await send(`/?token=${wrong}`, { auth: false });
    expect(exchange.status).toBe(401);
    expect(exchange.headers["set-cookie"]).toBeUndefined();
  });

  it("?token= sets an HttpOnly SameSite=Strict cookie and redirects to /; the cookie then opens the page", async () => {
    const r = await send(`/?token=${ui.token}`, { auth: false });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe("/");
    expect(r.headers["set-cookie"]).toEqual([`stateward_ui=${ui.token}; HttpOnly; SameSite=Strict; Path=/`]);
    const page = await send("/", { headers: { Cookie: `other=1; stateward_ui=${ui.token}` } });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const session = await send("/api/session", { headers: { Cookie: `stateward_ui=${ui.token}` } });
    expect(session.status).toBe(200);
  });

  it("refuses a foreign Host (DNS rebinding), even with the token: 403", async () => {
    for (const host of [
      `evil.example:${ui.port}`,
      `127.0.0.1.nip.io:${ui.port}`,
      "127.0.0.1",
      `127.0.0.1:1`,
    ]) {
      const r = await send("/api/session", { headers: { Host: host } });
      expect(r.status, host).toBe(403);
      expect(json<{ error: { code: string } }>(r).error.code).toBe("FORBIDDEN");
    }
    for (const host of [`localhost:${ui.port}`, `[::1]:${ui.port}`])
      expect((await send("/api/session", { headers: { Host: host } })).status, host).toBe(200);
  });

  it("refuses a foreign Origin and cross-site fetch metadata: 403", async () => {
    for (const origin of [
      "http://evil.example",
      `http://127.0.0.1.nip.io:${ui.port}`,
      `https://127.0.0.1:${ui.port}`,
      "null",
    ])
      expect((await send("/api/session", { headers: { Origin: origin } })).status, origin).toBe(403);
    expect((await send("/api/session", { headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(403);
    expect((await send("/api/session", { headers: { Origin: `http://127.0.0.1:${ui.port}` } })).status).toBe(
      200,
    );
    expect(
      (
        await send("/api/session", {
          headers: { Origin: `http://localhost:${ui.port}`, "Sec-Fetch-Site": "same-origin" },
        })
      ).status,
    ).toBe(200);
  });

  it("sets the security headers on every response", async () => {
    for (const r of [
      await send("/api/session"),
      await send("/api/session", { auth: false }),
      await send("/"),
    ]) {
      expect(r.headers["cache-control"]).toBe("no-store");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["referrer-policy"]).toBe("no-referrer");
      expect(r.headers["x-frame-options"]).toBe("DENY");
      expect(r.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(r.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    }
  });

  it("is read-only: any method but GET (POST only for /api/explain) is 405", async () => {
    expect((await send("/api/overview", { method: "POST", body: "x" })).status).toBe(405);
    expect((await send("/api/stages/dev", { method: "DELETE" })).status).toBe(405);
    expect((await send("/api/stages/dev", { method: "PUT", body: "{}" })).status).toBe(405);
    expect((await send("/api/explain")).status).toBe(405);
  });

  it("cannot be reached on a non-loopback address of this machine", async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && a.family === "IPv4" && !a.internal)
      .map((a) => a!.address);
    if (outside.length === 0) {
      expect(ui.address).toBe("127.0.0.1");
      return;
    }
    for (const address of outside) {
      const error = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: ui.port });
        socket.once("connect", () => {
          socket.destroy();
          resolve("connected");
        });
        socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
      expect(error, address).toBe("ECONNREFUSED");
    }
  });

  it("serves no file outside web/ and the listed libraries: 404 for traversal", async () => {
    for (const target of [
      "/assets/../package.json",
      "/assets/%2e%2e/package.json",
      "/assets/..%2fpackage.json",
      "/assets/..%2F..%2Fpackage.json",
      "/assets/vendor/..%2f..%2fpackage.json",
      "/assets/vendor/unlisted.js",
      "/assets/%2fetc%2fpasswd",
      "/assets/..%5c..%5cpackage.json",
      "/assets/%E0%A4%A",
      "/api/stages/%E0%A4%A",
      "/package.json",
    ]) {
      const r = await send(target);
      expect(r.status, target).toBe(404);
      expect(r.body).not.toContain('"name": "stateward"');
    }
    const lib = await send("/assets/vendor/preact-htm.js");
    expect(lib.status).toBe(200);
    expect(lib.headers["content-type"]).toMatch(/^text\/javascript/);
  });

  it("serves the page the CLI's own placeholder filler: the same text for the same message, Chinese spacing included", async () => {
    const served = await send("/assets/format.js");
    expect(served.status).toBe(200);
    expect(served.headers["content-type"]).toMatch(/^text\/javascript/);
    const module = (await import(`data:text/javascript,${encodeURIComponent(served.body)}`)) as {
      format: typeof format;
    };
    const cases: [string, Record<string, string | number> | undefined][] = [
      ["Stage {stage} of app {app}", { stage: "dev", app: "acme" }],
      ["在 {place} 中不存在", { place: "s3://b（位于 us-east-1，账户 1）" }],
      ["读取 {what} 时", { what: "标准输入" }],
      ["{missing} stays", {}],
      ["no placeholders", undefined],
    ];
    for (const [template, params] of cases) {
      expect(module.format(template, params), template).toBe(format(template, params));
    }
    // The Chinese rule is there: no space between a full-width parenthesis and the 中 after it.
    expect(module.format("在 {place} 中", { place: "x（y）" })).toBe("在 x（y）中");
  });
});

interface Finding {
  stage: string;
  severity: "blocker" | "warning" | "info";
}

describe("stateward ui: the API on the acme sandbox", () => {
  it("/api/session: the app, its stages, the ui messages in the page's language", async () => {
    const report = await cliJson<{ app: string; stages: string[] }>([
      "doctor",
      "--app",
      "acme",
      "--all-stages",
    ]);
    const session = json<{
      app: string;
      stages: string[];
      focus: null;
      readOnly: boolean;
      lang: string;
      messages: Record<string, string>;
    }>(await send("/api/session"));
    expect(session.app).toBe(report.app);
    expect(session.stages).toEqual([...report.stages].sort());
    expect(session.focus).toBeNull();
    expect(session.readOnly).toBe(true);
    expect(session.lang).toBe("en");
    expect(Object.keys(session.messages).every((k) => k.startsWith("ui."))).toBe(true);
    expect(session.messages["ui.cli.stopped"]).toBe("stateward ui stopped");
  });

  it("/api/overview: per stage, the counts doctor --all-stages --json gives", async () => {
    const report = await cliJson<{ stages: string[]; findings: Finding[] }>([
      "doctor",
      "--app",
      "acme",
      "--all-stages",
    ]);
    const overview = json<{
      app: string;
      stages: {
        stage: string;
        counts: Record<string, number>;
        lock: unknown;
        lastDeploy: unknown;
        error?: unknown;
      }[];
    }>(await send("/api/overview"));
    expect(overview.stages.map((s) => s.stage).sort()).toEqual([...report.stages].sort());
    for (const s of overview.stages) {
      const count = (severity: string) =>
        report.findings.filter((f) => f.stage === s.stage && f.severity === severity).length;
      expect(s.error, s.stage).toBeUndefined();
      expect(s.counts, s.stage).toEqual({
        blocker: count("blocker"),
        warning: count("warning"),
        info: count("info"),
      });
    }
    // staging's lock is the stale one doctor reports.
    const stale = report.findings
      .filter((f) => (f as unknown as { rule: string }).rule === "stale-lock")
      .map((f) => f.stage);
    for (const s of overview.stages) expect(s.lock !== null, s.stage).toBe(stale.includes(s.stage));
    expect(overview.stages.some((s) => s.lastDeploy !== null)).toBe(true);
  });

  it("/api/stages/dev: doctor --stage dev --json, and a resource table", async () => {
    const expected = await cliJson<Record<string, unknown>>(["doctor", "--app", "acme", "--stage", "dev"]);
    const got = json<{ doctor: Record<string, unknown>; resources: { status: string; urn: string }[] }>(
      await send("/api/stages/dev?refresh=1"),
    );
    const timeless = (d: Record<string, unknown>) => ({ ...d, durationMs: 0 });
    expect(timeless(got.doctor)).toEqual(timeless(expected));
    expect(got.resources.length).toBeGreaterThan(0);
    for (const r of got.resources)
      expect(["ok", "missing", "unmanaged", "unchecked", "pending"]).toContain(r.status);
    // IAM, CloudFront and Route 53 live in no region: the table says `global`, as scan and doctor do.
    const globalTypes = /^aws:(iam|cloudfront|route53)\//;
    const rows = got.resources as unknown as { type: string; region: string }[];
    const globals = rows.filter((r) => globalTypes.test(r.type));
    expect(globals.length).toBeGreaterThan(0);
    for (const r of globals) expect(r.region, r.type).toBe("global");
    for (const r of rows.filter((r) => !globalTypes.test(r.type)))
      expect(r.region, r.type).not.toBe("global");
    // In every stage, the rows a cloud lookup settled are the resources doctor counts as checked.
    for (const stage of ["dev", "staging", "production"]) {
      const doc = await cliJson<{ coverage: { checked: number; total: number } }>([
        "doctor",
        "--app",
        "acme",
        "--stage",
        stage,
      ]);
      const rows = json<{ resources: { status: string }[] }>(await send(`/api/stages/${stage}`)).resources;
      expect(
        rows.filter((r) => r.status === "ok" || r.status === "missing"),
        stage,
      ).toHaveLength(doc.coverage.checked);
      const unchecked = rows.filter((r) => r.status === "unchecked").length;
      expect(unchecked, stage).toBeGreaterThanOrEqual(doc.coverage.total - doc.coverage.checked);
    }
  });

  it("/api/stages/<stage>/history: history list --json", async () => {
    const expected = await cliJson<unknown>(["history", "list", "--app", "acme", "--stage", "production"]);
    expect(json(await send("/api/stages/production/history"))).toEqual(expected);
  });

  it("/api/stages/<stage>/history/counts: every readable version, with resources by kind", async () => {
    const list = await cliJson<{ versions: { id: string; resources: number; unreadable?: string }[] }>([
      "history",
      "list",
      "--app",
      "acme",
      "--stage",
      "production",
    ]);
    const counts = json<{ versions: { id: string; counts: Record<string, number> }[] }>(
      await send("/api/stages/production/history/counts"),
    );
    expect(counts.versions.map((v) => v.id)).toEqual(
      list.versions.filter((v) => v.unreadable === undefined).map((v) => v.id),
    );
    expect(counts.versions.some((v) => Object.keys(v.counts).length > 0)).toBe(true);
  });

  it("/api/stages/<stage>/diff: history diff a b --json; a file on this machine is refused", async () => {
    const list = await cliJson<{ versions: { id: string }[] }>([
      "history",
      "list",
      "--app",
      "acme",
      "--stage",
      "production",
    ]);
    expect(list.versions.length).toBeGreaterThan(1);
    const [b, a] = [list.versions[0]!.id, list.versions[list.versions.length - 1]!.id];
    const expected = await cliJson<unknown>([
      "history",
      "diff",
      a,
      b,
      "--app",
      "acme",
      "--stage",
      "production",
    ]);
    const r = await send(`/api/stages/production/diff?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
    expect(r.status).toBe(200);
    expect(json(r)).toEqual(expected);
    const file = path.join(ROOT, "examples/stuck-deploy.json");
    const refused = await send(`/api/stages/production/diff?a=${encodeURIComponent(file)}&b=current`);
    expect(refused.status).toBe(400);
    expect((await send("/api/stages/production/diff?a=previous")).status).toBe(400);
  });

  it("POST /api/explain: explain --json of the same log on standard input (and with ?stage=)", async () => {
    for (const name of ["pulumi-bucket-exists.log", "sst-cloudfront-exists.log"]) {
      const log = readFileSync(path.join(ROOT, "test/fixtures/logs", name));
      const expected = await bin(["explain", "--json"], { input: log, env: env() });
      const r = await send("/api/explain", {
        method: "POST",
        body: log,
        headers: { "Content-Type": "text/plain" },
      });
      expect(r.status, name).toBe(200);
      expect(json(r), name).toEqual(JSON.parse(expected.stdout));
    }
    const log = readFileSync(path.join(ROOT, "test/fixtures/logs/sst-cloudfront-exists.log"));
    const expected = await bin(["explain", "--app", "acme", "--stage", "dev", "--json"], {
      input: log,
      env: env(),
    });
    const r = await send("/api/explain?stage=dev", { method: "POST", body: log });
    expect(json(r)).toEqual(JSON.parse(expected.stdout));
  });

  it("an unknown stage is 404 with the CLI's unknown-stage error; an unknown path is 404", async () => {
    const cliError = await cliJson<{ error: { code: string; message: string } }>([
      "doctor",
      "--app",
      "acme",
      "--stage",
      "nope",
    ]);
    for (const target of [
      "/api/stages/nope",
      "/api/stages/nope/history",
      "/api/stages/nope/diff?a=current&b=previous",
    ]) {
      const r = await send(target);
      expect(r.status, target).toBe(404);
      expect(json<{ error: unknown }>(r).error, target).toEqual(cliError.error);
    }
    expect((await send("/api/stages/..%2f..%2fetc")).status).toBe(404);
    expect((await send("/api/nothing")).status).toBe(404);
    expect((await send("/api/stages/dev/nothing")).status).toBe(404);
  });

  it("refuses a pasted log over 5 MB: 413", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, "a");
    const r = await send("/api/explain", { method: "POST", body: big });
    expect(r.status).toBe(413);
    expect(json<{ error: { code: string } }>(r).error.code).toBe("TOO_LARGE");
    // Without a Content-Length (chunked), counted as it comes.
    const chunked = await send("/api/explain", {
      method: "POST",
      body: big,
      headers: { "Transfer-Encoding": "chunked" },
    });
    expect(chunked.status).toBe(413);
  });
});
