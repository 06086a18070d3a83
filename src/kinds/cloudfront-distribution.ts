/**
 * CloudFront distribution (`aws:cloudfront/distribution:Distribution`): its id is the `E…` id
 * CloudFront chose; it has no name, so name-based listing matches its aliases (CNAMEs), which is how a
 * leftover distribution collides with a new deploy (`CNAMEAlreadyExists`). Global, in `us-east-1`.
 */
import { t } from "../i18n/index.js";
import { CLOUDFRONT_REGION, cloudfrontArnName } from "./cloudfront-function.js";
import { compareProps, prop, value, type DriftItem, type Identity, type Kind } from "./types.js";

export function sortedAliases(items: string[] | undefined): string[] {
  return [...(items ?? [])].sort();
}

export const cloudfrontDistribution: Kind = {
  kind: "cloudfront-distribution",
  get label() {
    return t("kinds.cloudfront-distribution.label");
  },
  types: ["aws:cloudfront/distribution:Distribution"],
  cfnType: "AWS::CloudFront::Distribution",
  service: "cloudfront",
  global: true,
  apiRegion: CLOUDFRONT_REGION,
  taggable: true,
  tagType: "cloudfront:distribution",
  wording: {
    get label() {
      return t("kinds.cloudfront-distribution.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["cloudfront distribution"],
    alreadyExists: [
      {
        re: /CNAMEAlreadyExists/,
        code: "CNAMEAlreadyExists",
        takenElsewhere: {
          cause: (what) => t("kinds.cloudfront-distribution.cname.cause", { what }),
          fix: (_logical, doctor) => [doctor, t("kinds.cloudfront-distribution.cname.fix")],
        },
      },
    ],
  },
  // First: it refers to functions, buckets and records point at it.
  deleteRank: 0,
  // No name of its own: its id is CloudFront's, and its tags say whose it is.
  nameFields: [],
  // Disabling takes minutes, and only then can it be deleted.
  slowRemove: true,

  fromArn(arn) {
    const id = cloudfrontArnName(arn, "distribution");
    return id === undefined ? undefined : { name: id, id, region: CLOUDFRONT_REGION, arn };
  },

  identify(resource) {
    // Distributions have no name: the id stands for it (the aliases are in the read detail).
    const id = resource.id ?? prop(resource, "id");
    if (id === undefined || id === "") return undefined;
    const identity: Identity = { name: id, id, region: CLOUDFRONT_REGION };
    const arn = prop(resource, "arn");
    if (arn !== undefined) identity.arn = arn;
    return identity;
  },

  drift(resource, cloud) {
    const items: DriftItem[] = [];
    const state = value(resource, "aliases");
    const actual = cloud.detail?.aliases;
    if (Array.isArray(state) && actual !== undefined) {
      const wanted = sortedAliases(state.filter((a): a is string => typeof a === "string"));
      if (JSON.stringify(wanted) !== JSON.stringify(actual)) {
        items.push({ property: "aliases", state: wanted, cloud: actual });
      }
    }
    items.push(...compareProps(resource, cloud, ["enabled"]));
    return items;
  },
};
