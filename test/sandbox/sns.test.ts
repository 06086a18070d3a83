import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
  paginateListTopics,
} from "@aws-sdk/client-sns";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "210987654321" });
const client = (region = "us-east-1") => new SNSClient(sandbox.config(region));
const topicArn = (name: string, region = "us-east-1") => `arn:aws:sns:${region}:210987654321:${name}`;

describe("SNS topics and subscriptions (awsQuery)", () => {
  it("creates a topic and reads its attributes", async () => {
    const out = await client().send(
      new CreateTopicCommand({ Name: "acme-dev-events", Attributes: { DisplayName: "Events" } }),
    );
    expect(out.TopicArn).toBe(topicArn("acme-dev-events"));
    const attrs = await client().send(new GetTopicAttributesCommand({ TopicArn: out.TopicArn }));
    expect(attrs.Attributes).toMatchObject({
      TopicArn: topicArn("acme-dev-events"),
      Owner: "210987654321",
      DisplayName: "Events",
      SubscriptionsConfirmed: "0",
      SubscriptionsPending: "0",
    });
    expect(JSON.parse(attrs.Attributes!.Policy!)).toMatchObject({ Version: "2008-10-17" });
  });

  it("is idempotent for the same name, attributes and tags; refuses different ones", async () => {
    const tags = [{ Key: "sst:app", Value: "acme" }];
    const first = await client().send(new CreateTopicCommand({ Name: "idem", Tags: tags }));
    const again = await client().send(new CreateTopicCommand({ Name: "idem", Tags: tags }));
    expect(again.TopicArn).toBe(first.TopicArn);
    const bare = await client().send(new CreateTopicCommand({ Name: "idem" }));
    expect(bare.TopicArn).toBe(first.TopicArn);
    const e = await sdkError(() =>
      client().send(new CreateTopicCommand({ Name: "idem", Tags: [{ Key: "sst:app", Value: "other" }] })),
    );
    expect(e).toEqual({
      name: "InvalidParameterException",
      status: 400,
      message: "Invalid parameter: Tags Reason: Topic already exists with different tags",
    });
    const a = await sdkError(() =>
      client().send(new CreateTopicCommand({ Name: "idem", Attributes: { DisplayName: "changed" } })),
    );
    expect(a.message).toBe(
      "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
    );
  });

  it("answers NotFound for a topic that does not exist; DeleteTopic of one is no error", async () => {
    const e = await sdkError(() =>
      client().send(new GetTopicAttributesCommand({ TopicArn: topicArn("missing") })),
    );
    expect(e).toEqual({ name: "NotFoundException", status: 404, message: "Topic does not exist" });
    await client().send(new DeleteTopicCommand({ TopicArn: topicArn("missing") }));
  });

  it("pages ListTopics by 100", async () => {
    const region = "eu-west-1";
    for (let i = 0; i < 105; i++) {
      await client(region).send(new CreateTopicCommand({ Name: `t-${String(i).padStart(3, "0")}` }));
    }
    const first = await client(region).send(new ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    expect(first.NextToken).toBeDefined();
    const arns: string[] = [];
    for await (const page of paginateListTopics({ client: client(region) }, {})) {
      arns.push(...(page.Topics ?? []).map((t) => t.TopicArn!));
    }
    expect(arns).toHaveLength(105);
    expect(new Set(arns).size).toBe(105);
  });

  it("subscribes idempotently and refuses different attributes with the text users hit", async () => {
    const { TopicArn } = await client().send(new CreateTopicCommand({ Name: "with-subs" }));
    const endpoint = "arn:aws:sqs:us-east-1:210987654321:acme-dev-jobs";
    const filter = JSON.stringify({ type: ["a"] });
    const sub = await client().send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: endpoint,
        Attributes: { FilterPolicy: filter },
      }),
    );
    expect(sub.SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const again = await client().send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: endpoint,
        Attributes: { FilterPolicy: filter },
      }),
    );
    expect(again.SubscriptionArn).toBe(sub.SubscriptionArn);
    const e = await sdkError(() =>
      client().send(
        new SubscribeCommand({
          TopicArn,
          Protocol: "sqs",
          Endpoint: endpoint,
          Attributes: { FilterPolicy: JSON.stringify({ type: ["b"] }) },
        }),
      ),
    );
    expect(e).toEqual({
      name: "InvalidParameterException",
      status: 400,
      message: "Invalid parameter: Attributes Reason: Subscription already exists with different attributes",
    });
    const pasted = fixture("sns-topic-subscription.log");
    expect(pasted).toContain(`InvalidParameter: ${e.message}`);

    const http = await client().send(
      new SubscribeCommand({ TopicArn, Protocol: "https", Endpoint: "https://example.com/hook" }),
    );
    expect(http.SubscriptionArn).toBe("pending confirmation");
    const list = await client().send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(list.Subscriptions).toHaveLength(2);
    expect(list.Subscriptions).toContainEqual({
      SubscriptionArn: sub.SubscriptionArn,
      Owner: "210987654321",
      Protocol: "sqs",
      Endpoint: endpoint,
      TopicArn,
    });
    await client().send(new UnsubscribeCommand({ SubscriptionArn: sub.SubscriptionArn }));
    const after = await client().send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(after.Subscriptions?.map((s) => s.Protocol)).toEqual(["https"]);
    const bad = await sdkError(() =>
      client().send(new SubscribeCommand({ TopicArn, Protocol: "carrier-pigeon", Endpoint: "x" })),
    );
    expect(bad.name).toBe("InvalidParameterException");
  });

  it("tags topics and reports them to the tagging API", async () => {
    const { TopicArn } = await client().send(
      new CreateTopicCommand({ Name: "tagged-topic", Tags: [{ Key: "sst:app", Value: "acme" }] }),
    );
    await client().send(
      new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: "sst:stage", Value: "dev" }] }),
    );
    await client().send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ["sst:app"] }));
    const tags = await client().send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }));
    expect(tags.Tags).toEqual([{ Key: "sst:stage", Value: "dev" }]);
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config("us-east-1"));
    const found = await tagging.send(
      new GetResourcesCommand({
        TagFilters: [{ Key: "sst:stage", Values: ["dev"] }],
        ResourceTypeFilters: ["sns"],
      }),
    );
    expect(found.ResourceTagMappingList?.map((r) => r.ResourceARN)).toEqual([TopicArn]);
    const e = await sdkError(() =>
      client().send(new ListTagsForResourceCommand({ ResourceArn: topicArn("nope") })),
    );
    expect(e.name).toBe("ResourceNotFoundException");
    expect(e.status).toBe(404);
  });
});
