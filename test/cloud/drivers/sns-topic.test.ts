/**
 * The SNS topic driver against the local cloud with the real SDK: read by ARN (or by name, the ARN
 * built from the caller's account), tags, a name listing over ListTopics' pages, the gated delete
 * (subscriptions go with the topic; a topic already gone is no error), and the inventory finding a
 * stage's orphan topic and a pending create whose topic exists (what CreateTopic would have silently
 * taken over).
 */
import { gated } from "../../helpers.js";
import {
  CreateTopicCommand,
  ListTopicsCommand,
  SNSClient,
  SubscribeCommand,
  type Tag,
} from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { snsTopicDriver } from "../../../src/cloud/drivers/sns.js";
import { scanInventory } from "../../../src/cloud/inventory.js";
import type { StageInput } from "../../../src/facts/inventory.js";
import type { NameFilter } from "../../../src/kinds/types.js";
import { ACME, seedAcme } from "../../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sandboxEnv, useSandbox, putStageState } from "../../sandbox/harness.js";
import { cli } from "../../helpers.js";

const ACCOUNT = "246813579024";
const REGION = "eu-west-1";
const sandbox = useSandbox({ accountId: ACCOUNT });

let clients: AwsClients;
let sns: SNSClient;
const context = () => cloudContext(clients);
const arnOf = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
const stageTags = (app: string, stage: string): Tag[] => [
  { Key: "sst:app", Value: app },
  { Key: "sst:stage", Value: stage },
];
const filter = (prefixes: string[], names: string[] = []): NameFilter => ({
  prefixes,
  names: new Set(names),
});

