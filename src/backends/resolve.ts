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
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AwsClients, knownProfile } from "../cloud/clients.js";
import { sdk } from "../cloud/sdk.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { defaultSstStage, findSstConfig, loadSstConfig } from "../project/sst-config.js";
import { DirStore } from "./dir-store.js";
import { PulumiDiyBackend } from "./pulumi-diy.js";
import { S3Store } from "./s3-store.js";
import { SstHomeBackend } from "./sst-home.js";
import { settleStage } from "./stages.js";
import type { StageBackend, Writer } from "./types.js";
import { makeWriter } from "./writer.js";

export interface StageOptions {
  app?: string;
  stage?: string;
  region?: string;
  profile?: string;
  backend?: string;
  /**
   * `--all-stages`: no stage needs naming. Without one (or with only a default stage that does not
   * exist) the app's first stage stands for the app.
   */
  allStages?: boolean;
  /**
   * The named stage may not exist yet (preflight before its first deploy): opened without its state
   * instead of STAGE_NOT_FOUND. Only for commands that read, never write, a stage.
   */
  mayBeNew?: boolean;
  /** Reads only: the check at open is skipped; the command's own reads show whether the stage
   * exists (`history list`) and it calls `open.requireStage()` when they found nothing. */
  checkLater?: boolean;
}

export interface StageContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** `--timeout`: how long an AWS call may go without an answer (AwsTarget.timeoutMs). */
  timeoutMs?: number;
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
  /**
   * No stage was named (`--all-stages`): `backend.stage` is the app's first stage, standing for the
   * app. Never treat it as a stage the user confirmed.
   */
  stagePicked?: boolean;
  /**
   * STAGE_NOT_FOUND (with the stages there are) unless the stage exists; a no-op once checked (opened
   * without `checkLater`), and absent on an OpenStage made by hand.
   */
  requireStage?(): Promise<void>;
  writer(action: string): Promise<Writer>;
  close(): void;
}

function awsTarget(region: string, profile: string | undefined, context: StageContext) {
  return {
    region,
    ...(profile === undefined ? {} : { profile: knownProfile(profile, context.env) }),
    ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
  };
}

function settleHow(options: StageOptions) {
  return {
    allStages: options.allStages === true,
    mayBeNew: options.mayBeNew === true,
    checkLater: options.checkLater === true,
  };
}

const usage = (message: string, hint: string) => new StatewardError("USAGE", message, { hint });

/** The region the SDK would pick for a profile when nothing else names one. */
async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const probe = new (sdk.s3().S3Client)(profile === undefined ? {} : { profile });
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
      throw usage(t("backends.resolve.badName", { flag, value }), t("backends.resolve.badNameHint"));
    }
  }
  const configPath =
    options.backend === undefined || options.backend === "sst" ? await findSstConfig(context.cwd) : undefined;
  const backendUrl =
    options.backend ?? (configPath === undefined ? env.PULUMI_BACKEND_URL || undefined : undefined);
  if (backendUrl !== undefined && backendUrl !== "sst") return openDiy(backendUrl, options, context);
  return openSst(configPath, options, context);
}

/** The SST project's settings stateward needs: the app and the provider's region and profile. */
interface SstProject {
  app: string | undefined;
  configRegion?: string | undefined;
  configProfile?: string | undefined;
}

