/**
 * Lambda function URL (`aws:lambda/functionUrl:FunctionUrl`): the HTTPS endpoint SST's `Function`
 * gets with `url: true`. It has no name of its own: it belongs to its function (and an alias
 * qualifier), and a function has at most one URL per qualifier. Its Pulumi id — and the import id —
 * is the function name, or `<function>/<qualifier>` with a qualifier (terraform-provider-aws
 * `functionURLCreateResourceID`, separator `/`). stateward names it the same way, so a state entry, a
 * pending create (no id yet: its `functionName` and `qualifier` inputs) and the URL in AWS meet.
 *
 * What collides: CreateFunctionUrlConfig on a function that already has a URL answers
 * ResourceConflictException (409) "Failed to create function url config for [functionArn = …]. Error
 * message:  FunctionUrlConfig exists for this Lambda function" (test/fixtures/already-exists/
 * lambda-function-url-config-exists.log). A URL left on a stage's function (a dropped `url`, an
 * interrupted deploy) is found by reading the URL of each of the stage's functions (SST names them
 * `<app>-<stage>-…`): Lambda has no region-wide listing of URLs. Not taggable; no ARN of its own.
 */
import { t } from "../i18n/index.js";
import { functionNameOf } from "./lambda-event-source-mapping.js";
import { compareProps, prop, type Identity, type Kind } from "./types.js";

const TOKEN = "aws:lambda/functionUrl:FunctionUrl";

/** The URL's id: `<function>` or `<function>/<qualifier>` (a function ARN is reduced to its name). */
export function functionUrlId(fn: string, qualifier?: string): string {
  const name = functionNameOf(fn);
  return qualifier === undefined || qualifier === "" ? name : `${name}/${qualifier}`;
}

/** The function and qualifier a URL id holds; undefined for anything else. */
export function splitFunctionUrlId(id: string): { fn: string; qualifier?: string } | undefined {
  const parts = id.split("/");
  if (parts.length === 1 && /^[\w-]{1,64}$/.test(parts[0]!)) return { fn: parts[0]! };
  if (parts.length === 2 && /^[\w-]{1,64}$/.test(parts[0]!) && /^[\w$-]{1,128}$/.test(parts[1]!)) {
    return { fn: parts[0]!, qualifier: parts[1]! };
  }
  return undefined;
}

export const lambdaFunctionUrl: Kind = {
  kind: "lambda-function-url",
  get label() {
    return t("kinds.lambda-function-url.label");
  },
  types: [TOKEN],
  cfnType: "AWS::Lambda::Url",
  service: "lambda",
  global: false,
  // Function URLs take no tags; the per-function read finds them.
  taggable: false,
  // The function's name is the name it collides on.
  nameFields: ["functionName"],
  wording: {
    get label() {
      return t("kinds.lambda-function-url.label");
    },
    // `creating Lambda Function URL (<function>)` (Terraform provider 5+, pulumi-aws 6+).
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["lambda function url"],
    alreadyExists: [
      {
        re: /ResourceConflictException:? ?Failed to create function url config for \[functionArn = (?:arn:[\w-]+:lambda:[\w-]+:\d{12}:function:)?([\w-]+)(?::[\w$-]+)?\]\. Error message: +FunctionUrlConfig exists for this Lambda function/,
        code: "ResourceConflictException",
        nameGroup: 1,
      },
    ],
  },
  // Before its function (2): it goes with it, but a URL alone is deleted first.
  deleteRank: 1.7,

  perParent: true,

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  // No ARN of its own (the tagging API never returns one).
  fromArn() {
    return undefined;
  },

  identify(resource, region) {
    const fn = prop(resource, "functionName") ?? prop(resource, "functionArn");
    const name = fn === undefined ? resource.id : functionUrlId(fn, prop(resource, "qualifier"));
    if (name === undefined || name === "") return undefined;
    const identity: Identity = { name, id: resource.id ?? name, region };
    return identity;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["authorizationType", "invokeMode"]);
  },
};
