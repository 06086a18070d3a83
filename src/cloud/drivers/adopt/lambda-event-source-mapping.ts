/**
 * Adopting a Lambda event source mapping (`aws:lambda/eventSourceMapping:EventSourceMapping`): what
 * pulumi-aws records for it, from GetEventSourceMapping (or the pair's listing, for a pending create
 * without a UUID). Id and `uuid` are the UUID. Checked field by field against pulumi-aws 5.42's
 * recorded export (../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json, the queue subscription's
 * mapping): the same output keys, no `__meta`. `functionName` in outputs is the function's ARN (the
 * provider reads FunctionArn back into it); in inputs it is what the program passed — a name here.
 *
 * By version: pulumi-aws 6 (Terraform provider 5.x) adds `arn` (the mapping ARN), `kmsKeyArn`,
 * `tags`/`tagsAll` (mappings became taggable in 2024) and the `metricsConfig`/`provisionedPollerConfig`
 * blocks; pulumi-aws 7 (SST 4) adds `region`. Those are not written: the next refresh fills them in.
 * Inputs carry what was read, with an empty `__defaults` (stateward cannot tell what the program set).
 */
import type { EventSourceMappingConfiguration } from "@aws-sdk/client-lambda";
import { lambdaEventSourceMapping } from "../../../kinds/lambda-event-source-mapping.js";
import type { PropertyMap } from "../../../state/index.js";
import { getMapping } from "../lambda-event-source-mapping.js";
import type { Adopter } from "./types.js";

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
  kind: lambdaEventSourceMapping.kind,

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
      functionName: /:function:([\w-]+)/.exec(fnArn)?.[1] ?? fnArn,
      ...(c.MaximumBatchingWindowInSeconds
        ? { maximumBatchingWindowInSeconds: c.MaximumBatchingWindowInSeconds }
        : {}),
      ...(c.StartingPosition === undefined ? {} : { startingPosition: c.StartingPosition }),
    };
    return { id: c.UUID, inputs, outputs: mappingOutputs(c, enabled) };
  },
};
