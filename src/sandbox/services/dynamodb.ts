/**
 * DynamoDB tables (awsJson 1.0): create, describe, list, delete, tags, point-in-time recovery
 * (DescribeContinuousBackups, UpdateContinuousBackups) and time to live (DescribeTimeToLive,
 * UpdateTimeToLive).
 */
import {
  byCodeUnits,
  firstAfter,
  jsonService,
  KeptLists,
  paginate,
  requireString,
  tagList,
  toTagList,
} from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";

interface Table {
  TableName: string;
  TableArn: string;
  TableId: string;
  TableStatus: string;
  CreationDateTime: string;
  KeySchema: unknown[];
  AttributeDefinitions: unknown[];
  BillingMode: string;
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  StreamSpecification?: unknown;
  DeletionProtectionEnabled: boolean;
  tags: Record<string, string>;
  /** Point-in-time recovery: off until UpdateContinuousBackups turns it on (35 days when on). */
  pitr?: { enabled: boolean; recoveryPeriodInDays: number };
  /** Time to live, once UpdateTimeToLive named an attribute. */
  ttl?: { attributeName: string; enabled: boolean };
}

interface State {
  tables: Record<string, Table>;
}

const ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

function describe(t: Table) {
  const { tags: _tags, pitr: _pitr, ttl: _ttl, CreationDateTime, ProvisionedThroughput, ...rest } = t;
  return {
    ...rest,
    CreationDateTime: Date.parse(CreationDateTime) / 1000,
    ItemCount: 0,
    TableSizeBytes: 0,
    BillingModeSummary: { BillingMode: t.BillingMode },
    ProvisionedThroughput: {
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: ProvisionedThroughput?.ReadCapacityUnits ?? 0,
      WriteCapacityUnits: ProvisionedThroughput?.WriteCapacityUnits ?? 0,
    },
  };
}

function tableByArn(state: State, arn: string): Table {
  // The name is the ARN's last part (`…:table/<name>`): one look-up, not a search of every table.
  const name = arn.slice(arn.indexOf(":table/") + ":table/".length);
  const found = Object.hasOwn(state.tables, name) ? state.tables[name] : undefined;
  const table = found?.TableArn === arn ? found : undefined;
  if (table === undefined)
    throw new AwsError(
      "ResourceNotFoundException",
      `Requested resource not found: ResourcArn: ${arn} not found`,
    );
  return table;
}

