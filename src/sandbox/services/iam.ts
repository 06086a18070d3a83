/**
 * IAM roles (awsQuery, global): the role itself, its inline policies, its attached managed policies
 * and its tags; and customer managed policies (CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy:
 * one version each, names unique in the account, no delete while attached). Policy documents come back percent-encoded, as real IAM sends them (the SDK does not
 * decode them: callers `decodeURIComponent`).
 *
 * Not reported to the tagging API: its GetResources does not return IAM users and roles.
 */
import { randomInt } from "node:crypto";
import { paginate, queryService } from "../core/service.js";
import type { XmlNode } from "../core/xml.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";
import { constraintError, optionalString as str, requireString } from "../core/service.js";

const validation = (field: string, value: unknown, rule: string) =>
  constraintError("ValidationError", field, value, rule);
const required = (input: Record<string, unknown>, name: string) =>
  requireString(input, name, "ValidationError");

interface Tag {
  Key: string;
  Value: string;
}

interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: string;
}

interface Role {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  /** As sent: IAM keeps the caller's text (whitespace included) and encodes it on the way out. */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags: Tag[];
  InlinePolicies: InlinePolicy[];
  AttachedPolicyArns: string[];
}

/** A customer managed policy (one version, `v1`: policy versions are not modelled). */
interface ManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  /** As sent; encoded on the way out, like a role's policies. */
  Document: string;
  CreateDate: string;
  Tags: Tag[];
}

interface State {
  /** Keyed by the lower-cased name: IAM names are unique regardless of case. */
  roles: Record<string, Role>;
  /**
   * Customer managed policies, keyed by the lower-cased name (unique in the account whatever the
   * path). Absent in snapshots written before managed policies existed.
   */
  policies?: Record<string, ManagedPolicy>;
}

const NAME_PATTERN = /^[\w+=,.@-]+$/;
const MAX_TAGS = 50;
/** Default quotas (both adjustable in a real account). */
const MAX_ATTACHED_POLICIES = 10;
const MAX_TRUST_POLICY_CHARS = 2048;
const MAX_INLINE_POLICY_CHARS = 10240;
/** A managed policy's document, without whitespace (IAM quotas: "Managed policy length"). */
const MAX_MANAGED_POLICY_CHARS = 6144;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A `member.N` list from parseQueryInput; an empty list arrives as `""`. */
/** A trust policy must be valid and within the ACLSizePerRole quota. */
function checkTrustPolicy(doc: string): void {
  checkPolicy(doc, "trust");
  if (policySize(doc) > MAX_TRUST_POLICY_CHARS) {
    throw new AwsError(
      "LimitExceeded",
      `Cannot exceed quota for ACLSizePerRole: ${MAX_TRUST_POLICY_CHARS}`,
      409,
    );
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null) : [];
}

function checkName(field: string, value: string, max: number): void {
  if (value.length > max) {
    throw validation(field, value, `Member must have length less than or equal to ${max}`);
  }
  if (!NAME_PATTERN.test(value)) {
    throw validation(field, value, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }
}

function integer(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const raw = str(input, name);
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  const field = lowerFirst(name);
  if (!Number.isInteger(n)) throw validation(field, raw, "Member must be an integer");
  if (n < min) throw validation(field, raw, `Member must have value greater than or equal to ${min}`);
  if (n > max) throw validation(field, raw, `Member must have value less than or equal to ${max}`);
  return n;
}

/** IAM counts a policy's size without whitespace. */
function policySize(doc: string): number {
  return doc.replace(/\s/g, "").length;
}

/**
 * The checks IAM makes before it looks at a policy's meaning: it must be a JSON object with
 * statements, a trust policy must not name resources and a permissions policy must not name principals.
 */
function checkPolicy(doc: string, kind: "trust" | "permissions"): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(doc);
  } catch {
    throw new AwsError("MalformedPolicyDocument", "This policy contains invalid Json");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AwsError("MalformedPolicyDocument", "This policy contains invalid Json");
  }
  const statement = (parsed as Record<string, unknown>).Statement;
  if (statement === undefined) throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.");
  const statements = Array.isArray(statement) ? statement : [statement];
  for (const s of statements) {
    if (typeof s !== "object" || s === null) {
      throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.");
    }
    const fields = s as Record<string, unknown>;
    if (kind === "trust" && ("Resource" in fields || "NotResource" in fields)) {
      throw new AwsError(
        "MalformedPolicyDocument",
        `Has prohibited field ${"Resource" in fields ? "Resource" : "NotResource"}`,
      );
    }
    if (kind === "permissions" && ("Principal" in fields || "NotPrincipal" in fields)) {
      throw new AwsError("MalformedPolicyDocument", "Policy document should not specify a principal.");
    }
  }
}

