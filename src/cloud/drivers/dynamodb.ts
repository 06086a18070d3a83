/** DynamoDB, the driver for tables (src/kinds/dynamodb-table.ts): DescribeTable, tags, DeleteTable. */
import {
  DeleteTableCommand,
  DescribeTableCommand,
  ListTagsOfResourceCommand,
} from "@aws-sdk/client-dynamodb";
import { dynamodbTable } from "../../kinds/dynamodb-table.js";
import type { CloudResource } from "../../kinds/types.js";
import { dynamodbTableAdopter } from "./adopt/dynamodb-table.js";
import { gatedDelete, tagMap, unlessMissing, type CloudContext, type KindDriver } from "./types.js";

const TYPE = dynamodbTable.types[0]!;

const MISSING = ["ResourceNotFoundException"];

export const dynamodbTableDriver: KindDriver = {
  ...dynamodbTable,

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
      kind: dynamodbTable.kind,
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

  delete: gatedDelete(dynamodbTable.kind, async (ctx: CloudContext, identity) => {
    const client = ctx.clients.dynamodb(identity.region);
    const done = await unlessMissing(MISSING, () =>
      ctx.call("dynamodb", `DeleteTable ${identity.name}`, (signal) =>
        client.send(new DeleteTableCommand({ TableName: identity.name }), { abortSignal: signal }),
      ),
    );
    return { deleted: true, steps: [done === undefined ? "already gone" : `deleted table ${identity.name}`] };
  }),

  adopt: (ctx, identity) => dynamodbTableAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [dynamodbTableDriver];
