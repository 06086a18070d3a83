/**
 * Small line readers `explain` uses besides the patterns: a replacement in Pulumi's progress, an
 * integrity error's URNs, a Pulumi lock file's path. Pure.
 */
import { sameType } from "../kinds/registry.js";
import * as P from "./patterns.js";
import { fullType, urnsIn } from "./resources.js";
import type { Draft } from "./types.js";

const TYPE = "[a-z][\\w-]*:[\\w/-]+:[A-Z]\\w*";
/**
 * Pulumi's progress and preview for a replacement (pkg/backend/display: "replacing", "creating
 * replacement", the `+-` / `++` ops, `create-replacement`): `<type> <name> <status>`.
 */
const REPLACING = new RegExp(`(${TYPE})\\s{1,20}([^\\s|]{1,256})\\s{1,20}(?:\\*\\*)?$`);
const STATUS = /(?:replacing|creating replacement|created replacement|create-replacement|replaced|replace)\b/;
const REPLACE_OP = new RegExp(`^(?:\\+-|\\+\\+|-\\+)\\s+(?:[├└│─ ]{0,40})(${TYPE})\\s+([^\\s|]{1,256})`);

/** `<type>|<logicalName>` of a resource the line shows being replaced. */
export function replacementOn(line: string): string | undefined {
  const op = /^(?:\+-|\+\+|-\+)\s/.test(line) ? REPLACE_OP.exec(line.slice(0, 600)) : null;
  if (op !== null) return `${fullType(op[1]!)}|${op[2]!}`;
  const at = line.indexOf("replac");
  if (at < 0) return undefined;
  const status = STATUS.exec(line.slice(Math.max(0, at - 9), at + 30));
  if (status === null) return undefined;
  // `<type> <name> <status>`: read the few hundred characters before the status word only.
  const start = Math.max(0, at - 9) + status.index;
  const m = REPLACING.exec(line.slice(Math.max(0, start - 400), start));
  return m === null ? undefined : `${fullType(m[1]!)}|${m[2]!}`;
}

/** An integrity error: the resource it names and, for "refers to unknown provider", the provider. */
export function integrityDraft(line: string, i: number): Draft {
  const urns = urnsIn(line);
  const unknownProvider = /refers to unknown provider/.test(line) && urns.length >= 2;
  const resource: Draft["resource"] = urns[0] === undefined ? {} : { urn: urns[0] };
  if (unknownProvider) resource.provider = urns[1]!;
  return { kind: "integrity", resource, at: [i], violation: unknownProvider ? "unknown-provider" : "other" };
}

/** The whitespace-delimited token holding `.pulumi/locks/…json`, without the `:` Pulumi puts after it. */
export function lockPath(line: string): string | undefined {
  const at = line.indexOf(".pulumi/locks/");
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && !/\s/.test(line.charAt(start - 1))) start--;
  const end = line.indexOf(".json", at);
  if (end < 0 || /\s/.test(line.slice(at, end))) return undefined;
  return line.slice(start, end + ".json".length);
}

/** A lock error; Pulumi names the lock file on the next line: `s3://…/.pulumi/locks/…/<id>.json: created by …`. */
export function lockDraft(line: string, i: number, next: string | undefined): Draft {
  const d: Draft = {
    kind: "locked",
    resource: {},
    at: [i],
    lockBy: P.SST_LOCK.test(line) ? "sst" : P.PULUMI_LOCK.test(line) ? "pulumi" : "pulumi-cloud",
  };
  const where = [line, next ?? ""].map(lockPath).find((p) => p !== undefined);
  if (where !== undefined) {
    d.resource = { type: "pulumi:lock", name: where };
    if (!line.includes(where)) d.at.push(i + 1);
  }
  return d;
}

/** The resource heading (SST's progress, Pulumi's Diagnostics) errors below it are about. */
export interface Context {
  at: number;
  type?: string;
  logicalName?: string;
  urn?: string;
}

/** The provider's "creating <what> (<name>)" line. */
export interface Creating {
  at: number;
  type?: string;
  name: string;
}

/**
 * An "already exists" named further by the heading above it (when of the same kind, or the error
 * names none) and the provider's "creating" line; then by what another tool's or an older provider's
 * wording gave, where those gave nothing.
 */
export function placeDraft(d: Draft, c: Context | undefined, cr: Creating | undefined): Draft {
  const r = d.resource;
  if (c !== undefined && (r.type === undefined || c.type === undefined || sameType(r.type, c.type))) {
    // Of the same kind, the heading's token is the exact one (`Bucket` or `BucketV2`).
    if (c.type !== undefined) r.type = c.type;
    if (c.logicalName !== undefined) r.logicalName = c.logicalName;
    if (c.urn !== undefined) r.urn = c.urn;
    d.at.unshift(c.at);
  }
  if (cr !== undefined && (r.type === undefined || cr.type === undefined || sameType(r.type, cr.type))) {
    r.name ??= cr.name;
    r.type ??= cr.type;
    d.at.push(cr.at);
  }
  const fb = d.fallback;
  if (fb !== undefined) {
    for (const [k, v] of Object.entries(fb) as [keyof typeof fb, string][]) r[k] ??= v;
    delete d.fallback;
  }
  if (r.type === undefined) delete r.type;
  return d;
}
