/**
 * `state repair`, as `pulumi state repair` does it: drop references to resources that are not in the
 * state, then sort the resources so each comes after everything it refers to, keeping the original
 * order wherever it is already valid. Provider references are left alone — dropping a provider would
 * change which account and region a resource belongs to — and reported as needing a person.
 */
import { referencesOf } from "./graph.js";
import { verifyIntegrity, type Violation, type ViolationCode } from "./integrity.js";
import { computeMagic } from "./magic.js";
import type { DeploymentV3, ResourceV3 } from "./types.js";

/** Violations repair leaves to a person: it does not guess provider ids, which duplicate to keep, or missing fields. */
const NEEDS_A_PERSON: ReadonlySet<ViolationCode> = new Set<ViolationCode>([
  "unknown-provider",
  "bad-provider-reference",
  "duplicate-urn",
  "missing-urn",
  "missing-type",
  "id-on-component",
]);

export function isRepairable(code: ViolationCode): boolean {
  return !NEEDS_A_PERSON.has(code);
}

export type RepairChangeKind =
  | "dropped-parent"
  | "dropped-dependency"
  | "dropped-property-dependency"
  | "dropped-deleted-with"
  | "dropped-replace-with"
  | "moved"
  | "magic";

export interface RepairChange {
  kind: RepairChangeKind;
  urn?: string;
  /** The reference dropped, or for "moved" the old and new positions. */
  target?: string;
  from?: number;
  to?: number;
  message: string;
}

export interface DeploymentRepair {
  deployment: DeploymentV3;
  changes: RepairChange[];
  /** What repair does not touch and what is still wrong afterwards (provider references, duplicates, …). */
  remaining: Violation[];
}

export function repairDeployment(d: DeploymentV3): DeploymentRepair {
  const changes: RepairChange[] = [];
  const resources = d.resources ?? [];
  const present = new Set(resources.map((r) => r.urn));

  const pruned = resources.map((r) => pruneDangling(r, present, changes));
  const { order, cycle } = stableToposort(pruned);
  const sorted = order.map((i) => pruned[i]!);
  order.forEach((from, to) => {
    if (from !== to && sorted[to] !== undefined) {
      // Report only resources that had to move past something they refer to, not every shifted index.
      const r = sorted[to];
      const movedLater = to > from;
      if (movedLater) {
        changes.push({
          kind: "moved",
          urn: r.urn,
          from,
          to,
          message: `Moved ${r.urn} from position ${from} to ${to}, after the resources it refers to.`,
        });
      }
    }
  });

  let manifest = d.manifest;
  if (manifest !== undefined) {
    const magic = computeMagic(typeof manifest.version === "string" ? manifest.version : "");
    if (manifest.magic !== magic) {
      manifest = { ...manifest, magic };
      changes.push({ kind: "magic", message: "Recomputed the manifest magic from the manifest version." });
    }
  }

  const changedResources = pruned.some((r, i) => r !== resources[i]) || order.some((from, to) => from !== to);
  let deployment: DeploymentV3 = d;
  if (changedResources || manifest !== d.manifest) {
    deployment = { ...d, manifest };
    if (d.resources !== undefined || changedResources) deployment.resources = sorted;
  }
  const remaining = verifyIntegrity(deployment);
  if (cycle.length > 0) {
    remaining.push(
      ...cycle.map((urn): Violation => ({
        code: "late-dependency",
        urn,
        message: `${urn} is part of a reference cycle, so no order puts it after everything it refers to; edit one of the references by hand.`,
      })),
    );
  }
  return { deployment, changes, remaining };
}

