/**
 * IAM, the driver for roles (src/kinds/iam-role.ts): GetRole, ListRoles (roles are listed by name:
 * the tagging API does not return them), and a delete that detaches and deletes the role's policies
 * first. IAM is global: one client, us-east-1.
 */
import {
  type AttachedPolicy,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  type IAMClient,
  type Role,
  type Tag,
} from "@aws-sdk/client-iam";
import { decodePolicy, iamRole, normalizePolicy } from "../../kinds/iam-role.js";
import { type CloudResource, nameMatches } from "../../kinds/types.js";
import {
  type AdoptedProperties,
  type Adopter,
  type CloudContext,
  type DeleteResult,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
  tagMap,
  unlessMissing,
} from "./types.js";
import type { JsonValue, PropertyMap } from "../../state/index.js";
import { t } from "../../i18n/index.js";

const REGION = iamRole.apiRegion!;
// IAM answers the query-protocol code `NoSuchEntity`; the SDK's exception name is accepted as well.
const MISSING = ["NoSuchEntity", "NoSuchEntityException"];

/** Follows IAM's `Marker`/`IsTruncated` paging to the end. */
export async function allPages<P extends { IsTruncated?: boolean; Marker?: string }, T>(
  fetch: (marker: string | undefined) => Promise<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    out.push(...(items(page) ?? []));
    marker = page.IsTruncated === true ? page.Marker : undefined;
  } while (marker !== undefined);
  return out;
}

/** A role as found; with `tags` it was read in full (and its trust policy counts for drift). */
function toResource(role: Role, foundBy: CloudResource["foundBy"], tags?: Record<string, string>) {
  const doc = role.AssumeRolePolicyDocument;
  const detail =
    tags === undefined
      ? undefined
      : { assumeRolePolicy: doc === undefined ? null : normalizePolicy(decodePolicy(doc)) };
  return found(iamRole, { name: role.RoleName!, region: REGION, arn: role.Arn, tags, foundBy, detail });
}

