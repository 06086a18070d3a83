import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ListQueuesCommand,
  SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
  paginateListQueues,
} from "@aws-sdk/client-sqs";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

let clock = new Date("2025-04-01T12:00:00.000Z");
const sandbox = useSandbox({ accountId: "210987654321", now: () => clock });
const client = (region = "us-east-1") => new SQSClient(sandbox.config(region));
const urlOf = (name: string, region = "us-east-1") =>
  `https://sqs.${region}.amazonaws.com/210987654321/${name}`;

/** The error as the SDK reports it, with the legacy query code it keeps in `Code`. */
async function sqsError(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    const err = e as {
      name: string;
      message: string;
      Code?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return { name: err.name, code: err.Code, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error("expected the call to fail");
}

describe("SQS queues (AWS JSON 1.0)", () => {
  it("creates a queue, returns its URL, and reports its attributes", async () => {
    const out = await client().send(new CreateQueueCommand({ QueueName: "acme-dev-jobs" }));
    expect(out.QueueUrl).toBe(urlOf("acme-dev-jobs"));
    const got = await client().send(new GetQueueUrlCommand({ QueueName: "acme-dev-jobs" }));
    expect(got.QueueUrl).toBe(urlOf("acme-dev-jobs"));
    const attrs = await client().send(
      new GetQueueAttributesCommand({ QueueUrl: out.QueueUrl, AttributeNames: ["All"] }),
    );
    expect(attrs.Attributes).toMatchObject({
      QueueArn: "arn:aws:sqs:us-east-1:210987654321:acme-dev-jobs",
      DelaySeconds: "0",
      VisibilityTimeout: "30",
      MessageRetentionPeriod: "345600",
      MaximumMessageSize: "1048576",
      ApproximateNumberOfMessages: "0",
      CreatedTimestamp: String(clock.getTime() / 1000),
    });
    expect(attrs.Attributes).not.toHaveProperty("FifoQueue");
    const some = await client().send(
      new GetQueueAttributesCommand({ QueueUrl: out.QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    expect(some.Attributes).toEqual({ QueueArn: "arn:aws:sqs:us-east-1:210987654321:acme-dev-jobs" });
  });

  it("is idempotent for the same name and attributes, and refuses different ones", async () => {
    const first = await client().send(
      new CreateQueueCommand({ QueueName: "same-attrs", Attributes: { DelaySeconds: "5" } }),
    );
    const again = await client().send(
      new CreateQueueCommand({ QueueName: "same-attrs", Attributes: { DelaySeconds: "5" } }),
    );
    expect(again.QueueUrl).toBe(first.QueueUrl);
    // Attributes not sent are not compared.
    const bare = await client().send(new CreateQueueCommand({ QueueName: "same-attrs" }));
    expect(bare.QueueUrl).toBe(first.QueueUrl);
    const e = await sqsError(() =>
      client().send(new CreateQueueCommand({ QueueName: "same-attrs", Attributes: { DelaySeconds: "10" } })),
    );
    expect(e).toEqual({
      name: "QueueNameExists",
      code: "QueueAlreadyExists",
      status: 400,
      message: "A queue already exists with the same name and a different value for attribute DelaySeconds",
    });
    // The same text users hit (fixture from freeCodeCamp/mail-for-good#159).
    const pasted = fixture("sqs-queue.log");
    expect(pasted).toContain(`${e.code}: ${e.message}`);
  });

  it("refuses a name deleted less than 60 seconds ago with QueueDeletedRecently", async () => {
    const { QueueUrl } = await client().send(new CreateQueueCommand({ QueueName: "short-lived" }));
    await client().send(new DeleteQueueCommand({ QueueUrl }));
    const e = await sqsError(() => client().send(new CreateQueueCommand({ QueueName: "short-lived" })));
    expect(e).toEqual({
      name: "QueueDeletedRecently",
      code: "AWS.SimpleQueueService.QueueDeletedRecently",
      status: 400,
      message:
        "You must wait 60 seconds after deleting a queue before you can create another queue with the same name.",
    });
    const before = clock;
    clock = new Date(before.getTime() + 61_000);
    try {
      const again = await client().send(new CreateQueueCommand({ QueueName: "short-lived" }));
      expect(again.QueueUrl).toBe(QueueUrl);
    } finally {
      clock = before;
    }
  });

  it("answers QueueDoesNotExist for unknown queues", async () => {
    const e = await sqsError(() => client().send(new GetQueueUrlCommand({ QueueName: "nope" })));
    expect(e).toEqual({
      name: "QueueDoesNotExist",
      code: "AWS.SimpleQueueService.NonExistentQueue",
      status: 400,
      message: "The specified queue does not exist.",
    });
    const d = await sdkError(() => client().send(new DeleteQueueCommand({ QueueUrl: urlOf("nope") })));
    expect(d.name).toBe("QueueDoesNotExist");
  });

  it("creates FIFO queues and checks the .fifo suffix", async () => {
    const { QueueUrl } = await client().send(
      new CreateQueueCommand({ QueueName: "orders.fifo", Attributes: { FifoQueue: "true" } }),
    );
    const attrs = await client().send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["FifoQueue", "ContentBasedDeduplication"] }),
    );
    expect(attrs.Attributes).toEqual({ FifoQueue: "true", ContentBasedDeduplication: "false" });
    const e = await sdkError(() =>
      client().send(new CreateQueueCommand({ QueueName: "orders", Attributes: { FifoQueue: "true" } })),
    );
    expect(e.status).toBe(400);
    expect(e.message).toContain(".fifo");
  });

  it("lists by prefix and pages with MaxResults/NextToken", async () => {
    const region = "eu-west-1";
    for (let i = 0; i < 7; i++) {
      await client(region).send(new CreateQueueCommand({ QueueName: `page-q-${i}` }));
    }
    await client(region).send(new CreateQueueCommand({ QueueName: "other-q" }));
    const all = await client(region).send(new ListQueuesCommand({ QueueNamePrefix: "page-q-" }));
    expect(all.QueueUrls).toHaveLength(7);
    expect(all.NextToken).toBeUndefined();
    const first = await client(region).send(
      new ListQueuesCommand({ QueueNamePrefix: "page-q-", MaxResults: 3 }),
    );
    expect(first.QueueUrls).toEqual([0, 1, 2].map((i) => urlOf(`page-q-${i}`, region)));
    expect(first.NextToken).toBeDefined();
    const urls: string[] = [];
    for await (const page of paginateListQueues(
      { client: client(region), pageSize: 2 },
      { QueueNamePrefix: "page-q-" },
    )) {
      urls.push(...(page.QueueUrls ?? []));
    }
    expect(urls).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => urlOf(`page-q-${i}`, region)));
  });

  it("keeps tags from create and from TagQueue, and reports them to the tagging API", async () => {
    const { QueueUrl } = await client().send(
      new CreateQueueCommand({ QueueName: "tagged-q", tags: { "sst:app": "acme", "sst:stage": "dev" } }),
    );
    await client().send(new TagQueueCommand({ QueueUrl, Tags: { team: "core" } }));
    await client().send(new UntagQueueCommand({ QueueUrl, TagKeys: ["sst:stage"] }));
    const tags = await client().send(new ListQueueTagsCommand({ QueueUrl }));
    expect(tags.Tags).toEqual({ "sst:app": "acme", team: "core" });
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config("us-east-1"));
    const found = await tagging.send(
      new GetResourcesCommand({
        TagFilters: [{ Key: "sst:app", Values: ["acme"] }],
        ResourceTypeFilters: ["sqs"],
      }),
    );
    expect(found.ResourceTagMappingList?.map((r) => r.ResourceARN)).toContain(
      "arn:aws:sqs:us-east-1:210987654321:tagged-q",
    );
  });
});

