/**
 * `stateward sandbox reset`: asks a running local cloud (`POST <endpoint>/_sandbox/reset`) to go back
 * to the scenario it was started with, or with `empty` to forget everything. Plain node:http(s), so
 * the command loads neither the AWS SDK nor the sandbox itself.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

/** What `sandbox reset` reports (also its `--json` document). */
export interface SandboxResetReport {
  endpoint: string;
  /** The scenario seeded again; null when the cloud was only emptied. */
  scenario: string | null;
  reseeded: boolean;
}

/** Where the local cloud is: the flag, else AWS_ENDPOINT_URL (what `sandbox` prints), else its default port. */
export function sandboxEndpoint(flag: string | undefined, env: Record<string, string | undefined>): string {
  // i18n-exempt: the sandbox's default address
  const given = flag ?? env.AWS_ENDPOINT_URL ?? "http://127.0.0.1:4599";
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    url = new URL("http://invalid");
  }
  if (!/^https?:$/.test(url.protocol) || url.hostname === "invalid")
    throw new StatewardError("USAGE", t("sandbox.reset.bad-endpoint", { endpoint: given }), {
      hint: t("sandbox.reset.bad-endpoint.hint"),
    });
  return url.origin;
}

export async function resetSandbox(
  endpoint: string,
  options: { empty?: boolean; caBundle?: string },
): Promise<SandboxResetReport> {
  const url = new URL(`/_sandbox/reset${options.empty === true ? "?empty=1" : ""}`, endpoint);
  let answer: { status: number; body: string };
  try {
    answer = await post(url, options.caBundle);
  } catch (cause) {
    throw new StatewardError(
      "SANDBOX_UNREACHABLE",
      t("sandbox.reset.unreachable", { endpoint, message: (cause as Error).message }),
      { hint: t("sandbox.reset.unreachable.hint"), cause },
    );
  }
  let body: { ok?: unknown; scenario?: unknown; reseeded?: unknown; error?: unknown } | undefined;
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    body = undefined;
  }
  if (answer.status !== 200 || body?.ok !== true) {
    const reason = typeof body?.error === "string" ? body.error : `HTTP ${answer.status}`;
    throw new StatewardError("SANDBOX_RESET", t("sandbox.reset.failed", { endpoint, reason }), {
      hint: t("sandbox.reset.failed.hint"),
    });
  }
  return {
    endpoint,
    scenario: typeof body.scenario === "string" ? body.scenario : null,
    reseeded: body.reseeded === true,
  };
}

function post(url: URL, caBundle: string | undefined): Promise<{ status: number; body: string }> {
  const ca = url.protocol === "https:" && caBundle !== undefined ? readFileSync(caBundle) : undefined;
  const request = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", ...(ca === undefined ? {} : { ca }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
