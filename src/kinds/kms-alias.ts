/**
 * KMS alias (`aws:kms/alias:Alias`): a name (`alias/…`) for a KMS key. The state id, the import id
 * and the physical name are the `name` input; its ARN is `arn:aws:kms:<region>:<account>:alias/<…>`.
 * Not created by the typical SST app; a program that gives a key a fixed alias hits it on a second
 * stage, after a remove that left the key's alias, or when a key is replaced (user-hit type,
 * docs/coverage/sst-resources.md).
 *
 * What collides: an alias name is unique per account and region — CreateAlias fails with
 * `AlreadyExistsException: An alias with the name arn:aws:kms:<region>:<account>:alias/<n> already
 * exists` (cloudbees-oss/terraform-aws-cloudbees-ci-eks-addon#66, crossplane-contrib/provider-aws#1741).
 *
 * Aliases take no tags (their keys do): found by listing (ListAliases, paged), kept by name. Only the
 * alias is ever deleted (DeleteAlias): its key stays, and stateward never schedules a key's deletion.
 * A key (`aws:kms/key:Key`) has no name that can collide: it is left to the generic long-tail check.
 * Drift: the key it points at.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

const TOKEN = "aws:kms/alias:Alias";

/** The alias name (`alias/…`) in an alias ARN. */
export function aliasNameOfArn(arn: string): string | undefined {
  const a = splitArn(arn);
  return a?.service === "kms" && /^alias\/[\w/:-]+$/.test(a.resource) ? a.resource : undefined;
}

/** The alias's ARN, from its region, account and name. */
export function aliasArnOf(region: string, account: string, name: string): string {
  return `arn:aws:kms:${region}:${account}:${name}`;
}

export const kmsAlias: Kind = {
  kind: "kms-alias",
  get label() {
    return t("kinds.kms-alias.label");
  },
  types: [TOKEN],
  cfnType: "AWS::KMS::Alias",
  service: "kms",
  global: false,
  // Aliases take no tags: the tagging API never returns one.
  taggable: false,
  wording: {
    get label() {
      return t("kinds.kms-alias.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["kms alias"],
    alreadyExists: [
      {
        re: /AlreadyExistsException:? ?An alias with the name arn:aws[\w-]*:kms:[\w-]+:\d*:(alias\/[\w/:-]+) already exists/,
        code: "AlreadyExistsException",
        nameGroup: 1,
      },
    ],
    nameInMessage: /creating KMS Alias \((alias\/[^)\s]+)\)/i,
  },
  // After what uses it (secrets and queues may name a key by alias); nothing needs it gone first.
  deleteRank: 5.6,

  stagePrefixes(app, stage) {
    return [`alias/${app}-${stage}-`];
  },

  fromArn(arn) {
    const name = aliasNameOfArn(arn);
    return name === undefined ? undefined : { name, id: name, region: splitArn(arn)!.region, arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(kmsAlias));
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["targetKeyId"]);
  },
};
