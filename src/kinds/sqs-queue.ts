/**
 * SQS queue (`aws:sqs/queue:Queue`): the state id is the queue URL
 * (`https://sqs.<region>.amazonaws.com/<account>/<name>`), the physical name the `name` input; a FIFO
 * queue's name ends in `.fifo`. SST names it by rule 80 with `.fifo` appended for FIFO queues
 * (docs/coverage/sst-resources.md §2.5). AWS's CreateQueue is idempotent: a name that exists with the
 * same attributes is simply returned (a pending create whose queue exists succeeds and takes it over,
 * silently); with a different attribute it fails with `QueueAlreadyExists` (the query code; the JSON
 * protocol's modelled name is `QueueNameExists`); within 60 s of a DeleteQueue on the name it fails
 * with `QueueDeletedRecently`. Drift is the FIFO flag (immutable: a change replaces the queue) and the
 * timing attributes.
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

const TOKEN = "aws:sqs/queue:Queue";

/** The URL AWS gives a queue (its Pulumi id): the partition's domain, account and name. */
export function queueUrlOf(region: string, account: string, name: string): string {
  const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}

/** The queue name in a queue URL (its last path segment); undefined when it is no queue URL. */
export function queueNameOfUrl(url: string): string | undefined {
  const m = /^https?:\/\/[^/]+\/(\d{12}|[^/]+)\/([\w.-]+)\/?$/.exec(url);
  return m?.[2];
}

/** What to do when the name was deleted less than a minute ago (the fix `explain` prints). */
function deletedRecentlyFix(_logical: string, doctor: string): string[] {
  return [t("kinds.sqs-queue.deleted-recently.fix"), doctor];
}

export const sqsQueue: Kind = {
  kind: "sqs-queue",
  get label() {
    return t("kinds.sqs-queue.label");
  },
  types: [TOKEN],
  cfnType: "AWS::SQS::Queue",
  service: "sqs",
  global: false,
  taggable: true,
  // Queue ARNs have no resource type (`arn:aws:sqs:<region>:<account>:<name>`): the service alone.
  tagType: "sqs",
  naming: { [TOKEN]: { max: 80, field: "name" } },
  wording: {
    get label() {
      return t("kinds.sqs-queue.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["sqs queue"],
    alreadyExists: [
      {
        // The query code older SDKs, the CLI and Terraform print (freeCodeCamp/mail-for-good#159).
        re: /QueueAlreadyExists:? ?A queue already exists with the same name and a different value for attribute/,
        code: "QueueAlreadyExists",
      },
      {
        // The same error under its JSON-protocol name (AWS SDKs since SQS moved to AWS JSON, 2023).
        re: /QueueNameExists:? ?A queue already exists with the same name/,
        code: "QueueNameExists",
      },
      {
        re: /QueueDeletedRecently:? ?You must wait 60 seconds after deleting a queue/,
        code: "QueueDeletedRecently",
        takenElsewhere: {
          cause: (what) => t("kinds.sqs-queue.deleted-recently.cause", { what }),
          fix: deletedRecentlyFix,
        },
      },
    ],
    // `stateward adopt` takes the queue's name as well as its URL (the Pulumi id): no importId.
    nameInMessage: /SQS Queue \(([\w.-]+)\)/i,
  },
  replaceOn: ["fifoQueue"],
  // After what reads it (functions and their event source mappings, log groups); before tables and
  // what it may name (a dead-letter queue is another queue: SQS deletes either first).
  deleteRank: 4.8,

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "sqs" || !/^[\w.-]+$/.test(a.resource)) return undefined;
    return { name: a.resource, id: queueUrlOf(a.region, a.account, a.resource), region: a.region, arn };
  },

  identify(resource, region) {
    const identity = namedIdentity(resource, region, nameFieldsOf(sqsQueue));
    // No name recorded: the URL id says it.
    const fromUrl = identity === undefined ? undefined : queueNameOfUrl(identity.name);
    if (identity !== undefined && fromUrl !== undefined) identity.name = fromUrl;
    return identity;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, [
      "fifoQueue",
      "delaySeconds",
      "visibilityTimeoutSeconds",
      "messageRetentionSeconds",
    ]);
  },
};
