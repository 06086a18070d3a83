/**
 * CloudFront cache policy (`aws:cloudfront/cachePolicy:CachePolicy`): the state id is the id
 * CloudFront gives it (a UUID), the physical name its `name` — unique in the account
 * (CreateCachePolicy fails with 409 `CachePolicyAlreadyExists`), and an account holds at most 20
 * custom policies (`TooManyCachePolicies`, the limit SST users hit: anomalyco/sst#4667). CloudFront
 * is global: every policy says `us-east-1`. Policies take no tags: found by listing
 * (ListCachePolicies, Type=custom, paged), kept by name.
 *
 * SST's naming (docs/coverage/sst-resources.md §2.2, §2.3): `SsrSite`'s `${name}ServerCachePolicy`
 * and `Router`'s `${name}CachePolicy` set no `name` (the type is on the "not prefixed" list of
 * anomalyco/sst platform/src/components/component.ts), so pulumi-aws autonames it
 * `<logical name>-<7 hex>` (the SDK's `name` is optional although Terraform requires it). Such
 * names carry neither app nor stage: every stage of an app makes the same `WebServerCachePolicy-…`,
 * so a name says nothing about whose it is. This kind therefore has no stage prefixes: a stage's
 * policies are the ones its state, its pending operations and its history name, and a policy its
 * history names but its state no longer holds is its leftover (a removed or replaced one).
 *
 * Drift: the TTLs (all updatable in place).
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";
import { CLOUDFRONT_REGION } from "./cloudfront-function.js";

const TOKEN = "aws:cloudfront/cachePolicy:CachePolicy";

/** "Cache policies per AWS account: 20" (CloudFront Developer Guide, Quotas; managed ones do not count). */
export const CACHE_POLICY_QUOTA = 20;

/** The shape of a cache policy id (`658327ea-f89d-4fab-a63d-7e88639e58f6`). */
export const CACHE_POLICY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where the policy's name is in a provider's "creating CloudFront Cache Policy (<name>)". */
const CREATING = /creating CloudFront Cache Policy \(([^)]+)\)/i;

export const cloudfrontCachePolicy: Kind = {
  kind: "cloudfront-cache-policy",
  get label() {
    return t("kinds.cloudfront-cache-policy.label");
  },
  types: [TOKEN],
  cfnType: "AWS::CloudFront::CachePolicy",
  service: "cloudfront",
  global: true,
  apiRegion: CLOUDFRONT_REGION,
  // Cache policies take no tags: never from the tagging API.
  taggable: false,
  wording: {
    get label() {
      return t("kinds.cloudfront-cache-policy.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["cloudfront cache policy"],
    alreadyExists: [
      {
        // CloudFront's code (documented text: "A cache policy with this name already exists. You
        // must provide a unique name. …"); matched by the code alone, the message is not relied on.
        re: /\bCachePolicyAlreadyExists\b/,
        code: "CachePolicyAlreadyExists",
      },
      {
        // CloudFormation's generic form: the identifier is the name.
        re: /Resource of type 'AWS::CloudFront::CachePolicy' with identifier '([^']+)' already exists/,
        code: "AlreadyExists",
        nameGroup: 1,
      },
      {
        // The account's 20 custom policies are used up (sst#4667). The documented text is "You have
        // reached the maximum number of cache policies for this Amazon Web Services account", but
        // CloudFront's runtime texts for its policy quotas differ ("Account's Response Headers
        // Policies limit reached.", theopensystemslab/planx-new#6491): matched by the code alone.
        re: /\bTooManyCachePolicies\b/,
        code: "TooManyCachePolicies",
        takenElsewhere: {
          cause: (what) =>
            t("kinds.cloudfront-cache-policy.quota.cause", { quota: CACHE_POLICY_QUOTA, what }),
          fix: (logical, doctor) => [
            doctor,
            t("kinds.cloudfront-cache-policy.quota.list"),
            doctor.replace("stateward doctor", "stateward cleanup"),
            t("kinds.cloudfront-cache-policy.quota.in-use"),
            t("kinds.cloudfront-cache-policy.quota.other", { logical }),
          ],
        },
      },
    ],
    nameInMessage: CREATING,
  },
  // A distribution's cache behaviors name it (`CachePolicyInUse` until the distribution is gone or
  // no longer uses it): right after distributions (and their OACs).
  deleteRank: 0.5,
  deleteAfter: ["cloudfront-distribution"],

  fromArn(arn) {
    // `arn:aws:cloudfront::<account>:cache-policy/<id>`: the ARN holds the id, not the name.
    const a = splitArn(arn);
    if (a?.service !== "cloudfront" || !a.resource.startsWith("cache-policy/")) return undefined;
    const id = a.resource.slice("cache-policy/".length);
    return CACHE_POLICY_ID.test(id) ? { name: id, id, region: CLOUDFRONT_REGION, arn } : undefined;
  },

  identify(resource) {
    return namedIdentity(resource, CLOUDFRONT_REGION, nameFieldsOf(cloudfrontCachePolicy));
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["defaultTtl", "maxTtl", "minTtl"]);
  },
};
