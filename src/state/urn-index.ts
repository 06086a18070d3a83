/**
 * Where each URN is in a resources list — the first position, and the last of those that appear more
 * than once — kept per list, so that verifying and repairing the same list (and checking a repair's
 * result) hash the URNs of a state once.
 */
import type { ResourceV3 } from "./types.js";

/**
 * Where the URNs are, to tell a reference to an earlier resource from one to a later or missing one:
 * each URN's first position, and the last position of those that appear more than once. Keys are the
 * `urn` values as they are (a resource without one adds `undefined`), which no reference looks up.
 */
export interface UrnIndex {
  first: Positions;
  last: Positions;
}

/** Positions by URN: what the checks ask of a map. */
export interface Positions {
  get(urn: unknown): number | undefined;
  has(urn: unknown): boolean;
  readonly size: number;
}

/** The index of a resources list, with the URNs it was made from (to know it still fits the list). */
const URN_INDEXES = new WeakMap<readonly ResourceV3[], { urns: unknown[]; index: UrnIndex }>();

/**
 * The URN index of a resources list. Verifying and repairing the same list share one: it is kept per
 * list and used again only while every position still holds the same URN (checked each time, which
 * costs a comparison per resource, not a rebuild), so an edited list gets a new one.
 */
export function urnIndex(resources: readonly ResourceV3[]): UrnIndex {
  const cached = URN_INDEXES.get(resources);
  if (cached !== undefined && cached.urns.length === resources.length) {
    let same = true;
    for (let i = 0; i < resources.length && same; i++) same = resources[i]!.urn === cached.urns[i];
    if (same) return cached.index;
  }
  const first = new Map<unknown, number>();
  const last = new Map<unknown, number>();
  const urns: unknown[] = new Array<unknown>(resources.length);
  // From the end, so that the position left for each URN is its first: one map operation a resource.
  // A URN seen again (the map did not grow) appears more than once: its last position is found after.
  let repeated = false;
  for (let i = resources.length - 1; i >= 0; i--) {
    const urn: unknown = resources[i]!.urn;
    urns[i] = urn;
    const size = first.size;
    first.set(urn, i);
    if (first.size === size) repeated = true;
  }
  if (repeated) {
    for (let i = 0; i < resources.length; i++) if (first.get(urns[i]) !== i) last.set(urns[i], i);
  }
  const index = { first, last };
  URN_INDEXES.set(resources, { urns, index });
  return index;
}

/**
 * Records the URN index of `reordered`, which holds the resources of `list` (or copies with the same
 * URNs) in another order — `order[p]` is the position in `list` of what is at `p` — as the index of
 * `list` carried over, without hashing every URN again (a repair's result, verified next). Only when
 * `list` has its index, every URN in it appears once and `order` is a reordering (each position once);
 * `urnIndex` still checks each position.
 */
export function carryUrnIndex(
  list: readonly ResourceV3[],
  reordered: readonly ResourceV3[],
  order: readonly number[],
): void {
  const cached = URN_INDEXES.get(list);
  if (cached === undefined || cached.index.last.size > 0) return;
  if (order.length !== list.length || reordered.length !== list.length) return;
  const moved = new Int32Array(order.length).fill(-1); // a position in `list` → its position in `reordered`
  const urns: unknown[] = new Array<unknown>(order.length);
  for (let p = 0; p < order.length; p++) {
    const from = order[p]!;
    // Not a reordering (a position twice, or none): the index would not fit; `reordered` gets its own.
    if (!(from >= 0 && from < order.length) || moved[from] !== -1) return;
    moved[from] = p;
    urns[p] = cached.urns[from];
  }
  const base = cached.index.first;
  const first: Positions = {
    get: (urn) => {
      const i = base.get(urn);
      return i === undefined ? undefined : moved[i];
    },
    has: (urn) => base.has(urn),
    size: base.size,
  };
  URN_INDEXES.set(reordered, { urns, index: { first, last: cached.index.last } });
}
