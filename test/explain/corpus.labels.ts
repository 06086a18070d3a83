/**
 * What each real failure log is about, as we read its thread (written before running explain on it).
 * `types`/`names`: any of them counts (a log may name the physical name and the user's redaction may
 * differ). `cause`: the cause the thread establishes (absent when it does not). `evidence`: the log
 * itself shows that cause (then explain must put it first; otherwise it must list it).
 */
export type CauseId =
  | "replacement"
  | "duplicate-in-program"
  | "leftover"
  | "other-stage"
  | "taken-elsewhere"
  | "scheduled-for-deletion"
  | "pending-create"
  | "interrupted-update"
  | "unknown-provider";

export interface Label {
  file: string;
  /** already-exists unless said. */
  kind?: "already-exists" | "integrity" | "pending-operations";
  types?: string[];
  names?: string[];
  cause?: CauseId;
  evidence?: boolean;
  /** The tool explain must name (only for logs that show it). */
  tool?: "cloudformation" | "terraform";
}

const AE = "already-exists/";
const EX = "explain/";
const ROLE = "aws:iam/role:Role";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

export const LABELS: Label[] = [
  {
    file: `${AE}apigateway-resource.log`,
    types: ["aws:apigateway/resource:Resource"],
    names: ["web"],
    cause: "duplicate-in-program",
  },
  {
    file: `${AE}apigatewayv2-api-mapping.log`,
    types: ["aws:apigatewayv2/apiMapping:ApiMapping"],
    tool: "cloudformation",
  },
  {
    file: `${AE}cloudfront-cache-policy-cfn.log`,
    types: ["aws:cloudfront/cachePolicy:CachePolicy"],
    cause: "other-stage",
    tool: "cloudformation",
  },
  {
    file: `${AE}cloudfront-distribution-cname-terraform.log`,
    types: ["aws:cloudfront/distribution:Distribution"],
    cause: "taken-elsewhere",
    evidence: true,
    tool: "terraform",
  },
  {
    file: `${AE}cloudfront-distribution-cname.log`,
    types: ["aws:cloudfront/distribution:Distribution"],
    names: ["E2CJIBS79IOQ4O"],
    cause: "taken-elsewhere",
    evidence: true,
  },
  {
    file: `${AE}cloudfront-function-cfn.log`,
    types: ["aws:cloudfront/function:Function"],
    tool: "cloudformation",
  },
  {
    file: `${AE}cloudfront-origin-access-control-cfn.log`,
    types: ["aws:cloudfront/originAccessControl:OriginAccessControl"],
    names: ["BedrockChatStackFrontendDistOrigin1S3OriginAccessControlA46AADB6"],
    tool: "cloudformation",
  },
  {
    file: `${AE}cloudfront-origin-access-control.log`,
    types: ["aws:cloudfront/originAccessControl:OriginAccessControl", "sst:aws:OriginAccessControl"],
    cause: "leftover",
  },
  {
    file: `${AE}cognito-user-pool-domain-cfn.log`,
    types: ["aws:cognito/userPoolDomain:UserPoolDomain"],
    cause: "taken-elsewhere",
    evidence: true,
    tool: "cloudformation",
  },
  {
    file: `${AE}cognito-user-pool-domain.log`,
    types: ["aws:cognito/userPoolDomain:UserPoolDomain"],
    names: ["dcv-portal-dev-auth"],
    cause: "taken-elsewhere",
    evidence: true,
    tool: "terraform",
  },
  {
    file: `${AE}dynamodb-table-provider.log`,
    types: ["aws:dynamodb/table:Table"],
    names: ["web-portal-prod-customersTable", "portal-prod-customersTable"],
  },
  {
    file: `${AE}dynamodb-table.log`,
    types: ["aws:dynamodb/table:Table"],
    names: ["replicated-dmeehan-PanelSettingsTable"],
  },
  {
    file: `${AE}ecr-repository-cfn.log`,
    types: ["aws:ecr/repository:Repository"],
    names: ["hello-world-app"],
    tool: "cloudformation",
  },
  { file: `${AE}ecr-repository.log`, types: ["aws:ecr/repository:Repository"], names: ["dummy-service"] },
  { file: `${AE}eventbridge-rule.log`, types: ["aws:cloudwatch/eventRule:EventRule"] },
  {
    file: `${AE}kms-alias.log`,
    types: ["aws:kms/alias:Alias"],
    names: ["alias/eks/cbci-bp01-ci-v2-eks"],
    tool: "terraform",
  },
  {
    file: `${AE}lambda-event-source-mapping-sqs.log`,
    types: ["aws:lambda/eventSourceMapping:EventSourceMapping"],
    names: ["2bac96f9-a36e-4017-a5a4-aa977086a2b6"],
  },
  {
    file: `${AE}lambda-event-source-mapping.log`,
    types: ["aws:lambda/eventSourceMapping:EventSourceMapping"],
    names: ["79e98ec5-e10a-4962-87fc-8abd3651d177"],
  },
  {
    file: `${AE}lambda-function-url.log`,
    types: ["aws:lambda/permission:Permission", "aws:lambda/functionUrl:FunctionUrl"],
    names: ["FunctionURLAllowPublicAccess", "network-protect-slack-bot"],
    tool: "terraform",
  },
  {
    // Added by another helper after the labels above; labelled from its SOURCES.md row before explain ran on it.
    file: `${AE}lambda-function-url-config-exists.log`,
    types: ["aws:lambda/functionUrl:FunctionUrl"],
    names: ["psoxy-outlook-mail"],
    tool: "terraform",
  },
  {
    file: `${AE}lambda-permission.log`,
    types: ["aws:lambda/permission:Permission"],
    names: ["AllowExecutionFromCloudWatch"],
    tool: "terraform",
  },
  {
    file: `${AE}secretsmanager-secret-exists-terraform.log`,
    types: ["aws:secretsmanager/secret:Secret"],
    names: ["CapeCloud/MongoDB_root_Credential"],
    tool: "terraform",
  },
  {
    file: `${AE}secretsmanager-secret-exists.log`,
    types: ["aws:secretsmanager/secret:Secret"],
    names: ["myAwesomeName"],
    cause: "leftover",
  },
  {
    file: `${AE}secretsmanager-secret-scheduled-for-deletion.log`,
    types: ["aws:secretsmanager/secret:Secret"],
    cause: "scheduled-for-deletion",
    evidence: true,
  },
  {
    file: `${AE}ses-configuration-set.log`,
    types: ["aws:ses/configurationSet:ConfigurationSet"],
    names: ["ses-verify-email-identity-config-set"],
    tool: "terraform",
  },
  {
    file: `${AE}sesv2-email-identity-cfn.log`,
    types: ["aws:sesv2/emailIdentity:EmailIdentity"],
    names: ["xxxxxxxxxxxx.social"],
    tool: "cloudformation",
  },
  {
    file: `${AE}sesv2-email-identity.log`,
    types: ["aws:sesv2/emailIdentity:EmailIdentity"],
    names: ["predictablemedia.com"],
    cause: "other-stage",
  },
  {
    file: `${AE}sns-topic-subscription.log`,
    types: ["aws:sns/topicSubscription:TopicSubscription"],
    cause: "replacement",
  },
  { file: `${AE}sqs-queue.log`, types: ["aws:sqs/queue:Queue"] },
  {
    file: `${EX}sst-iam-role-subscriber.log`,
    types: [ROLE],
    names: ["stg-jobcertextraction1SubscriberFxrtbfFunctionRole-eucentral1"],
    cause: "replacement",
  },
  {
    file: `${EX}sst-log-group-subscriber.log`,
    types: [LOG_GROUP],
    names: ["/aws/lambda/platform-dev-StaticBucketSubscriberOznouaFunctionFunction"],
  },
  {
    file: `${EX}pulumi-unknown-provider.log`,
    kind: "integrity",
    names: [
      "urn:pulumi:spain::gv-nodes::pulumi:providers:azure-native::default_2_42_1::dab295e9-b71a-433e-90a4-ae7903a0eecb",
    ],
    cause: "unknown-provider",
    evidence: true,
  },
  {
    file: `${EX}pulumi-unknown-provider-aws.log`,
    kind: "integrity",
    names: [
      "urn:pulumi:mdl-2udl2Mg1R3JOMNduEmwPL2Jf6BV-swinging-baboon::model_services::pulumi:providers:aws::default_6_72_0::168e770f-37c5-4f1c-853d-a4d0ceec6887",
    ],
    cause: "unknown-provider",
    evidence: true,
  },
  {
    file: `${EX}pulumi-interrupted-updating.log`,
    kind: "pending-operations",
    types: ["aws:s3/bucketObject:BucketObject"],
    cause: "interrupted-update",
    evidence: true,
  },
  { file: `${EX}sst-pending-operations.log`, kind: "pending-operations", cause: "pending-create" },
  {
    file: `${EX}serverless-log-group-cfn.log`,
    types: [LOG_GROUP],
    names: ["/aws/lambda/<LogGrup_Name>"],
    tool: "cloudformation",
  },
  {
    file: `${EX}serverless-log-group-in-stack.log`,
    types: [LOG_GROUP],
    names: ["/aws/lambda/development-get-stat"],
    cause: "duplicate-in-program",
    evidence: true,
    tool: "cloudformation",
  },
  {
    file: `${EX}sst1-bucket-cfn.log`,
    types: ["aws:s3/bucket:Bucket"],
    names: ["staging-static-assets"],
    tool: "cloudformation",
  },
  {
    file: `${EX}sst2-ssm-parameter-in-stack.log`,
    names: ["/sst/upload-api/olizilla/Bucket/car_store/bucketName"],
    cause: "duplicate-in-program",
    evidence: true,
    tool: "cloudformation",
  },
  {
    file: `${EX}terraform-log-group.log`,
    types: [LOG_GROUP],
    names: ["/aws/eks/learnk8s/cluster"],
    cause: "other-stage",
    tool: "terraform",
  },
  { file: `${EX}terraform-iam-role-011.log`, types: [ROLE], names: ["AmazonVPCFlowLogs"], tool: "terraform" },
  {
    file: `${EX}terraform-iam-role-same-config.log`,
    types: [ROLE],
    names: ["port-ocean-launchdarkly-ld_ocean"],
    cause: "duplicate-in-program",
    tool: "terraform",
  },
  {
    file: `${EX}terraform-route53-record.log`,
    types: ["aws:route53/record:Record"],
    names: ["mydomain.dev"],
    tool: "terraform",
  },
  { file: `${EX}pulumi-iam-policy-old.log`, types: ["aws:iam/policy:Policy"], names: ["xxxx-policy"] },
  {
    file: `${EX}pulumi-iot-topic-rule.log`,
    types: ["aws:iot/topicRule:TopicRule"],
    names: ["name"],
    cause: "other-stage",
  },
  {
    file: `${EX}terraform-iam-role-second-deployment.log`,
    types: [ROLE],
    names: ["beanstalk-service-role"],
    cause: "other-stage",
    tool: "terraform",
  },
  {
    file: `${EX}cfn-log-group-lambda-created.log`,
    types: [LOG_GROUP],
    names: ["/aws/lambda/iantest-v2sol-AnonymousDataCustomResource-GeGYyD40GciG"],
    tool: "cloudformation",
  },
];
