/**
 * The references between resources: parent, dependencies, property dependencies, deletedWith,
 * replaceWith and the provider. Everything that reorders, removes or checks resources goes through here.
 */
import type { ResourceV3 } from "./types.js";
import { parseProviderReference } from "./urn.js";

export type ReferenceKind =
  "parent" | "dependency" | "propertyDependency" | "deletedWith" | "replaceWith" | "provider";

export interface Reference {
  kind: ReferenceKind;
  /** The URN referred to (for a provider: the provider's URN, without the id). */
  urn: string;
  /** For a provider reference: the full `<urn>::<id>` text. */
  providerReference?: string;
  /** For a property dependency: the property it belongs to. */
  property?: string;
}

/** Every reference a resource makes, in a stable order. Malformed fields are skipped here. */
export function referencesOf(r: ResourceV3): Reference[] {
  const refs: Reference[] = [];
  if (typeof r.provider === "string" && r.provider !== "") {
    const ref = parseProviderReference(r.provider);
    refs.push({ kind: "provider", urn: ref?.urn ?? r.provider, providerReference: r.provider });
  }
  if (typeof r.parent === "string" && r.parent !== "") refs.push({ kind: "parent", urn: r.parent });
  if (Array.isArray(r.dependencies)) {
    for (const d of r.dependencies)
      if (typeof d === "string" && d !== "") refs.push({ kind: "dependency", urn: d });
  }
  if (r.propertyDependencies !== null && typeof r.propertyDependencies === "object") {
    for (const [property, deps] of Object.entries(r.propertyDependencies)) {
      if (!Array.isArray(deps)) continue;
      for (const d of deps) {
        if (typeof d === "string" && d !== "") refs.push({ kind: "propertyDependency", urn: d, property });
      }
    }
  }
  if (typeof r.deletedWith === "string" && r.deletedWith !== "")
    refs.push({ kind: "deletedWith", urn: r.deletedWith });
  if (Array.isArray(r.replaceWith)) {
    for (const d of r.replaceWith)
      if (typeof d === "string" && d !== "") refs.push({ kind: "replaceWith", urn: d });
  }
  return refs;
}

/**
 * Calls `visit` with the URN of every reference a resource makes, in `referencesOf`'s order, without
 * building the list. `providers` caches the URN of each provider reference (resources share a few).
 */
export function forEachReferencedUrn(
  r: ResourceV3,
  visit: (urn: string) => void,
  providers: Map<string, string> = new Map(),
): void {
  if (typeof r.provider === "string" && r.provider !== "") {
    let urn = providers.get(r.provider);
    if (urn === undefined) {
      urn = parseProviderReference(r.provider)?.urn ?? r.provider;
      providers.set(r.provider, urn);
    }
    visit(urn);
  }
  if (typeof r.parent === "string" && r.parent !== "") visit(r.parent);
  if (Array.isArray(r.dependencies)) {
    for (const d of r.dependencies) if (typeof d === "string" && d !== "") visit(d);
  }
  if (r.propertyDependencies !== null && typeof r.propertyDependencies === "object") {
    for (const deps of Object.values(r.propertyDependencies)) {
      if (!Array.isArray(deps)) continue;
      for (const d of deps as unknown[]) if (typeof d === "string" && d !== "") visit(d);
    }
  }
  if (typeof r.deletedWith === "string" && r.deletedWith !== "") visit(r.deletedWith);
  if (Array.isArray(r.replaceWith)) {
    for (const d of r.replaceWith) if (typeof d === "string" && d !== "") visit(d);
  }
}

/** URNs a resource refers to (deduplicated). */
export function referencedUrns(r: ResourceV3): string[] {
  return [...new Set(referencesOf(r).map((ref) => ref.urn))];
}

/** For each URN, the indexes of the resources that refer to it. */
export function dependentsIndex(resources: readonly ResourceV3[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  resources.forEach((r, i) => {
    for (const urn of referencedUrns(r)) {
      const list = index.get(urn);
      if (list) list.push(i);
      else index.set(urn, [i]);
    }
  });
  return index;
}

/**
 * The resources that depend on any of `urns`, directly or through others (parent, dependency,
 * property dependency, deletedWith, replaceWith, provider), not including `urns` themselves.
 */
export function transitiveDependents(resources: readonly ResourceV3[], urns: Iterable<string>): Set<string> {
  const index = dependentsIndex(resources);
  const start = new Set(urns);
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const urn = queue.pop()!;
    for (const i of index.get(urn) ?? []) {
      const dependent = resources[i]!.urn;
      if (start.has(dependent) || seen.has(dependent)) continue;
      seen.add(dependent);
      queue.push(dependent);
    }
  }
  return seen;
}

/** The direct children of a resource (those whose parent it is). */
export function childrenOf(resources: readonly ResourceV3[], urn: string): ResourceV3[] {
  return resources.filter((r) => r.parent === urn);
}
