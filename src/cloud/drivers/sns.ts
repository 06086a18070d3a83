/**
 * Amazon SNS, the driver for topics (src/kinds/sns-topic.ts): GetTopicAttributes and
 * ListTagsForResource by ARN, ListTopics (no name filter in the API: every topic of the region, 100
 * a page, kept by name), and the gated DeleteTopic. A topic is read by its ARN; an identity without
 * one (a pending create, named by its input) gets the ARN CreateTopic would answer, from the caller's
 * account and partition.
 */
import {
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
} from "@aws-sdk/client-sns";
import { snsTopic, topicArn, topicOfArn } from "../../kinds/sns-topic.js";
import { nameMatches, type CloudResource, type Identity } from "../../kinds/types.js";
import {
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
  tagMap,
} from "./types.js";

/** GetTopicAttributes on a topic that is not there: `NotFound` (404). */
const MISSING = ["NotFound", "NotFoundException", "ResourceNotFound", "ResourceNotFoundException"];

/** The topic's ARN: the identity's, its id when that is one, else built from the caller's account. */
export async function arnOf(ctx: CloudContext, identity: Identity): Promise<string> {
  if (identity.arn !== undefined && topicOfArn(identity.arn) !== undefined) return identity.arn;
  if (topicOfArn(identity.id) !== undefined) return identity.id;
  const caller = await ctx.clients.callerIdentity(ctx.signal);
  const partition = caller.arn.split(":")[1] || "aws";
  return topicArn(partition, identity.region, caller.account, identity.name);
}

/** A topic's attributes (GetTopicAttributes); undefined when there is no such topic. */
export async function topicAttributes(
  ctx: CloudContext,
  region: string,
  arn: string,
): Promise<Record<string, string> | undefined> {
  const client = ctx.clients.sns(region);
  const got = await callUnlessMissing(ctx, MISSING, "sns", `GetTopicAttributes ${arn}`, (signal) =>
    client.send(new GetTopicAttributesCommand({ TopicArn: arn }), { abortSignal: signal }),
  );
  return got === undefined ? undefined : (got.Attributes ?? {});
}

/** A topic's tags (ListTagsForResource); none when it is gone meanwhile. */
export async function topicTags(
  ctx: CloudContext,
  region: string,
  arn: string,
): Promise<Record<string, string>> {
  const client = ctx.clients.sns(region);
  const got = await callUnlessMissing(ctx, MISSING, "sns", `ListTagsForResource ${arn}`, (signal) =>
    client.send(new ListTagsForResourceCommand({ ResourceArn: arn }), { abortSignal: signal }),
  );
  return tagMap(got?.Tags);
}

/** Every topic ARN of the region (ListTopics, paged). */
async function listTopicArns(ctx: CloudContext, region: string): Promise<string[]> {
  const client = ctx.clients.sns(region);
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call("sns", "ListTopics", (signal) =>
      client.send(new ListTopicsCommand({ NextToken: token }), { abortSignal: signal }),
    );
    for (const t of page.Topics ?? []) if (t.TopicArn !== undefined) arns.push(t.TopicArn);
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return arns;
}

export const snsTopicDriver: KindDriver = {
  ...snsTopic,

  async read(ctx, identity) {
    const arn = await arnOf(ctx, identity);
    const attributes = await topicAttributes(ctx, identity.region, arn);
    if (attributes === undefined) return undefined;
    const tags = await topicTags(ctx, identity.region, arn);
    return found(snsTopic, {
      name: topicOfArn(arn)?.name ?? identity.name,
      id: arn,
      arn,
      region: identity.region,
      tags,
      foundBy: "read",
      detail: {
        displayName: attributes.DisplayName ?? "",
        fifoTopic: attributes.FifoTopic === "true",
        kmsMasterKeyId: attributes.KmsMasterKeyId ?? "",
      },
    });
  },

  async listByName(ctx, region, filter) {
    const listed: CloudResource[] = [];
    for (const arn of await listTopicArns(ctx, region)) {
      const topic = topicOfArn(arn);
      if (topic === undefined || !nameMatches(filter, topic.name)) continue;
      listed.push(found(snsTopic, { name: topic.name, id: arn, arn, region, foundBy: "name" }));
    }
    return listed;
  },

  /**
   * DeleteTopic deletes the topic's subscriptions with it, and answers the same whether the topic
   * was there or not; so the topic is read first, to say which it was and how many subscriptions
   * went with it. Nothing to wait for: the name is free once the call returns.
   */
  delete: gatedDelete(snsTopic.kind, async (ctx, identity) => {
    const arn = await arnOf(ctx, identity);
    const attributes = await topicAttributes(ctx, identity.region, arn);
    if (attributes === undefined) return { deleted: true, steps: ["already gone"] };
    const client = ctx.clients.sns(identity.region);
    await ctx.call("sns", `DeleteTopic ${arn}`, (signal) =>
      client.send(new DeleteTopicCommand({ TopicArn: arn }), { abortSignal: signal }),
    );
    const subscriptions =
      Number(attributes.SubscriptionsConfirmed ?? 0) + Number(attributes.SubscriptionsPending ?? 0);
    const what = `topic ${identity.name}`;
    return {
      deleted: true,
      steps: [
        subscriptions > 0 ? `deleted ${what} and its ${subscriptions} subscription(s)` : `deleted ${what}`,
      ],
    };
  }),
};

export const drivers: readonly KindDriver[] = [snsTopicDriver];
