/**
 * S3, the driver for buckets (src/kinds/s3-bucket.ts). Bucket names are global, so a
 * bucket is still found when asked in the wrong region (or in `""`): S3 answers a request sent to
 * the wrong region with the bucket's region in `x-amz-bucket-region`, and the call is made again
 * there. The region a bucket really lives in is its only drift property.
 *
 * Deleting empties the bucket first (every object version and delete marker), as S3 refuses to
 * delete a bucket that is not empty (BucketNotEmpty).
 */
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  type HeadBucketCommandOutput,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
} from "@aws-sdk/client-s3";
import { StatewardError } from "../../errors.js";
import { s3Bucket } from "../../kinds/s3-bucket.js";
import { type CloudResource, nameMatches } from "../../kinds/types.js";
import {
  type Adopter,
  type CloudContext,
  type DeleteResult,
  type KindDriver,
  awsCode,
  callUnlessMissing,
  found,
  gatedDelete,
  tagMap,
  unlessMissing,
} from "./types.js";
import type { PropertyMap } from "../../state/index.js";
import { t } from "../../i18n/index.js";

/** HeadBucket has no body: a missing bucket is a bare 404 (`NotFound`); other calls say NoSuchBucket. */
const MISSING = ["NotFound", "NoSuchBucket"];
/** Where requests for a bucket start when its region is not known (an ARN from the tagging API). */
const DEFAULT_REGION = "us-east-1";
/** DeleteObjects takes at most 1000 keys; ListObjectVersions answers at most 1000 per page. */
const BATCH = 1000;
const LIST_PAGE = 1000;

function bucketArn(name: string): string {
  return `arn:aws:s3:::${name}`; // i18n-exempt: an ARN
}

/** The region S3 names in an error's `x-amz-bucket-region` header (a request sent to the wrong region). */
function redirectRegion(e: unknown): string | undefined {
  for (const err of [(e as { cause?: unknown } | undefined)?.cause, e]) {
    const headers = (err as { $response?: { headers?: Record<string, string | undefined> } } | undefined)
      ?.$response?.headers;
    const region = headers?.["x-amz-bucket-region"];
    if (typeof region === "string" && region !== "") return region;
  }
  return undefined;
}

/** GetBucketLocation's answer as a region: empty means us-east-1, `EU` is the old name of eu-west-1. */
function locationRegion(constraint: string | undefined): string {
  if (constraint === undefined || constraint === "") return "us-east-1";
  return constraint === "EU" ? "eu-west-1" : constraint;
}

interface Located {
  region: string;
  head: HeadBucketCommandOutput;
}

/**
 * HeadBucket in `region` (us-east-1 when unknown), and again in the region S3 names when the bucket
 * lives elsewhere; undefined when there is no such bucket.
 */
async function locate(ctx: CloudContext, name: string, region: string): Promise<Located | undefined> {
  let at = region === "" ? DEFAULT_REGION : region;
  for (let attempt = 0; ; attempt++) {
    const client = ctx.clients.s3(at);
    try {
      const head = await unlessMissing(MISSING, () =>
        ctx.call("s3", `HeadBucket ${name}`, (signal) =>
          client.send(new HeadBucketCommand({ Bucket: name }), { abortSignal: signal }),
        ),
      );
      return head === undefined ? undefined : { region: at, head };
    } catch (e) {
      const other = redirectRegion(e);
      if (attempt > 0 || other === undefined || other === at) throw e;
      at = other;
    }
  }
}

/**
 * The first page of a bucket's object versions and delete markers, to delete next; undefined when
 * the bucket is gone. Always the first page: what was listed is deleted before the next listing, so
 * the next page is the new first page (markers would name versions that are gone). Throws when the
 * page starts where the previous one did (the deletes made no progress).
 */
async function firstVersions(
  ctx: CloudContext,
  name: string,
  region: string,
  previous: string | undefined,
): Promise<{ objects: ObjectIdentifier[]; versionCount: number; first?: string } | undefined> {
  const page = await unlessMissing(MISSING, () =>
    ctx.call("s3", `ListObjectVersions ${name}`, (signal) =>
      ctx.clients
        .s3(region)
        .send(new ListObjectVersionsCommand({ Bucket: name, MaxKeys: LIST_PAGE }), { abortSignal: signal }),
    ),
  );
  if (page === undefined) return undefined;
  const objects: ObjectIdentifier[] = [];
  for (const v of page.Versions ?? []) objects.push({ Key: v.Key!, VersionId: v.VersionId });
  const versionCount = objects.length;
  for (const m of page.DeleteMarkers ?? []) objects.push({ Key: m.Key!, VersionId: m.VersionId });
  if (objects.length === 0) return { objects, versionCount };
  const first = `${objects[0]!.Key}\u0000${objects[0]!.VersionId ?? ""}`;
  if (first === previous) {
    throw new StatewardError("AWS_ERROR", t("cloud.s3.no-progress", { name, key: objects[0]!.Key ?? "" }), {
      hint: t("cloud.s3.emptying.hint"),
    });
  }
  return { objects, versionCount, first };
}

