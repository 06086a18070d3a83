import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  UntagResourceCommand as UntagLogGroup,
} from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  GetResourcesCommand,
  GetTagKeysCommand,
  GetTagValuesCommand,
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
  type GetResourcesCommandInput,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { CreateEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { beforeAll, describe, expect, it } from "vitest";
import { createTable, sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "975318642097";
const sandbox = useSandbox({ accountId: ACCOUNT });
const R = "us-west-2";
const tagging = (region = R, extra = {}) => new ResourceGroupsTaggingAPIClient(sandbox.config(region, extra));
const logs = (region = R) => new CloudWatchLogsClient(sandbox.config(region));
const dynamo = (region = R) => new DynamoDBClient(sandbox.config(region));
const lambda = (region = R) => new LambdaClient(sandbox.config(region));
const sesv2 = (region = R) => new SESv2Client(sandbox.config(region));

const tableArn = (name: string, region = R) => `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}`;
const groupArn = (name: string, region = R) => `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
const fnArn = (name: string) => `arn:aws:lambda:${R}:${ACCOUNT}:function:${name}`;
const identityArn = (name: string) => `arn:aws:ses:${R}:${ACCOUNT}:identity/${name}`;

const arnsOf = async (input: GetResourcesCommandInput, region = R): Promise<string[]> => {
  const out: string[] = [];
  for await (const page of paginateGetResources({ client: tagging(region) }, input)) {
    out.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN!));
  }
  return out.sort();
};

const GROUPS = Array.from({ length: 105 }, (_, i) => `/acme/prod/g-${String(i).padStart(3, "0")}`);

beforeAll(async () => {
  await createTable(dynamo(), "acme-dev-Orders", { "sst:app": "acme", "sst:stage": "dev" });
  await createTable(dynamo(), "acme-prod-Orders", { "sst:app": "acme", "sst:stage": "prod" });
  await createTable(dynamo(), "other-app-Table", { "sst:app": "other", "sst:stage": "dev" });
  await createTable(dynamo(), "untagged-Table", {});
  for (const name of GROUPS) {
    await logs().send(
      new CreateLogGroupCommand({ logGroupName: name, tags: { "sst:app": "acme", "sst:stage": "prod" } }),
    );
  }
  await logs().send(
    new CreateLogGroupCommand({ logGroupName: "/acme/dev/api", tags: { "sst:app": "acme" } }),
  );
  await lambda().send(
    new CreateFunctionCommand({
      FunctionName: "acme-dev-api",
      Role: `arn:aws:iam::${ACCOUNT}:role/api`,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: Buffer.from("504b0506000000000000000000000000000000000000", "hex") },
      Tags: { "sst:app": "acme", "sst:stage": "dev", owner: "" },
    }),
  );
  await sesv2().send(
    new CreateEmailIdentityCommand({
      EmailIdentity: "acme.example",
      Tags: [
        { Key: "sst:app", Value: "acme" },
        { Key: "sst:stage", Value: "staging" },
      ],
    }),
  );
  // The same names in another region must never show up in us-west-2.
  await createTable(dynamo("eu-west-1"), "acme-dev-Orders", { "sst:app": "acme", "sst:stage": "dev" });
  await logs("eu-west-1").send(
    new CreateLogGroupCommand({ logGroupName: "/acme/eu/only", tags: { "sst:app": "acme" } }),
  );
});

describe("Resource Groups Tagging API", () => {
  it("returns every tagged resource of every service, with its tags as a list", async () => {
    const all = await arnsOf({});
    expect(all).toHaveLength(3 + 105 + 1 + 1 + 1);
    expect(all).toContain(tableArn("acme-dev-Orders"));
    expect(all).toContain(groupArn("/acme/dev/api"));
    expect(all).toContain(fnArn("acme-dev-api"));
    expect(all).toContain(identityArn("acme.example"));
    // Untagged resources are not returned (documented).
    expect(all).not.toContain(tableArn("untagged-Table"));
    expect(all).not.toContain(groupArn("/acme/eu/only", "eu-west-1"));
    expect(all).not.toContain(tableArn("acme-dev-Orders", "eu-west-1"));

    const one = await tagging().send(new GetResourcesCommand({ ResourceARNList: [fnArn("acme-dev-api")] }));
    expect(one.ResourceTagMappingList).toEqual([
      {
        ResourceARN: fnArn("acme-dev-api"),
        Tags: [
          { Key: "sst:app", Value: "acme" },
          { Key: "sst:stage", Value: "dev" },
          { Key: "owner", Value: "" },
        ],
      },
    ]);
  });

  it("pages 50 by default and up to 100, ending with an empty PaginationToken", async () => {
    const first = await tagging().send(new GetResourcesCommand({}));
    expect(first.ResourceTagMappingList).toHaveLength(50);
    expect(first.PaginationToken).not.toBe("");

    const sizes: number[] = [];
    let last: string | undefined;
    for await (const page of paginateGetResources({ client: tagging(), pageSize: 100 }, {})) {
      sizes.push(page.ResourceTagMappingList?.length ?? 0);
      last = page.PaginationToken;
    }
    expect(sizes).toEqual([100, 11]);
    expect(last).toBe("");

    const e = await sdkError(() => tagging().send(new GetResourcesCommand({ ResourcesPerPage: 101 })));
    expect(e).toMatchObject({ name: "InvalidParameterException", status: 400 });
  });

  it("filters by key and any of its values, key alone, and ANDs filters", async () => {
    const dev = await arnsOf({ TagFilters: [{ Key: "sst:stage", Values: ["dev"] }] });
    expect(dev).toEqual(
      [fnArn("acme-dev-api"), tableArn("acme-dev-Orders"), tableArn("other-app-Table")].sort(),
    );

    const devOrStaging = await arnsOf({ TagFilters: [{ Key: "sst:stage", Values: ["dev", "staging"] }] });
    expect(devOrStaging).toEqual([...dev, identityArn("acme.example")].sort());

    const owned = await arnsOf({ TagFilters: [{ Key: "owner" }] });
    expect(owned).toEqual([fnArn("acme-dev-api")]);

    const acmeDev = await arnsOf({
      TagFilters: [
        { Key: "sst:app", Values: ["acme"] },
        { Key: "sst:stage", Values: ["dev"] },
      ],
    });
    expect(acmeDev).toEqual([fnArn("acme-dev-api"), tableArn("acme-dev-Orders")].sort());

    const prodLogs = await arnsOf({ TagFilters: [{ Key: "sst:stage", Values: ["prod"] }] });
    expect(prodLogs).toHaveLength(106);
    expect(prodLogs).toEqual([...GROUPS.map((g) => groupArn(g)), tableArn("acme-prod-Orders")].sort());
  });

  it("filters by resource type, a bare service matching all its types", async () => {
    const tables = [
      tableArn("acme-dev-Orders"),
      tableArn("acme-prod-Orders"),
      tableArn("other-app-Table"),
    ].sort();
    expect(await arnsOf({ ResourceTypeFilters: ["dynamodb"] })).toEqual(tables);
    expect(await arnsOf({ ResourceTypeFilters: ["dynamodb:table"] })).toEqual(tables);
    expect(await arnsOf({ ResourceTypeFilters: ["logs:log-group"] })).toHaveLength(106);
    expect(await arnsOf({ ResourceTypeFilters: ["lambda", "ses"] })).toEqual(
      [fnArn("acme-dev-api"), identityArn("acme.example")].sort(),
    );
    expect(
      await arnsOf({
        ResourceTypeFilters: ["logs", "dynamodb:table"],
        TagFilters: [{ Key: "sst:stage", Values: ["dev"] }],
      }),
    ).toEqual([tableArn("acme-dev-Orders"), tableArn("other-app-Table")].sort());
  });

  it("answers the other region with its own resources only", async () => {
    expect(await arnsOf({}, "eu-west-1")).toEqual(
      [tableArn("acme-dev-Orders", "eu-west-1"), groupArn("/acme/eu/only", "eu-west-1")].sort(),
    );
  });

  it("drops a resource once its last tag is removed", async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: "/short/tagged", tags: { tmp: "1" } }));
    expect(await arnsOf({ TagFilters: [{ Key: "tmp" }] })).toEqual([groupArn("/short/tagged")]);
    await logs().send(new UntagLogGroup({ resourceArn: groupArn("/short/tagged"), tagKeys: ["tmp"] }));
    expect(await arnsOf({ TagFilters: [{ Key: "tmp" }] })).toEqual([]);
  });

  it("refuses ResourceARNList together with filters or pagination", async () => {
    const e = await sdkError(() =>
      tagging().send(
        new GetResourcesCommand({ ResourceARNList: [fnArn("acme-dev-api")], TagFilters: [{ Key: "a" }] }),
      ),
    );
    expect(e).toMatchObject({ name: "InvalidParameterException", status: 400 });
    const paged = await sdkError(() =>
      tagging().send(
        new GetResourcesCommand({ ResourceARNList: [fnArn("acme-dev-api")], ResourcesPerPage: 5 }),
      ),
    );
    expect(paged).toMatchObject({ name: "InvalidParameterException", status: 400 });
  });

  it("lists tag keys and the values of one key", async () => {
    const keys = await tagging().send(new GetTagKeysCommand({}));
    expect(keys.TagKeys).toEqual(["owner", "sst:app", "sst:stage"]);
    expect(keys.PaginationToken).toBe("");
    const values = await tagging().send(new GetTagValuesCommand({ Key: "sst:stage" }));
    expect(values.TagValues).toEqual(["dev", "prod", "staging"]);
  });

  it("throttles with ThrottledException (400)", async () => {
    sandbox.server().faults.configure({
      rules: [{ service: "tagging", operation: "GetResources", throttleRate: 1 }],
    });
    try {
      const e = await sdkError(() => tagging(R, { maxAttempts: 1 }).send(new GetResourcesCommand({})));
      expect(e).toEqual({ name: "ThrottledException", status: 400, message: "Rate exceeded" });
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  });
});
