/**
 * Requests per second the local cloud answers for a simple describe call (DynamoDB DescribeTable).
 * The server runs as `stateward sandbox` in its own process, as a user runs it; the real SDK client
 * drives it from this process with keep-alive. Target: at least 2,000/s on this 2-core machine.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { performance } from "node:perf_hooks";
import { startServer } from "./server.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

async function sandboxBench(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { endpoint, stop } = await startServer();
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIABENCH", secretAccessKey: "bench" },
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: "bench",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    // Warm up connections and JIT on both sides.
    for (let i = 0; i < 20; i++) {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, () =>
          client.send(new DescribeTableCommand({ TableName: "bench" })),
        ),
      );
    }
    await fetch(`${endpoint}/_sandbox/requests`, { method: "DELETE" });
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
    const counts = (await (await fetch(`${endpoint}/_sandbox/requests`)).json()) as {
      byService: Record<string, Record<string, number>>;
    };
    const rate = done / elapsed;
    console.log("");
    console.log(
      `local cloud (stateward sandbox, own process) — DynamoDB DescribeTable through the SDK, ${CONCURRENCY} in flight, ${SECONDS} s:`,
    );
    console.log(
      `  ${done} calls (${counts.byService.dynamodb?.DescribeTable ?? 0} counted by the server), ${rate.toFixed(0)} requests/s   target >= 2000/s ${rate >= 2000 ? "ok" : "MISSED"}`,
    );
  } finally {
    client.destroy();
    stop();
  }
}

await sandboxBench();
