/**
 * Creates in the cloud what a state entry describes, through the real SDK, and writes back the ids the
 * cloud chose (CloudFront distribution ids). Used to make a seeded cloud agree with seeded state.
 */
import {
  CreateDistributionWithTagsCommand,
  CreateFunctionCommand as CreateCfFunctionCommand,
  PublishFunctionCommand,
} from "@aws-sdk/client-cloudfront";
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateFunctionCommand, DeleteFunctionCommand } from "@aws-sdk/client-lambda";
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { CreateBucketCommand, DeleteBucketCommand, PutBucketTaggingCommand } from "@aws-sdk/client-s3";
import { CreateConfigurationSetCommand, CreateEmailIdentityCommand } from "@aws-sdk/client-sesv2";
import type { Resource } from "../sst-state.js";
import type { Clients } from "./clients.js";

type Props = Record<string, unknown>;

function tagList(tags: unknown): { Key: string; Value: string }[] {
  return Object.entries((tags ?? {}) as Record<string, string>).map(([Key, Value]) => ({ Key, Value }));
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** A minimal valid zip (an empty archive) as the Lambda code. */
const EMPTY_ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");

export async function materialize(r: Resource, region: string, clients: Clients): Promise<void> {
  const inputs = (r.inputs ?? {}) as Props;
  const outputs = (r.outputs ?? {}) as Props;
  switch (r.type) {
    case "aws:iam/role:Role": {
      const name = str(inputs.name);
      await clients.iam().send(
        new CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: str(inputs.assumeRolePolicy),
          Tags: tagList(inputs.tags),
        }),
      );
      for (const arn of (inputs.managedPolicyArns ?? []) as string[]) {
        await clients.iam().send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
      }
      return;
    }
    case "aws:cloudwatch/logGroup:LogGroup": {
      const name = str(inputs.name);
      await clients
        .logs(region)
        .send(new CreateLogGroupCommand({ logGroupName: name, tags: inputs.tags as Record<string, string> }));
      if (typeof inputs.retentionInDays === "number") {
        await clients
          .logs(region)
          .send(
            new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: inputs.retentionInDays }),
          );
      }
      return;
    }
    case "aws:lambda/function:Function":
      await clients.lambda(region).send(
        new CreateFunctionCommand({
          FunctionName: str(inputs.name),
          Role: str(inputs.role),
          Handler: str(inputs.handler),
          Runtime: str(inputs.runtime) as never,
          MemorySize: inputs.memorySize as number,
          Timeout: inputs.timeout as number,
          Code: { ZipFile: EMPTY_ZIP },
          Environment: {
            Variables: ((inputs.environment as Props | undefined)?.variables ?? {}) as Record<string, string>,
          },
          Tags: inputs.tags as Record<string, string>,
        }),
      );
      return;
    case "aws:dynamodb/table:Table": {
      const keys = [{ AttributeName: str(inputs.hashKey), KeyType: "HASH" as const }];
      if (typeof inputs.rangeKey === "string")
        keys.push({ AttributeName: inputs.rangeKey, KeyType: "RANGE" as never });
      await clients.dynamodb(region).send(
        new CreateTableCommand({
          TableName: str(inputs.name),
          KeySchema: keys,
          AttributeDefinitions: ((inputs.attributes ?? []) as { name: string; type: string }[]).map((a) => ({
            AttributeName: a.name,
            AttributeType: a.type as never,
          })),
          BillingMode: str(inputs.billingMode) as never,
          Tags: tagList(inputs.tags),
        }),
      );
      return;
    }
    case "aws:s3/bucketV2:BucketV2":
    case "aws:s3/bucket:Bucket": {
      const bucket = str(inputs.bucket);
      await clients.s3(region).send(new CreateBucketCommand({ Bucket: bucket }));
      await clients
        .s3(region)
        .send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagList(inputs.tags) } }));
      return;
    }
    case "aws:cloudfront/function:Function": {
      const created = await clients.cloudfront().send(
        new CreateCfFunctionCommand({
          Name: str(inputs.name),
          FunctionConfig: { Comment: "", Runtime: str(inputs.runtime) as never },
          FunctionCode: Buffer.from(str(inputs.code)),
        }),
      );
      if (inputs.publish === true) {
        await clients
          .cloudfront()
          .send(new PublishFunctionCommand({ Name: str(inputs.name), IfMatch: created.ETag }));
      }
      return;
    }
    case "aws:cloudfront/distribution:Distribution": {
      const behaviour = (inputs.defaultCacheBehavior ?? {}) as Props;
      const associations = (behaviour.functionAssociations ?? []) as {
        eventType: string;
        functionArn: string;
      }[];
      const aliases = (inputs.aliases ?? []) as string[];
      const created = await clients.cloudfront().send(
        new CreateDistributionWithTagsCommand({
          DistributionConfigWithTags: {
            DistributionConfig: {
              CallerReference: r.urn,
              Aliases: { Quantity: aliases.length, Items: aliases.length > 0 ? aliases : undefined },
              Comment: str(inputs.comment),
              Enabled: inputs.enabled !== false,
              Origins: {
                Quantity: 1,
                Items: [
                  {
                    Id: "default",
                    DomainName: "origin.invalid",
                    CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only" },
                  },
                ],
              },
              DefaultCacheBehavior: {
                TargetOriginId: "default",
                ViewerProtocolPolicy: "redirect-to-https",
                FunctionAssociations: {
                  Quantity: associations.length,
                  Items: associations.map((a) => ({
                    EventType: a.eventType as never,
                    FunctionARN: a.functionArn,
                  })),
                },
              },
            },
            Tags: { Items: tagList(inputs.tags) },
          },
        }),
      );
      const d = created.Distribution!;
      // The cloud chose the id: the state must hold the one that exists.
      r.id = d.Id!;
      Object.assign(outputs, {
        id: d.Id,
        arn: d.ARN,
        domainName: d.DomainName,
        etag: created.ETag,
        status: d.Status,
      });
      return;
    }
    case "aws:sesv2/emailIdentity:EmailIdentity":
      await clients.sesv2(region).send(
        new CreateEmailIdentityCommand({
          EmailIdentity: str(inputs.emailIdentity),
          Tags: tagList(inputs.tags),
        }),
      );
      return;
    // SST's Email makes one with its identity.
    case "aws:sesv2/configurationSet:ConfigurationSet":
      await clients.sesv2(region).send(
        new CreateConfigurationSetCommand({
          ConfigurationSetName: str(inputs.configurationSetName),
          Tags: tagList(inputs.tags),
        }),
      );
      return;
    case "aws:route53/record:Record":
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
                  TTL: inputs.ttl as number,
                  ResourceRecords: ((inputs.records ?? []) as string[]).map((Value) => ({ Value })),
                },
              },
            ],
          },
        }),
      );
      return;
    default:
      // Providers and components have nothing in the cloud.
      return;
  }
}

