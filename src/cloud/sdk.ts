/**
 * The AWS SDK packages stateward uses outside the drivers, each loaded the first time a command calls
 * that service, never at start-up: `--help`, `explain <log>` or `state show <file>` load none of them
 * (issue 17; test/cli/startup-lazy.test.ts). The packages have no `exports` map, so this `require` and
 * an ESM `import` resolve to the same CommonJS module and share one module cache. Types are
 * `import type` only, so they cost nothing at run time.
 */
import type * as CloudFront from "@aws-sdk/client-cloudfront";
import type * as CloudWatchLogs from "@aws-sdk/client-cloudwatch-logs";
import type * as DynamoDB from "@aws-sdk/client-dynamodb";
import type * as IAM from "@aws-sdk/client-iam";
import type * as Lambda from "@aws-sdk/client-lambda";
import type * as Route53 from "@aws-sdk/client-route-53";
import type * as S3 from "@aws-sdk/client-s3";
import type * as SecretsManager from "@aws-sdk/client-secrets-manager";
import type * as SES from "@aws-sdk/client-ses";
import type * as SESv2 from "@aws-sdk/client-sesv2";
import type * as SNS from "@aws-sdk/client-sns";
import type * as SQS from "@aws-sdk/client-sqs";
import type * as SSM from "@aws-sdk/client-ssm";
import type * as STS from "@aws-sdk/client-sts";
import type * as Tagging from "@aws-sdk/client-resource-groups-tagging-api";
import { load } from "../util/lazy-require.js";

export const sdk = {
  cloudfront: () => load("@aws-sdk/client-cloudfront") as typeof CloudFront,
  logs: () => load("@aws-sdk/client-cloudwatch-logs") as typeof CloudWatchLogs,
  dynamodb: () => load("@aws-sdk/client-dynamodb") as typeof DynamoDB,
  iam: () => load("@aws-sdk/client-iam") as typeof IAM,
  lambda: () => load("@aws-sdk/client-lambda") as typeof Lambda,
  route53: () => load("@aws-sdk/client-route-53") as typeof Route53,
  s3: () => load("@aws-sdk/client-s3") as typeof S3,
  secretsmanager: () => load("@aws-sdk/client-secrets-manager") as typeof SecretsManager,
  ses: () => load("@aws-sdk/client-ses") as typeof SES,
  sesv2: () => load("@aws-sdk/client-sesv2") as typeof SESv2,
  sns: () => load("@aws-sdk/client-sns") as typeof SNS,
  sqs: () => load("@aws-sdk/client-sqs") as typeof SQS,
  ssm: () => load("@aws-sdk/client-ssm") as typeof SSM,
  sts: () => load("@aws-sdk/client-sts") as typeof STS,
  tagging: () => load("@aws-sdk/client-resource-groups-tagging-api") as typeof Tagging,
};
