import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from "@aws-sdk/client-dynamodb";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Faults } from "../../src/sandbox/core/faults.js";
import { SandboxServer, credentialScope } from "../../src/sandbox/server.js";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox();
const dynamo = (extra: Record<string, unknown> = {}) =>
  new DynamoDBClient({ ...sandbox.config("us-east-1"), ...extra });

async function adminJson(method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.server().url}/_sandbox/${route}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

describe("routing and identity", () => {
  it("reads the service and region from the SigV4 credential scope and the presigned query", () => {
    expect(
      credentialScope(
        "AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x",
        new URLSearchParams(),
      ),
    ).toEqual({ accessKeyId: "AKID", region: "eu-west-1", service: "dynamodb" });
    expect(
      credentialScope(
        undefined,
        new URLSearchParams({ "X-Amz-Credential": "AKID/20250101/us-west-2/s3/aws4_request" }),
      ),
    ).toEqual({
      accessKeyId: "AKID",
      region: "us-west-2",
      service: "s3",
    });
    expect(credentialScope(undefined, new URLSearchParams())).toBeUndefined();
  });

  it("refuses an unsigned request with 403", async () => {
    const res = await fetch(`${sandbox.server().url}/`, { method: "POST" });
    expect(res.status).toBe(403);
  });
});

describe("counters and faults", () => {
  it("counts requests per service and operation, readable over the admin route", async () => {
    await adminJson("DELETE", "requests");
    await dynamo().send(new ListTablesCommand({}));
    await dynamo().send(new ListTablesCommand({}));
    await new STSClient(sandbox.config()).send(new GetCallerIdentityCommand({}));
    const counts = (await adminJson("GET", "requests")) as {
      total: number;
      byService: Record<string, Record<string, number>>;
    };
    expect(counts.byService.dynamodb?.ListTables).toBe(2);
    expect(counts.byService.sts?.GetCallerIdentity).toBe(1);
    expect(counts.total).toBe(3);
  });

  it("throttles with the service's own error, which the SDK retries until it succeeds", async () => {
    await adminJson("PUT", "faults", {
      seed: 7,
      rules: [{ service: "dynamodb", operation: "ListTables", throttleRate: 0.5 }],
    });
    await adminJson("DELETE", "requests");
    try {
      for (let i = 0; i < 10; i++) await dynamo({ maxAttempts: 10 }).send(new ListTablesCommand({}));
      const counts = (await adminJson("GET", "requests")) as {
        byService: Record<string, Record<string, number>>;
      };
      // Ten calls succeeded, and some of them only on a retry.
      expect(counts.byService.dynamodb!.ListTables).toBeGreaterThan(10);
      // Without retries, one of a few calls meets the throttle and sees DynamoDB's own error.
      const e = await sdkError(async () => {
        for (let i = 0; i < 20; i++) await dynamo({ maxAttempts: 1 }).send(new ListTablesCommand({}));
      });
      expect(e).toMatchObject({ name: "ThrottlingException", status: 400 });
    } finally {
      await adminJson("PUT", "faults", { rules: [] });
    }
  });

  it("answers 500s at a rate, which the SDK retries", async () => {
    await adminJson("PUT", "faults", { seed: 3, rules: [{ service: "dynamodb", errorRate: 0.4 }] });
    try {
      await dynamo({ maxAttempts: 10 })
        .send(
          new CreateTableCommand({
            TableName: "flaky",
            KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
            AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
            BillingMode: "PAY_PER_REQUEST",
          }),
        )
        .catch((e: Error) => {
          // A retried create may find its own first attempt: that is AWS's behaviour too.
          if (e.name !== "ResourceInUseException") throw e;
        });
      const out = await dynamo({ maxAttempts: 10 }).send(new DescribeTableCommand({ TableName: "flaky" }));
      expect(out.Table?.TableName).toBe("flaky");
    } finally {
      await adminJson("PUT", "faults", { rules: [] });
    }
  });

  it("drops connections, which surface as a network error", async () => {
    await adminJson("PUT", "faults", {
      rules: [{ service: "dynamodb", operation: "ListTables", dropRate: 1 }],
    });
    try {
      let error: Error | undefined;
      try {
        await dynamo({ maxAttempts: 1 }).send(new ListTablesCommand({}));
      } catch (e) {
        error = e as Error;
      }
      expect(error).toBeDefined();
      expect(error!.name).not.toMatch(/Exception$/);
      expect(`${error!.name} ${error!.message} ${String((error as { code?: string }).code)}`).toMatch(
        /socket hang up|ECONNRESET|TimeoutError|aborted/i,
      );
    } finally {
      await adminJson("PUT", "faults", { rules: [] });
    }
  });

  it("adds latency", async () => {
    await adminJson("PUT", "faults", { rules: [{ service: "sts", latencyMs: 150 }] });
    try {
      const start = Date.now();
      await new STSClient(sandbox.config()).send(new GetCallerIdentityCommand({}));
      expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    } finally {
      await adminJson("PUT", "faults", { rules: [] });
    }
  });

  it("decides the same way for the same seed", () => {
    const a = new Faults({ seed: 42, rules: [{ throttleRate: 0.3, errorRate: 0.2, dropRate: 0.1 }] });
    const b = new Faults({ seed: 42, rules: [{ throttleRate: 0.3, errorRate: 0.2, dropRate: 0.1 }] });
    const seqA = Array.from({ length: 200 }, (_, i) => a.decide(i % 2 === 0 ? "s3" : "iam", "Op").action);
    const seqB = Array.from({ length: 200 }, (_, i) => b.decide(i % 2 === 0 ? "s3" : "iam", "Op").action);
    expect(seqA).toEqual(seqB);
    const counts = { none: 0, throttle: 0, error: 0, drop: 0 };
    for (const x of seqA) counts[x]++;
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(5);
    // Another service's traffic does not change what this one sees.
    const c = new Faults({ seed: 42, rules: [{ throttleRate: 0.3, errorRate: 0.2, dropRate: 0.1 }] });
    const onlyS3 = Array.from({ length: 100 }, () => c.decide("s3", "Op").action);
    expect(onlyS3).toEqual(seqA.filter((_, i) => i % 2 === 0));
  });
});

describe("persistence", () => {
  it("keeps resources across restarts with a data directory", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sandbox-data-"));
    const first = new SandboxServer({ dataDir, accountId: "999988887777" });
    await first.start();
    const client = new DynamoDBClient({ ...sandbox.config("eu-west-1"), endpoint: first.url });
    await client.send(
      new CreateTableCommand({
        TableName: "kept",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    await first.stop();
    const second = new SandboxServer({ dataDir, accountId: "999988887777" });
    await second.start();
    try {
      const out = await new DynamoDBClient({ ...sandbox.config("eu-west-1"), endpoint: second.url }).send(
        new DescribeTableCommand({ TableName: "kept" }),
      );
      expect(out.Table?.TableArn).toBe("arn:aws:dynamodb:eu-west-1:999988887777:table/kept");
    } finally {
      await second.stop();
    }
  });
});
