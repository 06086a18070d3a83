/**
 * IAM, the driver for roles (src/kinds/iam-role.ts): GetRole, ListRoles (roles are listed by name:
 * the tagging API does not return them), and a delete that detaches and deletes the role's policies
 * first. IAM is global: one client, us-east-1.
 */
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  type Role,
} from "@aws-sdk/client-iam";
import { decodePolicy, iamRole, normalizePolicy } from "../../kinds/iam-role.js";
import { nameMatches, type CloudResource } from "../../kinds/types.js";
import { iamRoleAdopter } from "./adopt/iam-role.js";
import {
  gatedDelete,
  tagMap,
  unlessMissing,
  type CloudContext,
  type DeleteResult,
  type KindDriver,
} from "./types.js";

const TYPE = iamRole.types[0]!;
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

function toResource(
  role: Role,
  tags: Record<string, string>,
  foundBy: CloudResource["foundBy"],
  detail: boolean,
): CloudResource {
  const name = role.RoleName!;
  const resource: CloudResource = {
    kind: iamRole.kind,
    type: TYPE,
    name,
    id: name,
    region: REGION,
    tags,
    foundBy,
  };
  if (role.Arn !== undefined) resource.arn = role.Arn;
  if (detail) {
    const doc = role.AssumeRolePolicyDocument;
    resource.detail = { assumeRolePolicy: doc === undefined ? null : normalizePolicy(decodePolicy(doc)) };
  }
  return resource;
}

export const iamRoleDriver: KindDriver = {
  ...iamRole,

  async read(ctx, identity) {
    const client = ctx.clients.iam();
    const role = (
      await unlessMissing(MISSING, () =>
        ctx.call("iam", `GetRole ${identity.name}`, (signal) =>
          client.send(new GetRoleCommand({ RoleName: identity.name }), { abortSignal: signal }),
        ),
      )
    )?.Role;
    if (role === undefined) return undefined;
    // Deleted between the two calls: the role is gone, not an error.
    const tags = await unlessMissing(MISSING, () =>
      allPages(
        (Marker) =>
          ctx.call("iam", `ListRoleTags ${identity.name}`, (signal) =>
            client.send(new ListRoleTagsCommand({ RoleName: identity.name, Marker }), {
              abortSignal: signal,
            }),
          ),
        (page) => page.Tags,
      ),
    );
    if (tags === undefined) return undefined;
    return toResource(role, tagMap(tags), "read", true);
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
      .map((r) => toResource(r, {}, "name", false));
  },

  delete: gatedDelete(iamRole.kind, async (ctx: CloudContext, identity): Promise<DeleteResult> => {
    const client = ctx.clients.iam();
    const role = identity.name;
    const steps: string[] = [];
    // NoSuchEntity for the role at any step: someone else finished the job.
    const gone = (): DeleteResult => ({ deleted: true, steps: [...steps, "already gone"] });

    // Listed in full before the first change, so no page marker has to survive the removals.
    const attached = await unlessMissing(MISSING, () =>
      allPages(
        (Marker) =>
          ctx.call("iam", `ListAttachedRolePolicies ${role}`, (signal) =>
            client.send(new ListAttachedRolePoliciesCommand({ RoleName: role, Marker }), {
              abortSignal: signal,
            }),
          ),
        (page) => page.AttachedPolicies,
      ),
    );
    if (attached === undefined) return gone();
    for (const { PolicyArn } of attached) {
      if (PolicyArn === undefined) continue;
      // NoSuchEntity here may also mean the policy was detached meanwhile: DeleteRole then tells.
      const done = await unlessMissing(MISSING, () =>
        ctx.call("iam", `DetachRolePolicy ${role} ${PolicyArn}`, (signal) =>
          client.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn }), { abortSignal: signal }),
        ),
      );
      if (done !== undefined) steps.push(`detached ${PolicyArn}`);
    }

    const inline = await unlessMissing(MISSING, () =>
      allPages(
        (Marker) =>
          ctx.call("iam", `ListRolePolicies ${role}`, (signal) =>
            client.send(new ListRolePoliciesCommand({ RoleName: role, Marker }), { abortSignal: signal }),
          ),
        (page) => page.PolicyNames,
      ),
    );
    if (inline === undefined) return gone();
    for (const PolicyName of inline) {
      const done = await unlessMissing(MISSING, () =>
        ctx.call("iam", `DeleteRolePolicy ${role} ${PolicyName}`, (signal) =>
          client.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName }), { abortSignal: signal }),
        ),
      );
      if (done !== undefined) steps.push(`deleted inline policy ${PolicyName}`);
    }

    // Instance profiles are not removed: SST and Pulumi function roles are never in one, and the
    // local cloud has no ListInstanceProfilesForRole to test it against. A role that is still in
    // one fails DeleteRole with DeleteConflict, which is reported rather than worked around.
    const done = await unlessMissing(MISSING, () =>
      ctx.call("iam", `DeleteRole ${role}`, (signal) =>
        client.send(new DeleteRoleCommand({ RoleName: role }), { abortSignal: signal }),
      ),
    );
    if (done === undefined) return gone();
    steps.push(`deleted role ${role}`);
    return { deleted: true, steps };
  }),

  adopt: (ctx, identity) => iamRoleAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [iamRoleDriver];
