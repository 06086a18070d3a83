/**
 * SESv2 identity (`aws:sesv2/emailIdentity:EmailIdentity`, what SST's `Email` component creates): an
 * email address or domain that mail is sent from; id and name are the identity itself
 * (`alerts@acme.example`, `acme.example`). SESv2 identities carry tags and come back from the tagging
 * API as `arn:aws:ses:<region>:<account>:identity/<name>`. Verification is not drift: it changes on
 * its own (a link clicked, DNS records published), not because someone edited it outside Pulumi.
 */
import { t } from "../i18n/index.js";
import { nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

/** `identity/<name>` in an SES ARN, for this region; undefined for anything else. */
export function identityInArn(arn: string | undefined): { name: string; region: string } | undefined {
  const a = arn === undefined ? undefined : splitArn(arn);
  if (a?.service !== "ses" || !a.resource.startsWith("identity/")) return undefined;
  const name = a.resource.slice("identity/".length);
  return name === "" ? undefined : { name, region: a.region };
}

export const sesIdentity: Kind = {
  kind: "ses-identity",
  get label() {
    return t("kinds.ses-identity.label");
  },
  types: ["aws:sesv2/emailIdentity:EmailIdentity"],
  cfnType: "AWS::SES::EmailIdentity",
  service: "sesv2",
  global: false,
  taggable: true,
  tagType: "ses:identity",
  // Listed by name too: an identity made before tags were set has none.
  nameListed: true,
  wording: {
    get label() {
      return t("kinds.ses-identity.wording");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["email identity"],
    alreadyExists: [
      {
        re: /AlreadyExistsException: Email identity (\S+?)\.? already exist/,
        code: "AlreadyExistsException",
        nameGroup: 1,
      },
    ],
  },
  deleteRank: 6,
  nameFields: ["emailIdentity"],

  fromArn(arn) {
    const found = identityInArn(arn);
    if (found === undefined) return undefined;
    return { name: found.name, id: found.name, region: found.region, arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(sesIdentity));
  },

  drift() {
    return [];
  },
};
