/**
 * DynamoDB table (`aws:dynamodb/table:Table`): id and physical name are the table name. Tagged
 * tables come from the tagging API; drift is the key schema and the billing mode.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

export const dynamodbTable: Kind = {
  kind: "dynamodb-table",
  get label() {
    return t("kinds.dynamodb-table.label");
  },
  types: ["aws:dynamodb/table:Table"],
  cfnType: "AWS::DynamoDB::Table",
  service: "dynamodb",
  global: false,
  taggable: true,
  tagType: "dynamodb:table",
  naming: { "aws:dynamodb/table:Table": { max: 255, field: "name" } },
  wording: {
    get label() {
      return t("kinds.dynamodb-table.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["dynamodb table"],
    alreadyExists: [
      {
        re: /ResourceInUseException: Table already exists: ([\w.-]+)/,
        code: "ResourceInUseException",
        nameGroup: 1,
      },
    ],
  },
  // Terraform ForceNew (internal/service/dynamodb/table.go): the key schema and the local indexes.
  replaceOn: ["hashKey", "rangeKey", "localSecondaryIndexes"],
  deleteRank: 5,

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "dynamodb" || !a.resource.startsWith("table/") || a.resource.includes("/stream/"))
      return undefined;
    const name = a.resource.slice("table/".length);
    return { name, id: name, region: a.region, arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(dynamodbTable));
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["hashKey", "rangeKey", "billingMode"]);
  },
};