function removedText(name: string, versions: number, markers: number): string {
  if (versions + markers === 0) return t("cloud.s3.was-empty", { name });
  const id =
    versions === 1
      ? markers === 1
        ? "cloud.s3.removed.one-one"
        : "cloud.s3.removed.one-other"
      : markers === 1
        ? "cloud.s3.removed.other-one"
        : "cloud.s3.removed.other-other";
  return t(id, { versions, markers, name });
}

export const s3BucketDriver: KindDriver = {
  ...s3Bucket,

  async read(ctx, identity) {
    const located = await locate(ctx, identity.name, identity.region);
    if (located === undefined) return undefined;
    const client = ctx.clients.s3(located.region);
    const location = await callUnlessMissing(
      ctx,
      MISSING,
      "s3",
      `GetBucketLocation ${identity.name}`,
      (signal) =>
        client.send(new GetBucketLocationCommand({ Bucket: identity.name }), { abortSignal: signal }),
    );
    if (location === undefined) return undefined;
    const region = locationRegion(location.LocationConstraint);
    const tagging = await callUnlessMissing(
      ctx,
      ["NoSuchTagSet", ...MISSING],
      "s3",
      `GetBucketTagging ${identity.name}`,
      (signal) =>
        client.send(new GetBucketTaggingCommand({ Bucket: identity.name }), { abortSignal: signal }),
    );
    return found(s3Bucket, {
      name: identity.name,
      region,
      arn: located.head.BucketArn ?? identity.arn ?? bucketArn(identity.name),
      tags: tagMap(tagging?.TagSet),
      foundBy: "read",
      detail: { region },
    });
  },

  async listByName(ctx, region, filter) {
    // ListBuckets is account-wide: one call lists every region's buckets. Each is given the region S3
    // names for it (`BucketRegion`), or the asked region when the endpoint does not say.
    const client = ctx.clients.s3(region === "" ? DEFAULT_REGION : region);
    const listed: CloudResource[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.call("s3", "ListBuckets", (signal) =>
        client.send(new ListBucketsCommand({ MaxBuckets: 1000, ContinuationToken: token }), {
          abortSignal: signal,
        }),
      );
      for (const b of page.Buckets ?? []) {
        if (b.Name === undefined || !nameMatches(filter, b.Name)) continue;
        const at = b.BucketRegion === undefined || b.BucketRegion === "" ? region : b.BucketRegion;
        const arn = b.BucketArn ?? bucketArn(b.Name);
        listed.push(
          found(s3Bucket, { name: b.Name, region: at, arn, foundBy: "name", detail: { region: at } }),
        );
      }
      token = page.ContinuationToken === "" ? undefined : page.ContinuationToken;
    } while (token !== undefined);
    return listed;
  },

  delete: gatedDelete(s3Bucket.kind, async (ctx, identity): Promise<DeleteResult> => {
    const located = await locate(ctx, identity.name, identity.region);
    if (located === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const client = ctx.clients.s3(located.region);
    const name = identity.name;
    let versions = 0;
    let markers = 0;

    /** Removes every object version and delete marker; false when the bucket vanished meanwhile. */
    const empty = async (): Promise<boolean> => {
      let previous: string | undefined;
      for (;;) {
        const page = await firstVersions(ctx, name, located.region, previous);
        if (page === undefined) return false;
        const { objects, versionCount } = page;
        if (objects.length === 0) return true;
        previous = page.first;
        for (let i = 0; i < objects.length; i += BATCH) {
          const batch = objects.slice(i, i + BATCH);
          const command = new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: batch, Quiet: true } });
          const res = await unlessMissing(MISSING, () =>
            ctx.call("s3", `DeleteObjects ${name} (${batch.length})`, (signal) =>
              client.send(command, { abortSignal: signal }),
            ),
          );
          if (res === undefined) return false;
          const errors = res.Errors ?? [];
          if (errors.length > 0) {
            const e = errors[0]!;
            throw new StatewardError(
              "AWS_ERROR",
              t("cloud.s3.empty-failed", {
                name,
                failed: errors.length,
                total: batch.length,
                key: e.Key ?? "?",
                code: e.Code ?? "error",
                message: e.Message ?? "",
              }),
              { hint: t("cloud.s3.emptying.hint") },
            );
          }
        }
        versions += versionCount;
        markers += objects.length - versionCount;
      }
    };

    // Something may write to the bucket while it is emptied: empty again when S3 says it is not empty.
    let deletedNow = false;
    for (let attempt = 0; ; attempt++) {
      if (!(await empty())) break;
      try {
        const done = await unlessMissing(MISSING, () =>
          ctx.call("s3", `DeleteBucket ${name}`, (signal) =>
            client.send(new DeleteBucketCommand({ Bucket: name }), { abortSignal: signal }),
          ),
        );
        deletedNow = done !== undefined;
        break;
      } catch (e) {
        if (attempt >= 2 || awsCode(e) !== "BucketNotEmpty") throw e;
      }
    }
    return {
      deleted: true,
      steps: [
        removedText(name, versions, markers),
        deletedNow
          ? t("cloud.step.deleted", { what: t("cloud.what.bucket", { name }) })
          : t("cloud.s3.deleted-meanwhile", { name }),
      ],
    };
  }),

  adopt: (ctx, identity) => s3BucketAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [s3BucketDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting an S3 bucket as pulumi-aws v6 records it (`aws:s3/bucketV2:BucketV2`). The id is the
 * bucket name. The bucket is found and read through the S3 driver (HeadBucket in the
 * region S3 names, GetBucketLocation, GetBucketTagging), then described as the provider does:
 *
 * - inputs: `bucket`, `tags`/`tagsAll` and an empty `__defaults`, as `SstStateBuilder.addNextjs`
 *   writes them. `forceDestroy` is a provider-side setting AWS does not know, so it is left out of
 *   the inputs and recorded as `false` in the outputs (the provider's value on import); a program that
 *   sets it (SST's Bucket does) updates it in place on the next deploy, without touching the bucket.
 * - outputs: `arn`, `bucket`, `bucketDomainName` (`<b>.s3.amazonaws.com`), `bucketRegionalDomainName`
 *   (`<b>.s3.<region>.amazonaws.com`, as the v5 Terraform provider builds it), `forceDestroy`,
 *   `hostedZoneId` (for the regions whose S3 zone is known), `id`, `region`, `tags`, `tagsAll`.
 *   The deprecated inline configuration blocks (versioning, website, …) are not read: they belong to
 *   resources of their own in v6 and a later refresh fills them in.
 */
/** Route 53 hosted zone ids of S3's regional endpoints (the provider's `hosted_zone_id`). */
const HOSTED_ZONES: Record<string, string> = {
  "us-east-1": "Z3AQBSTGFYJSTF",
  "us-east-2": "Z2O1EMRO9K5GLX",
  "us-west-1": "Z2F56UZL2M1ACD",
  "us-west-2": "Z3BJ6K6RIION7M",
  "ca-central-1": "Z1QDHH18159H29",
  "sa-east-1": "Z7KQH4QJS55SO",
  "eu-west-1": "Z1BKCTXD74EZPE",
  "eu-west-2": "Z3GKZC51ZF0DB4",
  "eu-west-3": "Z3R1K369G5AVDG",
  "eu-central-1": "Z21DNDUVLTQW6Q",
  "eu-north-1": "Z3BAZG2TWCNX0D",
  "ap-south-1": "Z11RGJOFQNVJUP",
  "ap-northeast-1": "Z2M4EHUR26P7ZW",
  "ap-northeast-2": "Z3W03O7B5YMIYP",
  "ap-southeast-1": "Z3O0J2DXBE1FTB",
  "ap-southeast-2": "Z1WCIGYICN2BYD",
};

/** The partition's ARN name and DNS suffix for a region. */
function partition(region: string): { name: string; dns: string } {
  if (region.startsWith("cn-")) return { name: "aws-cn", dns: "amazonaws.com.cn" };
  if (region.startsWith("us-gov-")) return { name: "aws-us-gov", dns: "amazonaws.com" };
  return { name: "aws", dns: "amazonaws.com" };
}

export const s3BucketAdopter: Adopter = {
  kind: s3Bucket.kind,

  async read(ctx, identity) {
    const got = await s3BucketDriver.read(ctx, identity);
    if (got === undefined) return undefined;
    const bucket = got.name;
    const region = got.region;
    const p = partition(region);
    const tags = got.tags;
    const inputs: PropertyMap = {
      __defaults: [],
      bucket,
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    const outputs: PropertyMap = {
      arn: `arn:${p.name}:s3:::${bucket}`,
      bucket,
      bucketDomainName: `${bucket}.s3.${p.dns}`,
      bucketRegionalDomainName: `${bucket}.s3.${region}.${p.dns}`,
      forceDestroy: false,
    };
    const zone = HOSTED_ZONES[region];
    if (zone !== undefined) outputs.hostedZoneId = zone;
    Object.assign(outputs, { id: bucket, region, tags: { ...tags }, tagsAll: { ...tags } });
    return { id: bucket, inputs, outputs };
  },
};