function checkPath(field: string, path: string): void {
  if (path.length > 512) throw validation(field, path, "Member must have length less than or equal to 512");
  if (!/^(\/|\/[\u0021-\u007E]*\/)$/.test(path)) {
    throw validation(
      field,
      path,
      "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    );
  }
}

function checkTags(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    if (t.Key.length < 1 || t.Key.length > 128) {
      throw validation("tags.member.key", t.Key, "Member must have length less than or equal to 128");
    }
    if (t.Value.length > 256) {
      throw validation("tags.member.value", t.Value, "Member must have length less than or equal to 256");
    }
    const k = t.Key.toLowerCase();
    if (seen.has(k)) {
      throw new AwsError(
        "InvalidInput",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
      );
    }
    seen.add(k);
  }
}

function readTags(value: unknown): Tag[] {
  return list(value).map((t) => {
    const tag = t as { Key?: unknown; Value?: unknown };
    return {
      Key: typeof tag.Key === "string" ? tag.Key : "",
      Value: typeof tag.Value === "string" ? tag.Value : "",
    };
  });
}

/** IAM tag keys are case-insensitive: a new tag replaces one whose key differs only by case. */
function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const out = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  return [...out, ...added];
}

function newId(prefix: string): string {
  let id = prefix;
  for (let i = 0; i < 17; i++) id += BASE32[randomInt(BASE32.length)];
  return id;
}

/** IAM reports whole seconds. */
function iamNow(ctx: ServiceContext): string {
  return ctx
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

function policyXml(p: ManagedPolicy, attachments: number, view: "get" | "create"): XmlNode {
  return {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: p.Arn,
    Path: p.Path,
    DefaultVersionId: "v1",
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    // Only GetPolicy returns the description (API reference, Policy data type).
    Description: view === "get" ? p.Description : undefined,
    CreateDate: p.CreateDate,
    UpdateDate: p.CreateDate,
    Tags: p.Tags.length > 0 ? { member: p.Tags.map((t) => ({ ...t })) } : undefined,
  };
}

function newRoleId(): string {
  let id = "AROA";
  for (let i = 0; i < 17; i++) id += BASE32[randomInt(BASE32.length)];
  return id;
}

function roleNotFound(name: string): AwsError {
  return new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
}

function roleXml(role: Role, view: "get" | "create" | "list"): XmlNode {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    // ListRoles leaves tags and last use out (documented); only GetRole reports last use.
    Tags: view !== "list" && role.Tags.length > 0 ? { member: role.Tags.map((t) => ({ ...t })) } : undefined,
    RoleLastUsed: view === "get" ? {} : undefined,
  };
}

/** `Marker`/`MaxItems` paging, answered with `IsTruncated` and the next `Marker`. */
function page<T>(
  items: readonly T[],
  key: (item: T) => string,
  input: Record<string, unknown>,
): { items: T[]; IsTruncated: boolean; Marker: string | undefined } {
  const max = integer(input, "MaxItems", 1, 1000) ?? 100;
  const { page: slice, next } = paginate(items, key, str(input, "Marker"), max);
  return { items: slice, IsTruncated: next !== undefined, Marker: next };
}

function policyArnParts(arn: string): { account: string; path: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy(\/(?:[\u0021-\u007E]*\/)?)?([\w+=,.@-]+)$/.exec(arn);
  if (m === null) return undefined;
  return { account: m[1]!, path: m[2] ?? "/", name: m[3]! };
}

