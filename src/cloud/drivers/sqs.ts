/**
 * Amazon SQS, the driver for queues (src/kinds/sqs-queue.ts): GetQueueUrl and GetQueueAttributes to
 * read one, ListQueues by name prefix (paged, up to 1,000 URLs a page) to list, ListQueueTags for its
 * tags, DeleteQueue to delete.
 *
 * Deleting: DeleteQueue deletes the queue and every message in it at once, whatever it holds (the
 * deletion gate's confirmation is what stands before that); AWS documents that it "may take up to 60
 * seconds" to finish and that the name cannot be used for a new queue for 60 seconds. Cleanup does not
 * wait those 60 seconds: the queue is gone for every read at once, and the step it reports says that
 * a deploy re-creating the name must wait a minute (else CreateQueue answers QueueDeletedRecently).
 * The messages a queue held when it was deleted are counted in that step.
 */
import {
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
} from "@aws-sdk/client-sqs";
import { queueNameOfUrl, sqsQueue } from "../../kinds/sqs-queue.js";
import { nameMatches, type CloudResource, type Identity, type NameFilter } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
} from "./types.js";
import { t } from "../../i18n/index.js";

/** "No such queue", under its JSON name and its legacy query code (what `error.Code` carries). */
const MISSING = ["QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"];
/** ListQueues' largest page (API_ListQueues: MaxResults 1 to 1,000). */
const PAGE = 1000;

/** The queue's name, also when given its URL (the Pulumi id, which `adopt` may be handed). */
const nameOf = (identity: Identity): string => queueNameOfUrl(identity.name) ?? identity.name;

/** The queue's URL (GetQueueUrl by name); undefined when no queue has the name. */
async function urlOf(ctx: CloudContext, identity: Identity): Promise<string | undefined> {
  const client = ctx.clients.sqs(identity.region);
  const name = nameOf(identity);
  const got = await callUnlessMissing(ctx, MISSING, "sqs", `GetQueueUrl ${name}`, (signal) =>
    client.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: signal }),
  );
  return got?.QueueUrl;
}

/** Every attribute of the queue at `url`; undefined when it is gone. */
async function attributesOf(ctx: CloudContext, region: string, url: string) {
  const client = ctx.clients.sqs(region);
  const got = await callUnlessMissing(ctx, MISSING, "sqs", `GetQueueAttributes ${url}`, (signal) =>
    client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }), {
      abortSignal: signal,
    }),
  );
  return got === undefined ? undefined : (got.Attributes ?? {});
}

async function tagsOf(ctx: CloudContext, region: string, url: string): Promise<Record<string, string>> {
  const client = ctx.clients.sqs(region);
  const got = await callUnlessMissing(ctx, MISSING, "sqs", `ListQueueTags ${url}`, (signal) =>
    client.send(new ListQueueTagsCommand({ QueueUrl: url }), { abortSignal: signal }),
  );
  return { ...(got?.Tags ?? {}) };
}

const num = (v: string | undefined, dflt: number): number => (v === undefined ? dflt : Number(v));

/** The queue's ARN from its URL (`https://sqs.<region>.<domain>/<account>/<name>`). */
function arnOfUrl(url: string, region: string): string | undefined {
  const m = /\/(\d{12})\/([\w.-]+)\/?$/.exec(url);
  if (m === null) return undefined;
  const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  return `arn:${partition}:sqs:${region}:${m[1]}:${m[2]}`;
}

/** Every queue URL whose name starts with `prefix` (ListQueues, paged). */
async function listUrls(ctx: CloudContext, region: string, prefix: string): Promise<string[]> {
  const client = ctx.clients.sqs(region);
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call("sqs", `ListQueues ${prefix}`, (signal) =>
      client.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: PAGE, NextToken: token }), {
        abortSignal: signal,
      }),
    );
    urls.push(...(page.QueueUrls ?? []));
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return urls;
}

/** The longest prefix two names share. */
function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The prefixes one listing each covers the filter with: its own, and one shared by the names left. */
function prefixesFor(filter: NameFilter): string[] {
  const prefixes = [...new Set(filter.prefixes)];
  const left = [...filter.names].filter((n) => !prefixes.some((p) => n.startsWith(p)));
  if (left.length > 0) prefixes.push(left.reduce(commonPrefix));
  return prefixes;
}

