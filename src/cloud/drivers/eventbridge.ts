/**
 * Amazon EventBridge, the driver for rules (src/kinds/eventbridge-rule.ts): DescribeRule and
 * ListTagsForResource to read, ListRules by name prefix (Limit 100 a page, default bus — where SST's
 * `Cron` puts its rules), and the gated delete: the rule's targets first (ListTargetsByRule,
 * RemoveTargets — DeleteRule refuses a rule with targets), then DeleteRule. The client is the generic
 * one (`ctx.clients.client(EventBridgeClient, "EVENTBRIDGE", region)`).
 */
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  type DescribeRuleCommandOutput,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  RemoveTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { DEFAULT_BUS, eventbridgeRule as kind, ruleId, splitRuleId } from "../../kinds/eventbridge-rule.js";
import type { CloudResource, Identity } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
  namesFromPages,
  tagMap,
  providerJson,
} from "./types.js";
import { t, items } from "../../i18n/index.js";

const SERVICE = "eventbridge";
const MISSING = ["ResourceNotFoundException"];
/** API_ListRules / API_ListTargetsByRule, Limit; API_RemoveTargets, Ids: at most 100. */
const PAGE = 100;

const client = (ctx: CloudContext, region: string) =>
  ctx.clients.client(EventBridgeClient, "EVENTBRIDGE", region);

/**
 * The bus and name an identity names: its id (`<bus>/<name>` or the name, or the rule's ARN — what
 * `adopt` is handed as both), its name otherwise (on the default bus).
 */
function where(identity: Identity): { bus: string; name: string } {
  const id = kind.fromArn(identity.id)?.id ?? identity.id;
  const fromId = splitRuleId(id);
  return fromId.name === identity.name || identity.id === identity.name
    ? fromId
    : { bus: DEFAULT_BUS, name: identity.name };
}

/** DescribeRule; undefined when there is no such rule on the bus. */
function describeRule(ctx: CloudContext, region: string, bus: string, name: string) {
  return callUnlessMissing(ctx, MISSING, SERVICE, `DescribeRule ${ruleId(bus, name)}`, (signal) =>
    client(ctx, region).send(new DescribeRuleCommand({ Name: name, EventBusName: bus }), {
      abortSignal: signal,
    }),
  );
}

async function tagsOf(
  ctx: CloudContext,
  region: string,
  arn: string | undefined,
): Promise<Record<string, string>> {
  if (arn === undefined) return {};
  const got = await callUnlessMissing(ctx, MISSING, SERVICE, `ListTagsForResource ${arn}`, (signal) =>
    client(ctx, region).send(new ListTagsForResourceCommand({ ResourceARN: arn }), { abortSignal: signal }),
  );
  return tagMap(got?.Tags);
}

/** Every target id of a rule (ListTargetsByRule, paged). */
async function targetIds(ctx: CloudContext, region: string, bus: string, name: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await callUnlessMissing(ctx, MISSING, SERVICE, `ListTargetsByRule ${name}`, (signal) =>
      client(ctx, region).send(
        new ListTargetsByRuleCommand({ Rule: name, EventBusName: bus, NextToken: token, Limit: PAGE }),
        { abortSignal: signal },
      ),
    );
    for (const t of page?.Targets ?? []) if (t.Id !== undefined) ids.push(t.Id);
    token = page?.NextToken || undefined;
  } while (token !== undefined);
  return ids;
}

function ruleResource(
  d: DescribeRuleCommandOutput,
  bus: string,
  region: string,
  tags: Record<string, string>,
): CloudResource {
  const name = d.Name ?? "";
  return found(kind, {
    name,
    id: ruleId(bus, name),
    arn: d.Arn,
    region,
    tags,
    foundBy: "read",
    detail: {
      eventBusName: bus,
      eventPattern: providerJson(d.EventPattern),
      scheduleExpression: d.ScheduleExpression ?? "",
      state: d.State ?? "",
    },
  });
}

