/**
 * Lambda event source mappings (src/kinds/lambda-event-source-mapping.ts), served by the lambda
 * module's `drivers`: GetEventSourceMapping by UUID, ListEventSourceMappings (by function name, or
 * one paged walk of the region), DeleteEventSourceMapping.
 *
 * Reading: by UUID when the identity has one (the state id), else by the pair its name holds
 * (ListEventSourceMappings with FunctionName and EventSourceArn: at most one mapping) — a pending
 * create has no UUID, only the pair that collides.
 * Listing: ListEventSourceMappings filters by exact function name only (no prefix), at most 100 a
 * page. Names the states give (`<function>|<source>`) are listed by their function; a stage's prefix
 * (`<app>-<stage>-`, SST's function names) needs the whole region's mappings, one paged walk, kept
 * by the function name in their FunctionArn — which mappings keep after their function is deleted.
 * Adopting (at the end): the entry pulumi-aws writes, by UUID or by the pair.
 * Deleting: DeleteEventSourceMapping answers 202 with State `Deleting`; the mapping stops invoking
 * and goes within seconds. Cleanup does not wait: it reports the step (a deploy that creates the same
 * pair at once may still meet it and get ResourceConflictException — run it again a little later).
 */
import {
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
} from "@aws-sdk/client-lambda";
import {
  UUID_RE,
  functionNameOf,
  lambdaEventSourceMapping as kind,
  mappingName,
  splitMappingName,
} from "../../kinds/lambda-event-source-mapping.js";
import type { PropertyMap } from "../../state/index.js";
import { nameMatches, type CloudResource, type Identity, type NameFilter } from "../../kinds/types.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  type Sighting,
  callUnlessMissing,
  found,
  gatedDelete,
} from "./types.js";
import { t } from "../../i18n/index.js";

const MISSING = ["ResourceNotFoundException"];

type Config = EventSourceMappingConfiguration;

/** The mapping's UUID, where the identity gives one (state id, or a UUID handed to adopt). */
export const uuidOf = (identity: Identity): string | undefined =>
  [identity.id, identity.name].find((v) => UUID_RE.test(v));

export function toResource(c: Config, seen: Pick<Sighting, "region" | "tags" | "foundBy">): CloudResource {
  return found(kind, {
    name: mappingName(c.FunctionArn ?? "", c.EventSourceArn ?? ""),
    id: c.UUID!,
    arn: c.EventSourceMappingArn,
    detail: {
      batchSize: c.BatchSize ?? 0,
      enabled: c.State !== "Disabled" && c.State !== "Disabling",
      maximumBatchingWindowInSeconds: c.MaximumBatchingWindowInSeconds ?? 0,
      state: c.State ?? "",
    },
    ...seen,
  });
}

/** Every mapping ListEventSourceMappings gives for the filter (paged). */
async function listMappings(
  ctx: CloudContext,
  region: string,
  by: { FunctionName?: string; EventSourceArn?: string },
): Promise<Config[]> {
  const client = ctx.clients.lambda(region);
  const out: Config[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.call("lambda", `ListEventSourceMappings ${by.FunctionName ?? region}`, (signal) =>
      client.send(new ListEventSourceMappingsCommand({ ...by, Marker: marker, MaxItems: 100 }), {
        abortSignal: signal,
      }),
    );
    out.push(...(page.EventSourceMappings ?? []));
    marker = page.NextMarker || undefined;
  } while (marker !== undefined);
  return out;
}

/** The mapping an identity names: by UUID, else by its (function, source) pair; undefined when none. */
export async function getMapping(ctx: CloudContext, identity: Identity): Promise<Config | undefined> {
  const uuid = uuidOf(identity);
  if (uuid !== undefined) {
    const client = ctx.clients.lambda(identity.region);
    const got = await callUnlessMissing(ctx, MISSING, "lambda", `GetEventSourceMapping ${uuid}`, (signal) =>
      client.send(new GetEventSourceMappingCommand({ UUID: uuid }), { abortSignal: signal }),
    );
    return got?.UUID === undefined ? undefined : got;
  }
  const pair = splitMappingName(identity.name);
  if (pair === undefined) return undefined;
  // A function that is gone: FunctionName still filters (mappings outlive it), or answers not found.
  const listed = await callUnlessMissing(ctx, MISSING, "lambda", "ListEventSourceMappings", () =>
    listMappings(ctx, identity.region, { FunctionName: pair.fn, EventSourceArn: pair.source }),
  );
  return listed?.find((c) => c.UUID !== undefined && c.EventSourceArn === pair.source);
}

/** The function names a filter asks for by exact name. */
function functionsOf(filter: NameFilter): string[] {
  const names = [...filter.names].map((n) => splitMappingName(n)?.fn ?? functionNameOf(n));
  return [...new Set(names)];
}