async function openSst(
  configPath: string | undefined,
  options: StageOptions,
  context: StageContext,
): Promise<OpenStage> {
  const env = context.env;
  const named = await sstStageNamed(configPath, options, context);
  // With --all-stages and no stage, app() is evaluated for a stand-in stage (app and home region
  // rarely depend on it); the stage that stands for the app is picked from the home below.
  const stage = named ?? "_";
  const project = await sstProject(configPath, stage, options, env);
  const app = project.app;
  if (app === undefined) {
    throw usage(t("backends.resolve.noProject", { cwd: context.cwd }), t("backends.resolve.noProjectHint"));
  }
  const profile = options.profile ?? (env.AWS_PROFILE || undefined) ?? project.configProfile;
  const region =
    options.region ??
    project.configRegion ??
    (env.AWS_REGION || undefined) ??
    (env.AWS_DEFAULT_REGION || undefined) ??
    (await profileRegion(profile)) ??
    "us-east-1";
  const clients = new AwsClients(awsTarget(region, profile, context), env);
  try {
    const settled = await settleStage(
      await SstHomeBackend.open({ clients, region, app, stage, signal: context.signal }),
      options.stage !== undefined ? "flag" : named !== undefined ? "default" : "none",
      settleHow(options),
      { region, clients, ...(context.signal === undefined ? {} : { signal: context.signal }) },
    );
    const backend = settled.backend;
    const sources: StageSources = { app, stage: backend.stage, region };
    if (profile !== undefined) sources.profile = profile;
    if (configPath !== undefined) sources.config = configPath;
    return {
      backend,
      clients,
      region,
      sources,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      ...(settled.picked ? { stagePicked: true } : {}),
      requireStage: settled.requireStage,
      writer: makeWriter(clients, context.signal),
      close: () => clients.destroy(),
    };
  } catch (e) {
    clients.destroy();
    throw e;
  }
}

/**
 * The stage named by flag, SST_STAGE or `.sst/stage`; undefined only with `--all-stages`. Without one,
 * a usage error that lists the app's stages when they can be read.
 */
async function sstStageNamed(
  configPath: string | undefined,
  options: StageOptions,
  context: StageContext,
): Promise<string | undefined> {
  const env = context.env;
  const root = configPath === undefined ? undefined : path.dirname(configPath);
  const named =
    options.stage ?? (root === undefined ? env.SST_STAGE || undefined : await defaultSstStage(root, env));
  if (named === undefined && options.allStages !== true) {
    const known =
      options.app === undefined || configPath !== undefined ? undefined : await stagesOf(options, context);
    throw usage(
      t("backends.resolve.whichStage"),
      known !== undefined && known.length > 0
        ? t("backends.resolve.stagesOf", { app: options.app!, stages: items(known) })
        : configPath === undefined
          ? t("backends.resolve.outsideProject")
          : t("backends.resolve.stageSources"),
    );
  }
  return named;
}

/** The app (flag, else sst.config.ts) and the config's region and profile, read only when needed. */
async function sstProject(
  configPath: string | undefined,
  stage: string,
  options: StageOptions,
  env: NodeJS.ProcessEnv,
): Promise<SstProject> {
  if (configPath === undefined || (options.app !== undefined && options.region !== undefined)) {
    return { app: options.app };
  }
  const config = await loadSstConfig(configPath, stage, env);
  if (config.home !== "aws") {
    throw new StatewardError(
      "UNSUPPORTED_HOME",
      t("backends.resolve.unsupportedHome", { config: configPath, home: config.home }),
      { hint: t("backends.resolve.unsupportedHomeHint", { setting: '`home: "aws"`' }) },
    );
  }
  return {
    app: options.app ?? config.name,
    configRegion: config.region,
    configProfile: env.SST_AWS_NO_PROFILE ? undefined : config.profile,
  };
}

