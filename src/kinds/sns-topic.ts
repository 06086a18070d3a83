/**
 * SNS topic (`aws:sns/topic:Topic`): the state id is its ARN (`arn:aws:sns:<region>:<account>:<name>`);
 * the name is the `name` input, 1–256 letters, digits, `_` and `-`, with `.fifo` at the end of a FIFO
 * topic's (and only of a FIFO topic's). SST names it by rule 256, `.fifo` added when `fifoTopic` is on
 * (`physicalName(256, name, ".fifo")`, docs/coverage/sst-resources.md §1.1, §2.6). Tagged topics come
 * back from the tagging API; ListTopics has no name filter, so a name listing reads every topic of the
 * region once (a page holds 100) and keeps the names asked for.
 *
 * CreateTopic is idempotent: for a name the account already holds it returns the existing topic's ARN,
 * and AWS refuses only when the attributes or tags sent differ ("Invalid parameter: Tags Reason: Topic
 * already exists with different tags"). So a leftover topic is mostly NOT an error at deploy time — the
 * next deploy that declares the same name silently takes it over, subscriptions and all. For doctor:
 * - a pending create whose topic exists is still reported (`pending-create`); the fix is `adopt` —
 *   what the deploy would do anyway, made explicit and recorded with the topic's real attributes;
 * - an orphan of the stage (its tags, no state entry) is still a finding: if the program still
 *   declares that name the next deploy takes it over (adopt says so first); if not (the program
 *   dropped it, or names it differently now) it is left behind for good, its subscriptions still
 *   delivering: the fix is `cleanup` (the deletion gate; its subscriptions go with it);
 * - a topic with the stage's name but another stage's or app's tags is not this stage's: doctor
 *   attributes it by its tags (an orphan or removed-stage leftover of the stage they name), never
 *   offers it for adoption here. It is still a trap: a deploy of this stage that sends other tags
 *   fails with "different tags", one that sends none takes over the other stage's topic; the fix is
 *   the owning stage's cleanup, or another name for this stage's topic.
 * Deleting a topic deletes its subscriptions with it; DeleteTopic of a missing topic is no error.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Identity, type Kind } from "./types.js";

/** API_CreateTopic, Name: letters, digits, `_`, `-`; a FIFO topic's ends in `.fifo`. */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;

/** The topic an ARN names (`arn:aws:sns:us-east-1:123456789012:acme-dev-Events-abcdefgh`); not a subscription's. */
export function topicOfArn(arn: string): Identity | undefined {
  const a = splitArn(arn);
  // A subscription's ARN is the topic's and `:<uuid>`: its resource part holds a colon.
  if (a?.service !== "sns" || !TOPIC_NAME.test(a.resource) || a.resource.length > 256) return undefined;
  return { name: a.resource, id: arn, region: a.region, arn };
}

/** The ARN a topic of `name` has in `region` of `account` (what CreateTopic answers). */
export function topicArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:sns:${region}:${account}:${name}`;
}

export const snsTopic: Kind = {
  kind: "sns-topic",
  get label() {
    return t("kinds.sns-topic.label");
  },
  types: ["aws:sns/topic:Topic"],
  cfnType: "AWS::SNS::Topic",
  service: "sns",
  global: false,
  taggable: true,
  tagType: "sns:topic",
  // SST adds `.fifo` after the random part for a FIFO topic (the limit counts it).
  naming: { "aws:sns/topic:Topic": { max: 256, field: "name" } },
  wording: {
    get label() {
      return t("kinds.sns-topic.label");
    },
    // pulumi-aws words it `creating SNS Topic (<name>)`. A subscription's wording ("SNS Topic
    // Subscription") contains these words too: a subscription kind must come before this one.
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["sns topic"],
    alreadyExists: [
      {
        // CreateTopic for a name the account holds, with other tags or attributes (AWS's text as
        // localstack/localstack#2405 quotes it from AWS; the sandbox answers the same). The
        // subscription's "Subscription already exists with different attributes" (sst#4259) is
        // the subscription's, not the topic's, and is left to a subscription kind.
        re: /Invalid parameter: (?:Tags|Attributes) Reason: Topic already exists with different (?:tags|attributes)/,
        code: "InvalidParameter",
      },
    ],
    nameInMessage: /creating SNS Topic \(([\w.-]+)\)/,
  },
  replaceOn: ["fifoTopic"],
  // Buckets' notifications and SES identities' feedback point at a topic, functions subscribe to it:
  // they go first. The topic points at its feedback roles (and KMS key): before roles.
  deleteRank: 9,

  fromArn: topicOfArn,

  identify(resource, region) {
    const identity = namedIdentity(resource, region, nameFieldsOf(snsTopic));
    if (identity === undefined) return undefined;
    // An entry without a name still has its ARN as id.
    const fromId = topicOfArn(identity.name);
    if (fromId !== undefined) identity.name = fromId.name;
    if (identity.arn === undefined && topicOfArn(identity.id) !== undefined) identity.arn = identity.id;
    return identity;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["displayName", "fifoTopic", "kmsMasterKeyId"]);
  },
};
