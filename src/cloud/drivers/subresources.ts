/**
 * Native existence checks for long-tail types Cloud Control cannot read (the `native` column of
 * src/kinds/cloudformation-types.ts): one read-only call per state entry, nothing created, changed or
 * deleted. How each answer is read (error codes from the AWS API references and SDK models; what
 * terraform-provider-aws, whose resources pulumi-aws wraps, reads for each):
 * - `s3-object`: HeadObject — `NotFound` (404) or `NoSuchKey`: gone (resource_s3_object.go reads so);
 * - `s3-cors`: GetBucketCors — `NoSuchCORSConfiguration`: gone;
 * - `s3-public-access-block`: GetPublicAccessBlock — `NoSuchPublicAccessBlockConfiguration`: gone;
 * - `s3-notification`: GetBucketNotificationConfiguration — an empty configuration: gone;
 * - any S3 read: `NoSuchBucket`: gone (the setting went with its bucket);
 * - `event-target`: ListTargetsByRule(rule, bus), paged — the target id absent, or the rule
 *   (`ResourceNotFoundException`): gone;
 * - `acm-validation`: DescribeCertificate — `ResourceNotFoundException`, or a status other than
 *   ISSUED: gone (the validation no longer holds).
 * Anything else (access denied, throttling after the SDK's retries, network) is thrown: the caller
 * reports that part of the scan as incomplete (exit 5), never clean.
 */
import { DescribeCertificateCommand, ACMClient } from "@aws-sdk/client-acm";
import { EventBridgeClient, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import {
  GetBucketCorsCommand,
  GetBucketNotificationConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
} from "@aws-sdk/client-s3";
import type { NativeCheck } from "../../kinds/cloudformation-types.js";
import { mapLimit } from "../../util/map-limit.js";
import { awsCode, type CloudContext } from "./types.js";
import { t as tr } from "../../i18n/index.js";

/** Reads in flight at once, over every check of one scan. */
export const CONCURRENCY = 8;

export interface NativeTarget {
  check: NativeCheck;
  args: Readonly<Record<string, string>>;
  region: string;
}

export type NativeAnswer = { state: "present" } | { state: "gone"; why: string };

const present: NativeAnswer = { state: "present" };
const gone = (why: string): NativeAnswer => ({ state: "gone", why });

/** Runs `read`; an error whose code is in `goneCodes` is an answer ("gone"), any other is thrown. */
async function settle(
  goneCodes: readonly string[],
  read: () => Promise<NativeAnswer>,
): Promise<NativeAnswer> {
  try {
    return await read();
  } catch (e) {
    const code = awsCode(e) ?? "";
    if (goneCodes.includes(code)) return gone(code);
    throw e;
  }
}

const S3_GONE = ["NoSuchBucket"];

async function s3Check(ctx: CloudContext, t: NativeTarget): Promise<NativeAnswer> {
  const s3 = ctx.clients.s3(t.region);
  const bucket = t.args.bucket!;
  const call = <T>(op: string, f: (signal: AbortSignal | undefined) => Promise<T>) =>
    ctx.call("s3", `${op} ${bucket}`, f);
  switch (t.check) {
    case "s3-object":
      return settle([...S3_GONE, "NotFound", "NoSuchKey"], async () => {
        await call("HeadObject", (abortSignal) =>
          s3.send(new HeadObjectCommand({ Bucket: bucket, Key: t.args.key! }), { abortSignal }),
        );
        return present;
      });
    case "s3-cors":
      return settle([...S3_GONE, "NoSuchCORSConfiguration"], async () => {
        const got = await call("GetBucketCors", (abortSignal) =>
          s3.send(new GetBucketCorsCommand({ Bucket: bucket }), { abortSignal }),
        );
        return (got.CORSRules ?? []).length > 0 ? present : gone(tr("cloud.sub.no-cors-rules"));
      });
    case "s3-public-access-block":
      return settle([...S3_GONE, "NoSuchPublicAccessBlockConfiguration"], async () => {
        await call("GetPublicAccessBlock", (abortSignal) =>
          s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }), { abortSignal }),
        );
        return present;
      });
    default: {
      return settle(S3_GONE, async () => {
        const got = await call("GetBucketNotificationConfiguration", (abortSignal) =>
          s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket }), { abortSignal }),
        );
        const any =
          (got.LambdaFunctionConfigurations ?? []).length +
            (got.QueueConfigurations ?? []).length +
            (got.TopicConfigurations ?? []).length >
            0 || got.EventBridgeConfiguration !== undefined;
        return any ? present : gone(tr("cloud.sub.empty-notification"));
      });
    }
  }
}

async function eventTarget(ctx: CloudContext, t: NativeTarget): Promise<NativeAnswer> {
  const eb = ctx.clients.client(EventBridgeClient, "EVENTBRIDGE", t.region);
  const { rule, targetId, eventBusName } = t.args;
  return settle(["ResourceNotFoundException"], async () => {
    let token: string | undefined;
    do {
      const page = await ctx.call("eventbridge", `ListTargetsByRule ${rule}`, (abortSignal) =>
        eb.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: eventBusName, NextToken: token }), {
          abortSignal,
        }),
      );
      if ((page.Targets ?? []).some((x) => x.Id === targetId)) return present;
      token = page.NextToken;
    } while (token !== undefined && token !== "");
    return gone(tr("cloud.sub.no-target", { rule: rule ?? "", target: targetId ?? "" }));
  });
}

async function acmValidation(ctx: CloudContext, t: NativeTarget): Promise<NativeAnswer> {
  const acm = ctx.clients.client(ACMClient, "ACM", t.region);
  const arn = t.args.certificateArn!;
  return settle(["ResourceNotFoundException"], async () => {
    const got = await ctx.call("acm", `DescribeCertificate ${arn}`, (abortSignal) =>
      acm.send(new DescribeCertificateCommand({ CertificateArn: arn }), { abortSignal }),
    );
    const status = got.Certificate?.Status;
    return status === "ISSUED"
      ? present
      : gone(tr("cloud.sub.certificate-status", { status: status ?? "unknown" }));
  });
}

/** Whether one entry's object exists; see the module comment for how answers are read. */
export async function checkNative(ctx: CloudContext, t: NativeTarget): Promise<NativeAnswer> {
  switch (t.check) {
    case "event-target":
      return eventTarget(ctx, t);
    case "acm-validation":
      return acmValidation(ctx, t);
    default:
      return s3Check(ctx, t);
  }
}

/** Checks every target, CONCURRENCY at a time; a failed call is returned, never stops the others. */
export async function checkNatives(
  ctx: CloudContext,
  targets: readonly NativeTarget[],
): Promise<(NativeAnswer | { state: "failed"; error: unknown })[]> {
  return mapLimit(targets, CONCURRENCY, async (t) => {
    try {
      return await checkNative(ctx, t);
    } catch (error) {
      return { state: "failed" as const, error };
    }
  });
}
