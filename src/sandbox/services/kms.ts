/**
 * AWS KMS keys and aliases (awsJson 1.1, `X-Amz-Target: TrentService.<Operation>`, signing name
 * `kms`): CreateKey, DescribeKey (by key id, key ARN, alias name or alias ARN), ScheduleKeyDeletion,
 * CreateAlias, UpdateAlias, ListAliases (paged: Limit 1–100, `Marker`/`NextMarker`/`Truncated`),
 * DeleteAlias, and key tags (TagResource, UntagResource, ListResourceTags). No cryptography.
 *
 * What AWS does and the sandbox follows (API reference; texts as users pasted them):
 * - An alias name starts with `alias/` (ValidationException "Alias must start with the prefix
 *   \"alias/\". …", aws-controllers-k8s/community#1878) and is unique per account and region:
 *   `AlreadyExistsException` "An alias with the name arn:aws:kms:<region>:<account>:alias/<n> already
 *   exists" (cloudbees-oss/terraform-aws-cloudbees-ci-eks-addon#66, crossplane-contrib/provider-aws#1741).
 * - An unknown alias is `NotFoundException` "Alias <alias ARN> is not found." (AWS names the ARN);
 *   an unknown key "Key '<key ARN>' does not exist".
 * - Deleting an alias leaves its key alone; a key is never deleted at once, only scheduled
 *   (PendingWindowInDays 7–30, 30 by default) and `PendingDeletion` until then. An alias may not
 *   point at a key pending deletion (KMSInvalidStateException).
 * AWS managed aliases (`alias/aws/…`) are not listed: the sandbox has no AWS managed keys.
 */
import { randomUUID } from "node:crypto";
import { constraintError, epochSeconds, jsonService } from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";

interface Key {
  id: string;
  arn: string;
  region: string;
  createdAt: string;
  description: string;
  keyUsage: string;
  keySpec: string;
  tags: Record<string, string>;
  /** Set once deletion is scheduled. */
  deletionDate?: string;
  pendingDays?: number;
}

interface Alias {
  name: string;
  region: string;
  targetKeyId: string;
  createdAt: string;
  updatedAt: string;
}

interface State {
  /** By key id. */
  keys: Record<string, Key>;
  /** By `<region>|<alias name>`. */
  aliases: Record<string, Alias>;
}

const DAY = 24 * 3600 * 1000;
/** API_ListAliases, Limit: 1–100, 50 by default. */
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;
/** API_CreateAlias, AliasName: 1–256 of `^[a-zA-Z0-9:/_-]+$`. */
const ALIAS_NAME = /^[a-zA-Z0-9:/_-]{1,256}$/;

const aliasArn = (ctx: ServiceContext, name: string) => `arn:aws:kms:${ctx.region}:${ctx.accountId}:${name}`;

function str(input: Record<string, unknown>, field: string): string {
  const v = input[field];
  if (typeof v !== "string" || v === "") {
    throw constraintError(
      "ValidationException",
      field.charAt(0).toLowerCase() + field.slice(1),
      undefined,
      "Member must not be null",
    );
  }
  return v;
}

function keyState(k: Key): string {
  return k.deletionDate === undefined ? "Enabled" : "PendingDeletion";
}

function metadata(k: Key, ctx: ServiceContext) {
  return {
    AWSAccountId: ctx.accountId,
    KeyId: k.id,
    Arn: k.arn,
    CreationDate: epochSeconds(k.createdAt),
    Enabled: k.deletionDate === undefined,
    Description: k.description,
    KeyUsage: k.keyUsage,
    KeyState: keyState(k),
    Origin: "AWS_KMS",
    KeyManager: "CUSTOMER",
    CustomerMasterKeySpec: k.keySpec,
    KeySpec: k.keySpec,
    EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
    MultiRegion: false,
    ...(k.deletionDate === undefined
      ? {}
      : { DeletionDate: epochSeconds(k.deletionDate), PendingDeletionWindowInDays: k.pendingDays }),
  };
}

function tagsFrom(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(value)) return out;
  for (const t of value as { TagKey?: unknown; TagValue?: unknown }[]) {
    if (typeof t?.TagKey === "string") put(out, t.TagKey, typeof t.TagValue === "string" ? t.TagValue : "");
  }
  return out;
}

