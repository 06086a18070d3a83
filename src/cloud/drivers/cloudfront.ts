/**
 * CloudFront, the driver for functions (src/kinds/cloudfront-function.ts) and distributions
 * (src/kinds/cloudfront-distribution.ts). CloudFront is global: every call goes to the one client
 * signed for us-east-1. A distribution is listed by its aliases (CNAMEs) or its id.
 *
 * Deleting a distribution takes CloudFront minutes to hours: it must be disabled, the disabling must
 * finish deploying, and only then can it be deleted with the latest ETag. `delete` does one pass of
 * that and reports what is pending; `deleteDistributionAndWait` repeats passes until it is gone.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  DeleteDistributionCommand,
  DeleteFunctionCommand,
  DescribeFunctionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
  ListFunctionsCommand,
  ListTagsForResourceCommand,
  UpdateDistributionCommand,
  type DistributionSummary,
  type FunctionSummary,
} from "@aws-sdk/client-cloudfront";
import { CLOUDFRONT_REGION as REGION, cloudfrontFunction } from "../../kinds/cloudfront-function.js";
import { cloudfrontDistribution, sortedAliases } from "../../kinds/cloudfront-distribution.js";
import { nameMatches, type CloudResource, type Identity } from "../../kinds/types.js";
import type { JsonValue } from "../../state/index.js";
import { cloudfrontDistributionAdopter, cloudfrontFunctionAdopter } from "./adopt/cloudfront.js";
import { drivers as cachePolicyDrivers } from "./cloudfront-cache-policy.js";
import { drivers as kvsDrivers } from "./cloudfront-kvs.js";
import { cloudfrontOacDriver } from "./cloudfront-oac.js";
import {
  awsCode,
  callUnlessMissing,
  deletedOrGone,
  found,
  gatedDelete,
  tagMap,
  unlessMissing,
  type CloudContext,
  type DeleteResult,
  type KindDriver,
} from "./types.js";
import { t } from "../../i18n/index.js";

const SERVICE = "cloudfront";

const NO_FUNCTION = ["NoSuchFunctionExists"];
const NO_DISTRIBUTION = ["NoSuchDistribution"];

/* Functions ------------------------------------------------------------------------------------- */

type Stage = "DEVELOPMENT" | "LIVE";

function functionResource(summary: FunctionSummary, foundBy: CloudResource["foundBy"]): CloudResource {
  return found(cloudfrontFunction, {
    name: summary.Name!,
    region: REGION,
    arn: summary.FunctionMetadata?.FunctionARN,
    foundBy,
    detail: {
      runtime: summary.FunctionConfig?.Runtime ?? null,
      stage: summary.FunctionMetadata?.Stage ?? "DEVELOPMENT",
    },
  });
}

/** DescribeFunction of one stage; undefined when the function (or that stage) does not exist. */
export async function describeFunction(ctx: CloudContext, name: string, stage: Stage) {
  const client = ctx.clients.cloudfront();
  return callUnlessMissing(ctx, NO_FUNCTION, SERVICE, `DescribeFunction ${name} (${stage})`, (signal) =>
    client.send(new DescribeFunctionCommand({ Name: name, Stage: stage }), { abortSignal: signal }),
  );
}

