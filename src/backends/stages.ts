/**
 * Whether a stage exists, which stages an app has (those with state and those only their records
 * remember), the one a mistyped name meant, and the one that stands for the app with `--all-stages`.
 */
import type { AwsClients } from "../cloud/clients.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { PulumiDiyBackend } from "./pulumi-diy.js";
import type { StageBackend } from "./types.js";

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

/**
 * The apps an SST home holds a state of (none for DIY), for a mistyped --app: from `app/` alone, one key
 * per stage — not `update/`, which holds a record of every deploy of every app and would be listed whole
 * for a hint (preflight and guard ask on every first deploy of a new app).
 */
async function listApps(backend: StageBackend, signal?: AbortSignal): Promise<string[]> {
  if (backend.kind !== "sst") return [];
  const apps = new Set<string>();
  for await (const o of backend.store.list("app/", signal)) {
    const [app, rest] = o.key.slice("app/".length).split("/");
    if (app !== undefined && app !== "" && rest !== undefined) apps.add(app);
  }
  return [...apps].sort();
}

/** What a stage about to get its first deploy may be a typo of: a stage of the app, or (none) another app. */
export interface FirstDeployHint {
  like?: string;
  newApp?: { apps: string[]; like?: string };
}

/**
 * For a stage with no state (preflight, guard): the existing stage its name is close to; and when the
 * app has no stage at all, the apps the SST home holds and the closest (a mistyped --app).
 */
export async function firstDeployHint(
  backend: StageBackend,
  stages: readonly string[],
  signal?: AbortSignal,
): Promise<FirstDeployHint> {
  const like = closestStage(backend.stage, stages);
  const hint: FirstDeployHint = like === undefined ? {} : { like };
  const apps = stages.length === 0 ? await listApps(backend, signal) : [];
  if (apps.length === 0 || apps.includes(backend.app)) return hint;
  const appLike = closestStage(backend.app, apps);
  return { ...hint, newApp: appLike === undefined ? { apps } : { apps, like: appLike } };
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

/** Where a stage was looked for, for the not-found message. */
export interface LookedIn {
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
  const region = where.region;
  const place =
    account === undefined
      ? (region ?? "")
      : region === undefined
        ? t("backends.stages.account", { account })
        : t("backends.stages.regionAccount", { region, account });
  const home =
    backend.kind === "sst"
      ? t("backends.stages.sstHome", { url: backend.store.url })
      : t("backends.stages.diyBackend", { url: backend.store.url });
  return place === "" ? home : t("backends.stages.homeIn", { home, place });
}

/** What to check when the app or project has no stage there. */
function checkHint(backend: StageBackend): string {
  return backend.kind === "sst" ? t("backends.stages.checkSst") : t("backends.stages.checkDiy");
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
  const sst = backend.kind === "sst";
  const removed = known.filter((s) => !withState.includes(s));
  const app = backend.app;
  // No stage of the app at all: most likely a mistyped --app, so the apps that are there are named.
  const apps = known.length === 0 ? await listApps(backend, signal) : [];
  const closestApp = closestStage(app, apps);
  const closest = known.length === 0 ? closestApp : closestStage(backend.stage, known);
  const stages = items(withState) || t("backends.stages.noneWithState");
  const listed =
    known.length === 0
      ? sst
        ? t("backends.stages.noStagesListed.sst", { app }) +
          (apps.length === 0 ? "" : t("backends.stages.appsThere", { apps: items(apps) }))
        : t("backends.stages.noStagesListed.diy", { app })
      : removed.length === 0
        ? t(sst ? "backends.stages.listed.sst" : "backends.stages.listed.diy", { stages })
        : t(sst ? "backends.stages.listedRemoved.sst" : "backends.stages.listedRemoved.diy", {
            stages,
            removed: items(removed),
          });
  const missing = t(sst ? "backends.stages.notFound.sst" : "backends.stages.notFound.diy", {
    stage: backend.stage,
    app,
    place,
    listed,
  });
  throw new StatewardError(
    "STAGE_NOT_FOUND",
    closest === undefined ? missing : t("backends.stages.didYouMean", { message: missing, closest }),
    {
      hint:
        closestApp !== undefined
          ? t("backends.stages.passApp", { closest: closestApp })
          : closest !== undefined
            ? t(sst ? "backends.stages.passClosest.sst" : "backends.stages.passClosest.diy", { closest })
            : known.length > 0
              ? t(sst ? "backends.stages.passOne.sst" : "backends.stages.passOne.diy")
              : checkHint(backend),
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
    const params = { app: backend.app, place: await whereText(backend, where) };
    const apps = await listApps(backend, where.signal);
    const closestApp = closestStage(backend.app, apps);
    const there = apps.length === 0 ? "" : t("backends.stages.appsThere", { apps: items(apps) });
    const none =
      backend.kind === "sst" ? t("backends.stages.none.sst", params) : t("backends.stages.none.diy", params);
    throw new StatewardError(
      "NO_STAGES",
      closestApp === undefined
        ? none + there
        : t("backends.stages.didYouMean", { message: none + there, closest: closestApp }),
      {
        hint:
          closestApp === undefined
            ? checkHint(backend)
            : t("backends.stages.passApp", { closest: closestApp }),
      },
    );
  }
  return first === backend.stage ? backend : backend.forStage(first);
}

/**
 * The named stage, which must exist; or with `--all-stages` and no stage named (or only a default one
 * that does not exist), the app's first stage, standing for the app.
 */
export async function settleStage(
  backend: StageBackend,
  named: "flag" | "default" | "none",
  how: { allStages: boolean; mayBeNew: boolean; checkLater?: boolean },
  where: LookedIn,
): Promise<{ backend: StageBackend; picked: boolean; requireStage: () => Promise<void> }> {
  const checked = { backend, requireStage: () => Promise.resolve() };
  if (named === "none") return { ...checked, backend: await firstStage(backend, where), picked: true };
  if (how.allStages && named === "default" && !(await stageExists(backend, where.signal))) {
    return { ...checked, backend: await firstStage(backend, where), picked: true };
  }
  // A stage about to be deployed for the first time (preflight): named on purpose, not yet there.
  if (how.mayBeNew && named === "flag") return { ...checked, picked: false };
  // The command's own reads will show whether it exists; it asks when they find nothing.
  if (how.checkLater === true)
    return { backend, picked: false, requireStage: () => requireStage(backend, where) };
  await requireStage(backend, where);
  return { ...checked, picked: false };
}
