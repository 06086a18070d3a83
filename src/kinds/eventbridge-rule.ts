/**
 * EventBridge rule (`aws:cloudwatch/eventRule:EventRule`, SST's `Cron`: `${name}Rule`, its `name` by
 * rule 64, docs/coverage/sst-resources.md §2.9). The Pulumi id is the name on the default bus and
 * `<bus>/<name>` on another (terraform-provider-aws internal/service/events/rule.go,
 * `ruleCreateResourceID`); its ARN `arn:aws:events:<region>:<account>:rule/<name>`, or
 * `…:rule/<bus>/<name>`.
 *
 * A name clash is silent: PutRule creates or updates, and the provider's create calls PutRule without
 * looking first (`resourceRuleCreate`: PutRule, then it waits for DescribeRule), so a deploy whose rule
 * name another stage, a removed stage or an interrupted deploy left behind takes that rule over —
 * replacing its schedule and pattern and KEEPING its targets, which go on being invoked next to the
 * new ones (terraform-provider-aws#25598). No "already exists" error comes from pulumi-aws; the only
 * pasted text (test/fixtures/already-exists/eventbridge-rule.log, aws-ia/terraform-aws-eks-blueprints
 * #1482, origin not stated there) and CloudFormation's generic form are recognised. For doctor: a
 * pending create whose rule exists, and a stage's rule no state holds (its tags), are findings as for
 * any kind; adopt records the rule as it is, cleanup removes its targets first (DeleteRule refuses a
 * rule with targets: "Rule can't be deleted since it has targets.").
 */
import { t } from "../i18n/index.js";
import { compareProps, prop, splitArn, type Identity, type Kind } from "./types.js";

const TOKEN = "aws:cloudwatch/eventRule:EventRule";
export const DEFAULT_BUS = "default";

/** The Pulumi id of a rule: its name on the default bus, `<bus>/<name>` on another. */
export function ruleId(bus: string, name: string): string {
  return bus === "" || bus === DEFAULT_BUS ? name : `${bus}/${name}`;
}

/** The bus and name a rule id holds (a bus given by ARN keeps its slashes: the name is after the last). */
export function splitRuleId(id: string): { bus: string; name: string } {
  const i = id.lastIndexOf("/");
  return i < 0 ? { bus: DEFAULT_BUS, name: id } : { bus: id.slice(0, i), name: id.slice(i + 1) };
}

export const eventbridgeRule: Kind = {
  kind: "eventbridge-rule",
  get label() {
    return t("kinds.eventbridge-rule.label");
  },
  types: [TOKEN],
  cfnType: "AWS::Events::Rule",
  service: "eventbridge",
  global: false,
  taggable: true,
  tagType: "events:rule",
  naming: { [TOKEN]: { max: 64, field: "name" } },
  wording: {
    get label() {
      return t("kinds.eventbridge-rule.label");
    },
    // `creating EventBridge Rule (<name>)` (provider 5+); older: `Creating CloudWatch Events Rule`.
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["eventbridge rule", "cloudwatch events rule", "cloudwatch event rule"],
    alreadyExists: [
      {
        // The bare message of aws-ia/terraform-aws-eks-blueprints#1482 (no code in the paste).
        re: /Rule with the name already exists on this event bus/,
        code: "RuleAlreadyExists",
      },
      {
        // CloudFormation's generic form (as for the other kinds' `AWS::…` types).
        re: /Resource of type 'AWS::Events::Rule' with identifier '([^']+)' already exists/,
        code: "AlreadyExists",
        nameGroup: 1,
      },
    ],
    nameInMessage: /creating EventBridge Rule \(([\w./-]+)\)/i,
  },
  // Before what its targets invoke (functions 2) and the target role (roles 10): a rule goes first,
  // its targets removed with it.
  deleteRank: 1.7,

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "events" || !a.resource.startsWith("rule/")) return undefined;
    const id = a.resource.slice("rule/".length);
    const { name } = splitRuleId(id);
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) return undefined;
    return { name, id, region: a.region, arn };
  },

  identify(resource, region) {
    const bus = prop(resource, "eventBusName") ?? DEFAULT_BUS;
    const name =
      prop(resource, "name") ?? (resource.id === undefined ? undefined : splitRuleId(resource.id).name);
    if (name === undefined) return undefined;
    const identity: Identity = { name, id: resource.id ?? ruleId(bus, name), region };
    const arn = prop(resource, "arn");
    if (arn !== undefined) identity.arn = arn;
    return identity;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["scheduleExpression", "eventPattern", "state"]);
  },
};