export const sqsQueueDriver: KindDriver = {
  ...sqsQueue,

  async read(ctx, identity) {
    const url = await urlOf(ctx, identity);
    if (url === undefined) return undefined;
    const attrs = await attributesOf(ctx, identity.region, url);
    if (attrs === undefined) return undefined;
    const tags = await tagsOf(ctx, identity.region, url);
    return found(sqsQueue, {
      name: nameOf(identity),
      id: url,
      region: identity.region,
      arn: attrs.QueueArn ?? arnOfUrl(url, identity.region),
      tags,
      foundBy: "read",
      detail: {
        fifoQueue: attrs.FifoQueue === "true",
        delaySeconds: num(attrs.DelaySeconds, 0),
        visibilityTimeoutSeconds: num(attrs.VisibilityTimeout, 30),
        messageRetentionSeconds: num(attrs.MessageRetentionPeriod, 345600),
      },
    });
  },

  async listByName(ctx, region, filter) {
    const listed = new Map<string, CloudResource>();
    for (const prefix of prefixesFor(filter)) {
      for (const url of await listUrls(ctx, region, prefix)) {
        const name = queueNameOfUrl(url);
        if (name === undefined || !nameMatches(filter, name)) continue;
        listed.set(
          name,
          found(sqsQueue, { name, id: url, region, arn: arnOfUrl(url, region), foundBy: "name" }),
        );
      }
    }
    return [...listed.values()];
  },

  delete: gatedDelete(sqsQueue.kind, async (ctx, identity) => {
    const url = await urlOf(ctx, identity);
    if (url === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const attrs = await attributesOf(ctx, identity.region, url);
    const held =
      num(attrs?.ApproximateNumberOfMessages, 0) +
      num(attrs?.ApproximateNumberOfMessagesNotVisible, 0) +
      num(attrs?.ApproximateNumberOfMessagesDelayed, 0);
    const client = ctx.clients.sqs(identity.region);
    const done = await callUnlessMissing(ctx, MISSING, "sqs", `DeleteQueue ${identity.name}`, (signal) =>
      client.send(new DeleteQueueCommand({ QueueUrl: url }), { abortSignal: signal }),
    );
    if (done === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    return {
      deleted: true,
      steps: [
        held === 0
          ? t("cloud.sqs.deleted", { name: identity.name })
          : t("cloud.sqs.deleted-messages", { name: identity.name, count: held }),
      ],
    };
  }),

  adopt: (ctx, identity) => sqsQueueAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [sqsQueueDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting an SQS queue (`aws:sqs/queue:Queue`): what pulumi-aws records for it, from GetQueueUrl,
 * GetQueueAttributes (All) and ListQueueTags. Id and `url` are the queue URL. Checked field by field
 * against pulumi-aws 5.42's recorded export (../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json):
 * same output keys, no `__meta` (the resource has no timeouts there). By version: pulumi-aws 6 records
 * the same keys; pulumi-aws 7 (SST 4; Terraform provider 6) adds a `region` output on every regional
 * resource, which is not written here — the next refresh fills it in. Attributes a queue does not have
 * read as pulumi-aws reads them: "" for the FIFO-only and policy strings, 300 for the KMS data key reuse
 * period. Inputs carry what was read, with an empty `__defaults` (stateward cannot tell which values
 * the program set).
 */
export const sqsQueueAdopter: Adopter = {
  kind: sqsQueue.kind,

  async read(ctx, identity) {
    const url = await urlOf(ctx, identity);
    if (url === undefined) return undefined;
    const a = await attributesOf(ctx, identity.region, url);
    if (a === undefined) return undefined;
    const tags = await tagsOf(ctx, identity.region, url);
    const name = nameOf(identity);
    const fifo = a.FifoQueue === "true";
    const values = {
      contentBasedDeduplication: a.ContentBasedDeduplication === "true",
      delaySeconds: num(a.DelaySeconds, 0),
      fifoQueue: fifo,
      maxMessageSize: num(a.MaximumMessageSize, 262144),
      messageRetentionSeconds: num(a.MessageRetentionPeriod, 345600),
      receiveWaitTimeSeconds: num(a.ReceiveMessageWaitTimeSeconds, 0),
      visibilityTimeoutSeconds: num(a.VisibilityTimeout, 30),
    };
    const strings = {
      deduplicationScope: a.DeduplicationScope ?? "",
      fifoThroughputLimit: a.FifoThroughputLimit ?? "",
      kmsMasterKeyId: a.KmsMasterKeyId ?? "",
      policy: a.Policy ?? "",
      redriveAllowPolicy: a.RedriveAllowPolicy ?? "",
      redrivePolicy: a.RedrivePolicy ?? "",
    };
    // Inputs: the values read, and the strings only where the queue has them.
    const setStrings = Object.fromEntries(Object.entries(strings).filter(([, v]) => v !== ""));
    const inputs: PropertyMap = { __defaults: [], name, ...values, ...setStrings, tags: { ...tags } };
    const outputs: PropertyMap = {
      arn: a.QueueArn ?? arnOfUrl(url, identity.region) ?? "",
      ...values,
      ...strings,
      id: url,
      kmsDataKeyReusePeriodSeconds: num(a.KmsDataKeyReusePeriodSeconds, 300),
      name,
      namePrefix: "",
      sqsManagedSseEnabled: a.SqsManagedSseEnabled === "true",
      tags: { ...tags },
      tagsAll: { ...tags },
      url,
    };
    return { id: url, inputs, outputs };
  },
};
