/**
 * `stateward doctor`: gathers the facts of the stage (or every stage) — state, recent history, lock,
 * integrity, other SST homes, the cloud inventory — and runs every rule over them.
 */
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { appLabel, listKnownStages, type OpenStage } from "../backends/resolve.js";
import type { SstHomeBackend } from "../backends/sst-home.js";
import { S3Store } from "../backends/s3-store.js";
import type { StageBackend } from "../backends/types.js";
import { awsErrorCode } from "../cloud/clients.js";
import { cloudContext } from "../cloud/context.js";
import { scanInventory } from "../cloud/inventory.js";
import type { IncompletePart, StageInput } from "../facts/inventory.js";
import { ExitCode, StatewardError } from "../errors.js";
import {
  coverageOf,
  runRules,
  type Coverage,
  type DoctorInput,
  type Finding,
  type LockInfo,
  type OtherHome,
  type StageFacts,
  type VersionInfo,
} from "../rules/index.js";
import { parseState, sstKeys, verifyIntegrity, type DeploymentV3 } from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";
import { listHistory } from "./history.js";
import { DEFAULT_LOCK_AGE_MS, lockStatus } from "./lock.js";

/** Regions probed for a second SST home (a stage deployed from two places with different regions). */
export const HOME_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
];

export interface DoctorOptions {
  allStages?: boolean;
  /** Also read managed resources for drift (a read each). */
  drift?: boolean;
  /** How many recent versions of each stage's history the rules see (default 20). */
  historyDepth?: number;
  staleLockMs?: number;
  concurrency?: number;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
  now?: Date;
}

export interface DoctorReport {
  backend: string;
  app: string;
  stages: string[];
  findings: Finding[];
  summary: { blockers: number; warnings: number; info: number };
  incomplete: IncompletePart[];
  /** What was checked: resources in the states settled by a cloud lookup, and by type those not. */
  coverage: Coverage;
  calls: number;
  durationMs: number;
}

/**
 * doctor's exit code: 3 blockers; 5 an incomplete scan (and with `strict`, anything not checked);
 * 4 warnings only; 0 clean.
 */
export function doctorExitCode(report: DoctorReport, options: { strict?: boolean } = {}): number {
  if (report.summary.blockers > 0) return ExitCode.blockers;
  if (report.incomplete.length > 0) return ExitCode.incomplete;
  if (options.strict === true && report.coverage.checked < report.coverage.total) return ExitCode.incomplete;
  if (report.summary.warnings > 0) return ExitCode.warnings;
  return ExitCode.ok;
}

function providerRegion(deployment: DeploymentV3 | undefined): string | undefined {
  for (const r of deployment?.resources ?? []) {
    if (!r.type.startsWith("pulumi:providers:aws")) continue;
    const region = r.outputs?.region ?? r.inputs?.region;
    if (typeof region === "string" && region !== "") return region;
  }
  return undefined;
}

/** The stages of the app: those with state, and those only their records remember (removed ones). */
export function stagesOf(backend: StageBackend, signal?: AbortSignal): Promise<string[]> {
  return listKnownStages(backend, signal);
}

/** Other regions' SST homes that hold state for these stages. */
async function otherHomes(
  open: OpenStage,
  stages: string[],
  signal?: AbortSignal,
): Promise<Map<string, OtherHome[]>> {
  const found = new Map<string, OtherHome[]>();
  const clients = open.clients;
  if (open.backend.kind !== "sst" || clients === undefined || open.region === undefined) return found;
  await mapLimit(
    HOME_REGIONS.filter((r) => r !== open.region),
    8,
    async (region) => {
      let bucket: string | undefined;
      try {
        const res = await clients
          .ssm(region)
          .send(new GetParameterCommand({ Name: sstKeys.bootstrap }), { abortSignal: signal });
        const value = JSON.parse(res.Parameter?.Value ?? "{}") as { state?: unknown };
        if (typeof value.state === "string") bucket = value.state;
      } catch (e) {
        // No home there (ParameterNotFound), a region not enabled, no permission: nothing to compare.
        if (awsErrorCode(e) === undefined && (e as Error).name === "AbortError") throw e;
        return;
      }
      if (bucket === undefined) return;
      const store = new S3Store(clients.s3(region), bucket);
      for (const stage of stages) {
        const object = await store.get(sstKeys.state(open.backend.app, stage), signal).catch(() => undefined);
        if (object === undefined) continue;
        const deployment = parseState(
          object.bytes,
          store.locate(sstKeys.state(open.backend.app, stage)),
        ).deployment;
        const home: OtherHome = { region, bucket, deployment };
        const pr = providerRegion(deployment);
        if (pr !== undefined) home.providerRegion = pr;
        found.set(stage, [...(found.get(stage) ?? []), home]);
      }
    },
  );
  return found;
}

