/**
 * Which resources are global, and the region stateward shows for them. IAM, CloudFront and Route 53
 * (and the long-tail types of those services) live in no region: every command prints `global` for
 * them, in text and JSON. AWS serves their APIs from us-east-1, so that is where stateward sends
 * their requests (`GLOBAL_REGION`, a kind's `apiRegion`) and where a scan lists them — the region a
 * request went to is not the resource's region. The flags themselves stay with the kinds
 * (`Kind.global`) and the long-tail table (`LongTailType.global`); this file is the one place that
 * reads them for display.
 */
import { longTailType } from "./cloudformation-types.js";
import { isGlobal } from "./registry.js";

/** What stateward prints as the region of a global resource. */
export const GLOBAL = "global";

/** A kind id (`iam-role`), a long-tail kind (`cloudcontrol:AWS::IAM::ManagedPolicy`) or a type token. */
export function isGlobalResource(r: { kind?: string; type?: string }): boolean {
  if (r.kind !== undefined && isGlobal(r.kind)) return true;
  if (r.type !== undefined && (isGlobal(r.type) || longTailType(r.type)?.global === true)) return true;
  return false;
}

/** `global` for a global resource, else its region as given. */
export function displayRegion(r: { kind?: string; type?: string; region: string }): string {
  return isGlobalResource(r) ? GLOBAL : r.region;
}
