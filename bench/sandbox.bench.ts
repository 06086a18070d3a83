/**
 * Requests per second the local cloud answers for a simple describe call (DynamoDB DescribeTable).
 * The server runs as `stateward sandbox` in its own process, as a user runs it; the real SDK client
 * drives it from this process with keep-alive. Target: at least 2,000/s on this 2-core machine. The
 * floor: a bare Node HTTP server in its own process answering the same call with a fixed document.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { performance } from "node:perf_hooks";
import { spawn } from "node:child_process";
import { startServer } from "./server.js";
import { report } from "./verdict.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

/** Calls DescribeTable from CONCURRENCY loops for SECONDS; how many were done, in how long. */
async function drive(client: DynamoDBClient): Promise<{ done: number; elapsed: number }> {
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
  return { done, elapsed: (performance.now() - start) / 1000 };
}

/** The floor: the same client and load against a bare HTTP server that always answers one table. */
async function bareServerRate(): Promise<number> {
  const body = JSON.stringify({
    Table: {
      TableName: "bench",
      TableStatus: "ACTIVE",
      ItemCount: 0,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    },
  });
  const child = spawn(process.execPath, [
    "-e",
    `const s=require("node:http").createServer((q,r)=>{q.resume();q.on("end",()=>{r.writeHead(200,{"content-type":"application/x-amz-json-1.0"});r.end(${JSON.stringify(body)})})});s.listen(0,"127.0.0.1",()=>console.log(s.address().port))`,
  ]);
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())),
  );
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIABENCH", secretAccessKey: "bench" },
  });
  try {
    for (let i = 0; i < 20; i++) {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, () =>
          client.send(new DescribeTableCommand({ TableName: "bench" })),
        ),
      );
    }
    const { done, elapsed } = await drive(client);
    return done / elapsed;
  } finally {
    client.destroy();
    child.kill();
  }
}

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
    const { done, elapsed } = await drive(client);
    const counts = (await (await fetch(`${endpoint}/_sandbox/requests`)).json()) as {
      byService: Record<string, Record<string, number>>;
    };
    const rate = done / elapsed;
    const floorRate = await bareServerRate();
    console.log("");
    console.log(
      `local cloud (stateward sandbox, own process) — DynamoDB DescribeTable through the SDK, ${CONCURRENCY} in flight, ${SECONDS} s:`,
    );
    console.log(`  ${done} calls (${counts.byService.dynamodb?.DescribeTable ?? 0} counted by the server)`);
    report([
      {
        group: "sandbox",
        name: "DynamoDB DescribeTable requests answered",
        value: rate,
        unit: "/s",
        floor: { name: "bare Node HTTP server, fixed answer", value: floorRate },
        target: { min: 2000 },
      },
    ]);
  } finally {
    client.destroy();
    stop();
  }
}

await sandboxBench();
