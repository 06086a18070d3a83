/**
 * IAM role (`aws:iam/role:Role`): id and physical name are the role name. IAM is global, so every
 * role lives in `us-east-1` whatever the provider's region. The tagging API's GetResources does not
 * return IAM roles, so roles are listed by name; drift is the trust policy.
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
import { isSecretValue, type JsonValue } from "../../state/index.js";
import {
  nameMatches,
  namedIdentity,
  splitArn,
  tagMap,
  unlessMissing,
  value,
  type CloudContext,
  type CloudResource,
  type DeleteResult,
  type DriftItem,
  type ResourceHandler,
  gatedDelete,
} from "./handler.js";

const TYPE = "aws:iam/role:Role";
const REGION = "us-east-1";
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

/** The same JSON with object keys sorted at every level (array order is kept: it is the author's). */
function sortKeys(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(sortKeys);
  if (typeof json !== "object" || json === null) return json;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(json).sort()) out[key] = sortKeys((json as Record<string, unknown>)[key]);
  return out;
}

/**
 * A policy document in one canonical spelling: IAM keeps the author's whitespace and key order while
 * Pulumi writes its own, so both sides are parsed and re-serialized with sorted keys. Text that is not
 * JSON is kept as it is (it then compares as text).
 */
export function normalizePolicy(doc: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(doc)));
  } catch {
    return doc;
  }
}

/** IAM answers policy documents percent-encoded (the SDK leaves them so). */
export function decodePolicy(doc: string): string {
  try {
    return decodeURIComponent(doc);
  } catch {
    // A `%` that is not an escape: an endpoint that sent the document unencoded.
    return doc;
  }
}

function toResource(
  role: Role,
  tags: Record<string, string>,
  foundBy: CloudResource["foundBy"],
  detail: boolean,
): CloudResource {
  const name = role.RoleName!;
  const resource: CloudResource = {
    kind: "iam-role",
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

/**
 * The trust policy as state has it: Pulumi stores a JSON string; an object is taken as the document.
 * A secret cannot be compared (it is never decrypted), so it counts as unknown.
 */
function statePolicy(state: JsonValue | undefined): string | undefined {
  if (typeof state === "string") return normalizePolicy(state);
  if (typeof state === "object" && state !== null && !isSecretValue(state)) {
    return JSON.stringify(sortKeys(state));
  }
  return undefined;
}

export const iamRole: ResourceHandler = {
  kind: "iam-role",
  label: "IAM role",
  types: [TYPE],
  service: "iam",
  global: true,
  // GetResources does not return IAM roles (documented), so they are listed by name instead.
  taggable: false,

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "iam" || !a.resource.startsWith("role/")) return undefined;
    // `role/<path…>/<name>`: the path is not part of the name.
    const name = a.resource.slice(a.resource.lastIndexOf("/") + 1);
    if (name === "") return undefined;
    return { name, id: name, region: REGION, arn };
  },

  identify(resource) {
    return namedIdentity(resource, REGION, ["name"]);
  },

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

  drift(resource, cloud) {
    const state = statePolicy(value(resource, "assumeRolePolicy"));
    const actual = cloud.detail?.assumeRolePolicy;
    if (state === undefined || actual === undefined || state === actual) return [];
    const item: DriftItem = { property: "assumeRolePolicy", state, cloud: actual };
    return [item];
  },

  delete: gatedDelete("iam-role", async (ctx: CloudContext, identity): Promise<DeleteResult> => {
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
};
