/**
 * An adopted SNS topic against what pulumi-aws itself writes: the entry read from the local cloud is
 * compared, key by key, with the topic in pulumi-aws 5.42.0's recorded export
 * (../shared/fixtures/pulumi-aws/sns-topic-5.42.0-stack.json, read at run time, never copied). Values
 * that describe the resource (not the fixture's account) are compared too: defaults, "" and 0 for
 * unset attributes, the normalized default policy.
 */
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { adopterFor } from "../../../src/cloud/drivers/index.js";
import { snsTopic } from "../../../src/kinds/sns-topic.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { useSandbox } from "../../sandbox/harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURE = path.resolve(REPO, "../shared/fixtures/pulumi-aws/sns-topic-5.42.0-stack.json");
const ACCOUNT = "616138583583";
const REGION = "us-west-2";
/** Keys pulumi-aws 6 writes that 5.42.0 did not ("" when unset). */
const V6_KEYS = ["archivePolicy", "beginningArchiveTime", "fifoThroughputScope"];

function realTopic(): ResourceV3 {
  const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { deployment: { resources: ResourceV3[] } };
  return doc.deployment.resources.find((r) => r.type === "aws:sns/topic:Topic")!;
}

const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let sns: SNSClient;
beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  sns = new SNSClient(sandbox.config(REGION));
});
afterAll(() => {
  clients.destroy();
  sns.destroy();
});

describe("an adopted SNS topic", () => {
  it("is the entry pulumi-aws 5.42.0 recorded for the same topic, plus pulumi-aws 6's keys", async () => {
    const real = realTopic();
    const name = real.inputs!.name as string;
    await sns.send(new CreateTopicCommand({ Name: name }));
    const identity = snsTopic.identify(real, REGION)!;
    const adopted = await (await adopterFor("sns-topic"))!.read(cloudContext(clients), identity);
    expect(adopted).toBeDefined();
    expect(adopted!.id).toBe(real.id);
    expect(adopted!.inputs).toEqual(real.inputs);
    const extra = Object.keys(adopted!.outputs).filter((k) => !(k in real.outputs!));
    expect(extra.sort()).toEqual(V6_KEYS);
    for (const k of V6_KEYS) expect(adopted!.outputs[k]).toBe("");
    const shared = Object.fromEntries(Object.keys(real.outputs!).map((k) => [k, adopted!.outputs[k]]));
    expect(shared).toEqual(real.outputs);
  });

  it("a FIFO topic with a display name and tags: its inputs say so, its defaults are no longer defaults", async () => {
    await sns.send(
      new CreateTopicCommand({
        Name: "shape-test-Orders-abcdefgh.fifo",
        Attributes: { FifoTopic: "true", DisplayName: "Orders" },
        Tags: [{ Key: "sst:stage", Value: "test" }],
      }),
    );
    const arn = `arn:aws:sns:${REGION}:${ACCOUNT}:shape-test-Orders-abcdefgh.fifo`;
    const adopted = await (await adopterFor("sns-topic"))!.read(cloudContext(clients), {
      name: "shape-test-Orders-abcdefgh.fifo",
      id: arn,
      region: REGION,
    });
    expect(adopted!.inputs).toEqual({
      __defaults: ["contentBasedDeduplication"],
      contentBasedDeduplication: false,
      displayName: "Orders",
      fifoTopic: true,
      name: "shape-test-Orders-abcdefgh.fifo",
      tags: { "sst:stage": "test" },
    });
    expect(adopted!.outputs).toMatchObject({
      fifoTopic: true,
      displayName: "Orders",
      tags: { "sst:stage": "test" },
      tagsAll: { "sst:stage": "test" },
    });
  });
});
