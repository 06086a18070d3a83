/** DynamoDB, the driver for tables (src/kinds/dynamodb-table.ts): DescribeTable, tags, DeleteTable. */
import {
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type GlobalSecondaryIndexDescription,
  ListTagsOfResourceCommand,
  type LocalSecondaryIndexDescription,
  type Projection,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { dynamodbTable } from "../../kinds/dynamodb-table.js";
import type { Identity } from "../../kinds/types.js";
import {
  type AdoptedProperties,
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  deletedOrGone,
  found,
  gatedDelete,
  tagMap,
  timeoutsMeta,
} from "./types.js";
import type { JsonObject, PropertyMap } from "../../state/index.js";

const MISSING = ["ResourceNotFoundException"];

/** DescribeTable; undefined when there is no such table. */
async function describe(ctx: CloudContext, identity: Identity): Promise<TableDescription | undefined> {
  const client = ctx.clients.dynamodb(identity.region);
  const got = await callUnlessMissing(ctx, MISSING, "dynamodb", `DescribeTable ${identity.name}`, (signal) =>
    client.send(new DescribeTableCommand({ TableName: identity.name }), { abortSignal: signal }),
  );
  return got?.Table;
}

/** A table's tags (ListTagsOfResource by its ARN); none when it has no ARN. */
async function tableTags(ctx: CloudContext, identity: Identity, arn: string | undefined) {
  if (arn === undefined || arn === "") return {};
  const client = ctx.clients.dynamodb(identity.region);
  const got = await ctx.call("dynamodb", `ListTagsOfResource ${identity.name}`, (signal) =>
    client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }), { abortSignal: signal }),
  );
  return tagMap(got.Tags);
}

