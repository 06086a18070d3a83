/**
 * Adopting CloudFront functions (`aws:cloudfront/function:Function`) and distributions
 * (`aws:cloudfront/distribution:Distribution`): what pulumi-aws v6 (terraform-provider-aws
 * underneath) records for them after a read.
 *
 * A function is read the way the provider reads it: its DEVELOPMENT stage gives `arn`, `comment`,
 * `etag`, `name`, `runtime`, `status` and (through GetFunction) `code`; its LIVE stage gives only
 * `liveStageEtag` (empty when never published). `publish` is an input the provider never reads
 * back; it is written as "a LIVE stage exists".
 *
 * A distribution's id is the `E…` id CloudFront chose. Its properties come from GetDistribution
 * (the config and the ETag) and ListTagsForResource; `hostedZoneId` is CloudFront's one alias zone.
 * `callerReference` is kept in the outputs: the provider repeats it on every update, and CloudFront
 * refuses an update that changes it. The outputs carry every property the provider records, empty ones
 * included (`null` blocks, `""`, `[]`), nested objects in full, and its `__meta`; inputs carry
 * `__defaults: []` in every nested object — checked against pulumi-aws's recorded state
 * (../shared/fixtures/pulumi-aws/cloudfront-distribution-6.10.0-state.json).
 */
import { GetFunctionCommand } from "@aws-sdk/client-cloudfront";
import { cloudfrontDistribution } from "../../../kinds/cloudfront-distribution.js";
import { cloudfrontFunction } from "../../../kinds/cloudfront-function.js";
import type { PropertyMap } from "../../../state/index.js";
import { callUnlessMissing } from "../types.js";
import { describeFunction, distributionTags, getDistribution } from "../cloudfront.js";
import { distributionInputs, distributionOutputs, withNestedDefaults } from "./cloudfront-distribution.js";
import type { AdoptedProperties, Adopter } from "./types.js";

const SERVICE = "cloudfront";
const NO_FUNCTION = ["NoSuchFunctionExists"];
/** The Route 53 zone every CloudFront distribution's domain name is in (what the provider reports). */
export const CLOUDFRONT_HOSTED_ZONE_ID = "Z2FDTNDATAQYW2";

/** Inputs and outputs from one map: inputs get `__defaults: []`, outputs also get `extra`. */
function adopted(id: string, inputs: PropertyMap, extra: PropertyMap): AdoptedProperties {
  return {
    id,
    inputs: { __defaults: [], ...inputs },
    outputs: { ...inputs, ...extra, id },
  };
}

/* Functions ------------------------------------------------------------------------------------- */

export const cloudfrontFunctionAdopter: Adopter = {
  kind: cloudfrontFunction.kind,

  async read(ctx, identity) {
    const name = identity.name;
    // The provider's `etag`, `code`, `runtime` and `comment` are the DEVELOPMENT stage's (what an
    // update must name in If-Match); the LIVE stage only gives `liveStageEtag`.
    const development = await describeFunction(ctx, name, "DEVELOPMENT");
    const summary = development?.FunctionSummary;
    if (development === undefined || summary === undefined) return undefined;
    const client = ctx.clients.cloudfront();
    const got = await callUnlessMissing(
      ctx,
      NO_FUNCTION,
      SERVICE,
      `GetFunction ${name} (DEVELOPMENT)`,
      (signal) =>
        client.send(new GetFunctionCommand({ Name: name, Stage: "DEVELOPMENT" }), { abortSignal: signal }),
    );
    if (got === undefined) return undefined;
    const live = await describeFunction(ctx, name, "LIVE");

    const code = got.FunctionCode === undefined ? "" : Buffer.from(got.FunctionCode).toString("utf8");
    const comment = summary.FunctionConfig?.Comment ?? "";
    const inputs: PropertyMap = {
      code,
      name: summary.Name ?? name,
      publish: live?.FunctionSummary !== undefined,
      runtime: summary.FunctionConfig?.Runtime ?? "",
    };
    if (comment !== "") inputs.comment = comment;
    const stores = (summary.FunctionConfig?.KeyValueStoreAssociations?.Items ?? [])
      .map((a) => a.KeyValueStoreARN)
      .filter((arn): arn is string => arn !== undefined);
    if (stores.length > 0) inputs.keyValueStoreAssociations = stores;

    return adopted(inputs.name as string, inputs, {
      arn: summary.FunctionMetadata?.FunctionARN ?? identity.arn ?? "",
      comment,
      etag: development.ETag ?? "",
      liveStageEtag: live?.ETag ?? "",
      status: summary.Status ?? "",
    });
  },
};

/* Distributions (their shape: ./cloudfront-distribution.ts) ------------------------------------ */

export const cloudfrontDistributionAdopter: Adopter = {
  kind: cloudfrontDistribution.kind,

  async read(ctx, identity) {
    const id = identity.id;
    const got = await getDistribution(ctx, id);
    const distribution = got?.Distribution;
    const config = distribution?.DistributionConfig;
    if (got === undefined || distribution === undefined || config === undefined) return undefined;
    const arn = distribution.ARN ?? identity.arn;
    const tags = await distributionTags(ctx, id, arn);

    const plain = distributionInputs(config);
    const inputs: PropertyMap = { __defaults: [] };
    for (const [k, v] of Object.entries(plain)) inputs[k] = withNestedDefaults(v);
    inputs.tags = { ...tags };
    inputs.tagsAll = { ...tags };
    const extra: PropertyMap = {
      arn: arn ?? "",
      callerReference: config.CallerReference ?? "",
      domainName: distribution.DomainName ?? "",
      etag: got.ETag ?? "",
      hostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID,
      inProgressValidationBatches: distribution.InProgressInvalidationBatches ?? 0,
      status: distribution.Status ?? "",
    };
    const distributionId = distribution.Id ?? id;
    return {
      id: distributionId,
      inputs,
      outputs: distributionOutputs(distribution, config, { ...extra, id: distributionId }, tags),
    };
  },
};
