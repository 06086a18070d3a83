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
import { s3Bucket } from "../../../kinds/s3-bucket.js";
import type { PropertyMap } from "../../../state/index.js";
import { s3BucketDriver } from "../s3.js";
import type { Adopter } from "./types.js";

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
    const found = await s3BucketDriver.read(ctx, identity);
    if (found === undefined) return undefined;
    const bucket = found.name;
    const region = found.region;
    const p = partition(region);
    const tags = found.tags;
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
