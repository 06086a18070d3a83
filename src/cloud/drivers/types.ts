/**
 * What a driver is (src/cloud/drivers/<service>.ts: the only code that calls AWS for a kind) and the
 * helpers drivers share: the call context, the gated delete, the found resource, tag maps, "not
 * there" answers, paging. A driver is then its AWS calls and how it reads their answers.
 */
import { awsErrorCode, type AwsClients } from "../clients.js";
import { checkPermit, type DeletionPermit } from "../permit.js";
import {
  nameMatches,
  type CloudResource,
  type FoundBy,
  type Identity,
  type Kind,
  type NameFilter,
} from "../../kinds/types.js";
import type { JsonValue, PropertyMap } from "../../state/index.js";
import { t } from "../../i18n/index.js";

/**
 * The `__meta` pulumi-aws records for a resource with timeouts: the Terraform resource's create,
 * delete and update timeouts (in ns) under the provider's timeouts key, and what else it adds (a
 * schema version), as one JSON string.
 */
export function timeoutsMeta(
  ns: { create: number; delete: number; update: number },
  extra: Record<string, string> = {},
): string {
  const { create, delete: del, update } = ns;
  return JSON.stringify({
    "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": { create, delete: del, update },
    ...extra,
  });
}

/** What pulumi-aws itself would have stored for a resource, read live (`adopt`). */
export interface AdoptedProperties {
  /** The Pulumi state id (what the provider reads the resource by). */
  id: string;
  /** Inputs as pulumi-aws records them (property names in camelCase, `__defaults` where it writes one). */
  inputs: PropertyMap;
  /** Outputs as pulumi-aws records them after a read (including `id`, `arn`, `tags`, `tagsAll`). */
  outputs: PropertyMap;
}

/** How one kind is adopted: its driver's read-for-adopt, as a value of its own. */
export interface Adopter {
  /** The kind (`dynamodb-table`, …). */
  kind: string;
  /** Reads the resource live; undefined when it does not exist. */
  read(ctx: CloudContext, identity: Identity): Promise<AdoptedProperties | undefined>;
}

export interface CloudContext {
  clients: AwsClients;
  signal?: AbortSignal;
  /** Runs one AWS call under its service's concurrency limit; failures become StatewardErrors. */
  call<T>(service: string, what: string, fn: (signal: AbortSignal | undefined) => Promise<T>): Promise<T>;
}

export interface DeleteResult {
  /** Gone now (or already gone). */
  deleted: boolean;
  /** Why it is not gone yet and what happens next (a distribution still deploying, …). */
  pending?: string;
  /** What was done on the way (policies detached, distribution disabled, …). */
  steps: string[];
}

/** A kind as its driver serves it: what the kind knows, and the AWS calls for it. */
export interface KindDriver extends Kind {
  /** One resource, with its drift details and tags; undefined when it does not exist. */
  read(ctx: CloudContext, identity: Identity): Promise<CloudResource | undefined>;
  /** Every resource of this kind whose name passes the filter (list calls with a name prefix). */
  listByName?(ctx: CloudContext, region: string, filter: NameFilter): Promise<CloudResource[]>;
  /**
   * Deletes it safely, in the order AWS requires — only with a permit the deletion gate issued for
   * exactly this resource (see `gatedDelete`); without one it throws before any AWS call.
   */
  delete(ctx: CloudContext, resource: Identity, permit: DeletionPermit): Promise<DeleteResult>;
  /** Reads it live the way pulumi-aws records it, for adopting it into the state. */
  adopt?(ctx: CloudContext, identity: Identity): Promise<AdoptedProperties | undefined>;
}

/** A driver's delete, callable only with the deletion gate's permit for that very resource. */
export function gatedDelete(
  kind: string,
  remove: (ctx: CloudContext, resource: Identity) => Promise<DeleteResult>,
): KindDriver["delete"] {
  return async (ctx, resource, permit) => {
    checkPermit(permit, kind, resource);
    return remove(ctx, resource);
  };
}

/** Tags as a plain map from AWS's `[{Key, Value}]` lists. */
export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? "";
  return out;
}

/** The AWS error code behind a failed call (also through the StatewardError `ctx.call` wraps it in). */
export function awsCode(e: unknown): string | undefined {
  const cause = (e as { cause?: unknown } | undefined)?.cause;
  return awsErrorCode(cause ?? e) ?? awsErrorCode(e);
}

/** Runs a read; an answer with one of `codes` (NotFound and the like) means "not there". */
export async function unlessMissing<T>(
  codes: readonly string[],
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (codes.includes(awsCode(e) ?? "")) return undefined;
    throw e;
  }
}

/** What a driver saw of one resource; `found` fills in the rest from its kind. */
export interface Sighting {
  name: string;
  /** The state id; the name when left out. */
  id?: string;
  region: string;
  /** Left out of the resource when undefined. */
  arn?: string | undefined;
  /** None when left out: listings do not read tags, only a read does. */
  tags?: Record<string, string>;
  foundBy: FoundBy;
  /** The few properties that count for drift. */
  detail?: Record<string, JsonValue>;
  /** Where a kind has several tokens and the resource says which (SES classic: email or domain). */
  type?: string;
}

/** A resource of `kind` as its driver found it: the kind's first type token unless told, id = name unless told. */
export function found(kind: Kind, seen: Sighting): CloudResource {
  const resource: CloudResource = {
    kind: kind.kind,
    type: seen.type ?? kind.types[0]!,
    name: seen.name,
    id: seen.id ?? seen.name,
    region: seen.region,
    tags: seen.tags ?? {},
    foundBy: seen.foundBy,
  };
  if (seen.detail !== undefined) resource.detail = seen.detail;
  if (seen.arn !== undefined) resource.arn = seen.arn;
  return resource;
}

/** One AWS call under its service's limit (`ctx.call`); an answer with one of `missing` codes is undefined. */
export function callUnlessMissing<T>(
  ctx: CloudContext,
  missing: readonly string[],
  service: string,
  what: string,
  fn: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T | undefined> {
  return unlessMissing(missing, () => ctx.call(service, what, fn));
}

/** A plain delete's result: `done` is the delete call's answer, undefined when it was already gone. */
export function deletedOrGone(done: unknown, what: string): DeleteResult {
  return {
    deleted: true,
    steps: [done === undefined ? t("cloud.step.already-gone") : t("cloud.step.deleted", { what })],
  };
}

/** Pages through a `NextToken` listing to the end, keeping the names the filter passes. */
export async function namesFromPages(
  fetch: (token: string | undefined) => Promise<{ names: (string | undefined)[]; next?: string | undefined }>,
  filter: NameFilter,
): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    for (const name of page.names) if (name !== undefined && nameMatches(filter, name)) out.push(name);
    // An empty token ends the listing as surely as a missing one.
    token = page.next || undefined;
  } while (token !== undefined);
  return out;
}

/**
 * A JSON attribute as the provider stores it (terraform's `structure.NormalizeJsonString`: Go's
 * json.Marshal of the parsed value — compact, object keys sorted); "" when unset; text that is not
 * JSON is kept as it is. Policies, filter policies, event patterns.
 */
export function providerJson(text: string | undefined): string {
  if (text === undefined || text === "") return "";
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : typeof v === "object" && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  try {
    return JSON.stringify(sort(JSON.parse(text)));
  } catch {
    return text;
  }
}
