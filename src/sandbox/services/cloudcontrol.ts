/**
 * AWS Cloud Control API (awsJson 1.0, `X-Amz-Target: CloudApiService.<Operation>`, signing name
 * `cloudcontrolapi`): a generic store of resources by CloudFormation type and primary identifier.
 *
 * - `CreateResource` stores `DesiredState` and answers a ProgressEvent that is already `SUCCESS`
 *   (the sandbox has no handlers to wait for); an identifier part the desired state leaves out (a
 *   VPC's `VpcId`) is generated, as AWS generates it. A resource whose identifier exists fails the
 *   request with `ErrorCode: AlreadyExists`, as a handler reports it (HandlerErrorCode).
 * - `GetResource`, `ListResources` (paged, MaxResults 1–100), `GetResourceRequestStatus`,
 *   `DeleteResource` (a missing resource fails the request with `ErrorCode: NotFound`).
 * - Errors, with their HTTP status from the Cloud Control model (aws-sdk-js-v3
 *   codegen/sdk-codegen/aws-models/cloudcontrol.json): `ResourceNotFoundException` 404,
 *   `TypeNotFoundException` 404 (a type not in the table below), `UnsupportedActionException` 405 (the
 *   NON_PROVISIONABLE types of UNSUPPORTED, and reads of a type without a read handler),
 *   `RequestTokenNotFoundException` 404, `ValidationException` 400, `ThrottlingException` 429.
 *   The messages are the sandbox's own wording (no AWS text was found to copy).
 * - A compound identifier is its parts in primaryIdentifier order joined with `|` (API_GetResource);
 *   JSON identifiers and secondary identifiers are not served.
 */
import { randomBytes, randomUUID } from "node:crypto";
import {
  byCodeUnits,
  constraintError,
  epochSeconds,
  jsonService,
  paginate,
  requireString,
} from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";
import { cloudControlIdentifier, longTailType } from "../../kinds/cloudformation-types.js";
import type { ResourceV3 } from "../../state/index.js";

/**
 * Each served type's primaryIdentifier (its CloudFormation resource schema, as
 * hashicorp/terraform-provider-awscc internal/service/cloudformation/schemas/ holds it).
 */
