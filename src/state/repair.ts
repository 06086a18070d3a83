/**
 * `state repair`, as `pulumi state repair` does it (pkg/resource/deploy/snapshot.go: Toposort, Prune):
 * sort the resources so each comes after everything it refers to, keeping a valid order as it is, and
 * drop references to resources that are not in the state. Provider references are left alone —
 * dropping a provider would change which account and region a resource belongs to — and reported as
 * needing a person, as Pulumi does.
 *
 * One deliberate difference: when a parent is missing, Pulumi also rewrites the child's URN without the
 * parent's type (and its children's). For an SST stage that makes the next `sst deploy` see a new
 * resource and try to create it again — "already exists". stateward keeps the URN and drops only the
 * `parent` field; the next deploy sets the parent again without replacing anything.
 */
import { t } from "../i18n/index.js";
import { forEachReferencedUrn } from "./graph.js";
import {
  urnIndex,
  verifyIntegrity,
  carryUrnIndex,
  type IntegrityCheck,
  type Positions,
  type UrnIndex,
  type Violation,
  type ViolationCode,
} from "./integrity.js";
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
  "missing-snippet-uuid",
  "duplicate-snippet-uuid",
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

/**
 * Repairs a deployment. `checked`, the caller's integrity check of this very deployment (when it names
 * another, it is not used), tells which resources can need a change: the others are not looked at.
 */
export function repairDeployment(d: DeploymentV3, checked?: IntegrityCheck): DeploymentRepair {
  const changes: RepairChange[] = [];
  const resources = d.resources ?? [];
  // Each URN's first position: which URNs are present, and where a reference points (shared with verify).
  const positions = urnIndex(resources);
  const firstIndex = positions.first;
  const suspects =
    checked?.deployment === d ? suspectsOf(resources, checked.violations, positions) : undefined;

  // Nearly every resource has nothing to drop: the list is copied only when one has.
  let pruned: ResourceV3[] = resources;
  const count = suspects?.length ?? resources.length;
  for (let k = 0; k < count; k++) {
    const i = suspects === undefined ? k : suspects[k]!;
    const r = resources[i]!;
    if (!hasDangling(r, firstIndex)) continue;
    if (pruned === resources) pruned = resources.slice();
    pruned[i] = pruneDangling(r, i, firstIndex, changes);
  }
  const { order, pulled, cycle } = toposort(pruned, firstIndex, suspects);
  const sorted = order.map((i) => pruned[i]!);
  // The check of the result below finds its URN index without hashing every URN again.
  carryUrnIndex(resources, sorted, order);
  const placedAt = new Map<number, number>();
  if (pulled.length > 0) order.forEach((from, to) => placedAt.set(from, to));
  for (const { index, before } of pulled) {
    const r = pruned[index]!;
    const referrer = pruned[before]!;
    changes.push({
      kind: "moved",
      urn: r.urn,
      from: index,
      to: placedAt.get(index)!,
      message: t("state.repair.moved", { resource: label(r, index), referrer: label(referrer, before) }),
    });
  }

  let manifest = d.manifest;
  if (manifest !== undefined) {
    const magic = computeMagic(typeof manifest.version === "string" ? manifest.version : "");
    if ((typeof manifest.magic === "string" ? manifest.magic : "") !== magic) {
      manifest = { ...manifest, magic };
      changes.push({ kind: "magic", message: t("state.repair.magic") });
    }
  }

  const changedResources = pruned !== resources || order.some((from, to) => from !== to);
  let deployment: DeploymentV3 = d;
  if (changedResources || manifest !== d.manifest) {
    deployment = { ...d, manifest };
    if (d.resources !== undefined || changedResources) deployment.resources = sorted;
  }
  // Unchanged, the deployment the caller checked has that check's violations: it is not run again.
  const remaining =
    deployment === d && checked?.deployment === d ? checked.violations.slice() : verifyIntegrity(deployment);
  if (cycle.length > 0) {
    remaining.push(
      ...cycle.map((urn): Violation => ({
        code: "late-dependency",
        urn,
        message: t("state.repair.cycle", { urn }),
      })),
    );
  }
  return { deployment, changes, remaining };
}

