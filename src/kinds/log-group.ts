/**
 * CloudWatch Logs log group (`aws:cloudwatch/logGroup:LogGroup`): id and name are the group name.
 * Lambda creates `/aws/lambda/<function>` itself, untagged, so log groups are also listed by name
 * prefix. Drift is the retention.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

/** Where Lambda puts a function's log group: `/aws/lambda/<function name>`. */
export const LAMBDA_LOG_PREFIX = "/aws/lambda/";

/** DescribeLogGroups answers `arn:…:log-group:<name>:*`; the tagging API and state drop the `:*`. */
export function groupArn(arn: string | undefined): string | undefined {
  return arn?.endsWith(":*") ? arn.slice(0, -2) : arn;
}

export const logGroup: Kind = {
  kind: "log-group",
  get label() {
    return t("kinds.log-group.label");
  },
  types: ["aws:cloudwatch/logGroup:LogGroup"],
  cfnType: "AWS::Logs::LogGroup",
  service: "logs",
  global: false,
  taggable: true,
  tagType: "logs:log-group",
  // Lambda's own groups carry no tags: listed by name too.
  nameListed: true,
  naming: { "aws:cloudwatch/logGroup:LogGroup": { max: 512, field: "name", prefix: LAMBDA_LOG_PREFIX } },
  wording: {
    get label() {
      return t("kinds.log-group.wording");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["log group"],
    alreadyExists: [
      {
        re: /ResourceAlreadyExistsException: The specified log group already exists/,
        code: "ResourceAlreadyExistsException",
      },
    ],
    nameInMessage: /Log Group '([^']+)' already exists/,
  },
  deleteRank: 4,

  stagePrefixes(app, stage) {
    return [`${LAMBDA_LOG_PREFIX}${app}-${stage}-`];
  },

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "logs" || !a.resource.startsWith("log-group:")) return undefined;
    const name = a.resource.slice("log-group:".length).replace(/:\*$/, "");
    return { name, id: name, region: a.region, arn: groupArn(arn)! };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(logGroup), groupArn);
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["retentionInDays"]);
  },
};