/** A role's listing (every page; `Marker` paging); undefined when the role is gone. */
function listOfRole<P extends { IsTruncated?: boolean; Marker?: string }, T>(
  ctx: CloudContext,
  what: string,
  RoleName: string,
  send: (client: IAMClient, Marker: string | undefined, signal: AbortSignal | undefined) => Promise<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[] | undefined> {
  const client = ctx.clients.iam();
  return unlessMissing(MISSING, () =>
    allPages(
      (Marker) => ctx.call("iam", `${what} ${RoleName}`, (signal) => send(client, Marker, signal)),
      items,
    ),
  );
}

const attachedPolicies = (ctx: CloudContext, RoleName: string) =>
  listOfRole(
    ctx,
    "ListAttachedRolePolicies",
    RoleName,
    (client, Marker, signal) =>
      client.send(new ListAttachedRolePoliciesCommand({ RoleName, Marker }), { abortSignal: signal }),
    (page) => page.AttachedPolicies,
  );

const inlinePolicyNames = (ctx: CloudContext, RoleName: string) =>
  listOfRole(
    ctx,
    "ListRolePolicies",
    RoleName,
    (client, Marker, signal) =>
      client.send(new ListRolePoliciesCommand({ RoleName, Marker }), { abortSignal: signal }),
    (page) => page.PolicyNames,
  );

const roleTags = (ctx: CloudContext, RoleName: string) =>
  listOfRole(
    ctx,
    "ListRoleTags",
    RoleName,
    (client, Marker, signal) =>
      client.send(new ListRoleTagsCommand({ RoleName, Marker }), { abortSignal: signal }),
    (page) => page.Tags,
  );

/** GetRole; undefined when there is no such role. */
async function getRole(ctx: CloudContext, RoleName: string): Promise<Role | undefined> {
  const client = ctx.clients.iam();
  return (
    await unlessMissing(MISSING, () =>
      ctx.call("iam", `GetRole ${RoleName}`, (signal) =>
        client.send(new GetRoleCommand({ RoleName }), { abortSignal: signal }),
      ),
    )
  )?.Role;
}

export const iamRoleDriver: KindDriver = {
  ...iamRole,

  async read(ctx, identity) {
    const role = await getRole(ctx, identity.name);
    if (role === undefined) return undefined;
    // Deleted between the two calls: the role is gone, not an error.
    const tags = await roleTags(ctx, identity.name);
    if (tags === undefined) return undefined;
    return toResource(role, "read", tagMap(tags));
  },

  async listByName(ctx, _region, filter) {
    // IAM cannot filter by name (only by path), so one walk over every role, filtered here.
    const client = ctx.clients.iam();
    const roles = await allPages(
      (Marker) =>
        ctx.call("iam", "ListRoles", (signal) =>
          client.send(new ListRolesCommand({ Marker, MaxItems: 1000 }), { abortSignal: signal }),
        ),
      (page) => page.Roles,
    );
    return roles
      .filter((r) => r.RoleName !== undefined && nameMatches(filter, r.RoleName))
      .map((r) => toResource(r, "name"));
  },

  delete: gatedDelete(iamRole.kind, async (ctx: CloudContext, identity): Promise<DeleteResult> => {
    const client = ctx.clients.iam();
    const role = identity.name;
    const steps: string[] = [];
    // NoSuchEntity for the role at any step: someone else finished the job.
    const gone = (): DeleteResult => ({ deleted: true, steps: [...steps, t("cloud.step.already-gone")] });

    // Listed in full before the first change, so no page marker has to survive the removals.
    const attached = await attachedPolicies(ctx, role);
    if (attached === undefined) return gone();
    for (const { PolicyArn } of attached) {
      if (PolicyArn === undefined) continue;
      // NoSuchEntity here may also mean the policy was detached meanwhile: DeleteRole then tells.
      const done = await unlessMissing(MISSING, () =>
        ctx.call("iam", `DetachRolePolicy ${role} ${PolicyArn}`, (signal) =>
          client.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn }), { abortSignal: signal }),
        ),
      );
      if (done !== undefined) steps.push(t("cloud.iam.detached", { policy: PolicyArn ?? "" }));
    }

    const inline = await inlinePolicyNames(ctx, role);
    if (inline === undefined) return gone();
    for (const PolicyName of inline) {
      const done = await unlessMissing(MISSING, () =>
        ctx.call("iam", `DeleteRolePolicy ${role} ${PolicyName}`, (signal) =>
          client.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName }), { abortSignal: signal }),
        ),
      );
      if (done !== undefined)
        steps.push(t("cloud.step.deleted", { what: t("cloud.what.inline-policy", { name: PolicyName }) }));
    }

    // Instance profiles are not removed: SST and Pulumi function roles are never in one, and the
    // local cloud has no ListInstanceProfilesForRole to test it against. A role that is still in
    // one fails DeleteRole with DeleteConflict, which is reported rather than worked around.
    const done = await callUnlessMissing(ctx, MISSING, "iam", `DeleteRole ${role}`, (signal) =>
      client.send(new DeleteRoleCommand({ RoleName: role }), { abortSignal: signal }),
    );
    if (done === undefined) return gone();
    steps.push(t("cloud.step.deleted", { what: t("cloud.what.role", { name: role }) }));
    return { deleted: true, steps };
  }),

  adopt: (ctx, identity) => iamRoleAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [iamRoleDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting an IAM role (`aws:iam/role:Role`): what pulumi-aws v6 (the Terraform provider's
 * `aws_iam_role` read) stores for it. The id is the role name.
 *
 * Inputs hold what an SST program declares for a function role (as `SstStateBuilder.addFunction`
 * writes them): `name`, `assumeRolePolicy`, `managedPolicyArns`, `tags`/`tagsAll`, an empty
 * `__defaults`; settings that differ from the provider's defaults (a path other than `/`, a
 * description, a longer session, a permissions boundary, inline policies) are added as inputs too.
 * Outputs are the provider's full read: `arn`, `createDate`, `uniqueId`, `inlinePolicies` (a single
 * empty policy when there are none, as the provider records it), `forceDetachPolicies: false` (the
 * provider's value on import; AWS does not know it), and empty strings for unset strings.
 */
// IAM answers the query-protocol code `NoSuchEntity`; the SDK's exception name is accepted as well.
const DEFAULT_PATH = "/";
const DEFAULT_MAX_SESSION = 3600;

/**
 * A policy document as state holds it: IAM answers it percent-encoded (the provider unescapes it),
 * and the JSON is written compact with sorted keys, as Go's encoder (and the fixture builder) does.
 */
const policyText = (encoded: string): string => normalizePolicy(decodePolicy(encoded));

/** RFC 3339 to the second, as the provider formats times (`2025-03-14T08:26:53Z`). */
function rfc3339(date: Date | undefined): string {
  return date === undefined ? "" : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** What IAM says of a role: the role, its attached and inline policies, its tags. */
interface ReadRole {
  role: Role;
  attached: AttachedPolicy[];
  inline: { name: string; policy: string }[];
  tagList: Tag[];
}

async function readRole(ctx: CloudContext, RoleName: string): Promise<ReadRole | undefined> {
  const client = ctx.clients.iam();
  const role = await getRole(ctx, RoleName);
  if (role === undefined) return undefined;

  // Deleted between the calls: the role is gone, not an error.
  const attached = await attachedPolicies(ctx, RoleName);
  const inlineNames = await inlinePolicyNames(ctx, RoleName);
  const tagList = await roleTags(ctx, RoleName);
  if (attached === undefined || inlineNames === undefined || tagList === undefined) return undefined;

  const inline: { name: string; policy: string }[] = [];
  for (const PolicyName of [...inlineNames].sort()) {
    const got = await unlessMissing(MISSING, () =>
      ctx.call("iam", `GetRolePolicy ${RoleName} ${PolicyName}`, (signal) =>
        client.send(new GetRolePolicyCommand({ RoleName, PolicyName }), { abortSignal: signal }),
      ),
    );
    // Removed meanwhile: it is not part of the role any more.
    if (got === undefined) continue;
    inline.push({ name: PolicyName, policy: policyText(got.PolicyDocument ?? "") });
  }
  return { role, attached, inline, tagList };
}

/** The inputs and outputs pulumi-aws records for a role. */
function roleEntry({ role, attached, inline, tagList }: ReadRole, RoleName: string): AdoptedProperties {
  const name = role.RoleName ?? RoleName;
  const managedPolicyArns = attached
    .map((p) => p.PolicyArn)
    .filter((a): a is string => a !== undefined)
    .sort();
  const tags = tagMap(tagList);
  const assumeRolePolicy = policyText(role.AssumeRolePolicyDocument ?? "");
  const path = role.Path ?? DEFAULT_PATH;
  const description = role.Description ?? "";
  const maxSessionDuration = role.MaxSessionDuration ?? DEFAULT_MAX_SESSION;
  const permissionsBoundary = role.PermissionsBoundary?.PermissionsBoundaryArn ?? "";
  const inlineJson: JsonValue[] = inline.map((p) => ({ name: p.name, policy: p.policy }));

  const inputs: PropertyMap = {
    __defaults: [],
    assumeRolePolicy,
    managedPolicyArns: [...managedPolicyArns],
    name,
    tags: { ...tags },
    tagsAll: { ...tags },
  };
  if (description !== "") inputs.description = description;
  if (inlineJson.length > 0) inputs.inlinePolicies = inlineJson;
  if (maxSessionDuration !== DEFAULT_MAX_SESSION) inputs.maxSessionDuration = maxSessionDuration;
  if (path !== DEFAULT_PATH) inputs.path = path;
  if (permissionsBoundary !== "") inputs.permissionsBoundary = permissionsBoundary;

  const outputs: PropertyMap = {
    arn: role.Arn ?? "",
    assumeRolePolicy,
    createDate: rfc3339(role.CreateDate),
    description,
    forceDetachPolicies: false,
    id: name,
    // The provider records "no inline policies" as one empty policy.
    inlinePolicies: inlineJson.length > 0 ? inlineJson : [{ name: "", policy: "" }],
    managedPolicyArns: [...managedPolicyArns],
    maxSessionDuration,
    name,
    namePrefix: "",
    path,
    permissionsBoundary,
    // Computed from GetRole's RoleLastUsed; pulumi-aws writes it with empty fields for an unused role.
    roleLastUseds: [
      { lastUsedDate: rfc3339(role.RoleLastUsed?.LastUsedDate), region: role.RoleLastUsed?.Region ?? "" },
    ],
    tags: { ...tags },
    tagsAll: { ...tags },
    uniqueId: role.RoleId ?? "",
  };
  return { id: name, inputs: sortProps(inputs), outputs: sortProps(outputs) };
}

export const iamRoleAdopter: Adopter = {
  kind: iamRole.kind,

  async read(ctx: CloudContext, identity) {
    const read = await readRole(ctx, identity.name);
    return read === undefined ? undefined : roleEntry(read, identity.name);
  },
};

/** Keys in Go's (sorted) order, as Pulumi writes maps. */
function sortProps(map: PropertyMap): PropertyMap {
  const out: PropertyMap = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key]!;
  return out;
}
