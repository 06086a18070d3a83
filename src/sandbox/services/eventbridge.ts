/**
 * Amazon EventBridge rules and their targets (awsJson 1.1, `X-Amz-Target: AWSEvents.<Operation>`,
 * signing name `events`): PutRule (an upsert), DescribeRule, ListRules (NamePrefix, paged, Limit ≤ 100),
 * DeleteRule, PutTargets, ListTargetsByRule, RemoveTargets, tags, and custom buses (CreateEventBus,
 * DeleteEventBus) so rules can live on one. Nothing is matched or delivered.
 *
 * What AWS does, as sources confirm it:
 * - PutRule "creates or updates" (API_PutRule): a name that exists on the bus is replaced with what
 *   the call sends — no error (terraform-provider-aws#25598; the provider's create does not check
 *   first, internal/service/events/rule.go `resourceRuleCreate`). The rule's targets stay.
 * - DeleteRule of a rule with targets: ValidationException "Rule can't be deleted since it has
 *   targets." (tested against AWS in getmoto/moto#5056; terraform-provider-aws#34905). DeleteRule of
 *   a rule that does not exist answers an empty success (tried against AWS in getmoto/moto#5631).
 * - ResourceNotFoundException is a client error, HTTP 400 (AWS JSON 1.1; floci-io/floci#2553), worded
 *   "Rule <name> does not exist on EventBus <bus>." (a pasted `terraform apply` log, StatusCode 400;
 *   getmoto/moto answers the same); PutRule's "Parameter(s) EventPattern or ScheduleExpression must
 *   be specified." as getmoto/moto words it.
 * Rule ARNs: `arn:aws:events:<region>:<account>:rule/<name>` on the default bus,
 * `…:rule/<bus>/<name>` on another. Tagged rules are reported to the tagging API (`events:rule`).
 * Not served: the 5-targets-per-rule quota, managed rules (`Force`), archives, connections.
 */
import { constraintError, jsonService, paginate, tagList, toTagList } from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";

interface Target {
  Id: string;
  Arn: string;
  [key: string]: unknown;
}

interface Rule {
  name: string;
  bus: string;
  arn: string;
  scheduleExpression?: string;
  eventPattern?: string;
  state: string;
  description?: string;
  roleArn?: string;
  tags: Record<string, string>;
  targets: Target[];
}

interface Bus {
  name: string;
  arn: string;
  tags: Record<string, string>;
}

interface State {
  buses: Record<string, Bus>;
  /** By `<bus>/<name>`. */
  rules: Record<string, Rule>;
}

const DEFAULT_BUS = "default";
/** API_PutRule, Name: 1–64 of `[\.\-_A-Za-z0-9]+`. */
const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
/** API_ListRules / API_ListTargetsByRule, Limit: 1–100. */
const MAX_LIMIT = 100;
const STATES = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

