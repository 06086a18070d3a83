/**
 * `stateward preflight` with no plan (issue 16): the creates of the next deploy are predicted from the
 * other stages' states, and their names checked where they can be predicted — names fixed in the
 * program (the same in every stage) and SST's pre-3.8 `<app>-<stage>-<Name>` names. The seeds' cases on
 * the local cloud: a hard-coded function name another stage owns, a table kept by `removal: retain`, a
 * log group Lambda created itself, an SES identity; a name with a random suffix is counted as not
 * checked, never passed; and a stage whose state already holds a resource does not create it again.
 */
import { CreateLogGroupCommand, CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { beforeAll, describe, expect, it } from "vitest";
import { predictName } from "../../src/preflight/predict.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder, type Resource } from "../fixtures/builder.js";
import { cli } from "../helpers.js";
import { putStageState, sandboxEnv, useSandbox } from "../sandbox/harness.js";

describe("predictName", () => {
  it("swaps the stage in a deterministic name, keeps a fixed one, gives up on a random suffix", () => {
    expect(predictName("shop-production-OrdersTable", "production", "staging")).toEqual({
      how: "stage-swapped",
      name: "shop-staging-OrdersTable",
    });
    expect(predictName("/aws/lambda/shop-prod-Worker", "prod", "pr-12")).toEqual({
      how: "stage-swapped",
      name: "/aws/lambda/shop-pr-12-Worker",
    });
    // A stage name inside a word is not the stage.
    expect(predictName("shop-products-Table", "prod", "dev")).toEqual({
      how: "fixed",
      name: "shop-products-Table",
    });
    expect(predictName("noreply@dev.acme.example", "dev", "pr-7")).toEqual({
      how: "stage-swapped",
      name: "noreply@pr-7.acme.example",
    });
    expect(predictName("shared-api", "production", "staging")).toEqual({ how: "fixed", name: "shared-api" });
    expect(predictName("shop-production-ApiFunction-kmnorstu", "production", "dev")).toEqual({
      how: "random",
    });
    expect(predictName("my-bucket-1a2b3c4", "production", "dev")).toEqual({ how: "random" });
    expect(predictName("shop-production-Queue-bcdfghjk.fifo", "production", "dev")).toEqual({
      how: "random",
    });
  });
});

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const APP = "shop";

interface Report {
  checked: number;
  blockers: { name: string; type: string; holder: { by: string; stage?: string }; fix: string[] }[];
  unchecked: { type: string; count: number; reason: string }[];
  plan: { format: string; creates: number; from?: string[] };
  firstDeploy?: { like?: string };
}

function builder(stage: string, account: string): SstStateBuilder {
  return new SstStateBuilder({ app: APP, stage, naming: "pre-3.8", account });
}

/** Production as deployed: SST pre-3.8 names, a hard-coded function name, a random-suffix function. */
function production(account: string): { b: SstStateBuilder; random: string } {
  const b = builder("production", account);
  b.addFunction("Worker");
  b.addDynamo("Orders");
  b.addEmail("Mailer", "hello@shop.example");
  const api = b.component("sst:aws:Function", "SharedApi");
  b.custom("aws:lambda/function:Function", "SharedApiFunction", api, {
    id: "shared-api",
    inputs: { name: "shared-api", role: "arn:aws:iam::1:role/x", runtime: "nodejs20.x" },
    outputs: { name: "shared-api", arn: `arn:aws:lambda:us-east-1:${account}:function:shared-api` },
  });
  const random = "shop-production-ImageFunction-kmnorstu";
  const image = b.component("sst:aws:Function", "Image");
  b.custom("aws:lambda/function:Function", "ImageFunction", image, {
    id: random,
    inputs: { name: random, role: "arn:aws:iam::1:role/x", runtime: "nodejs20.x" },
    outputs: { name: random, arn: `arn:aws:lambda:us-east-1:${account}:function:${random}` },
  });
  return { b, random };
}

const physical = (r: Resource | undefined): string => String(r!.id);

let staging: SstStateBuilder;

beforeAll(async () => {
  const account = sandbox.server().accountId;
  await seedAcme({ url: sandbox.server().url }, account);
  await putStageState(sandbox, APP, "production", production(account).b);
  // Staging's names as SST would make them, from the same program (independent of the predictor).
  staging = builder("staging", account);
  const { table } = staging.addDynamo("Orders");
  staging.addFunction("Worker");
  const config = sandbox.config("us-east-1");
  await new DynamoDBClient(config).send(
    new CreateTableCommand({
      TableName: physical(table),
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      Tags: [
        { Key: "sst:app", Value: APP },
        { Key: "sst:stage", Value: "staging" },
      ],
    }),
  );
  await new CloudWatchLogsClient(config).send(
    new CreateLogGroupCommand({ logGroupName: "/aws/lambda/shop-staging-WorkerFunction" }),
  );
  await new LambdaClient(config).send(
    new CreateFunctionCommand({
      FunctionName: "shared-api",
      Role: `arn:aws:iam::${account}:role/shared-api-role`,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: Buffer.from("504b0506000000000000000000000000000000000000", "hex") },
      Tags: { "sst:app": APP, "sst:stage": "production" },
    }),
  );
  await new SESv2Client(config).send(new CreateEmailIdentityCommand({ EmailIdentity: "hello@shop.example" }));
}, 60_000);

