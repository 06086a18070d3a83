/**
 * `stateward preflight` on the local cloud (issue 16): the seeds' five "already exists" causes, read from
 * a recorded `pulumi preview --json` and from the engine event log `sst diff` has Pulumi write, are
 * blockers naming the resource, who holds it and the fix — before anything is created. A name that is
 * free passes; a type with no lookup is counted as not checked; the retained table's printed adopt works.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateLogGroupCommand, CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  ChangeResourceRecordSetsCommand,
  ListHostedZonesCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { CreateEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { readPlan } from "../../src/preflight/plan-file.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const DIR = new URL("../fixtures/plans/", import.meta.url);
let zoneId = "";

/** A recorded plan with the local cloud's hosted zone filled in. */
function planText(file: string): string {
  return readFileSync(new URL(file, DIR), "utf8")
    .replaceAll("${ZONE_ID}", zoneId)
    .replaceAll("${ZONE}", ACME.zone);
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const config = sandbox.config(ACME.homeRegion);
  const r53 = new Route53Client(config);
  const zones = await r53.send(new ListHostedZonesCommand({}));
  zoneId = zones.HostedZones!.find((z) => z.Name === `${ACME.zone}.`)!.Id!.replace("/hostedzone/", "");
  await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          {
            Action: "CREATE",
            ResourceRecordSet: {
              Name: `shop.${ACME.zone}`,
              Type: "A",
              TTL: 300,
              ResourceRecords: [{ Value: "192.0.2.1" }],
            },
          },
        ],
      },
    }),
  );
  const ddb = new DynamoDBClient(config);
  await ddb.send(
    new CreateTableCommand({
      TableName: "acme-dev-InvoicesTable-kmnorstu",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      Tags: [
        { Key: "sst:app", Value: "acme" },
        { Key: "sst:stage", Value: "dev" },
      ],
    }),
  );
  await new LambdaClient(config).send(
    new CreateFunctionCommand({
      FunctionName: "shared-api",
      Role: `arn:aws:iam::${sandbox.server().accountId}:role/shared-api-role`,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: Buffer.from("504b0506000000000000000000000000000000000000", "hex") },
      Tags: { "sst:app": "acme", "sst:stage": "production" },
    }),
  );
  await new CloudWatchLogsClient(config).send(
    new CreateLogGroupCommand({ logGroupName: "/aws/lambda/acme-dev-WorkerFunction-bcdefhkm" }),
  );
  await new SESv2Client(config).send(
    new CreateEmailIdentityCommand({ EmailIdentity: "hello@preflight.example" }),
  );
}, 60_000);

interface Report {
  checked: number;
  blockers: {
    name: string;
    holder: { by: string; stage?: string };
    fix: string[];
    urn: string;
    type: string;
  }[];
  unchecked: { type: string; count: number; reason: string }[];
  incomplete: unknown[];
  plan: { format: string; creates: number };
}

const tmp = mkdtempSync(join(tmpdir(), "preflight-"));

async function preflight(file: string, stage = "dev") {
  const path = join(tmp, file);
  writeFileSync(path, planText(file));
  return cli(["preflight", "--plan", path, "--app", "acme", "--stage", stage, "--json"], env());
}