function pruneDangling(r: ResourceV3, present: ReadonlySet<string>, changes: RepairChange[]): ResourceV3 {
  let out: ResourceV3 | undefined;
  const edit = () => (out ??= { ...r });
  const drop = (kind: RepairChangeKind, target: string, what: string) =>
    changes.push({
      kind,
      urn: r.urn,
      target,
      message: `Dropped ${r.urn}'s ${what} ${target}: it is not in the state.`,
    });

  if (typeof r.parent === "string" && r.parent !== "" && (!present.has(r.parent) || r.parent === r.urn)) {
    drop("dropped-parent", r.parent, "parent");
    delete edit().parent;
  }
  if (Array.isArray(r.dependencies)) {
    const kept = r.dependencies.filter((u) => present.has(u) && u !== r.urn);
    if (kept.length !== r.dependencies.length) {
      for (const u of r.dependencies) if (!kept.includes(u)) drop("dropped-dependency", u, "dependency");
      if (kept.length === 0) delete edit().dependencies;
      else edit().dependencies = kept;
    }
  }
  if (r.propertyDependencies !== null && typeof r.propertyDependencies === "object") {
    let changed = false;
    const next: Record<string, string[]> = {};
    for (const [property, deps] of Object.entries(r.propertyDependencies)) {
      if (!Array.isArray(deps)) {
        next[property] = deps;
        continue;
      }
      const kept = deps.filter((u) => present.has(u) && u !== r.urn);
      if (kept.length !== deps.length) {
        changed = true;
        for (const u of deps)
          if (!kept.includes(u))
            drop("dropped-property-dependency", u, `dependency for property "${property}"`);
      }
      next[property] = kept;
    }
    if (changed) edit().propertyDependencies = next;
  }
  if (
    typeof r.deletedWith === "string" &&
    r.deletedWith !== "" &&
    (!present.has(r.deletedWith) || r.deletedWith === r.urn)
  ) {
    drop("dropped-deleted-with", r.deletedWith, "deletedWith target");
    delete edit().deletedWith;
  }
  if (Array.isArray(r.replaceWith)) {
    const kept = r.replaceWith.filter((u) => present.has(u) && u !== r.urn);
    if (kept.length !== r.replaceWith.length) {
      for (const u of r.replaceWith)
        if (!kept.includes(u)) drop("dropped-replace-with", u, "replaceWith target");
      if (kept.length === 0) delete edit().replaceWith;
      else edit().replaceWith = kept;
    }
  }
  return out ?? r;
}

/**
 * Kahn's algorithm that always takes the ready resource with the lowest original index, so a valid
 * order is kept as it is and an invalid one moves as little as possible. Provider references count
 * as edges when the provider is present. Resources caught in a cycle keep their relative order at the end.
 */
function stableToposort(resources: readonly ResourceV3[]): { order: number[]; cycle: string[] } {
  const firstIndex = new Map<string, number>();
  resources.forEach((r, i) => {
    if (!firstIndex.has(r.urn)) firstIndex.set(r.urn, i);
  });
  const waitingOn = new Array<number>(resources.length).fill(0);
  const dependents = new Map<number, number[]>();
  resources.forEach((r, i) => {
    const deps = new Set<number>();
    for (const ref of referencesOf(r)) {
      const j = firstIndex.get(ref.urn);
      if (j !== undefined && j !== i) deps.add(j);
    }
    waitingOn[i] = deps.size;
    for (const j of deps) {
      const list = dependents.get(j);
      if (list) list.push(i);
      else dependents.set(j, [i]);
    }
  });
  const heap = new MinHeap();
  waitingOn.forEach((n, i) => {
    if (n === 0) heap.push(i);
  });
  const order: number[] = [];
  const placed = new Array<boolean>(resources.length).fill(false);
  while (heap.size > 0) {
    const i = heap.pop();
    order.push(i);
    placed[i] = true;
    for (const k of dependents.get(i) ?? []) {
      waitingOn[k] = waitingOn[k]! - 1;
      if (waitingOn[k] === 0) heap.push(k);
    }
  }
  const cycle: string[] = [];
  placed.forEach((done, i) => {
    if (!done) {
      order.push(i);
      cycle.push(resources[i]!.urn);
    }
  });
  return { order, cycle };
}

class MinHeap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
