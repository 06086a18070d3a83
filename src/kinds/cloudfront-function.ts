/**
 * CloudFront function (`aws:cloudfront/function:Function`): id and name are its name; it has a
 * DEVELOPMENT stage and, once published, a LIVE one. CloudFront is global: every resource says
 * `us-east-1`. Functions cannot be tagged, so they are found by name only.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, value, type Kind } from "./types.js";

/** Where global resources live, as far as stateward's identities go. */
export const CLOUDFRONT_REGION = "us-east-1";

/** The name after `<kind>/` in a CloudFront ARN, if the ARN is of that kind. */
export function cloudfrontArnName(arn: string, kind: "function" | "distribution"): string | undefined {
  const a = splitArn(arn);
  if (a?.service !== "cloudfront" || !a.resource.startsWith(`${kind}/`)) return undefined;
  const name = a.resource.slice(kind.length + 1);
  return name === "" || name.includes("/") ? undefined : name;
}

export const cloudfrontFunction: Kind = {
  kind: "cloudfront-function",
  get label() {
    return t("kinds.cloudfront-function.label");
  },
  types: ["aws:cloudfront/function:Function"],
  cfnType: "AWS::CloudFront::Function",
  service: "cloudfront",
  global: true,
  apiRegion: CLOUDFRONT_REGION,
  // CloudFront functions cannot be tagged; they never come back from the tagging API.
  taggable: false,
  naming: { "aws:cloudfront/function:Function": { max: 64, field: "name" } },
  wording: {
    get label() {
      return t("kinds.cloudfront-function.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["cloudfront function"],
    alreadyExists: [{ re: /FunctionAlreadyExists/, code: "FunctionAlreadyExists" }],
  },
  deleteRank: 3,
  // A function still associated with a distribution cannot be deleted.
  deleteAfter: ["cloudfront-distribution"],
  // Goes only after its distribution, which is slow to go.
  slowRemove: true,

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    const name = cloudfrontArnName(arn, "function");
    return name === undefined ? undefined : { name, id: name, region: CLOUDFRONT_REGION, arn };
  },

  identify(resource) {
    return namedIdentity(resource, CLOUDFRONT_REGION, nameFieldsOf(cloudfrontFunction));
  },

  drift(resource, cloud) {
    const items = compareProps(resource, cloud, ["runtime"]);
    // `publish: true` means the code should be LIVE; false leaves whatever LIVE stage there is alone.
    if (value(resource, "publish") === true && cloud.detail?.stage === "DEVELOPMENT") {
      items.push({ property: "publish", state: true, cloud: false });
    }
    return items;
  },
};