describe("preflight", () => {
  it.each(["seeds-preview.json", "seeds-eventlog.json"])(
    "%s: the five taken names are blockers, each with its holder and fix",
    async (file) => {
      const r = await preflight(file);
      expect(r.code).toBe(3);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.plan.creates).toBe(7);
      const by = Object.fromEntries(report.blockers.map((b) => [b.name, b.holder]));
      expect(by).toEqual({
        "acme-dev-InvoicesTable-kmnorstu": { by: "this-stage-leftover" },
        "shared-api": { by: "other-stage", app: "acme", stage: "production" },
        "/aws/lambda/acme-dev-WorkerFunction-bcdefhkm": { by: "unknown" },
        "hello@preflight.example": { by: "unknown" },
        [`shop.${ACME.zone}`]: { by: "unknown" },
      });
      // Six looked up (the bucket is free), the VPC not checked, and said so.
      expect(report.checked).toBe(6);
      expect(report.unchecked).toEqual([
        { type: "aws:ec2/vpc:Vpc", count: 1, reason: "stateward has no lookup for this type" },
      ]);
      expect(report.incomplete).toEqual([]);
      const shared = report.blockers.find((b) => b.name === "shared-api")!;
      expect(shared.fix.join("\n")).not.toMatch(/stateward adopt/); // never another stage's resource
    },
    60_000,
  );

  it("the retained table's printed adopt takes it over; an empty plan is refused, saying which plan it reads", async () => {
    const report = JSON.parse((await preflight("seeds-preview.json")).stdout) as Report;
    const table = report.blockers.find((b) => b.name === "acme-dev-InvoicesTable-kmnorstu")!;
    const adopt = table.fix[0]!.split("  #")[0]!;
    expect(adopt).toBe(
      "stateward adopt aws:dynamodb/table:Table acme-dev-InvoicesTable-kmnorstu --urn 'urn:pulumi:dev::acme::sst:aws:Dynamo$aws:dynamodb/table:Table::InvoicesTable' --app acme --stage dev",
    );
    const args = adopt
      .split(/ (?=(?:[^']*'[^']*')*[^']*$)/)
      .slice(1)
      .map((a) => a.replace(/^'(.*)'$/, "$1"));
    const done = await cli([...args, "--yes"], env());
    expect(done.code).toBe(0);
    const empty = join(tmp, "empty.json");
    writeFileSync(empty, "");
    const none = await cli(["preflight", "--plan", empty, "--app", "acme", "--stage", "dev"], env());
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/empty.json is not a deploy plan stateward reads: it is empty/);
    expect(none.stderr).toMatch(/pulumi preview --json/);
    const missing = await cli(
      ["preflight", "--plan", join(tmp, "nope.json"), "--app", "acme", "--stage", "dev"],
      env(),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope.json does not exist/);
    expect(missing.stderr).toMatch(/pulumi preview --json > plan.json/);
    expect(missing.stderr).not.toMatch(/state export/);
  }, 60_000);

  it("a stage with no state yet (a first deploy) is checked too", async () => {
    const r = await preflight("seeds-preview.json", "pr-99");
    // The names are the same; the holder of the dev-tagged table is now another stage.
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as Report;
    expect(r.code).toBe(3);
    expect(report.blockers.find((b) => b.name === "acme-dev-InvoicesTable-kmnorstu")!.holder).toEqual({
      by: "other-stage",
      app: "acme",
      stage: "dev",
    });
  }, 60_000);
});

describe("preflight: who holds a taken name with no tags", () => {
  it("with a plan, the other stages' states are read before calling it nobody's, as without one", async () => {
    // CloudFront functions carry no tags: only dev's state says the fixed name is dev's.
    const plan = new URL("../../examples/preview-pr-7.json", import.meta.url).pathname;
    const withPlan = await cli(
      ["preflight", "--plan", plan, "--app", "acme", "--stage", "pr-7", "--json"],
      env(),
    );
    const without = await cli(["preflight", "--app", "acme", "--stage", "pr-7", "--json"], env());
    expect(withPlan.code).toBe(3);
    const holders = (r: { stdout: string }) =>
      Object.fromEntries((JSON.parse(r.stdout) as Report).blockers.map((b) => [b.name, b.holder]));
    const planned = holders(withPlan);
    const predicted = holders(without);
    const shared = Object.keys(planned).filter((name) => name in predicted);
    expect(shared.length).toBeGreaterThan(0);
    for (const name of shared) {
      expect(planned[name], name).toEqual(predicted[name]);
      expect(planned[name]!.by, name).toBe("other-stage");
    }
  }, 60_000);
});

describe("readPlan", () => {
  it("refuses what is not a plan with one paragraph", () => {
    expect(() => readPlan("", "p.json")).toThrow(/p.json is not a deploy plan stateward reads: it is empty/);
    expect(() => readPlan('{"version":3,"deployment":{}}', "state.json")).toThrow(
      /a preview without `steps`/,
    );
    expect(() => readPlan("hello\nworld", "log.txt")).toThrow(/line 1 is not JSON/);
  });

  it("a replace of a fixed-name resource is a create that replaces; same and update steps are not creates", () => {
    const plan = readPlan(
      JSON.stringify({
        steps: [
          {
            op: "same",
            urn: "urn:pulumi:s::a::aws:s3/bucketV2:BucketV2::B",
            newState: { type: "aws:s3/bucketV2:BucketV2", custom: true, inputs: {} },
          },
          {
            op: "replace",
            urn: "urn:pulumi:s::a::aws:dynamodb/table:Table::T",
            newState: { type: "aws:dynamodb/table:Table", custom: true, inputs: { name: "t" } },
          },
          {
            op: "create-replacement",
            urn: "urn:pulumi:s::a::aws:dynamodb/table:Table::T",
            newState: { type: "aws:dynamodb/table:Table", custom: true, inputs: { name: "t" } },
          },
          {
            op: "create",
            urn: "urn:pulumi:s::a::sst:aws:Function::F",
            newState: { type: "sst:aws:Function", custom: false, inputs: {} },
          },
        ],
      }),
      "x",
    );
    expect(plan.creates).toEqual([
      {
        urn: "urn:pulumi:s::a::aws:dynamodb/table:Table::T",
        type: "aws:dynamodb/table:Table",
        inputs: { name: "t" },
        replacing: true,
      },
    ]);
  });
});
