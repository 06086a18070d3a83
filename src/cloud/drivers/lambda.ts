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
  type FunctionConfiguration,
  GetFunctionCommand,
  ListFunctionsCommand,
} from "@aws-sdk/client-lambda";
import { lambdaFunction, unqualified } from "../../kinds/lambda-function.js";
import { eventSourceMappingDriver } from "./lambda-event-source-mapping.js";
import { drivers as urlDrivers } from "./lambda-url.js";
import { type CloudResource, type Identity, nameMatches } from "../../kinds/types.js";
import {
  type Adopter,
  type CloudContext,
  type DeleteResult,
  type KindDriver,
  type Sighting,
  awsCode,
  callUnlessMissing,
  deletedOrGone,
  found,
  gatedDelete,
  timeoutsMeta,
} from "./types.js";
import type { JsonObject, JsonValue, PropertyMap } from "../../state/index.js";
import { t, tIn } from "../../i18n/index.js";

const MISSING = ["ResourceNotFoundException"];

/** The pending text in English (tests compare with it); the driver says it in the current language. */
export const EDGE_REPLICAS_PENDING = tIn("en", "cloud.lambda.edge-pending");

function detail(config: FunctionConfiguration): CloudResource["detail"] {
  // Image functions have neither runtime nor handler: "" is what the provider records for them.
  return { runtime: config.Runtime ?? "", handler: config.Handler ?? "", role: config.Role ?? "" };
}

function toResource(config: FunctionConfiguration, seen: Pick<Sighting, "region" | "tags" | "foundBy">) {
  const arn = config.FunctionArn === undefined ? undefined : unqualified(config.FunctionArn);
  return found(lambdaFunction, { name: config.FunctionName!, arn, detail: detail(config), ...seen });
}

/** Whether a failed DeleteFunction is Lambda's "replicas still exist" refusal (Lambda@Edge). */
export function isReplicatedFunctionError(e: unknown): boolean {
  if (awsCode(e) !== "InvalidParameterValueException") return false;
  const cause = (e as { cause?: unknown } | undefined)?.cause;
  const messages = [cause, e].map((x) => (x as { message?: unknown } | undefined)?.message);
  return messages.some((m) => typeof m === "string" && /replicated function/i.test(m));
}

/** GetFunction; undefined when there is no such function. */
function getFunction(ctx: CloudContext, identity: Identity) {
  const client = ctx.clients.lambda(identity.region);
  return callUnlessMissing(ctx, MISSING, "lambda", `GetFunction ${identity.name}`, (signal) =>
    client.send(new GetFunctionCommand({ FunctionName: identity.name }), { abortSignal: signal }),
  );
}

