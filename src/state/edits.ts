/**
 * Pure edits of a deployment. Each returns a new deployment (untouched resources are shared, never
 * mutated) or throws a StateEditError that names what the edit would have broken. None of them can
 * produce a state that fails integrity from one that passed it.
 */
import { StateEditError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { referencedUrns, transitiveDependents } from "./graph.js";
import { withRecomputedMagic } from "./magic.js";
import type {
  DeploymentV3,
  JsonObject,
  JsonValue,
  PendingOperationV2,
  PropertyMap,
  ResourceV3,
} from "./types.js";

function withResources(d: DeploymentV3, resources: ResourceV3[]): DeploymentV3 {
  return { ...d, resources };
}

function withPending(d: DeploymentV3, pending: PendingOperationV2[]): DeploymentV3 {
  const out = { ...d };
  // Pulumi omits an empty list.
  if (pending.length === 0) delete out.pending_operations;
  else out.pending_operations = pending;
  return out;
}

export interface RemoveOptions {
  /** Also remove every resource that depends on the removed ones, directly or transitively. */
  withDependents?: boolean;
  /** Allow removing resources marked `protect` (Pulumi's `state delete --force`). */
  allowProtected?: boolean;
}

export interface RemoveResult {
  deployment: DeploymentV3;
  /** Every entry removed, in state order (including dependents and `delete: true` copies). */
  removed: ResourceV3[];
}

/**
 * Removes the resources with the given URNs (every copy of each). Refuses when other resources
 * depend on them, naming those, unless `withDependents` asks to remove them too.
 */
export function removeResources(
  d: DeploymentV3,
  urns: readonly string[],
  options: RemoveOptions = {},
): RemoveResult {
  const resources = d.resources ?? [];
  const present = new Set(resources.map((r) => r.urn));
  const unknown = urns.filter((u) => !present.has(u));
  if (unknown.length > 0) {
    throw new StateEditError("UNKNOWN_URN", t("state.edits.unknownUrn", { urn: items(unknown) }), {
      hint: t("state.edits.unknownUrnHint"),
    });
  }
  const target = new Set(urns);
  const dependents = transitiveDependents(resources, target);
  if (dependents.size > 0 && options.withDependents !== true) {
    const names = [...dependents];
    const list =
      names.length > 10
        ? t("state.edits.andMore", { names: items(names.slice(0, 10)), more: names.length - 10 })
        : items(names);
    throw new StateEditError(
      "HAS_DEPENDENTS",
      t(names.length === 1 ? "state.edits.dependents.one" : "state.edits.dependents.other", {
        count: names.length,
        names: list,
      }),
      { hint: t("state.edits.dependentsHint") },
    );
  }
  for (const u of dependents) target.add(u);
  const removed = resources.filter((r) => target.has(r.urn));
  const isProtected = removed.filter((r) => r.protect === true);
  if (isProtected.length > 0 && options.allowProtected !== true) {
    throw new StateEditError(
      "PROTECTED",
      t(isProtected.length === 1 ? "state.edits.protected.one" : "state.edits.protected.other", {
        urns: items(isProtected.map((r) => r.urn)),
      }),
      { hint: t("state.edits.protectedHint") },
    );
  }
  return {
    deployment: withResources(
      d,
      resources.filter((r) => !target.has(r.urn)),
    ),
    removed,
  };
}

/**
 * The first position where `resource` can stand: after everything it refers to, and before anything
 * that already refers to it. Throws when its references are missing or the two constraints clash.
 */
function insertionBounds(
  resources: readonly ResourceV3[],
  resource: ResourceV3,
  ignoreIndex = -1,
): { after: number; before: number } {
  const refs = referencedUrns(resource);
  const position = new Map<string, number>();
  resources.forEach((r, i) => {
    if (i !== ignoreIndex && !position.has(r.urn)) position.set(r.urn, i);
  });
  const missing = refs.filter((u) => u === resource.urn || !position.has(u));
  if (missing.length > 0) {
    throw new StateEditError(
      "MISSING_REFERENCE",
      t(missing.length === 1 ? "state.edits.missingReference.one" : "state.edits.missingReference.other", {
        urn: resource.urn,
        targets: items(missing),
      }),
      { hint: t("state.edits.missingReferenceHint") },
    );
  }
  let after = -1;
  for (const u of refs) after = Math.max(after, position.get(u)!);
  if (resource.provider !== undefined) checkProviderExists(resources, resource, ignoreIndex);
  let before = resources.length;
  resources.forEach((r, i) => {
    if (i !== ignoreIndex && referencedUrns(r).includes(resource.urn)) before = Math.min(before, i);
  });
  if (after >= before) {
    throw new StateEditError(
      "NO_VALID_POSITION",
      t("state.edits.noPosition", {
        urn: resource.urn,
        after: resources[after]!.urn,
        before: resources[before]!.urn,
      }),
    );
  }
  return { after, before };
}

function checkProviderExists(
  resources: readonly ResourceV3[],
  resource: ResourceV3,
  ignoreIndex: number,
): void {
  const ok = resources.some((r, i) => i !== ignoreIndex && `${r.urn}::${String(r.id)}` === resource.provider);
  if (!ok) {
    throw new StateEditError(
      "MISSING_PROVIDER",
      t("state.edits.missingProvider", { urn: resource.urn, provider: String(resource.provider) }),
      { hint: t("state.edits.missingProviderHint", { format: "`<provider URN>::<id>`" }) },
    );
  }
}

function checkNewResource(resources: readonly ResourceV3[], resource: ResourceV3, ignoreIndex = -1): void {
  if (typeof resource.urn !== "string" || resource.urn === "") {
    throw new StateEditError("INVALID_RESOURCE", t("state.edits.noUrn"));
  }
  if (typeof resource.type !== "string" || resource.type === "") {
    throw new StateEditError("INVALID_RESOURCE", t("state.edits.noType", { urn: resource.urn }));
  }
  if (resource.custom !== true && resource.id !== undefined && resource.id !== "") {
    throw new StateEditError("INVALID_RESOURCE", t("state.edits.idOnComponent", { urn: resource.urn }));
  }
  if (
    resource.delete !== true &&
    resources.some((r, i) => i !== ignoreIndex && r.urn === resource.urn && r.delete !== true)
  ) {
    throw new StateEditError("DUPLICATE_URN", t("state.edits.duplicateUrn", { urn: resource.urn }), {
      hint: t("state.edits.duplicateUrnHint"),
    });
  }
}

/** Inserts a resource at the first valid position (after what it refers to, before what refers to it). */
export function insertResource(d: DeploymentV3, resource: ResourceV3): DeploymentV3 {
  const resources = d.resources ?? [];
  checkNewResource(resources, resource);
  const at = insertionBounds(resources, resource).after + 1;
  return withResources(d, [...resources.slice(0, at), resource, ...resources.slice(at)]);
}

/**
 * Replaces the live entry for `urn` with `resource` (same URN), keeping its position when that is still
 * valid, or moving it to the first valid one.
 */
export function replaceResource(d: DeploymentV3, urn: string, resource: ResourceV3): DeploymentV3 {
  const resources = d.resources ?? [];
  const index = resources.findIndex((r) => r.urn === urn && r.delete !== true);
  if (index < 0) throw new StateEditError("UNKNOWN_URN", t("state.edits.unknownUrn", { urn }));
  if (resource.urn !== urn) {
    throw new StateEditError("URN_CHANGED", t("state.edits.urnChanged", { urn, other: resource.urn }));
  }
  checkNewResource(resources, resource, index);
  const { after, before } = insertionBounds(resources, resource, index);
  if (after < index && index < before) {
    const next = resources.slice();
    next[index] = resource;
    return withResources(d, next);
  }
  // Positions below count in the original list; taking the old entry out shifts later ones by one.
  const rest = [...resources.slice(0, index), ...resources.slice(index + 1)];
  const position = after + 1 > index ? after : after + 1;
  return withResources(d, [...rest.slice(0, position), resource, ...rest.slice(position)]);
}

export interface PendingFilter {
  /** Operation types to drop (`creating`, `updating`, …); all when omitted. */
  types?: readonly string[];
  /** Only operations on these URNs. */
  urns?: readonly string[];
  /** Only operations on resources of these types (`aws:dynamodb/table:Table`). */
  resourceTypes?: readonly string[];
}

export interface DropPendingResult {
  deployment: DeploymentV3;
  dropped: PendingOperationV2[];
}

export function matchesPending(op: PendingOperationV2, filter: PendingFilter): boolean {
  if (filter.types !== undefined && !filter.types.includes(op.type)) return false;
  if (filter.urns !== undefined && !filter.urns.includes(op.resource.urn)) return false;
  if (filter.resourceTypes !== undefined && !filter.resourceTypes.includes(op.resource.type)) return false;
  return true;
}

/** Drops the pending operations that match every given criterion. */
export function dropPendingOperations(d: DeploymentV3, filter: PendingFilter = {}): DropPendingResult {
  const pending = d.pending_operations ?? [];
  const dropped = pending.filter((op) => matchesPending(op, filter));
  if (dropped.length === 0) return { deployment: d, dropped };
  return {
    deployment: withPending(
      d,
      pending.filter((op) => !matchesPending(op, filter)),
    ),
    dropped,
  };
}

export interface ResolveCreateInput {
  /** The cloud id of the resource that was really created. */
  id: string;
  /** Its outputs as read from the cloud, in the provider's property names. */
  outputs: PropertyMap;
  /** RFC 3339 time to record as `created`/`modified` (only set when given). */
  time?: string;
}

/**
 * Turns a pending `creating` operation into a resource entry: the checked inputs it carried, the id
 * and outputs of what was really created. The operation is removed in the same edit.
 */
export function resolvePendingCreate(d: DeploymentV3, urn: string, input: ResolveCreateInput): DeploymentV3 {
  const pending = d.pending_operations ?? [];
  const index = pending.findIndex((op) => op.type === "creating" && op.resource.urn === urn);
  if (index < 0) {
    throw new StateEditError("NO_PENDING_CREATE", t("state.edits.noPendingCreate", { urn }), {
      hint: t("state.edits.noPendingCreateHint"),
    });
  }
  if (input.id === "") throw new StateEditError("INVALID_RESOURCE", t("state.edits.idNeeded", { urn }));
  const op = pending[index]!;
  const resource: ResourceV3 = {
    ...op.resource,
    custom: true,
    id: input.id,
    outputs: withInputsCarried(input.outputs, op.resource.inputs),
  };
  if (input.time !== undefined) {
    resource.created = input.time;
    resource.modified = input.time;
  }
  const inserted = insertResource(d, resource);
  return withPending(inserted, [...pending.slice(0, index), ...pending.slice(index + 1)]);
}

/**
 * The outputs read from the cloud, plus every input the cloud cannot return. A bridged provider's state
 * records each property it was given (Lambda's `s3Bucket`/`s3Key`/`s3ObjectVersion` or `code`,
 * `publish`, …): without them the next deploy would see those inputs as changed and update the
 * resource. What the cloud returned wins; `__defaults` stay among the inputs.
 */
function withInputsCarried(outputs: PropertyMap | undefined, inputs: PropertyMap | undefined): PropertyMap {
  const out: PropertyMap = { ...outputs };
  for (const [key, value] of Object.entries(inputs ?? {})) {
    if (key === "__defaults" || Object.prototype.hasOwnProperty.call(out, key)) continue;
    out[key] = withoutDefaults(value);
  }
  return out;
}

function withoutDefaults(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (k !== "__defaults") out[k] = withoutDefaults(v);
  return out;
}

/** The deployment with its manifest magic recomputed from the manifest version. */
export function recomputeMagic(d: DeploymentV3): DeploymentV3 {
  const manifest = withRecomputedMagic(d.manifest);
  return manifest === d.manifest ? d : { ...d, manifest };
}
