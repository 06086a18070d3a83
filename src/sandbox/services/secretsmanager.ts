/**
 * AWS Secrets Manager secrets (awsJson 1.1, `X-Amz-Target: secretsmanager.<Operation>`): create,
 * describe, list, delete with a recovery window or at once, restore, read the current value, tags.
 *
 * A secret's ARN ends in `-` and six random letters and digits, as AWS forms it
 * (`arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf`); `SecretId` takes the name, the
 * full ARN or the ARN without that suffix. A deleted secret stays, with its `DeletedDate`, until its
 * recovery window has passed; `ForceDeleteWithoutRecovery` removes it at once (AWS does it in the
 * background "shortly"). Values are kept only to answer GetSecretValue; the sandbox never logs them.
 * Versions other than AWSCURRENT, rotation, replication and resource policies are not served.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { constraintError, jsonService, tagList, toTagList } from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";

interface Secret {
  name: string;
  arn: string;
  createdAt: string;
  changedAt: string;
  description?: string;
  kmsKeyId?: string;
  versionId?: string;
  secretString?: string;
  /** Base64, as the wire carries it. */
  secretBinary?: string;
  tags: Record<string, string>;
  /** Set while scheduled for deletion. */
  deletedAt?: string;
  /** When the recovery window ends (the secret is gone from then on). */
  deletionDate?: string;
}

interface State {
  secrets: Record<string, Secret>;
}

const DAY = 24 * 3600 * 1000;
const SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** API_CreateSecret, Name: 1–512 characters, ASCII letters, digits and /_+=.@- . */
const NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const FILTER_KEYS = [
  "description",
  "name",
  "tag-key",
  "tag-value",
  "primary-region",
  "owning-service",
  "all",
];
const MAX_TAGS = 50;

function notFound(): AwsError {
  return new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
}

function markedForDeletion(): AwsError {
  // The text AWS answers for a secret in its recovery window (e.g. hashicorp/terraform-provider-aws#23998).
  return new AwsError(
    "InvalidRequestException",
    "You can't perform this operation on the secret because it was marked for deletion.",
  );
}

function suffix(): string {
  const bytes = randomBytes(6);
  let out = "";
  for (const b of bytes) out += SUFFIX_CHARS[b % SUFFIX_CHARS.length];
  return out;
}

function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

function str(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === "string" ? v : undefined;
}

function secretId(input: Record<string, unknown>): string {
  const id = input.SecretId;
  if (typeof id !== "string" || id === "") {
    throw constraintError("ValidationException", "secretId", undefined, "Member must not be null");
  }
  return id;
}

function tagsFrom(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(tagList(value))) put(tags, k, v);
  return tags;
}

/** A secret as DescribeSecret and ListSecrets show it (no value). */
function describe(s: Secret, ctx: ServiceContext) {
  return {
    ARN: s.arn,
    Name: s.name,
    ...(s.description === undefined ? {} : { Description: s.description }),
    ...(s.kmsKeyId === undefined ? {} : { KmsKeyId: s.kmsKeyId }),
    LastChangedDate: seconds(s.changedAt),
    ...(s.deletedAt === undefined ? {} : { DeletedDate: seconds(s.deletedAt) }),
    ...(Object.keys(s.tags).length === 0 ? {} : { Tags: toTagList(s.tags) }),
    ...(s.versionId === undefined ? {} : { VersionIdsToStages: { [s.versionId]: ["AWSCURRENT"] } }),
    CreatedDate: seconds(s.createdAt),
    // Not replicated: the primary region is where it lives.
    PrimaryRegion: ctx.region,
  };
}

interface Filter {
  key: string;
  values: string[];
}

function filters(value: unknown): Filter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AwsError("InvalidParameterException", "Invalid filter.");
  return value.map((f: unknown) => {
    const { Key, Values } = (f ?? {}) as { Key?: unknown; Values?: unknown };
    if (typeof Key !== "string" || !FILTER_KEYS.includes(Key)) {
      throw constraintError(
        "ValidationException",
        "filters.1.member.key",
        Key,
        `Member must satisfy enum value set: [${FILTER_KEYS.join(", ")}]`,
      );
    }
    const values = Array.isArray(Values) ? Values.filter((v): v is string => typeof v === "string") : [];
    return { key: Key, values };
  });
}

/**
 * API_Filter: name, tag-key, tag-value, primary-region and owning-service are case-sensitive prefix
 * matches, description a case-insensitive prefix match, `all` a case-insensitive search of every
 * attribute (here: a prefix of the name, description or any tag key or value); a value starting
 * with `!` negates. Values of one filter are alternatives; filters all apply.
 */
