/**
 * The SNS subscription kind: ARNs and state entries (no name: the triple topic|protocol|endpoint),
 * explain on sst#4259's real text (and not a topic), the driver against the local cloud with the real
 * SDK (read by ARN or by triple, ListSubscriptionsByTopic walked over its 100-a-page limit, Unsubscribe
 * through the gate), doctor finding a pending create and an orphan with fixes that work, and adopt's
 * entry against pulumi-aws's schema.
 */
import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { adopterFor, driverForKind } from "../../src/cloud/drivers/index.js";
import { snsSubscriptionDriver as driver } from "../../src/cloud/drivers/sns-subscription.js";
import { explainLog } from "../../src/explain/index.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import {
  snsSubscription as kind,
  splitSubscriptionName,
  subscriptionName,
  subscriptionOfArn,
} from "../../src/kinds/sns-subscription.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";
import { cli, gated } from "../helpers.js";

const TOKEN = "aws:sns/topicSubscription:TopicSubscription";
const UUID = "0f5c5e2a-8d1c-4c8e-9a4b-1f2e3d4c5b6a";
const TOPIC = "arn:aws:sns:eu-west-1:123456789012:acme-dev-Events-abcdefgh";
const SUB = `${TOPIC}:${UUID}`;
const QUEUE = "arn:aws:sqs:eu-west-1:123456789012:acme-dev-Jobs-abcdefgh";

describe("sns-subscription kind", () => {
  it("a subscription ARN is the topic's and a UUID; a topic's ARN is not a subscription's", () => {
    expect(subscriptionOfArn(SUB)).toEqual({
      topicArn: TOPIC,
      topicName: "acme-dev-Events-abcdefgh",
      region: "eu-west-1",
      account: "123456789012",
    });
    expect(kind.fromArn(SUB)).toEqual({ name: SUB, id: SUB, region: "eu-west-1", arn: SUB });
    expect(kind.fromArn(TOPIC)).toBeUndefined();
    expect(kind.fromArn(`${TOPIC}:PendingConfirmation`)).toBeUndefined();
    expect(kindForArn(SUB)?.kind).toBe("sns-subscription");
    expect(kindForArn(TOPIC)?.kind).toBe("sns-topic");
    expect(kindForShownType("aws:sns:TopicSubscription")?.kind).toBe("sns-subscription");
  });

  it("names a subscription by its triple, starting with the topic's name (the stage's prefix)", () => {
    const name = subscriptionName(TOPIC, "sqs", QUEUE);
    expect(name).toBe(`acme-dev-Events-abcdefgh|sqs|${QUEUE}`);
    expect(splitSubscriptionName(name)).toEqual({
      topicName: "acme-dev-Events-abcdefgh",
      protocol: "sqs",
      endpoint: QUEUE,
    });
    expect(splitSubscriptionName("acme-dev-Events")).toBeUndefined();
    expect(name.startsWith(kind.stagePrefixes!("acme", "dev")[0]!)).toBe(true);
  });

  it("identifies a state entry by its triple, the ARN as id, in its topic's region", () => {
    const entry = {
      type: TOKEN,
      id: SUB,
      inputs: { topic: TOPIC, protocol: "sqs", endpoint: QUEUE },
      outputs: { arn: SUB, topic: TOPIC, protocol: "sqs", endpoint: QUEUE },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "us-east-1")).toEqual({
      name: `acme-dev-Events-abcdefgh|sqs|${QUEUE}`,
      id: SUB,
      region: "eu-west-1",
      arn: SUB,
    });
    const pending = { type: TOKEN, inputs: { topic: TOPIC, protocol: "lambda", endpoint: "fn" } };
    expect(kind.identify(pending as unknown as ResourceV3, "eu-west-1")).toEqual({
      name: "acme-dev-Events-abcdefgh|lambda|fn",
      id: "acme-dev-Events-abcdefgh|lambda|fn",
      region: "eu-west-1",
    });
  });

  it("drift: filter policy and raw delivery; deleted before its topic, queue and function", () => {
    const entry = { outputs: { filterPolicy: '{"a":["b"]}', rawMessageDelivery: false } };
    const cloud = { detail: { filterPolicy: '{"a":["c"]}', rawMessageDelivery: false } };
    expect(kind.drift(entry as unknown as ResourceV3, cloud as unknown as CloudResource)).toEqual([
      { property: "filterPolicy", state: '{"a":["b"]}', cloud: '{"a":["c"]}' },
    ]);
    for (const t of ["aws:sns/topic:Topic", "aws:sqs/queue:Queue", "aws:lambda/function:Function"])
      expect(deleteRank(TOKEN)).toBeLessThan(deleteRank(t));
  });
});