describe("SQS over the query protocol (older SDKs)", () => {
  const query = async (params: Record<string, string>) => {
    const res = await fetch(sandbox.server().url + "/", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIASANDBOXTEST/20250401/ap-south-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: new URLSearchParams({ Version: "2012-11-05", ...params }).toString(),
    });
    return { status: res.status, body: await res.text() };
  };

  it("creates, lists and refuses with the legacy error codes", async () => {
    const created = await query({
      Action: "CreateQueue",
      QueueName: "legacy-q",
      "Attribute.1.Name": "DelaySeconds",
      "Attribute.1.Value": "5",
      "Tag.1.Key": "sst:app",
      "Tag.1.Value": "acme",
    });
    expect(created.status).toBe(200);
    expect(created.body).toContain(`<QueueUrl>${urlOf("legacy-q", "ap-south-1")}</QueueUrl>`);
    const listed = await query({ Action: "ListQueues", QueueNamePrefix: "legacy" });
    expect(listed.body).toContain(
      `<ListQueuesResult><QueueUrl>${urlOf("legacy-q", "ap-south-1")}</QueueUrl>`,
    );
    const attrs = await query({
      Action: "GetQueueAttributes",
      QueueUrl: urlOf("legacy-q", "ap-south-1"),
      "AttributeName.1": "DelaySeconds",
    });
    expect(attrs.body).toContain("<Attribute><Name>DelaySeconds</Name><Value>5</Value></Attribute>");
    const tags = await query({ Action: "ListQueueTags", QueueUrl: urlOf("legacy-q", "ap-south-1") });
    expect(tags.body).toContain("<Tag><Key>sst:app</Key><Value>acme</Value></Tag>");
    const dup = await query({
      Action: "CreateQueue",
      QueueName: "legacy-q",
      "Attribute.1.Name": "DelaySeconds",
      "Attribute.1.Value": "0",
    });
    expect(dup.status).toBe(400);
    expect(dup.body).toContain("<Code>QueueAlreadyExists</Code>");
    expect(dup.body).toContain(
      "<Message>A queue already exists with the same name and a different value for attribute DelaySeconds</Message>",
    );
    const missing = await query({ Action: "GetQueueUrl", QueueName: "nope" });
    expect(missing.body).toContain("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>");
  });
});
