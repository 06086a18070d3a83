/**
 * Lambda, the driver for functions (src/kinds/lambda-function.ts): GetFunction, ListFunctions (one
 * paged walk per region, filtered by name here), DeleteFunction.
 *
 * A Lambda@Edge function cannot be deleted while CloudFront still has replicas of it: AWS refuses
 * with InvalidParameterValueException ("… because it is a replicated function"), and the replicas go
 * away hours after the function is detached from its distribution. That refusal is reported as
 * pending, not as a failure.
 */
import {
  DeleteFunctionCommand,
  GetFunctionCommand,
  ListFunctionsCommand,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { lambdaFunction, unqualified } from "../../kinds/lambda-function.js";
import { nameMatches, type CloudResource } from "../../kinds/types.js";
import { lambdaFunctionAdopter } from "./adopt/lambda-function.js";
import {
  awsCode,
  gatedDelete,
  unlessMissing,
  type CloudContext,
  type DeleteResult,
  type KindDriver,
} from "./types.js";

const TYPE = lambdaFunction.types[0]!;
const MISSING = ["ResourceNotFoundException"];

export const EDGE_REPLICAS_PENDING =
  "Lambda@Edge replicas are still being removed by CloudFront (this takes hours); run the cleanup again later";

function detail(config: FunctionConfiguration): CloudResource["detail"] {
  // Image functions have neither runtime nor handler: "" is what the provider records for them.
  return { runtime: config.Runtime ?? "", handler: config.Handler ?? "", role: config.Role ?? "" };
}

function toResource(
  config: FunctionConfiguration,
  region: string,
  tags: Record<string, string>,
  foundBy: CloudResource["foundBy"],
): CloudResource {
  const name = config.FunctionName!;
  const resource: CloudResource = {
    kind: lambdaFunction.kind,
    type: TYPE,
    name,
    id: name,
    region,
    tags,
    foundBy,
    detail: detail(config),
  };
  if (config.FunctionArn !== undefined) resource.arn = unqualified(config.FunctionArn);
  return resource;
}

/** Whether a failed DeleteFunction is Lambda's "replicas still exist" refusal (Lambda@Edge). */
export function isReplicatedFunctionError(e: unknown): boolean {
  if (awsCode(e) !== "InvalidParameterValueException") return false;
  const cause = (e as { cause?: unknown } | undefined)?.cause;
  const messages = [cause, e].map((x) => (x as { message?: unknown } | undefined)?.message);
  return messages.some((m) => typeof m === "string" && /replicated function/i.test(m));
}

export const lambdaFunctionDriver: KindDriver = {
  ...lambdaFunction,

  async read(ctx, identity) {
    const client = ctx.clients.lambda(identity.region);
    const got = await unlessMissing(MISSING, () =>
      ctx.call("lambda", `GetFunction ${identity.name}`, (signal) =>
        client.send(new GetFunctionCommand({ FunctionName: identity.name }), { abortSignal: signal }),
      ),
    );
    if (got?.Configuration?.FunctionName === undefined) return undefined;
    return toResource(got.Configuration, identity.region, { ...got.Tags }, "read");
  },

  async listByName(ctx, region, filter) {
    // ListFunctions has no name filter: one paged walk of the region, filtered here.
    const client = ctx.clients.lambda(region);
    const found: CloudResource[] = [];
    let marker: string | undefined;
    do {
      const page = await ctx.call("lambda", `ListFunctions ${region}`, (signal) =>
        client.send(new ListFunctionsCommand({ Marker: marker }), { abortSignal: signal }),
      );
      for (const config of page.Functions ?? []) {
        if (config.FunctionName !== undefined && nameMatches(filter, config.FunctionName)) {
          found.push(toResource(config, region, {}, "name"));
        }
      }
      marker = page.NextMarker === "" ? undefined : page.NextMarker;
    } while (marker !== undefined);
    return found;
  },

  delete: gatedDelete(lambdaFunction.kind, async (ctx: CloudContext, identity): Promise<DeleteResult> => {
    const client = ctx.clients.lambda(identity.region);
    let done;
    try {
      done = await unlessMissing(MISSING, () =>
        ctx.call("lambda", `DeleteFunction ${identity.name}`, (signal) =>
          client.send(new DeleteFunctionCommand({ FunctionName: identity.name }), { abortSignal: signal }),
        ),
      );
    } catch (e) {
      if (!isReplicatedFunctionError(e)) throw e;
      return {
        deleted: false,
        pending: EDGE_REPLICAS_PENDING,
        steps: [`Lambda refused to delete ${identity.name}: it still has Lambda@Edge replicas`],
      };
    }
    return {
      deleted: true,
      steps: [done === undefined ? "already gone" : `deleted function ${identity.name}`],
    };
  }),

  adopt: (ctx, identity) => lambdaFunctionAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [lambdaFunctionDriver];