describe("explain", () => {
  it("sst#4259's Subscribe conflict is the subscription, not its topic", () => {
    expect(typeOfWording("SNS Topic Subscription")).toBe(TOKEN);
    expect(typeOfWording("SNS Topic")).toBe("aws:sns/topic:Topic");
    const r = explainLog(fixture("sns-topic-subscription.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, logicalName: "EventstopicSubscriberCneubnSubscription" },
    });
  });

  it("the provider's own wording (`creating SNS Topic Subscription:`) names the subscription too", () => {
    const log = [
      "    error: 1 error occurred:",
      "    \t* creating SNS Topic Subscription: operation error SNS: Subscribe, https response error StatusCode: 400, RequestID: 1, InvalidParameter: Invalid parameter: Attributes Reason: Subscription already exists with different attributes",
    ].join("\n");
    const r = explainLog(log);
    expect(r.problems.map((p) => p.resource?.type)).toEqual([TOKEN]);
  });

  it("a topic's 'Topic already exists with different tags' stays the topic's", () => {
    const log = "InvalidParameter: Invalid parameter: Tags Reason: Topic already exists with different tags";
    expect(explainLog(log).problems.map((p) => p.resource?.type)).toEqual(["aws:sns/topic:Topic"]);
  });
});

/* Against the local cloud ------------------------------------------------------------------------ */

const ACCOUNT = "135792468013";
const REGION = "eu-west-1";
const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let sns: SNSClient;
const context = () => cloudContext(clients);
const queue = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

async function topic(name: string, client = sns): Promise<string> {
  return (await client.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
}
async function subscribe(
  topicArn: string,
  endpoint: string,
  attributes?: Record<string, string>,
  client = sns,
): Promise<string> {
  const out = await client.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: endpoint, Attributes: attributes }),
  );
  return out.SubscriptionArn!;
}

beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  sns = new SNSClient(sandbox.config(REGION));
});
afterAll(() => {
  clients.destroy();
  sns.destroy();
});

