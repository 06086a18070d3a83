/**
 * `guard` before a deploy (issue 16): `--preflight <plan>` stops a deploy whose planned names are taken
 * (the command never runs), a first deploy's stage (no state yet) is guarded too, and a fresh lock of
 * another stage of the app is warned about — refused with `--exclusive`.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys } from "../../src/state/index.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const tmp = mkdtempSync(join(tmpdir(), "guard-preflight-"));
const TABLE = "acme-dev-InvoicesTable-kmnorstu";

/** The recorded preview for stage `pr-7` (a stage never deployed): only its table step matters here. */
function plan(): string {
  const doc = JSON.parse(
    readFileSync(new URL("../fixtures/plans/seeds-preview.json", import.meta.url), "utf8"),
  ) as {
    steps: { urn: string }[];
  };
  doc.steps = doc.steps.filter((s) => /providers:aws|InvoicesTable/.test(s.urn));
  const file = join(tmp, "plan.json");
  writeFileSync(file, JSON.stringify(doc).replaceAll("urn:pulumi:dev::", "urn:pulumi:pr-7::"));
  return file;
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const ddb = new DynamoDBClient(sandbox.config(ACME.homeRegion));
  await ddb.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      Tags: [{ Key: "sst:stage", Value: "dev" }],
    }),
  );
  ddb.destroy();
}, 60_000);

describe("guard --preflight", () => {
  it("a planned name that is taken stops the deploy (exit 3); the command never runs; a first deploy's stage is guarded", async () => {
    const marker = join(tmp, "ran");
    const r = await cli(
      ["guard", "--app", "acme", "--stage", "pr-7", "--preflight", plan(), "--", "touch", marker],
      env(),
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/pr-7 has no state yet \(its first deploy\)/);
    expect(r.stderr).toContain(`BLOCKER DynamoDB table ${TABLE}`);
    expect(r.stderr).toMatch(/belongs to stage dev/);
    expect(r.stderr).toMatch(/not running `touch .*`: 1 planned name is taken already/);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it("--preflight with no plan checks the names it can predict from the other stages, and stops on a taken one", async () => {
    const marker = join(tmp, "ran-predicted");
    const r = await cli(
      ["guard", "--app", "acme", "--stage", "pr-7", "--preflight", "--", "touch", marker],
      env(),
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no plan: creates predicted from the states of dev, production, staging/);
    // acme's hard-coded CloudFront function name, held by dev.
    expect(r.stderr).toMatch(/BLOCKER CloudFront function acme-WebRewrite/);
    expect(r.stderr).toMatch(/names are taken already|name is taken already/);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it("a missing plan is an error before doctor or the command runs (exit 1, FILE_NOT_FOUND)", async () => {
    const marker = join(tmp, "ran-missing");
    const r = await cli(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "dev",
        "--force",
        "--preflight",
        join(tmp, "nope.json"),
        "--json",
        "--",
        "touch",
        marker,
      ],
      env(),
    );
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe("FILE_NOT_FOUND");
    // doctor never ran: dev's blockers would have been printed first.
    expect(r.stderr).not.toMatch(/BLOCKER/);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it("a plan whose names are free lets the deploy run, with its own exit code", async () => {
    const file = join(tmp, "free.json");
    writeFileSync(file, readFileSync(plan(), "utf8").replaceAll(TABLE, "acme-pr-7-InvoicesTable-zzzzzzzz"));
    const marker = join(tmp, "ran-free");
    const r = await cli(
      ["guard", "--app", "acme", "--stage", "pr-7", "--preflight", file, "--", "touch", marker],
      env(),
    );
    expect(r.stderr).not.toMatch(/BLOCKER/);
    expect(r.code).toBe(0);
    expect(existsSync(marker)).toBe(true);
  }, 60_000);
});

describe("guard and other stages deploying now", () => {
  it("warns about a fresh lock of another stage, and refuses with --exclusive", async () => {
    const s3 = new S3Client(sandbox.config(ACME.homeRegion));
    const lock = {
      created: new Date(Date.now() - 120_000).toISOString(),
      updateID: "01JF0000000000000000000000",
      command: "deploy",
    };
    await s3.send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.lock("acme", "production"),
        Body: JSON.stringify(lock),
      }),
    );
    s3.destroy();
    const marker = join(tmp, "ran-exclusive");
    const refused = await cli(
      ["guard", "--app", "acme", "--stage", "pr-7", "--exclusive", "--", "touch", marker],
      env(),
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /another stage of this app is deploying right now: production \(deploy, lock taken 2 min ago\)/,
    );
    // staging's lock is three hours old: not a deploy running now.
    expect(refused.stderr).not.toMatch(/staging \(/);
    expect(refused.stderr).toMatch(/not running `touch .*` \(--exclusive\)/);
    expect(existsSync(marker)).toBe(false);

    const warned = await cli(["guard", "--app", "acme", "--stage", "pr-7", "--", "touch", marker], env());
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/deploying right now: production/);
    expect(existsSync(marker)).toBe(true);
  }, 60_000);
});