export const lambdaFunctionDriver: KindDriver = {
  ...lambdaFunction,

  async read(ctx, identity) {
    const got = await getFunction(ctx, identity);
    if (got?.Configuration?.FunctionName === undefined) return undefined;
    return toResource(got.Configuration, { region: identity.region, tags: { ...got.Tags }, foundBy: "read" });
  },

  async listByName(ctx, region, filter) {
    // ListFunctions has no name filter: one paged walk of the region, filtered here.
    const client = ctx.clients.lambda(region);
    const listed: CloudResource[] = [];
    let marker: string | undefined;
    do {
      const page = await ctx.call("lambda", `ListFunctions ${region}`, (signal) =>
        client.send(new ListFunctionsCommand({ Marker: marker }), { abortSignal: signal }),
      );
      for (const config of page.Functions ?? []) {
        if (config.FunctionName !== undefined && nameMatches(filter, config.FunctionName)) {
          listed.push(toResource(config, { region, foundBy: "name" }));
        }
      }
      marker = page.NextMarker === "" ? undefined : page.NextMarker;
    } while (marker !== undefined);
    return listed;
  },

  delete: gatedDelete(lambdaFunction.kind, async (ctx: CloudContext, identity): Promise<DeleteResult> => {
    const client = ctx.clients.lambda(identity.region);
    let done;
    try {
      done = await callUnlessMissing(ctx, MISSING, "lambda", `DeleteFunction ${identity.name}`, (signal) =>
        client.send(new DeleteFunctionCommand({ FunctionName: identity.name }), { abortSignal: signal }),
      );
    } catch (e) {
      if (!isReplicatedFunctionError(e)) throw e;
      return {
        deleted: false,
        pending: t("cloud.lambda.edge-pending"),
        steps: [t("cloud.lambda.edge-refused", { name: identity.name })],
      };
    }
    return deletedOrGone(done, `function ${identity.name}`);
  }),

  adopt: (ctx, identity) => lambdaFunctionAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [lambdaFunctionDriver, eventSourceMappingDriver, ...urlDrivers];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a Lambda function (`aws:lambda/function:Function`): what pulumi-aws v6 records for it,
 * from GetFunction (configuration and tags). Id and name are the function name; the ARN is the
 * unqualified one. Keys as SST's entries carry them (see `addFunction` in src/sandbox/sst-state.ts);
 * outputs add what the provider computes on a read (qualified ARNs, code hash and size, package type,
 * ephemeral storage, tracing) and every key pulumi-aws writes even when unset (null blocks, empty
 * texts), plus its `__meta` (the resource's timeouts); checked against pulumi-aws's recorded export
 * (../shared/fixtures/pulumi-aws/queue-*). The code's source (`s3Bucket`/`s3Key`/`s3ObjectVersion`,
 * or a `code` archive) cannot be read back from AWS: when a pending create is adopted, its inputs
 * supply them (resolvePendingCreate in src/state/edits.ts).
 */
/** What pulumi-aws records in `__meta` for a function: create, update and delete timeouts of 10 minutes (ns). */
export const LAMBDA_FUNCTION_META = timeoutsMeta({
  create: 600000000000,
  delete: 600000000000,
  update: 600000000000,
});

/** What API Gateway invokes a function ARN by (the provider's `invokeArn`). */
function invokeArnOf(functionArn: string, region: string): string {
  const partition = functionArn.startsWith("arn:") ? functionArn.split(":")[1]! : "aws";
  // i18n-exempt: an ARN
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

function loggingConfig(config: FunctionConfiguration, full: boolean): JsonObject | undefined {
  const logging = config.LoggingConfig;
  if (logging === undefined) return undefined;
  const out: JsonObject = {};
  if (full && logging.ApplicationLogLevel !== undefined)
    out.applicationLogLevel = logging.ApplicationLogLevel;
  if (logging.LogFormat !== undefined) out.logFormat = logging.LogFormat;
  if (logging.LogGroup !== undefined) out.logGroup = logging.LogGroup;
  if (full && logging.SystemLogLevel !== undefined) out.systemLogLevel = logging.SystemLogLevel;
  return out;
}

/** The optional blocks of a function's outputs: each `null` when the function has none. */
function configBlocks(
  config: FunctionConfiguration,
): Record<"deadLetterConfig" | "fileSystemConfig" | "imageConfig" | "snapStart" | "vpcConfig", JsonValue> {
  const vpc = config.VpcConfig;
  const fileSystem = config.FileSystemConfigs?.[0];
  const image = config.ImageConfigResponse?.ImageConfig;
  const snapStart = config.SnapStart;
  return {
    deadLetterConfig:
      config.DeadLetterConfig?.TargetArn === undefined
        ? null
        : { targetArn: config.DeadLetterConfig.TargetArn },
    fileSystemConfig:
      fileSystem === undefined
        ? null
        : { arn: fileSystem.Arn ?? "", localMountPath: fileSystem.LocalMountPath ?? "" },
    imageConfig:
      image === undefined
        ? null
        : {
            commands: [...(image.Command ?? [])],
            entryPoint: [...(image.EntryPoint ?? [])],
            workingDirectory: image.WorkingDirectory ?? "",
          },
    snapStart:
      snapStart === undefined || snapStart.ApplyOn === undefined || snapStart.ApplyOn === "None"
        ? null
        : { applyOn: snapStart.ApplyOn, optimizationStatus: snapStart.OptimizationStatus ?? "" },
    vpcConfig:
      vpc?.VpcId === undefined || vpc.VpcId === ""
        ? null
        : {
            ipv6AllowedForDualStack: vpc.Ipv6AllowedForDualStack === true,
            securityGroupIds: [...(vpc.SecurityGroupIds ?? [])],
            subnetIds: [...(vpc.SubnetIds ?? [])],
            vpcId: vpc.VpcId,
          },
  };
}

/** The inputs pulumi-aws records for a function: what the program can set, as it set it. */
function functionInputs(
  config: FunctionConfiguration,
  shared: PropertyMap,
  tags: Record<string, string>,
): PropertyMap {
  const inputLogging = loggingConfig(config, false);
  const inputs: PropertyMap = {
    __defaults: [],
    ...shared,
    ...(inputLogging === undefined ? {} : { loggingConfig: { __defaults: [], ...inputLogging } }),
    ...(config.Layers !== undefined && config.Layers.length > 0
      ? { layers: config.Layers.map((l) => l.Arn ?? "") }
      : {}),
    tags: { ...tags },
    tagsAll: { ...tags },
  };
  return inputs;
}

export const lambdaFunctionAdopter: Adopter = {
  kind: lambdaFunction.kind,

  async read(ctx, identity) {
    const got = await getFunction(ctx, identity);
    const config = got?.Configuration;
    if (config?.FunctionName === undefined) return undefined;
    const name = config.FunctionName;
    const arn = unqualified(config.FunctionArn ?? "");
    const tags: Record<string, string> = { ...got?.Tags };
    const version = config.Version ?? "$LATEST";
    const variables = config.Environment?.Variables;
    const environment: JsonObject | undefined =
      variables === undefined || Object.keys(variables).length === 0
        ? undefined
        : { variables: { ...variables } };

    // Image functions have neither runtime nor handler.
    const shared: PropertyMap = {
      architectures: [...(config.Architectures ?? ["x86_64"])],
      ...(environment === undefined ? {} : { environment }),
      ...(config.Handler === undefined ? {} : { handler: config.Handler }),
      memorySize: config.MemorySize ?? 128,
      name,
      role: config.Role ?? "",
      ...(config.Runtime === undefined ? {} : { runtime: config.Runtime }),
      timeout: config.Timeout ?? 3,
    };
    const inputs = functionInputs(config, shared, tags);

    const outputLogging = loggingConfig(config, true);
    const blocks = configBlocks(config);
    const qualifiedArn = arn === "" ? "" : `${arn}:${version}`;
    const outputs: PropertyMap = {
      __meta: LAMBDA_FUNCTION_META,
      ...shared,
      arn,
      codeSigningConfigArn: "",
      deadLetterConfig: blocks.deadLetterConfig,
      environment: environment ?? null,
      fileSystemConfig: blocks.fileSystemConfig,
      imageConfig: blocks.imageConfig,
      imageUri: got?.Code?.ImageUri ?? "",
      description: config.Description ?? "",
      ephemeralStorage: { size: config.EphemeralStorage?.Size ?? 512 },
      id: name,
      invokeArn: arn === "" ? "" : invokeArnOf(arn, identity.region),
      kmsKeyArn: config.KMSKeyArn ?? "",
      lastModified: config.LastModified ?? "",
      layers: (config.Layers ?? []).map((l) => l.Arn ?? ""),
      ...(outputLogging === undefined ? {} : { loggingConfig: outputLogging }),
      packageType: config.PackageType ?? "Zip",
      publish: false,
      qualifiedArn,
      qualifiedInvokeArn: qualifiedArn === "" ? "" : invokeArnOf(qualifiedArn, identity.region),
      // -1: no reserved concurrency (GetFunction leaves Concurrency out).
      reservedConcurrentExecutions: got?.Concurrency?.ReservedConcurrentExecutions ?? -1,
      signingJobArn: config.SigningJobArn ?? "",
      signingProfileVersionArn: config.SigningProfileVersionArn ?? "",
      skipDestroy: false,
      snapStart: blocks.snapStart,
      sourceCodeHash: config.CodeSha256 ?? "",
      sourceCodeSize: config.CodeSize ?? 0,
      tags: { ...tags },
      tagsAll: { ...tags },
      tracingConfig: { mode: config.TracingConfig?.Mode ?? "PassThrough" },
      version,
      vpcConfig: blocks.vpcConfig,
    };
    return { id: name, inputs, outputs };
  },
};
