/**
 * The AWS identities a checkpoint records: each custom resource's `arn` output (or an id that is an
 * ARN), and whether SST's default tags mark it — the only resources a tag-based inventory can judge.
 */
import { isProviderType } from "./urn.js";
import type { DeploymentV3, JsonValue } from "./types.js";

export interface ResourceArn {
  urn: string;
  type: string;
  arn: string;
  /** The resource carries `sst:app` in its tags (SST's provider default tags put it on all). */
  tagged: boolean;
}

function hasSstTag(value: JsonValue | undefined): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof value["sst:app"] === "string"
  );
}

/** One entry per custom resource that has an ARN, in state order. */
export function resourceArns(deployment: DeploymentV3 | undefined): ResourceArn[] {
  const out: ResourceArn[] = [];
  for (const r of deployment?.resources ?? []) {
    if (!r.custom || r.delete === true || isProviderType(r.type)) continue;
    const fromOutputs = r.outputs?.arn;
    const arn =
      typeof fromOutputs === "string" && fromOutputs.startsWith("arn:")
        ? fromOutputs
        : r.id?.startsWith("arn:")
          ? r.id
          : undefined;
    if (arn === undefined) continue;
    out.push({
      urn: r.urn,
      type: r.type,
      arn,
      tagged: hasSstTag(r.outputs?.tagsAll) || hasSstTag(r.outputs?.tags) || hasSstTag(r.inputs?.tags),
    });
  }
  return out;
}