const TYPES: Readonly<Record<string, readonly string[]>> = {
  "AWS::ApiGateway::Account": ["Id"],
  "AWS::ApiGateway::ApiKey": ["APIKeyId"],
  "AWS::ApiGateway::Authorizer": ["RestApiId", "AuthorizerId"],
  "AWS::ApiGateway::BasePathMapping": ["DomainName", "BasePath"],
  "AWS::ApiGateway::Deployment": ["DeploymentId", "RestApiId"],
  "AWS::ApiGateway::DomainName": ["DomainName"],
  "AWS::ApiGateway::Method": ["RestApiId", "ResourceId", "HttpMethod"],
  "AWS::ApiGateway::Resource": ["RestApiId", "ResourceId"],
  "AWS::ApiGateway::RestApi": ["RestApiId"],
  "AWS::ApiGateway::Stage": ["RestApiId", "StageName"],
  "AWS::ApiGateway::UsagePlan": ["Id"],
  "AWS::ApiGatewayV2::Api": ["ApiId"],
  "AWS::ApiGatewayV2::Authorizer": ["AuthorizerId", "ApiId"],
  "AWS::ApiGatewayV2::Deployment": ["ApiId", "DeploymentId"],
  "AWS::ApiGatewayV2::Integration": ["ApiId", "IntegrationId"],
  "AWS::ApiGatewayV2::Route": ["ApiId", "RouteId"],
  "AWS::ApiGatewayV2::Stage": ["ApiId", "StageName"],
  "AWS::ApiGatewayV2::VpcLink": ["VpcLinkId"],
  "AWS::AppSync::DataSource": ["DataSourceArn"],
  "AWS::AppSync::DomainName": ["DomainName"],
  "AWS::AppSync::FunctionConfiguration": ["FunctionArn"],
  "AWS::AppSync::GraphQLApi": ["ApiId"],
  "AWS::AppSync::Resolver": ["ResolverArn"],
  "AWS::ApplicationAutoScaling::ScalableTarget": ["ResourceId", "ScalableDimension", "ServiceNamespace"],
  "AWS::ApplicationAutoScaling::ScalingPolicy": ["Arn", "ScalableDimension"],
  "AWS::CloudFront::CloudFrontOriginAccessIdentity": ["Id"],
  "AWS::CloudFront::OriginRequestPolicy": ["Id"],
  "AWS::CloudFront::ResponseHeadersPolicy": ["Id"],
  "AWS::CloudWatch::Alarm": ["AlarmName"],
  "AWS::CloudWatch::Dashboard": ["DashboardName"],
  "AWS::Cognito::IdentityPool": ["Id"],
  "AWS::Cognito::UserPool": ["UserPoolId"],
  "AWS::Cognito::UserPoolClient": ["UserPoolId", "ClientId"],
  "AWS::Cognito::UserPoolIdentityProvider": ["UserPoolId", "ProviderName"],
  "AWS::EC2::EIP": ["PublicIp", "AllocationId"],
  "AWS::EC2::Instance": ["InstanceId"],
  "AWS::EC2::InternetGateway": ["InternetGatewayId"],
  "AWS::EC2::KeyPair": ["KeyName"],
  "AWS::EC2::LaunchTemplate": ["LaunchTemplateId"],
  "AWS::EC2::NatGateway": ["NatGatewayId"],
  "AWS::EC2::Route": ["RouteTableId", "CidrBlock"],
  "AWS::EC2::RouteTable": ["RouteTableId"],
  "AWS::EC2::SecurityGroup": ["Id"],
  "AWS::EC2::SecurityGroupEgress": ["Id"],
  "AWS::EC2::SecurityGroupIngress": ["Id"],
  "AWS::EC2::Subnet": ["SubnetId"],
  "AWS::EC2::SubnetRouteTableAssociation": ["Id"],
  "AWS::EC2::VPC": ["VpcId"],
  "AWS::EC2::VPCEndpoint": ["Id"],
  "AWS::ECS::CapacityProvider": ["Name"],
  "AWS::ECS::Cluster": ["ClusterName"],
  "AWS::ECS::Service": ["ServiceArn", "Cluster"],
  "AWS::ECS::TaskDefinition": ["TaskDefinitionArn"],
  "AWS::EFS::AccessPoint": ["AccessPointId"],
  "AWS::EFS::FileSystem": ["FileSystemId"],
  "AWS::EFS::MountTarget": ["Id"],
  "AWS::ElastiCache::CacheCluster": ["ClusterName"],
  "AWS::ElastiCache::ParameterGroup": ["CacheParameterGroupName"],
  "AWS::ElastiCache::ReplicationGroup": ["ReplicationGroupId"],
  "AWS::ElastiCache::ServerlessCache": ["ServerlessCacheName"],
  "AWS::ElastiCache::SubnetGroup": ["CacheSubnetGroupName"],
  "AWS::ElasticLoadBalancingV2::Listener": ["ListenerArn"],
  "AWS::ElasticLoadBalancingV2::ListenerRule": ["RuleArn"],
  "AWS::ElasticLoadBalancingV2::LoadBalancer": ["LoadBalancerArn"],
  "AWS::ElasticLoadBalancingV2::TargetGroup": ["TargetGroupArn"],
  "AWS::Events::EventBus": ["Name"],
  "AWS::IAM::Group": ["GroupName"],
  "AWS::IAM::InstanceProfile": ["InstanceProfileName"],
  "AWS::IAM::ManagedPolicy": ["PolicyArn"],
  "AWS::IAM::OIDCProvider": ["Arn"],
  "AWS::IAM::RolePolicy": ["PolicyName", "RoleName"],
  "AWS::IAM::ServiceLinkedRole": ["RoleName"],
  "AWS::IAM::User": ["UserName"],
  "AWS::IAM::UserPolicy": ["PolicyName", "UserName"],
  "AWS::IoT::TopicRule": ["RuleName"],
  "AWS::KMS::Key": ["KeyId"],
  "AWS::Kinesis::Stream": ["Name"],
  "AWS::KinesisFirehose::DeliveryStream": ["DeliveryStreamName"],
  "AWS::Lambda::Alias": ["AliasArn"],
  "AWS::Lambda::EventInvokeConfig": ["FunctionName", "Qualifier"],
  "AWS::Lambda::LayerVersion": ["LayerVersionArn"],
  "AWS::Logs::MetricFilter": ["LogGroupName", "FilterName"],
  "AWS::Logs::SubscriptionFilter": ["FilterName", "LogGroupName"],
  "AWS::OpenSearchService::Domain": ["DomainName"],
  "AWS::Pipes::Pipe": ["Name"],
  "AWS::RDS::DBCluster": ["DBClusterIdentifier"],
  "AWS::RDS::DBClusterParameterGroup": ["DBClusterParameterGroupName"],
  "AWS::RDS::DBInstance": ["DBInstanceIdentifier"],
  "AWS::RDS::DBParameterGroup": ["DBParameterGroupName"],
  "AWS::RDS::DBProxy": ["DBProxyName"],
  "AWS::RDS::DBSubnetGroup": ["DBSubnetGroupName"],
  "AWS::Route53::HostedZone": ["Id"],
  "AWS::S3::BucketPolicy": ["Bucket"],
  "AWS::SES::ConfigurationSetEventDestination": ["Id"],
  "AWS::SSM::Parameter": ["Name"],
  "AWS::Scheduler::Schedule": ["Name"],
  "AWS::Scheduler::ScheduleGroup": ["Name"],
  "AWS::ServiceDiscovery::Service": ["Id"],
  "AWS::StepFunctions::Activity": ["Arn"],
  "AWS::StepFunctions::StateMachine": ["Arn"],
  "AWS::WAFv2::LoggingConfiguration": ["ResourceArn"],
  "AWS::WAFv2::WebACL": ["Name", "Id", "Scope"],
  "AWS::WAFv2::WebACLAssociation": ["ResourceArn", "WebACLArn"],
  "AWS::SQS::Queue": ["QueueUrl"],
  "AWS::Logs::LogGroup": ["LogGroupName"],
};

