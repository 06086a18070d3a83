/**
 * Every kind of resource stateward understands, in one list: adding a kind is one file in this
 * folder, one line here (and a driver in src/cloud/drivers, or a kind on an existing one), and its
 * tests. Rules, explain, the planner, cleanup order, naming and the inventory read this list; no other
 * list of types exists.
 */
import { acmCertificate } from "./acm-certificate.js";
import { apigatewayv2ApiMapping } from "./apigatewayv2-api-mapping.js";
import { apigatewayv2Domain } from "./apigatewayv2-domain.js";
import { cloudfrontDistribution } from "./cloudfront-distribution.js";
import { cloudfrontFunction } from "./cloudfront-function.js";
import { cloudfrontCachePolicy } from "./cloudfront-cache-policy.js";
import { cloudfrontKeyValueStore } from "./cloudfront-key-value-store.js";
import { cloudfrontOac } from "./cloudfront-oac.js";
import { cognitoUserPoolDomain } from "./cognito-user-pool-domain.js";
import { dynamodbTable } from "./dynamodb-table.js";
import { ecrRepository } from "./ecr-repository.js";
import { eventbridgeRule } from "./eventbridge-rule.js";
import { iamRole } from "./iam-role.js";
import { kmsAlias } from "./kms-alias.js";
import { lambdaEventSourceMapping } from "./lambda-event-source-mapping.js";
import { lambdaFunctionUrl } from "./lambda-function-url.js";
import { lambdaPermission } from "./lambda-permission.js";
import { lambdaFunction } from "./lambda-function.js";
import { logGroup } from "./log-group.js";
import { route53Record } from "./route53-record.js";
import { s3Bucket } from "./s3-bucket.js";
import { secretsmanagerSecret } from "./secretsmanager-secret.js";
import { sesClassicIdentity } from "./ses-classic-identity.js";
import { sesConfigurationSet } from "./ses-configuration-set.js";
import { sesIdentity } from "./ses-identity.js";
import { snsSubscription } from "./sns-subscription.js";
import { snsTopic } from "./sns-topic.js";
import { sqsQueue } from "./sqs-queue.js";
import { shortType, type AlreadyExistsSignature, type Kind, type NamingRule } from "./types.js";
import { once } from "../util/once.js";

/** Where AWS answers for the global kinds (their `apiRegion`), and where stateward places them. */
export const GLOBAL_REGION = "us-east-1";

/** The kinds; those SST names come first, in the order `names generate` lists their types. */
export const KINDS: readonly Kind[] = [
  // Before lambdaFunction: its wording ("lambda function url") contains the function's.
  lambdaFunctionUrl,
  lambdaFunction,
  iamRole,
  cloudfrontFunction,
  dynamodbTable,
  s3Bucket,
  logGroup,
  sesIdentity,
  sesClassicIdentity,
  cloudfrontDistribution,
  route53Record,
  secretsmanagerSecret,
  // Before snsTopic: its wording ("sns topic subscription") contains the topic's.
  snsSubscription,
  snsTopic,
  sqsQueue,
  lambdaEventSourceMapping,
  lambdaPermission,
  cloudfrontOac,
  cloudfrontCachePolicy,
  cloudfrontKeyValueStore,
  apigatewayv2Domain,
  apigatewayv2ApiMapping,
  acmCertificate,
  eventbridgeRule,
  sesConfigurationSet,
  cognitoUserPoolDomain,
  ecrRepository,
  kmsAlias,
];

const byType = new Map<string, Kind>();
for (const k of KINDS) for (const t of k.types) byType.set(t, k);

/** The short type the Pulumi and SST CLIs print, mapped to the token the state holds (made when first read). */
export const shortToFull = once((): Readonly<Record<string, string>> =>
  Object.fromEntries(
    KINDS.flatMap((k) => k.types.map((t) => [shortType(t), t] as const)).filter(([s, t]) => s !== t),
  ),
);

/** The kind of a Pulumi type token, if stateward knows it. */
export function kindForType(type: string): Kind | undefined {
  return byType.get(type);
}

