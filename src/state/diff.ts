/**
 * What changed between two versions of a deployment: resources added, removed and changed, and for
 * the changed ones every property path that differs. Secret values are compared but never shown.
 */
import { REDACTED, isSecretValue, redact } from "./secrets.js";
import type { DeploymentV3, JsonValue, PendingOperationV2, ResourceV3 } from "./types.js";

export interface PathChange {
  /** e.g. `inputs.tags["sst:stage"]`, `outputs.arn`, `parent`, `protect`. */
  path: string;
  /** Missing when the path was added. Secrets are replaced by "[secret]". */
  before?: JsonValue;
  /** Missing when the path was removed. */
  after?: JsonValue;
  secret?: boolean;
}

export interface ResourceRef {
  urn: string;
  type: string;
  id?: string;
  /** Set for an entry marked `delete: true` (a replaced resource waiting to be deleted). */
  delete?: boolean;
}

export interface ChangedResource extends ResourceRef {
  changes: PathChange[];
}

export interface PendingRef {
  type: string;
  urn: string;
  resourceType: string;
}

export interface StateDiff {
  added: ResourceRef[];
  removed: ResourceRef[];
  changed: ChangedResource[];
  unchanged: number;
  pendingAdded: PendingRef[];
  pendingRemoved: PendingRef[];
  manifest: PathChange[];
}

/** Key for matching entries across versions: the URN, and which copy for `delete: true` duplicates. */
function keyed(resources: readonly ResourceV3[]): Map<string, ResourceV3> {
  const out = new Map<string, ResourceV3>();
  const copies = new Map<string, number>();
  for (const r of resources) {
    let key = String(r.urn);
    if (r.delete === true) {
      const n = (copies.get(key) ?? 0) + 1;
      copies.set(key, n);
      key = `${key}\u0000delete#${n}`;
    }
    if (!out.has(key)) out.set(key, r);
  }
  return out;
}

function ref(r: ResourceV3): ResourceRef {
  const out: ResourceRef = { urn: String(r.urn), type: String(r.type) };
  if (typeof r.id === "string" && r.id !== "") out.id = r.id;
  if (r.delete === true) out.delete = true;
  return out;
}

export function diffDeployments(a: DeploymentV3 | undefined, b: DeploymentV3 | undefined): StateDiff {
  const before = keyed(a?.resources ?? []);
  const after = keyed(b?.resources ?? []);
  const diff: StateDiff = {
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    pendingAdded: [],
    pendingRemoved: [],
    manifest: [],
  };
  for (const [key, r] of before) {
    const other = after.get(key);
    if (other === undefined) {
      diff.removed.push(ref(r));
      continue;
    }
    const changes: PathChange[] = [];
    if (r !== other) compareValues(r as unknown as JsonValue, other as unknown as JsonValue, "", changes);
    if (changes.length === 0) diff.unchanged++;
    else diff.changed.push({ ...ref(other), changes });
  }
  for (const [key, r] of after) if (!before.has(key)) diff.added.push(ref(r));

  const pendingKey = (op: PendingOperationV2) => `${op.type} ${op.resource.urn}`;
  const pendingBefore = new Map((a?.pending_operations ?? []).map((op) => [pendingKey(op), op]));
  const pendingAfter = new Map((b?.pending_operations ?? []).map((op) => [pendingKey(op), op]));
  const pendingRef = (op: PendingOperationV2): PendingRef => ({
    type: op.type,
    urn: op.resource.urn,
    resourceType: op.resource.type,
  });
  for (const [k, op] of pendingBefore) if (!pendingAfter.has(k)) diff.pendingRemoved.push(pendingRef(op));
  for (const [k, op] of pendingAfter) if (!pendingBefore.has(k)) diff.pendingAdded.push(pendingRef(op));
  compareValues(
    (a?.manifest ?? null) as unknown as JsonValue,
    (b?.manifest ?? null) as unknown as JsonValue,
    "manifest",
    diff.manifest,
  );
  return diff;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function joinPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

function isPlainObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Appends to `out` every path under `path` where `a` and `b` differ. */
function compareValues(
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  path: string,
  out: PathChange[],
): void {
  if (a === b) return;
  if (isSecretValue(a) || isSecretValue(b)) {
    if (!deepEqual(a, b)) {
      const change: PathChange = { path, secret: true };
      if (a !== undefined) change.before = isSecretValue(a) ? REDACTED : redact(a);
      if (b !== undefined) change.after = isSecretValue(b) ? REDACTED : redact(b);
      out.push(change);
    }
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of Object.keys(a)) compareValues(a[k], b[k], joinPath(path, k), out);
    for (const k of Object.keys(b)) if (!(k in a)) compareValues(undefined, b[k], joinPath(path, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) compareValues(a[i], b[i], joinPath(path, i), out);
    return;
  }
  const change: PathChange = { path };
  if (a !== undefined) change.before = redact(a);
  if (b !== undefined) change.after = redact(b);
  out.push(change);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!(k in b) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

export function isEmptyDiff(d: StateDiff): boolean {
  return (
    d.added.length === 0 &&
    d.removed.length === 0 &&
    d.changed.length === 0 &&
    d.pendingAdded.length === 0 &&
    d.pendingRemoved.length === 0 &&
    d.manifest.length === 0
  );
}