describe("preflight without a plan", () => {
  it("a first deploy of staging: the taken names it can predict are blockers with their holders", async () => {
    const r = await cli(["preflight", "--app", APP, "--stage", "staging", "--json"], env());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.plan.format).toBe("predicted");
    expect(report.firstDeploy).toEqual({});
    expect(report.plan.from).toEqual(["production"]);
    const by = Object.fromEntries(report.blockers.map((b) => [b.name, b.holder]));
    expect(by).toEqual({
      [physical(staging.resources.find((x) => x.type === "aws:dynamodb/table:Table"))]: {
        by: "this-stage-leftover",
      },
      "/aws/lambda/shop-staging-WorkerFunction": { by: "unknown" },
      "shared-api": { by: "other-stage", app: APP, stage: "production" },
      "hello@shop.example": { by: "other-stage", app: APP, stage: "production" },
    });
    // The role and function staging would create are free; the random-suffix function is not passed.
    // Looked up: the role, function, log group, table, configuration set and identity SST names for
    // staging, and the hard-coded shared-api — 7 predicted creates, 4 of them taken.
    expect(report.plan.creates).toBe(8);
    expect(report.checked).toBe(7);
    const random = report.unchecked.find((u) => u.type === "aws:lambda/function:Function");
    expect(random).toMatchObject({ count: 1 });
    expect(random!.reason).toMatch(/random suffix/);
  });

  it("a stage with no state whose name is close to one that exists is checked, and the typo named", async () => {
    const r = await cli(["preflight", "--app", APP, "--stage", "prodution", "--json"], env());
    expect((JSON.parse(r.stdout) as Report).firstDeploy).toEqual({ like: "production" });
    const text = await cli(["preflight", "--app", APP, "--stage", "prodution"], env());
    expect(text.stdout).toContain(
      "prodution has no state yet: checked as its first deploy. Did you mean production?",
    );
  });

  it("says on a terminal that there was no plan, and what it could not check", async () => {
    const r = await cli(["preflight", "--app", APP, "--stage", "staging"], env());
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/no plan: creates predicted from the states of production/);
    expect(r.stdout).toMatch(/pass --plan/);
    expect(r.stdout).toMatch(/Not checked:/);
  });

  it("a stage whose state already holds a resource does not create it again", async () => {
    const account = sandbox.server().accountId;
    // Staging as a copy of production's program, deployed: it holds every resource under its own URN.
    const mine = builder("staging", account);
    const api = mine.component("sst:aws:Function", "SharedApi");
    mine.custom("aws:lambda/function:Function", "SharedApiFunction", api, {
      id: "shared-api",
      inputs: { name: "shared-api" },
      outputs: { name: "shared-api" },
    });
    await putStageState(sandbox, APP, "staging", mine);
    const r = await cli(["preflight", "--app", APP, "--stage", "staging", "--json"], env());
    const report = JSON.parse(r.stdout) as Report;
    expect(report.blockers.map((b) => b.name)).not.toContain("shared-api");
    expect(report.blockers.map((b) => b.name)).toContain("hello@shop.example");
  });

  it("speaks Chinese with --lang zh; JSON keys stay", async () => {
    const r = await cli(["preflight", "--app", APP, "--stage", "staging", "--lang", "zh"], env());
    expect(r.stdout).toMatch(/部署前检查/);
    expect(r.stdout).toMatch(/已被占用/);
    const j = await cli(["preflight", "--app", APP, "--stage", "staging", "--lang", "zh", "--json"], env());
    expect(Object.keys(JSON.parse(j.stdout) as object).sort()).toEqual(
      ["app", "blockers", "calls", "checked", "incomplete", "plan", "stage", "unchecked"].sort(),
    );
  });
});
