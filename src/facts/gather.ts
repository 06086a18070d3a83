/**
 * `gather`: everything the rules judge a stage (or every stage) by, read once — state and the revision
 * read, recent history, locks, the other stages' states, the cloud inventory, and other regions' SST
 * homes where a rule needs them — and handed on as one frozen `Facts` value. doctor, plan and
 * `history restore` all judge from it.
 */
import { t } from "../i18n/index.js";
import type { OpenStage } from "../backends/resolve.js";
import { DEFAULT_LOCK_AGE_MS } from "../backends/lock-read.js";
import { listKnownStages } from "../backends/stages.js";
import type { StageBackend } from "../backends/types.js";
import { cloudContext } from "../cloud/context.js";
import { scanInventory } from "../cloud/inventory.js";
import { StatewardError } from "../errors.js";
import { verifyIntegrity, type DeploymentV3 } from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";
import { freezeFacts } from "./freeze.js";
import { HomeProbe, needsOtherHomes, providerRegion } from "./homes.js";
import { PREFETCH_KEYS, readingThrough, RunReads } from "./reads.js";
import type { IncompletePart, InventoryResult, StageInput } from "./inventory.js";
import { readStageRecords, type StageRecords } from "./stage.js";
import type { Facts, OtherHome, StageFacts } from "./types.js";

export interface GatherOptions {
  allStages?: boolean;
  /** Also read managed resources for drift (a read each). */
  drift?: boolean;
  /**
   * Also walk the parents of kinds listed per parent (every stage function's URL and policy, every
   * stage topic's subscriptions): a call per parent. Cleanup does, to find every orphan; `drift` does.
   */
  deep?: boolean;
  /** How many recent versions of each stage's history the rules see (default 20). */
  historyDepth?: number;
  staleLockMs?: number;
  concurrency?: number;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
  now?: Date;
  /**
   * Judge the opened stage as if this version of its history were current (what `history restore`
   * would make it): its deployment stands for the stored one, and the versions newer than it — the
   * stored one among them — are history. The cloud is read as it is.
   */
  asCurrent?: { versionId: string; deployment: DeploymentV3 | undefined };
}

/** The stages of the app: those with state, and those only their records remember (removed ones). */
export function stagesOf(backend: StageBackend, signal?: AbortSignal): Promise<string[]> {
  return listKnownStages(backend, signal);
}

function noCloud(open: OpenStage): StatewardError {
  return new StatewardError("NO_CLOUD", t("rules.gather.no-cloud", { backend: open.backend.label }), {
    hint: t("rules.gather.no-cloud.hint"),
  });
}

type Judged = StageRecords & { deployment: DeploymentV3 | undefined };

/** A stage's records as the rules judge them: as stored, or as if `asCurrent` were current. */
function judged(g: StageRecords, open: OpenStage, options: GatherOptions): Judged {
  const as = options.asCurrent;
  if (as === undefined || g.stage !== open.backend.stage)
    return { ...g, deployment: g.current?.doc.deployment };
  const history = g.history.map((v) => ({ ...v, current: v.id === as.versionId }));
  return { ...g, history, deployment: as.deployment };
}