/** The type token of every Pulumi dynamic-provider resource (SST's own providers among them). */
export const DYNAMIC_RESOURCE = "pulumi-nodejs:dynamic:Resource";

/**
 * The kind of a state entry (or a pending operation's resource): by its type token, else — for a
 * dynamic-provider entry, whose token says nothing — by the SST provider its URN names
 * (`urn:…::MyWebS3AccessControl.sst.aws.OriginAccessControl` is `sst:aws:OriginAccessControl`, a
 * kind's `componentTypes`; anomalyco/sst platform/src/components/aws/providers/*.ts name them so).
 */
export function kindForEntry(resource: { type: string; urn?: string | undefined }): Kind | undefined {
  const byToken = kindForType(resource.type);
  if (byToken !== undefined || resource.type !== DYNAMIC_RESOURCE || resource.urn === undefined)
    return byToken;
  const name = resource.urn.slice(resource.urn.lastIndexOf("::") + 2);
  return KINDS.find(
    (k) => k.componentTypes?.some((c) => name.endsWith(`.${c.replaceAll(":", ".")}`)) === true,
  );
}

/** The kind of a type as a CLI shows it: a full token or its short form (`aws:iam:Role`). */
export function kindForShownType(shown: string): Kind | undefined {
  return byType.get(shown) ?? byType.get(shortToFull()[shown] ?? "");
}

/** The kind whose ARNs look like this one (tagging API results). */
export function kindForArn(arn: string): Kind | undefined {
  return KINDS.find((k) => k.fromArn(arn) !== undefined);
}

export function kindById(id: string): Kind | undefined {
  return KINDS.find((k) => k.kind === id);
}

/** IAM, CloudFront and Route 53: AWS keeps them in no region. */
export function isGlobal(kindOrType: string): boolean {
  return (kindById(kindOrType) ?? kindForType(kindOrType))?.global === true;
}

/** How a report names a type in plain words ("CloudWatch log group"), for the types deploy logs name. */
export function wordingLabel(type: string): string | undefined {
  return kindForType(type)?.wording?.label;
}

/** The one deletion order: kinds by their rank, each kind's tokens in their listed order. */
const deleteOrder = once((): readonly string[] =>
  [...KINDS].sort((a, b) => a.deleteRank - b.deleteRank).flatMap((k) => k.types),
);

/** Where a type goes in a deletion order: what refers to others first (a distribution before its function). */
export function deleteRank(type: string): number {
  const i = deleteOrder().indexOf(type);
  return i < 0 ? deleteOrder().length : i;
}

/** The types whose physical names SST generates, and their limits (FORMATS.md §2). */
export const NAME_RULES: Readonly<Record<string, NamingRule>> = Object.fromEntries(
  KINDS.flatMap((k) => Object.entries(k.naming ?? {})),
);

/**
 * Which type a provider's "creating <what> (<name>)" wording is about (pulumi-aws words its errors
 * after the Terraform provider: `creating CloudWatch Logs Log Group (/aws/lambda/x)`).
 */
export function typeOfWording(what: string): string | undefined {
  const w = what.toLowerCase();
  return KINDS.find((k) => k.wording?.says.some((s) => w.includes(s)) === true)?.types[0];
}

/** The "already exists" wording of any kind that means this AWS error code. */
export function alreadyExistsSignature(code: string): AlreadyExistsSignature | undefined {
  for (const k of KINDS) {
    const found = k.wording?.alreadyExists?.find((s) => s.code === code);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Same kind of resource (an S3 bucket is one, whether the program uses `Bucket` or `BucketV2`). */
export function sameType(a: string, b: string): boolean {
  if (a === b) return true;
  const k = kindForType(a) ?? kindForComponent(a);
  return k !== undefined && k === (kindForType(b) ?? kindForComponent(b));
}

/** The kind an SST component type stands for, where SST makes the resource itself (a dynamic provider). */
function kindForComponent(type: string): Kind | undefined {
  return KINDS.find((k) => k.componentTypes?.includes(type) === true);
}
