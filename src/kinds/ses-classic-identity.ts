/**
 * SES classic identity (`aws:ses/emailIdentity:EmailIdentity`, `aws:ses/domainIdentity:DomainIdentity`):
 * the SES classic API has no tags, so these are only read and listed by name. In real AWS the classic
 * and v2 APIs see the same identities; the local cloud keeps them apart, and stateward relies on
 * neither: each kind uses only its own API. Verification is not drift.
 */
import { t } from "../i18n/index.js";
import { nameFieldsOf, namedIdentity, type Kind } from "./types.js";

const EMAIL_TYPE = "aws:ses/emailIdentity:EmailIdentity";
const DOMAIN_TYPE = "aws:ses/domainIdentity:DomainIdentity";

/** An SES classic identity is an email address when it has an `@`, a domain otherwise. */
export function classicType(name: string): string {
  return name.includes("@") ? EMAIL_TYPE : DOMAIN_TYPE;
}

export const sesClassicIdentity: Kind = {
  kind: "ses-classic-identity",
  get label() {
    return t("kinds.ses-classic-identity.label");
  },
  types: [EMAIL_TYPE, DOMAIN_TYPE],
  service: "ses",
  global: false,
  taggable: false,
  deleteRank: 7,
  nameFields: ["email", "domain"],

  fromArn() {
    // SES classic identities carry no tags, so the tagging API never answers one; an
    // `arn:…:ses:…:identity/…` ARN from it is an SESv2 identity (sesIdentity claims it).
    return undefined;
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(sesClassicIdentity));
  },

  drift() {
    return [];
  },
};
