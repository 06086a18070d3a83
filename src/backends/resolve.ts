/**
 * From flags, environment and the project on disk to one stage backend.
 *
 * Order of precedence, following SST's own (pkg/project/provider/aws.go):
 *  - backend: `--backend`; else the SST home when an sst.config.ts is found; else PULUMI_BACKEND_URL.
 *  - stage: `--stage`; else SST_STAGE; else `.sst/stage` (SST's personal stage file).
 *  - app: `--app`; else the `name` app() returns in sst.config.ts (or Pulumi.yaml's `name` for DIY).
 *  - profile: `--profile`; else AWS_PROFILE; else providers.aws.profile (dropped when SST_AWS_NO_PROFILE is set).
 *  - region: `--region`; else providers.aws.region; else AWS_REGION / AWS_DEFAULT_REGION; else the
 *    profile's region; else us-east-1. The SST home region is the provider region.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AwsClients } from "../cloud/clients.js";
import { StatewardError, ExitCode } from "../errors.js";
import { defaultSstStage, findSstConfig, loadSstConfig } from "../project/sst-config.js";
import { VERSION } from "../version.js";
import { DirStore } from "./dir-store.js";
import { PulumiDiyBackend } from "./pulumi-diy.js";
import { S3Store } from "./s3-store.js";
import { SstHomeBackend } from "./sst-home.js";
import type { StageBackend, Writer } from "./types.js";

export interface StageOptions {
  app?: string;
  stage?: string;
  region?: string;
  profile?: string;
  backend?: string;
}

export interface StageContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Where each setting came from, shown by `--json` output and in errors. */
export interface StageSources {
  app: string;
  stage: string;
  region?: string;
  profile?: string;
  config?: string;
}

export interface OpenStage {
  backend: StageBackend;
  /** AWS clients for the backend's account, when it lives in AWS (for cloud checks and STS). */
  clients?: AwsClients;
  region?: string;
  sources: StageSources;
  /** Aborts every call made for this stage (Ctrl-C); actions use it unless given their own. */
  signal?: AbortSignal;
  writer(action: string): Promise<Writer>;
  close(): void;
}

const usage = (message: string, hint: string) =>
  new StatewardError("USAGE", message, { hint, exitCode: ExitCode.usage });

function localWho(): string {
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return `${user}@${os.hostname()}`;
}

function makeWriter(clients: AwsClients | undefined, signal?: AbortSignal) {
  return async (action: string): Promise<Writer> => {
    let who = localWho();
    if (clients !== undefined) {
      // Some S3-compatible endpoints have no STS: then the local user is the best we know.
      who = await clients.callerIdentity(signal).then(
        (id) => id.arn,
        () => who,
      );
    }
    return { who, action, pid: process.pid, host: os.hostname(), tool: `stateward ${VERSION}` };
  };
}

/** The region the SDK would pick for a profile when nothing else names one. */
async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const probe = new S3Client(profile === undefined ? {} : { profile });
  try {
    return await probe.config.region();
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}

export async function openStage(options: StageOptions, context: StageContext): Promise<OpenStage> {
  const env = context.env;
  for (const [flag, value] of [
    ["--app", options.app],
    ["--stage", options.stage],
  ] as const) {
    if (value !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
      throw usage(
        `${flag} "${value}" is not a valid name.`,
        "Use letters, digits, dots, dashes and underscores.",
      );
    }
  }
  const configPath =
    options.backend === undefined || options.backend === "sst" ? await findSstConfig(context.cwd) : undefined;
  const backendUrl =
    options.backend ?? (configPath === undefined ? env.PULUMI_BACKEND_URL || undefined : undefined);
  if (backendUrl !== undefined && backendUrl !== "sst") return openDiy(backendUrl, options, context);
  return openSst(configPath, options, context);
}

async function openSst(
  configPath: string | undefined,
  options: StageOptions,
  context: StageContext,
): Promise<OpenStage> {
  const env = context.env;
  const root = configPath === undefined ? undefined : path.dirname(configPath);
  const stage =
    options.stage ?? (root === undefined ? env.SST_STAGE || undefined : await defaultSstStage(root, env));
  if (stage === undefined) {
    const known =
      options.app === undefined || configPath !== undefined ? undefined : await stagesOf(options, context);
    throw usage(
      "Which stage? Pass --stage <stage>.",
      known !== undefined && known.length > 0
        ? `Stages of ${options.app}: ${known.join(", ")}.`
        : configPath === undefined
          ? "Outside an SST project also pass --app <app> (or run inside the project, next to sst.config.ts)."
          : "SST_STAGE or the .sst/stage file would also name it, as they do for `sst`.",
    );
  }
  let app = options.app;
  let configRegion: string | undefined;
  let configProfile: string | undefined;
  if (configPath !== undefined && (app === undefined || options.region === undefined)) {
    const config = await loadSstConfig(configPath, stage, env);
    if (config.home !== "aws") {
      throw new StatewardError(
        "UNSUPPORTED_HOME",
        `${configPath} keeps its state in the "${config.home}" home; stateward reads the SST home in AWS only.`,
        { hint: 'Use `home: "aws"`, or point --backend at a Pulumi DIY backend.' },
      );
    }
    app ??= config.name;
    configRegion = config.region;
    configProfile = env.SST_AWS_NO_PROFILE ? undefined : config.profile;
  }
  if (app === undefined) {
    throw usage(
      `No SST project here (no sst.config.ts in ${context.cwd} or above), so the app is unknown.`,
      "Pass --app <app> --stage <stage>, run inside the project, or use --backend file://… / s3://… for a Pulumi DIY backend.",
    );
  }
  const profile = options.profile ?? (env.AWS_PROFILE || undefined) ?? configProfile;
  const region =
    options.region ??
    configRegion ??
    (env.AWS_REGION || undefined) ??
    (env.AWS_DEFAULT_REGION || undefined) ??
    (await profileRegion(profile)) ??
    "us-east-1";
  const clients = new AwsClients(profile === undefined ? { region } : { region, profile }, env);
  try {
    const backend = await SstHomeBackend.open({ clients, region, app, stage, signal: context.signal });
    const sources: StageSources = { app, stage, region };
    if (profile !== undefined) sources.profile = profile;
    if (configPath !== undefined) sources.config = configPath;
    return {
      backend,
      clients,
      region,
      sources,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      writer: makeWriter(clients, context.signal),
      close: () => clients.destroy(),
    };
  } catch (e) {
    clients.destroy();
    throw e;
  }
}

