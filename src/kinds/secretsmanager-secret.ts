/**
 * Secrets Manager secret (`aws:secretsmanager/secret:Secret`): the state id is its ARN, which ends in
 * `-` and six random characters AWS adds (`secret:<name>-AbCdEf`); the name is the `name` input. SST
 * creates secrets only inside Postgres, Aurora, Mysql, Redis and OpenSearch (docs/coverage/
 * sst-resources.md §2.12), named by rule 512. A deleted secret is only scheduled for deletion (7 to
 * 30 days, the recovery window) and keeps its name until then: creating the name again fails with
 * "already scheduled for deletion". Nothing here ever reads a secret's value.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type DriftItem, type Kind } from "./types.js";

/** The length of the suffix AWS adds to a secret's ARN: `-` and six characters. */
const ARN_SUFFIX = 7;

/** The name in a secret's ARN (`…:secret:acme-dev-Db-x1y2z3ab-AbCdEf` → `acme-dev-Db-x1y2z3ab`). */
export function secretNameOfArn(arn: string): string | undefined {
  const a = splitArn(arn);
  if (a?.service !== "secretsmanager" || !a.resource.startsWith("secret:")) return undefined;
  const full = a.resource.slice("secret:".length);
  return full.length > ARN_SUFFIX && full.charAt(full.length - ARN_SUFFIX) === "-"
    ? full.slice(0, -ARN_SUFFIX)
    : undefined;
}

/** What to do about a name held by a secret in its recovery window (the fix `explain` prints). */
function scheduledFix(_logical: string, doctor: string): string[] {
  return [
    doctor,
    t("kinds.secretsmanager-secret.scheduled.keep"),
    t("kinds.secretsmanager-secret.scheduled.drop"),
  ];
}

export const secretsmanagerSecret: Kind = {
  kind: "secretsmanager-secret",
  get label() {
    return t("kinds.secretsmanager-secret.label");
  },
  types: ["aws:secretsmanager/secret:Secret"],
  cfnType: "AWS::SecretsManager::Secret",
  service: "secretsmanager",
  global: false,
  taggable: true,
  // Also listed by name (ListSecrets with IncludePlannedDeletion): only that says a secret is in its
  // recovery window, and a name it holds blocks a create just the same.
  nameListed: true,
  tagType: "secretsmanager:secret",
  naming: { "aws:secretsmanager/secret:Secret": { max: 512, field: "name" } },
  wording: {
    get label() {
      return t("kinds.secretsmanager-secret.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["secrets manager secret"],
    alreadyExists: [
      {
        re: /ResourceExistsException: The operation failed because the secret ([\w/+=.@-]+) already exists/,
        code: "ResourceExistsException",
        nameGroup: 1,
      },
      {
        // CreateSecret on a name whose secret is in its recovery window (pulumi/pulumi#4172).
        re: /InvalidRequestException: You can't create this secret because a secret with this name is already scheduled for deletion/,
        code: "InvalidRequestException",
        takenElsewhere: {
          cause: (what) => t("kinds.secretsmanager-secret.scheduled.cause", { what }),
          fix: scheduledFix,
        },
      },
    ],
  },
  // After what reads it (functions) and tables; before SES identities, buckets and roles. Nothing
  // stateward deletes needs it gone first.
  deleteRank: 5.5,

  fromArn(arn) {
    const name = secretNameOfArn(arn);
    return name === undefined ? undefined : { name, id: arn, region: splitArn(arn)!.region, arn };
  },

  identify(resource, region) {
    const identity = namedIdentity(resource, region, nameFieldsOf(secretsmanagerSecret));
    // An entry without a name input still has its ARN as id.
    const fromId = identity === undefined ? undefined : secretNameOfArn(identity.name);
    if (identity !== undefined && fromId !== undefined) {
      identity.arn ??= identity.name;
      identity.name = fromId;
    }
    return identity;
  },

  whileDeleting: {
    restore: (name, region) => `aws secretsmanager restore-secret --secret-id ${name} --region ${region}`,
    purge: (name, region) =>
      `aws secretsmanager delete-secret --secret-id ${name} --force-delete-without-recovery --region ${region}`,
  },

  drift(resource, cloud) {
    const items: DriftItem[] = compareProps(resource, cloud, ["description", "kmsKeyId"]);
    // The state holds a secret AWS is about to delete (deleted outside the program).
    if (cloud.deleting !== undefined)
      items.push({ property: "deletedDate", state: null, cloud: cloud.deleting });
    return items;
  },
};
