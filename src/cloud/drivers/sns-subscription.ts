/**
 * SNS topic subscriptions (src/kinds/sns-subscription.ts), served from the sns driver module (`drivers`
 * of ./sns.ts). GetSubscriptionAttributes by ARN; ListSubscriptionsByTopic (100 a page) for the topics
 * a listing asks about — by the topic names in the subscription names a state gives, or, for a stage's
 * prefix, every topic of the region whose name has it (ListTopics, 100 a page); the gated Unsubscribe.
 *
 * Reading: by ARN when the identity has one (the state id), else by the triple its name holds: the
 * topic's subscriptions, the one with that protocol and endpoint — what a pending create (no ARN yet)
 * meets. A subscription still pending confirmation (http, https, email) is listed with
 * `PendingConfirmation` instead of an ARN: it is seen, but can be neither read nor unsubscribed (AWS:
 * "Cannot unsubscribe a subscription that is pending confirmation"); it expires unless confirmed.
 */
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import { topicArn, topicOfArn } from "../../kinds/sns-topic.js";
import {
  snsSubscription as kind,
  splitSubscriptionName,
  subscriptionName,
  subscriptionOfArn,
} from "../../kinds/sns-subscription.js";
import { nameMatches, type CloudResource, type Identity, type NameFilter } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
  providerJson,
} from "./types.js";
import { t } from "../../i18n/index.js";

/** GetSubscriptionAttributes / ListSubscriptionsByTopic / Unsubscribe on what is not there: `NotFound` (404). */
const MISSING = ["NotFound", "NotFoundException"];

/** One subscription as ListSubscriptionsByTopic shows it (`arn` undefined while pending confirmation). */
interface Listed {
  arn: string | undefined;
  topicArn: string;
  protocol: string;
  endpoint: string;
}

/** Every subscription of a topic (ListSubscriptionsByTopic, paged); none when the topic is gone. */
async function subscriptionsOf(ctx: CloudContext, region: string, topic: string): Promise<Listed[]> {
  const client = ctx.clients.sns(region);
  const out: Listed[] = [];
  let token: string | undefined;
  do {
    const page = await callUnlessMissing(ctx, MISSING, "sns", `ListSubscriptionsByTopic ${topic}`, (signal) =>
      client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic, NextToken: token }), {
        abortSignal: signal,
      }),
    );
    if (page === undefined) return out;
    for (const s of page.Subscriptions ?? []) {
      const arn =
        s.SubscriptionArn !== undefined && subscriptionOfArn(s.SubscriptionArn)
          ? s.SubscriptionArn
          : undefined;
      out.push({
        arn,
        topicArn: s.TopicArn ?? topic,
        protocol: s.Protocol ?? "",
        endpoint: s.Endpoint ?? "",
      });
    }
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return out;
}

/** Every topic ARN of the region (ListTopics, paged). */
async function topicsOf(ctx: CloudContext, region: string): Promise<string[]> {
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

/** A subscription's attributes (GetSubscriptionAttributes); undefined when there is no such subscription. */
async function attributesOf(
  ctx: CloudContext,
  region: string,
  arn: string,
): Promise<Record<string, string> | undefined> {
  const client = ctx.clients.sns(region);
  const got = await callUnlessMissing(ctx, MISSING, "sns", `GetSubscriptionAttributes ${arn}`, (signal) =>
    client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }), { abortSignal: signal }),
  );
  return got === undefined ? undefined : (got.Attributes ?? {});
}

/** The region a subscription ARN names, else `fallback`. */
const regionOf = (arn: string, fallback: string): string => subscriptionOfArn(arn)?.region ?? fallback;

/** The ARN of the topic a name's triple names, in the identity's region and the caller's account. */
async function topicArnFor(ctx: CloudContext, region: string, topicName: string): Promise<string> {
  const caller = await ctx.clients.callerIdentity(ctx.signal);
  const partition = caller.arn.split(":")[1] || "aws";
  return topicArn(partition, region, caller.account, topicName);
}

