/**
 * CloudWatch Logs log groups (awsJson 1.1): create, describe, delete, retention, deletion protection
 * and tags (by ARN, and the legacy by-name operations).
 *
 * Log groups hold no streams or events here, so `storedBytes` and `metricFilterCount` stay 0. Like
 * the real service, constraint violations come back as `InvalidParameterException` (Logs has no
 * generic validation error for them), and the tagging operations take the log group ARN *without*
 * the trailing `:*` that `DescribeLogGroups` shows in `arn`.
 */
import { jsonService, paginate } from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put, show } from "../core/records.js";

interface LogGroup {
  logGroupName: string;
  createdAt: string;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  deletionProtectionEnabled: boolean;
  tags: Record<string, string>;
}

interface State {
  groups: Record<string, LogGroup>;
}

const NAME_PATTERN = /^[.\-_/#A-Za-z0-9]+$/;
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const CLASSES = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY", "ESSENTIALS"];
const MAX_TAGS = 50;
const GROUP_ARN = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([.\-_/#A-Za-z0-9]+)$/;

function constraint(field: string, value: unknown, rule: string): AwsError {
  const shown = value === undefined || value === null ? "null" : `'${show(value)}'`;
  return new AwsError(
    "InvalidParameterException",
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${rule}`,
  );
}

function groupName(input: Record<string, unknown>, field = "logGroupName"): string {
  const name = input[field];
  if (typeof name !== "string") throw constraint(field, undefined, "Member must not be null");
  if (name.length < 1 || name.length > 512) {
    throw constraint(
      field,
      name,
      "Member must have length less than or equal to 512, Member must have length greater than or equal to 1",
    );
  }
  if (!NAME_PATTERN.test(name)) {
    throw constraint(field, name, "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
  }
  return name;
}

function tagMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new AwsError("SerializationException", `Unexpected value for '${field}'.`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.length < 1 || k.length > 128) {
      throw constraint(
        `${field}.key`,
        k,
        "Member must have length less than or equal to 128, Member must have length greater than or equal to 1",
      );
    }
    const text = typeof v === "string" ? v : "";
    if (text.length > 256) {
      throw constraint(`${field}.value`, text, "Member must have length less than or equal to 256");
    }
    put(out, k, text);
  }
  return out;
}

function groupArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

function describe(g: LogGroup, ctx: ServiceContext) {
  const arn = groupArn(ctx, g.logGroupName);
  return {
    logGroupName: g.logGroupName,
    creationTime: Date.parse(g.createdAt),
    // Never-expire groups leave retentionInDays out rather than sending 0.
    ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: 0,
    ...(g.kmsKeyId === undefined ? {} : { kmsKeyId: g.kmsKeyId }),
    logGroupClass: g.logGroupClass,
    logGroupArn: arn,
    deletionProtectionEnabled: g.deletionProtectionEnabled,
  };
}

function groupNotFound(): AwsError {
  return new AwsError("ResourceNotFoundException", "The specified log group does not exist.");
}

function addTags(g: LogGroup, tags: Record<string, string>): void {
  const merged = { ...g.tags };
  for (const [k, v] of Object.entries(tags)) put(merged, k, v);
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new AwsError("TooManyTagsException", `A resource can have no more than ${MAX_TAGS} tags.`, 400, {
      resourceName: g.logGroupName,
    });
  }
  g.tags = merged;
}

function tagKeys(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw constraint(field, undefined, "Member must have length greater than or equal to 1");
  }
  return value.filter((k): k is string => typeof k === "string");
}

export const logs = jsonService<State>({
  signingNames: ["logs"],
  targetPrefix: "Logs_20140328",
  version: "1.1",
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  initial: () => ({ groups: {} }),
  tagged: (state, _region, ctx) =>
    Object.values(state.groups).map((g) => ({
      arn: groupArn(ctx, g.logGroupName),
      resourceType: "logs:log-group",
      tags: g.tags,
    })),
  operations: (svc) => {
    const group = (name: string): LogGroup => {
      const g = own(svc.state.groups, name);
      if (g === undefined) throw groupNotFound();
      return g;
    };
    /** A log group name or its ARN (with or without `:*`), as `logGroupIdentifier` takes. */
    const byIdentifier = (id: string, ctx: ServiceContext): LogGroup => {
      const match = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(id);
      if (match === null) return group(id);
      if (match[1] !== ctx.region || match[2] !== ctx.accountId) throw groupNotFound();
      return group(match[3]!);
    };
    const byArn = (input: Record<string, unknown>, ctx: ServiceContext): LogGroup => {
      const arn = input.resourceArn;
      if (typeof arn !== "string") throw constraint("resourceArn", undefined, "Member must not be null");
      const match = GROUP_ARN.exec(arn);
      // The `arn` field of DescribeLogGroups (ending `:*`) is refused here, as AWS refuses it.
      if (match === null) throw new AwsError("ValidationException", "Invalid resourceArn");
      if (match[1] !== ctx.region || match[2] !== ctx.accountId) throw groupNotFound();
      return group(match[3]!);
    };

    return {
      CreateLogGroup(input, ctx) {
        const name = groupName(input);
        const cls = input.logGroupClass ?? "STANDARD";
        if (typeof cls !== "string" || !CLASSES.includes(cls)) {
          throw constraint(
            "logGroupClass",
            cls,
            `Member must satisfy enum value set: [${CLASSES.join(", ")}]`,
          );
        }
        const tags = tagMap(input.tags, "tags");
        if (Object.keys(tags).length > MAX_TAGS) {
          const shown = `{${Object.entries(tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}}`;
          throw constraint("tags", shown, "Member must have length less than or equal to 50");
        }
        if (own(svc.state.groups, name) !== undefined) {
          throw new AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
        }
        const g: LogGroup = {
          logGroupName: name,
          createdAt: ctx.now().toISOString(),
          logGroupClass: cls,
          deletionProtectionEnabled: input.deletionProtectionEnabled === true,
          tags,
        };
        if (typeof input.kmsKeyId === "string") g.kmsKeyId = input.kmsKeyId;
        put(svc.state.groups, name, g);
        return {};
      },

      DescribeLogGroups(input, ctx) {
        const limit = input.limit ?? 50;
        if (typeof limit !== "number" || !Number.isInteger(limit)) {
          throw constraint("limit", limit, "Member must be an integer");
        }
        if (limit < 1) throw constraint("limit", limit, "Member must have value greater than or equal to 1");
        if (limit > 50) throw constraint("limit", limit, "Member must have value less than or equal to 50");
        const prefix = typeof input.logGroupNamePrefix === "string" ? input.logGroupNamePrefix : undefined;
        const pattern = typeof input.logGroupNamePattern === "string" ? input.logGroupNamePattern : undefined;
        const identifiers = Array.isArray(input.logGroupIdentifiers)
          ? input.logGroupIdentifiers.filter((i): i is string => typeof i === "string")
          : undefined;
        if (prefix !== undefined && pattern !== undefined) {
          throw new AwsError(
            "InvalidParameterException",
            "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive. Only one of these parameters can be passed.",
          );
        }
        if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined)) {
          throw new AwsError(
            "InvalidParameterException",
            "LogGroupIdentifiers cannot be combined with LogGroupNamePrefix or LogGroupNamePattern.",
          );
        }
        const cls = typeof input.logGroupClass === "string" ? input.logGroupClass : undefined;
        // Infrequent Access and Essentials are listed together, as the API documents.
        const lowCost = ["INFREQUENT_ACCESS", "ESSENTIALS"];
        const classMatches = (g: LogGroup) =>
          cls === undefined ||
          g.logGroupClass === cls ||
          (lowCost.includes(cls) && lowCost.includes(g.logGroupClass));
        let wanted: Set<string> | undefined;
        if (identifiers !== undefined) {
          wanted = new Set();
          for (const id of identifiers) {
            try {
              wanted.add(byIdentifier(id, ctx).logGroupName);
            } catch {
              // Identifiers that match nothing are left out, not reported.
            }
          }
        }
        const all = Object.values(svc.state.groups)
          .filter((g) => prefix === undefined || g.logGroupName.startsWith(prefix))
          .filter((g) => pattern === undefined || g.logGroupName.includes(pattern))
          .filter((g) => wanted === undefined || wanted.has(g.logGroupName))
          .filter(classMatches)
          // ASCII order, as the API documents (not locale order).
          .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : a.logGroupName > b.logGroupName ? 1 : 0));
        const token = typeof input.nextToken === "string" ? input.nextToken : undefined;
        const { page, next } = paginate(all, (g) => g.logGroupName, token, limit);
        const logGroups = page.map((g) => {
          const full = describe(g, ctx);
          // A pattern search returns only these three fields (documented).
          return pattern === undefined
            ? full
            : { arn: full.arn, creationTime: full.creationTime, logGroupName: full.logGroupName };
        });
        return next === undefined ? { logGroups } : { logGroups, nextToken: next };
      },

      DeleteLogGroup(input) {
        const name = groupName(input);
        const g = group(name);
        if (g.deletionProtectionEnabled) {
          throw new AwsError(
            "ValidationException",
            "Cannot delete log group with deletion protection enabled. Disable deletion protection first.",
          );
        }
        delete svc.state.groups[name];
        return {};
      },

      PutRetentionPolicy(input) {
        const name = groupName(input);
        const days = input.retentionInDays;
        if (typeof days !== "number" || !RETENTION_DAYS.includes(days)) {
          throw constraint(
            "retentionInDays",
            days,
            `Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`,
          );
        }
        group(name).retentionInDays = days;
        return {};
      },

      DeleteRetentionPolicy(input) {
        delete group(groupName(input)).retentionInDays;
        return {};
      },

      PutLogGroupDeletionProtection(input, ctx) {
        const id = input.logGroupIdentifier;
        if (typeof id !== "string" || id === "") {
          throw constraint("logGroupIdentifier", undefined, "Member must not be null");
        }
        if (typeof input.deletionProtectionEnabled !== "boolean") {
          throw constraint("deletionProtectionEnabled", undefined, "Member must not be null");
        }
        byIdentifier(id, ctx).deletionProtectionEnabled = input.deletionProtectionEnabled;
        return {};
      },

      TagResource(input, ctx) {
        const g = byArn(input, ctx);
        addTags(g, tagMap(input.tags, "tags"));
        return {};
      },

      UntagResource(input, ctx) {
        const g = byArn(input, ctx);
        for (const k of tagKeys(input.tagKeys, "tagKeys")) delete g.tags[k];
        return {};
      },

      ListTagsForResource(input, ctx) {
        return { tags: { ...byArn(input, ctx).tags } };
      },

      // The deprecated by-name tagging operations, which older tools still call.
      TagLogGroup(input) {
        const g = group(groupName(input));
        addTags(g, tagMap(input.tags, "tags"));
        return {};
      },

      UntagLogGroup(input) {
        const g = group(groupName(input));
        for (const k of tagKeys(input.tags, "tags")) delete g.tags[k];
        return {};
      },

      ListTagsLogGroup(input) {
        return { tags: { ...group(groupName(input)).tags } };
      },
    };
  },
});
