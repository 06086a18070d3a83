/**
 * Lambda function (`aws:lambda/function:Function`): id and physical name are the function name; its
 * ARN is kept without a version or alias qualifier. Drift is the runtime, handler and role. A
 * Lambda@Edge function cannot be deleted until CloudFront has removed its replicas, which happens
 * only after the distribution that used it is gone.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

/** The function's ARN without a version or alias qualifier (`…:function:<name>`). */
export function unqualified(arn: string): string {
  const at = arn.indexOf(":function:");
  if (at < 0) return arn;
  const rest = arn.slice(at + ":function:".length);
  const colon = rest.indexOf(":");
  return colon < 0 ? arn : arn.slice(0, at + ":function:".length + colon);
}

export const lambdaFunction: Kind = {
  kind: "lambda-function",
  get label() {
    return t("kinds.lambda-function.label");
  },
  types: ["aws:lambda/function:Function"],
  cfnType: "AWS::Lambda::Function",
  service: "lambda",
  global: false,
  taggable: true,
  tagType: "lambda:function",
  naming: { "aws:lambda/function:Function": { max: 64, field: "name" } },
  wording: {
    get label() {
      return t("kinds.lambda-function.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["lambda function"],
    alreadyExists: [
      {
        re: /ResourceConflictException: Function already exist: ([\w-]+)/,
        code: "ResourceConflictException",
        nameGroup: 1,
      },
    ],
  },
  replaceOn: ["packageType"],
  deleteRank: 2,
  // Lambda@Edge replicas go only once the distribution that used the function is gone.
  deleteAfter: ["cloudfront-distribution"],

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "lambda" || !a.resource.startsWith("function:")) return undefined;
    // `function:<name>` or `function:<name>:<version or alias>`: the function itself either way.
    const name = a.resource.slice("function:".length).split(":")[0]!;
    if (name === "") return undefined;
    return { name, id: name, region: a.region, arn: unqualified(arn) };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(lambdaFunction));
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["runtime", "handler", "role"]);
  },
};
