/** The document with its known keys in Pulumi's order, as it is written; unknown keys keep their place. */
import {
  CHECKPOINT_KEYS,
  DEPLOYMENT_KEYS,
  MANIFEST_KEYS,
  PENDING_OPERATION_KEYS,
  PLUGIN_KEYS,
  RESOURCE_KEYS,
  UNTYPED_DEPLOYMENT_KEYS,
  VERSIONED_CHECKPOINT_KEYS,
  keyOrder,
  orderKeys,
} from "./keys.js";
import type { DeploymentV3, ManifestV1, PendingOperationV2, ResourceV3, StateShape } from "./types.js";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const RESOURCE_ORDER = keyOrder(RESOURCE_KEYS);
const PENDING_ORDER = keyOrder(PENDING_OPERATION_KEYS);
const DEPLOYMENT_ORDER = keyOrder(DEPLOYMENT_KEYS);
const MANIFEST_ORDER = keyOrder(MANIFEST_KEYS);
const PLUGIN_ORDER = keyOrder(PLUGIN_KEYS);
const CHECKPOINT_ORDER = keyOrder(CHECKPOINT_KEYS);
const VERSIONED_ORDER = keyOrder(VERSIONED_CHECKPOINT_KEYS);
const EXPORT_ORDER = keyOrder(UNTYPED_DEPLOYMENT_KEYS);

/** A resource with its known keys in Pulumi's order (the same object when they already are). */
export function orderResource(r: ResourceV3): ResourceV3 {
  return orderKeys(r, RESOURCE_ORDER);
}

function orderDeployment(d: DeploymentV3): DeploymentV3 {
  let out = orderKeys(d, DEPLOYMENT_ORDER);
  const patch: Partial<DeploymentV3> = {};
  if (isObject(d.manifest)) {
    let manifest: ManifestV1 = orderKeys(d.manifest, MANIFEST_ORDER);
    if (Array.isArray(manifest.plugins)) {
      const plugins = mapSame(manifest.plugins, (p) => (isObject(p) ? orderKeys(p, PLUGIN_ORDER) : p));
      if (plugins !== manifest.plugins) manifest = { ...manifest, plugins };
    }
    if (manifest !== d.manifest) patch.manifest = manifest;
  }
  if (Array.isArray(d.resources)) {
    const resources = mapSame(d.resources, orderResource);
    if (resources !== d.resources) patch.resources = resources;
  }
  if (Array.isArray(d.pending_operations)) {
    const ops = mapSame(d.pending_operations, (op: PendingOperationV2) => {
      const ordered = orderKeys(op, PENDING_ORDER);
      const resource = orderResource(op.resource);
      return resource === op.resource ? ordered : { ...ordered, resource };
    });
    if (ops !== d.pending_operations) patch.pending_operations = ops;
  }
  if (Object.keys(patch).length > 0) out = replaceValues(out, patch);
  return out;
}

/** Replaces values of existing keys without moving them. */
function replaceValues<T extends object>(obj: T, patch: Partial<T>): T {
  const out = { ...obj };
  Object.assign(out, patch);
  return out;
}

/** Maps an array, returning the same array when every element maps to itself. */
function mapSame<T>(items: T[], fn: (item: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const mapped = fn(item);
    if (mapped !== item && out === undefined) out = items.slice(0, i);
    if (out !== undefined) out.push(mapped);
  }
  return out ?? items;
}

export function orderRoot(doc: {
  readonly shape: StateShape;
  readonly root: Readonly<Record<string, unknown>>;
}): Record<string, unknown> {
  const root = doc.root;
  const orderCheckpoint = (c: Record<string, unknown>): Record<string, unknown> => {
    const ordered = orderKeys(c, CHECKPOINT_ORDER);
    if (!isObject(c.latest)) return ordered;
    const latest = orderDeployment(c.latest as unknown as DeploymentV3);
    return latest === c.latest ? ordered : replaceValues(ordered, { latest });
  };
  switch (doc.shape) {
    case "bare":
      return orderCheckpoint(root);
    case "versioned": {
      const ordered = orderKeys(root, VERSIONED_ORDER);
      const checkpoint = orderCheckpoint(root.checkpoint as Record<string, unknown>);
      return checkpoint === root.checkpoint ? ordered : replaceValues(ordered, { checkpoint });
    }
    case "export": {
      const ordered = orderKeys(root, EXPORT_ORDER);
      const deployment = orderDeployment(root.deployment as DeploymentV3);
      return deployment === root.deployment ? ordered : replaceValues(ordered, { deployment });
    }
  }
}