/**
 * The resources repair can change, by an integrity check of them (in order): those with a violation,
 * those whose URN appears more than once, and those awaiting replacement (whose provider reference
 * the check lets through). Every other one refers only to resources before it, none to itself: it has
 * nothing dangling, and in Pulumi's order everything it refers to is placed before it is reached.
 */
function suspectsOf(
  resources: readonly ResourceV3[],
  violations: readonly Violation[],
  positions: UrnIndex,
): number[] {
  const marked = new Uint8Array(resources.length);
  for (const v of violations) if (v.index !== undefined && v.index < resources.length) marked[v.index] = 1;
  const repeats = positions.last.size > 0;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    if (r.pendingReplacement === true || (repeats && positions.last.has(r.urn))) marked[i] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < marked.length; i++) if (marked[i] === 1) out.push(i);
  return out;
}

/** How a message names a resource: its URN, or its place when it has none (an integrity violation). */
function label(r: ResourceV3, index: number): string {
  return typeof r.urn === "string" && r.urn !== "" ? r.urn : t("state.integrity.resourceAtIndex", { index });
}

function pruneDangling(
  r: ResourceV3,
  index: number,
  present: Positions,
  changes: RepairChange[],
): ResourceV3 {
  let out: ResourceV3 | undefined;
  const edit = () => (out ??= { ...r });
  const drop = (kind: RepairChangeKind, target: string, what: string) =>
    changes.push({
      kind,
      ...(typeof r.urn === "string" && r.urn !== "" ? { urn: r.urn } : {}),
      target,
      message: t("state.repair.dropped", { resource: label(r, index), what, target }),
    });

  if (typeof r.parent === "string" && r.parent !== "" && (!present.has(r.parent) || r.parent === r.urn)) {
    drop("dropped-parent", r.parent, t("state.integrity.label.parent"));
    delete edit().parent;
  }
  if (Array.isArray(r.dependencies)) {
    const kept = r.dependencies.filter((u) => present.has(u) && u !== r.urn);
    if (kept.length !== r.dependencies.length) {
      for (const u of r.dependencies)
        if (!kept.includes(u)) drop("dropped-dependency", u, t("state.integrity.label.dependency"));
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
            drop("dropped-property-dependency", u, t("state.repair.propertyDependency", { property }));
      }
      // Like Pulumi's Prune, a property whose dependencies were all dangling loses its entry.
      if (kept.length > 0 || deps.length === 0) next[property] = kept;
    }
    if (changed) edit().propertyDependencies = next;
  }
  if (
    typeof r.deletedWith === "string" &&
    r.deletedWith !== "" &&
    (!present.has(r.deletedWith) || r.deletedWith === r.urn)
  ) {
    drop("dropped-deleted-with", r.deletedWith, t("state.integrity.label.deletedWith"));
    delete edit().deletedWith;
  }
  if (Array.isArray(r.replaceWith)) {
    const kept = r.replaceWith.filter((u) => present.has(u) && u !== r.urn);
    if (kept.length !== r.replaceWith.length) {
      for (const u of r.replaceWith)
        if (!kept.includes(u)) drop("dropped-replace-with", u, t("state.integrity.label.replaceWith"));
      if (kept.length === 0) delete edit().replaceWith;
      else edit().replaceWith = kept;
    }
  }
  return out ?? r;
}

/** Whether a reference is one `pruneDangling` drops: to a resource not in the state, or to itself. */
function isDangling(u: unknown, self: unknown, present: Positions): boolean {
  return u === self || !present.has(u);
}

function anyDangling(list: readonly unknown[], self: unknown, present: Positions): boolean {
  for (let k = 0; k < list.length; k++) if (isDangling(list[k], self, present)) return true;
  return false;
}

/**
 * Whether `pruneDangling` would drop anything: checked without copying or allocating, as it runs on
 * every resource and nearly every one has nothing to drop.
 */
