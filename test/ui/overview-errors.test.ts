/**
 * One stage the app cannot read (its state object is not JSON): `doctor --all-stages` fails as a whole,
 * the ui's overview does not (200): each stage carries what `doctor --stage <stage> --json` gives, its
 * counts or its error document.
 */
import { request } from "node:http";
import { tmpdir } from "node:os";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys } from "../../src/state/index.js";
import { startUi, type RunningUi } from "../../src/ui/server.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox, { STATEWARD_CACHE_DIR: tempDir() });
let ui: RunningUi;

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const s3 = new S3Client(sandbox.config(ACME.homeRegion));
  await s3.send(
    new PutObjectCommand({
      Bucket: ACME.stateBucket,
      Key: sstKeys.state("acme", "broken"),
      Body: "{ not json",
    }),
  );
  s3.destroy();
  ui = await startUi({ app: "acme", allStages: true, env: env(), cwd: tmpdir(), lang: "en" });
}, 30_000);

afterAll(async () => {
  await ui?.close();
});

function get(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(
      {
        host: "127.0.0.1",
        port: ui.port,
        path: target,
        headers: { Host: `127.0.0.1:${ui.port}`, Authorization: `Bearer ${ui.token}` },
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      },
    )
      .on("error", reject)
      .end();
  });
}

interface Overview {
  stages: { stage: string; counts: Record<string, number>; error?: { code: string } }[];
}

it("a stage that cannot be read is that stage's error, not a failed overview", async () => {
  const all = await cli(["doctor", "--app", "acme", "--all-stages", "--json"], env());
  expect(all.code).toBe(1);
  const r = await get("/api/overview");
  expect(r.status).toBe(200);
  const overview = JSON.parse(r.body) as Overview;
  const broken = overview.stages.find((s) => s.stage === "broken")!;
  const cliBroken = await cli(["doctor", "--app", "acme", "--stage", "broken", "--json"], env());
  expect(broken.error).toEqual((JSON.parse(cliBroken.stdout) as { error: unknown }).error);
  // Every other stage as `doctor --stage <stage> --json` has it: its counts, or its error (doctor reads
  // every stage's state for the rules across stages, so one unreadable state can fail the others too).
  expect(overview.stages.length).toBeGreaterThan(1);
  for (const s of overview.stages) {
    const one = await cli(["doctor", "--app", "acme", "--stage", s.stage, "--json"], env());
    const doc = JSON.parse(one.stdout) as {
      error?: unknown;
      summary?: { blockers: number; warnings: number; info: number };
    };
    if (doc.error !== undefined) expect(s.error, s.stage).toEqual(doc.error);
    else
      expect(s.counts, s.stage).toEqual({
        blocker: doc.summary!.blockers,
        warning: doc.summary!.warnings,
        info: doc.summary!.info,
      });
  }
  // The stage's own page answers with the same error document.
  const page = await get("/api/stages/broken");
  expect(page.status).toBeGreaterThanOrEqual(400);
  expect((JSON.parse(page.body) as { error: unknown }).error).toEqual(broken.error);
});