/** The subscription an identity names: its ARN, else its triple's listing; undefined when none. */
async function findSubscription(ctx: CloudContext, identity: Identity): Promise<Listed | undefined> {
  const arn = [identity.arn, identity.id, identity.name].find((x) => x !== undefined && subscriptionOfArn(x));
  if (arn !== undefined) {
    // The ARN says the region (adopt may be run with another default region).
    const a = await attributesOf(ctx, regionOf(arn, identity.region), arn);
    if (a === undefined) return undefined;
    return { arn, topicArn: a.TopicArn ?? "", protocol: a.Protocol ?? "", endpoint: a.Endpoint ?? "" };
  }
  const triple = splitSubscriptionName(identity.name);
  if (triple === undefined) return undefined;
  const topic = await topicArnFor(ctx, identity.region, triple.topicName);
  const listed = await subscriptionsOf(ctx, identity.region, topic);
  return listed.find((s) => s.protocol === triple.protocol && s.endpoint === triple.endpoint);
}

function toResource(
  s: Listed,
  region: string,
  foundBy: CloudResource["foundBy"],
  a?: Record<string, string>,
) {
  const name = subscriptionName(s.topicArn, s.protocol, s.endpoint);
  return found(kind, {
    name,
    // Pending confirmation: no ARN to go by; the triple stands for it.
    id: s.arn ?? name,
    arn: s.arn,
    region,
    foundBy,
    ...(a === undefined
      ? {}
      : {
          detail: {
            filterPolicy: providerJson(a.FilterPolicy),
            filterPolicyScope: a.FilterPolicyScope ?? "",
            rawMessageDelivery: a.RawMessageDelivery === "true",
            pendingConfirmation: a.PendingConfirmation === "true",
          },
        }),
  });
}

/** The topics a filter asks about: by the topic names in its exact names, or every topic with a prefix. */
async function topicsFor(ctx: CloudContext, region: string, filter: NameFilter): Promise<string[]> {
  const named = [...filter.names]
    .map((n) => splitSubscriptionName(n)?.topicName)
    .filter((n) => n !== undefined);
  if (filter.prefixes.length === 0) {
    return Promise.all([...new Set(named)].map((n) => topicArnFor(ctx, region, n)));
  }
  const all = await topicsOf(ctx, region);
  return all.filter((arn) => {
    const t = topicOfArn(arn)?.name ?? "";
    return named.includes(t) || filter.prefixes.some((p) => t.startsWith(p));
  });
}

