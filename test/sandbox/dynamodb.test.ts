import {
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListTables,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { createTable, sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "111122223333" });
const client = (region = "us-east-1") => new DynamoDBClient(sandbox.config(region));

const create = (name: string, region?: string, tags?: Record<string, string>) =>
  createTable(client(region), name, tags);

describe("DynamoDB", () => {
  it("creates and describes a table", async () => {
    const out = await create("acme-dev-Orders", "us-east-1", { "sst:app": "acme" });
    expect(out.TableDescription).toMatchObject({
      TableName: "acme-dev-Orders",
      TableStatus: "ACTIVE",
      TableArn: "arn:aws:dynamodb:us-east-1:111122223333:table/acme-dev-Orders",
      BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
    });
    const d = await client().send(new DescribeTableCommand({ TableName: "acme-dev-Orders" }));
    expect(d.Table?.KeySchema).toEqual([{ AttributeName: "pk", KeyType: "HASH" }]);
    expect(d.Table?.CreationDateTime).toBeInstanceOf(Date);
  });

  it("refuses a duplicate with ResourceInUseException (400)", async () => {
    await create("dup-table");
    const e = await sdkError(() => create("dup-table"));
    expect(e).toMatchObject({ name: "ResourceInUseException", status: 400 });
    expect(e.message).toMatch(/Table already exists: dup-table/);
  });

  it("keeps regions apart", async () => {
    await create("regional-table", "eu-west-1");
    const e = await sdkError(() =>
      client("us-east-1").send(new DescribeTableCommand({ TableName: "regional-table" })),
    );
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 400 });
    const eu = await client("eu-west-1").send(new DescribeTableCommand({ TableName: "regional-table" }));
    expect(eu.Table?.TableArn).toContain(":eu-west-1:");
  });

  it("lists tables page by page", async () => {
    for (let i = 0; i < 130; i++) await create(`page-${String(i).padStart(3, "0")}`, "ap-south-1");
    const first = await client("ap-south-1").send(new ListTablesCommand({ Limit: 100 }));
    expect(first.TableNames).toHaveLength(100);
    expect(first.LastEvaluatedTableName).toBe("page-099");
    const names: string[] = [];
    for await (const page of paginateListTables({ client: client("ap-south-1") }, { Limit: 40 }))
      names.push(...(page.TableNames ?? []));
    expect(names).toHaveLength(130);
    expect(new Set(names).size).toBe(130);
  });

  it("tags, lists tags and untags", async () => {
    const { TableDescription } = await create("tagged", "us-east-1", { a: "1" });
    const arn = TableDescription!.TableArn!;
    await client().send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "b", Value: "2" }] }));
    await client().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["a"] }));
    const tags = await client().send(new ListTagsOfResourceCommand({ ResourceArn: arn }));
    expect(tags.Tags).toEqual([{ Key: "b", Value: "2" }]);
  });

  it("deletes, then reports the table missing", async () => {
    await create("to-delete");
    const out = await client().send(new DeleteTableCommand({ TableName: "to-delete" }));
    expect(out.TableDescription?.TableStatus).toBe("DELETING");
    const e = await sdkError(() => client().send(new DeleteTableCommand({ TableName: "to-delete" })));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 400 });
  });
});
