/**
 * The local cloud's EventBridge with the real SDK client (AWS JSON 1.1, `AWSEvents.*`): PutRule is an
 * upsert (a second PutRule of the name replaces the rule, targets kept), DescribeRule's not-found,
 * ListRules by prefix over pages with AWS's Limit bound, targets and DeleteRule's refusal while it has
 * some, an empty success for a rule that is not there, custom buses, tags and the tagging API.
 */
import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
} from "@aws-sdk/client-eventbridge";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox();
let events: EventBridgeClient;
const REGION = "us-east-1";
beforeAll(() => {
  events = new EventBridgeClient(sandbox.config(REGION));
});
afterAll(() => events.destroy());
const account = () => sandbox.server().accountId;

describe("rules", () => {
  it("PutRule creates, and a second PutRule of the name replaces it (no error); targets stay", async () => {
    const created = await events.send(
      new PutRuleCommand({
        Name: "acme-dev-CronRule-abcdefgh",
        ScheduleExpression: "rate(1 minute)",
        Description: "a",
      }),
    );
    expect(created.RuleArn).toBe(`arn:aws:events:${REGION}:${account()}:rule/acme-dev-CronRule-abcdefgh`);
    await events.send(
      new PutTargetsCommand({
        Rule: "acme-dev-CronRule-abcdefgh",
        Targets: [{ Id: "old", Arn: `arn:aws:lambda:${REGION}:${account()}:function:old` }],
      }),
    );
    const again = await events.send(
      new PutRuleCommand({ Name: "acme-dev-CronRule-abcdefgh", ScheduleExpression: "rate(5 minutes)" }),
    );
    expect(again.RuleArn).toBe(created.RuleArn);
    const d = await events.send(new DescribeRuleCommand({ Name: "acme-dev-CronRule-abcdefgh" }));
    expect(d).toMatchObject({
      Name: "acme-dev-CronRule-abcdefgh",
      Arn: created.RuleArn,
      ScheduleExpression: "rate(5 minutes)",
      State: "ENABLED",
      EventBusName: "default",
    });
    // What the second call left out is not kept.
    expect(d.Description).toBeUndefined();
    const t = await events.send(new ListTargetsByRuleCommand({ Rule: "acme-dev-CronRule-abcdefgh" }));
    expect(t.Targets?.map((x) => x.Id)).toEqual(["old"]);
  });

  it("DescribeRule of a missing rule: ResourceNotFoundException, 400; bad input: ValidationException", async () => {
    const e = await sdkError(() => events.send(new DescribeRuleCommand({ Name: "nope" })));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 400 });
    expect(e.message).toBe("Rule nope does not exist on EventBus default.");
    const bad = await sdkError(() =>
      events.send(new PutRuleCommand({ Name: "bad name", ScheduleExpression: "rate(1 minute)" })),
    );
    expect(bad.name).toBe("ValidationException");
    const neither = await sdkError(() => events.send(new PutRuleCommand({ Name: "x" })));
    expect(neither).toMatchObject({ name: "ValidationException" });
    expect(neither.message).toMatch(/EventPattern or ScheduleExpression/);
  });

  it("ListRules: NamePrefix, pages of at most Limit (≤ 100)", async () => {
    for (let i = 0; i < 105; i++) {
      await events.send(
        new PutRuleCommand({ Name: `list-${String(i).padStart(3, "0")}`, ScheduleExpression: "rate(1 day)" }),
      );
    }
    const first = await events.send(new ListRulesCommand({ NamePrefix: "list-" }));
    expect(first.Rules).toHaveLength(100);
    const second = await events.send(
      new ListRulesCommand({ NamePrefix: "list-", NextToken: first.NextToken }),
    );
    expect(second.Rules?.map((r) => r.Name)).toEqual([
      "list-100",
      "list-101",
      "list-102",
      "list-103",
      "list-104",
    ]);
    expect(second.NextToken).toBeUndefined();
    const small = await events.send(new ListRulesCommand({ NamePrefix: "list-", Limit: 7 }));
    expect(small.Rules).toHaveLength(7);
    const tooMany = await sdkError(() => events.send(new ListRulesCommand({ Limit: 101 })));
    expect(tooMany.name).toBe("ValidationException");
  });

  it("DeleteRule refuses while targets remain; after RemoveTargets it goes; a missing rule is no error", async () => {
    await events.send(new PutRuleCommand({ Name: "del-rule", EventPattern: '{"source":["acme"]}' }));
    await events.send(
      new PutTargetsCommand({
        Rule: "del-rule",
        Targets: [{ Id: "t1", Arn: `arn:aws:sqs:${REGION}:${account()}:q` }],
      }),
    );
    const refused = await sdkError(() => events.send(new DeleteRuleCommand({ Name: "del-rule" })));
    expect(refused).toMatchObject({
      name: "ValidationException",
      message: "Rule can't be deleted since it has targets.",
    });
    await events.send(new RemoveTargetsCommand({ Rule: "del-rule", Ids: ["t1"] }));
    await events.send(new DeleteRuleCommand({ Name: "del-rule" }));
    expect((await sdkError(() => events.send(new DescribeRuleCommand({ Name: "del-rule" })))).name).toBe(
      "ResourceNotFoundException",
    );
    await expect(events.send(new DeleteRuleCommand({ Name: "del-rule" }))).resolves.toBeDefined();
  });

  it("a rule on a custom bus: its own ARN; the bus must exist", async () => {
    const missing = await sdkError(() =>
      events.send(new PutRuleCommand({ Name: "r", EventBusName: "orders", EventPattern: "{}" })),
    );
    expect(missing).toMatchObject({
      name: "ResourceNotFoundException",
      message: "Event bus orders does not exist.",
    });
    await events.send(new CreateEventBusCommand({ Name: "orders" }));
    const r = await events.send(
      new PutRuleCommand({ Name: "r", EventBusName: "orders", EventPattern: '{"source":["x"]}' }),
    );
    expect(r.RuleArn).toBe(`arn:aws:events:${REGION}:${account()}:rule/orders/r`);
    const onDefault = await sdkError(() => events.send(new DescribeRuleCommand({ Name: "r" })));
    expect(onDefault.name).toBe("ResourceNotFoundException");
  });

  it("tags on create and TagResource; tagged rules are in the tagging API as events:rule", async () => {
    const { RuleArn } = await events.send(
      new PutRuleCommand({
        Name: "tagged-rule",
        ScheduleExpression: "rate(1 hour)",
        Tags: [{ Key: "sst:stage", Value: "dev" }],
      }),
    );
    await events.send(
      new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: "sst:app", Value: "acme" }] }),
    );
    const tags = await events.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }));
    expect(tags.Tags).toEqual([
      { Key: "sst:stage", Value: "dev" },
      { Key: "sst:app", Value: "acme" },
    ]);
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config(REGION));
    const found = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ["events:rule"] }));
    tagging.destroy();
    expect(found.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([RuleArn]);
  });
});
