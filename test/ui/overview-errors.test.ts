/**
 * One stage the app cannot read (its state object is not JSON): `doctor --all-stages` judges the others
 * and names that state as a part left unread (incomplete, never clean); so does `doctor --stage <other>`,
 * which reads it to know what that stage owns. The ui's overview (200) shows every stage: the others with
 * the counts `doctor --all-stages --json` gives, the broken one with the error `doctor --stage broken
 * --json` gives.
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

interface DoctorDoc {
  error?: unknown;
  findings: { stage: string; severity: string }[];
  incomplete: { kind: string; error: string }[];
}

it("a stage that cannot be read is that stage's error and a part left unread, not a failed overview", async () => {
  const all = await cli(["doctor", "--app", "acme", "--all-stages", "--json"], env());
  expect(all.code, all.stderr).toBe(3); // acme's blockers; the unread state is listed as incomplete
  const allDoc = JSON.parse(all.stdout) as DoctorDoc;
  const unread = allDoc.incomplete.filter((i) => i.kind.includes("broken"));
  expect(unread).toHaveLength(1);
  expect(unread[0]!.error).toContain("not valid JSON");
  // One other stage alone reads broken's state too (what it owns): the same part left unread.
  const dev = await cli(["doctor", "--app", "acme", "--stage", "dev", "--json"], env());
  expect(dev.code, dev.stderr).not.toBe(1);
  expect((JSON.parse(dev.stdout) as DoctorDoc).incomplete.map((i) => i.kind)).toEqual(
    unread.map((i) => i.kind),
  );
  const r = await get("/api/overview");
  expect(r.status).toBe(200);
  const overview = JSON.parse(r.body) as Overview;
  const broken = overview.stages.find((s) => s.stage === "broken")!;
  const cliBroken = await cli(["doctor", "--app", "acme", "--stage", "broken", "--json"], env());
  expect(cliBroken.code).toBe(1);
  expect(broken.error).toEqual((JSON.parse(cliBroken.stdout) as { error: unknown }).error);
  // Every other stage with the counts `doctor --all-stages --json` gives it.
  expect(overview.stages.map((s) => s.stage)).toEqual(["broken", "dev", "pr-42", "production", "staging"]);
  for (const s of overview.stages.filter((x) => x.stage !== "broken")) {
    const count = (severity: string) =>
      allDoc.findings.filter((f) => f.stage === s.stage && f.severity === severity).length;
    expect(s.error, s.stage).toBeUndefined();
    expect(s.counts, s.stage).toEqual({
      blocker: count("blocker"),
      warning: count("warning"),
      info: count("info"),
    });
  }
  // The stage's own page answers with the same error document.
  const page = await get("/api/stages/broken");
  expect(page.status).toBeGreaterThanOrEqual(400);
  expect((JSON.parse(page.body) as { error: unknown }).error).toEqual(broken.error);
});
