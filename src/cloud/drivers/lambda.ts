/**
 * Lambda function (`aws:lambda/function:Function`): id and physical name are the function name.
 * Tagged functions come from the tagging API; SST's functions are also listed by name (ListFunctions,
 * one paged walk per region). Drift is the runtime, the handler and the execution role.
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
import {
  awsCode,
  compareProps,
  nameMatches,
  namedIdentity,
  splitArn,
  unlessMissing,
  type CloudContext,
  type CloudResource,
  type DeleteResult,
  type ResourceHandler,
  gatedDelete,
} from "./handler.js";

const TYPE = "aws:lambda/function:Function";
const MISSING = ["ResourceNotFoundException"];

export const EDGE_REPLICAS_PENDING =
  "Lambda@Edge replicas are still being removed by CloudFront (this takes hours); run the cleanup again later";

/** The function's ARN without a version or alias qualifier (`…:function:<name>`). */
function unqualified(arn: string): string {
  const at = arn.indexOf(":function:");
  if (at < 0) return arn;
  const rest = arn.slice(at + ":function:".length);
  const colon = rest.indexOf(":");
  return colon < 0 ? arn : arn.slice(0, at + ":function:".length + colon);
}

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
    kind: "lambda-function",
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

export const lambdaFunction: ResourceHandler = {
  kind: "lambda-function",
  label: "Lambda function",
  types: [TYPE],
  service: "lambda",
  global: false,
  taggable: true,
  tagType: "lambda:function",

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "lambda" || !a.resource.startsWith("function:")) return undefined;
    // `function:<name>` or `function:<name>:<version or alias>`: the function itself either way.
    const name = a.resource.slice("function:".length).split(":")[0]!;
    if (name === "") return undefined;
    return { name, id: name, region: a.region, arn: unqualified(arn) };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, ["name"]);
  },

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

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["runtime", "handler", "role"]);
  },

  delete: gatedDelete("lambda-function", async (ctx: CloudContext, identity): Promise<DeleteResult> => {
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
};