function matches(s: Secret, f: Filter, ctx: ServiceContext): boolean {
  const candidates = (): string[] => {
    switch (f.key) {
      case "name":
        return [s.name];
      case "description":
        return s.description === undefined ? [] : [s.description.toLowerCase()];
      case "tag-key":
        return Object.keys(s.tags);
      case "tag-value":
        return Object.values(s.tags);
      case "primary-region":
        return [ctx.region];
      case "owning-service":
        return [];
      default:
        return [s.name, s.description ?? "", ...Object.keys(s.tags), ...Object.values(s.tags)].map((v) =>
          v.toLowerCase(),
        );
    }
  };
  const fold = f.key === "description" || f.key === "all";
  const have = candidates();
  return f.values.some((raw) => {
    const negate = raw.startsWith("!");
    const value = fold ? raw.slice(negate ? 1 : 0).toLowerCase() : raw.slice(negate ? 1 : 0);
    const hit = have.some((h) => h.startsWith(value));
    return negate ? !hit : hit;
  });
}

export const secretsmanager = jsonService<State>({
  signingNames: ["secretsmanager"],
  targetPrefix: "secretsmanager",
  version: "1.1",
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  initial: () => ({ secrets: {} }),
  tagged: (state, _region, ctx) =>
    Object.values(state.secrets)
      .filter((s) => Object.keys(s.tags).length > 0 && !gone(s, ctx))
      .map((s) => ({
        arn: s.arn,
        resourceType: "secretsmanager:secret",
        tags: s.tags,
        // Scheduled for deletion: gone from the list once the date comes.
        ...(s.deletionDate === undefined ? {} : { until: Date.parse(s.deletionDate) }),
      })),
  operations: (svc) => {
    /** The secret `SecretId` names (even one scheduled for deletion), or ResourceNotFoundException. */
    const find = (input: Record<string, unknown>, ctx: ServiceContext): Secret => {
      const id = secretId(input);
      let s: Secret | undefined;
      if (id.startsWith("arn:")) {
        const m = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/.exec(id);
        if (m !== null && m[1] === ctx.region && m[2] === ctx.accountId) {
          // The full ARN, or the partial ARN without the random suffix.
          s = Object.values(svc.state.secrets).find((x) => x.arn === id) ?? own(svc.state.secrets, m[3]!);
        }
      } else {
        s = own(svc.state.secrets, id);
      }
      if (s === undefined || gone(s, ctx)) {
        if (s !== undefined) delete svc.state.secrets[s.name];
        throw notFound();
      }
      return s;
    };
    const live = (input: Record<string, unknown>, ctx: ServiceContext): Secret => {
      const s = find(input, ctx);
      if (s.deletedAt !== undefined) throw markedForDeletion();
      return s;
    };

    return {
      CreateSecret(input, ctx) {
        const name = input.Name;
        if (typeof name !== "string") {
          throw constraintError("ValidationException", "name", undefined, "Member must not be null");
        }
        if (!NAME_PATTERN.test(name)) {
          throw new AwsError(
            "ValidationException",
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
          );
        }
        if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
          throw new AwsError(
            "InvalidParameterException",
            "You can't specify both a binary secret value and a string secret value in the same secret.",
          );
        }
        const tags = tagsFrom(input.Tags);
        if (Object.keys(tags).length > MAX_TAGS) {
          throw constraintError(
            "ValidationException",
            "tags",
            "…",
            "Member must have length less than or equal to 50",
          );
        }
        const existing = own(svc.state.secrets, name);
        if (existing !== undefined && !gone(existing, ctx)) {
          if (existing.deletedAt !== undefined) {
            // API_CreateSecret errors, InvalidRequestException; the text users hit (pulumi/pulumi#4172,
            // fixture secretsmanager-secret-scheduled-for-deletion.log).
            throw new AwsError(
              "InvalidRequestException",
              "You can't create this secret because a secret with this name is already scheduled for deletion.",
            );
          }
          // API_CreateSecret errors, ResourceExistsException ("A resource with the ID you requested
          // already exists."); the text AWS sends (pulumi/pulumi#4172, secretsmanager-secret-exists.log).
          throw new AwsError(
            "ResourceExistsException",
            `The operation failed because the secret ${name} already exists.`,
          );
        }
        const now = ctx.now().toISOString();
        const s: Secret = {
          name,
          arn: `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${name}-${suffix()}`,
          createdAt: now,
          changedAt: now,
          tags,
        };
        const description = str(input, "Description");
        if (description !== undefined) s.description = description;
        const kms = str(input, "KmsKeyId");
        if (kms !== undefined) s.kmsKeyId = kms;
        const value = str(input, "SecretString");
        const binary = str(input, "SecretBinary");
        if (value !== undefined || binary !== undefined) {
          s.versionId = str(input, "ClientRequestToken") ?? randomUUID();
          if (value !== undefined) s.secretString = value;
          if (binary !== undefined) s.secretBinary = binary;
        }
        put(svc.state.secrets, name, s);
        return {
          ARN: s.arn,
          Name: s.name,
          ...(s.versionId === undefined ? {} : { VersionId: s.versionId }),
        };
      },

      DescribeSecret(input, ctx) {
        // A secret in its recovery window is still described, with DeletedDate.
        return describe(find(input, ctx), ctx);
      },

      ListSecrets(input, ctx) {
        const max = input.MaxResults ?? 100;
        if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 100) {
          throw constraintError(
            "ValidationException",
            "maxResults",
            max,
            "Member must have value less than or equal to 100",
          );
        }
        const fs = filters(input.Filters);
        const includeDeleted = input.IncludePlannedDeletion === true;
        const desc = input.SortOrder === "desc";
        const key = (s: Secret) => `${s.createdAt}\u0000${s.name}`;
        const all = Object.values(svc.state.secrets)
          .filter((s) => !gone(s, ctx))
          // API_ListSecrets, IncludePlannedDeletion: "By default, secrets scheduled for deletion aren't included."
          .filter((s) => includeDeleted || s.deletedAt === undefined)
          .filter((s) => fs.every((f) => matches(s, f, ctx)))
          // API_ListSecrets: listed by CreatedDate, SortOrder asc or desc.
          .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        if (desc) all.reverse();
        let start = 0;
        const token = str(input, "NextToken");
        if (token !== undefined && token !== "") {
          const after = Buffer.from(token, "base64url").toString("utf8");
          start = all.findIndex((s) => (desc ? key(s) < after : key(s) > after));
          if (start < 0) start = all.length;
        }
        const page = all.slice(start, start + max);
        const more = start + max < all.length;
        const SecretList = page.map((s) => describe(s, ctx));
        return more
          ? { SecretList, NextToken: Buffer.from(key(page[page.length - 1]!)).toString("base64url") }
          : { SecretList };
      },

      DeleteSecret(input, ctx) {
        const s = find(input, ctx);
        const force = input.ForceDeleteWithoutRecovery === true;
        const window = input.RecoveryWindowInDays;
        if (force && window !== undefined && window !== null) {
          // API_DeleteSecret: "You can't use both this parameter and ForceDeleteWithoutRecovery in
          // the same call."
          throw new AwsError(
            "InvalidParameterException",
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
          );
        }
        const days = window ?? 30;
        if (typeof days !== "number" || !Number.isInteger(days) || days < 7 || days > 30) {
          // API_DeleteSecret, RecoveryWindowInDays: "The number of days from 7 to 30".
          throw new AwsError(
            "InvalidParameterException",
            "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
          );
        }
        const now = ctx.now();
        if (force) {
          // Allowed on a secret already scheduled for deletion, as AWS allows it (getmoto/moto#8638).
          delete svc.state.secrets[s.name];
          return { ARN: s.arn, Name: s.name, DeletionDate: now.getTime() / 1000 };
        }
        if (s.deletedAt !== undefined) {
          throw new AwsError(
            "InvalidRequestException",
            "You tried to perform the operation on a secret that's currently marked deleted.",
          );
        }
        s.deletedAt = now.toISOString();
        s.deletionDate = new Date(now.getTime() + days * DAY).toISOString();
        return { ARN: s.arn, Name: s.name, DeletionDate: seconds(s.deletionDate) };
      },

      RestoreSecret(input, ctx) {
        // API_RestoreSecret: cancels the scheduled deletion (no-op on a secret that has none).
        const s = find(input, ctx);
        delete s.deletedAt;
        delete s.deletionDate;
        return { ARN: s.arn, Name: s.name };
      },

      GetSecretValue(input, ctx) {
        const s = live(input, ctx);
        const stage = str(input, "VersionStage");
        const version = str(input, "VersionId");
        if (
          s.versionId === undefined ||
          (stage !== undefined && stage !== "AWSCURRENT") ||
          (version !== undefined && version !== s.versionId)
        ) {
          throw new AwsError(
            "ResourceNotFoundException",
            `Secrets Manager can't find the specified secret value for ${
              version !== undefined ? `VersionId: ${version}` : `staging label: ${stage ?? "AWSCURRENT"}`
            }`,
          );
        }
        return {
          ARN: s.arn,
          Name: s.name,
          VersionId: s.versionId,
          ...(s.secretString === undefined ? {} : { SecretString: s.secretString }),
          ...(s.secretBinary === undefined ? {} : { SecretBinary: s.secretBinary }),
          VersionStages: ["AWSCURRENT"],
          CreatedDate: seconds(s.changedAt),
        };
      },

      TagResource(input, ctx) {
        const s = live(input, ctx);
        const merged = { ...s.tags };
        for (const [k, v] of Object.entries(tagsFrom(input.Tags))) put(merged, k, v);
        if (Object.keys(merged).length > MAX_TAGS) {
          throw new AwsError("InvalidParameterException", "The number of tags exceeds the limit of 50.");
        }
        s.tags = merged;
        return {};
      },

      UntagResource(input, ctx) {
        const s = live(input, ctx);
        const keys = Array.isArray(input.TagKeys) ? input.TagKeys : [];
        for (const k of keys) if (typeof k === "string") delete s.tags[k];
        return {};
      },
    };
  },
});

/** Past its recovery window: permanently deleted. */
function gone(s: Secret, ctx: ServiceContext): boolean {
  return s.deletionDate !== undefined && ctx.now().getTime() >= Date.parse(s.deletionDate);
}
