/**
 * Creates in the cloud what the typical app's state entries describe (src/sandbox/scenarios/
 * typical-app.ts), through the real SDK, for the types `materialize` does not know; and writes back
 * the ids the cloud chose (queue URL, API id, mapping id, certificate ARN, cache policy id, …) into the
 * entry, so the state holds the ones that exist. Types whose Cloud Control resource stateward reads for
 * the long tail (API Gateway v2 API/stage/integration/route, Cognito user pool and client, bucket
 * policy) are also stored in the local cloud's Cloud Control, under the same identifiers.
 * Types with nothing to create (SST's dynamic resources, Lambda invocations, certificate validations,
 * and the S3 settings the local cloud does not serve) are left alone.
 */
import {
  AddPermissionCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionUrlConfigCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { ACMClient, DescribeCertificateCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
} from "@aws-sdk/client-apigatewayv2";
import { CloudControlClient, CreateResourceCommand } from "@aws-sdk/client-cloudcontrol";
import {
  CreateCachePolicyCommand,
  CreateKeyValueStoreCommand,
  CreateOriginAccessControlCommand,
} from "@aws-sdk/client-cloudfront";
import { createHash } from "node:crypto";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { CreateRepositoryCommand, ECRClient } from "@aws-sdk/client-ecr";
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { PutBucketPolicyCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Resource } from "../sst-state.js";
import { trusting, type Clients, type Endpoint } from "./clients.js";
import { materialize } from "./materialize.js";

type Props = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function tagList(tags: unknown): { Key: string; Value: string }[] {
  return Object.entries((tags ?? {}) as Record<string, string>).map(([Key, Value]) => ({ Key, Value }));
}

/** SDK clients of the services `Clients` has no getter for, pointed at the same endpoint. */
export class MoreClients {
  private readonly cache = new Map<string, { destroy(): void }>();
  constructor(private readonly endpoint: Endpoint) {}

  private get<T extends { destroy(): void }>(
    Class: new (config: Record<string, unknown>) => T,
    region: string,
  ): T {
    const key = `${Class.name}:${region}`;
    let c = this.cache.get(key) as T | undefined;
    if (c === undefined) {
      c = new Class({
        endpoint: this.endpoint.url,
        region,
        credentials: this.endpoint.credentials ?? {
          accessKeyId: "AKIASANDBOXSEED",
          secretAccessKey: "sandbox",
        },
        maxAttempts: 5,
        ...trusting(this.endpoint),
      });
      this.cache.set(key, c);
    }
    return c;
  }

  sqs = (region: string) => this.get(SQSClient, region);
  sns = (region: string) => this.get(SNSClient, region);
  secrets = (region: string) => this.get(SecretsManagerClient, region);
  lambda = (region: string) => this.get(LambdaClient, region);
  acm = (region: string) => this.get(ACMClient, region);
  apigw = (region: string) => this.get(ApiGatewayV2Client, region);
  cognito = (region: string) => this.get(CognitoIdentityProviderClient, region);
  events = (region: string) => this.get(EventBridgeClient, region);
  cloudcontrol = (region: string) => this.get(CloudControlClient, region);
  ecr = (region: string) => this.get(ECRClient, region);
  kms = (region: string) => this.get(KMSClient, region);

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }
}

/** Sets the id the cloud chose, in the entry's id and its `id` output (and more outputs). */
function writeBack(r: Resource, id: string, outputs: Props = {}): void {
  r.id = id;
  Object.assign(r.outputs as Props, { id, ...outputs });
}

async function cloudControl(
  more: MoreClients,
  region: string,
  typeName: string,
  state: Props,
): Promise<void> {
  await more
    .cloudcontrol(region)
    .send(new CreateResourceCommand({ TypeName: typeName, DesiredState: JSON.stringify(state) }));
}

/** Waits (up to a minute) until ACM says the certificate is issued, as a certificate validation does. */
async function untilIssued(more: MoreClients, region: string, arn: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const got = await more.acm(region).send(new DescribeCertificateCommand({ CertificateArn: arn }));
    if (got.Certificate?.Status === "ISSUED") return;
    await new Promise((r) => setTimeout(r, 100));
  }
  // i18n-exempt: internal invariant of the local cloud (reported as a seeding bug)
  throw new Error(`certificate ${arn} was not issued within a minute`);
}

