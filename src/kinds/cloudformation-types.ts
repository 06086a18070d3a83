/**
 * The long tail: Pulumi type tokens stateward has no kind for, with their CloudFormation type and how
 * the AWS Cloud Control API identifies one of them — so doctor still checks that a state entry of any
 * of these types exists (`GetResource`), and says plainly which types it cannot check and why.
 *
 * Only types WITHOUT a kind are listed here: a kind carries its own `cfnType`, and `cfnTypeOf` asks the
 * kind first. Sources: each CloudFormation resource schema's `primaryIdentifier` (the order a
 * compound identifier is joined in with `|`, API_GetResource), and whether Cloud Control serves the
 * type at all — the schemas hashicorp/terraform-provider-awscc generates from
 * (`internal/provider/all_schemas.hcl`: "CloudFormation resource types schemas … available for use with
 * the Cloud Control API"; a type missing there is NON_PROVISIONABLE, e.g. `AWS::IAM::Policy`,
 * `AWS::SQS::QueuePolicy`, `AWS::SNS::TopicPolicy`, `AWS::AppSync::ApiKey`,
 * `AWS::ServiceDiscovery::PrivateDnsNamespace`, `AWS::IAM::AccessKey`). Pure data, no AWS calls.
 */
import { t } from "../i18n/index.js";
import { kindForType, DYNAMIC_RESOURCE, GLOBAL_REGION } from "./registry.js";
import { prop } from "./types.js";
import { once } from "../util/once.js";
import type { ResourceV3 } from "../state/index.js";

/**
 * One part of a Cloud Control identifier: `$id` (the Pulumi id), a state property (outputs first,
 * then inputs), or a property with the value AWS assumes when the state leaves it out.
 */
export type IdPart = string | { prop: string; default: string };

export interface LongTailType {
  /** The Pulumi type token. */
  token: string;
  /** Its CloudFormation type; none when CloudFormation has no resource of its own for it. */
  cfnType?: string;
  /** How its Cloud Control identifier is formed (the schema's primaryIdentifier order, `|`-joined). */
  identifier?: readonly IdPart[];
  /** Read in us-east-1 whatever the provider's region (IAM, CloudFront, Route 53). */
  global?: boolean;
  /** Why Cloud Control cannot check it: stateward lists it as "not checked" with this reason. */
  unsupported?: string;
  /**
   * Checked natively instead of through Cloud Control (src/cloud/drivers/subresources.ts): which read
   * answers "does it still exist", and where each of its arguments comes from in the state entry.
   */
  native?: { check: NativeCheck; args: Readonly<Record<string, IdPart>> };
  /** Entries that leave no AWS object of their own: nothing to check, and why (src/kinds/nothing-to-check.ts). */
  nothing?: string;
}

/**
 * The native existence reads, one call per entry, read-only (the driver's module comment says how
 * each answer is read):
 * - `s3-object`: HeadObject(bucket, key);
 * - `s3-cors`: GetBucketCors(bucket); `s3-public-access-block`: GetPublicAccessBlock(bucket);
 *   `s3-notification`: GetBucketNotificationConfiguration(bucket) (an empty configuration: gone);
 * - `event-target`: ListTargetsByRule(rule, eventBusName) holds targetId;
 * - `acm-validation`: DescribeCertificate(certificateArn) is ISSUED.
 */
export type NativeCheck =
  "s3-object" | "s3-cors" | "s3-public-access-block" | "s3-notification" | "event-target" | "acm-validation";

/** Why a type is not checked, in the language of the run that reads it (a reason is read late). */
type Why = () => string;
const NO_CFN: Why = () => t("kinds.long-tail.no-cfn");
function PART_OF(type: string): Why {
  return () => t("kinds.long-tail.part-of", { type });
}
function NOT_CC(type: string): Why {
  return () => t("kinds.long-tail.not-cc", { type });
}
function GENERATED(type: string): Why {
  return () => t("kinds.long-tail.generated", { type });
}