/** The stages the SST home holds for the app, to suggest one; undefined when that cannot be read. */
async function stagesOf(options: StageOptions, context: StageContext): Promise<string[] | undefined> {
  const env = context.env;
  const profile = options.profile ?? (env.AWS_PROFILE || undefined);
  const region =
    options.region ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? "us-east-1";
  const clients = new AwsClients(awsTarget(region, profile, context), env);
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

/** Where a Pulumi DIY backend's objects are, with the AWS clients and region when it is a bucket. */
interface DiyStore {
  store: DirStore | S3Store;
  clients?: AwsClients;
  region?: string;
}

async function openDiy(url: string, options: StageOptions, context: StageContext): Promise<OpenStage> {
  const project = options.app ?? (await pulumiProjectName(context.cwd));
  if (project === undefined) {
    throw usage(t("backends.resolve.whichProject", { url }), t("backends.resolve.whichProjectHint"));
  }
  const { store, clients, region } = await diyStore(url, options, context);
  try {
    const stack = options.stage;
    if (stack === undefined && options.allStages !== true) {
      const probe = await PulumiDiyBackend.open(store, project, "_", context.signal);
      const stacks = await probe.listStages(context.signal);
      throw usage(
        t("backends.resolve.whichStack", { project }),
        stacks.length === 0
          ? t("backends.resolve.noStacks", { url, project })
          : t("backends.resolve.stacksThere", { stacks: items(stacks) }),
      );
    }
    const settled = await settleStage(
      await PulumiDiyBackend.open(store, project, stack ?? "_", context.signal),
      stack !== undefined ? "flag" : "none",
      settleHow(options),
      {
        ...(region === undefined ? {} : { region }),
        ...(clients === undefined ? {} : { clients }),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      },
    );
    const backend = settled.backend;
    const sources: StageSources = { app: project, stage: backend.stage };
    if (region !== undefined) sources.region = region;
    const open: OpenStage = {
      backend,
      sources,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      ...(settled.picked ? { stagePicked: true } : {}),
      requireStage: settled.requireStage,
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

/** The store a `--backend` URL names: a directory (`file://`) or a bucket and prefix (`s3://`). */
async function diyStore(url: string, options: StageOptions, context: StageContext): Promise<DiyStore> {
  if (url.startsWith("file://")) return { store: await dirStore(url, context.cwd) };
  if (url.startsWith("s3://")) return s3DiyStore(url, options, context);
  throw usage(t("backends.resolve.unknownBackend", { url }), t("backends.resolve.unknownBackendHint"));
}

async function dirStore(url: string, cwd: string): Promise<DirStore> {
  let dir: string;
  try {
    dir = fileURLToPath(url);
  } catch {
    // Pulumi accepts relative `file://./state` and `file://~/state` forms.
    dir = url.slice("file://".length).replace(/^~(?=\/|$)/, os.homedir());
  }
  dir = path.resolve(cwd, dir);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat?.isFile() === true) {
    throw usage(
      t("backends.resolve.backendIsFile", { url }),
      t("backends.resolve.backendIsFileHint", { command: `\`stateward state show ${dir}\`` }), // i18n-exempt: a command
    );
  }
  if (stat === undefined || !stat.isDirectory()) {
    throw new StatewardError("BACKEND_NOT_FOUND", t("backends.resolve.noBackend", { url, dir }), {
      hint: t("backends.resolve.noBackendHint"),
    });
  }
  return new DirStore(dir);
}

async function s3DiyStore(url: string, options: StageOptions, context: StageContext): Promise<DiyStore> {
  const env = context.env;
  const parsed = new URL(url);
  const bucket = parsed.hostname;
  if (bucket === "") throw usage(t("backends.resolve.noBucket", { url }), t("backends.resolve.noBucketHint"));
  const profile = options.profile ?? parsed.searchParams.get("profile") ?? (env.AWS_PROFILE || undefined);
  const region =
    options.region ??
    parsed.searchParams.get("region") ??
    (env.AWS_REGION || undefined) ??
    (env.AWS_DEFAULT_REGION || undefined) ??
    (await profileRegion(profile)) ??
    "us-east-1";
  const clients = new AwsClients(awsTarget(region, profile, context), env);
  return {
    store: new S3Store(clients.s3(region), bucket, decodeURIComponent(parsed.pathname)),
    clients,
    region,
  };
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

/** The backend's label; for `--all-stages` with no stage named, without the stage that stands for the app. */
export function appLabel(open: OpenStage): string {
  return open.stagePicked === true
    ? open.backend.label.replace(/, (stage|stack) [^,]*$/, "")
    : open.backend.label;
}