export const snsSubscriptionDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const s = await findSubscription(ctx, identity);
    if (s === undefined) return undefined;
    const a =
      s.arn === undefined ? undefined : await attributesOf(ctx, regionOf(s.arn, identity.region), s.arn);
    return toResource(s, identity.region, "read", a);
  },

  async listByName(ctx, region, filter) {
    if (filter.prefixes.length === 0 && filter.names.size === 0) return [];
    const listed: CloudResource[] = [];
    for (const topic of await topicsFor(ctx, region, filter)) {
      for (const s of await subscriptionsOf(ctx, region, topic)) {
        const r = toResource(s, region, "name");
        if (nameMatches(filter, r.name)) listed.push(r);
      }
    }
    return listed;
  },

  /**
   * Unsubscribe, by ARN. Nothing to wait for: the triple is free once the call returns. One pending
   * confirmation cannot be unsubscribed: it is reported as pending (it expires unless confirmed, or
   * goes with its topic).
   */
  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const s = await findSubscription(ctx, identity);
    if (s === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const what = t("cloud.what.sns-subscription", {
      protocol: s.protocol,
      endpoint: s.endpoint,
      topic: topicOfArn(s.topicArn)?.name ?? s.topicArn,
    });
    if (s.arn === undefined) {
      return {
        deleted: false,
        pending: t("cloud.sns.pending-confirmation", { what }),
        steps: [],
      };
    }
    const arn = s.arn;
    const client = ctx.clients.sns(regionOf(arn, identity.region));
    const done = await callUnlessMissing(ctx, MISSING, "sns", `Unsubscribe ${arn}`, (signal) =>
      client.send(new UnsubscribeCommand({ SubscriptionArn: arn }), { abortSignal: signal }),
    );
    return {
      deleted: true,
      steps: [done === undefined ? t("cloud.step.already-gone") : t("cloud.sns.unsubscribed", { what })],
    };
  }),

  adopt: (ctx, identity) => snsSubscriptionAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [snsSubscriptionDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a subscription (`aws:sns/topicSubscription:TopicSubscription`): the entry pulumi-aws writes,
 * from GetSubscriptionAttributes. No pulumi-aws export of this type was available; the fields are the
 * Terraform resource's schema (hashicorp/terraform-provider-aws internal/service/sns/
 * topic_subscription.go, `subscriptionSchema`) under pulumi-aws's names (`topic_arn` is `topic`,
 * sdk/nodejs/sns/topicSubscription.ts). Id, `id` and `arn` are the subscription ARN.
 * - inputs: `topic`, `protocol`, `endpoint`, the filter policy (and its scope), redrive policy and
 *   delivery policy when set, `rawMessageDelivery`, and the provider's defaults
 *   `confirmationTimeoutInMinutes` (1) and `endpointAutoConfirms` (false), named in `__defaults` with
 *   `rawMessageDelivery` while it is false;
 * - outputs: every schema attribute, "" for unset JSON policies and role, `ownerId`,
 *   `pendingConfirmation` and `confirmationWasAuthenticated` as booleans. No `__meta` (no timeouts).
 */
export const snsSubscriptionAdopter: Adopter = {
  kind: kind.kind,

  async read(ctx, identity) {
    const s = await findSubscription(ctx, identity);
    if (s?.arn === undefined) return undefined;
    const a = await attributesOf(ctx, regionOf(s.arn, identity.region), s.arn);
    if (a === undefined) return undefined;
    const raw = a.RawMessageDelivery === "true";
    const outputs: PropertyMap = {
      arn: s.arn,
      confirmationTimeoutInMinutes: 1,
      confirmationWasAuthenticated: a.ConfirmationWasAuthenticated === "true",
      deliveryPolicy: providerJson(a.DeliveryPolicy),
      endpoint: s.endpoint,
      endpointAutoConfirms: false,
      filterPolicy: providerJson(a.FilterPolicy),
      filterPolicyScope: a.FilterPolicyScope ?? "",
      id: s.arn,
      ownerId: a.Owner ?? "",
      pendingConfirmation: a.PendingConfirmation === "true",
      protocol: s.protocol,
      rawMessageDelivery: raw,
      redrivePolicy: providerJson(a.RedrivePolicy),
      replayPolicy: providerJson(a.ReplayPolicy),
      subscriptionRoleArn: a.SubscriptionRoleArn ?? "",
      topic: s.topicArn,
    };
    const set = (key: string): PropertyMap => (outputs[key] === "" ? {} : { [key]: outputs[key]! });
    const inputs: PropertyMap = {
      __defaults: [
        "confirmationTimeoutInMinutes",
        "endpointAutoConfirms",
        ...(raw ? [] : ["rawMessageDelivery"]),
      ],
      confirmationTimeoutInMinutes: 1,
      ...set("deliveryPolicy"),
      endpoint: s.endpoint,
      endpointAutoConfirms: false,
      ...set("filterPolicy"),
      ...set("filterPolicyScope"),
      protocol: s.protocol,
      rawMessageDelivery: raw,
      ...set("redrivePolicy"),
      ...set("subscriptionRoleArn"),
      topic: s.topicArn,
    };
    return { id: s.arn, inputs, outputs };
  },
};
