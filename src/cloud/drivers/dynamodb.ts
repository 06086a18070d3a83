/**
 * DynamoDB table (`aws:dynamodb/table:Table`): id and physical name are the table name. Tagged
 * tables come from the tagging API; drift is the key schema and the billing mode.
 */
import {
  DeleteTableCommand,
  DescribeTableCommand,
  ListTagsOfResourceCommand,
} from "@aws-sdk/client-dynamodb";
import {
  compareProps,
  namedIdentity,
  splitArn,
  unlessMissing,
  tagMap,
  type CloudContext,
  type CloudResource,
  type ResourceHandler,
  gatedDelete,
} from "./handler.js";

const TYPE = "aws:dynamodb/table:Table";

const MISSING = ["ResourceNotFoundException"];

export const dynamodbTable: ResourceHandler = {
  kind: "dynamodb-table",
  label: "DynamoDB table",
  types: [TYPE],
  service: "dynamodb",
  global: false,
  taggable: true,
  tagType: "dynamodb:table",

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "dynamodb" || !a.resource.startsWith("table/") || a.resource.includes("/stream/"))
      return undefined;
    const name = a.resource.slice("table/".length);
    return { name, id: name, region: a.region, arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, ["name"]);
  },

  async read(ctx, identity) {
    const client = ctx.clients.dynamodb(identity.region);
    const table = (
      await unlessMissing(MISSING, () =>
        ctx.call("dynamodb", `DescribeTable ${identity.name}`, (signal) =>
          client.send(new DescribeTableCommand({ TableName: identity.name }), { abortSignal: signal }),
        ),
      )
    )?.Table;
    if (table === undefined) return undefined;
    const arn = table.TableArn;
    const tags =
      arn === undefined
        ? {}
        : tagMap(
            (
              await ctx.call("dynamodb", `ListTagsOfResource ${identity.name}`, (signal) =>
                client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }), { abortSignal: signal }),
              )
            ).Tags,
          );
    const hash = table.KeySchema?.find((k) => k.KeyType === "HASH")?.AttributeName;
    const range = table.KeySchema?.find((k) => k.KeyType === "RANGE")?.AttributeName;
    const resource: CloudResource = {
      kind: "dynamodb-table",
      type: TYPE,
      name: identity.name,
      id: identity.name,
      region: identity.region,
      tags,
      foundBy: "read",
      detail: {
        hashKey: hash ?? null,
        ...(range === undefined ? {} : { rangeKey: range }),
        billingMode: table.BillingModeSummary?.BillingMode ?? "PROVISIONED",
      },
    };
    if (arn !== undefined) resource.arn = arn;
    return resource;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["hashKey", "rangeKey", "billingMode"]);
  },

  delete: gatedDelete("dynamodb-table", async (ctx: CloudContext, identity) => {
    const client = ctx.clients.dynamodb(identity.region);
    const done = await unlessMissing(MISSING, () =>
      ctx.call("dynamodb", `DeleteTable ${identity.name}`, (signal) =>
        client.send(new DeleteTableCommand({ TableName: identity.name }), { abortSignal: signal }),
      ),
    );
    return { deleted: true, steps: [done === undefined ? "already gone" : `deleted table ${identity.name}`] };
  }),
};
