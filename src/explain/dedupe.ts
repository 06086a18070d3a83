/**
 * One problem per resource: SST prints every error twice (in the progress and in the summary), once
 * perhaps with the physical name and once only with the logical one, so a later sighting that shares
 * any identity (URN, logical name, physical name) with an earlier one of the same kind and type is
 * merged into it. Kinds about the whole stage (lock, passphrase, integrity, missing stage) are one each.
 */
import { kindForType } from "../kinds/registry.js";
import type { Draft, ProblemResource } from "./types.js";

export function dedupe(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  const byKey = new Map<string, Draft>();
  for (const d of drafts) {
    const keys = keysOf(d);
    const hit = keys.map((k) => byKey.get(k)).find((x) => x !== undefined);
    if (hit === undefined) {
      out.push(d);
      for (const k of keys) byKey.set(k, d);
      continue;
    }
    const r = hit.resource;
    // One physical name, two resources of the program (two logical names or URNs): a duplicate.
    const other = d.resource.logicalName ?? d.resource.urn;
    const differs =
      d.kind === "already-exists" &&
      ((r.logicalName !== undefined &&
        d.resource.logicalName !== undefined &&
        r.logicalName !== d.resource.logicalName) ||
        (r.urn !== undefined && d.resource.urn !== undefined && r.urn !== d.resource.urn));
    if (differs && other !== undefined && !(hit.sameNameAs ?? []).includes(other)) {
      hit.sameNameAs = [...(hit.sameNameAs ?? []), other];
    }
    for (const [k, v] of Object.entries(d.resource) as [keyof ProblemResource, string][]) r[k] ??= v;
    for (const k of keysOf(hit)) if (!byKey.has(k)) byKey.set(k, hit);
  }
  return out;
}

function keysOf(d: Draft): string[] {
  const r = d.resource;
  switch (d.kind) {
    case "already-exists": {
      // One kind, one key: an S3 bucket is one, whether the program uses `Bucket` or `BucketV2`.
      const t = (r.type === undefined ? undefined : kindForType(r.type)?.types[0]) ?? r.type ?? "?";
      const keys: string[] = [];
      if (r.urn !== undefined) keys.push(`ae|u|${r.urn}`);
      if (r.logicalName !== undefined) keys.push(`ae|${t}|l|${r.logicalName}`);
      if (r.name !== undefined) keys.push(`ae|${t}|n|${r.name}|${r.recordType ?? ""}`);
      if (keys.length === 0) keys.push(`ae|${t}|${d.code ?? ""}`);
      return keys;
    }
    case "pending-operations":
      return [`po|${r.urn ?? ""}`];
    case "region":
      return [`region|${r.name ?? r.logicalName ?? ""}`];
    default:
      return [d.kind];
  }
}
