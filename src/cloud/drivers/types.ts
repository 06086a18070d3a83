/**
 * What stateward knows about one AWS resource type (FORMATS.md §4): its Pulumi type tokens, how a
 * state entry names it, how to read one, list many, read tags, which properties count for drift, and
 * how to delete one safely. One file per type in this folder, registered in `registry.ts`.
 */
import { awsErrorCode, type AwsClients } from "../clients.js";
import { checkPermit, type DeletionPermit } from "./permit.js";
import type { JsonValue, ResourceV3 } from "../../state/index.js";

/** Where a resource is, as far as state or an ARN tells. */
export interface Identity {
  /** The physical name (table name, role name, record name, bucket, distribution id, …). */
  name: string;
  /** The Pulumi state id for it (equal to the name for most types). */
  id: string;
  /** Its region; global services say `us-east-1`. */
  region: string;
  arn?: string;
}

export type FoundBy = "tag" | "name" | "read";

export interface CloudResource extends Identity {
  /** The handler (resource kind) that found it. */
  kind: string;
  /** The Pulumi type token a state entry for it has. */
  type: string;
  tags: Record<string, string>;
  foundBy: FoundBy;
  /** The few properties that count for drift, when the resource was read in full. */
  detail?: Record<string, JsonValue>;
}

export interface DriftItem {
  property: string;
  state: JsonValue | undefined;
  cloud: JsonValue | undefined;
}

/** Names a name-based listing keeps: any with one of the prefixes, or exactly one of the names. */
export interface NameFilter {
  prefixes: string[];
  names: Set<string>;
}

export function nameMatches(filter: NameFilter, name: string): boolean {
  return filter.names.has(name) || filter.prefixes.some((p) => name.startsWith(p));
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

export interface ResourceHandler {
  /** Stable id: `dynamodb-table`, `iam-role`, … */
  readonly kind: string;
  /** For people: "DynamoDB table". */
  readonly label: string;
  /** Pulumi type tokens (the first is the one stateward writes). */
  readonly types: readonly string[];
  /** Concurrency is bounded per service. */
  readonly service: string;
  /** IAM, CloudFront and Route 53 are listed once, in us-east-1, not per region. */
  readonly global: boolean;
  /** Tagged resources of this kind come back from the Resource Groups Tagging API. */
  readonly taggable: boolean;
  /** Its `ResourceTypeFilters` value there (`service[:type]`): each kind is walked on its own, in parallel. */
  readonly tagType?: string;
  /** Whether an ARN from the tagging API is of this kind, and what it names. */
  fromArn(arn: string): Identity | undefined;
  /** What a state entry (or a pending operation's resource) names; `region` is its provider's. */
  identify(resource: ResourceV3, region: string): Identity | undefined;
  /** One resource, with its drift details and tags; undefined when it does not exist. */
  read(ctx: CloudContext, identity: Identity): Promise<CloudResource | undefined>;
  /** Every resource of this kind whose name passes the filter (list calls with a name prefix). */
  listByName?(ctx: CloudContext, region: string, filter: NameFilter): Promise<CloudResource[]>;
  /** The properties of a state entry that count for drift, against what the cloud says. */
  drift(resource: ResourceV3, cloud: CloudResource): DriftItem[];
  /**
   * Deletes it safely, in the order AWS requires — only with a permit the deletion gate issued for
   * exactly this resource (see `gatedDelete`); without one it throws before any AWS call.
   */
  delete(ctx: CloudContext, resource: Identity, permit: DeletionPermit): Promise<DeleteResult>;
}

/** A handler's delete, callable only with the deletion gate's permit for that very resource. */
export function gatedDelete(
  kind: string,
  remove: (ctx: CloudContext, resource: Identity) => Promise<DeleteResult>,
): ResourceHandler["delete"] {
  return async (ctx, resource, permit) => {
    checkPermit(permit, kind, resource);
    return remove(ctx, resource);
  };
}

/** A string input or output of a state entry (outputs win: they are what the provider saw). */
export function prop(resource: ResourceV3, name: string): string | undefined {
  const out = resource.outputs?.[name];
  if (typeof out === "string" && out !== "") return out;
  const input = resource.inputs?.[name];
  return typeof input === "string" && input !== "" ? input : undefined;
}

/**
 * The identity of a state entry named by one of `nameProps` (else its id), in `region`, with the ARN
 * its outputs record (through `arnOf`, for kinds whose ARNs need normalizing).
 */
export function namedIdentity(
  resource: ResourceV3,
  region: string,
  nameProps: readonly string[],
  arnOf: (arn: string | undefined) => string | undefined = (a) => a,
): Identity | undefined {
  const name = nameProps.map((p) => prop(resource, p)).find((n) => n !== undefined) ?? resource.id;
  if (name === undefined) return undefined;
  const identity: Identity = { name, id: resource.id ?? name, region };
  const arn = arnOf(prop(resource, "arn"));
  if (arn !== undefined) identity.arn = arn;
  return identity;
}

/** Any JSON property of a state entry, outputs first. */
export function value(resource: ResourceV3, name: string): JsonValue | undefined {
  return resource.outputs?.[name] ?? resource.inputs?.[name];
}

/** Tags as a plain map from AWS's `[{Key, Value}]` lists. */
export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? "";
  return out;
}

/** Compares the listed properties of state and cloud detail, JSON-equal, skipping what state lacks. */
export function compareProps(
  resource: ResourceV3,
  cloud: CloudResource,
  props: readonly string[],
): DriftItem[] {
  const items: DriftItem[] = [];
  for (const property of props) {
    const state = value(resource, property);
    const actual = cloud.detail?.[property];
    if (state === undefined || actual === undefined) continue;
    if (JSON.stringify(state) !== JSON.stringify(actual)) items.push({ property, state, cloud: actual });
  }
  return items;
}

/** The parts of an ARN: `arn:partition:service:region:account:resource`. */
export function splitArn(
  arn: string,
): { service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return { service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(":") };
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

/** A resource found by a name listing: its name is its id; tags and detail come only from a read. */
export function listedByName(kind: string, type: string, name: string, region: string): CloudResource {
  return { kind, type, name, id: name, region, tags: {}, foundBy: "name" };
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
