/**
 * explain decides by the situation, not by the AWS code: without state access it ranks the causes
 * (what the log shows first), with `--app/--stage` it checks the stage (the acme scenario in the local
 * cloud) and says which one it is.
 *
 * The replacement log is built from Pulumi's own progress words (pkg/backend/display: the `+-` / `++`
 * ops, "replacing", "creating replacement"): no public thread with such a log was found
 * (test/fixtures/explain/SOURCES.md).
 */
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { explainLog } from "../../src/explain/recognise.js";
import { decide } from "../../src/explain/situation.js";
import type { Facts } from "../../src/facts/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli, tempDir } from "../helpers.js";

const ids = (p: { causes?: { id: string }[] } | undefined) => (p?.causes ?? []).map((c) => c.id);

describe("without state access: the causes, most likely first", () => {
  it("a replacement the log shows comes first, with deleteBeforeReplace", () => {
    const log = [
      "Updating (dev):",
      "     Type                 Name        Status                  Info",
      " +-  aws:s3:BucketV2      assets      replacing (0s)",
      " ++  aws:s3:BucketV2      assets      **creating failed**     1 error",
      "Diagnostics:",
      "  aws:s3:BucketV2 (assets):",
      "    error: urn:pulumi:dev::shop::aws:s3/bucketV2:BucketV2::assets: 1 error occurred:",
      "    \t* creating S3 Bucket (shop-dev-assets): operation error S3: CreateBucket, https response error StatusCode: 409, RequestID: 1, BucketAlreadyOwnedByYou: ",
    ].join("\n");
    const p = explainLog(log).problems.find((x) => x.kind === "already-exists")!;
    expect(p.resource).toMatchObject({ name: "shop-dev-assets", logicalName: "assets" });
    expect(ids(p)[0]).toBe("replacement");
    expect(p.fix.join("\n")).toMatch(/deleteBeforeReplace/);
    // Without the replacement lines the same error is the stage's own bucket: kept or left behind.
    const plain = explainLog(
      log
        .split("\n")
        .filter((l) => !/replacing|creating failed/.test(l))
        .join("\n"),
    );
    expect(ids(plain.problems[0])[0]).toBe("retained-leftover");
  });

  it("two resources of one program with one physical name: a duplicate, named", () => {
    const line = (logical: string) => [
      `  aws:iam:Role (${logical}):`,
      `    error: urn:pulumi:dev::shop::aws:iam/role:Role::${logical}: 1 error occurred:`,
      "    \t* creating IAM Role (shop-worker): operation error IAM: CreateRole, https response error StatusCode: 409, RequestID: 1, EntityAlreadyExists: Role with name shop-worker already exists.",
    ];
    const r = explainLog(["Diagnostics:", ...line("WorkerRole"), "", ...line("WorkerRole2")].join("\n"));
    const p = r.problems.filter((x) => x.kind === "already-exists");
    expect(p).toHaveLength(1);
    expect(ids(p[0])[0]).toBe("duplicate-in-program");
    expect(p[0]!.cause).toContain("WorkerRole2");
  });

  it("BucketAlreadyExists on a name with the stage in it: kept by retain first, another account listed, not alone", () => {
    const r = explainLog(
      [
        "➜  App:        acme",
        "   Stage:      production",
        "|  Error       Uploads sst:aws:Bucket → UploadsBucket aws:s3:BucketV2",
        "|  creating S3 Bucket (acme-production-uploadsbucket-kfbzmvab): operation error S3: CreateBucket, https response error StatusCode: 409, RequestID: 1, BucketAlreadyExists: ",
      ].join("\n"),
    );
    const p = r.problems[0]!;
    expect(ids(p)).toEqual(expect.arrayContaining(["retained-leftover", "leftover", "other-account"]));
    expect(ids(p)[0]).toBe("retained-leftover");
    expect(p.cause).toMatch(/another AWS account/);
    // Not a name with the stage: another account's is the most likely, the own bucket still listed.
    const bare = explainLog(
      "creating S3 Bucket (assets): operation error S3: CreateBucket, https response error StatusCode: 409, RequestID: 1, BucketAlreadyExists: ",
    );
    expect(ids(bare.problems[0])[0]).toBe("other-account");
    expect(ids(bare.problems[0])).toContain("retained-leftover");
  });

  it("a secret in its recovery window: restore, force-delete or wait, with its real name", () => {
    const r = explainLog(
      [
        "Diagnostics:",
        "  aws:secretsmanager:Secret (DbPassword):",
        "    error: creating Secrets Manager Secret (acme-dev-DbPassword): operation error Secrets Manager: CreateSecret, https response error StatusCode: 400, RequestID: 1, InvalidRequestException: You can't create this secret because a secret with this name is already scheduled for deletion.",
      ].join("\n"),
    );
    const p = r.problems[0]!;
    expect(ids(p)[0]).toBe("scheduled-for-deletion");
    const fix = p.fix.join("\n");
    expect(fix).toMatch(/restore-secret --secret-id acme-dev-DbPassword/);
    expect(fix).toMatch(/--force-delete-without-recovery/);
    expect(fix).not.toContain("<name>");
  });
});

