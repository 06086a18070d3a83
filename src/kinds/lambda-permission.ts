/**
 * Lambda permission (`aws:lambda/permission:Permission`): one statement of a function's resource-based
 * policy, which SST adds for URLs, API routes, cron jobs, bucket notifications and subscribers. Its
 * Pulumi id is the statement id (pulumi-aws autonames it `<logical>-<7 hex>`, ../shared/fixtures/
 * pulumi-aws/queue-5.42.0-stack.json); the import id is `<function>/<statement id>` (terraform-provider-
 * aws `aws_lambda_permission` import). A statement id is unique only within its function's policy, so
 * stateward names a permission by that import id — `<function>/<statement id>` — and keeps the
 * statement id as its id. The function is the `function` input (a name or an ARN).
 *
 * What collides: AddPermission with a statement id the policy already has answers
 * ResourceConflictException (409) "The statement id (<sid>) provided already exists. Please provide a
 * new statement id, or remove the existing statement." (test/fixtures/already-exists/lambda-
 * permission.log, lambda-function-url.log). Found by reading the policy (GetPolicy) of each of the
 * stage's functions; the statement pulumi-aws's FunctionUrl adds by itself for a public URL
 * (`FunctionURLAllowPublicAccess`, never in any state) is the URL's plumbing, not an orphan.
 */
import { t } from "../i18n/index.js";
import { functionNameOf } from "./lambda-event-source-mapping.js";
import { compareProps, prop, type Identity, type Kind } from "./types.js";

const TOKEN = "aws:lambda/permission:Permission";

/** The statement the provider's FunctionUrl adds for `authorizationType: NONE` (terraform-provider-aws). */
export const URL_PUBLIC_SID = "FunctionURLAllowPublicAccess";

/** How stateward names a permission: `<function>/<statement id>` (the import id). */
export function permissionName(fn: string, sid: string): string {
  return `${functionNameOf(fn)}/${sid}`;
}

/** The function and statement id a permission's name holds; undefined for anything else. */
export function splitPermissionName(name: string): { fn: string; sid: string } | undefined {
  const m = /^([\w-]{1,64})\/([\w.-]{1,100})$/.exec(name);
  return m === null ? undefined : { fn: m[1]!, sid: m[2]! };
}

export const lambdaPermission: Kind = {
  kind: "lambda-permission",
  get label() {
    return t("kinds.lambda-permission.label");
  },
  types: [TOKEN],
  cfnType: "AWS::Lambda::Permission",
  service: "lambda",
  global: false,
  // A policy statement takes no tags: found by reading the stage's functions' policies.
  taggable: false,
  // The statement id: what AddPermission collides on (within its function).
  nameFields: ["statementId"],
  wording: {
    get label() {
      return t("kinds.lambda-permission.label");
    },
    // `adding Lambda Permission (<function>/<sid>)` (Terraform provider 4+), `Error adding new
    // Lambda Permission for <arn>` (older).
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["lambda permission"],
    alreadyExists: [
      {
        // With the provider's heading on the line: the function too (the import id, `<fn>/<sid>`).
        re: /adding Lambda Permission \(([\w-]+\/[\w.-]+)\):.*ResourceConflictException:? ?The statement id \([\w.-]+\) provided already exists/,
        code: "ResourceConflictException",
        nameGroup: 1,
      },
      {
        re: /ResourceConflictException:? ?The statement id \(([\w.-]+)\) provided already exists\. Please provide a new statement id, or remove the existing statement\./,
        code: "ResourceConflictException",
        nameGroup: 1,
      },
    ],
    // The import id is `<function>/<statement id>`: the log's heading usually names the function.
    importId: (name) => (splitPermissionName(name) !== undefined ? name : `<function>/${name}`),
  },
  // Before its function (2) and before what it lets in (topics, queues, buckets, rules).
  deleteRank: 1.4,

  perParent: true,

  stagePrefixes(app, stage) {
    // The stage's function names: their policies are read.
    return [`${app}-${stage}-`];
  },

  // A statement has no ARN (the function's ARN is the function's).
  fromArn() {
    return undefined;
  },

  identify(resource, region) {
    const fn = prop(resource, "function") ?? prop(resource, "functionName");
    const sid = prop(resource, "statementId") ?? resource.id;
    if (sid === undefined || sid === "") return undefined;
    const name = fn === undefined ? sid : permissionName(fn, sid);
    const identity: Identity = { name, id: resource.id ?? sid, region };
    return identity;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["action", "principal", "sourceArn"]);
  },
};