/** Creates what `r` describes (any type the typical app has), writing back the cloud's ids. */
export async function materializeMore(
  r: Resource,
  region: string,
  clients: Clients,
  more: MoreClients,
): Promise<void> {
  const inputs = (r.inputs ?? {}) as Props;
  const outputs = (r.outputs ?? {}) as Props;
  const tags = inputs.tags as Record<string, string> | undefined;
  switch (r.type) {
    case "aws:s3/bucketObjectv2:BucketObjectv2":
      await clients
        .s3(region)
        .send(new PutObjectCommand({ Bucket: str(inputs.bucket), Key: str(inputs.key), Body: "PK" }));
      return;
    case "aws:s3/bucketPolicy:BucketPolicy":
      await clients
        .s3(region)
        .send(new PutBucketPolicyCommand({ Bucket: str(inputs.bucket), Policy: str(inputs.policy) }));
      await cloudControl(more, region, "AWS::S3::BucketPolicy", {
        Bucket: inputs.bucket,
        PolicyDocument: JSON.parse(str(inputs.policy)),
      });
      return;
    case "aws:dynamodb/table:Table": {
      const keys = [
        { AttributeName: str(inputs.hashKey), KeyType: "HASH" as const },
        { AttributeName: str(inputs.rangeKey), KeyType: "RANGE" as const },
      ];
      await clients.dynamodb(region).send(
        new CreateTableCommand({
          TableName: str(inputs.name),
          KeySchema: keys,
          AttributeDefinitions: ((inputs.attributes ?? []) as { name: string; type: string }[]).map((a) => ({
            AttributeName: a.name,
            AttributeType: a.type as never,
          })),
          BillingMode: "PAY_PER_REQUEST",
          ...(inputs.streamEnabled === true
            ? {
                StreamSpecification: {
                  StreamEnabled: true,
                  StreamViewType: str(inputs.streamViewType) as never,
                },
              }
            : {}),
          Tags: tagList(tags),
        }),
      );
      return;
    }
    case "aws:lambda/functionUrl:FunctionUrl": {
      const out = await more.lambda(region).send(
        new CreateFunctionUrlConfigCommand({
          FunctionName: str(inputs.functionName),
          AuthType: str(inputs.authorizationType) as never,
          InvokeMode: str(inputs.invokeMode) as never,
        }),
      );
      Object.assign(outputs, { functionUrl: out.FunctionUrl, functionArn: out.FunctionArn });
      return;
    }
    case "aws:lambda/permission:Permission":
      await more.lambda(region).send(
        new AddPermissionCommand({
          FunctionName: str(inputs.function),
          StatementId: str(inputs.statementId),
          Action: str(inputs.action),
          Principal: str(inputs.principal),
          ...(typeof inputs.sourceArn === "string" ? { SourceArn: inputs.sourceArn } : {}),
          ...(typeof inputs.functionUrlAuthType === "string"
            ? { FunctionUrlAuthType: inputs.functionUrlAuthType as never }
            : {}),
        }),
      );
      return;
    case "aws:lambda/eventSourceMapping:EventSourceMapping": {
      const out = await more.lambda(region).send(
        new CreateEventSourceMappingCommand({
          FunctionName: str(inputs.functionName),
          EventSourceArn: str(inputs.eventSourceArn),
          BatchSize: inputs.batchSize as number,
          Enabled: true,
          ...(typeof inputs.startingPosition === "string"
            ? { StartingPosition: inputs.startingPosition as never }
            : {}),
        }),
      );
      writeBack(r, out.UUID!, {
        uuid: out.UUID,
        arn: out.EventSourceMappingArn ?? outputs.arn,
        functionArn: out.FunctionArn,
      });
      return;
    }
    case "aws:sqs/queue:Queue": {
      const attributes: Record<string, string> = {
        VisibilityTimeout: String((inputs.visibilityTimeoutSeconds as number | undefined) ?? 30),
        MessageRetentionPeriod: String((inputs.messageRetentionSeconds as number | undefined) ?? 345600),
      };
      if (inputs.fifoQueue === true) {
        attributes.FifoQueue = "true";
        attributes.ContentBasedDeduplication = String(inputs.contentBasedDeduplication === true);
      }
      const out = await more
        .sqs(region)
        .send(new CreateQueueCommand({ QueueName: str(inputs.name), Attributes: attributes, tags }));
      writeBack(r, out.QueueUrl!, { url: out.QueueUrl });
      return;
    }
    case "aws:sns/topic:Topic": {
      const out = await more
        .sns(region)
        .send(new CreateTopicCommand({ Name: str(inputs.name), Tags: tagList(tags) }));
      writeBack(r, out.TopicArn!, { arn: out.TopicArn });
      return;
    }
    case "aws:sns/topicSubscription:TopicSubscription": {
      const out = await more.sns(region).send(
        new SubscribeCommand({
          TopicArn: str(inputs.topic),
          Protocol: str(inputs.protocol),
          Endpoint: str(inputs.endpoint),
          ReturnSubscriptionArn: true,
        }),
      );
      writeBack(r, out.SubscriptionArn!, { arn: out.SubscriptionArn });
      return;
    }
    case "aws:secretsmanager/secret:Secret": {
      const out = await more
        .secrets(region)
        .send(new CreateSecretCommand({ Name: str(inputs.name), Tags: tagList(tags) }));
      writeBack(r, out.ARN!, { arn: out.ARN });
      return;
    }
    case "aws:cloudwatch/eventRule:EventRule":
      await more.events(region).send(
        new PutRuleCommand({
          Name: str(inputs.name),
          ScheduleExpression: str(inputs.scheduleExpression),
          Tags: tagList(tags),
        }),
      );
      return;
    case "aws:cloudwatch/eventTarget:EventTarget":
      await more.events(region).send(
        new PutTargetsCommand({
          Rule: str(inputs.rule),
          Targets: [{ Id: str(inputs.targetId), Arn: str(inputs.arn) }],
        }),
      );
      return;
    case "aws:acm/certificate:Certificate": {
      const out = await more.acm(region).send(
        new RequestCertificateCommand({
          DomainName: str(inputs.domainName),
          ValidationMethod: "DNS",
          Tags: tagList(tags),
        }),
      );
      writeBack(r, out.CertificateArn!, { arn: out.CertificateArn });
      return;
    }
    case "aws:apigatewayv2/api:Api": {
      const out = await more.apigw(region).send(
        new CreateApiCommand({
          Name: str(inputs.name),
          ProtocolType: str(inputs.protocolType) as never,
          Tags: tags,
        }),
      );
      writeBack(r, out.ApiId!, {
        apiEndpoint: out.ApiEndpoint ?? outputs.apiEndpoint,
        arn: `arn:aws:apigateway:${region}::/apis/${out.ApiId!}`,
      });
      await cloudControl(more, region, "AWS::ApiGatewayV2::Api", {
        ApiId: out.ApiId,
        Name: inputs.name,
        ProtocolType: inputs.protocolType,
      });
      return;
    }
    case "aws:apigatewayv2/stage:Stage":
      await cloudControl(more, region, "AWS::ApiGatewayV2::Stage", {
        ApiId: inputs.apiId,
        StageName: inputs.name,
        AutoDeploy: true,
      });
      return;
    case "aws:apigatewayv2/integration:Integration":
      await cloudControl(more, region, "AWS::ApiGatewayV2::Integration", {
        ApiId: inputs.apiId,
        IntegrationId: r.id,
        IntegrationType: inputs.integrationType,
        IntegrationUri: inputs.integrationUri,
      });
      return;
    case "aws:apigatewayv2/route:Route":
      await cloudControl(more, region, "AWS::ApiGatewayV2::Route", {
        ApiId: inputs.apiId,
        RouteId: r.id,
        RouteKey: inputs.routeKey,
      });
      return;
    case "aws:apigatewayv2/domainName:DomainName": {
      const config = inputs.domainNameConfiguration as Props;
      // As SST's certificate validation does: the domain waits until ACM has issued its certificate.
      await untilIssued(more, region, str(config.certificateArn));
      const out = await more.apigw(region).send(
        new CreateDomainNameCommand({
          DomainName: str(inputs.domainName),
          DomainNameConfigurations: [
            {
              CertificateArn: str(config.certificateArn),
              EndpointType: "REGIONAL",
              SecurityPolicy: "TLS_1_2",
            },
          ],
          Tags: tags,
        }),
      );
      const live = out.DomainNameConfigurations?.[0];
      if (live !== undefined) {
        Object.assign(outputs.domainNameConfiguration as Props, {
          targetDomainName:
            live.ApiGatewayDomainName ?? (outputs.domainNameConfiguration as Props).targetDomainName,
          hostedZoneId: live.HostedZoneId ?? (outputs.domainNameConfiguration as Props).hostedZoneId,
        });
      }
      return;
    }
    case "aws:apigatewayv2/apiMapping:ApiMapping": {
      const out = await more.apigw(region).send(
        new CreateApiMappingCommand({
          ApiId: str(inputs.apiId),
          DomainName: str(inputs.domainName),
          Stage: str(inputs.stage),
          ApiMappingKey: str(inputs.apiMappingKey),
        }),
      );
      writeBack(r, out.ApiMappingId!);
      return;
    }
    case "aws:cognito/userPool:UserPool": {
      const out = await more.cognito(region).send(
        new CreateUserPoolCommand({
          PoolName: str(inputs.name),
          UserPoolTags: tags,
          UsernameAttributes: ["email"],
        }),
      );
      const id = out.UserPool!.Id!;
      writeBack(r, id, {
        arn: out.UserPool!.Arn ?? outputs.arn,
        endpoint: `cognito-idp.${region}.amazonaws.com/${id}`,
      });
      await cloudControl(more, region, "AWS::Cognito::UserPool", {
        UserPoolId: id,
        UserPoolName: inputs.name,
      });
      return;
    }
    case "aws:cognito/userPoolClient:UserPoolClient":
      await cloudControl(more, region, "AWS::Cognito::UserPoolClient", {
        UserPoolId: inputs.userPoolId,
        ClientId: r.id,
        ClientName: inputs.name,
      });
      return;
    case "aws:cognito/userPoolDomain:UserPoolDomain":
      await more
        .cognito(region)
        .send(
          new CreateUserPoolDomainCommand({ Domain: str(inputs.domain), UserPoolId: str(inputs.userPoolId) }),
        );
      return;
    case "aws:cloudfront/cachePolicy:CachePolicy": {
      const out = await clients.cloudfront().send(
        new CreateCachePolicyCommand({
          CachePolicyConfig: {
            Name: str(inputs.name),
            Comment: str(inputs.comment),
            DefaultTTL: inputs.defaultTtl as number,
            MaxTTL: inputs.maxTtl as number,
            MinTTL: inputs.minTtl as number,
            ParametersInCacheKeyAndForwardedToOrigin: {
              EnableAcceptEncodingGzip: true,
              EnableAcceptEncodingBrotli: true,
              HeadersConfig: { HeaderBehavior: "none" },
              CookiesConfig: { CookieBehavior: "none" },
              QueryStringsConfig: { QueryStringBehavior: "all" },
            },
          },
        }),
      );
      writeBack(r, out.CachePolicy!.Id!, { etag: out.ETag });
      return;
    }
    case "aws:cloudfront/keyValueStore:KeyValueStore": {
      const out = await clients
        .cloudfront()
        .send(new CreateKeyValueStoreCommand({ Name: str(inputs.name), Comment: str(inputs.comment) }));
      Object.assign(outputs, { arn: out.KeyValueStore!.ARN, etag: out.ETag });
      return;
    }
    case "aws:route53/record:Record": {
      const aliases = inputs.aliases as
        { name: string; zoneId: string; evaluateTargetHealth: boolean }[] | undefined;
      if (aliases === undefined) return materialize(r, region, clients);
      await clients.route53().send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: str(inputs.zoneId),
          ChangeBatch: {
            Changes: [
              {
                Action: "CREATE",
                ResourceRecordSet: {
                  Name: str(inputs.name),
                  Type: str(inputs.type) as never,
                  AliasTarget: {
                    DNSName: aliases[0]!.name,
                    HostedZoneId: aliases[0]!.zoneId,
                    EvaluateTargetHealth: aliases[0]!.evaluateTargetHealth,
                  },
                },
              },
            ],
          },
        }),
      );
      return;
    }
    case "aws:ecr/repository:Repository":
      await more.ecr(region).send(
        new CreateRepositoryCommand({
          repositoryName: str(inputs.name),
          imageTagMutability: str(inputs.imageTagMutability) as never,
          tags: tagList(tags),
        }),
      );
      return;
    case "aws:kms/key:Key": {
      const out = await more.kms(region).send(
        new CreateKeyCommand({
          Description: str(inputs.description),
          Tags: Object.entries(tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
        }),
      );
      const id = out.KeyMetadata!.KeyId!;
      writeBack(r, id, { keyId: id, arn: out.KeyMetadata!.Arn });
      await cloudControl(more, region, "AWS::KMS::Key", { KeyId: id, Description: inputs.description });
      return;
    }
    case "aws:kms/alias:Alias":
      await more
        .kms(region)
        .send(new CreateAliasCommand({ AliasName: str(inputs.name), TargetKeyId: str(inputs.targetKeyId) }));
      return;
    case "pulumi-nodejs:dynamic:Resource": {
      // SST's own providers: only the origin access control makes an AWS object (its Go provider names
      // it `name[:55]-<8 random [a-z0-9]>`, pkg/server/resource/aws-origin-access-control.go) and
      // returns its id and no outputs.
      if (!r.urn.endsWith(".sst.aws.OriginAccessControl")) return;
      const random = createHash("sha256").update(r.urn).digest("hex").slice(0, 8);
      const out = await clients.cloudfront().send(
        new CreateOriginAccessControlCommand({
          OriginAccessControlConfig: {
            Name: `${str(inputs.name).slice(0, 55)}-${random}`,
            // i18n-exempt: cloud content
            Description: "Created by SST",
            OriginAccessControlOriginType: "s3",
            SigningBehavior: "always",
            SigningProtocol: "sigv4",
          },
        }),
      );
      r.id = out.OriginAccessControl!.Id!;
      return;
    }
    default:
      // Roles, log groups, functions, buckets, CloudFront functions and distributions, SES identities;
      // nothing for components, providers and SST's dynamic resources.
      return materialize(r, region, clients);
  }
}