describe("decide: the facts settle the cause", () => {
  const problem = (name: string, urn?: string) =>
    explainLog(
      `error: ${urn ?? "urn:pulumi:prod::shop::aws:route53/record:Record::api"}: InvalidChangeBatch: [Tried to create resource record set [name='${name}.', type='CNAME'] but it already exists]`,
    ).problems.find((p) => p.kind === "already-exists")!;
  const record = (urn: string, name: string) => ({
    urn,
    custom: true,
    type: "aws:route53/record:Record",
    id: `Z1_${name}_CNAME`,
    inputs: { name, type: "CNAME", zoneId: "Z1" },
    outputs: { name, fqdn: name },
  });
  const facts = (resources: unknown[], history: unknown[] = [], others: unknown[] = []) =>
    ({
      app: "shop",
      homeRegion: "us-east-1",
      stages: [{ stage: "prod", deployment: { resources }, history, integrity: [], otherHomes: [] }],
      allInventories: others,
      now: new Date(),
      staleLockMs: 0,
    }) as unknown as Facts;

  it("a record the state holds is not untracked: a replacement (another URN) of a tracked record", () => {
    const p = problem("api.shop.dev", "urn:pulumi:prod::shop::aws:route53/record:Record::apiRecord");
    const d = decide(
      p,
      facts([record("urn:pulumi:prod::shop::aws:route53/record:Record::api", "api.shop.dev")]),
      [],
      "prod",
    );
    expect(d?.id).toBe("replacement");
    expect(d?.evidence).toMatch(
      /holds api\.shop\.dev as urn:pulumi:prod::shop::aws:route53\/record:Record::api/,
    );
  });

  it("an older version held it with retainOnDelete: retained, and nothing when no fact names it", () => {
    const old = {
      ...record("urn:pulumi:prod::shop::aws:route53/record:Record::api", "api.shop.dev"),
      retainOnDelete: true,
    };
    const history = [
      { id: "v2", time: "t2", current: true, deployment: { resources: [] } },
      { id: "v1", time: "t1", current: false, deployment: { resources: [old] } },
    ];
    expect(decide(problem("api.shop.dev"), facts([], history), [], "prod")?.id).toBe("retained-leftover");
    expect(decide(problem("api.shop.dev"), facts([]), [], "prod")).toBeUndefined();
  });

  it("another stage's state holds the name: that stage is named", () => {
    const others = [
      {
        app: "shop",
        stage: "staging",
        entries: [
          {
            status: "managed",
            name: "api.shop.dev",
            id: "x",
            urn: "urn:pulumi:staging::shop::aws:route53/record:Record::api",
          },
        ],
      },
    ];
    const d = decide(problem("api.shop.dev"), facts([], [], others), [], "prod");
    expect(d).toMatchObject({ id: "other-stage" });
    expect(d?.evidence).toContain("stage staging");
  });
});

describe("explain --app --stage on the acme scenario", () => {
  const sandbox = useSandbox();
  beforeAll(async () => {
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  }, 30_000);

  it("a table kept by removal: retain is a retained leftover, and adopt is the fix", async () => {
    const tables = await new DynamoDBClient(sandbox.config(ACME.homeRegion)).send(new ListTablesCommand({}));
    const name = tables.TableNames!.find((t) => t.includes("production") && t.includes("Sessions"))!;
    expect(name).toBeDefined();
    const log = path.join(tempDir(), "deploy.log");
    writeFileSync(
      log,
      [
        "|  Error       Sessions sst:aws:Dynamo → SessionsTable aws:dynamodb:Table",
        `|  DynamoDB: CreateTable, https response error StatusCode: 400, RequestID: 1, ResourceInUseException: Table already exists: ${name}`,
      ].join("\n"),
    );
    const offline = await cli(["explain", log, "--json"]);
    const before = (JSON.parse(offline.stdout) as { problems: { causes: { id: string }[] }[] }).problems[0]!;
    expect(before.causes.length).toBeGreaterThan(1);

    const r = await cli(
      ["explain", log, "--app", "acme", "--stage", "production", "--json"],
      sandboxEnv(sandbox),
    );
    expect(r.code).toBe(3);
    const p = (
      JSON.parse(r.stdout) as { problems: { decided?: { id: string }; fix: string[]; rule: string }[] }
    ).problems[0]!;
    expect(p.decided?.id).toBe("retained-leftover");
    expect(p.rule).toBe("retained-leftover");
    expect(p.fix.join("\n")).toMatch(
      new RegExp(`stateward adopt aws:dynamodb/table:Table ${name}.*--retain-on-delete`),
    );
  });

  it("a hard-coded name another stage holds: that stage is named, not a leftover", async () => {
    const log = path.join(tempDir(), "deploy.log");
    writeFileSync(
      log,
      [
        "|  Error       Web sst:aws:Nextjs → WebCloudfrontFunctionRequest aws:cloudfront:Function",
        "|  creating CloudFront Function (acme-WebRewrite): operation error CloudFront: CreateFunction, https response error StatusCode: 409, RequestID: 1, FunctionAlreadyExists: A function with the same name already exists.",
      ].join("\n"),
    );
    const r = await cli(
      ["explain", log, "--app", "acme", "--stage", "staging", "--json"],
      sandboxEnv(sandbox),
    );
    const p = (JSON.parse(r.stdout) as { problems: { decided?: { id: string; evidence: string } }[] })
      .problems[0]!;
    expect(p.decided?.id).toBe("other-stage");
    expect(p.decided?.evidence).toMatch(/dev/);
  });
});
