/**
 * An adopted SQS queue against what pulumi-aws itself wrote for one (pulumi-aws 5.42's recorded export
 * ../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json, read at run time): a queue made in the local
 * cloud with that queue's settings is adopted, and its entry compared field by field — the same output
 * keys, each with the same value except what names the queue (its name, URL, ARN), and inputs that
 * use the schema's keys with the values of the outputs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { adopterFor } from "../../../src/cloud/drivers/index.js";
import { sqsQueue } from "../../../src/kinds/sqs-queue.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { sandboxEnv, useSandbox } from "../../sandbox/harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURE = path.resolve(REPO, "../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json");
const TOKEN = "aws:sqs/queue:Queue";
const REGION = "us-east-1";

type Props = Record<string, unknown>;

function realEntry(): { id: string; inputs: Props; outputs: Props } {
  const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { deployment: { resources: ResourceV3[] } };
  const r = doc.deployment.resources.find((x) => x.type === TOKEN)!;
  return { id: r.id!, inputs: r.inputs ?? {}, outputs: r.outputs ?? {} };
}

/** What names the queue: differs between the fixture's queue and the one adopted here. */
const NAMING = new Set(["arn", "id", "name", "url"]);

const sandbox = useSandbox();
let sqs: SQSClient;
let clients: AwsClients;
beforeAll(() => {
  sqs = new SQSClient(sandbox.config(REGION));
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
});
afterAll(() => {
  sqs.destroy();
  clients.destroy();
});

describe("an adopted SQS queue has the entry pulumi-aws writes", () => {
  it("compared field by field with pulumi-aws 5.42's queue", async () => {
    const real = realEntry();
    const name = "shape-test-Queue-abcdefgh";
    // The fixture's queue: its program set the visibility timeout; 256 KiB was AWS's default then.
    await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(real.outputs.visibilityTimeoutSeconds),
          MaximumMessageSize: String(real.outputs.maxMessageSize),
        },
      }),
    );
    const adopter = (await adopterFor(sqsQueue.kind))!;
    const adopted = (await adopter.read(cloudContext(clients), { name, id: name, region: REGION }))!;
    expect(adopted).toBeDefined();
    const url = `https://sqs.${REGION}.amazonaws.com/${sandbox.server().accountId}/${name}`;
    expect(adopted.id).toBe(url);
    // Adopting by its URL (the Pulumi id, as doctor shows it) reads the same entry.
    const byUrl = await adopter.read(cloudContext(clients), { name: url, id: url, region: REGION });
    expect(byUrl).toEqual(adopted);
    // The fixture's id is its URL too.
    expect(real.id).toBe(real.outputs.url);

    // Outputs: the same keys, no __meta (pulumi-aws 5.42 writes none for a queue), the same values.
    expect(Object.keys(adopted.outputs).sort()).toEqual(Object.keys(real.outputs).sort());
    for (const [k, v] of Object.entries(real.outputs)) {
      if (NAMING.has(k)) expect(typeof adopted.outputs[k], `outputs.${k}`).toBe(typeof v);
      else expect(adopted.outputs[k], `outputs.${k}`).toEqual(v);
    }
    expect(adopted.outputs).toMatchObject({
      id: url,
      url,
      name,
      arn: `arn:aws:sqs:${REGION}:${sandbox.server().accountId}:${name}`,
    });

    // Inputs: __defaults, the schema's keys only, and the values the outputs hold.
    expect(adopted.inputs.__defaults).toEqual([]);
    for (const [k, v] of Object.entries(adopted.inputs)) {
      if (k === "__defaults") continue;
      expect(Object.keys(real.outputs), `inputs.${k}`).toContain(k);
      expect(v, `inputs.${k}`).toEqual(adopted.outputs[k]);
    }
    // Every input the fixture records is among them (what the program set and what pulumi-aws defaulted).
    const realInputs = Object.keys(real.inputs).filter((k) => k !== "__defaults");
    expect(realInputs.filter((k) => !(k in adopted.inputs))).toEqual([]);

    // And the kind identifies the adopted entry as the queue it is.
    const entry = { type: TOKEN, id: adopted.id, inputs: adopted.inputs, outputs: adopted.outputs };
    expect(sqsQueue.identify(entry as unknown as ResourceV3, REGION)).toEqual({
      name,
      id: url,
      region: REGION,
      arn: adopted.outputs.arn,
    });
  });

  it("a FIFO queue: its name with .fifo, the FIFO flag and settings as SQS reports them", async () => {
    const name = "shape-test-Events-abcdefgh.fifo";
    await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { FifoQueue: "true" } }));
    const adopted = (await (await adopterFor(sqsQueue.kind))!.read(cloudContext(clients), {
      name,
      id: name,
      region: REGION,
    }))!;
    expect(Object.keys(adopted.outputs).sort()).toEqual(Object.keys(realEntry().outputs).sort());
    expect(adopted.outputs).toMatchObject({
      name,
      fifoQueue: true,
      contentBasedDeduplication: false,
      deduplicationScope: "queue",
      fifoThroughputLimit: "perQueue",
    });
    expect(adopted.inputs).toMatchObject({ name, fifoQueue: true, deduplicationScope: "queue" });
  });
});