function validAliasName(name: string): void {
  if (!name.startsWith("alias/")) {
    throw new AwsError(
      "ValidationException",
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (!ALIAS_NAME.test(name)) {
    throw constraintError(
      "ValidationException",
      "aliasName",
      name,
      "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
  }
}

export const kms = jsonService<State>({
  signingNames: ["kms"],
  targetPrefix: "TrentService",
  version: "1.1",
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  initial: () => ({ keys: {}, aliases: {} }),
  tagged: (state, region) =>
    Object.values(state.keys)
      .filter((k) => k.region === region && Object.keys(k.tags).length > 0)
      .map((k) => ({ arn: k.arn, resourceType: "kms:key", tags: k.tags })),
  operations: (svc) => {
    const aliasKey = (ctx: ServiceContext, name: string) => `${ctx.region}|${name}`;
    const alias = (ctx: ServiceContext, name: string): Alias => {
      const a = own(svc.state.aliases, aliasKey(ctx, name));
      if (a === undefined)
        throw new AwsError("NotFoundException", `Alias ${aliasArn(ctx, name)} is not found.`);
      return a;
    };
    /** A key by id, key ARN, alias name or alias ARN. */
    const key = (ctx: ServiceContext, ref: string): Key => {
      const arnAlias = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(alias\/.+)$/.exec(ref)?.[1];
      const aliasName = ref.startsWith("alias/") ? ref : arnAlias;
      const id =
        aliasName !== undefined
          ? alias(ctx, aliasName).targetKeyId
          : (/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(.+)$/.exec(ref)?.[1] ?? ref);
      const k = own(svc.state.keys, id);
      if (k === undefined || k.region !== ctx.region) {
        throw new AwsError(
          "NotFoundException",
          `Key '${`arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${id}`}' does not exist`,
        );
      }
      return k;
    };
    const target = (ctx: ServiceContext, ref: string): Key => {
      const k = key(ctx, ref);
      if (k.deletionDate !== undefined)
        throw new AwsError("KMSInvalidStateException", `${k.arn} is pending deletion.`);
      return k;
    };

    return {
      CreateKey(input, ctx) {
        const id = randomUUID();
        const k: Key = {
          id,
          arn: `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${id}`,
          region: ctx.region,
          createdAt: ctx.now().toISOString(),
          description: typeof input.Description === "string" ? input.Description : "",
          keyUsage: typeof input.KeyUsage === "string" ? input.KeyUsage : "ENCRYPT_DECRYPT",
          keySpec: typeof input.KeySpec === "string" ? input.KeySpec : "SYMMETRIC_DEFAULT",
          tags: tagsFrom(input.Tags),
        };
        put(svc.state.keys, id, k);
        return { KeyMetadata: metadata(k, ctx) };
      },

      DescribeKey(input, ctx) {
        return { KeyMetadata: metadata(key(ctx, str(input, "KeyId")), ctx) };
      },

      ScheduleKeyDeletion(input, ctx) {
        const k = key(ctx, str(input, "KeyId"));
        const days = input.PendingWindowInDays ?? 30;
        if (typeof days !== "number" || !Number.isInteger(days) || days < 7 || days > 30) {
          throw constraintError(
            "ValidationException",
            "pendingWindowInDays",
            days,
            days !== undefined && typeof days === "number" && days < 7
              ? "Member must have value greater than or equal to 7"
              : "Member must have value less than or equal to 30",
          );
        }
        if (k.deletionDate !== undefined)
          throw new AwsError("KMSInvalidStateException", `${k.arn} is pending deletion.`);
        k.deletionDate = new Date(ctx.now().getTime() + days * DAY).toISOString();
        k.pendingDays = days;
        return {
          KeyId: k.arn,
          DeletionDate: epochSeconds(k.deletionDate),
          KeyState: "PendingDeletion",
          PendingWindowInDays: days,
        };
      },

      CreateAlias(input, ctx) {
        const name = str(input, "AliasName");
        validAliasName(name);
        if (own(svc.state.aliases, aliasKey(ctx, name)) !== undefined) {
          throw new AwsError(
            "AlreadyExistsException",
            `An alias with the name ${aliasArn(ctx, name)} already exists`,
          );
        }
        const k = target(ctx, str(input, "TargetKeyId"));
        const now = ctx.now().toISOString();
        put(svc.state.aliases, aliasKey(ctx, name), {
          name,
          region: ctx.region,
          targetKeyId: k.id,
          createdAt: now,
          updatedAt: now,
        });
        return {};
      },

      UpdateAlias(input, ctx) {
        const a = alias(ctx, str(input, "AliasName"));
        a.targetKeyId = target(ctx, str(input, "TargetKeyId")).id;
        a.updatedAt = ctx.now().toISOString();
        return {};
      },

      DeleteAlias(input, ctx) {
        // The alias only: its key stays as it is.
        const a = alias(ctx, str(input, "AliasName"));
        delete svc.state.aliases[aliasKey(ctx, a.name)];
        return {};
      },

      ListAliases(input, ctx) {
        const limit = input.Limit ?? DEFAULT_LIMIT;
        if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
          throw constraintError(
            "ValidationException",
            "limit",
            limit,
            typeof limit === "number" && limit < 1
              ? "Member must have value greater than or equal to 1"
              : "Member must have value less than or equal to 100",
          );
        }
        const forKey = typeof input.KeyId === "string" ? key(ctx, input.KeyId).id : undefined;
        const all = Object.values(svc.state.aliases)
          .filter((a) => a.region === ctx.region && (forKey === undefined || a.targetKeyId === forKey))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        let start = 0;
        const marker = typeof input.Marker === "string" && input.Marker !== "" ? input.Marker : undefined;
        if (marker !== undefined) {
          const after = Buffer.from(marker, "base64url").toString("utf8");
          if (!after.startsWith("alias/")) throw new AwsError("InvalidMarkerException", "Invalid marker");
          start = all.findIndex((a) => a.name > after);
          if (start < 0) start = all.length;
        }
        const page = all.slice(start, start + limit);
        const Aliases = page.map((a) => ({
          AliasName: a.name,
          AliasArn: aliasArn(ctx, a.name),
          TargetKeyId: a.targetKeyId,
          CreationDate: epochSeconds(a.createdAt),
          LastUpdatedDate: epochSeconds(a.updatedAt),
        }));
        const more = start + limit < all.length;
        return more
          ? {
              Aliases,
              NextMarker: Buffer.from(page[page.length - 1]!.name).toString("base64url"),
              Truncated: true,
            }
          : { Aliases, Truncated: false };
      },

      TagResource(input, ctx) {
        const k = key(ctx, str(input, "KeyId"));
        for (const [t, v] of Object.entries(tagsFrom(input.Tags))) put(k.tags, t, v);
        return {};
      },

      UntagResource(input, ctx) {
        const k = key(ctx, str(input, "KeyId"));
        const keys = Array.isArray(input.TagKeys) ? input.TagKeys : [];
        for (const t of keys) if (typeof t === "string") delete k.tags[t];
        return {};
      },

      ListResourceTags(input, ctx) {
        const k = key(ctx, str(input, "KeyId"));
        return {
          Tags: Object.entries(k.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
          Truncated: false,
        };
      },
    };
  },
});