function notFound(name: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Requested resource not found: Table: ${name} not found`);
}

export const dynamodb = jsonService<State>({
  signingNames: ["dynamodb"],
  targetPrefix: "DynamoDB_20120810",
  version: "1.0",
  errorTypePrefix: ERROR_PREFIX,
  throttle: {
    code: "ThrottlingException",
    status: 400,
    message: "Rate of requests exceeds the allowed throughput.",
  },
  initial: () => ({ tables: {} }),
  tagged: (state) =>
    Object.values(state.tables).map((t) => ({
      arn: t.TableArn,
      resourceType: "dynamodb:table",
      tags: t.tags,
    })),
  operations: (svc) => {
    /** The sorted table names, kept for a ListTables walk's next pages while nothing changes. */
    const names = new KeptLists<string>(1);
    return {
      CreateTable(input, ctx: ServiceContext) {
        const name = requireString(input, "TableName");
        if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
          throw new AwsError(
            "ValidationException",
            `TableName must be at least 3 characters long and at most 255 characters long, and match [a-zA-Z0-9_.-]+`,
          );
        }
        if (svc.state.tables[name] !== undefined) {
          throw new AwsError("ResourceInUseException", `Table already exists: ${name}`);
        }
        if (!Array.isArray(input.KeySchema) || input.KeySchema.length === 0) {
          throw new AwsError(
            "ValidationException",
            "1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
          );
        }
        const billing = typeof input.BillingMode === "string" ? input.BillingMode : "PROVISIONED";
        const table: Table = {
          TableName: name,
          TableArn: `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${name}`,
          TableId: crypto.randomUUID(),
          TableStatus: "ACTIVE",
          CreationDateTime: ctx.now().toISOString(),
          KeySchema: input.KeySchema,
          AttributeDefinitions: Array.isArray(input.AttributeDefinitions) ? input.AttributeDefinitions : [],
          BillingMode: billing,
          DeletionProtectionEnabled: input.DeletionProtectionEnabled === true,
          tags: tagList(input.Tags),
        };
        const pt = input.ProvisionedThroughput as Table["ProvisionedThroughput"];
        if (pt !== undefined) table.ProvisionedThroughput = pt;
        if (input.StreamSpecification !== undefined) table.StreamSpecification = input.StreamSpecification;
        svc.state.tables[name] = table;
        return { TableDescription: { ...describe(table), TableStatus: "ACTIVE" } };
      },
      DescribeTable(input) {
        const name = requireString(input, "TableName");
        const table = svc.state.tables[name];
        if (table === undefined) throw notFound(name);
        return { Table: describe(table) };
      },
      ListTables(input, ctx) {
        const all = names.get("", ctx.generation(), () => Object.keys(svc.state.tables).sort(byCodeUnits));
        const limit = typeof input.Limit === "number" ? Math.min(Math.max(input.Limit, 1), 100) : 100;
        const start =
          typeof input.ExclusiveStartTableName === "string" ? input.ExclusiveStartTableName : undefined;
        const from = start === undefined ? 0 : firstAfter(all, (n) => n, start);
        const page = all.slice(from, from + limit);
        const more = from + limit < all.length;
        return more
          ? { TableNames: page, LastEvaluatedTableName: page[page.length - 1] }
          : { TableNames: page };
      },
      DeleteTable(input) {
        const name = requireString(input, "TableName");
        const table = svc.state.tables[name];
        if (table === undefined) throw notFound(name);
        if (table.DeletionProtectionEnabled) {
          throw new AwsError(
            "ValidationException",
            `Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`,
          );
        }
        delete svc.state.tables[name];
        return { TableDescription: { ...describe(table), TableStatus: "DELETING" } };
      },
      TagResource(input) {
        const table = tableByArn(svc.state, requireString(input, "ResourceArn"));
        Object.assign(table.tags, tagList(input.Tags));
        return {};
      },
      UntagResource(input) {
        const table = tableByArn(svc.state, requireString(input, "ResourceArn"));
        for (const k of Array.isArray(input.TagKeys) ? (input.TagKeys as string[]) : []) delete table.tags[k];
        return {};
      },
      DescribeContinuousBackups(input, ctx: ServiceContext) {
        const name = requireString(input, "TableName");
        const table = svc.state.tables[name];
        if (table === undefined) throw new AwsError("TableNotFoundException", `Table not found: ${name}`);
        const pitr = table.pitr;
        return {
          ContinuousBackupsDescription: {
            ContinuousBackupsStatus: "ENABLED",
            PointInTimeRecoveryDescription:
              pitr?.enabled === true
                ? {
                    PointInTimeRecoveryStatus: "ENABLED",
                    RecoveryPeriodInDays: pitr.recoveryPeriodInDays,
                    EarliestRestorableDateTime: Date.parse(table.CreationDateTime) / 1000,
                    LatestRestorableDateTime: Math.floor(ctx.now().getTime() / 1000) - 300,
                  }
                : { PointInTimeRecoveryStatus: "DISABLED" },
          },
        };
      },
      UpdateContinuousBackups(input) {
        const name = requireString(input, "TableName");
        const table = svc.state.tables[name];
        if (table === undefined) throw new AwsError("TableNotFoundException", `Table not found: ${name}`);
        const spec = input.PointInTimeRecoverySpecification as
          { PointInTimeRecoveryEnabled?: boolean; RecoveryPeriodInDays?: number } | undefined;
        if (typeof spec?.PointInTimeRecoveryEnabled !== "boolean") {
          throw new AwsError(
            "ValidationException",
            "1 validation error detected: Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must not be null",
          );
        }
        table.pitr = {
          enabled: spec.PointInTimeRecoveryEnabled,
          recoveryPeriodInDays: spec.RecoveryPeriodInDays ?? 35,
        };
        return {
          ContinuousBackupsDescription: {
            ContinuousBackupsStatus: "ENABLED",
            PointInTimeRecoveryDescription: {
              PointInTimeRecoveryStatus: table.pitr.enabled ? "ENABLED" : "DISABLED",
              ...(table.pitr.enabled ? { RecoveryPeriodInDays: table.pitr.recoveryPeriodInDays } : {}),
            },
          },
        };
      },
      DescribeTimeToLive(input) {
        const name = requireString(input, "TableName");
        const table = svc.state.tables[name];
        if (table === undefined) throw notFound(name);
        const ttl = table.ttl;
        return {
          TimeToLiveDescription:
            ttl === undefined
              ? { TimeToLiveStatus: "DISABLED" }
              : { TimeToLiveStatus: ttl.enabled ? "ENABLED" : "DISABLED", AttributeName: ttl.attributeName },
        };
      },
      UpdateTimeToLive(input) {
        const name = requireString(input, "TableName");
        const table = svc.state.tables[name];
        if (table === undefined) throw notFound(name);
        const spec = input.TimeToLiveSpecification as
          { AttributeName?: string; Enabled?: boolean } | undefined;
        if (typeof spec?.AttributeName !== "string" || typeof spec.Enabled !== "boolean") {
          throw new AwsError(
            "ValidationException",
            "TimeToLiveSpecification needs AttributeName and Enabled",
          );
        }
        table.ttl = { attributeName: spec.AttributeName, enabled: spec.Enabled };
        return { TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: spec.Enabled } };
      },
      ListTagsOfResource(input) {
        const table = tableByArn(svc.state, requireString(input, "ResourceArn"));
        const all = toTagList(table.tags).sort((a, b) => byCodeUnits(a.Key, b.Key));
        const { page, next } = paginate(all, (t) => t.Key, input.NextToken as string | undefined, 50);
        return next === undefined ? { Tags: page } : { Tags: page, NextToken: next };
      },
    };
  },
});
