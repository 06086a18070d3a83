/** `stateward sandbox`: start the local cloud and seed a scenario into it. */
import { t, items } from "../i18n/index.js";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { StatewardError } from "../errors.js";
import { describeJsonError } from "../state/json-error.js";
import { seedAcme, type SeedResult } from "../sandbox/scenarios/acme.js";
import { SandboxServer } from "../sandbox/server.js";

import { SCENARIOS, type ScenarioName } from "./sandbox-options.js";

export { SCENARIOS, type ScenarioName };

export interface SandboxStartOptions {
  port?: number;
  scenario?: ScenarioName;
  dataDir?: string;
  accountId?: string;
  deployDelayMs?: number;
  /**
   * Serve HTTPS with a self-signed certificate (written to a file that AWS_CA_BUNDLE names). The
   * typical-app scenario needs it: SST's buckets deny requests that are not over TLS.
   */
  tls?: boolean;
}

export interface RunningSandbox {
  server: SandboxServer;
  endpoint: string;
  /** The environment that points AWS tools (and stateward) at the local cloud. */
  env: Record<string, string>;
  scenario: ScenarioName;
  /** Undefined when nothing was seeded (empty scenario, or a data directory that already had data). */
  seeded: SeedResult | undefined;
}

export const SANDBOX_CREDENTIALS = {
  accessKeyId: "AKIASANDBOX00000000",
  secretAccessKey: "sandbox-secret-not-a-real-key",
};

/**
 * `--data <dir>`: a directory the cloud can be kept in (made if missing), holding nothing or what an
 * earlier run saved — checked before anything starts, so a bad one is an error, not a crash later.
 */
function checkDataDir(dir: string): void {
  const refuse = (reason: string) =>
    new StatewardError("SANDBOX_DATA", t("sandbox.data.bad", { dir, reason }), {
      hint: t("sandbox.data.bad.hint"),
    });
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) throw refuse(t("sandbox.data.not-dir"));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw refuse((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  const file = path.join(dir, "sandbox.json");
  if (!existsSync(file)) return;
  const text = readFileSync(file, "utf8");
  let saved: { services?: unknown } | null;
  try {
    saved = JSON.parse(text) as { services?: unknown } | null;
  } catch {
    throw refuse(t("sandbox.data.not-saved", { file: "sandbox.json", why: describeJsonError(text) }));
  }
  if (typeof saved?.services !== "object" || saved.services === null)
    throw refuse(t("sandbox.data.not-saved", { file: "sandbox.json", why: t("sandbox.data.no-services") }));
}

export async function startSandbox(options: SandboxStartOptions = {}): Promise<RunningSandbox> {
  const scenario = options.scenario ?? "acme";
  if (!(SCENARIOS as readonly string[]).includes(scenario)) {
    throw new StatewardError("USAGE", t("sandbox.unknown-scenario", { scenario }), {
      hint: t("sandbox.unknown-scenario.hint", { scenarios: items(SCENARIOS) }),
    });
  }
  if (options.dataDir !== undefined) checkDataDir(options.dataDir);
  const hadData = options.dataDir !== undefined && existsSync(path.join(options.dataDir, "sandbox.json"));
  const server = new SandboxServer({
    port: options.port ?? 4599,
    accountId: options.accountId ?? "123456789012",
    dataDir: options.dataDir,
    deployDelayMs: options.deployDelayMs ?? 2000,
    tls: options.tls === true,
  });
  try {
    await server.start();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new StatewardError(
      "SANDBOX_PORT",
      code === "EADDRINUSE"
        ? t("sandbox.port-in-use", { port: options.port ?? 4599 })
        : t("sandbox.cannot-start", { message: (cause as Error).message }),
      { hint: t("sandbox.cannot-start.hint"), cause },
    );
  }
  const endpoint = server.url;
  const seed = (): Promise<SeedResult> => seedScenario(server, scenario as Exclude<ScenarioName, "empty">);
  // `POST /_sandbox/reset` (and `stateward sandbox reset`) seeds the same scenario again.
  if (scenario !== "empty") server.scenario = { name: scenario, seed };
  let seeded: SeedResult | undefined;
  if (scenario !== "empty" && !hadData) {
    try {
      seeded = await seed();
    } catch (cause) {
      await server.stop();
      throw new StatewardError(
        "SANDBOX_SEED",
        t("sandbox.seed-failed", { scenario, message: (cause as Error).message }),
        {
          hint: t("sandbox.seed-failed.hint"),
          cause,
        },
      );
    }
    server.flush();
  }
  return {
    server,
    endpoint,
    scenario,
    seeded,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
      ...(server.certificate === undefined ? {} : { AWS_CA_BUNDLE: writeCa(server.certificate.cert) }),
    },
  };
}

/** What `stateward sandbox` reports: plain data, also the `--json` document. */
export interface SandboxReport {
  endpoint: string;
  scenario: ScenarioName;
  accountId: string;
  env: Record<string, string>;
  seeded: boolean;
  app?: string;
  stages?: string[];
  homeRegion?: string;
  stateBucket?: string;
  cases?: SeedResult["cases"];
}

export function describeSandbox(running: RunningSandbox): SandboxReport {
  const report: SandboxReport = {
    endpoint: running.endpoint,
    scenario: running.scenario,
    accountId: running.server.accountId,
    env: running.env,
    seeded: running.seeded !== undefined,
  };
  if (running.seeded !== undefined) {
    const { app, stages, homeRegion, stateBucket, cases } = running.seeded;
    Object.assign(report, { app, stages, homeRegion, stateBucket, cases });
  }
  return report;
}

/** Seeds a scenario into a running (empty) sandbox through its own endpoint. */
async function seedScenario(
  server: SandboxServer,
  scenario: Exclude<ScenarioName, "empty">,
): Promise<SeedResult> {
  const at = {
    url: server.url,
    credentials: SANDBOX_CREDENTIALS,
    ...(server.certificate === undefined ? {} : { ca: server.certificate.cert }),
  };
  if (scenario === "acme") return seedAcme(at, server.accountId);
  return (await import("../sandbox/scenarios/typical-app.js")).seedTypicalApp(at, server.accountId);
}

/** The local cloud's certificate in a file of its own, for AWS_CA_BUNDLE. */
function writeCa(pem: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stateward-sandbox-"));
  const file = path.join(dir, "ca.pem");
  writeFileSync(file, pem);
  return file;
}