/** Deletes what `materialize` made, for the resource types a scenario removes (not CloudFront: it lingers). */
export async function deleteResource(r: Resource, region: string, clients: Clients): Promise<void> {
  const inputs = (r.inputs ?? {}) as Props;
  switch (r.type) {
    case "aws:iam/role:Role":
      for (const arn of (inputs.managedPolicyArns ?? []) as string[]) {
        await clients.iam().send(new DetachRolePolicyCommand({ RoleName: str(inputs.name), PolicyArn: arn }));
      }
      await clients.iam().send(new DeleteRoleCommand({ RoleName: str(inputs.name) }));
      return;
    case "aws:cloudwatch/logGroup:LogGroup":
      await clients.logs(region).send(new DeleteLogGroupCommand({ logGroupName: str(inputs.name) }));
      return;
    case "aws:lambda/function:Function":
      await clients.lambda(region).send(new DeleteFunctionCommand({ FunctionName: str(inputs.name) }));
      return;
    case "aws:dynamodb/table:Table":
      await clients.dynamodb(region).send(new DeleteTableCommand({ TableName: str(inputs.name) }));
      return;
    case "aws:s3/bucketV2:BucketV2":
    case "aws:s3/bucket:Bucket":
      await clients.s3(region).send(new DeleteBucketCommand({ Bucket: str(inputs.bucket) }));
      return;
    default:
      return;
  }
}