/** The stages the SST home holds for the app, to suggest one; undefined when that cannot be read. */
async function stagesOf(options: StageOptions, context: StageContext): Promise<string[] | undefined> {
  const env = context.env;
  const profile = options.profile ?? (env.AWS_PROFILE || undefined);
  const region =
    options.region ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? "us-east-1";
  const clients = new AwsClients(profile === undefined ? { region } : { region, profile }, env);
  try {
    const home = await SstHomeBackend.open({
      clients,
      region,
      app: options.app!,
      stage: "_",
      signal: context.signal,
    });
    return await home.listStages(context.signal);
  } catch {
    return undefined;
  } finally {
    clients.destroy();
  }
}

async function openDiy(url: string, options: StageOptions, context: StageContext): Promise<OpenStage> {
  const env = context.env;
  const project = options.app ?? (await pulumiProjectName(context.cwd));
  if (project === undefined) {
    throw usage(
      `Which Pulumi project in ${url}? Pass --app <project>.`,
      "Inside a Pulumi project the name in Pulumi.yaml is used.",
    );
  }
  let clients: AwsClients | undefined;
  let store;
  let region: string | undefined;
  if (url.startsWith("file://")) {
    let dir: string;
    try {
      dir = fileURLToPath(url);
    } catch {
      // Pulumi accepts relative `file://./state` and `file://~/state` forms.
      dir = url.slice("file://".length).replace(/^~(?=\/|$)/, os.homedir());
    }
    dir = path.resolve(context.cwd, dir);
    const stat = await fs.stat(dir).catch(() => undefined);
    if (stat?.isFile() === true) {
      throw usage(
        `--backend ${url} is a file; a Pulumi DIY backend is the directory that holds .pulumi/.`,
        `To read one state file, pass it as the argument: \`stateward state show ${dir}\`.`,
      );
    }
    if (stat === undefined || !stat.isDirectory()) {
      throw new StatewardError(
        "BACKEND_NOT_FOUND",
        `The Pulumi DIY backend ${url} does not exist (${dir} is not a directory).`,
        {
          hint: "Check the path; it is the directory that holds .pulumi/.",
        },
      );
    }
    store = new DirStore(dir);
  } else if (url.startsWith("s3://")) {
    const parsed = new URL(url);
    const bucket = parsed.hostname;
    if (bucket === "") throw usage(`${url} names no bucket.`, "Use s3://<bucket>[/<prefix>].");
    const profile = options.profile ?? parsed.searchParams.get("profile") ?? (env.AWS_PROFILE || undefined);
    region =
      options.region ??
      parsed.searchParams.get("region") ??
      (env.AWS_REGION || undefined) ??
      (env.AWS_DEFAULT_REGION || undefined) ??
      (await profileRegion(profile)) ??
      "us-east-1";
    clients = new AwsClients(profile === undefined ? { region } : { region, profile }, env);
    store = new S3Store(clients.s3(region), bucket, decodeURIComponent(parsed.pathname));
  } else {
    throw usage(
      `--backend "${url}" is not a backend stateward knows.`,
      "Use sst (the SST home), file://<dir> or s3://<bucket>[/<prefix>] (a Pulumi DIY backend).",
    );
  }
  try {
    const stack = options.stage;
    if (stack === undefined) {
      const probe = await PulumiDiyBackend.open(store, project, "_", context.signal);
      const stacks = await probe.listStages(context.signal);
      throw usage(
        `Which stack of ${project}? Pass --stage <stack>.`,
        stacks.length === 0 ? `${url} holds no stacks of ${project}.` : `Stacks there: ${stacks.join(", ")}.`,
      );
    }
    const backend = await PulumiDiyBackend.open(store, project, stack, context.signal);
    const sources: StageSources = { app: project, stage: stack };
    if (region !== undefined) sources.region = region;
    const open: OpenStage = {
      backend,
      sources,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      writer: makeWriter(clients, context.signal),
      close: () => clients?.destroy(),
    };
    if (clients !== undefined) open.clients = clients;
    if (region !== undefined) open.region = region;
    return open;
  } catch (e) {
    clients?.destroy();
    throw e;
  }
}

/** `name:` from Pulumi.yaml in the directory or above (a one-line read; no YAML library needed). */
async function pulumiProjectName(cwd: string): Promise<string | undefined> {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
      const text = await fs.readFile(path.join(dir, file), "utf8").catch(() => undefined);
      if (text !== undefined) {
        const m = /^name:\s*["']?([^"'#\s]+)["']?\s*(#.*)?$/m.exec(text);
        return m?.[1];
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
