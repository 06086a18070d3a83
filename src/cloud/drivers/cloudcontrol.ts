/**
 * AWS Cloud Control API, the one generic driver for the long tail (src/kinds/cloudformation-types.ts):
 * does a resource of a CloudFormation type exist? `GetResource(TypeName, Identifier)` answers, one call
 * per state entry, at most CONCURRENCY in flight (and under `ctx.call`'s per-service limit).
 *
 * How an answer is read (error shapes from the Cloud Control API model,
 * aws/aws-sdk-js-v3 codegen/sdk-codegen/aws-models/cloudcontrol.json):
 * - a resource description: present;
 * - `ResourceNotFoundException` (404): gone;
 * - `UnsupportedActionException` (405: the type has no read handler), `TypeNotFoundException` (404: no
 *   such type in the CloudFormation registry), `GeneralServiceException` (the downstream service
 *   refused the read) and `InvalidRequestException` (the handler rejected the identifier): not checked,
 *   with AWS's reason — never "gone", never "present";
 * - anything else (throttling after the SDK's retries, access denied, network): thrown, so the scan
 *   reports that part as incomplete (exit 5), never clean.
 *
 * Read only: stateward never creates, updates or deletes anything through Cloud Control.
 */
import { CloudControlClient, GetResourceCommand } from "@aws-sdk/client-cloudcontrol";
import { mapLimit } from "../../util/map-limit.js";
import { awsCode, type CloudContext } from "./types.js";
import { t as tr, type MessageId } from "../../i18n/index.js";

/** The endpoint id of the SDK (`AWS_ENDPOINT_URL_CLOUDCONTROL`). */
const ENDPOINT_ID = "CLOUDCONTROL";
/** Reads in flight at once, over every type and region of one scan. */
export const CONCURRENCY = 8;

/** Answers that mean "Cloud Control cannot tell", with what the report says about each. */
const CANNOT_TELL_IDS = {
  UnsupportedActionException: "cloud.cc.cannot-read",
  TypeNotFoundException: "cloud.cc.unknown-type",
  GeneralServiceException: "cloud.cc.service-refused",
  InvalidRequestException: "cloud.cc.bad-identifier",
} as const satisfies Record<string, MessageId>;
const CANNOT_TELL: Readonly<
  Record<string, (typeof CANNOT_TELL_IDS)[keyof typeof CANNOT_TELL_IDS] | undefined>
> = CANNOT_TELL_IDS;

export interface CloudControlTarget {
  typeName: string;
  identifier: string;
  region: string;
}

export type CloudControlAnswer =
  { state: "present"; properties?: string } | { state: "gone" } | { state: "unchecked"; reason: string };

/** The message of a failed call, without the wrapping stateward adds. */
function messageOf(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause ?? e;
  const m = (cause as { message?: unknown }).message;
  return typeof m === "string" && m !== "" ? m : String(cause);
}

/** Whether one resource exists (GetResource); see the module comment for how answers are read. */
export async function getResource(ctx: CloudContext, t: CloudControlTarget): Promise<CloudControlAnswer> {
  const client = ctx.clients.client(CloudControlClient, ENDPOINT_ID, t.region);
  try {
    const got = await ctx.call("cloudcontrol", `GetResource ${t.typeName} ${t.identifier}`, (signal) =>
      client.send(new GetResourceCommand({ TypeName: t.typeName, Identifier: t.identifier }), {
        abortSignal: signal,
      }),
    );
    const properties = got.ResourceDescription?.Properties;
    return properties === undefined ? { state: "present" } : { state: "present", properties };
  } catch (e) {
    const code = awsCode(e) ?? "";
    if (code === "ResourceNotFoundException") return { state: "gone" };
    const why = CANNOT_TELL[code];
    if (why !== undefined) return { state: "unchecked", reason: `${tr(why)} (${code}: ${messageOf(e)})` };
    throw e;
  }
}

/**
 * Reads every target, CONCURRENCY at a time: an answer each, or the error a read threw (for the
 * caller to report as incomplete) — one failure never stops the others.
 */
export async function getResources(
  ctx: CloudContext,
  targets: readonly CloudControlTarget[],
): Promise<(CloudControlAnswer | { state: "failed"; error: unknown })[]> {
  return mapLimit(targets, CONCURRENCY, async (t) => {
    try {
      return await getResource(ctx, t);
    } catch (error) {
      return { state: "failed" as const, error };
    }
  });
}