/**
 * Types CloudFormation knows but Cloud Control does not serve (NON_PROVISIONABLE: absent from the
 * Cloud Control schema list of terraform-provider-awscc's all_schemas.hcl), and one with no read
 * handler (`AWS::Route53::RecordSet`).
 */
const UNSUPPORTED = new Set([
  "AWS::IAM::Policy",
  "AWS::IAM::AccessKey",
  "AWS::SQS::QueuePolicy",
  "AWS::SNS::TopicPolicy",
  "AWS::AppSync::ApiKey",
  "AWS::ServiceDiscovery::PrivateDnsNamespace",
  "AWS::Route53::RecordSet",
]);

/** Prefixes of the ids AWS generates, by identifier property (anything else: hex). */
const ID_PREFIX: Readonly<Record<string, string>> = {
  VpcId: "vpc",
  SubnetId: "subnet",
  InternetGatewayId: "igw",
  NatGatewayId: "nat",
  RouteTableId: "rtb",
  InstanceId: "i",
  LaunchTemplateId: "lt",
  AllocationId: "eipalloc",
  FileSystemId: "fs",
  AccessPointId: "fsap",
};

interface Stored {
  typeName: string;
  identifier: string;
  /** The resource model, as JSON text. */
  properties: string;
}

interface ProgressEvent {
  TypeName: string;
  Identifier?: string;
  RequestToken: string;
  Operation: "CREATE" | "DELETE";
  OperationStatus: "SUCCESS" | "FAILED";
  EventTime: number;
  ErrorCode?: string;
  StatusMessage?: string;
}

interface State {
  /** By `<type>|<identifier>`. */
  resources: Record<string, Stored>;
  requests: Record<string, ProgressEvent>;
}

const PAGE_MAX = 100;

function typeOf(input: Record<string, unknown>, action: string): { name: string; id: readonly string[] } {
  const name = requireString(input, "TypeName");
  if (!/^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/.test(name)) {
    throw constraintError(
      "ValidationException",
      "typeName",
      name,
      "Member must satisfy regular expression pattern: [A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}",
    );
  }
  if (UNSUPPORTED.has(name)) {
    throw new AwsError(
      "UnsupportedActionException",
      `Resource type ${name} does not support ${action} action`,
      405,
    );
  }
  const id = own(TYPES, name);
  if (id === undefined) throw new AwsError("TypeNotFoundException", `The type ${name} cannot be found.`, 404);
  return { name, id };
}

function notFound(type: string, identifier: string): AwsError {
  return new AwsError(
    "ResourceNotFoundException",
    `Resource of type '${type}' with identifier '${identifier}' was not found.`,
    404,
  );
}

function generated(prop: string, type: string, ctx: ServiceContext): string {
  if (prop.endsWith("Arn")) {
    const [, service, resource] = type.split("::");
    return `arn:aws:${service!.toLowerCase()}:${ctx.region}:${ctx.accountId}:${resource!.toLowerCase()}/${randomUUID()}`;
  }
  if (prop === "KeyId") return randomUUID();
  const prefix = own(ID_PREFIX, prop);
  return prefix === undefined
    ? randomBytes(5).toString("hex")
    : `${prefix}-${randomBytes(9).toString("hex").slice(0, 17)}`;
}

