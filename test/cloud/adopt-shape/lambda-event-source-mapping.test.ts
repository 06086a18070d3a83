/**
 * An adopted Lambda event source mapping against what pulumi-aws itself wrote for one: the queue
 * subscription's mapping in pulumi-aws 5.42's recorded export (../shared/fixtures/pulumi-aws/
 * queue-5.42.0-stack.json, read at run time). A mapping made in the local cloud with that mapping's
 * settings (an SQS source, batch size 1) is adopted by its UUID and by its (function, source) pair,
 * and its entry compared field by field — the same output keys, each with the same value except what
 * names it (UUID, function, source, time), and the same input keys and values.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { adopterFor } from "../../../src/cloud/drivers/index.js";
import { lambdaEventSourceMapping } from "../../../src/kinds/lambda-event-source-mapping.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { sandboxEnv, useSandbox } from "../../sandbox/harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURE = path.resolve(REPO, "../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json");
const TOKEN = "aws:lambda/eventSourceMapping:EventSourceMapping";
const REGION = "us-east-1";
const ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");

type Props = Record<string, unknown>;

function realEntry(): { id: string; inputs: Props; outputs: Props } {
  const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { deployment: { resources: ResourceV3[] } };
  const r = doc.deployment.resources.find((x) => x.type === TOKEN)!;
  return { id: r.id!, inputs: r.inputs ?? {}, outputs: r.outputs ?? {} };
}

/** What names the mapping (or dates it): differs between the fixture's and the one adopted here. */
const NAMING = new Set(["eventSourceArn", "functionArn", "functionName", "id", "lastModified", "uuid"]);

const sandbox = useSandbox();
let lambda: LambdaClient;
let clients: AwsClients;
beforeAll(() => {
  lambda = new LambdaClient(sandbox.config(REGION));
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
});
afterAll(() => {
  lambda.destroy();
  clients.destroy();
});

describe("an adopted Lambda event source mapping has the entry pulumi-aws writes", () => {
  it("compared field by field with pulumi-aws 5.42's queue subscription", async () => {
    const real = realEntry();
    const account = sandbox.server().accountId;
    const fn = "shape-test-Sub-abcdefgh";
    const queue = `arn:aws:sqs:${REGION}:${account}:shape-test-Queue-abcdefgh`;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: fn,
        Role: `arn:aws:iam::${account}:role/r`,
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: ZIP },
      }),
    );
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: fn,
        EventSourceArn: queue,
        BatchSize: Number(real.inputs.batchSize),
        Enabled: real.inputs.enabled === true,
      }),
    );
    const uuid = created.UUID!;
    const adopter = (await adopterFor(lambdaEventSourceMapping.kind))!;
    const ctx = cloudContext(clients);
    const adopted = (await adopter.read(ctx, { name: uuid, id: uuid, region: REGION }))!;
    expect(adopted.id).toBe(uuid);
    // By the pair a pending create names (no UUID yet): the same entry.
    const pair = `${fn}|${queue}`;
    expect(await adopter.read(ctx, { name: pair, id: pair, region: REGION })).toEqual(adopted);
    // The fixture's id is its UUID too.
    expect(real.id).toBe(real.outputs.uuid);

    // Outputs: the same keys, no __meta (pulumi-aws 5.42 writes none), the same values.
    expect(Object.keys(adopted.outputs).sort()).toEqual(Object.keys(real.outputs).sort());
    for (const [k, v] of Object.entries(real.outputs)) {
      if (NAMING.has(k)) expect(typeof adopted.outputs[k], `outputs.${k}`).toBe(typeof v);
      else expect(adopted.outputs[k], `outputs.${k}`).toEqual(v);
    }
    const fnArn = `arn:aws:lambda:${REGION}:${account}:function:${fn}`;
    expect(adopted.outputs).toMatchObject({
      id: uuid,
      uuid,
      eventSourceArn: queue,
      functionArn: fnArn,
      // pulumi-aws reads the function's ARN back into functionName.
      functionName: fnArn,
    });
    expect(adopted.outputs.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // Inputs: the fixture's keys, with its values except what names the mapping.
    expect(Object.keys(adopted.inputs).sort()).toEqual(Object.keys(real.inputs).sort());
    for (const [k, v] of Object.entries(real.inputs)) {
      if (!NAMING.has(k)) expect(adopted.inputs[k], `inputs.${k}`).toEqual(v);
    }
    expect(adopted.inputs).toMatchObject({ functionName: fn, eventSourceArn: queue });
  });
});
