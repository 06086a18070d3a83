/**
 * The SQS queue kind, pure: its ARN and state entries (the id is the queue URL), SST's naming, its
 * place in a deletion, and `explain` recognising the real text a user pasted
 * (freeCodeCamp/mail-for-good#159: `QueueAlreadyExists`), the JSON protocol's name for it
 * (`QueueNameExists`) and a name deleted less than 60 s ago (`QueueDeletedRecently`).
 */
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { explainLog } from "../../src/explain/index.js";
import {
  alreadyExistsSignature,
  deleteRank,
  kindForArn,
  kindForShownType,
  typeOfWording,
} from "../../src/kinds/registry.js";
import { queueNameOfUrl, queueUrlOf, sqsQueue as kind } from "../../src/kinds/sqs-queue.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { generateName } from "../../src/state/names.js";
import type { ResourceV3 } from "../../src/state/index.js";

const TOKEN = "aws:sqs/queue:Queue";
const ARN = "arn:aws:sqs:us-west-2:616138583583:queue-6f3f78a";
const URL = "https://sqs.us-west-2.amazonaws.com/616138583583/queue-6f3f78a";

describe("sqs-queue kind", () => {
  it("reads the name out of an ARN; the id is the queue URL", () => {
    expect(kind.fromArn(ARN)).toEqual({ name: "queue-6f3f78a", id: URL, region: "us-west-2", arn: ARN });
    expect(kind.fromArn("arn:aws:sqs:eu-west-1:1:jobs.fifo")?.name).toBe("jobs.fifo");
    expect(kind.fromArn("arn:aws:sns:us-east-1:123456789012:topic")).toBeUndefined();
    expect(kindForArn(ARN)?.kind).toBe("sqs-queue");
    expect(kindForShownType("aws:sqs:Queue")?.kind).toBe("sqs-queue");
    expect(queueUrlOf("cn-north-1", "123456789012", "q")).toBe(
      "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q",
    );
    expect(queueNameOfUrl(URL)).toBe("queue-6f3f78a");
    expect(queueNameOfUrl("queue-6f3f78a")).toBeUndefined();
  });

  it("identifies a state entry by its name, with the URL as id", () => {
    const entry = {
      urn: "urn:pulumi:test::queue::aws:sqs/queue:Queue::queue",
      type: TOKEN,
      custom: true,
      id: URL,
      inputs: { name: "queue-6f3f78a" },
      outputs: { arn: ARN, id: URL, name: "queue-6f3f78a", url: URL },
    } as ResourceV3;
    expect(kind.identify(entry, "us-west-2")).toEqual({
      name: "queue-6f3f78a",
      id: URL,
      region: "us-west-2",
      arn: ARN,
    });
    // No name recorded: the URL id still says it.
    const bare = { ...entry, inputs: {}, outputs: {} } as ResourceV3;
    expect(kind.identify(bare, "us-west-2")).toEqual({ name: "queue-6f3f78a", id: URL, region: "us-west-2" });
    // A pending create has no id yet: its name.
    const pending = { urn: entry.urn, type: TOKEN, custom: true, inputs: { name: "acme-dev-Jobs-abcdefgh" } };
    expect(kind.identify(pending as ResourceV3, "us-east-1")).toMatchObject({
      name: "acme-dev-Jobs-abcdefgh",
      id: "acme-dev-Jobs-abcdefgh",
    });
  });

  it("names like SST (rule 80), lists the stage's prefix, and goes after functions, before roles", () => {
    const name = generateName("acme", "dev", "JobsQueue", TOKEN).name;
    expect(name).toMatch(/^acme-dev-JobsQueue-[a-z]{8}$/);
    expect(kind.naming?.[TOKEN]?.max).toBe(80);
    expect(kind.stagePrefixes?.("acme", "dev")).toEqual(["acme-dev-"]);
    expect(deleteRank("aws:lambda/function:Function")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:iam/role:Role"));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:s3/bucket:Bucket"));
    expect(typeOfWording("SQS Queue")).toBe(TOKEN);
  });

  it("reports a changed FIFO flag and timing attributes as drift", () => {
    const entry = {
      type: TOKEN,
      id: URL,
      outputs: { fifoQueue: false, visibilityTimeoutSeconds: 300, delaySeconds: 0 },
    } as unknown as ResourceV3;
    const cloud = {
      detail: { fifoQueue: false, visibilityTimeoutSeconds: 30, delaySeconds: 0 },
    } as unknown as CloudResource;
    expect(kind.drift(entry, cloud)).toEqual([
      { property: "visibilityTimeoutSeconds", state: 300, cloud: 30 },
    ]);
  });
});

describe("explain on SQS's texts", () => {
  it("QueueAlreadyExists (aws-sdk v2, mail-for-good#159): an SQS queue", () => {
    const r = explainLog(fixture("sqs-queue.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN },
    });
  });

  it("QueueNameExists (the JSON protocol's name), with the name from the provider's heading", () => {
    const log = [
      "    error: 1 error occurred:",
      "    \t* creating SQS Queue (acme-dev-Jobs-abcdefgh): operation error SQS: CreateQueue, https response error StatusCode: 400, RequestID: 1, QueueNameExists: A queue already exists with the same name and a different value for attribute VisibilityTimeout",
    ].join("\n");
    const r = explainLog(log);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "acme-dev-Jobs-abcdefgh" },
    });
  });

  it("QueueDeletedRecently: the kind's wording says the name frees up after 60 seconds", () => {
    const log =
      "AWS.SimpleQueueService.QueueDeletedRecently: You must wait 60 seconds after deleting a queue before you can create another queue with the same name.";
    const sig = alreadyExistsSignature("QueueDeletedRecently")!;
    expect(sig.re.test(log)).toBe(true);
    expect(sig.takenElsewhere!.cause("SQS queue Jobs", undefined)).toMatch(/less than 60 seconds ago/);
    expect(sig.takenElsewhere!.fix("Jobs", "stateward doctor").join("\n")).toMatch(
      /wait a minute, then deploy again/,
    );
  });

  it("QueueDeletedRecently in a deploy log: explain says the name frees up after 60 seconds", () => {
    const log = [
      "    error: 1 error occurred:",
      "    \t* creating SQS Queue (acme-dev-Jobs-abcdefgh): operation error SQS: CreateQueue, https response error StatusCode: 400, RequestID: 1, QueueDeletedRecently: You must wait 60 seconds after deleting a queue before you can create another queue with the same name.",
    ].join("\n");
    const r = explainLog(log);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: "already-exists", resource: { type: TOKEN } });
    expect(r.problems[0]!.cause).toMatch(/less than 60 seconds ago/);
  });
});