export const eventbridgeRuleDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const { bus, name } = where(identity);
    const d = await describeRule(ctx, identity.region, bus, name);
    if (d === undefined) return undefined;
    return ruleResource(d, bus, identity.region, await tagsOf(ctx, identity.region, d.Arn));
  },

  async listByName(ctx, region, filter) {
    // ListRules filters by prefix: one walk per stage prefix, one per exact name (kept exactly).
    const prefixes = [...new Set([...filter.prefixes, ...filter.names])];
    const names = new Set<string>();
    for (const prefix of prefixes) {
      const listed = await namesFromPages(async (token) => {
        const page = await ctx.call(SERVICE, `ListRules ${prefix}`, (signal) =>
          client(ctx, region).send(
            new ListRulesCommand({ NamePrefix: prefix, NextToken: token, Limit: PAGE }),
            {
              abortSignal: signal,
            },
          ),
        );
        return { names: (page.Rules ?? []).map((r) => r.Name), next: page.NextToken };
      }, filter);
      for (const n of listed) names.add(n);
    }
    return [...names].map((name) => found(kind, { name, region, foundBy: "name" }));
  },

  /**
   * Its targets first (DeleteRule answers ValidationException "Rule can't be deleted since it has
   * targets." otherwise), up to 100 ids a RemoveTargets call, then DeleteRule. Nothing to wait for:
   * the name is free once the call returns.
   */
  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const { bus, name } = where(identity);
    const region = identity.region;
    if ((await describeRule(ctx, region, bus, name)) === undefined)
      return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const steps: string[] = [];
    const ids = await targetIds(ctx, region, bus, name);
    for (let i = 0; i < ids.length; i += PAGE) {
      const batch = ids.slice(i, i + PAGE);
      await ctx.call(SERVICE, `RemoveTargets ${name}`, (signal) =>
        client(ctx, region).send(new RemoveTargetsCommand({ Rule: name, EventBusName: bus, Ids: batch }), {
          abortSignal: signal,
        }),
      );
    }
    if (ids.length > 0)
      steps.push(t("cloud.eventbridge.removed-targets", { count: ids.length, name, ids: items(ids) }));
    await ctx.call(SERVICE, `DeleteRule ${name}`, (signal) =>
      client(ctx, region).send(new DeleteRuleCommand({ Name: name, EventBusName: bus }), {
        abortSignal: signal,
      }),
    );
    steps.push(
      t("cloud.step.deleted", { what: t("cloud.what.eventbridge-rule", { name: ruleId(bus, name) }) }),
    );
    return { deleted: true, steps };
  }),

  adopt: (ctx, identity) => eventbridgeRuleAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [eventbridgeRuleDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a rule (`aws:cloudwatch/eventRule:EventRule`): the entry pulumi-aws writes, from
 * DescribeRule and ListTagsForResource. Checked field by field against pulumi-aws 5.42.0's export
 * (../shared/fixtures/pulumi-aws/cloudwatch-eventrule-5.42.0-stack.json): id = name on the default bus
 * (`<bus>/<name>` on another); inputs `eventBusName` (a default, named in `__defaults` while it is
 * `default`), `name` and what the rule sets (description, pattern, schedule, role, tags); outputs every
 * attribute with "" for unset ones, `isEnabled`, `namePrefix` "", `state`, `tags`/`tagsAll`, and the
 * `__meta` schema version "1". By version: terraform-provider-aws added `force_destroy` (PR #34905,
 * released after the provider 5.42.0 wraps), so pulumi-aws 6 writes `forceDestroy` (false) — written
 * here too; 7 (SST 4) adds `region`, not written.
 */
export const eventbridgeRuleAdopter: Adopter = {
  kind: kind.kind,

  async read(ctx, identity) {
    const { bus, name } = where(identity);
    const d = await describeRule(ctx, identity.region, bus, name);
    if (d === undefined) return undefined;
    const tags = await tagsOf(ctx, identity.region, d.Arn);
    const id = ruleId(bus, name);
    const state = d.State ?? "ENABLED";
    const settings: PropertyMap = {
      description: d.Description ?? "",
      eventPattern: providerJson(d.EventPattern),
      roleArn: d.RoleArn ?? "",
      scheduleExpression: d.ScheduleExpression ?? "",
    };
    const set = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== ""));
    const inputs: PropertyMap = {
      __defaults: bus === DEFAULT_BUS ? ["eventBusName"] : [],
      ...set,
      eventBusName: bus,
      name,
      ...(Object.keys(tags).length === 0 ? {} : { tags: { ...tags } }),
    };
    const outputs: PropertyMap = {
      __meta: JSON.stringify({ schema_version: "1" }),
      arn: d.Arn ?? "",
      ...settings,
      eventBusName: bus,
      forceDestroy: false,
      id,
      isEnabled: state !== "DISABLED",
      name,
      namePrefix: "",
      state,
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    const sortedInputs = Object.fromEntries(Object.entries(inputs).sort(([x], [y]) => (x < y ? -1 : 1)));
    const sortedOutputs = Object.fromEntries(Object.entries(outputs).sort(([x], [y]) => (x < y ? -1 : 1)));
    return { id, inputs: sortedInputs, outputs: sortedOutputs };
  },
};
