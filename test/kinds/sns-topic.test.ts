/**
 * The SNS topic kind, as pure data: ARNs (a subscription's is not a topic's), state entries (id = ARN),
 * SST's naming, the deletion order, and explain recognising AWS's "Topic already exists with different
 * tags" — and not taking sst#4259's subscription text (test/fixtures/already-exists/
 * sns-topic-subscription.log) for a topic.
 */
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { explainLog } from "../../src/explain/recognise.js";
import {
  deleteRank,
  kindForArn,
  kindForShownType,
  kindForType,
  NAME_RULES,
  typeOfWording,
} from "../../src/kinds/registry.js";
import { snsTopic, topicArn, topicOfArn } from "../../src/kinds/sns-topic.js";
import type { CloudResource } from "../../src/kinds/types.js";
import type { ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";

const ARN = "arn:aws:sns:eu-west-1:123456789012:acme-dev-Events-abcdefgh";

describe("SNS topic ARNs", () => {
  it("a topic's ARN names the topic, its id is the ARN", () => {
    expect(snsTopic.fromArn(ARN)).toEqual({
      name: "acme-dev-Events-abcdefgh",
      id: ARN,
      region: "eu-west-1",
      arn: ARN,
    });
    expect(topicOfArn("arn:aws:sns:us-east-1:123456789012:orders.fifo")?.name).toBe("orders.fifo");
    expect(kindForArn(ARN)?.kind).toBe("sns-topic");
    expect(topicArn("aws", "eu-west-1", "123456789012", "acme-dev-Events-abcdefgh")).toBe(ARN);
  });

  it("a subscription's ARN (the topic's and a UUID) and other services' are not topics", () => {
    expect(snsTopic.fromArn(`${ARN}:0f5c5e2a-8d1c-4c8e-9a4b-1f2e3d4c5b6a`)).toBeUndefined();
    expect(snsTopic.fromArn("arn:aws:sqs:eu-west-1:123456789012:acme-dev-Queue")).toBeUndefined();
    expect(snsTopic.fromArn("arn:aws:sns:eu-west-1:123456789012:bad name")).toBeUndefined();
  });
});

describe("SNS topic entries", () => {
  const b = new SstStateBuilder({ app: "acme", stage: "dev", region: "eu-west-1" });
  const name = b.physicalName("Events", 256);

  it("a created topic: the name input, the ARN as id", () => {
    const entry = { type: "aws:sns/topic:Topic", id: ARN, inputs: { name }, outputs: { arn: ARN, name } };
    expect(snsTopic.identify(entry as unknown as ResourceV3, "eu-west-1")).toEqual({
      name,
      id: ARN,
      region: "eu-west-1",
      arn: ARN,
    });
  });

  it("an entry with only its ARN as id is still named; a pending create is named by its input", () => {
    const bare = { type: "aws:sns/topic:Topic", id: ARN } as unknown as ResourceV3;
    expect(snsTopic.identify(bare, "eu-west-1")).toMatchObject({
      name: "acme-dev-Events-abcdefgh",
      arn: ARN,
    });
    const pending = b.addPendingCreate("aws:sns/topic:Topic", "EventsTopic", { name });
    expect(snsTopic.identify(pending as unknown as ResourceV3, "eu-west-1")).toEqual({
      name,
      id: name,
      region: "eu-west-1",
    });
  });

  it("drift: display name, FIFO flag and KMS key", () => {
    const entry = { outputs: { displayName: "Events", fifoTopic: false, kmsMasterKeyId: "" } };
    const cloud = { detail: { displayName: "Other", fifoTopic: false, kmsMasterKeyId: "" } };
    expect(snsTopic.drift(entry as unknown as ResourceV3, cloud as unknown as CloudResource)).toEqual([
      { property: "displayName", state: "Events", cloud: "Other" },
    ]);
  });
});

describe("SNS topic in the registry", () => {
  it("is found by token, short form and wording, named by SST's rule 256", () => {
    expect(kindForType("aws:sns/topic:Topic")).toBe(snsTopic);
    expect(kindForShownType("aws:sns:Topic")).toBe(snsTopic);
    expect(typeOfWording("SNS Topic")).toBe("aws:sns/topic:Topic");
    expect(NAME_RULES["aws:sns/topic:Topic"]).toEqual({ max: 256, field: "name" });
    const name = new SstStateBuilder({ app: "acme", stage: "dev" }).physicalName("Events", 256);
    expect(name).toMatch(/^acme-dev-Events-[a-z]{8}$/);
  });

  it("is deleted after what points at it (functions, buckets, SES identities) and before roles", () => {
    const topic = deleteRank("aws:sns/topic:Topic");
    for (const t of [
      "aws:lambda/function:Function",
      "aws:s3/bucket:Bucket",
      "aws:sesv2/emailIdentity:EmailIdentity",
    ])
      expect(deleteRank(t)).toBeLessThan(topic);
    expect(deleteRank("aws:iam/role:Role")).toBeGreaterThan(topic);
  });
});

describe("explain", () => {
  // AWS's answer to CreateTopic for a name held with other tags, as quoted in localstack/localstack#2405
  // ("Invalid parameter: Tags Reason: Topic already exists with different tags"), in the lines pulumi-aws
  // and SST print around a failed create (the same frame as sns-topic-subscription.log).
  const log = [
    "$ sst deploy --stage dev",
    "~  Deploy",
    "|  Error       EventsTopic aws:sns:Topic",
    "|  creating SNS Topic (acme-dev-Events-abcdefgh): operation error SNS: CreateTopic, https response error StatusCode: 400, RequestID: 00000000-0000-0000-0000-000000000000, InvalidParameter: Invalid parameter: Tags Reason: Topic already exists with different tags",
    "",
  ].join("\n");

  it("recognises a topic held with other tags, names it and says whose stage it carries", () => {
    const r = explainLog(log);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      rule: "orphan",
      resource: { type: "aws:sns/topic:Topic", name: "acme-dev-Events-abcdefgh" },
    });
  });

  it("does not call sst#4259's subscription conflict a topic", () => {
    const r = explainLog(fixture("sns-topic-subscription.log"));
    expect(r.problems.map((p) => p.resource?.type)).toEqual(["aws:sns/topicSubscription:TopicSubscription"]);
  });
});
