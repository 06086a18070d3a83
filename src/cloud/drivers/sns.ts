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
import { drivers as subscriptionDrivers } from "./sns-subscription.js";
import { nameMatches, type CloudResource, type Identity } from "../../kinds/types.js";
import type { JsonValue, PropertyMap } from "../../state/index.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
  tagMap,
  providerJson,
} from "./types.js";
import { t } from "../../i18n/index.js";

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
    if (attributes === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const client = ctx.clients.sns(identity.region);
    await ctx.call("sns", `DeleteTopic ${arn}`, (signal) =>
      client.send(new DeleteTopicCommand({ TopicArn: arn }), { abortSignal: signal }),
    );
    const subscriptions =
      Number(attributes.SubscriptionsConfirmed ?? 0) + Number(attributes.SubscriptionsPending ?? 0);
    const what = t("cloud.what.topic", { name: identity.name });
    return {
      deleted: true,
      steps: [
        subscriptions > 0
          ? t("cloud.step.deleted-with-subscriptions", { what, count: subscriptions })
          : t("cloud.step.deleted", { what }),
      ],
    };
  }),

  adopt: (ctx, identity) => snsTopicAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [snsTopicDriver, ...subscriptionDrivers];

/* Adopting ------------------------------------------------------------------------------------------ */

/** The delivery-status feedback attributes: pulumi-aws's prefix and AWS's. */
const FEEDBACK: readonly (readonly [string, string])[] = [
  ["application", "Application"],
  ["firehose", "Firehose"],
  ["http", "HTTP"],
  ["lambda", "Lambda"],
  ["sqs", "SQS"],
];

/** The outputs pulumi-aws records for a topic, from its attributes (GetTopicAttributes). */
function topicOutputs(arn: string, name: string, a: Record<string, string>, tags: Record<string, string>) {
  const outputs: PropertyMap = {};
  for (const [ours, theirs] of FEEDBACK) {
    outputs[`${ours}FailureFeedbackRoleArn`] = a[`${theirs}FailureFeedbackRoleArn`] ?? "";
    outputs[`${ours}SuccessFeedbackRoleArn`] = a[`${theirs}SuccessFeedbackRoleArn`] ?? "";
    outputs[`${ours}SuccessFeedbackSampleRate`] = Number(a[`${theirs}SuccessFeedbackSampleRate`] ?? 0);
  }
  const rest: Record<string, JsonValue> = {
    archivePolicy: providerJson(a.ArchivePolicy),
    arn,
    beginningArchiveTime: a.BeginningArchiveTime ?? "",
    contentBasedDeduplication: a.ContentBasedDeduplication === "true",
    deliveryPolicy: providerJson(a.DeliveryPolicy),
    displayName: a.DisplayName ?? "",
    fifoThroughputScope: a.FifoThroughputScope ?? "",
    fifoTopic: a.FifoTopic === "true",
    id: arn,
    kmsMasterKeyId: a.KmsMasterKeyId ?? "",
    name,
    namePrefix: "",
    owner: a.Owner ?? "",
    policy: providerJson(a.Policy),
    signatureVersion: Number(a.SignatureVersion ?? 0),
    tags: { ...tags },
    tagsAll: { ...tags },
    tracingConfig: a.TracingConfig ?? "",
  };
  return Object.fromEntries(Object.entries({ ...outputs, ...rest }).sort(([x], [y]) => (x < y ? -1 : 1)));
}

/**
 * Adopting a topic (`aws:sns/topic:Topic`): the entry pulumi-aws writes, from GetTopicAttributes and
 * ListTagsForResource. Id, `id` and `arn` are the ARN. Checked field by field against pulumi-aws
 * 5.42.0's export (../shared/fixtures/pulumi-aws/sns-topic-5.42.0-stack.json): inputs `name` and the
 * defaults `fifoTopic` and `contentBasedDeduplication` (named in `__defaults`); outputs every attribute
 * with "" or 0 for unset ones, `owner`, and the policy with its keys sorted (the provider normalizes
 * JSON); no `__meta`. By version: pulumi-aws 6 adds `archivePolicy`, `beginningArchiveTime` and
 * `fifoThroughputScope` (written here, "" when unset); 7 (SST 4) adds a `region` output, not written
 * here. Inputs carry what the topic sets beyond AWS's defaults (display name, KMS key, delivery policy,
 * signature version, tracing), the program's likely inputs; the default policy AWS gives every topic
 * stays an output only.
 */
export const snsTopicAdopter: Adopter = {
  kind: snsTopic.kind,

  async read(ctx, identity) {
    const arn = await arnOf(ctx, identity);
    const a = await topicAttributes(ctx, identity.region, arn);
    if (a === undefined) return undefined;
    const tags = await topicTags(ctx, identity.region, arn);
    const name = topicOfArn(arn)?.name ?? identity.name;
    const outputs = topicOutputs(arn, name, a, tags);
    const set = (key: string): PropertyMap => {
      const v = outputs[key];
      return v === "" || v === 0 || v === undefined ? {} : { [key]: v };
    };
    const inputs: PropertyMap = {
      // The provider's defaults (false), named as such only while they still hold.
      __defaults: ["contentBasedDeduplication", "fifoTopic"].filter((k) => outputs[k] === false),
      contentBasedDeduplication: outputs.contentBasedDeduplication!,
      ...set("deliveryPolicy"),
      ...set("displayName"),
      fifoTopic: outputs.fifoTopic!,
      ...set("kmsMasterKeyId"),
      name,
      ...set("signatureVersion"),
      ...(Object.keys(tags).length === 0 ? {} : { tags: { ...tags } }),
      ...set("tracingConfig"),
    };
    return { id: arn, inputs, outputs };
  },
};