function str(input: Record<string, unknown>, key: string): string | undefined {
  const v = input[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

function required(input: Record<string, unknown>, key: string): string {
  const v = str(input, key);
  if (v === undefined) {
    const field = key.charAt(0).toLowerCase() + key.slice(1);
    throw constraintError("ValidationException", field, undefined, "Member must not be null");
  }
  return v;
}

function limitOf(input: Record<string, unknown>): number {
  const raw = input.Limit;
  if (raw === undefined || raw === null) return MAX_LIMIT;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1) {
    throw constraintError(
      "ValidationException",
      "limit",
      raw,
      "Member must have value greater than or equal to 1",
    );
  }
  if (raw > MAX_LIMIT) {
    throw constraintError(
      "ValidationException",
      "limit",
      raw,
      `Member must have value less than or equal to ${MAX_LIMIT}`,
    );
  }
  return raw;
}

function notFound(message: string): AwsError {
  return new AwsError("ResourceNotFoundException", message);
}

function ruleArn(ctx: ServiceContext, bus: string, name: string): string {
  const path = bus === DEFAULT_BUS ? name : `${bus}/${name}`;
  return `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${path}`;
}

/** A rule as DescribeRule and ListRules show it. */
function describe(r: Rule, ctx: ServiceContext) {
  return {
    Name: r.name,
    Arn: r.arn,
    ...(r.eventPattern === undefined ? {} : { EventPattern: r.eventPattern }),
    ...(r.scheduleExpression === undefined ? {} : { ScheduleExpression: r.scheduleExpression }),
    State: r.state,
    ...(r.description === undefined ? {} : { Description: r.description }),
    ...(r.roleArn === undefined ? {} : { RoleArn: r.roleArn }),
    EventBusName: r.bus,
    CreatedBy: ctx.accountId,
  };
}

export const eventbridge = jsonService<State>({
  id: "events",
  signingNames: ["events"],
  targetPrefix: "AWSEvents",
  version: "1.1",
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  initial: () => ({ buses: {}, rules: {} }),
  tagged: (state) =>
    Object.values(state.rules)
      .filter((r) => Object.keys(r.tags).length > 0)
      .map((r) => ({ arn: r.arn, resourceType: "events:rule", tags: r.tags })),
  operations: (svc) => {
    /** The bus `EventBusName` names (a name or an ARN; the default bus when left out). */
    const busOf = (input: Record<string, unknown>): string => {
      const given = str(input, "EventBusName") ?? DEFAULT_BUS;
      const name = given.startsWith("arn:") ? given.slice(given.indexOf(":event-bus/") + 11) : given;
      if (name !== DEFAULT_BUS && own(svc.state.buses, name) === undefined) {
        throw notFound(`Event bus ${name} does not exist.`);
      }
      return name;
    };
    const ruleOf = (input: Record<string, unknown>, key: "Name" | "Rule"): Rule => {
      const bus = busOf(input);
      const name = required(input, key);
      const r = own(svc.state.rules, `${bus}/${name}`);
      if (r === undefined) throw notFound(`Rule ${name} does not exist on EventBus ${bus}.`);
      return r;
    };
    const byArn = (input: Record<string, unknown>): Rule | Bus => {
      const arn = required(input, "ResourceARN");
      const found =
        Object.values(svc.state.rules).find((r) => r.arn === arn) ??
        Object.values(svc.state.buses).find((b) => b.arn === arn);
      if (found === undefined) throw notFound(`Rule ${arn.split("/").pop() ?? arn} does not exist.`);
      return found;
    };

    return {
      CreateEventBus(input, ctx) {
        const name = required(input, "Name");
        if (name === DEFAULT_BUS || own(svc.state.buses, name) !== undefined) {
          throw new AwsError("ResourceAlreadyExistsException", `Event bus ${name} already exists.`);
        }
        const arn = `arn:aws:events:${ctx.region}:${ctx.accountId}:event-bus/${name}`;
        put(svc.state.buses, name, { name, arn, tags: tagList(input.Tags) });
        return { EventBusArn: arn };
      },

      DeleteEventBus(input) {
        const name = required(input, "Name");
        delete svc.state.buses[name];
        return {};
      },

      PutRule(input, ctx) {
        const name = required(input, "Name");
        if (!NAME.test(name)) {
          throw constraintError(
            "ValidationException",
            "name",
            name,
            "Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
          );
        }
        const bus = busOf(input);
        const scheduleExpression = str(input, "ScheduleExpression");
        const eventPattern = str(input, "EventPattern");
        if (scheduleExpression === undefined && eventPattern === undefined) {
          throw new AwsError(
            "ValidationException",
            "Parameter(s) EventPattern or ScheduleExpression must be specified.",
          );
        }
        if (scheduleExpression !== undefined && bus !== DEFAULT_BUS) {
          throw new AwsError(
            "ValidationException",
            "ScheduleExpression is supported only on the default event bus.",
          );
        }
        if (eventPattern !== undefined) {
          try {
            JSON.parse(eventPattern);
          } catch {
            throw new AwsError("InvalidEventPatternException", "Event pattern is not valid.");
          }
        }
        const state = str(input, "State") ?? "ENABLED";
        if (!STATES.includes(state)) {
          throw constraintError(
            "ValidationException",
            "state",
            state,
            `Member must satisfy enum value set: [${STATES.join(", ")}]`,
          );
        }
        const key = `${bus}/${name}`;
        const existing = own(svc.state.rules, key);
        // An upsert: what the call leaves out is not kept (API_PutRule); the targets stay. Tags sent
        // with the update are added to the rule's — how AWS treats them on an update is not
        // confirmed from a source.
        const rule: Rule = {
          name,
          bus,
          arn: ruleArn(ctx, bus, name),
          state,
          tags: { ...(existing?.tags ?? {}), ...tagList(input.Tags) },
          targets: existing?.targets ?? [],
        };
        if (scheduleExpression !== undefined) rule.scheduleExpression = scheduleExpression;
        if (eventPattern !== undefined) rule.eventPattern = eventPattern;
        const description = str(input, "Description");
        if (description !== undefined) rule.description = description;
        const roleArn = str(input, "RoleArn");
        if (roleArn !== undefined) rule.roleArn = roleArn;
        put(svc.state.rules, key, rule);
        return { RuleArn: rule.arn };
      },

      DescribeRule(input, ctx) {
        return describe(ruleOf(input, "Name"), ctx);
      },

      ListRules(input, ctx) {
        const bus = busOf(input);
        const prefix = str(input, "NamePrefix") ?? "";
        const all = Object.values(svc.state.rules)
          .filter((r) => r.bus === bus && r.name.startsWith(prefix))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const { page, next } = paginate(all, (r) => r.name, str(input, "NextToken"), limitOf(input));
        return {
          Rules: page.map((r) => describe(r, ctx)),
          ...(next === undefined ? {} : { NextToken: next }),
        };
      },

      DeleteRule(input) {
        const bus = busOf(input);
        const name = required(input, "Name");
        const r = own(svc.state.rules, `${bus}/${name}`);
        // A rule that is not there: an empty success (getmoto/moto#5631, tried against AWS).
        if (r === undefined) return {};
        if (r.targets.length > 0) {
          throw new AwsError("ValidationException", "Rule can't be deleted since it has targets.");
        }
        delete svc.state.rules[`${bus}/${name}`];
        return {};
      },

      PutTargets(input) {
        const r = ruleOf(input, "Rule");
        const targets = Array.isArray(input.Targets) ? (input.Targets as Record<string, unknown>[]) : [];
        if (targets.length === 0 || targets.length > MAX_LIMIT) {
          throw constraintError(
            "ValidationException",
            "targets",
            undefined,
            "Member must have length between 1 and 100",
          );
        }
        for (const t of targets) {
          const id = required(t, "Id");
          const arn = required(t, "Arn");
          const at = r.targets.findIndex((x) => x.Id === id);
          const target: Target = { ...t, Id: id, Arn: arn };
          if (at >= 0) r.targets[at] = target;
          else r.targets.push(target);
        }
        return { FailedEntryCount: 0, FailedEntries: [] };
      },

      ListTargetsByRule(input) {
        const r = ruleOf(input, "Rule");
        const sorted = [...r.targets].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
        const { page, next } = paginate(sorted, (t) => t.Id, str(input, "NextToken"), limitOf(input));
        return { Targets: page, ...(next === undefined ? {} : { NextToken: next }) };
      },

      RemoveTargets(input) {
        const r = ruleOf(input, "Rule");
        const ids = Array.isArray(input.Ids)
          ? input.Ids.filter((i): i is string => typeof i === "string")
          : [];
        if (ids.length === 0) {
          throw constraintError(
            "ValidationException",
            "ids",
            undefined,
            "Member must have length greater than or equal to 1",
          );
        }
        r.targets = r.targets.filter((t) => !ids.includes(t.Id));
        return { FailedEntryCount: 0, FailedEntries: [] };
      },

      TagResource(input) {
        const target = byArn(input);
        target.tags = { ...target.tags, ...tagList(input.Tags) };
        return {};
      },

      UntagResource(input) {
        const target = byArn(input);
        const keys = Array.isArray(input.TagKeys) ? input.TagKeys : [];
        for (const k of keys) if (typeof k === "string") delete target.tags[k];
        return {};
      },

      ListTagsForResource(input) {
        return { Tags: toTagList(byArn(input).tags) };
      },
    };
  },
});