export const iam = queryService<State>({
  signingNames: ["iam"],
  global: true,
  xmlns: "https://iam.amazonaws.com/doc/2010-05-08/",
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({ roles: {} }),
  operations: (svc) => {
    const role = (name: string): Role => {
      const r = own(svc.state.roles, name.toLowerCase());
      if (r === undefined) throw roleNotFound(name);
      return r;
    };
    const roleFromInput = (input: Record<string, unknown>): Role => role(required(input, "RoleName"));
    const policies = (): Record<string, ManagedPolicy> => (svc.state.policies ??= {});
    /** A customer managed policy of this account by ARN; undefined for any other ARN. */
    const ownPolicy = (arn: string): ManagedPolicy | undefined => {
      const parts = policyArnParts(arn);
      if (parts === undefined) return undefined;
      const p = own(policies(), parts.name.toLowerCase());
      return p?.Arn === arn ? p : undefined;
    };
    /** GetPolicy/DeletePolicy's answer for a policy that is not there (text as AWS sends it). */
    const policyFromInput = (input: Record<string, unknown>): ManagedPolicy => {
      const arn = required(input, "PolicyArn");
      if (policyArnParts(arn) === undefined) throw new AwsError("InvalidInput", `ARN ${arn} is not valid.`);
      const p = ownPolicy(arn);
      if (p === undefined) throw new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
      return p;
    };
    const attachments = (arn: string): number =>
      Object.values(svc.state.roles).filter((r) => r.AttachedPolicyArns.includes(arn)).length;

    return {
      CreateRole(input, ctx: ServiceContext) {
        const name = required(input, "RoleName");
        checkName("roleName", name, 64);
        const doc = required(input, "AssumeRolePolicyDocument");
        const path = str(input, "Path") ?? "/";
        checkPath("path", path);
        const description = str(input, "Description");
        if (description !== undefined && description.length > 1000) {
          throw validation("description", description, "Member must have length less than or equal to 1000");
        }
        const maxSession = integer(input, "MaxSessionDuration", 3600, 43200) ?? 3600;
        const tags = readTags(input.Tags);
        checkTags(tags);
        if (tags.length > MAX_TAGS) {
          throw new AwsError("LimitExceeded", `Cannot exceed quota for TagsPerRole: ${MAX_TAGS}.`, 409);
        }
        if (own(svc.state.roles, name.toLowerCase()) !== undefined) {
          throw new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
        }
        checkTrustPolicy(doc);
        const created: Role = {
          RoleName: name,
          RoleId: newRoleId(),
          Arn: `arn:aws:iam::${ctx.accountId}:role${path}${name}`,
          Path: path,
          // IAM reports whole seconds.
          CreateDate: ctx
            .now()
            .toISOString()
            .replace(/\.\d{3}Z$/, "Z"),
          AssumeRolePolicyDocument: doc,
          MaxSessionDuration: maxSession,
          Tags: tags,
          InlinePolicies: [],
          AttachedPolicyArns: [],
        };
        if (description !== undefined) created.Description = description;
        put(svc.state.roles, name.toLowerCase(), created);
        return { Role: roleXml(created, "create") };
      },

      GetRole(input) {
        return { Role: roleXml(roleFromInput(input), "get") };
      },

      ListRoles(input) {
        const prefix = str(input, "PathPrefix") ?? "/";
        if (!/^\/[\u0021-\u007F]*$/.test(prefix)) {
          throw validation(
            "pathPrefix",
            prefix,
            "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*",
          );
        }
        const roles = Object.values(svc.state.roles)
          .filter((r) => r.Path.startsWith(prefix))
          .sort((a, b) => cmp(a.RoleName.toLowerCase(), b.RoleName.toLowerCase()));
        const p = page(roles, (r) => r.RoleName.toLowerCase(), input);
        return {
          Roles: { member: p.items.map((r) => roleXml(r, "list")) },
          IsTruncated: p.IsTruncated,
          Marker: p.Marker,
        };
      },

      UpdateRole(input) {
        const r = roleFromInput(input);
        const description = str(input, "Description");
        if (description !== undefined && description.length > 1000) {
          throw validation("description", description, "Member must have length less than or equal to 1000");
        }
        const maxSession = integer(input, "MaxSessionDuration", 3600, 43200);
        if (description !== undefined) r.Description = description;
        if (maxSession !== undefined) r.MaxSessionDuration = maxSession;
        return {};
      },

      UpdateAssumeRolePolicy(input) {
        const r = roleFromInput(input);
        const doc = required(input, "PolicyDocument");
        checkTrustPolicy(doc);
        r.AssumeRolePolicyDocument = doc;
        return undefined;
      },

      DeleteRole(input) {
        const r = roleFromInput(input);
        // The order IAM's documentation gives for emptying a role: inline policies, then attached ones.
        if (r.InlinePolicies.length > 0) {
          throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
        }
        if (r.AttachedPolicyArns.length > 0) {
          throw new AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
        }
        delete svc.state.roles[r.RoleName.toLowerCase()];
        return undefined;
      },

      PutRolePolicy(input) {
        const r = roleFromInput(input);
        const policyName = required(input, "PolicyName");
        checkName("policyName", policyName, 128);
        const doc = required(input, "PolicyDocument");
        checkPolicy(doc, "permissions");
        const others = r.InlinePolicies.filter(
          (p) => p.PolicyName.toLowerCase() !== policyName.toLowerCase(),
        );
        const total = others.reduce((n, p) => n + policySize(p.PolicyDocument), policySize(doc));
        if (total > MAX_INLINE_POLICY_CHARS) {
          throw new AwsError(
            "LimitExceeded",
            `Maximum policy size of ${MAX_INLINE_POLICY_CHARS} bytes exceeded for role ${r.RoleName}`,
            409,
          );
        }
        const existing = r.InlinePolicies.find(
          (p) => p.PolicyName.toLowerCase() === policyName.toLowerCase(),
        );
        if (existing !== undefined) existing.PolicyDocument = doc;
        else r.InlinePolicies.push({ PolicyName: policyName, PolicyDocument: doc });
        return undefined;
      },

      GetRolePolicy(input) {
        const r = roleFromInput(input);
        const policyName = required(input, "PolicyName");
        const p = r.InlinePolicies.find((x) => x.PolicyName.toLowerCase() === policyName.toLowerCase());
        if (p === undefined) {
          throw new AwsError("NoSuchEntity", `The role policy with name ${policyName} cannot be found.`, 404);
        }
        return {
          RoleName: r.RoleName,
          PolicyName: p.PolicyName,
          PolicyDocument: encodeURIComponent(p.PolicyDocument),
        };
      },

      ListRolePolicies(input) {
        const r = roleFromInput(input);
        const names = r.InlinePolicies.map((p) => p.PolicyName).sort((a, b) =>
          cmp(a.toLowerCase(), b.toLowerCase()),
        );
        const p = page(names, (n) => n.toLowerCase(), input);
        return { PolicyNames: { member: p.items }, IsTruncated: p.IsTruncated, Marker: p.Marker };
      },

      DeleteRolePolicy(input) {
        const r = roleFromInput(input);
        const policyName = required(input, "PolicyName");
        const index = r.InlinePolicies.findIndex(
          (x) => x.PolicyName.toLowerCase() === policyName.toLowerCase(),
        );
        if (index < 0) {
          throw new AwsError("NoSuchEntity", `The role policy with name ${policyName} cannot be found.`, 404);
        }
        r.InlinePolicies.splice(index, 1);
        return undefined;
      },

      AttachRolePolicy(input, ctx: ServiceContext) {
        const r = roleFromInput(input);
        const arn = required(input, "PolicyArn");
        const parts = policyArnParts(arn);
        if (parts === undefined) throw new AwsError("InvalidInput", `ARN ${arn} is not valid.`);
        /*
         * AWS managed policies are not catalogued: any of them attaches. Another account's never does.
         * A policy of this account attaches when CreatePolicy made it, or when it was never made here
         * (existing tests and scenarios attach such ARNs without creating them): AWS would answer
         * NoSuchEntity for the latter (TODO once those tests create their policies).
         */
        if (parts.account !== "aws" && parts.account !== ctx.accountId) {
          throw new AwsError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
        }
        if (r.AttachedPolicyArns.includes(arn)) return undefined;
        if (r.AttachedPolicyArns.length >= MAX_ATTACHED_POLICIES) {
          throw new AwsError(
            "LimitExceeded",
            `Cannot exceed quota for PoliciesPerRole: ${MAX_ATTACHED_POLICIES}`,
            409,
          );
        }
        r.AttachedPolicyArns.push(arn);
        return undefined;
      },

      DetachRolePolicy(input) {
        const r = roleFromInput(input);
        const arn = required(input, "PolicyArn");
        if (policyArnParts(arn) === undefined) throw new AwsError("InvalidInput", `ARN ${arn} is not valid.`);
        const index = r.AttachedPolicyArns.indexOf(arn);
        if (index < 0) throw new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
        r.AttachedPolicyArns.splice(index, 1);
        return undefined;
      },

      ListAttachedRolePolicies(input) {
        const r = roleFromInput(input);
        const prefix = str(input, "PathPrefix") ?? "/";
        const attached = r.AttachedPolicyArns.map((arn) => ({ arn, ...policyArnParts(arn)! }))
          .filter((p) => p.path.startsWith(prefix))
          .sort((a, b) => cmp(a.arn, b.arn));
        const p = page(attached, (a) => a.arn, input);
        return {
          AttachedPolicies: { member: p.items.map((a) => ({ PolicyName: a.name, PolicyArn: a.arn })) },
          IsTruncated: p.IsTruncated,
          Marker: p.Marker,
        };
      },

      /* Customer managed policies ------------------------------------------------------------- */

      CreatePolicy(input, ctx: ServiceContext) {
        const name = required(input, "PolicyName");
        checkName("policyName", name, 128);
        const doc = required(input, "PolicyDocument");
        const path = str(input, "Path") ?? "/";
        checkPath("path", path);
        const description = str(input, "Description");
        if (description !== undefined && description.length > 1000) {
          throw validation("description", description, "Member must have length less than or equal to 1000");
        }
        const tags = readTags(input.Tags);
        checkTags(tags);
        // Names are unique in the account, whatever the path and case (text as AWS sends it).
        if (own(policies(), name.toLowerCase()) !== undefined) {
          throw new AwsError(
            "EntityAlreadyExists",
            `A policy called ${name} already exists. Duplicate names are not allowed.`,
            409,
          );
        }
        checkPolicy(doc, "permissions");
        if (policySize(doc) > MAX_MANAGED_POLICY_CHARS) {
          throw new AwsError(
            "LimitExceeded",
            `Cannot exceed quota for PolicySize: ${MAX_MANAGED_POLICY_CHARS}`,
            409,
          );
        }
        const created: ManagedPolicy = {
          PolicyName: name,
          PolicyId: newId("ANPA"),
          Arn: `arn:aws:iam::${ctx.accountId}:policy${path}${name}`,
          Path: path,
          Document: doc,
          CreateDate: iamNow(ctx),
          Tags: tags,
        };
        if (description !== undefined) created.Description = description;
        put(policies(), name.toLowerCase(), created);
        return { Policy: policyXml(created, 0, "create") };
      },

      GetPolicy(input) {
        const p = policyFromInput(input);
        return { Policy: policyXml(p, attachments(p.Arn), "get") };
      },

      GetPolicyVersion(input) {
        const p = policyFromInput(input);
        const version = required(input, "VersionId");
        if (version !== "v1") {
          // Only v1 exists here (the text is not a captured AWS answer).
          throw new AwsError("NoSuchEntity", `Policy ${p.Arn} version ${version} does not exist.`, 404);
        }
        return {
          PolicyVersion: {
            Document: encodeURIComponent(p.Document),
            VersionId: "v1",
            IsDefaultVersion: true,
            CreateDate: p.CreateDate,
          },
        };
      },

      DeletePolicy(input) {
        const p = policyFromInput(input);
        if (attachments(p.Arn) > 0) {
          throw new AwsError("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
        }
        delete policies()[p.PolicyName.toLowerCase()];
        return undefined;
      },

      TagRole(input) {
        const r = roleFromInput(input);
        const tags = readTags(input.Tags);
        checkTags(tags);
        const merged = mergeTags(r.Tags, tags);
        if (merged.length > MAX_TAGS) {
          throw new AwsError("LimitExceeded", `Cannot exceed quota for TagsPerRole: ${MAX_TAGS}.`, 409);
        }
        r.Tags = merged;
        return undefined;
      },

      UntagRole(input) {
        const r = roleFromInput(input);
        const keys = list(input.TagKeys).map((k) => String(k).toLowerCase());
        r.Tags = r.Tags.filter((t) => !keys.includes(t.Key.toLowerCase()));
        return undefined;
      },

      ListRoleTags(input) {
        const r = roleFromInput(input);
        // Tags keep their insertion order; the marker is a position in that order.
        const indexed = r.Tags.map((t, i) => ({ ...t, i: String(i).padStart(4, "0") }));
        const p = page(indexed, (t) => t.i, input);
        return {
          Tags: { member: p.items.map((t) => ({ Key: t.Key, Value: t.Value })) },
          IsTruncated: p.IsTruncated,
          Marker: p.Marker,
        };
      },
    };
  },
});

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
