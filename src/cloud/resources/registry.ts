/**
 * Every resource type stateward understands, in one table: adding a type is one file in this folder,
 * one row here, and its tests.
 */
import { cloudfrontDistribution, cloudfrontFunction } from "./cloudfront.js";
import { dynamodbTable } from "./dynamodb-table.js";
import type { ResourceHandler } from "./handler.js";
import { iamRole } from "./iam-role.js";
import { lambdaFunction } from "./lambda-function.js";
import { logGroup } from "./log-group.js";
import { route53Record } from "./route53-record.js";
import { s3Bucket } from "./s3-bucket.js";
import { sesClassicIdentity, sesv2Identity } from "./ses-identity.js";

export const HANDLERS: readonly ResourceHandler[] = [
  dynamodbTable,
  logGroup,
  iamRole,
  sesv2Identity,
  sesClassicIdentity,
  cloudfrontFunction,
  cloudfrontDistribution,
  lambdaFunction,
  s3Bucket,
  route53Record,
];

const byType = new Map<string, ResourceHandler>();
for (const h of HANDLERS) for (const t of h.types) byType.set(t, h);

/** The handler for a Pulumi type token, if stateward knows the type. */
export function handlerForType(type: string): ResourceHandler | undefined {
  return byType.get(type);
}

/** The handler whose ARNs look like this one (tagging API results). */
export function handlerForArn(arn: string): ResourceHandler | undefined {
  return HANDLERS.find((h) => h.fromArn(arn) !== undefined);
}

export function handler(kind: string): ResourceHandler | undefined {
  return HANDLERS.find((h) => h.kind === kind);
}
