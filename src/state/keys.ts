/**
 * Pulumi's key order for every object type it writes (the field order of its Go structs in
 * sdk/go/common/apitype/core.go, checked at pulumi v3.259). Keys not listed here are unknown to this version of stateward: they are
 * kept and stay next to the key they followed when read.
 */

export const VERSIONED_CHECKPOINT_KEYS = ["version", "features", "checkpoint"] as const;
export const UNTYPED_DEPLOYMENT_KEYS = ["version", "features", "deployment"] as const;
export const CHECKPOINT_KEYS = ["stack", "config", "latest"] as const;
export const DEPLOYMENT_KEYS = [
  "manifest",
  "secrets_providers",
  "resources",
  "pending_operations",
  "metadata",
] as const;
export const MANIFEST_KEYS = ["time", "magic", "version", "plugins"] as const;
export const PLUGIN_KEYS = ["name", "path", "type", "version"] as const;
export const PENDING_OPERATION_KEYS = ["resource", "type"] as const;
export const RESOURCE_KEYS = [
  "urn",
  "custom",
  "delete",
  "id",
  "type",
  "inputs",
  "outputs",
  "parent",
  "protect",
  "taint",
  "external",
  "dependencies",
  "initErrors",
  "provider",
  "propertyDependencies",
  "pendingReplacement",
  "additionalSecretOutputs",
  "aliases",
  "customTimeouts",
  "importID",
  "retainOnDelete",
  "deletedWith",
  "replaceWith",
  "created",
  "modified",
  "sourcePosition",
  "stackTrace",
  "ignoreChanges",
  "hideDiff",
  "replaceOnChanges",
  "replacementTrigger",
  "refreshBeforeUpdate",
  "viewOf",
  "resourceHooks",
  "extensionRef",
  "snippetID",
] as const;

export type KeyOrder = ReadonlyMap<string, number>;

export function keyOrder(keys: readonly string[]): KeyOrder {
  return new Map(keys.map((k, i) => [k, i]));
}

/**
 * Returns `obj` with its known keys in `order`, each unknown key kept right after the key it followed
 * when read (or at the front if it came first). Returns the same object when it is already in order,
 * so an unchanged document costs no copies.
 */
export function orderKeys<T extends object>(obj: T, order: KeyOrder): T {
  const keys = Object.keys(obj);
  let last = -1;
  let inOrder = true;
  for (const k of keys) {
    const rank = order.get(k);
    if (rank === undefined) continue;
    if (rank < last) {
      inOrder = false;
      break;
    }
    last = rank;
  }
  if (inOrder) return obj;

  const leading: string[] = [];
  const anchored = new Map<string, string[]>();
  let anchor: string | undefined;
  for (const k of keys) {
    if (order.has(k)) {
      anchor = k;
    } else if (anchor === undefined) {
      leading.push(k);
    } else {
      const list = anchored.get(anchor);
      if (list) list.push(k);
      else anchored.set(anchor, [k]);
    }
  }
  const known = keys.filter((k) => order.has(k)).sort((a, b) => order.get(a)! - order.get(b)!);
  const source = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of leading) setOwn(out, k, source[k]);
  for (const k of known) {
    setOwn(out, k, source[k]);
    for (const u of anchored.get(k) ?? []) setOwn(out, u, source[u]);
  }
  return out as T;
}

/** Sets an own property, also for a key named `__proto__` (which JSON.parse creates as an own key). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
