/**
 * Lambda event source mapping (`aws:lambda/eventSourceMapping:EventSourceMapping`): what makes a
 * function read a queue or a stream (SST's `Queue.subscribe`, `Dynamo.subscribe`, Kinesis). It has no
 * name: its state id is the UUID Lambda gives it (`uuid` output too), and its ARN
 * `arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>`. What collides is the pair
 * (function, event source ARN): Lambda allows one mapping per pair, and a second CreateEventSourceMapping
 * for it fails with ResourceConflictException ("… already exists. Please update or delete the existing
 * mapping with UUID …"; docs/coverage/sst-resources.md §2, test/fixtures/already-exists/lambda-event-
 * source-mapping*.log). So stateward names a mapping by that pair — `<function name>|<source ARN>` —
 * and keys it by the pair, not by the UUID: a pending create (no UUID yet) then meets the mapping
 * that blocks it, and a state entry meets its mapping. The UUID stays the Pulumi id (and the import id).
 *
 * Mappings outlive their function (DeleteFunction leaves them; API reference), so a stage's leftover is
 * found by listing mappings of the stage's function names (SST names functions `<app>-<stage>-…`), and
 * a mapping whose function is gone still carries the function name in its FunctionArn. Not taggable
 * through the tagging API as SST creates them (no tags): found by that listing only.
 */
import { t } from "../i18n/index.js";
import { compareProps, prop, splitArn, type Identity, type Kind } from "./types.js";

const TOKEN = "aws:lambda/eventSourceMapping:EventSourceMapping";

/** Lambda's mapping ids are UUIDs. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The function name in a function name, a full or partial function ARN (qualifier dropped). */
export function functionNameOf(fn: string): string {
  const m = /(?:^|:)function:([\w-]+)(?::[\w$-]+)?$/.exec(fn);
  return m?.[1] ?? fn;
}

/** How stateward names a mapping: the pair that must be unique, `<function>|<source ARN>`. */
export function mappingName(fn: string, sourceArn: string): string {
  return `${functionNameOf(fn)}|${sourceArn}`;
}

/** The function and source a mapping's name (`mappingName`) holds; undefined for any other text. */
export function splitMappingName(name: string): { fn: string; source: string } | undefined {
  const i = name.indexOf("|");
  if (i <= 0 || !name.slice(i + 1).startsWith("arn:")) return undefined;
  return { fn: name.slice(0, i), source: name.slice(i + 1) };
}

export const lambdaEventSourceMapping: Kind = {
  kind: "lambda-event-source-mapping",
  get label() {
    return t("kinds.lambda-event-source-mapping.label");
  },
  types: [TOKEN],
  cfnType: "AWS::Lambda::EventSourceMapping",
  service: "lambda",
  global: false,
  // SST sends no tags for it; the listing by function name finds it.
  taggable: false,
  // No name of its own: Lambda chose its UUID.
  nameFields: [],
  wording: {
    get label() {
      return t("kinds.lambda-event-source-mapping.label");
    },
    // `creating Lambda Event Source Mapping (…)` (Terraform provider 5+), `Error creating Lambda
    // event source mapping:` (older).
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["lambda event source mapping"],
    alreadyExists: [
      {
        // SQS sources (DataBiosphere/azul#3399) and streams/MSK (hashicorp/terraform-provider-aws#40257).
        re: /ResourceConflictException:? ?(?:An event source mapping with \w+ arn|The event source arn) \(.*?\) and function \(.*?\)(?: provided mapping)? already exists\. Please update or delete the existing mapping with UUID ([0-9a-f-]{36})/,
        code: "ResourceConflictException",
        nameGroup: 1,
      },
    ],
    // The name an explanation gives is the blocking mapping's UUID: what `pulumi import` takes.
    importId: (name) => (UUID_RE.test(name) ? name : undefined),
  },
  // Before its function (2) and its source (queues 4.8, tables 5): it refers to both.
  deleteRank: 1.5,

  stagePrefixes(app, stage) {
    // Function names of the stage: the mappings are listed by them.
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    const a = splitArn(arn);
    const m = /^event-source-mapping:([0-9a-f-]{36})$/.exec(a?.resource ?? "");
    if (a?.service !== "lambda" || m === null) return undefined;
    return { name: m[1]!, id: m[1]!, region: a.region, arn };
  },

  identify(resource, region) {
    const fn = prop(resource, "functionArn") ?? prop(resource, "functionName");
    const source = prop(resource, "eventSourceArn");
    const id = resource.id ?? prop(resource, "uuid");
    const name = fn !== undefined && source !== undefined ? mappingName(fn, source) : id;
    if (name === undefined || name === "") return undefined;
    const identity: Identity = { name, id: id ?? name, region };
    const arn = prop(resource, "arn");
    if (arn !== undefined) identity.arn = arn;
    return identity;
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["batchSize", "enabled", "maximumBatchingWindowInSeconds"]);
  },
};