describe("the driver", () => {
  it("is the sns module's driver for the kind", async () => {
    expect((await driverForKind("sns-subscription"))?.kind).toBe("sns-subscription");
  });

  it("reads by ARN, or by the triple alone (a pending create): filter policy and raw delivery", async () => {
    const t = await topic("read-dev-Events-abcdefgh");
    const arn = await subscribe(t, queue("read-q"), {
      FilterPolicy: '{"kind":["order"]}',
      RawMessageDelivery: "true",
    });
    const name = `read-dev-Events-abcdefgh|sqs|${queue("read-q")}`;
    const byArn = await driver.read(context(), { name: arn, id: arn, region: REGION });
    expect(byArn).toEqual({
      kind: "sns-subscription",
      type: TOKEN,
      name,
      id: arn,
      arn,
      region: REGION,
      tags: {},
      foundBy: "read",
      detail: {
        filterPolicy: '{"kind":["order"]}',
        filterPolicyScope: "MessageAttributes",
        rawMessageDelivery: true,
        pendingConfirmation: false,
      },
    });
    const byTriple = await driver.read(context(), { name, id: name, region: REGION });
    expect(byTriple?.id).toBe(arn);
    const other = await driver.read(context(), {
      name: `read-dev-Events-abcdefgh|sqs|${queue("other")}`,
      id: "x",
      region: REGION,
    });
    expect(other).toBeUndefined();
    // By ARN, its own region counts (adopt may run with another default region).
    expect((await driver.read(context(), { name: arn, id: arn, region: "us-east-1" }))?.id).toBe(arn);
    const gone = await driver.read(context(), { name: `${t}:${UUID}`, id: `${t}:${UUID}`, region: REGION });
    expect(gone).toBeUndefined();
  });

  it("lists the stage's topics' subscriptions over every ListSubscriptionsByTopic page", async () => {
    const t = await topic("list-dev-Big-abcdefgh");
    for (let i = 0; i < 105; i++) await subscribe(t, queue(`list-q${String(i).padStart(3, "0")}`));
    const other = await topic("list-devx-Other-abcdefgh");
    await subscribe(other, queue("list-other"));
    const first = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: t }));
    expect(first.Subscriptions).toHaveLength(100);
    expect(first.NextToken).toBeDefined();
    const listed = await driver.listByName!(context(), REGION, { prefixes: ["list-dev-"], names: new Set() });
    expect(listed).toHaveLength(105);
    expect(listed.every((r) => r.name.startsWith("list-dev-Big-abcdefgh|sqs|") && r.foundBy === "name")).toBe(
      true,
    );
    // By exact name only: that topic's listing, the one asked for.
    const name = `list-devx-Other-abcdefgh|sqs|${queue("list-other")}`;
    const exact = await driver.listByName!(context(), REGION, { prefixes: [], names: new Set([name]) });
    expect(exact.map((r) => r.name)).toEqual([name]);
  });

  it("unsubscribes only through the gate; a second time it is already gone", async () => {
    const t = await topic("del-dev-Events-abcdefgh");
    const arn = await subscribe(t, queue("del-q"));
    const identity = { name: arn, id: arn, arn, region: REGION };
    await expect(
      driver.delete(context(), identity, undefined as unknown as Parameters<typeof driver.delete>[2]),
    ).rejects.toThrow();
    expect(await driver.read(context(), identity)).toBeDefined();
    const done = await gated(driver).delete(context(), identity);
    expect(done).toEqual({
      deleted: true,
      steps: [`unsubscribed: subscription of sqs ${queue("del-q")} to topic del-dev-Events-abcdefgh`],
    });
    expect(await driver.read(context(), identity)).toBeUndefined();
    expect(await gated(driver).delete(context(), identity)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("a subscription pending confirmation is seen but cannot be unsubscribed: pending", async () => {
    const t = await topic("pend-dev-Events-abcdefgh");
    await sns.send(new SubscribeCommand({ TopicArn: t, Protocol: "email", Endpoint: "ops@example.com" }));
    const name = "pend-dev-Events-abcdefgh|email|ops@example.com";
    const listed = await driver.listByName!(context(), REGION, { prefixes: ["pend-dev-"], names: new Set() });
    expect(listed.map((r) => [r.name, r.id])).toEqual([[name, name]]);
    const r = await gated(driver).delete(context(), { name, id: name, region: REGION });
    expect(r.deleted).toBe(false);
    expect(r.pending).toMatch(/pending confirmation/);
  });
});

describe("adopt", () => {
  it("writes the entry pulumi-aws's schema has: topic, protocol, endpoint, policies, defaults", async () => {
    const t = await topic("adopt-dev-Events-abcdefgh");
    // Spaces and key order as a program may send them; the provider stores compact JSON, keys sorted.
    const arn = await subscribe(t, queue("adopt-q"), {
      FilterPolicy: '{ "store": ["x"], "kind": ["order"] }',
    });
    const adopted = await (await adopterFor("sns-subscription"))!.read(context(), {
      name: `adopt-dev-Events-abcdefgh|sqs|${queue("adopt-q")}`,
      id: "pending",
      region: REGION,
    });
    expect(adopted).toEqual({
      id: arn,
      inputs: {
        __defaults: ["confirmationTimeoutInMinutes", "endpointAutoConfirms", "rawMessageDelivery"],
        confirmationTimeoutInMinutes: 1,
        endpoint: queue("adopt-q"),
        endpointAutoConfirms: false,
        filterPolicy: '{"kind":["order"],"store":["x"]}',
        filterPolicyScope: "MessageAttributes",
        protocol: "sqs",
        rawMessageDelivery: false,
        topic: t,
      },
      outputs: {
        arn,
        confirmationTimeoutInMinutes: 1,
        confirmationWasAuthenticated: true,
        deliveryPolicy: "",
        endpoint: queue("adopt-q"),
        endpointAutoConfirms: false,
        filterPolicy: '{"kind":["order"],"store":["x"]}',
        filterPolicyScope: "MessageAttributes",
        id: arn,
        ownerId: ACCOUNT,
        pendingConfirmation: false,
        protocol: "sqs",
        rawMessageDelivery: false,
        redrivePolicy: "",
        replayPolicy: "",
        subscriptionRoleArn: "",
        topic: t,
      },
    });
  });
});

describe("doctor", () => {
  it("finds a pending create whose subscription exists and an orphan; the printed adopt fixes it", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const region = ACME.homeRegion;
    const home = new SNSClient(sandbox.config(region));
    const b = new SstStateBuilder({ app: "acme", stage: "subqa", account: ACCOUNT, region });
    const topicName = b.physicalName("EventsTopic", 256);
    const topicArn = await topic(topicName, home);
    const component = b.component("sst:aws:SnsTopic", "Events");
    b.custom("aws:sns/topic:Topic", "EventsTopic", component, {
      id: topicArn,
      inputs: { name: topicName },
      outputs: { arn: topicArn, id: topicArn, name: topicName },
    });
    const q = (n: string) => `arn:aws:sqs:${region}:${ACCOUNT}:${n}`;
    // The killed deploy's Subscribe went through: the state holds only the pending create.
    const pendingArn = await subscribe(topicArn, q("acme-subqa-Jobs"), undefined, home);
    b.addPendingCreate(TOKEN, "EventsSubscriberJobs", {
      topic: topicArn,
      protocol: "sqs",
      endpoint: q("acme-subqa-Jobs"),
    });
    // A subscriber the program dropped, left behind by an interrupted remove.
    const orphanArn = await subscribe(topicArn, q("acme-subqa-Old"), undefined, home);
    home.destroy();
    await putStageState(sandbox, "acme", "subqa", b);

    const doctor = () =>
      cli(["doctor", "--app", "acme", "--stage", "subqa", "--deep", "--json"], sandboxEnv(sandbox));
    const r = await doctor();
    const { findings } = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string; id?: string }[]; fix: string[] }[];
    };
    const subs = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(subs).toEqual([
      `orphan ${topicName}|sqs|${q("acme-subqa-Old")}`,
      `pending-create ${topicName}|sqs|${q("acme-subqa-Jobs")}`,
    ]);
    const pending = findings.find((f) => f.rule === "pending-create" && f.resources[0]!.type === TOKEN)!;
    const adoptLine = pending.fix.find((l) => l.startsWith("stateward adopt"))!;
    expect(adoptLine).toContain(`stateward adopt ${TOKEN} ${pendingArn} --urn `);
    const orphan = findings.find((f) => f.rule === "orphan" && f.resources[0]!.type === TOKEN)!;
    expect(orphan.fix.join("\n")).toContain(orphanArn);

    const adopted = await cli([...adoptLine.split(" ").slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    const cleaned = await cli(
      ["cleanup", "--app", "acme", "--stage", "subqa", "--yes", "--confirm", "subqa"],
      sandboxEnv(sandbox),
    );
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    const again = JSON.parse((await doctor()).stdout) as { findings: { resources: { type: string }[] }[] };
    expect(again.findings.filter((f) => f.resources.some((x) => x.type === TOKEN))).toEqual([]);
    // The orphan went with cleanup; the adopted one stayed.
    const check = new SNSClient(sandbox.config(region));
    const left = await check.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    check.destroy();
    expect((left.Subscriptions ?? []).map((s) => s.SubscriptionArn)).toEqual([pendingArn]);
  }, 60_000);
});