export const eventSourceMappingDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const c = await getMapping(ctx, identity);
    if (c === undefined) return undefined;
    return toResource(c, { region: identity.region, foundBy: "read" });
  },

  async listByName(ctx, region, filter) {
    let configs: Config[];
    if (filter.prefixes.length > 0) configs = await listMappings(ctx, region, {});
    else {
      configs = [];
      for (const fn of functionsOf(filter)) {
        const got = await callUnlessMissing(ctx, MISSING, "lambda", `ListEventSourceMappings ${fn}`, () =>
          listMappings(ctx, region, { FunctionName: fn }),
        );
        configs.push(...(got ?? []));
      }
    }
    const listed = new Map<string, CloudResource>();
    for (const c of configs) {
      if (c.UUID === undefined || c.FunctionArn === undefined) continue;
      const r = toResource(c, { region, foundBy: "name" });
      // A stage's prefix passes on the function name; a state's name passes whole.
      if (nameMatches(filter, r.name) || filter.names.has(functionNameOf(c.FunctionArn))) {
        listed.set(r.id, r);
      }
    }
    return [...listed.values()];
  },

  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const c = await getMapping(ctx, identity);
    if (c?.UUID === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const client = ctx.clients.lambda(identity.region);
    const uuid = c.UUID;
    const done = await callUnlessMissing(
      ctx,
      MISSING,
      "lambda",
      `DeleteEventSourceMapping ${uuid}`,
      (signal) => client.send(new DeleteEventSourceMappingCommand({ UUID: uuid }), { abortSignal: signal }),
    );
    if (done === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    return {
      deleted: true,
      steps: [
        t("cloud.esm.deleted", {
          uuid,
          fn: functionNameOf(c.FunctionArn ?? ""),
          source: c.EventSourceArn ?? "",
        }),
      ],
    };
  }),

  adopt: (ctx, identity) => eventSourceMappingAdopter.read(ctx, identity),
};

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a Lambda event source mapping (`aws:lambda/eventSourceMapping:EventSourceMapping`): what
 * pulumi-aws records for it, from GetEventSourceMapping (or the pair's listing, for a pending create
 * without a UUID). Id and `uuid` are the UUID. Checked field by field against pulumi-aws 5.42's
 * recorded export (../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json, the queue subscription's
 * mapping): the same output keys, no `__meta`. `functionName` in outputs is the function's ARN (the
 * provider reads FunctionArn back into it); in inputs it is what the program passed — a name here.
 *
 * By version: pulumi-aws 7.7.0's SDK (`lambda/eventSourceMapping.d.ts`, read through the code search)
 * lists outputs 5.42 does not have — `arn` (the mapping ARN), `kmsKeyArn`, `metricsConfig`,
 * `provisionedPollerConfig`, `tags`/`tagsAll` and (7 only, SST 4) `region` — and types `queues` as one
 * string, not a list. Which of them 6.x already writes was not checked. They are not written here: the
 * next refresh fills them in; no recorded 6.x/7.x export of this type was available to compare with.
 * Inputs carry what was read, with an empty `__defaults` (stateward cannot tell what the program set).
 */

/** The provider's time format: RFC 3339 to the second (`2023-11-10T23:03:47Z`). */
function rfc3339(d: Date | undefined): string {
  return d === undefined ? "" : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The outputs pulumi-aws 5.42 records for a mapping read back from Lambda. */
export function mappingOutputs(c: EventSourceMappingConfiguration, enabled: boolean): PropertyMap {
  const uuid = c.UUID ?? "";
  const fnArn = c.FunctionArn ?? "";
  return {
    amazonManagedKafkaEventSourceConfig: null,
    batchSize: c.BatchSize ?? 0,
    bisectBatchOnFunctionError: c.BisectBatchOnFunctionError === true,
    destinationConfig: null,
    documentDbEventSourceConfig: null,
    enabled,
    eventSourceArn: c.EventSourceArn ?? "",
    filterCriteria:
      c.FilterCriteria?.Filters === undefined
        ? null
        : { filters: c.FilterCriteria.Filters.map((f) => ({ pattern: f.Pattern ?? "" })) },
    functionArn: fnArn,
    functionName: fnArn,
    functionResponseTypes: [...(c.FunctionResponseTypes ?? [])],
    id: uuid,
    lastModified: rfc3339(c.LastModified),
    lastProcessingResult: c.LastProcessingResult ?? "",
    maximumBatchingWindowInSeconds: c.MaximumBatchingWindowInSeconds ?? 0,
    maximumRecordAgeInSeconds: c.MaximumRecordAgeInSeconds ?? 0,
    maximumRetryAttempts: c.MaximumRetryAttempts ?? 0,
    parallelizationFactor: c.ParallelizationFactor ?? 0,
    queues: [...(c.Queues ?? [])],
    scalingConfig:
      c.ScalingConfig?.MaximumConcurrency === undefined
        ? null
        : { maximumConcurrency: c.ScalingConfig.MaximumConcurrency },
    selfManagedEventSource: null,
    selfManagedKafkaEventSourceConfig: null,
    sourceAccessConfigurations: [],
    startingPosition: c.StartingPosition ?? "",
    startingPositionTimestamp: rfc3339(c.StartingPositionTimestamp),
    state: c.State ?? "",
    stateTransitionReason: c.StateTransitionReason ?? "",
    topics: [...(c.Topics ?? [])],
    tumblingWindowInSeconds: c.TumblingWindowInSeconds ?? 0,
    uuid,
  };
}

export const eventSourceMappingAdopter: Adopter = {
  kind: kind.kind,

  async read(ctx, identity) {
    const c = await getMapping(ctx, identity);
    if (c?.UUID === undefined) return undefined;
    const enabled = c.State !== "Disabled" && c.State !== "Disabling";
    const fnArn = c.FunctionArn ?? "";
    const inputs: PropertyMap = {
      __defaults: [],
      batchSize: c.BatchSize ?? 0,
      enabled,
      eventSourceArn: c.EventSourceArn ?? "",
      functionName: functionNameOf(fnArn),
      ...(c.MaximumBatchingWindowInSeconds
        ? { maximumBatchingWindowInSeconds: c.MaximumBatchingWindowInSeconds }
        : {}),
      ...(c.StartingPosition === undefined ? {} : { startingPosition: c.StartingPosition }),
    };
    return { id: c.UUID, inputs, outputs: mappingOutputs(c, enabled) };
  },
};