export const dynamodbTableDriver: KindDriver = {
  ...dynamodbTable,

  async read(ctx, identity) {
    const table = await describe(ctx, identity);
    if (table === undefined) return undefined;
    const arn = table.TableArn;
    const tags = await tableTags(ctx, identity, arn);
    const hash = table.KeySchema?.find((k) => k.KeyType === "HASH")?.AttributeName;
    const range = table.KeySchema?.find((k) => k.KeyType === "RANGE")?.AttributeName;
    return found(dynamodbTable, {
      name: identity.name,
      region: identity.region,
      arn,
      tags,
      foundBy: "read",
      detail: {
        hashKey: hash ?? null,
        ...(range === undefined ? {} : { rangeKey: range }),
        billingMode: table.BillingModeSummary?.BillingMode ?? "PROVISIONED",
      },
    });
  },

  delete: gatedDelete(dynamodbTable.kind, async (ctx: CloudContext, identity) => {
    const client = ctx.clients.dynamodb(identity.region);
    const done = await callUnlessMissing(ctx, MISSING, "dynamodb", `DeleteTable ${identity.name}`, (signal) =>
      client.send(new DeleteTableCommand({ TableName: identity.name }), { abortSignal: signal }),
    );
    return deletedOrGone(done, `table ${identity.name}`);
  }),

  adopt: (ctx, identity) => dynamodbTableAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [dynamodbTableDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a DynamoDB table (`aws:dynamodb/table:Table`): what pulumi-aws v6 records for it, from
 * DescribeTable and ListTagsOfResource. Id and name are the table name. Property names follow the
 * provider's schema (camelCase) and the keys SST's own entries carry (see `addDynamo` in
 * src/sandbox/sst-state.ts); outputs add what the provider computes on a read (capacities, stream,
 * table class, point-in-time recovery and TTL from DescribeContinuousBackups and DescribeTimeToLive)
 * and the keys pulumi-aws always writes even when empty (`replicas`, the index lists,
 * `serverSideEncryption: null`), plus its `__meta` (the resource's timeouts and schema version).
 * Checked against pulumi-aws's recorded export (../shared/fixtures/pulumi-aws/dynamodb-table-*).
 * Objects in the inputs carry `__defaults: []` as pulumi-aws writes them.
 */
/**
 * What pulumi-aws records in `__meta` for a table: the Terraform resource's timeouts (create 30 min,
 * delete 10 min, update 60 min, in ns) and its schema version.
 */
export const DYNAMODB_TABLE_META = timeoutsMeta(
  { create: 1800000000000, delete: 600000000000, update: 3600000000000 },
  { schema_version: "1" },
);

/** An object as pulumi-aws records it among the inputs: with its (empty) `__defaults`. */
function withDefaults(o: JsonObject): JsonObject {
  return { __defaults: [], ...o };
}

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

/** What the table's reads answer: its description, tags, point-in-time recovery and TTL. */
interface DescribedTable {
  table: TableDescription;
  name: string;
  arn: string;
  tags: Record<string, string>;
  pitrEnabled: boolean;
  ttl: JsonObject;
  ttlEnabled: boolean;
}

async function describeTable(ctx: CloudContext, identity: Identity): Promise<DescribedTable | undefined> {
  const client = ctx.clients.dynamodb(identity.region);
  const table = await describe(ctx, identity);
  if (table?.TableName === undefined) return undefined;
  const name = table.TableName;
  const arn = table.TableArn ?? "";
  const tags = await tableTags(ctx, identity, arn);

  const backups = (
    await ctx.call("dynamodb", `DescribeContinuousBackups ${name}`, (signal) =>
      client.send(new DescribeContinuousBackupsCommand({ TableName: name }), { abortSignal: signal }),
    )
  ).ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
  const pitrEnabled = backups?.PointInTimeRecoveryStatus === "ENABLED";
  const ttlDescription = (
    await ctx.call("dynamodb", `DescribeTimeToLive ${name}`, (signal) =>
      client.send(new DescribeTimeToLiveCommand({ TableName: name }), { abortSignal: signal }),
    )
  ).TimeToLiveDescription;
  const ttlEnabled = ttlDescription?.TimeToLiveStatus === "ENABLED";
  // The provider reads the attribute name only while TTL is on (the fixture: "" when off).
  const ttl: JsonObject = {
    attributeName: ttlEnabled ? (ttlDescription?.AttributeName ?? "") : "",
    enabled: ttlEnabled,
  };
  return { table, name, arn, tags, pitrEnabled, ttl, ttlEnabled };
}

/** The inputs and outputs pulumi-aws records for a described table. */
function tableEntry(d: DescribedTable): AdoptedProperties {
  const { table, name, arn, tags, pitrEnabled, ttl, ttlEnabled } = d;
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
    billingMode,
    hashKey,
    name,
    ...(rangeKey === undefined ? {} : { rangeKey }),
    streamEnabled,
    ...(streamEnabled ? { streamViewType: table.StreamSpecification?.StreamViewType ?? "" } : {}),
  };
  const readCapacity = payPerRequest ? 0 : (table.ProvisionedThroughput?.ReadCapacityUnits ?? 0);
  const writeCapacity = payPerRequest ? 0 : (table.ProvisionedThroughput?.WriteCapacityUnits ?? 0);

  const inputs: PropertyMap = {
    __defaults: [],
    attributes: attributes.map(withDefaults),
    ...shared,
    ...(gsis.length === 0 ? {} : { globalSecondaryIndexes: gsis.map(withDefaults) }),
    ...(lsis.length === 0 ? {} : { localSecondaryIndexes: lsis.map(withDefaults) }),
    // Only what differs from the provider's default is an input; the outputs always say.
    ...(pitrEnabled ? { pointInTimeRecovery: withDefaults({ enabled: true }) } : {}),
    ...(ttlEnabled ? { ttl: withDefaults(ttl) } : {}),
    // Provisioned tables need their capacities as inputs; on-demand tables have none.
    ...(payPerRequest ? {} : { readCapacity, writeCapacity }),
    tags: { ...tags },
    tagsAll: { ...tags },
  };
  const outputs: PropertyMap = {
    __meta: DYNAMODB_TABLE_META,
    ...shared,
    arn,
    attributes,
    deletionProtectionEnabled: table.DeletionProtectionEnabled === true,
    globalSecondaryIndexes: gsis,
    id: name,
    localSecondaryIndexes: lsis,
    pointInTimeRecovery: { enabled: pitrEnabled },
    readCapacity,
    replicas: [],
    serverSideEncryption: null,
    streamArn: table.LatestStreamArn ?? "",
    streamLabel: table.LatestStreamLabel ?? "",
    streamViewType: streamEnabled ? (table.StreamSpecification?.StreamViewType ?? "") : "",
    tableClass: table.TableClassSummary?.TableClass ?? "STANDARD",
    tags: { ...tags },
    tagsAll: { ...tags },
    ttl,
    writeCapacity,
  };
  if (table.SSEDescription?.Status === "ENABLED") {
    outputs.serverSideEncryption = { enabled: true, kmsKeyArn: table.SSEDescription.KMSMasterKeyArn ?? "" };
  }
  return { id: name, inputs, outputs };
}

export const dynamodbTableAdopter: Adopter = {
  kind: dynamodbTable.kind,

  async read(ctx, identity) {
    const described = await describeTable(ctx, identity);
    return described === undefined ? undefined : tableEntry(described);
  },
};
