/** Real SDK clients pointed at a local cloud (or any endpoint), for seeding scenarios. */
import https from "node:https";
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { Route53Client } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SSMClient } from "@aws-sdk/client-ssm";

export interface Endpoint {
  url: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The PEM of the local cloud's self-signed certificate, when it serves HTTPS. */
  ca?: string;
}

/** The SDK request handler that trusts the local cloud's own certificate (HTTPS), if it has one. */
export function trusting(endpoint: Endpoint): { requestHandler?: { httpsAgent: https.Agent } } {
  return endpoint.ca === undefined
    ? {}
    : { requestHandler: { httpsAgent: new https.Agent({ ca: endpoint.ca }) } };
}

export class Clients {
  private readonly cache = new Map<string, unknown>();
  constructor(private readonly endpoint: Endpoint) {}

  private config(region: string) {
    return {
      endpoint: this.endpoint.url,
      region,
      credentials: this.endpoint.credentials ?? {
        accessKeyId: "AKIASANDBOXSEED",
        secretAccessKey: "sandbox",
      },
      forcePathStyle: true,
      maxAttempts: 5,
      ...trusting(this.endpoint),
    };
  }

  private get<T>(key: string, make: () => T): T {
    let client = this.cache.get(key) as T | undefined;
    if (client === undefined) {
      client = make();
      this.cache.set(key, client);
    }
    return client;
  }

  s3 = (region: string) => this.get(`s3:${region}`, () => new S3Client(this.config(region)));
  ssm = (region: string) => this.get(`ssm:${region}`, () => new SSMClient(this.config(region)));
  dynamodb = (region: string) =>
    this.get(`dynamodb:${region}`, () => new DynamoDBClient(this.config(region)));
  logs = (region: string) => this.get(`logs:${region}`, () => new CloudWatchLogsClient(this.config(region)));
  lambda = (region: string) => this.get(`lambda:${region}`, () => new LambdaClient(this.config(region)));
  sesv2 = (region: string) => this.get(`sesv2:${region}`, () => new SESv2Client(this.config(region)));
  iam = () => this.get("iam", () => new IAMClient(this.config("us-east-1")));
  route53 = () => this.get("route53", () => new Route53Client(this.config("us-east-1")));
  cloudfront = () => this.get("cloudfront", () => new CloudFrontClient(this.config("us-east-1")));

  destroy(): void {
    for (const c of this.cache.values()) (c as { destroy(): void }).destroy();
    this.cache.clear();
  }
}
