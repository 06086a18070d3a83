/** Every service of the local cloud, one row each. Adding a service = one file + one row. */
import type { ServiceFactory } from "../core/types.js";
import { acm } from "./acm.js";
import { apigatewayv2 } from "./apigatewayv2.js";
import { cloudcontrol } from "./cloudcontrol.js";
import { cloudfront } from "./cloudfront.js";
import { cognito } from "./cognito.js";
import { dynamodb } from "./dynamodb.js";
import { eventbridge } from "./eventbridge.js";
import { ecr } from "./ecr.js";
import { iam } from "./iam.js";
import { kms } from "./kms.js";
import { lambdaService } from "./lambda.js";
import { logs } from "./logs.js";
import { route53 } from "./route53.js";
import { s3 } from "./s3.js";
import { secretsmanager } from "./secretsmanager.js";
import { ses } from "./ses.js";
import { sesv2 } from "./sesv2.js";
import { sns } from "./sns.js";
import { sqs } from "./sqs.js";
import { ssm } from "./ssm.js";
import { sts } from "./sts.js";
import { tagging } from "./tagging.js";

export type { ServiceFactory };

/**
 * SESv2 and SES classic share the signing name `ses`: the SESv2 REST routes (`/v2/email/…`) are tried
 * first, and a form-encoded `Action=` request goes to the classic query service (see server.ts).
 */
export const SERVICE_FACTORIES: readonly ServiceFactory[] = [
  s3,
  ssm,
  dynamodb,
  logs,
  iam,
  sts,
  sesv2,
  ses,
  route53,
  cloudfront,
  lambdaService,
  sqs,
  sns,
  secretsmanager,
  eventbridge,
  cognito,
  ecr,
  kms,
  tagging,
  apigatewayv2,
  acm,
  cloudcontrol,
];
