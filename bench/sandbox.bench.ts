/**
 * Requests per second the local cloud answers for a simple describe call (DynamoDB DescribeTable),
 * driven by the real SDK client with keep-alive, from the same process. Target: at least 2,000/s.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { performance } from "node:perf_hooks";
import { SandboxServer } from "../src/sandbox/server.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

export async function sandboxBench(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const server = new SandboxServer();
  const url = await server.start();
  const client = new DynamoDBClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIABENCH", secretAccessKey: "bench" },
  });
  await client.send(
    new CreateTableCommand({
      TableName: "bench",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  // Warm up connections and JIT.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, () => client.send(new DescribeTableCommand({ TableName: "bench" }))),
  );
  server.resetCounts();
  let done = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await client.send(new DescribeTableCommand({ TableName: "bench" }));
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const counted = server.requestCounts.byService.dynamodb?.DescribeTable ?? 0;
  client.destroy();
  await server.stop();
  const rate = done / elapsed;
  console.log("");
  console.log(
    `local cloud — DynamoDB DescribeTable through the SDK, ${CONCURRENCY} in flight, ${SECONDS} s, client and server in one process on this machine:`,
  );
  console.log(
    `  ${done} calls (${counted} counted by the server), ${rate.toFixed(0)} requests/s   target >= 2000/s ${rate >= 2000 ? "ok" : "MISSED"}`,
  );
}
