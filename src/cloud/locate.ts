/**
 * Where each entry of a state is in the cloud: its kind and identity (region from its provider, else
 * the home). The one way a state entry is matched with the cloud; the scan and the deletion gate use it.
 */
import { KINDS, kindForEntry, GLOBAL_REGION } from "../kinds/registry.js";
import type { Identity, Kind } from "../kinds/types.js";
import {
  isProviderType,
  parseProviderReference,
  type DeploymentV3,
  type ResourceV3,
} from "../state/index.js";

/** A state entry's place: its kind and identity (region from its provider, else the home). */
export interface Located {
  kind: Kind;
  identity: Identity;
  resource: ResourceV3;
}

export function providerRegions(deployment: DeploymentV3 | undefined, home: string): Map<string, string> {
  const regions = new Map<string, string>();
  for (const r of deployment?.resources ?? []) {
    if (!isProviderType(r.type)) continue;
    const region = r.outputs?.region ?? r.inputs?.region;
    regions.set(r.urn, typeof region === "string" && region !== "" ? region : home);
  }
  return regions;
}

export function locate(
  resource: ResourceV3,
  providers: Map<string, string>,
  home: string,
): Located | undefined {
  const kind = kindForEntry(resource);
  if (kind === undefined) return undefined;
  const ref = resource.provider === undefined ? undefined : parseProviderReference(resource.provider);
  const region = kind.global
    ? GLOBAL_REGION
    : ((ref === undefined ? undefined : providers.get(ref.urn)) ?? home);
  const identity = kind.identify(resource, region);
  return identity === undefined ? undefined : { kind, identity, resource };
}

/**
 * Where each custom resource of a deployment is in the cloud (its kind and identity); the types no
 * kind knows are counted in `unknown`. The one way a state entry is matched with the cloud.
 *
 * An entry marked `external` (a resource the program reads with `.get()`) is someone else's resource
 * that the stage only references: Pulumi never creates, updates or deletes it. It is listed apart in
 * `external` and never in `located`, so it makes no cloud resource this stage's, is never missing or
 * stale, and its type is not counted as unchecked.
 */
export function locateEntries(
  deployment: DeploymentV3 | undefined,
  home: string,
): { located: Located[]; external: Located[]; unknown: Map<string, number> } {
  const providers = providerRegions(deployment, home);
  const located: Located[] = [];
  const external: Located[] = [];
  const unknown = new Map<string, number>();
  for (const r of deployment?.resources ?? []) {
    if (!r.custom || isProviderType(r.type)) continue;
    const l = locate(r, providers, home);
    if (r.external === true) {
      if (l !== undefined) external.push(l);
    } else if (l === undefined) unknown.set(r.type, (unknown.get(r.type) ?? 0) + 1);
    else located.push(l);
  }
  return { located, external, unknown };
}

/** Kinds whose resources share names (Route 53 records across types): told apart by their state id. */
const KEYED_BY_ID = new Set(KINDS.filter((k) => k.keyedById === true).map((k) => k.kind));

export const key = (kind: string, region: string, identity: { name: string; id: string }) =>
  `${kind}|${region}|${KEYED_BY_ID.has(kind) ? identity.id : identity.name}`;

/** The key of a located entry. */
export const keyOf = (l: Located) => key(l.kind.kind, l.identity.region, l.identity);

/** The group a located entry's listing walks whole (a record's zone prefix), if its kind has groups. */
export function groupOf(l: { kind: Kind; identity: Identity }): string | undefined {
  return l.kind.groupPrefix?.(l.identity.id);
}
