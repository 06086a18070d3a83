/**
 * The EventBridge rule kind: ARNs and ids (`<bus>/<name>` off the default bus), SST's naming, explain
 * on the one pasted text (aws-ia/terraform-aws-eks-blueprints#1482) and CloudFormation's form, the
 * driver against the local cloud with the real SDK (read, ListRules by prefix over pages, the gated
 * delete removing targets first), doctor finding a pending create and an orphan (by its stage tags)
 * with fixes that work, and adopt compared with pulumi-aws 5.42.0's export
 * (../shared/fixtures/pulumi-aws/cloudwatch-eventrule-5.42.0-stack.json, read at run time).
 */
import {
  CreateEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { adopterFor, driverForKind } from "../../src/cloud/drivers/index.js";
import { eventbridgeRuleDriver as driver } from "../../src/cloud/drivers/eventbridge.js";
import { explainLog } from "../../src/explain/index.js";
import { eventbridgeRule as kind, ruleId, splitRuleId } from "../../src/kinds/eventbridge-rule.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { generateName } from "../../src/state/names.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";
import { cli, gated } from "../helpers.js";

const TOKEN = "aws:cloudwatch/eventRule:EventRule";
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURE = path.resolve(REPO, "../shared/fixtures/pulumi-aws/cloudwatch-eventrule-5.42.0-stack.json");

describe("eventbridge-rule kind", () => {
  it("ARNs: the name (and bus) out of `rule/<name>` and `rule/<bus>/<name>`; the id as Pulumi writes it", () => {
    const arn = "arn:aws:events:us-west-2:616138583583:rule/capture-aws-sign-in";
    expect(kind.fromArn(arn)).toEqual({
      name: "capture-aws-sign-in",
      id: "capture-aws-sign-in",
      region: "us-west-2",
      arn,
    });
    const onBus = "arn:aws:events:eu-west-1:123456789012:rule/orders/acme-dev-Sync";
    expect(kind.fromArn(onBus)).toMatchObject({ name: "acme-dev-Sync", id: "orders/acme-dev-Sync" });
    expect(kind.fromArn("arn:aws:events:eu-west-1:123456789012:event-bus/orders")).toBeUndefined();
    expect(kind.fromArn("arn:aws:sns:eu-west-1:123456789012:rule")).toBeUndefined();
    expect(kindForArn(arn)?.kind).toBe("eventbridge-rule");
    expect(kindForShownType("aws:cloudwatch:EventRule")?.kind).toBe("eventbridge-rule");
    expect(ruleId("default", "a")).toBe("a");
    expect(ruleId("orders", "a")).toBe("orders/a");
    expect(splitRuleId("orders/a")).toEqual({ bus: "orders", name: "a" });
    expect(splitRuleId("a")).toEqual({ bus: "default", name: "a" });
  });

  it("identifies the recorded entry, a bare id, and a pending create on a custom bus", () => {
    const real = realRule();
    expect(kind.identify(real, "us-west-2")).toEqual({
      name: "capture-aws-sign-in",
      id: "capture-aws-sign-in",
      region: "us-west-2",
      arn: "arn:aws:events:us-west-2:616138583583:rule/capture-aws-sign-in",
    });
    expect(kind.identify({ type: TOKEN, id: "orders/sync" } as unknown as ResourceV3, "eu-west-1")).toEqual({
      name: "sync",
      id: "orders/sync",
      region: "eu-west-1",
    });
    const pending = { type: TOKEN, inputs: { name: "acme-dev-Sync-abcdefgh", eventBusName: "orders" } };
    expect(kind.identify(pending as unknown as ResourceV3, "eu-west-1")).toMatchObject({
      id: "orders/acme-dev-Sync-abcdefgh",
    });
  });

  it("names like SST (rule 64); goes before functions and roles; drift in schedule, pattern, state", () => {
    expect(generateName("acme", "dev", "CronRule", TOKEN).name).toMatch(/^acme-dev-CronRule-[a-z]{8}$/);
    expect(kind.naming?.[TOKEN]?.max).toBe(64);
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:lambda/function:Function"));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:iam/role:Role"));
    expect(typeOfWording("EventBridge Rule")).toBe(TOKEN);
    const entry = { outputs: { scheduleExpression: "rate(1 minute)", state: "ENABLED" } };
    const cloud = { detail: { scheduleExpression: "rate(5 minutes)", state: "ENABLED" } };
    expect(kind.drift(entry as unknown as ResourceV3, cloud as unknown as CloudResource)).toEqual([
      { property: "scheduleExpression", state: "rate(1 minute)", cloud: "rate(5 minutes)" },
    ]);
  });
});

