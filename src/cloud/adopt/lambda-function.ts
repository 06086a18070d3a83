/**
 * Adopting a Lambda function (`aws:lambda/function:Function`): what pulumi-aws v6 records for it,
 * from GetFunction (configuration and tags). Id and name are the function name; the ARN is the
 * unqualified one. Keys as SST's entries carry them (see `addFunction` in src/sandbox/sst-state.ts);
 * outputs add what the provider computes on a read (qualified ARNs, code hash and size, package type,
 * ephemeral storage, tracing). The code itself (SST's `s3Bucket`/`s3Key`) cannot be read back.
 */
import { GetFunctionCommand, type FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { JsonObject, PropertyMap } from "../../state/index.js";
import { unlessMissing } from "../resources/handler.js";
import type { Adopter } from "./types.js";

const MISSING = ["ResourceNotFoundException"];

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

export const lambdaFunctionAdopter: Adopter = {
  kind: "lambda-function",

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
    const inputLogging = loggingConfig(config, false);
    const inputs: PropertyMap = {
      __defaults: [],
      ...shared,
      ...(inputLogging === undefined ? {} : { loggingConfig: inputLogging }),
      ...(config.Layers !== undefined && config.Layers.length > 0
        ? { layers: config.Layers.map((l) => l.Arn ?? "") }
        : {}),
      tags: { ...tags },
      tagsAll: { ...tags },
    };

    const outputLogging = loggingConfig(config, true);
    const qualifiedArn = arn === "" ? "" : `${arn}:${version}`;
    const outputs: PropertyMap = {
      ...shared,
      arn,
      description: config.Description ?? "",
      ephemeralStorage: { size: config.EphemeralStorage?.Size ?? 512 },
      id: name,
      invokeArn: arn === "" ? "" : invokeArnOf(arn, identity.region),
      kmsKeyArn: config.KMSKeyArn ?? "",
      lastModified: config.LastModified ?? "",
      layers: (config.Layers ?? []).map((l) => l.Arn ?? ""),
      ...(outputLogging === undefined ? {} : { loggingConfig: outputLogging }),
      packageType: config.PackageType ?? "Zip",
      qualifiedArn,
      qualifiedInvokeArn: qualifiedArn === "" ? "" : invokeArnOf(qualifiedArn, identity.region),
      sourceCodeHash: config.CodeSha256 ?? "",
      sourceCodeSize: config.CodeSize ?? 0,
      tags: { ...tags },
      tagsAll: { ...tags },
      tracingConfig: { mode: config.TracingConfig?.Mode ?? "PassThrough" },
      version,
    };
    return { id: name, inputs, outputs };
  },
};