export const cloudfrontFunctionDriver: KindDriver = {
  ...cloudfrontFunction,

  async read(ctx, identity) {
    // The LIVE stage is what runs at the edge; an unpublished function has only DEVELOPMENT.
    const described =
      (await describeFunction(ctx, identity.name, "LIVE")) ??
      (await describeFunction(ctx, identity.name, "DEVELOPMENT"));
    const summary = described?.FunctionSummary;
    if (summary === undefined) return undefined;
    return functionResource({ ...summary, Name: summary.Name ?? identity.name }, "read");
  },

  async listByName(ctx, _region, filter) {
    // One walk over every stage (no Stage filter): a published function is listed once per stage,
    // and the LIVE entry is the one kept.
    const client = ctx.clients.cloudfront();
    const found = new Map<string, CloudResource>();
    let marker: string | undefined;
    do {
      const page = await ctx.call(SERVICE, "ListFunctions", (signal) =>
        client.send(new ListFunctionsCommand({ Marker: marker }), { abortSignal: signal }),
      );
      for (const summary of page.FunctionList?.Items ?? []) {
        if (summary.Name === undefined || !nameMatches(filter, summary.Name)) continue;
        const known = found.get(summary.Name);
        if (known === undefined || summary.FunctionMetadata?.Stage === "LIVE") {
          found.set(summary.Name, functionResource(summary, "name"));
        }
      }
      marker = page.FunctionList?.NextMarker || undefined;
    } while (marker !== undefined);
    return [...found.values()];
  },

  delete: gatedDelete(cloudfrontFunction.kind, async (ctx, identity) => {
    const client = ctx.clients.cloudfront();
    // DeleteFunction's If-Match is the DEVELOPMENT stage's ETag.
    const current = await describeFunction(ctx, identity.name, "DEVELOPMENT");
    if (current === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    try {
      const done = await callUnlessMissing(
        ctx,
        NO_FUNCTION,
        SERVICE,
        `DeleteFunction ${identity.name}`,
        (signal) =>
          client.send(new DeleteFunctionCommand({ Name: identity.name, IfMatch: current.ETag }), {
            abortSignal: signal,
          }),
      );
      return deletedOrGone(done, t("cloud.what.cf-function", { name: identity.name }));
    } catch (e) {
      if (awsCode(e) !== "FunctionInUse") throw e;
      return {
        deleted: false,
        pending: t("cloud.cf-function.in-use"),
        steps: [],
      };
    }
  }),
  adopt: (ctx, identity) => cloudfrontFunctionAdopter.read(ctx, identity),
};

/* Distributions --------------------------------------------------------------------------------- */

function distributionDetail(
  aliases: string[] | undefined,
  enabled: boolean | undefined,
  status: string | undefined,
): Record<string, JsonValue> {
  return { aliases: sortedAliases(aliases), enabled: enabled ?? false, status: status ?? null };
}

function summaryResource(summary: DistributionSummary): CloudResource {
  return found(cloudfrontDistribution, {
    name: summary.Id!,
    region: REGION,
    arn: summary.ARN,
    foundBy: "name",
    detail: distributionDetail(summary.Aliases?.Items, summary.Enabled, summary.Status),
  });
}

/** GetDistribution (with its ETag); undefined when there is no such distribution. */
export function getDistribution(ctx: CloudContext, id: string) {
  const client = ctx.clients.cloudfront();
  return callUnlessMissing(ctx, NO_DISTRIBUTION, SERVICE, `GetDistribution ${id}`, (signal) =>
    client.send(new GetDistributionCommand({ Id: id }), { abortSignal: signal }),
  );
}

/** A distribution's tags (ListTagsForResource by its ARN); none when it has no ARN or is gone. */
export async function distributionTags(ctx: CloudContext, id: string, arn: string | undefined) {
  if (arn === undefined) return {};
  const client = ctx.clients.cloudfront();
  const got = await callUnlessMissing(
    ctx,
    [...NO_DISTRIBUTION, "NoSuchResource"],
    SERVICE,
    `ListTagsForResource ${id}`,
    (signal) => client.send(new ListTagsForResourceCommand({ Resource: arn }), { abortSignal: signal }),
  );
  return tagMap(got?.Tags?.Items);
}

export const cloudfrontDistributionDriver: KindDriver = {
  ...cloudfrontDistribution,

  async read(ctx, identity) {
    const distribution = (await getDistribution(ctx, identity.id))?.Distribution;
    if (distribution === undefined) return undefined;
    const arn = distribution.ARN;
    const tags = await distributionTags(ctx, identity.id, arn);
    const config = distribution.DistributionConfig;
    return found(cloudfrontDistribution, {
      name: identity.id,
      region: REGION,
      arn,
      tags,
      foundBy: "read",
      detail: distributionDetail(config?.Aliases?.Items, config?.Enabled, distribution.Status),
    });
  },

  /**
   * Distributions are matched by their aliases (a leftover distribution holding a domain is what makes
   * a new one fail with `CNAMEAlreadyExists`), or by their id.
   */
  async listByName(ctx, _region, filter) {
    const client = ctx.clients.cloudfront();
    const found: CloudResource[] = [];
    let marker: string | undefined;
    do {
      const page = await ctx.call(SERVICE, "ListDistributions", (signal) =>
        client.send(new ListDistributionsCommand({ Marker: marker }), { abortSignal: signal }),
      );
      const list = page.DistributionList;
      for (const summary of list?.Items ?? []) {
        if (summary.Id === undefined) continue;
        const aliases = summary.Aliases?.Items ?? [];
        if (nameMatches(filter, summary.Id) || aliases.some((a) => nameMatches(filter, a))) {
          found.push(summaryResource(summary));
        }
      }
      marker = list?.IsTruncated === true && list.NextMarker ? list.NextMarker : undefined;
    } while (marker !== undefined);
    return found;
  },

  delete: gatedDelete(cloudfrontDistribution.kind, deleteDistributionPass),
  adopt: (ctx, identity) => cloudfrontDistributionAdopter.read(ctx, identity),
};

const gone = (): DeleteResult => ({ deleted: true, steps: [t("cloud.step.already-gone")] });

/**
 * One pass of deleting a distribution: disable it if enabled; if disabled but still deploying, say
 * so; if disabled and deployed, delete it with the latest ETag. Never waits.
 */
async function deleteDistributionPass(ctx: CloudContext, identity: Identity): Promise<DeleteResult> {
  const client = ctx.clients.cloudfront();
  const id = identity.id;
  const current = await unlessMissing(NO_DISTRIBUTION, () =>
    ctx.call(SERVICE, `GetDistributionConfig ${id}`, (signal) =>
      client.send(new GetDistributionConfigCommand({ Id: id }), { abortSignal: signal }),
    ),
  );
  if (current?.DistributionConfig === undefined) return gone();
  const raced = (e: unknown): DeleteResult | undefined =>
    awsCode(e) === "PreconditionFailed"
      ? {
          deleted: false,
          pending: t("cloud.cf.changed"),
          steps: [],
        }
      : undefined;

  if (current.DistributionConfig.Enabled === true) {
    try {
      const updated = await unlessMissing(NO_DISTRIBUTION, () =>
        ctx.call(SERVICE, `UpdateDistribution ${id} (disable)`, (signal) =>
          client.send(
            new UpdateDistributionCommand({
              Id: id,
              IfMatch: current.ETag,
              DistributionConfig: { ...current.DistributionConfig!, Enabled: false },
            }),
            { abortSignal: signal },
          ),
        ),
      );
      if (updated === undefined) return gone();
    } catch (e) {
      const result = raced(e);
      if (result === undefined) throw e;
      return result;
    }
    return {
      deleted: false,
      pending: t("cloud.cf.disabled-deploying"),
      steps: [t("cloud.cf.disabled", { id })],
    };
  }

  const still: DeleteResult = {
    deleted: false,
    pending: t("cloud.cf.still-deploying"),
    steps: [],
  };
  // The status, and a fresh ETag for the delete.
  const got = await getDistribution(ctx, id);
  if (got?.Distribution === undefined) return gone();
  if (got.Distribution.Status !== "Deployed") return still;
  if (got.Distribution.DistributionConfig?.Enabled === true) {
    // Enabled again by someone else since the first read.
    return { ...still, pending: t("cloud.cf.enabled-again") };
  }
  try {
    const done = await unlessMissing(NO_DISTRIBUTION, () =>
      ctx.call(SERVICE, `DeleteDistribution ${id}`, (signal) =>
        client.send(new DeleteDistributionCommand({ Id: id, IfMatch: got.ETag }), { abortSignal: signal }),
      ),
    );
    if (done === undefined) return gone();
  } catch (e) {
    // Changed between the read and the delete: it is deploying again.
    if (awsCode(e) === "DistributionNotDisabled") return still;
    const result = raced(e);
    if (result === undefined) throw e;
    return result;
  }
  return {
    deleted: true,
    steps: [t("cloud.step.deleted", { what: t("cloud.what.cf-distribution", { id }) })],
  };
}

/**
 * Repeats `cloudfrontDistributionDriver.delete` every `pollMs` until the distribution is gone or
 * `timeoutMs` has passed; returns the last result, with the steps of every pass. For tests and for a
 * cleanup that is told to wait (real CloudFront takes minutes, sometimes much longer).
 */
export async function deleteDistributionAndWait(
  ctx: CloudContext,
  identity: Identity,
  options: { pollMs: number; timeoutMs: number },
  /** One pass of the delete, through the deletion gate (`gate.delete` for this distribution). */
  pass: (ctx: CloudContext, identity: Identity) => Promise<DeleteResult>,
): Promise<DeleteResult> {
  const deadline = Date.now() + options.timeoutMs;
  const steps: string[] = [];
  for (;;) {
    const result = await pass(ctx, identity);
    steps.push(...result.steps);
    if (result.deleted || Date.now() + options.pollMs > deadline) return { ...result, steps };
    await sleep(options.pollMs, undefined, ctx.signal === undefined ? {} : { signal: ctx.signal });
  }
}

export const drivers: readonly KindDriver[] = [
  cloudfrontFunctionDriver,
  cloudfrontDistributionDriver,
  cloudfrontOacDriver,
  ...cachePolicyDrivers,
  ...kvsDrivers,
];
