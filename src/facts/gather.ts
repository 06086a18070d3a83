/**
 * `gather`: everything the rules judge a stage (or every stage) by, read once — state and the revision
 * read, recent history, locks, other SST homes, the other stages' states and the cloud inventory — and
 * handed on as one frozen `Facts` value. doctor, plan and `history restore` all judge from it.
 */
import { listKnownStages, type OpenStage } from "../backends/resolve.js";
import type { StageBackend } from "../backends/types.js";
import { cloudContext } from "../cloud/context.js";
import { scanInventory } from "../cloud/inventory.js";
import { StatewardError } from "../errors.js";
import { verifyIntegrity, type DeploymentV3 } from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";
import { DEFAULT_LOCK_AGE_MS } from "../actions/lock.js";
import { freezeFacts } from "./freeze.js";
import { otherHomes, providerRegion } from "./homes.js";
import type { InventoryResult, StageInput } from "./inventory.js";
import { readStageRecords, type StageRecords } from "./stage.js";
import type { Facts, OtherHome, StageFacts } from "./types.js";

export interface GatherOptions {
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
  /**
   * Judge this deployment as the opened stage's current state instead of the one stored (what a
   * restore would make current); its history and the cloud are read as they are.
   */
  deployment?: DeploymentV3 | undefined;
}

/** The stages of the app: those with state, and those only their records remember (removed ones). */
export function stagesOf(backend: StageBackend, signal?: AbortSignal): Promise<string[]> {
  return listKnownStages(backend, signal);
}

function noCloud(open: OpenStage): StatewardError {
  return new StatewardError(
    "NO_CLOUD",
    `${open.backend.label} is not in AWS, so stateward cannot check it against the cloud.`,
    {
      hint: "Run doctor on an SST stage, or on a Pulumi DIY backend in S3 whose credentials reach the account.",
    },
  );
}

/** The deployment the rules judge as a stage's current one (the stored one unless told otherwise). */
function judged(g: StageRecords, open: OpenStage, options: GatherOptions): DeploymentV3 | undefined {
  return "deployment" in options && g.stage === open.backend.stage ? options.deployment : g.current?.doc.deployment;
}

function stageFacts(
  g: StageRecords,
  deployment: DeploymentV3 | undefined,
  inventory: InventoryResult,
  homes: Map<string, OtherHome[]>,
): StageFacts {
  const pr = providerRegion(deployment);
  return {
    stage: g.stage,
    deployment,
    revision: g.current?.revision ?? null,
    history: g.history,
    inventory: inventory.stages.find((s) => s.stage === g.stage),
    lock: g.lock,
    integrity: verifyIntegrity(deployment),
    otherHomes: homes.get(g.stage) ?? [],
    ...(g.lastUpdate === undefined ? {} : { lastUpdate: g.lastUpdate }),
    ...(pr === undefined ? {} : { providerRegion: pr }),
  };
}

/** The other stages' current states: they own what they hold. */
function otherStages(open: OpenStage, known: string[], names: string[], signal?: AbortSignal) {
  return mapLimit(
    known.filter((s) => !names.includes(s)),
    4,
    async (stage): Promise<StageInput> => ({
      stage,
      deployment: (await (await open.backend.forStage(stage)).readState(signal))?.doc.deployment,
    }),
  );
}

export async function gather(open: OpenStage, options: GatherOptions = {}): Promise<Facts> {
  const signal = options.signal ?? open.signal;
  const progress = options.onProgress ?? (() => undefined);
  const clients = open.clients;
  if (clients === undefined) throw noCloud(open);
  const now = options.now ?? new Date();
  const known = await stagesOf(open.backend, signal);
  const names = options.allStages === true ? known : [open.backend.stage];
  progress(
    `reading the state, history and lock of ${names.length === 1 ? `stage ${names[0]}` : `${names.length} stages`}`,
  );
  const depth = options.historyDepth ?? 20;
  const read = await mapLimit(names, 4, (stage) =>
    readStageRecords(open, stage, { depth, now, ...(signal === undefined ? {} : { signal }) }),
  );
  progress("looking for SST homes in other regions");
  const homes = await otherHomes(open, names, signal);
  const others = await otherStages(open, known, names, signal);
  const ctx = cloudContext(clients, {
    concurrency: options.concurrency ?? 8,
    ...(signal === undefined ? {} : { signal }),
  });
  const homeRegion = open.region ?? clients.target.region;
  const inventory = await scanInventory(ctx, {
    app: open.backend.app,
    homeRegion,
    stages: read.map((g) => ({
      stage: g.stage,
      deployment: judged(g, open, options),
      history: g.history.filter((v) => !v.current).map((v) => v.deployment),
    })),
    others,
    knownStages: known,
    drift: options.drift === true,
    onProgress: progress,
  });
  const account = await clients.callerIdentity(signal).then(
    (id) => id.account,
    () => undefined,
  );
  return freezeFacts({
    app: open.backend.app,
    homeRegion,
    stages: read.map((g) => stageFacts(g, judged(g, open, options), inventory, homes)),
    allInventories: inventory.stages,
    now,
    staleLockMs: options.staleLockMs ?? DEFAULT_LOCK_AGE_MS,
    ...(account === undefined ? {} : { account }),
    scan: { incomplete: inventory.incomplete, calls: ctx.counts.total },
  });
}
