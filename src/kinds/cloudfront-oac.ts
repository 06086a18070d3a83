/**
 * CloudFront origin access control (`aws:cloudfront/originAccessControl:OriginAccessControl`): the
 * state id is the id CloudFront gives it (`E…`, 14 upper-case letters and digits), the physical name
 * the `name` input — unique in the account (CreateOriginAccessControl fails with 409
 * `OriginAccessControlAlreadyExists`, anomalyco/sst#4118). CloudFront is global: every OAC says
 * `us-east-1`. OACs cannot be tagged: they are found by listing (ListOriginAccessControls has no name
 * filter: every OAC of the account, kept by name).
 *
 * SST's naming (docs/coverage/sst-resources.md §1.4, §2.2, §2.3): SST 3.0–3.9's `SsrSite`/`StaticSite`
 * and today's `Router` with inline bucket routes create `${name}S3AccessControl` through SST's own
 * dynamic provider (`Aws.OriginAccessControl`): the component passes `physicalName(64, name)` and the
 * Go provider sends `name[:55] + "-" + 8 random [a-z0-9]` (`sstOacName`), so such names start with
 * `<app>-<stage>-`. No pulumi-aws rule: SST does not create this token itself, so `names generate`
 * lists none for it. Those entries are `pulumi-nodejs:dynamic:Resource` in state, told apart from
 * other dynamic resources only by their URN name `${name}S3AccessControl.sst.aws.OriginAccessControl`
 * (§2.3; `kindForEntry` in the registry maps them here). What such an entry records (SST's
 * pkg/server/resource/aws-origin-access-control.go and Pulumi's dynamic provider,
 * pulumi/pulumi sdk/nodejs/cmd/dynamic-provider/index.ts): id = the OAC id CreateOriginAccessControl
 * answered; inputs `{ __provider, name }` with the name the component passed; outputs only
 * `{ __provider }` (the Go provider returns no outs). The OAC's real name is that name (SST before
 * Oct 2024, anomalyco/sst a2da71cd) or `name[:55]-<8 random>` (since), so such an entry is known by
 * its id, and a pending create of it by either form of the name (`sameResource`).
 *
 * Drift: the signing settings and the origin type (the name and all settings are updatable in place).
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";
import { CLOUDFRONT_REGION } from "./cloudfront-function.js";

const TOKEN = "aws:cloudfront/originAccessControl:OriginAccessControl";

/** The shape of a CloudFront OAC id (`E327GJI25M56DG`). */
export const OAC_ID = /^E[A-Z0-9]{8,20}$/;

/** The name SST's Go provider gives an OAC: the component's name cut to 55, `-`, 8 random [a-z0-9]. */
export function sstOacName(physical: string, random: string): string {
  return `${physical.slice(0, 55)}-${random}`;
}

/** The type token of SST's dynamic-provider entries (the registry's DYNAMIC_RESOURCE). */
const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

/** Whether `actual` is an OAC name SST's provider made from `given`: the name itself, or `sstOacName`'s form. */
export function isSstOacName(given: string, actual: string): boolean {
  if (actual === given) return true;
  const stem = given.slice(0, 55);
  return (
    actual.length === stem.length + 9 &&
    actual.startsWith(`${stem}-`) &&
    /^[a-z0-9]{8}$/.test(actual.slice(-8))
  );
}

export const cloudfrontOac: Kind = {
  kind: "cloudfront-oac",
  get label() {
    return t("kinds.cloudfront-oac.label");
  },
  types: [TOKEN],
  cfnType: "AWS::CloudFront::OriginAccessControl",
  // SST 3.0–3.9's sites and today's Router create it through SST's own provider: logs show this type.
  componentTypes: ["sst:aws:OriginAccessControl"],
  service: "cloudfront",
  global: true,
  apiRegion: CLOUDFRONT_REGION,
  // OACs take no tags: never from the tagging API.
  taggable: false,
  wording: {
    get label() {
      return t("kinds.cloudfront-oac.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["cloudfront origin access control"],
    alreadyExists: [
      {
        // SST's provider (sst#4118) and pulumi-aws alike: CloudFront's own text, no name in it.
        re: /OriginAccessControlAlreadyExists:? ?An origin access control with the same name already exists/,
        code: "OriginAccessControlAlreadyExists",
      },
      {
        // CloudFormation's generic form (aws-samples/bedrock-chat#794): the identifier is the name.
        re: /Resource of type 'AWS::CloudFront::OriginAccessControl' with identifier '([^']+)' already exists/,
        code: "AlreadyExists",
        nameGroup: 1,
      },
    ],
    nameInMessage: /creating CloudFront Origin Access Control \(([^)]+)\)/i,
  },
  // A distribution's origin names it (`OriginAccessControlInUse` until the distribution is gone or
  // no longer uses it): right after distributions, before anything else.
  deleteRank: 0.4,
  deleteAfter: ["cloudfront-distribution"],
  // Not `slowRemove`: the OAC goes only after its distribution, so a cancelled `sst remove` leaves it
  // too (sst#4118), but test/kinds/fields.test.ts pins that list to the function and distribution;
  // a removed stage's OAC is reported as a removed-stage leftover instead.

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    // `arn:aws:cloudfront::<account>:origin-access-control/<id>`: the ARN holds the id, not the name.
    const a = splitArn(arn);
    if (a?.service !== "cloudfront" || !a.resource.startsWith("origin-access-control/")) return undefined;
    const id = a.resource.slice("origin-access-control/".length);
    return OAC_ID.test(id) ? { name: id, id, region: CLOUDFRONT_REGION, arn } : undefined;
  },

  identify(resource) {
    return namedIdentity(resource, CLOUDFRONT_REGION, nameFieldsOf(cloudfrontOac));
  },

  sameResource(resource, identity, cloud) {
    // An entry with an OAC id is that OAC, whatever its name now; SST's pending create (no id yet)
    // is an OAC its provider named from the entry's `name`.
    if (OAC_ID.test(identity.id)) return cloud.id === identity.id;
    return resource.type === DYNAMIC && isSstOacName(identity.name, cloud.name);
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, [
      "originAccessControlOriginType",
      "signingBehavior",
      "signingProtocol",
    ]);
  },
};
