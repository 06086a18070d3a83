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
  /**
   * `--all-stages`: no stage needs naming. Without one (or with only a default stage that does not
   * exist) the app's first stage stands for the app.
   */
  allStages?: boolean;
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
  writer(action: string): Promise<Writer>;
  close(): void;
}

function awsTarget(region: string, profile: string | undefined, context: StageContext) {
  return {
    region,
    ...(profile === undefined ? {} : { profile }),
    ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
  };
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
  const named =
    options.stage ?? (root === undefined ? env.SST_STAGE || undefined : await defaultSstStage(root, env));
  if (named === undefined && options.allStages !== true) {
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
  // With --all-stages and no stage, app() is evaluated for a stand-in stage (app and home region
  // rarely depend on it); the stage that stands for the app is picked from the home below.
  const stage = named ?? "_";
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
  const clients = new AwsClients(awsTarget(region, profile, context), env);
  try {
    const settled = await settleStage(
      await SstHomeBackend.open({ clients, region, app, stage, signal: context.signal }),
      options.stage !== undefined ? "flag" : named !== undefined ? "default" : "none",
      options.allStages === true,
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
    clients = new AwsClients(awsTarget(region, profile, context), env);
    store = new S3Store(clients.s3(region), bucket, decodeURIComponent(parsed.pathname));
  } else {
    throw usage(
      `--backend "${url}" is not a backend stateward knows.`,
      "Use sst (the SST home), file://<dir> or s3://<bucket>[/<prefix>] (a Pulumi DIY backend).",
    );
  }
  try {
    const stack = options.stage;
    if (stack === undefined && options.allStages !== true) {
      const probe = await PulumiDiyBackend.open(store, project, "_", context.signal);
      const stacks = await probe.listStages(context.signal);
      throw usage(
        `Which stack of ${project}? Pass --stage <stack>.`,
        stacks.length === 0 ? `${url} holds no stacks of ${project}.` : `Stacks there: ${stacks.join(", ")}.`,
      );
    }
    const settled = await settleStage(
      await PulumiDiyBackend.open(store, project, stack ?? "_", context.signal),
      stack !== undefined ? "flag" : "none",
      options.allStages === true,
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

/**
 * Every stage the backend knows of, sorted: those with state, and those only their records remember
 * (an SST stage removed with `sst remove`, its update records left; a DIY stack with history only).
 */
export async function listKnownStages(backend: StageBackend, signal?: AbortSignal): Promise<string[]> {
  const stages = new Set(await backend.listStages(signal));
  for (const prefix of recordPrefixes(backend)) {
    for await (const o of backend.store.list(prefix, signal)) {
      const stage = o.key.slice(prefix.length).split("/")[0];
      if (stage !== undefined && stage !== "" && o.key.slice(prefix.length).includes("/")) stages.add(stage);
    }
  }
  return [...stages].sort();
}

/** Where the backend keeps per-stage records, one folder per stage under each prefix. */
function recordPrefixes(backend: StageBackend): string[] {
  if (backend.kind === "sst") return [`update/${backend.app}/`];
  const scoped = backend instanceof PulumiDiyBackend && backend.layout.projectScoped;
  return [scoped ? `.pulumi/history/${backend.app}/` : ".pulumi/history/"];
}

async function anyUnder(store: StageBackend["store"], prefix: string, signal?: AbortSignal) {
  for await (const _ of store.list(prefix, signal)) return true;
  return false;
}

/**
 * Whether the stage exists: its state object, or its update records, snapshots or older versions
 * (a removed stage is known by what it left). Commands never create a stage, so every stage command
 * asks this first.
 */
export async function stageExists(backend: StageBackend, signal?: AbortSignal): Promise<boolean> {
  const store = backend.store;
  // The state object (for DIY: `<stack>.json`, `.gz`, `.zst` or the `.bak` Pulumi keeps beside it).
  const stateKey = backend.kind === "diy" ? backend.stateKey.replace(/\.gz$/, "") : backend.stateKey;
  const siblings = backend.kind === "diy" ? ["", ".gz", ".zst", ".bak", ".gz.bak", ".zst.bak"] : [""];
  for await (const o of store.list(stateKey, signal)) {
    if (siblings.includes(o.key.slice(stateKey.length))) return true;
  }
  const checks: Promise<boolean>[] = [];
  if (backend.kind === "sst") {
    for (const kind of ["update", "snapshot"]) {
      checks.push(anyUnder(store, `${kind}/${backend.app}/${backend.stage}/`, signal));
    }
    // A deleted state object keeps its versions (behind a delete marker) in a versioned bucket.
    if (store.versions !== undefined) {
      const versions = store.versions(stateKey, signal);
      checks.push(
        (async () => {
          for await (const _ of versions) return true;
          return false;
        })(),
      );
    }
  } else {
    const base =
      backend instanceof PulumiDiyBackend && !backend.layout.projectScoped
        ? backend.stage
        : `${backend.app}/${backend.stage}`;
    for (const kind of ["history", "backups"])
      checks.push(anyUnder(store, `.pulumi/${kind}/${base}/`, signal));
  }
  return (await Promise.all(checks)).some((found) => found);
}

/** Edit distance (insertions, deletions, substitutions and swaps of neighbours), for "did you mean". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The stage a mistyped name most likely meant: one that starts with it (or that it starts with:
 * `prod` → `production`), else one a few edits away; undefined when none is close.
 */
export function closestStage(name: string, stages: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: { stage: string; rank: number; distance: number } | undefined;
  for (const stage of stages) {
    const candidate = stage.toLowerCase();
    const distance = editDistance(wanted, candidate);
    const shorter = Math.min(wanted.length, candidate.length);
    const prefix = shorter >= 2 && (candidate.startsWith(wanted) || wanted.startsWith(candidate));
    const near = distance <= Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) / 3));
    if (!prefix && !near) continue;
    const rank = candidate === wanted ? 0 : prefix ? 1 : 2;
    if (best === undefined || rank < best.rank || (rank === best.rank && distance < best.distance)) {
      best = { stage, rank, distance };
    }
  }
  return best?.stage;
}

/** The backend's label; for `--all-stages` with no stage named, without the stage that stands for the app. */
export function appLabel(open: OpenStage): string {
  return open.stagePicked === true
    ? open.backend.label.replace(/, (stage|stack) [^,]*$/, "")
    : open.backend.label;
}

/** Where a stage was looked for, for the not-found message. */
interface LookedIn {
  region?: string;
  clients?: AwsClients;
  signal?: AbortSignal;
}

async function whereText(backend: StageBackend, where: LookedIn): Promise<string> {
  const account =
    where.clients === undefined
      ? undefined
      : await where.clients.callerIdentity(where.signal).then(
          (id) => id.account,
          () => undefined,
        );
  const place = [where.region, account === undefined ? undefined : `account ${account}`]
    .filter((x) => x !== undefined)
    .join(", ");
  const home =
    backend.kind === "sst"
      ? `the SST home ${backend.store.url}`
      : `the Pulumi DIY backend ${backend.store.url}`;
  return place === "" ? home : `${home} (${place})`;
}

/**
 * Throws STAGE_NOT_FOUND unless the stage exists: naming the app, where it looked (region and
 * account), the stages that do exist, and the closest one.
 */
export async function requireStage(backend: StageBackend, where: LookedIn = {}): Promise<void> {
  const signal = where.signal;
  if (await stageExists(backend, signal)) return;
  const [withState, known, place] = await Promise.all([
    backend.listStages(signal),
    listKnownStages(backend, signal),
    whereText(backend, where),
  ]);
  const word = backend.kind === "sst" ? "stage" : "stack";
  const removed = known.filter((s) => !withState.includes(s));
  const closest = closestStage(backend.stage, known);
  const what = backend.kind === "sst" ? `app ${backend.app}` : `project ${backend.app}`;
  const listed =
    known.length === 0
      ? ` ${place} holds no ${word}s of ${what}.`
      : ` The ${word}s there: ${withState.join(", ") || "none with state"}${removed.length === 0 ? "" : `; removed (only their records are left): ${removed.join(", ")}`}.`;
  throw new StatewardError(
    "STAGE_NOT_FOUND",
    `${word === "stage" ? "Stage" : "Stack"} "${backend.stage}" of ${what} does not exist in ${place}: no state, update records or history name it.${listed}${closest === undefined ? "" : ` Did you mean ${closest}?`}`,
    {
      hint:
        closest !== undefined
          ? `Pass --stage ${closest}. stateward never creates a ${word}; deploying it does.`
          : known.length > 0
            ? `Pass one of them with --stage. stateward never creates a ${word}; deploying it does.`
            : backend.kind === "sst"
              ? "Check --app (the `name` in sst.config.ts) and --region (the region the app was deployed with)."
              : "Check --backend and --app (the `name` in Pulumi.yaml).",
    },
  );
}

/**
 * For `--all-stages` with no stage named: the backend for the app's first stage with state (else the
 * first removed one), standing for the app. NO_STAGES when the app has none.
 */
async function firstStage(backend: StageBackend, where: LookedIn): Promise<StageBackend> {
  const [withState, known] = await Promise.all([
    backend.listStages(where.signal),
    listKnownStages(backend, where.signal),
  ]);
  const first = [...withState].sort()[0] ?? known[0];
  if (first === undefined) {
    const word = backend.kind === "sst" ? "stages" : "stacks";
    throw new StatewardError(
      "NO_STAGES",
      `${backend.kind === "sst" ? "App" : "Project"} ${backend.app} has no ${word} in ${await whereText(backend, where)}.`,
      {
        hint:
          backend.kind === "sst"
            ? "Check --app (the `name` in sst.config.ts) and --region (the region the app was deployed with)."
            : "Check --backend and --app (the `name` in Pulumi.yaml).",
      },
    );
  }
  return first === backend.stage ? backend : backend.forStage(first);
}

/**
 * The named stage, which must exist; or with `--all-stages` and no stage named (or only a default one
 * that does not exist), the app's first stage, standing for the app.
 */
async function settleStage(
  backend: StageBackend,
  named: "flag" | "default" | "none",
  allStages: boolean,
  where: LookedIn,
): Promise<{ backend: StageBackend; picked: boolean }> {
  if (named === "none") return { backend: await firstStage(backend, where), picked: true };
  if (allStages && named === "default" && !(await stageExists(backend, where.signal))) {
    return { backend: await firstStage(backend, where), picked: true };
  }
  await requireStage(backend, where);
  return { backend, picked: false };
}
