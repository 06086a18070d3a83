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
import { GetFunctionCommand, type FunctionConfiguration } from "@aws-sdk/client-lambda";
import { lambdaFunction } from "../../../kinds/lambda-function.js";
import type { JsonObject, JsonValue, PropertyMap } from "../../../state/index.js";
import { unlessMissing } from "../types.js";
import type { Adopter } from "./types.js";

const MISSING = ["ResourceNotFoundException"];

/** What pulumi-aws records in `__meta` for a function: create, update and delete timeouts of 10 minutes (ns). */
export const LAMBDA_FUNCTION_META = JSON.stringify({
  "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": {
    create: 600000000000,
    delete: 600000000000,
    update: 600000000000,
  },
});

/** The function's ARN without a version or alias qualifier (`…:function:<name>`). */
function unqualified(arn: string): string {
  const at = arn.indexOf(":function:");
  if (at < 0) return arn;
  const start = at + ":function:".length;
  const colon = arn.indexOf(":", start);
  return colon < 0 ? arn : arn.slice(0, colon);
}

/** What API Gateway invokes a function ARN by (the provider's `invokeArn`). */
function invokeArnOf(functionArn: string, region: string): string {
  const partition = functionArn.startsWith("arn:") ? functionArn.split(":")[1]! : "aws";
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
    const client = ctx.clients.lambda(identity.region);
    const got = await unlessMissing(MISSING, () =>
      ctx.call("lambda", `GetFunction ${identity.name}`, (signal) =>
        client.send(new GetFunctionCommand({ FunctionName: identity.name }), { abortSignal: signal }),
      ),
    );
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
