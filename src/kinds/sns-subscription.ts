/**
 * SNS topic subscription (`aws:sns/topicSubscription:TopicSubscription`, SST's `SnsTopic.subscribe` /
 * `subscribeQueue`, docs/coverage/sst-resources.md §2.6). It has no name: its state id is the
 * subscription ARN AWS gives it (the topic's ARN and `:<uuid>`). What collides is the triple (topic,
 * protocol, endpoint): Subscribe is idempotent for it — the same triple with the same attributes
 * answers the existing subscription's ARN (a pending create silently takes it over) — and with other
 * attributes fails with `InvalidParameter: Invalid parameter: Attributes Reason: Subscription already
 * exists with different attributes` (anomalyco/sst#4259, test/fixtures/already-exists/
 * sns-topic-subscription.log: the subscriber's filter changed and the new subscription met the old;
 * the same behaviour reported against AWS in ThreeDotsLabs/watermill#646: "SNS Subscribe is idempotent
 * but doesn't update attributes", a changed filter policy makes the repeated Subscribe fail).
 * So stateward names a subscription by that triple, `<topic name>|<protocol>|<endpoint>`, which starts
 * with the topic's name: the stage's topics' prefix (`<app>-<stage>-`) lists the stage's
 * subscriptions. Subscriptions take no tags through the tagging API: found by listing the subscriptions
 * of the stage's topics (ListSubscriptionsByTopic) only.
 *
 * Deleting a topic deletes its subscriptions; a subscription goes before the topic (Unsubscribe),
 * and before the queue or function it delivers to.
 */
import { t } from "../i18n/index.js";
import { compareProps, prop, splitArn, type Identity, type Kind } from "./types.js";

const TOKEN = "aws:sns/topicSubscription:TopicSubscription";

/** A subscription's ARN: the topic's and `:<uuid>` (`arn:aws:sns:<region>:<account>:<topic>:<uuid>`). */
const SUBSCRIPTION_RESOURCE =
  /^([A-Za-z0-9_-]{1,256}(?:\.fifo)?):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The topic and subscription id a subscription ARN holds; undefined for any other text. */
export function subscriptionOfArn(
  arn: string,
): { topicArn: string; topicName: string; region: string; account: string } | undefined {
  const a = splitArn(arn);
  const m = a?.service === "sns" ? SUBSCRIPTION_RESOURCE.exec(a.resource) : null;
  if (a === undefined || m === null) return undefined;
  const topicArn = arn.slice(0, arn.length - m[2]!.length - 1);
  return { topicArn, topicName: m[1]!, region: a.region, account: a.account };
}

/** The topic name in a topic ARN, or the text itself when it is a bare name. */
function topicNameOf(topic: string): string {
  const a = splitArn(topic);
  return a?.service === "sns" ? a.resource : topic;
}

/** How stateward names a subscription: the triple that must be unique, `<topic name>|<protocol>|<endpoint>`. */
export function subscriptionName(topic: string, protocol: string, endpoint: string): string {
  return `${topicNameOf(topic)}|${protocol}|${endpoint}`;
}

/** The parts of a subscription's name (`subscriptionName`); undefined for any other text. */
export function splitSubscriptionName(
  name: string,
): { topicName: string; protocol: string; endpoint: string } | undefined {
  const m = /^([A-Za-z0-9_.-]+)\|([a-z-]+)\|(.+)$/.exec(name);
  return m === null ? undefined : { topicName: m[1]!, protocol: m[2]!, endpoint: m[3]! };
}

export const snsSubscription: Kind = {
  kind: "sns-subscription",
  get label() {
    return t("kinds.sns-subscription.label");
  },
  types: [TOKEN],
  cfnType: "AWS::SNS::Subscription",
  service: "sns",
  global: false,
  // Subscriptions carry no tags in the tagging API: listed through their topics.
  taggable: false,
  // No name of its own: SNS chose its ARN.
  nameFields: [],
  wording: {
    get label() {
      return t("kinds.sns-subscription.wording");
    },
    // pulumi-aws words it `creating SNS Topic Subscription: …` (terraform-provider-aws
    // internal/service/sns/topic_subscription.go). Listed before the topic kind, whose words
    // ("sns topic") these contain.
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["sns topic subscription"],
    alreadyExists: [
      {
        // anomalyco/sst#4259: Subscribe for a (topic, protocol, endpoint) that has a subscription
        // with other attributes (a filter policy, raw delivery, …). The same code as the topic's
        // "Topic already exists with different …": no `takenElsewhere` here, so looking a cause up
        // by the code never mixes the two.
        re: /Invalid parameter: Attributes Reason: Subscription already exists with different attributes/,
        code: "InvalidParameter",
      },
    ],
    // The blocking subscription's ARN is what `pulumi import` takes; the log never shows it.
    importId: (name) => (subscriptionOfArn(name) === undefined ? undefined : name),
  },
  // Before what it delivers to (functions 2, queues 4.8) and its topic (9); after event source mappings.
  deleteRank: 1.6,

  perParent: true,

  stagePrefixes(app, stage) {
    // Topic names of the stage: their subscriptions' names start with them.
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    const s = subscriptionOfArn(arn);
    return s === undefined ? undefined : { name: arn, id: arn, region: s.region, arn };
  },

  identify(resource, region) {
    const topic = prop(resource, "topic");
    const protocol = prop(resource, "protocol");
    const endpoint = prop(resource, "endpoint");
    const id = resource.id ?? prop(resource, "arn");
    const name =
      topic !== undefined && protocol !== undefined && endpoint !== undefined
        ? subscriptionName(topic, protocol, endpoint)
        : id;
    if (name === undefined || name === "") return undefined;
    const fromTopic = topic === undefined ? undefined : splitArn(topic)?.region;
    const identity: Identity = { name, id: id ?? name, region: fromTopic ?? region };
    const arn = id !== undefined && subscriptionOfArn(id) !== undefined ? id : undefined;
    if (arn !== undefined) identity.arn = arn;
    return identity;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["filterPolicy", "filterPolicyScope", "rawMessageDelivery"]);
  },
};