function stageFacts(g: Judged, inventory: InventoryResult, homes: Map<string, OtherHome[]>): StageFacts {
  const deployment = g.deployment;
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

/**
 * A stage's state that cannot be read (not JSON, access denied) as a part of the run left unread: the
 * report is then incomplete (exit 5), and what only that state could claim is never called clean.
 */
function unreadPart(stage: string, region: string, e: unknown, signal?: AbortSignal): IncompletePart {
  if (signal?.aborted === true) throw e;
  const error = (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
  return { kind: t("rules.gather.other-state", { stage }), region, error };
}

/** The other stages' current states: they own what they hold (one unreadable is a part left unread). */
async function otherStages(
  open: OpenStage,
  known: string[],
  names: string[],
  region: string,
  unread: IncompletePart[],
  signal?: AbortSignal,
): Promise<StageInput[]> {
  return mapLimit(
    known.filter((s) => !names.includes(s)),
    4,
    async (stage): Promise<StageInput> => {
      const backend = await open.backend.forStage(stage);
      const deployment = await backend.readState(signal).then(
        (current) => current?.doc.deployment,
        (e: unknown) => void unread.push(unreadPart(stage, region, e, signal)),
      );
      return { stage, deployment: deployment ?? undefined };
    },
  );
}

/**
 * The stage opened to read each object and listing once in this run (src/facts/reads.ts); an SST
 * home's keys are listed first, in one go, within a budget of pages.
 */
async function readOnce(open: OpenStage, signal?: AbortSignal): Promise<OpenStage> {
  if (open.backend.kind !== "sst") return open;
  const reads = new RunReads(open.backend.store);
  await reads.prefetch("", PREFETCH_KEYS, signal);
  return { ...open, backend: readingThrough(open.backend, reads) };
}

/**
 * The records of the stages judged. With every stage judged, one whose records cannot be read is left
 * out and named in `unread`, not fatal; a single stage's failure is the run's.
 */
async function judgedStages(
  open: OpenStage,
  names: string[],
  options: GatherOptions & { now: Date; homeRegion: string },
  unread: IncompletePart[],
): Promise<StageRecords[]> {
  const signal = options.signal ?? open.signal;
  const depth = options.historyDepth ?? 20;
  const records = await mapLimit(names, 4, (stage) =>
    readStageRecords(open, stage, {
      depth,
      now: options.now,
      ...(signal === undefined ? {} : { signal }),
    }).catch((e: unknown) => {
      if (options.allStages !== true) throw e;
      unread.push(unreadPart(stage, options.homeRegion, e, signal));
      return undefined;
    }),
  );
  return records.filter((g) => g !== undefined);
}

export async function gather(open: OpenStage, options: GatherOptions = {}): Promise<Facts> {
  const signal = options.signal ?? open.signal;
  const progress = options.onProgress ?? (() => undefined);
  const clients = open.clients;
  if (clients === undefined) throw noCloud(open);
  const now = options.now ?? new Date();
  const opened = open;
  // From here on, the stage's records are read through the run's view: each once.
  open = await readOnce(open, signal);
  const known = await stagesOf(open.backend, signal);
  const names = options.allStages === true ? known : [open.backend.stage];
  progress(
    names.length === 1
      ? t("rules.gather.reading.one", { stage: names[0]! })
      : t("rules.gather.reading.other", { count: names.length }),
  );
  const homeRegion = open.region ?? clients.target.region;
  const unread: IncompletePart[] = [];
  const read = (await judgedStages(open, names, { ...options, now, homeRegion }, unread)).map((g) =>
    judged(g, open, options),
  );
  const others = await otherStages(open, known, names, homeRegion, unread, signal);
  const callsBeforeScan = clients.calls.total;
  const ctx = cloudContext(clients, {
    concurrency: options.concurrency ?? 8,
    ...(signal === undefined ? {} : { signal }),
  });
  const inventory = await scanInventory(ctx, {
    app: open.backend.app,
    homeRegion,
    stages: read.map((g) => ({
      stage: g.stage,
      deployment: g.deployment,
      history: g.history.filter((v) => !v.current).map((v) => v.deployment),
    })),
    others,
    knownStages: known,
    drift: options.drift === true,
    deep: options.deep === true || options.drift === true,
    onProgress: progress,
  });
  // Other regions' homes: probed only for the stages whose report they can change (needsOtherHomes),
  // every region at once, once per run; alongside the account, which account-mismatch needs.
  const probe = new HomeProbe(opened, signal);
  const needing = read.filter((g) =>
    needsOtherHomes(
      homeRegion,
      g.deployment,
      inventory.stages.find((s) => s.stage === g.stage),
    ),
  );
  if (probe.applies && needing.length > 0) progress(t("rules.gather.homes"));
  const [account, homeLists] = await Promise.all([
    clients.callerIdentity(signal).then(
      (id) => id.account,
      () => undefined,
    ),
    Promise.all(needing.map(async (g) => [g.stage, await probe.forStage(g.stage)] as const)),
  ]);
  const homes = new Map<string, OtherHome[]>(homeLists);
  return freezeFacts({
    app: open.backend.app,
    homeRegion,
    stages: read.map((g) => stageFacts(g, inventory, homes)),
    allInventories: inventory.stages,
    now,
    staleLockMs: options.staleLockMs ?? DEFAULT_LOCK_AGE_MS,
    ...(account === undefined ? {} : { account }),
    scan: {
      incomplete: [...unread, ...inventory.incomplete],
      calls: ctx.counts.total,
      callsBeforeScan,
      regions: inventory.regions,
    },
  });
}
