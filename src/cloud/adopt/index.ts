/** Every type stateward can adopt, in one table (the handler kind → its adopter). */
import { cloudfrontDistributionAdopter, cloudfrontFunctionAdopter } from "./cloudfront.js";
import { dynamodbTableAdopter } from "./dynamodb-table.js";
import { iamRoleAdopter } from "./iam-role.js";
import { lambdaFunctionAdopter } from "./lambda-function.js";
import { logGroupAdopter } from "./log-group.js";
import { route53RecordAdopter } from "./route53-record.js";
import { s3BucketAdopter } from "./s3-bucket.js";
import { sesv2IdentityAdopter } from "./ses-identity.js";
import type { Adopter } from "./types.js";

export const ADOPTERS: readonly Adopter[] = [
  dynamodbTableAdopter,
  logGroupAdopter,
  lambdaFunctionAdopter,
  iamRoleAdopter,
  s3BucketAdopter,
  sesv2IdentityAdopter,
  cloudfrontFunctionAdopter,
  cloudfrontDistributionAdopter,
  route53RecordAdopter,
];

export function adopterFor(kind: string): Adopter | undefined {
  return ADOPTERS.find((a) => a.kind === kind);
}
