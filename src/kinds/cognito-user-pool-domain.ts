/**
 * Cognito user pool domain (`aws:cognito/userPoolDomain:UserPoolDomain`): the hosted-UI domain of a
 * user pool — a prefix (`<prefix>.auth.<region>.amazoncognito.com`) or a custom domain with an ACM
 * certificate. The state id and the physical name are the `domain` input (terraform-provider-aws
 * sets the id to the domain), and so is the import id. SST's `CognitoUserPool` with `domain` creates
 * it as `${name}Domain` with `domain: d.prefix ?? d.name` — user-given, so the naming rule
 * (`component.ts` L225–229: `domain`, 63, lower) applies only to a raw `UserPoolDomain` with no
 * domain (docs/coverage/sst-resources.md §1.1, §2.11).
 *
 * What collides: a prefix is unique per region across **every** account, a custom domain once;
 * CreateUserPoolDomain then fails with `InvalidParameterException: Domain already associated with
 * another user pool.` (aws-samples/dcv-web-portal#16, aws-samples/aws-cdk-examples#402) — the
 * domain may be held by a pool of this account (a leftover, another stage) or by anyone else's.
 *
 * Domains take no tags and have no ARN: found by reading each state-named domain
 * (DescribeUserPoolDomain) and through the stage's user pools (ListUserPools, kept by the stage's
 * name prefix, then each pool's `Domain` / `CustomDomain`), carrying the pool's tags. Deleting
 * needs the pool id, which DescribeUserPoolDomain gives. Drift: the pool it is attached to and the
 * certificate.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, type Kind } from "./types.js";

const TOKEN = "aws:cognito/userPoolDomain:UserPoolDomain";

/** A prefix domain (API_CreateUserPoolDomain: 1–63 of `[a-z0-9-]`, no leading or trailing `-`). */
export const COGNITO_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The hosted UI's host for a prefix domain; a custom domain is its own host. */
export function cognitoDomainHost(domain: string, region: string): string {
  return COGNITO_PREFIX.test(domain) ? `${domain}.auth.${region}.amazoncognito.com` : domain;
}

export const cognitoUserPoolDomain: Kind = {
  kind: "cognito-user-pool-domain",
  get label() {
    return t("kinds.cognito-user-pool-domain.label");
  },
  types: [TOKEN],
  cfnType: "AWS::Cognito::UserPoolDomain",
  service: "cognito",
  global: false,
  // No tags and no ARN: never from the tagging API; the driver lists it through the stage's pools.
  taggable: false,
  nameFields: ["domain"],
  naming: { [TOKEN]: { max: 63, lower: true, field: "domain" } },
  wording: {
    get label() {
      return t("kinds.cognito-user-pool-domain.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["cognito user pool domain"],
    alreadyExists: [
      {
        // Cognito's own text, with no name in it (Terraform, CloudFormation and pulumi-aws alike).
        re: /Domain already associated with another user pool/,
        code: "InvalidParameterException",
      },
    ],
    // `creating Cognito User Pool Domain (<domain>)` (terraform-provider-aws, pulumi-aws).
    nameInMessage: /creating Cognito User Pool Domain \(([^)\s]+)\)/i,
  },
  // Before its user pool (DeleteUserPool refuses a pool that still has a domain) and the ACM
  // certificate a custom domain uses; next to API Gateway's custom domains.
  deleteRank: 1.35,
  // terraform-provider-aws: `domain` and `user_pool_id` are ForceNew (the domain is the name itself).
  replaceOn: ["userPoolId"],

  perParent: true,

  stagePrefixes(app, stage) {
    // The generated form (rule 63, lower): `<app>-<stage>-…`, lower-cased.
    return [`${app}-${stage}-`.toLowerCase()];
  },

  fromArn() {
    return undefined;
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(cognitoUserPoolDomain));
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["userPoolId", "certificateArn"]);
  },
};
