import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll } from "vitest";
import { ACME } from "../../src/sandbox/scenarios/acme.js";
import { SandboxServer, type SandboxOptions } from "../../src/sandbox/server.js";
import { toBytes } from "../../src/sandbox/sst-state.js";
import { sstKeys } from "../../src/state/index.js";

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  maxAttempts?: number;
}

/** Starts a local cloud for the file's tests; `config(region)` points a real SDK client at it. */
export function useSandbox(options: SandboxOptions = {}): {
  server: () => SandboxServer;
  config: (region?: string, extra?: Partial<ClientConfig>) => ClientConfig;
} {
  let server: SandboxServer | undefined;
  beforeAll(async () => {
    server = new SandboxServer(options);
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    server: () => server!,
    config: (region = "us-east-1", extra = {}) => ({
      endpoint: server!.url,
      region,
      credentials: { accessKeyId: "AKIASANDBOXTEST", secretAccessKey: "sandbox-secret" },
      forcePathStyle: true,
      ...extra,
    }),
  };
}

/** Runs `fn` and returns the SDK error it throws (fails the test if it does not throw). */
export async function sdkError(
  fn: () => Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await fn();
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error("expected the call to fail");
}

/** Creates an on-demand DynamoDB table keyed by `pk` through `client`, with these tags (none when left out). */
export function createTable(client: DynamoDBClient, name: string, tags?: Record<string, string>) {
  return client.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      Tags: tags === undefined ? undefined : Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}

/** The environment that points stateward's own clients at the sandbox (and nowhere else). */
export function sandboxEnv(
  sandbox: { server: () => SandboxServer },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: sandbox.server().url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

/** The bytes of `app/<app>/<stage>.json` in a bucket of the sandbox, read with the real SDK. */
export async function stateObject(
  sandbox: { config: (region?: string) => ClientConfig },
  bucket: string,
  key: string,
): Promise<Uint8Array> {
  const s3 = new S3Client(sandbox.config("us-east-1"));
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await res.Body!.transformToByteArray();
  } finally {
    s3.destroy();
  }
}

/**
 * Writes a stage's state (a builder's versioned checkpoint) where SST keeps it in the acme home, as a
 * deploy would: what the kind and driver tests put before running doctor on the stage.
 */
export async function putStageState(
  sandbox: { config: (region?: string) => ClientConfig },
  app: string,
  stage: string,
  builder: { versioned(): unknown },
): Promise<void> {
  const s3 = new S3Client(sandbox.config(ACME.homeRegion));
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.state(app, stage),
        Body: toBytes(builder.versioned()),
      }),
    );
  } finally {
    s3.destroy();
  }
}