function hasDangling(r: ResourceV3, present: Positions): boolean {
  const self = r.urn;
  if (typeof r.parent === "string" && r.parent !== "" && isDangling(r.parent, self, present)) return true;
  if (Array.isArray(r.dependencies) && anyDangling(r.dependencies, self, present)) return true;
  const propertyDependencies = r.propertyDependencies;
  if (propertyDependencies !== null && typeof propertyDependencies === "object") {
    for (const property in propertyDependencies) {
      if (!Object.prototype.hasOwnProperty.call(propertyDependencies, property)) continue;
      const deps: unknown = propertyDependencies[property];
      if (Array.isArray(deps) && anyDangling(deps, self, present)) return true;
    }
  }
  if (typeof r.deletedWith === "string" && r.deletedWith !== "" && isDangling(r.deletedWith, self, present))
    return true;
  return Array.isArray(r.replaceWith) && anyDangling(r.replaceWith, self, present);
}

/**
 * Pulumi's order (pkg/resource/deploy/snapshot.go, Toposort): a depth-first walk in the original order
 * that places each resource after everything it refers to, pulling a later dependency forward to just
 * before its first dependant. A valid order is kept exactly. Pulumi visits a resource's dependencies in
 * Go map order (random); here they are visited in their original order, so the result is reproducible.
 * Resources caught in a cycle are left where they are, and reported.
 */
function toposort(
  resources: readonly ResourceV3[],
  firstIndex: Positions,
  suspects?: readonly number[],
): {
  order: number[];
  pulled: { index: number; before: number }[];
  cycle: string[];
} {
  const state = new Uint8Array(resources.length); // 0 new, 1 on the stack, 2 placed
  const providers = new Map<string, string>();
  const depsOf = dependencyLists(resources, firstIndex, providers);
  // Whether everything resource `current` refers to is placed (one visitor for all, no list built).
  let current = 0;
  let ready = true;
  const placedYet = (urn: string) => {
    if (!ready) return;
    const j = firstIndex.get(urn);
    if (j !== undefined && j !== current && state[j] !== 2) ready = false;
  };
  const order: number[] = [];
  const pulled: { index: number; before: number }[] = [];
  const cycle = new Set<number>();
  let next = 0; // the next suspect
  for (let root = 0; root < resources.length; root++) {
    if (suspects !== undefined) while (next < suspects.length && suspects[next]! < root) next++;
    if (state[root] !== 0) continue;
    // In a valid order everything a resource refers to is already placed: place it, no walk needed.
    // Of the resources an integrity check found nothing on, that is known without looking.
    current = root;
    ready = true;
    if (suspects === undefined || suspects[next] === root)
      forEachReferencedUrn(resources[root]!, placedYet, providers);
    if (ready) {
      state[root] = 2;
      order.push(root);
      continue;
    }
    // Iterative DFS: [node, next dependency to look at].
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, next] = top;
      const list = depsOf(node);
      if (next < list.length) {
        top[1]++;
        const dep = list[next]!;
        if (state[dep] === 0) {
          state[dep] = 1;
          stack.push([dep, 0]);
        } else if (state[dep] === 1) {
          for (const [n] of stack.slice(stack.findIndex(([n]) => n === dep))) cycle.add(n);
        }
        continue;
      }
      stack.pop();
      state[node] = 2;
      order.push(node);
      // Placed because a later resource needed it: it moved forward.
      const parent = stack[stack.length - 1];
      if (parent !== undefined && node > root) pulled.push({ index: node, before: parent[0] });
    }
  }
  return { order, pulled, cycle: [...cycle].sort((x, y) => x - y).map((i) => label(resources[i]!, i)) };
}

/**
 * What each resource refers to, by position (sorted, each once), built when first asked for: a walk
 * visits few resources, as in a valid order every resource is placed on toposort's quick check.
 */
function dependencyLists(
  resources: readonly ResourceV3[],
  firstIndex: Positions,
  providers: Map<string, string>,
): (i: number) => number[] {
  const deps: (number[] | undefined)[] = new Array<number[] | undefined>(resources.length);
  return (i) => {
    const known = deps[i];
    if (known !== undefined) return known;
    const list: number[] = [];
    forEachReferencedUrn(
      resources[i]!,
      (urn) => {
        const j = firstIndex.get(urn);
        if (j !== undefined && j !== i) list.push(j);
      },
      providers,
    );
    if (list.length > 1) {
      list.sort((x, y) => x - y);
      let kept = 1;
      for (let k = 1; k < list.length; k++) if (list[k] !== list[kept - 1]) list[kept++] = list[k]!;
      list.length = kept;
    }
    deps[i] = list;
    return list;
  };
}
