/**
 * Adopting a DynamoDB table (`aws:dynamodb/table:Table`): what pulumi-aws v6 records for it, from
 * DescribeTable and ListTagsOfResource. Id and name are the table name. Property names follow the
 * provider's schema (camelCase) and the keys SST's own entries carry (see `addDynamo` in
 * src/sandbox/sst-state.ts); outputs add what the provider computes on a read (capacities, stream,
 * table class). Point-in-time recovery and TTL need calls of their own (DescribeContinuousBackups,
 * DescribeTimeToLive) and are left out: both are optional and computed, so their absence is no diff.
 */
import {
  DescribeTableCommand,
  ListTagsOfResourceCommand,
  type GlobalSecondaryIndexDescription,
  type LocalSecondaryIndexDescription,
  type Projection,
} from "@aws-sdk/client-dynamodb";
import type { JsonObject, PropertyMap } from "../../state/index.js";
import { tagMap, unlessMissing } from "../resources/handler.js";
import type { Adopter } from "./types.js";

const MISSING = ["ResourceNotFoundException"];

function keyOf(schema: { AttributeName?: string; KeyType?: string }[] | undefined, type: string) {
  return schema?.find((k) => k.KeyType === type)?.AttributeName;
}

/** The projection and key fields pulumi-aws records for a secondary index (shared by GSIs and LSIs). */
function indexShape(
  name: string | undefined,
  schema: { AttributeName?: string; KeyType?: string }[] | undefined,
  projection: Projection | undefined,
): JsonObject {
  const index: JsonObject = { name: name ?? "" };
  const hash = keyOf(schema, "HASH");
  const range = keyOf(schema, "RANGE");
  if (hash !== undefined) index.hashKey = hash;
  if (range !== undefined) index.rangeKey = range;
  index.projectionType = projection?.ProjectionType ?? "";
  if (projection?.NonKeyAttributes !== undefined && projection.NonKeyAttributes.length > 0)
    index.nonKeyAttributes = [...projection.NonKeyAttributes];
  return index;
}

function globalIndex(gsi: GlobalSecondaryIndexDescription, payPerRequest: boolean): JsonObject {
  const index = indexShape(gsi.IndexName, gsi.KeySchema, gsi.Projection);
  if (!payPerRequest) {
    index.readCapacity = gsi.ProvisionedThroughput?.ReadCapacityUnits ?? 0;
    index.writeCapacity = gsi.ProvisionedThroughput?.WriteCapacityUnits ?? 0;
  }
  return index;
}

function localIndex(lsi: LocalSecondaryIndexDescription): JsonObject {
  return indexShape(lsi.IndexName, lsi.KeySchema, lsi.Projection);
}

export const dynamodbTableAdopter: Adopter = {
  kind: "dynamodb-table",

  async read(ctx, identity) {
    const client = ctx.clients.dynamodb(identity.region);
    const table = (
      await unlessMissing(MISSING, () =>
        ctx.call("dynamodb", `DescribeTable ${identity.name}`, (signal) =>
          client.send(new DescribeTableCommand({ TableName: identity.name }), { abortSignal: signal }),
        ),
      )
    )?.Table;
    if (table?.TableName === undefined) return undefined;
    const name = table.TableName;
    const arn = table.TableArn ?? "";
    const tags =
      arn === ""
        ? {}
        : tagMap(
            (
              await ctx.call("dynamodb", `ListTagsOfResource ${name}`, (signal) =>
                client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }), { abortSignal: signal }),
              )
            ).Tags,
          );

    // AWS leaves BillingModeSummary out of tables that were always provisioned.
    const billingMode = table.BillingModeSummary?.BillingMode ?? "PROVISIONED";
    const payPerRequest = billingMode === "PAY_PER_REQUEST";
    const hashKey = keyOf(table.KeySchema, "HASH") ?? "";
    const rangeKey = keyOf(table.KeySchema, "RANGE");
    // A set in the provider: sorted by name so the entry does not depend on AWS's order.
    const attributes = (table.AttributeDefinitions ?? [])
      .map((a) => ({ name: a.AttributeName ?? "", type: a.AttributeType ?? "" }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const streamEnabled = table.StreamSpecification?.StreamEnabled === true;
    const gsis = (table.GlobalSecondaryIndexes ?? []).map((g) => globalIndex(g, payPerRequest));
    const lsis = (table.LocalSecondaryIndexes ?? []).map(localIndex);

    const shared: PropertyMap = {
      attributes,
      billingMode,
      hashKey,
      name,
      ...(rangeKey === undefined ? {} : { rangeKey }),
      ...(gsis.length === 0 ? {} : { globalSecondaryIndexes: gsis }),
      ...(lsis.length === 0 ? {} : { localSecondaryIndexes: lsis }),
      streamEnabled,
      ...(streamEnabled ? { streamViewType: table.StreamSpecification?.StreamViewType ?? "" } : {}),
    };
    const readCapacity = payPerRequest ? 0 : (table.ProvisionedThroughput?.ReadCapacityUnits ?? 0);
    const writeCapacity = payPerRequest ? 0 : (table.ProvisionedThroughput?.WriteCapacityUnits ?? 0);

    const inputs: PropertyMap = {
      __defaults: [],
      ...shared,
      // Provisioned tables need their capacities as inputs; on-demand tables have none.
      ...(payPerRequest ? {} : { readCapacity, writeCapacity }),
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    const outputs: PropertyMap = {
      ...shared,
      arn,
      deletionProtectionEnabled: table.DeletionProtectionEnabled === true,
      id: name,
      readCapacity,
      streamArn: table.LatestStreamArn ?? "",
      streamLabel: table.LatestStreamLabel ?? "",
      streamViewType: streamEnabled ? (table.StreamSpecification?.StreamViewType ?? "") : "",
      tableClass: table.TableClassSummary?.TableClass ?? "STANDARD",
      tags: { ...tags },
      tagsAll: { ...tags },
      writeCapacity,
    };
    if (table.SSEDescription?.Status === "ENABLED") {
      outputs.serverSideEncryption = { enabled: true, kmsKeyArn: table.SSEDescription.KMSMasterKeyArn ?? "" };
    }
    return { id: name, inputs, outputs };
  },
};