const ID = "$id";
/** A type Cloud Control reads, its identifier's parts in its primaryIdentifier's order. */
const cc = (token: string, cfnType: string, ...identifier: IdPart[]): LongTailType => ({
  token,
  cfnType,
  identifier,
});
/** The same, for a global service (read in us-east-1). */
const global = (token: string, cfnType: string, ...identifier: IdPart[]): LongTailType => ({
  ...cc(token, cfnType, ...identifier),
  global: true,
});
/** A type stateward cannot check through Cloud Control, and why. */
const no = (token: string, why: Why, cfnType?: string): LongTailType => {
  const entry: LongTailType = cfnType === undefined ? { token } : { token, cfnType };
  return Object.defineProperty(entry, "unsupported", { get: why, enumerable: true });
};

/** A type checked natively, each argument from the state entry. */
const native = (token: string, check: NativeCheck, args: Record<string, IdPart>): LongTailType => ({
  token,
  native: { check, args },
});
/** A type whose entries leave nothing in AWS of their own. */
const nothing = (token: string, why: Why): LongTailType =>
  Object.defineProperty({ token }, "nothing", { get: why, enumerable: true });

/** The table: every long-tail token stateward knows, ordered by service (made when first read). */
// eslint-disable-next-line max-lines-per-function -- the table itself: data, no logic
export const longTail = once((): readonly LongTailType[] => [
  // Created by SST components (docs/coverage/sst-resources.md) and having no kind of their own.
  // terraform-provider-aws reads a bucket object by bucket and key (both in its state).
  native("aws:s3/bucketObjectv2:BucketObjectv2", "s3-object", { bucket: "bucket", key: "key" }),
  native("aws:s3/bucketObject:BucketObject", "s3-object", { bucket: "bucket", key: "key" }),
  cc("aws:s3/bucketPolicy:BucketPolicy", "AWS::S3::BucketPolicy", "bucket"),
  // A bucket setting's id is the bucket's name (or "<bucket>,<expected owner>"): `bucket` holds it.
  native("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "s3-public-access-block", {
    bucket: "bucket",
  }),
  native("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "s3-cors", { bucket: "bucket" }),
  native("aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2", "s3-cors", { bucket: "bucket" }),
  native("aws:s3/bucketNotification:BucketNotification", "s3-notification", { bucket: "bucket" }),
  ...[
    "bucketVersioning:BucketVersioning",
    "bucketVersioningV2:BucketVersioningV2",
    "bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    "bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    "bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
    "bucketOwnershipControls:BucketOwnershipControls",
    "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  ].map((t) => no(`aws:s3/${t}`, PART_OF("AWS::S3::Bucket"))),
  nothing("aws:lambda/invocation:Invocation", () => t("kinds.long-tail.invocation")),
  cc("aws:lambda/alias:Alias", "AWS::Lambda::Alias", "arn"),
  cc(
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    "AWS::Lambda::EventInvokeConfig",
    "functionName",
    { prop: "qualifier", default: "$LATEST" },
  ),
  no("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", () =>
    t("kinds.long-tail.part-of-either", { a: "AWS::Lambda::Alias", b: "AWS::Lambda::Version" }),
  ),
  cc("aws:lambda/layerVersion:LayerVersion", "AWS::Lambda::LayerVersion", "arn"),
  native("aws:acm/certificateValidation:CertificateValidation", "acm-validation", {
    certificateArn: "certificateArn",
  }),
  // Not native yet: the local cloud cannot verify a domain (its SES identities stay Pending), so a
  // healthy stage could not be told from a broken one there. What to read: SES
  // GetIdentityVerificationAttributes(domain) is Success (terraform-provider-aws
  // internal/service/ses/domain_identity_verification.go).
  no("aws:ses/domainIdentityVerification:DomainIdentityVerification", NO_CFN),
  no(
    "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
    PART_OF("AWS::SES::EmailIdentity"),
  ),
  no(
    "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
    GENERATED("AWS::SES::ConfigurationSetEventDestination"),
    "AWS::SES::ConfigurationSetEventDestination",
  ),
  native("aws:cloudwatch/eventTarget:EventTarget", "event-target", {
    rule: "rule",
    targetId: "targetId",
    eventBusName: { prop: "eventBusName", default: "default" },
  }),
  cc("aws:cloudwatch/eventBus:EventBus", "AWS::Events::EventBus", "name"),
  cc("aws:apigatewayv2/api:Api", "AWS::ApiGatewayV2::Api", ID),
  cc("aws:apigatewayv2/stage:Stage", "AWS::ApiGatewayV2::Stage", "apiId", "name"),
  cc("aws:apigatewayv2/integration:Integration", "AWS::ApiGatewayV2::Integration", "apiId", ID),
  cc("aws:apigatewayv2/route:Route", "AWS::ApiGatewayV2::Route", "apiId", ID),
  cc("aws:apigatewayv2/authorizer:Authorizer", "AWS::ApiGatewayV2::Authorizer", ID, "apiId"),
  cc("aws:apigatewayv2/deployment:Deployment", "AWS::ApiGatewayV2::Deployment", "apiId", ID),
  cc("aws:apigatewayv2/vpcLink:VpcLink", "AWS::ApiGatewayV2::VpcLink", ID),
  cc("aws:cognito/userPool:UserPool", "AWS::Cognito::UserPool", ID),
  cc("aws:cognito/userPoolClient:UserPoolClient", "AWS::Cognito::UserPoolClient", "userPoolId", ID),
  cc("aws:cognito/identityPool:IdentityPool", "AWS::Cognito::IdentityPool", ID),
  cc(
    "aws:cognito/identityProvider:IdentityProvider",
    "AWS::Cognito::UserPoolIdentityProvider",
    "userPoolId",
    "providerName",
  ),
  global(
    "aws:cloudfront/originAccessIdentity:OriginAccessIdentity",
    "AWS::CloudFront::CloudFrontOriginAccessIdentity",
    ID,
  ),
  global(
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    "AWS::CloudFront::ResponseHeadersPolicy",
    ID,
  ),
  global(
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy",
    "AWS::CloudFront::OriginRequestPolicy",
    ID,
  ),
  no("aws:sns/topicPolicy:TopicPolicy", NOT_CC("AWS::SNS::TopicPolicy"), "AWS::SNS::TopicPolicy"),
  no("aws:sqs/queuePolicy:QueuePolicy", NOT_CC("AWS::SQS::QueuePolicy"), "AWS::SQS::QueuePolicy"),
  cc("aws:wafv2/webAcl:WebAcl", "AWS::WAFv2::WebACL", "name", ID, "scope"),
  cc(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "AWS::WAFv2::LoggingConfiguration",
    "resourceArn",
  ),
  cc(
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "AWS::WAFv2::WebACLAssociation",
    "resourceArn",
    "webAclArn",
  ),
  no("aws:dynamodb/tableItem:TableItem", NO_CFN),

  // Networking (VPC).
  cc("aws:ec2/vpc:Vpc", "AWS::EC2::VPC", ID),
  cc("aws:ec2/subnet:Subnet", "AWS::EC2::Subnet", ID),
  cc("aws:ec2/securityGroup:SecurityGroup", "AWS::EC2::SecurityGroup", ID),
  cc("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "AWS::EC2::SecurityGroupIngress", ID),
  cc("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "AWS::EC2::SecurityGroupEgress", ID),
  no("aws:ec2/securityGroupRule:SecurityGroupRule", () => t("kinds.long-tail.sgrule")),
  cc("aws:ec2/internetGateway:InternetGateway", "AWS::EC2::InternetGateway", ID),
  cc("aws:ec2/natGateway:NatGateway", "AWS::EC2::NatGateway", ID),
  cc("aws:ec2/routeTable:RouteTable", "AWS::EC2::RouteTable", ID),
  cc("aws:ec2/route:Route", "AWS::EC2::Route", "routeTableId", "destinationCidrBlock"),
  cc("aws:ec2/routeTableAssociation:RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation", ID),
  cc("aws:ec2/eip:Eip", "AWS::EC2::EIP", "publicIp", ID),
  cc("aws:ec2/instance:Instance", "AWS::EC2::Instance", ID),
  cc("aws:ec2/launchTemplate:LaunchTemplate", "AWS::EC2::LaunchTemplate", ID),
  cc("aws:ec2/vpcEndpoint:VpcEndpoint", "AWS::EC2::VPCEndpoint", ID),
  cc("aws:ec2/keyPair:KeyPair", "AWS::EC2::KeyPair", "keyName"),

  // Databases, caches, file systems.
  cc("aws:rds/instance:Instance", "AWS::RDS::DBInstance", "identifier"),
  cc("aws:rds/clusterInstance:ClusterInstance", "AWS::RDS::DBInstance", "identifier"),
  cc("aws:rds/cluster:Cluster", "AWS::RDS::DBCluster", "clusterIdentifier"),
  cc("aws:rds/subnetGroup:SubnetGroup", "AWS::RDS::DBSubnetGroup", "name"),
  cc("aws:rds/parameterGroup:ParameterGroup", "AWS::RDS::DBParameterGroup", "name"),
  cc("aws:rds/clusterParameterGroup:ClusterParameterGroup", "AWS::RDS::DBClusterParameterGroup", "name"),
  cc("aws:rds/proxy:Proxy", "AWS::RDS::DBProxy", "name"),
  cc("aws:elasticache/cluster:Cluster", "AWS::ElastiCache::CacheCluster", "clusterId"),
  cc(
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "AWS::ElastiCache::ReplicationGroup",
    "replicationGroupId",
  ),
  cc("aws:elasticache/subnetGroup:SubnetGroup", "AWS::ElastiCache::SubnetGroup", "name"),
  cc("aws:elasticache/parameterGroup:ParameterGroup", "AWS::ElastiCache::ParameterGroup", "name"),
  cc("aws:elasticache/serverlessCache:ServerlessCache", "AWS::ElastiCache::ServerlessCache", "name"),
  cc("aws:opensearch/domain:Domain", "AWS::OpenSearchService::Domain", "domainName"),
  cc("aws:efs/fileSystem:FileSystem", "AWS::EFS::FileSystem", ID),
  cc("aws:efs/accessPoint:AccessPoint", "AWS::EFS::AccessPoint", ID),
  cc("aws:efs/mountTarget:MountTarget", "AWS::EFS::MountTarget", ID),

  // Containers, load balancers, service discovery, scaling.
  cc("aws:ecs/cluster:Cluster", "AWS::ECS::Cluster", "name"),
  cc("aws:ecs/service:Service", "AWS::ECS::Service", ID, "cluster"),
  cc("aws:ecs/taskDefinition:TaskDefinition", "AWS::ECS::TaskDefinition", "arn"),
  cc("aws:ecs/capacityProvider:CapacityProvider", "AWS::ECS::CapacityProvider", "name"),
  no("aws:ecr/lifecyclePolicy:LifecyclePolicy", PART_OF("AWS::ECR::Repository")),
  no("aws:ecr/repositoryPolicy:RepositoryPolicy", PART_OF("AWS::ECR::Repository")),
  ...["lb", "alb"].flatMap((m) => [
    cc(`aws:${m}/loadBalancer:LoadBalancer`, "AWS::ElasticLoadBalancingV2::LoadBalancer", "arn"),
    cc(`aws:${m}/targetGroup:TargetGroup`, "AWS::ElasticLoadBalancingV2::TargetGroup", "arn"),
    cc(`aws:${m}/listener:Listener`, "AWS::ElasticLoadBalancingV2::Listener", "arn"),
    cc(`aws:${m}/listenerRule:ListenerRule`, "AWS::ElasticLoadBalancingV2::ListenerRule", "arn"),
  ]),
  no(
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace",
    NOT_CC("AWS::ServiceDiscovery::PrivateDnsNamespace"),
    "AWS::ServiceDiscovery::PrivateDnsNamespace",
  ),
  cc("aws:servicediscovery/service:Service", "AWS::ServiceDiscovery::Service", ID),
  cc(
    "aws:appautoscaling/target:Target",
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "resourceId",
    "scalableDimension",
    "serviceNamespace",
  ),
  cc(
    "aws:appautoscaling/policy:Policy",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "arn",
    "scalableDimension",
  ),

  // Security and identity.
  cc("aws:kms/key:Key", "AWS::KMS::Key", "keyId"),
  global("aws:iam/policy:Policy", "AWS::IAM::ManagedPolicy", "arn"),
  global("aws:iam/user:User", "AWS::IAM::User", "name"),
  global("aws:iam/group:Group", "AWS::IAM::Group", "name"),
  global("aws:iam/instanceProfile:InstanceProfile", "AWS::IAM::InstanceProfile", "name"),
  global("aws:iam/rolePolicy:RolePolicy", "AWS::IAM::RolePolicy", "name", "role"),
  global("aws:iam/userPolicy:UserPolicy", "AWS::IAM::UserPolicy", "name", "user"),
  global("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "AWS::IAM::OIDCProvider", "arn"),
  global("aws:iam/serviceLinkedRole:ServiceLinkedRole", "AWS::IAM::ServiceLinkedRole", "name"),
  no("aws:iam/rolePolicyAttachment:RolePolicyAttachment", NO_CFN),
  no("aws:iam/userPolicyAttachment:UserPolicyAttachment", NO_CFN),
  no("aws:iam/policyAttachment:PolicyAttachment", NO_CFN),
  no("aws:iam/accessKey:AccessKey", NOT_CC("AWS::IAM::AccessKey"), "AWS::IAM::AccessKey"),

  // API Gateway v1.
  cc("aws:apigateway/restApi:RestApi", "AWS::ApiGateway::RestApi", ID),
  cc("aws:apigateway/resource:Resource", "AWS::ApiGateway::Resource", "restApi", ID),
  cc("aws:apigateway/method:Method", "AWS::ApiGateway::Method", "restApi", "resourceId", "httpMethod"),
  cc("aws:apigateway/deployment:Deployment", "AWS::ApiGateway::Deployment", ID, "restApi"),
  cc("aws:apigateway/stage:Stage", "AWS::ApiGateway::Stage", "restApi", "stageName"),
  cc("aws:apigateway/apiKey:ApiKey", "AWS::ApiGateway::ApiKey", ID),
  cc("aws:apigateway/usagePlan:UsagePlan", "AWS::ApiGateway::UsagePlan", ID),
  cc("aws:apigateway/domainName:DomainName", "AWS::ApiGateway::DomainName", "domainName"),
  cc(
    "aws:apigateway/basePathMapping:BasePathMapping",
    "AWS::ApiGateway::BasePathMapping",
    "domainName",
    "basePath",
  ),
  cc("aws:apigateway/authorizer:Authorizer", "AWS::ApiGateway::Authorizer", "restApi", ID),
  no("aws:apigateway/integration:Integration", PART_OF("AWS::ApiGateway::Method")),
  no("aws:apigateway/integrationResponse:IntegrationResponse", PART_OF("AWS::ApiGateway::Method")),
  no("aws:apigateway/methodResponse:MethodResponse", PART_OF("AWS::ApiGateway::Method")),
  no("aws:apigateway/account:Account", GENERATED("AWS::ApiGateway::Account"), "AWS::ApiGateway::Account"),

  // Workflows, streams, GraphQL, configuration, monitoring, DNS.
  cc("aws:sfn/stateMachine:StateMachine", "AWS::StepFunctions::StateMachine", "arn"),
  cc("aws:sfn/activity:Activity", "AWS::StepFunctions::Activity", ID),
  cc("aws:kinesis/stream:Stream", "AWS::Kinesis::Stream", "name"),
  cc(
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    "AWS::KinesisFirehose::DeliveryStream",
    "name",
  ),
  cc("aws:appsync/graphQLApi:GraphQLApi", "AWS::AppSync::GraphQLApi", ID),
  cc("aws:appsync/dataSource:DataSource", "AWS::AppSync::DataSource", "arn"),
  cc("aws:appsync/resolver:Resolver", "AWS::AppSync::Resolver", "arn"),
  cc("aws:appsync/function:Function", "AWS::AppSync::FunctionConfiguration", "arn"),
  cc("aws:appsync/domainName:DomainName", "AWS::AppSync::DomainName", "domainName"),
  no("aws:appsync/apiKey:ApiKey", NOT_CC("AWS::AppSync::ApiKey"), "AWS::AppSync::ApiKey"),
  cc("aws:scheduler/schedule:Schedule", "AWS::Scheduler::Schedule", "name"),
  cc("aws:scheduler/scheduleGroup:ScheduleGroup", "AWS::Scheduler::ScheduleGroup", "name"),
  cc("aws:pipes/pipe:Pipe", "AWS::Pipes::Pipe", "name"),
  cc("aws:iot/topicRule:TopicRule", "AWS::IoT::TopicRule", "name"),
  cc("aws:ssm/parameter:Parameter", "AWS::SSM::Parameter", "name"),
  cc("aws:cloudwatch/metricAlarm:MetricAlarm", "AWS::CloudWatch::Alarm", "name"),
  cc("aws:cloudwatch/dashboard:Dashboard", "AWS::CloudWatch::Dashboard", "dashboardName"),
  cc(
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    "AWS::Logs::SubscriptionFilter",
    "name",
    "logGroup",
  ),
  cc("aws:cloudwatch/logMetricFilter:LogMetricFilter", "AWS::Logs::MetricFilter", "logGroupName", "name"),
  global("aws:route53/zone:Zone", "AWS::Route53::HostedZone", "zoneId"),

  // Pulumi dynamic resources: what one makes is its provider's own business. SST's are recognised
  // by their URN (`nothingToCheck`); any other is "not checked".
  no(DYNAMIC_RESOURCE, () => t("kinds.long-tail.dynamic")),
]);

const byToken = once(() => new Map(longTail().map((t) => [t.token, t])));

/** The long-tail entry for a token (undefined for a token with a kind, or one the table does not know). */
export function longTailType(token: string): LongTailType | undefined {
  // A kind, should one come for a token of the table, wins: its driver checks it, not Cloud Control.
  return kindForType(token) === undefined ? byToken().get(token) : undefined;
}

/** The CloudFormation type of a Pulumi token: its kind's `cfnType` first, else the long-tail table's. */
export function cfnTypeOf(token: string): string | undefined {
  return kindForType(token)?.cfnType ?? byToken().get(token)?.cfnType;
}

/**
 * The Cloud Control identifier of a state entry (or a pending create) of a long-tail type: its
 * primaryIdentifier's parts joined with `|`; undefined when a part is unknown (a pending create whose
 * id AWS has not given yet), the type is unsupported, or the token is not in the table.
 */
export function cloudControlIdentifier(t: LongTailType, resource: ResourceV3): string | undefined {
  if (t.unsupported !== undefined || t.identifier === undefined) return undefined;
  const parts: string[] = [];
  for (const p of t.identifier) {
    const v =
      p === "$id"
        ? resource.id || undefined
        : typeof p === "string"
          ? prop(resource, p)
          : (prop(resource, p.prop) ?? p.default);
    if (v === undefined) return undefined;
    parts.push(v);
  }
  return parts.join("|");
}

/** The arguments of a native check from a state entry; undefined when one is unknown. */
export function nativeArgs(t: LongTailType, resource: ResourceV3): Record<string, string> | undefined {
  if (t.native === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(t.native.args)) {
    const v = typeof p === "string" ? prop(resource, p) : (prop(resource, p.prop) ?? p.default);
    if (v === undefined || v === "") return undefined;
    out[name] = v;
  }
  return out;
}

/** The region a long-tail entry is read in: us-east-1 for global services, else its provider's. */
export function longTailRegion(t: LongTailType, providerRegion: string): string {
  return t.global === true ? GLOBAL_REGION : providerRegion;
}