describe("explain", () => {
  it("the pasted 'Rule with the name already exists on this event bus.' is an EventBridge rule", () => {
    const r = explainLog(fixture("eventbridge-rule.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: "already-exists", resource: { type: TOKEN } });
  });

  it("CloudFormation's form names the rule", () => {
    const log =
      "CREATE_FAILED AWS::Events::Rule CronRule Resource of type 'AWS::Events::Rule' with identifier 'acme-dev-CronRule' already exists.";
    expect(explainLog(log).problems[0]).toMatchObject({
      resource: { type: TOKEN, name: "acme-dev-CronRule" },
    });
  });
});

/* Against the local cloud ------------------------------------------------------------------------ */

function realRule(): ResourceV3 {
  const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { deployment: { resources: ResourceV3[] } };
  return doc.deployment.resources.find((r) => r.type === TOKEN)!;
}

const ACCOUNT = "616138583583";
const REGION = "us-west-2";
const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let events: EventBridgeClient;
const context = () => cloudContext(clients);
const fn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  events = new EventBridgeClient(sandbox.config(REGION));
});
afterAll(() => {
  clients.destroy();
  events.destroy();
});

describe("the driver", () => {
  it("is the eventbridge module's driver for the kind", async () => {
    expect((await driverForKind("eventbridge-rule"))?.kind).toBe("eventbridge-rule");
  });

  it("reads a rule with its tags and drift details, on the default bus or another", async () => {
    await events.send(
      new PutRuleCommand({
        Name: "read-dev-Cron-abcdefgh",
        ScheduleExpression: "rate(1 minute)",
        Tags: [{ Key: "sst:stage", Value: "dev" }],
      }),
    );
    const r = await driver.read(context(), {
      name: "read-dev-Cron-abcdefgh",
      id: "read-dev-Cron-abcdefgh",
      region: REGION,
    });
    expect(r).toEqual({
      kind: "eventbridge-rule",
      type: TOKEN,
      name: "read-dev-Cron-abcdefgh",
      id: "read-dev-Cron-abcdefgh",
      arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/read-dev-Cron-abcdefgh`,
      region: REGION,
      tags: { "sst:stage": "dev" },
      foundBy: "read",
      detail: {
        eventBusName: "default",
        eventPattern: "",
        scheduleExpression: "rate(1 minute)",
        state: "ENABLED",
      },
    });
    await events.send(new CreateEventBusCommand({ Name: "orders" }));
    await events.send(
      new PutRuleCommand({ Name: "sync", EventBusName: "orders", EventPattern: '{"source":["a"]}' }),
    );
    const onBus = await driver.read(context(), { name: "sync", id: "orders/sync", region: REGION });
    expect(onBus).toMatchObject({ id: "orders/sync", detail: { eventBusName: "orders" } });
    expect(await driver.read(context(), { name: "sync", id: "sync", region: REGION })).toBeUndefined();
  });

  it("lists by prefix over every ListRules page, and exact names exactly", async () => {
    for (let i = 0; i < 103; i++) {
      await events.send(
        new PutRuleCommand({
          Name: `list-dev-R${String(i).padStart(3, "0")}`,
          ScheduleExpression: "rate(1 day)",
        }),
      );
    }
    await events.send(new PutRuleCommand({ Name: "list-devx-Other", ScheduleExpression: "rate(1 day)" }));
    await events.send(new PutRuleCommand({ Name: "exact", ScheduleExpression: "rate(1 day)" }));
    await events.send(new PutRuleCommand({ Name: "exact-not", ScheduleExpression: "rate(1 day)" }));
    expect((await events.send(new ListRulesCommand({ NamePrefix: "list-dev-" }))).NextToken).toBeDefined();
    const listed = await driver.listByName!(context(), REGION, {
      prefixes: ["list-dev-"],
      names: new Set(["exact"]),
    });
    const names = listed.map((r) => r.name);
    expect(names).toHaveLength(104);
    expect(names).toContain("exact");
    expect(names).not.toContain("exact-not");
    expect(names).not.toContain("list-devx-Other");
  });

  it("deletes only through the gate: its targets first, then the rule; again, already gone", async () => {
    const name = "del-dev-Cron-abcdefgh";
    await events.send(new PutRuleCommand({ Name: name, ScheduleExpression: "rate(1 minute)" }));
    await events.send(
      new PutTargetsCommand({
        Rule: name,
        Targets: [
          { Id: "a", Arn: fn("a") },
          { Id: "b", Arn: fn("b") },
        ],
      }),
    );
    const identity = { name, id: name, region: REGION };
    await expect(
      driver.delete(context(), identity, undefined as unknown as Parameters<typeof driver.delete>[2]),
    ).rejects.toThrow();
    expect((await events.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets).toHaveLength(2);
    const done = await gated(driver).delete(context(), identity);
    expect(done).toEqual({
      deleted: true,
      steps: [`removed 2 target(s) of rule ${name}: a, b`, `deleted EventBridge rule ${name}`],
    });
    expect(await driver.read(context(), identity)).toBeUndefined();
    expect(await gated(driver).delete(context(), identity)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });
});

describe("adopt", () => {
  it("is the entry pulumi-aws 5.42.0 recorded for the same rule, plus pulumi-aws 6's forceDestroy", async () => {
    const real = realRule();
    await events.send(
      new PutRuleCommand({
        Name: real.inputs!.name as string,
        Description: real.inputs!.description as string,
        EventPattern: real.inputs!.eventPattern as string,
      }),
    );
    const adopted = await (await adopterFor("eventbridge-rule"))!.read(
      context(),
      kind.identify(real, REGION)!,
    );
    expect(adopted!.id).toBe(real.id);
    expect(adopted!.inputs).toEqual(real.inputs);
    const extra = Object.keys(adopted!.outputs).filter((k) => !(k in real.outputs!));
    expect(extra).toEqual(["forceDestroy"]);
    expect(adopted!.outputs.forceDestroy).toBe(false);
    const shared = Object.fromEntries(Object.keys(real.outputs!).map((k) => [k, adopted!.outputs[k]]));
    expect(shared).toEqual(real.outputs);
  });

  it("a disabled rule on a custom bus with a pattern and tags: id `<bus>/<name>`, no eventBusName default", async () => {
    await events.send(new CreateEventBusCommand({ Name: "billing" }));
    await events.send(
      new PutRuleCommand({
        Name: "acme-dev-Sync",
        EventBusName: "billing",
        EventPattern: '{"source":["b"],"detail-type":["x"]}',
        State: "DISABLED",
        Tags: [{ Key: "sst:app", Value: "acme" }],
      }),
    );
    const adopted = await (await adopterFor("eventbridge-rule"))!.read(context(), {
      name: "acme-dev-Sync",
      id: "billing/acme-dev-Sync",
      region: REGION,
    });
    expect(adopted?.id).toBe("billing/acme-dev-Sync");
    expect(adopted?.inputs).toEqual({
      __defaults: [],
      eventBusName: "billing",
      // Keys sorted, as the provider's Go JSON round trip leaves them.
      eventPattern: '{"detail-type":["x"],"source":["b"]}',
      name: "acme-dev-Sync",
      tags: { "sst:app": "acme" },
    });
    expect(adopted?.outputs).toMatchObject({
      isEnabled: false,
      state: "DISABLED",
      id: "billing/acme-dev-Sync",
    });
    // `stateward adopt` hands the id it was given as name and id alike: the Pulumi id or the ARN.
    const adopter = (await adopterFor("eventbridge-rule"))!;
    const byId = await adopter.read(context(), {
      name: "billing/acme-dev-Sync",
      id: "billing/acme-dev-Sync",
      region: REGION,
    });
    expect(byId?.id).toBe("billing/acme-dev-Sync");
    const arn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/billing/acme-dev-Sync`;
    expect((await adopter.read(context(), { name: arn, id: arn, region: REGION }))?.id).toBe(
      "billing/acme-dev-Sync",
    );
  });
});

describe("doctor", () => {
  it("finds a pending create whose rule exists and an orphan rule by its tags; the fixes work", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const region = ACME.homeRegion;
    const home = new EventBridgeClient(sandbox.config(region));
    const b = new SstStateBuilder({ app: "acme", stage: "cronqa", account: ACCOUNT, region });
    const tags = [
      { Key: "sst:app", Value: "acme" },
      { Key: "sst:stage", Value: "cronqa" },
    ];
    const pendingName = b.physicalName("NightlyRule", 64);
    // The killed deploy's PutRule went through; the state holds only the pending create.
    await home.send(new PutRuleCommand({ Name: pendingName, ScheduleExpression: "rate(1 day)", Tags: tags }));
    b.addPendingCreate(TOKEN, "NightlyRule", { name: pendingName, scheduleExpression: "rate(1 day)" });
    // A Cron the program dropped, left with its target by an interrupted remove.
    await home.send(
      new PutRuleCommand({
        Name: "acme-cronqa-OldRule-abcdefgh",
        ScheduleExpression: "rate(1 hour)",
        Tags: tags,
      }),
    );
    await home.send(
      new PutTargetsCommand({
        Rule: "acme-cronqa-OldRule-abcdefgh",
        Targets: [{ Id: "acme-cronqa-OldTarget", Arn: `arn:aws:lambda:${region}:${ACCOUNT}:function:old` }],
      }),
    );
    await putStageState(sandbox, "acme", "cronqa", b);

    const doctor = () => cli(["doctor", "--app", "acme", "--stage", "cronqa", "--json"], sandboxEnv(sandbox));
    const { findings } = JSON.parse((await doctor()).stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const rules = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(rules).toEqual(["orphan acme-cronqa-OldRule-abcdefgh", `pending-create ${pendingName}`]);
    const pending = findings.find((f) => f.rule === "pending-create" && f.resources[0]!.type === TOKEN)!;
    const adoptLine = pending.fix.find((l) => l.startsWith("stateward adopt"))!;
    expect(adoptLine).toContain(`stateward adopt ${TOKEN} ${pendingName} --urn `);
    const orphan = findings.find((f) => f.rule === "orphan" && f.resources[0]!.type === TOKEN)!;
    expect(orphan.fix.join("\n")).toMatch(/stateward cleanup/);

    const adopted = await cli([...adoptLine.split(" ").slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    const cleaned = await cli(
      ["cleanup", "--app", "acme", "--stage", "cronqa", "--yes", "--confirm", "cronqa"],
      sandboxEnv(sandbox),
    );
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    expect(cleaned.stdout + cleaned.stderr).toMatch(
      /removed 1 target\(s\) of rule acme-cronqa-OldRule-abcdefgh/,
    );
    const again = JSON.parse((await doctor()).stdout) as { findings: { resources: { type: string }[] }[] };
    expect(again.findings.filter((f) => f.resources.some((x) => x.type === TOKEN))).toEqual([]);
    const left = await home.send(new ListRulesCommand({ NamePrefix: "acme-cronqa-" }));
    home.destroy();
    expect(left.Rules?.map((r) => r.Name)).toEqual([pendingName]);
  }, 60_000);
});