async function topic(name: string, tags: Tag[] = [], attributes?: Record<string, string>): Promise<string> {
  const out = await sns.send(new CreateTopicCommand({ Name: name, Tags: tags, Attributes: attributes }));
  return out.TopicArn!;
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

describe("reading a topic", () => {
  it("by its ARN or by its name alone: tags and the drift properties", async () => {
    const arn = await topic("acme-dev-Events-abcdefgh", stageTags("acme", "dev"), { DisplayName: "Events" });
    const byArn = await snsTopicDriver.read(context(), {
      name: "acme-dev-Events-abcdefgh",
      id: arn,
      arn,
      region: REGION,
    });
    expect(byArn).toEqual({
      kind: "sns-topic",
      type: "aws:sns/topic:Topic",
      name: "acme-dev-Events-abcdefgh",
      id: arn,
      arn,
      region: REGION,
      tags: { "sst:app": "acme", "sst:stage": "dev" },
      foundBy: "read",
      detail: { displayName: "Events", fifoTopic: false, kmsMasterKeyId: "" },
    });
    // A pending create knows only the name: the ARN is built from the caller's account.
    const byName = await snsTopicDriver.read(context(), {
      name: "acme-dev-Events-abcdefgh",
      id: "acme-dev-Events-abcdefgh",
      region: REGION,
    });
    expect(byName?.id).toBe(arn);
  });

  it("a FIFO topic says so; a topic that is not there is undefined", async () => {
    const name = "acme-dev-Orders-abcdefgh.fifo";
    await topic(name, [], { FifoTopic: "true" });
    const read = await snsTopicDriver.read(context(), { name, id: arnOf(name), region: REGION });
    expect(read?.detail).toMatchObject({ fifoTopic: true });
    const gone = await snsTopicDriver.read(context(), { name: "nope", id: arnOf("nope"), region: REGION });
    expect(gone).toBeUndefined();
  });
});

describe("listing topics by name", () => {
  it("walks every ListTopics page and keeps the prefixes and names asked for", async () => {
    for (let i = 0; i < 105; i++) await topic(`list-dev-T${String(i).padStart(3, "0")}-abcdefgh`);
    await topic("list-devx-Other-abcdefgh");
    await topic("exact-name");
    const pages = await sns.send(new ListTopicsCommand({}));
    expect(pages.NextToken).toBeDefined();
    const listed = await snsTopicDriver.listByName!(context(), REGION, filter(["list-dev-"], ["exact-name"]));
    const names = listed.map((r) => r.name);
    expect(names).toHaveLength(106);
    expect(names).toContain("exact-name");
    expect(names).not.toContain("list-devx-Other-abcdefgh");
    expect(listed.find((r) => r.name === "exact-name")).toMatchObject({
      id: arnOf("exact-name"),
      arn: arnOf("exact-name"),
      foundBy: "name",
    });
  });
});

describe("deleting a topic", () => {
  it("through the deletion gate: the topic and its subscriptions go; again, it is already gone", async () => {
    const name = "acme-dev-Gone-abcdefgh";
    const arn = await topic(name);
    await sns.send(
      new SubscribeCommand({
        TopicArn: arn,
        Protocol: "sqs",
        Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:q`,
      }),
    );
    const identity = { name, id: arn, arn, region: REGION };
    const first = await gated(snsTopicDriver).delete(context(), identity);
    expect(first).toEqual({ deleted: true, steps: [`deleted topic ${name} and its 1 subscription(s)`] });
    expect(await snsTopicDriver.read(context(), identity)).toBeUndefined();
    const again = await gated(snsTopicDriver).delete(context(), identity);
    expect(again).toEqual({ deleted: true, steps: ["already gone"] });
  });

  it("never without the gate's permit", async () => {
    const arn = await topic("acme-dev-Kept-abcdefgh");
    const identity = { name: "acme-dev-Kept-abcdefgh", id: arn, arn, region: REGION };
    await expect(
      snsTopicDriver.delete(
        context(),
        identity,
        undefined as unknown as Parameters<typeof snsTopicDriver.delete>[2],
      ),
    ).rejects.toThrow();
    expect(await snsTopicDriver.read(context(), identity)).toBeDefined();
  });
});

describe("the inventory of a stage", () => {
  it("finds its orphan topic and the topic of a pending create; another stage's topic is not its", async () => {
    const b = new SstStateBuilder({ app: "shop", stage: "qa", account: ACCOUNT, region: REGION });
    b.addFunction("Api");
    const pendingName = b.physicalName("JobsTopic", 256);
    b.addPendingCreate("aws:sns/topic:Topic", "JobsTopic", { name: pendingName });
    // The killed deploy's CreateTopic went through; a retry with the same tags would silently take it over.
    await topic(pendingName, stageTags("shop", "qa"));
    await topic("shop-qa-Leftover-abcdefgh", stageTags("shop", "qa"));
    await topic("shop-qa2-Events-abcdefgh", stageTags("shop", "qa2"));
    const deployment = (b.versioned() as { checkpoint: { latest: StageInput["deployment"] } }).checkpoint
      .latest;
    const r = await scanInventory(context(), {
      app: "shop",
      homeRegion: REGION,
      stages: [{ stage: "qa", deployment }],
    });
    const topics = r.stages[0]!.entries.filter((e) => e.kind === "sns-topic")
      .map((e) => `${e.status} ${e.name}${e.pending === undefined ? "" : ` pending:${e.pending}`}`)
      .sort();
    expect(topics).toEqual([
      `unmanaged ${pendingName} pending:creating`,
      "unmanaged shop-qa-Leftover-abcdefgh",
    ]);
  });
});

describe("doctor", () => {
  it("reports a pending create whose topic exists and an orphan topic, both to adopt or delete", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const b = new SstStateBuilder({ app: "acme", stage: "snsqa", account: ACCOUNT, region: ACME.homeRegion });
    b.addFunction("Api");
    const pendingName = b.physicalName("JobsTopic", 256);
    b.addPendingCreate("aws:sns/topic:Topic", "JobsTopic", { name: pendingName });
    const home = new SNSClient(sandbox.config(ACME.homeRegion));
    await home.send(new CreateTopicCommand({ Name: pendingName, Tags: stageTags("acme", "snsqa") }));
    await home.send(
      new CreateTopicCommand({ Name: "acme-snsqa-Leftover-abcdefgh", Tags: stageTags("acme", "snsqa") }),
    );
    home.destroy();
    await putStageState(sandbox, "acme", "snsqa", b);

    const r = await cli(["doctor", "--app", "acme", "--stage", "snsqa", "--json"], sandboxEnv(sandbox));
    const { findings } = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const topics = findings
      .filter((f) => f.resources.some((x) => x.type === "aws:sns/topic:Topic"))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(topics).toEqual(["orphan acme-snsqa-Leftover-abcdefgh", `pending-create ${pendingName}`]);
    const arn = (name: string) => `arn:aws:sns:${ACME.homeRegion}:${ACCOUNT}:${name}`;
    const flags = "--app acme --stage snsqa";
    const adoptPending = `stateward adopt aws:sns/topic:Topic ${arn(pendingName)} --urn urn:pulumi:snsqa::acme::aws:sns/topic:Topic::JobsTopic ${flags}`;
    expect(findings.find((f) => f.rule === "pending-create")!.fix).toEqual([adoptPending]);
    expect(findings.find((f) => f.rule === "orphan")!.fix).toEqual([
      `stateward adopt aws:sns/topic:Topic ${arn("acme-snsqa-Leftover-abcdefgh")} ${flags}`,
      `# or, if they are no longer wanted: stateward cleanup ${flags} --yes`,
    ]);

    // The printed fix works: after adopting, the pending create is no longer a finding.
    const adopted = await cli([...adoptPending.split(" ").slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    const again = await cli(["doctor", "--app", "acme", "--stage", "snsqa", "--json"], sandboxEnv(sandbox));
    const after = (
      JSON.parse(again.stdout) as { findings: { rule: string; resources: { name: string }[] }[] }
    ).findings.filter((f) => f.resources.some((x) => x.name === pendingName));
    expect(after).toEqual([]);
  });
});
