/**
 * SES configuration set (`aws:sesv2/configurationSet:ConfigurationSet`): SST's `Email` creates one
 * always (`${name}Config`, `configurationSetName` left empty so SST's rule fills it: 64, lower case;
 * docs/coverage/sst-resources.md §2.8), with one event destination per `events` entry. The Pulumi id
 * is the name; its ARN `arn:aws:ses:<region>:<account>:configuration-set/<name>`. Names are unique per
 * account and region: CreateConfigurationSet for a name that exists fails with AlreadyExistsException
 * (SESv2; no pasted SESv2 text was found — the one pasted text is SES classic's
 * `ConfigurationSetAlreadyExists: Configuration set <name> already exists.`, hashicorp/terraform-
 * provider-aws#9186, test/fixtures/already-exists/ses-configuration-set.log; both are recognised).
 * Tagged sets come back from the tagging API (`ses:configuration-set`); a name listing walks
 * ListConfigurationSets (no name filter). Deleting a set deletes its event destinations.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

const TOKEN = "aws:sesv2/configurationSet:ConfigurationSet";

export const sesConfigurationSet: Kind = {
  kind: "ses-configuration-set",
  get label() {
    return t("kinds.ses-configuration-set.label");
  },
  types: [TOKEN],
  cfnType: "AWS::SES::ConfigurationSet",
  service: "sesv2",
  global: false,
  taggable: true,
  tagType: "ses:configuration-set",
  nameListed: true,
  nameFields: ["configurationSetName"],
  naming: { [TOKEN]: { max: 64, lower: true, field: "configurationSetName" } },
  wording: {
    get label() {
      return t("kinds.ses-configuration-set.label");
    },
    // pulumi-aws: `creating SESv2 (Amazon Simple Email Service V2) Configuration Set (<name>)`;
    // Terraform's SES classic resource: `Error creating SES configuration set`.
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["configuration set"],
    alreadyExists: [
      {
        // SES classic (hashicorp/terraform-provider-aws#9186): the name between angle brackets.
        re: /ConfigurationSetAlreadyExists:? ?Configuration set <?([\w-]+)>? already exists/,
        code: "ConfigurationSetAlreadyExists",
        nameGroup: 1,
      },
      {
        // SESv2's modelled error, with the set named as SES names it.
        re: /AlreadyExistsException:? ?Configuration set <?([\w-]+)>? already exists/i,
        code: "AlreadyExistsException",
        nameGroup: 1,
      },
      {
        re: /Resource of type 'AWS::SES::ConfigurationSet' with identifier '([^']+)' already exists/,
        code: "AlreadyExists",
        nameGroup: 1,
      },
    ],
    nameInMessage: /Configuration Set \(([\w-]+)\)/i,
  },
  // An identity may name it as its default set, and it names the topics its events go to: after
  // identities (6), before topics (9).
  deleteRank: 6.5,

  stagePrefixes(app, stage) {
    // SST lower-cases the whole name.
    return [`${app}-${stage}-`.toLowerCase()];
  },

  fromArn(arn) {
    const a = splitArn(arn);
    const m = /^configuration-set\/([\w-]{1,64})$/.exec(a?.resource ?? "");
    if (a?.service !== "ses" || m === null) return undefined;
    return { name: m[1]!, id: m[1]!, region: a.region, arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(sesConfigurationSet));
  },

  drift(resource, cloud) {
    // pulumi-aws records `sendingOptions: {sendingEnabled}`; a paused set sends nothing.
    return compareProps(resource, cloud, ["sendingOptions"]);
  },
};
