/**
 * S3 bucket (`aws:s3/bucketV2:BucketV2` in pulumi-aws v6, `aws:s3/bucket:Bucket` in v7): id and
 * physical name are the bucket name. Bucket ARNs (`arn:aws:s3:::<bucket>`) carry no region, so
 * `fromArn` answers region `""`: the scanner fills it in from the region whose tagging API listed the
 * bucket. The region a bucket really lives in is its only drift property.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

export const s3Bucket: Kind = {
  kind: "s3-bucket",
  get label() {
    return t("kinds.s3-bucket.label");
  },
  types: ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"],
  cfnType: "AWS::S3::Bucket",
  service: "s3",
  global: false,
  taggable: true,
  tagType: "s3",
  naming: {
    "aws:s3/bucketV2:BucketV2": { max: 63, lower: true, field: "bucket" },
    "aws:s3/bucket:Bucket": { max: 63, lower: true, field: "bucket" },
  },
  wording: {
    get label() {
      return t("kinds.s3-bucket.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["s3 bucket"],
    alreadyExists: [
      { re: /BucketAlreadyOwnedByYou/, code: "BucketAlreadyOwnedByYou" },
      {
        re: /BucketAlreadyExists/,
        code: "BucketAlreadyExists",
        takenElsewhere: {
          cause: (_what, name) =>
            name === undefined
              ? t("kinds.s3-bucket.taken.cause.unnamed")
              : t("kinds.s3-bucket.taken.cause", { name }),
          fix: (logical) => [t("kinds.s3-bucket.taken.fix", { logical })],
        },
      },
    ],
  },
  // Where it lives (pulumi-aws 7's `region`; the provider's before) and object lock (ForceNew).
  replaceOn: ["region", "objectLockEnabled"],
  deleteRank: 8,
  nameFields: ["bucket"],

  fromArn(arn) {
    const a = splitArn(arn);
    // Objects (`<bucket>/<key>`), access points and the like are not buckets.
    if (a?.service !== "s3" || a.region !== "" || a.account !== "") return undefined;
    if (a.resource === "" || a.resource.includes("/") || a.resource.includes(":")) return undefined;
    // No region in a bucket ARN: the scanner sets the one whose tagging API listed it.
    return { name: a.resource, id: a.resource, region: "", arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(s3Bucket));
  },

  drift(resource, cloud) {
    // A bucket has nothing else stateward compares: it exists, and it lives in one region (the v6
    // BucketV2 and v7 Bucket outputs name it); everything else is configuration of its own resources.
    return compareProps(resource, cloud, ["region"]);
  },
};