export async function doctor(open: OpenStage, options: DoctorOptions = {}): Promise<DoctorReport> {
  const started = Date.now();
  const signal = options.signal ?? open.signal;
  const progress = options.onProgress ?? (() => undefined);
  const clients = open.clients;
  if (clients === undefined) {
    throw new StatewardError(
      "NO_CLOUD",
      `${open.backend.label} is not in AWS, so stateward cannot check it against the cloud.`,
      {
        hint: "Run doctor on an SST stage, or on a Pulumi DIY backend in S3 whose credentials reach the account.",
      },
    );
  }
  const now = options.now ?? new Date();
  const known = await stagesOf(open.backend, signal);
  const names = options.allStages === true ? known : [open.backend.stage];
  progress(
    `reading the state, history and lock of ${names.length === 1 ? `stage ${names[0]}` : `${names.length} stages`}`,
  );

  const depth = options.historyDepth ?? 20;
  const gathered = await mapLimit(names, 4, async (stage) => {
    const backend = stage === open.backend.stage ? open.backend : await open.backend.forStage(stage);
    const stageOpen: OpenStage = { ...open, backend };
    const [current, list, locks] = await Promise.all([
      backend.readState(signal),
      listHistory(backend, signal === undefined ? {} : { signal }),
      lockStatus(stageOpen, { now, ...(signal === undefined ? {} : { signal }) }),
    ]);
    const history: VersionInfo[] = list.versions
      .filter((v) => v.unreadable === undefined)
      .slice(0, depth)
      .map((v) => {
        const info: VersionInfo = {
          id: v.id,
          time: v.time,
          current: v.current,
          deployment: parseState(list.bytesOf(v.id)!, `version ${v.id}`).deployment,
        };
        // Only SST's own snapshots name an update: stateward's backup ids look alike but are not updates.
        const updateId = v.update?.id ?? (v.sources.includes("sst-snapshot") ? v.id : undefined);
        if (updateId !== undefined) info.updateId = updateId;
        if (v.update !== undefined) info.updateOutcome = v.update.outcome;
        return info;
      });
    const l = locks.locks[0];
    let lock: LockInfo | undefined;
    if (l !== undefined) {
      lock = { location: l.location, byStateward: l.byStateward };
      if (l.created !== undefined) lock.created = l.created;
      if (l.ageSeconds !== undefined) lock.ageSeconds = l.ageSeconds;
      if (l.command !== undefined) lock.command = l.command;
      if (l.runId !== undefined) lock.runId = l.runId;
      if (l.holder !== undefined) lock.holder = l.holder;
      if (l.updateId !== undefined) {
        lock.updateId = l.updateId;
        lock.snapshot = list.versions.some((v) => v.names.includes(l.updateId!));
      }
      if (l.update !== undefined) lock.updateOutcome = l.update.outcome;
    }
    let lastUpdate: StageFacts["lastUpdate"];
    // A removed stage (state gone, or emptied by a finished remove): its last update says what removed it.
    const d = current?.doc.deployment;
    const empty = (d?.resources ?? []).length === 0 && (d?.pending_operations ?? []).length === 0;
    if (empty && backend.kind === "sst") {
      const prefix = `update/${backend.app}/${stage}/`;
      for await (const o of backend.store.list(prefix, signal)) {
        const update = await (backend as SstHomeBackend).readUpdate(
          o.key.slice(prefix.length, -".json".length),
          signal,
        );
        if (update !== undefined)
          lastUpdate = {
            id: update.id,
            outcome: update.outcome,
            ...(update.command === undefined ? {} : { command: update.command }),
          };
        break;
      }
    }
    return { stage, current, history, lock, lastUpdate };
  });

  progress("looking for SST homes in other regions");
  const homes = await otherHomes(open, names, signal);

  // The other stages' current states own what they hold.
  const others: StageInput[] = await mapLimit(
    known.filter((s) => !names.includes(s)),
    4,
    async (stage) => ({
      stage,
      deployment: (await (await open.backend.forStage(stage)).readState(signal))?.doc.deployment,
    }),
  );
  const ctx = cloudContext(clients, {
    concurrency: options.concurrency ?? 8,
    ...(signal === undefined ? {} : { signal }),
  });
  const inventory = await scanInventory(ctx, {
    app: open.backend.app,
    homeRegion: open.region ?? clients.target.region,
    stages: gathered.map((g) => ({
      stage: g.stage,
      deployment: g.current?.doc.deployment,
      history: g.history.filter((v) => !v.current).map((v) => v.deployment),
    })),
    others,
    knownStages: known,
    drift: options.drift === true,
    onProgress: progress,
  });

  const stages: StageFacts[] = gathered.map((g) => {
    const deployment = g.current?.doc.deployment;
    const facts: StageFacts = {
      stage: g.stage,
      deployment,
      history: g.history,
      inventory: inventory.stages.find((s) => s.stage === g.stage),
      lock: g.lock,
      integrity: verifyIntegrity(deployment),
      otherHomes: homes.get(g.stage) ?? [],
    };
    if (g.lastUpdate !== undefined) facts.lastUpdate = g.lastUpdate;
    const pr = providerRegion(deployment);
    if (pr !== undefined) facts.providerRegion = pr;
    return facts;
  });
  const account = await clients.callerIdentity(signal).then(
    (id) => id.account,
    () => undefined,
  );
  const input: DoctorInput = {
    app: open.backend.app,
    homeRegion: open.region ?? clients.target.region,
    stages,
    allInventories: inventory.stages,
    now,
    staleLockMs: options.staleLockMs ?? DEFAULT_LOCK_AGE_MS,
    ...(account === undefined ? {} : { account }),
  };
  const findings = runRules(input);
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    backend: appLabel(open),
    app: open.backend.app,
    stages: names,
    findings,
    summary: { blockers: count("blocker"), warnings: count("warning"), info: count("info") },
    incomplete: inventory.incomplete,
    coverage: coverageOf(stages),
    calls: ctx.counts.total,
    durationMs: Date.now() - started,
  };
}