function desiredState(input: Record<string, unknown>): Record<string, unknown> {
  const text = requireString(input, "DesiredState");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError("ValidationException", "DesiredState is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError("ValidationException", "DesiredState must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

function event(
  state: State,
  ctx: ServiceContext,
  e: Omit<ProgressEvent, "RequestToken" | "EventTime">,
): ProgressEvent {
  const full: ProgressEvent = {
    ...e,
    RequestToken: randomUUID(),
    EventTime: epochSeconds(ctx.now().toISOString()),
  };
  put(state.requests, full.RequestToken, full);
  return full;
}

export const cloudcontrol = jsonService<State>({
  id: "cloudcontrol",
  signingNames: ["cloudcontrolapi"],
  targetPrefix: "CloudApiService",
  version: "1.0",
  throttle: { code: "ThrottlingException", status: 429, message: "Rate exceeded" },
  initial: () => ({ resources: {}, requests: {} }),
  operations: (svc) => ({
    CreateResource(input, ctx) {
      const type = typeOf(input, "CREATE");
      const model = desiredState(input);
      const parts = type.id.map((p) => {
        const v = model[p];
        if (typeof v === "string" && v !== "") return v;
        const made = generated(p, type.name, ctx);
        model[p] = made;
        return made;
      });
      const identifier = parts.join("|");
      const key = `${type.name}|${identifier}`;
      if (own(svc.state.resources, key) !== undefined) {
        const failed = event(svc.state, ctx, {
          TypeName: type.name,
          Identifier: identifier,
          Operation: "CREATE",
          OperationStatus: "FAILED",
          ErrorCode: "AlreadyExists",
          StatusMessage: `Resource of type '${type.name}' with identifier '${identifier}' already exists.`,
        });
        return { ProgressEvent: failed };
      }
      put(svc.state.resources, key, { typeName: type.name, identifier, properties: JSON.stringify(model) });
      const done = event(svc.state, ctx, {
        TypeName: type.name,
        Identifier: identifier,
        Operation: "CREATE",
        OperationStatus: "SUCCESS",
      });
      return { ProgressEvent: done };
    },
    GetResource(input) {
      const type = typeOf(input, "READ");
      const identifier = requireString(input, "Identifier");
      const r = own(svc.state.resources, `${type.name}|${identifier}`);
      if (r === undefined) throw notFound(type.name, identifier);
      return {
        TypeName: type.name,
        ResourceDescription: { Identifier: r.identifier, Properties: r.properties },
      };
    },
    ListResources(input) {
      const type = typeOf(input, "LIST");
      const max = input.MaxResults;
      if (max !== undefined && (typeof max !== "number" || max < 1 || max > PAGE_MAX)) {
        throw constraintError(
          "ValidationException",
          "maxResults",
          max,
          `Member must have value less than or equal to ${PAGE_MAX}`,
        );
      }
      const all = Object.values(svc.state.resources)
        .filter((r) => r.typeName === type.name)
        .sort((a, b) => byCodeUnits(a.identifier, b.identifier));
      const token = typeof input.NextToken === "string" ? input.NextToken : undefined;
      const { page, next } = paginate(
        all,
        (r) => r.identifier,
        token,
        typeof max === "number" ? max : PAGE_MAX,
      );
      return {
        TypeName: type.name,
        ResourceDescriptions: page.map((r) => ({ Identifier: r.identifier, Properties: r.properties })),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },
    DeleteResource(input, ctx) {
      const type = typeOf(input, "DELETE");
      const identifier = requireString(input, "Identifier");
      const key = `${type.name}|${identifier}`;
      const gone = own(svc.state.resources, key) === undefined;
      if (!gone) delete svc.state.resources[key];
      const e = event(svc.state, ctx, {
        TypeName: type.name,
        Identifier: identifier,
        Operation: "DELETE",
        OperationStatus: gone ? "FAILED" : "SUCCESS",
        ...(gone ? { ErrorCode: "NotFound", StatusMessage: notFound(type.name, identifier).message } : {}),
      });
      return { ProgressEvent: e };
    },
    GetResourceRequestStatus(input) {
      const token = requireString(input, "RequestToken");
      const e = own(svc.state.requests, token);
      if (e === undefined) {
        throw new AwsError(
          "RequestTokenNotFoundException",
          `Request with token ${token} was not found.`,
          404,
        );
      }
      return { ProgressEvent: e };
    },
  }),
});

/**
 * What seeds the Cloud Control store with a Pulumi state entry of a long-tail type, so a scenario that
 * writes such an entry also has it "in the cloud" (a real account has it; the sandbox's other services
 * do not model these types): the CreateResource input whose identifier is the one the scan will ask
 * for. Undefined for a type the long-tail table does not check through Cloud Control.
 */
export function cloudControlSeed(
  resource: ResourceV3,
): { TypeName: string; DesiredState: string } | undefined {
  const t = longTailType(resource.type);
  if (t?.cfnType === undefined) return undefined;
  const identifier = cloudControlIdentifier(t, resource);
  const props = own(TYPES, t.cfnType);
  if (identifier === undefined || props === undefined) return undefined;
  const parts = identifier.split("|");
  if (parts.length !== props.length) return undefined;
  return {
    TypeName: t.cfnType,
    DesiredState: JSON.stringify(Object.fromEntries(props.map((p, i) => [p, parts[i]]))),
  };
}
