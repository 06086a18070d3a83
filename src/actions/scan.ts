/**
 * `stateward scan`: the stage's state (and optionally its history) joined with what the cloud holds,
 * for one stage or every stage of the app in one pass.
 */
import { appLabel, type OpenStage } from "../backends/resolve.js";
import { cloudContext } from "../cloud/context.js";
import { scanInventory } from "../cloud/inventory.js";
import type { InventoryResult, StageInput } from "../facts/inventory.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { displayRegion } from "../kinds/global.js";
import { parseState } from "../backends/encoding.js";
import { mapLimit } from "../util/map-limit.js";
import { listHistory } from "./history.js";

export interface ScanOptions {
  allStages?: boolean;
  /** Also look for what older versions of the state named (orphans only history remembers). */
  history?: boolean;
  /** Read every managed resource and compare the properties that count for drift. */
  drift?: boolean;
  concurrency?: number;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

export interface ScanReport extends InventoryResult {
  backend: string;
}

export async function scan(open: OpenStage, options: ScanOptions = {}): Promise<ScanReport> {
  const signal = options.signal ?? open.signal;
  const clients = open.clients;
  if (clients === undefined) {
    throw new StatewardError("NO_CLOUD", t("actions.scan.no-cloud", { backend: open.backend.label }), {
      hint: t("actions.scan.no-cloud-hint"),
    });
  }
  const progress = options.onProgress ?? (() => undefined);
  const knownStages = await open.backend.listStages(signal);
  const names = options.allStages === true ? knownStages : [open.backend.stage];
  if (names.length === 0) {
    throw new StatewardError("NO_STAGES", t("actions.scan.no-stages", { backend: open.backend.label }));
  }
  progress(
    names.length === 1
      ? t("actions.scan.reading-stage", { stage: names[0]! })
      : t("actions.scan.reading-stages", { count: names.length }),
  );
  const read = async (stage: string, withHistory: boolean): Promise<StageInput> => {
    const backend = stage === open.backend.stage ? open.backend : await open.backend.forStage(stage);
    const current = await backend.readState(signal);
    const input: StageInput = { stage, deployment: current?.doc.deployment };
    if (withHistory) {
      const list = await listHistory(backend, signal === undefined ? {} : { signal });
      input.history = list.versions
        .filter((v) => !v.current && v.unreadable === undefined)
        .map((v) => parseState(list.bytesOf(v.id)!, t("actions.version-label", { id: v.id })).deployment);
    }
    return input;
  };
  const stages = await mapLimit(names, 4, (stage) => read(stage, options.history === true));
  // The other stages' states say what is theirs, so it is never reported as this stage's orphan.
  const others = await mapLimit(
    knownStages.filter((s) => !names.includes(s)),
    4,
    (stage) => read(stage, false),
  );
  const ctx = cloudContext(clients, {
    concurrency: options.concurrency ?? 8,
    ...(signal === undefined ? {} : { signal }),
  });
  const result = await scanInventory(ctx, {
    app: open.backend.app,
    homeRegion: open.region ?? clients.target.region,
    stages,
    others,
    knownStages: knownStages.includes(open.backend.stage)
      ? knownStages
      : [...knownStages, open.backend.stage],
    onProgress: progress,
    drift: options.drift === true,
  });
  // Global resources (IAM, CloudFront, Route 53) read `global`, as in every command (kinds/global.ts).
  const shown = result.stages.map((s) => ({
    ...s,
    entries: s.entries.map((e) => ({ ...e, region: displayRegion(e) })),
  }));
  // Every request the run sent (opening the stage and reading states too), not only the scan's.
  return { backend: appLabel(open), ...result, stages: shown, calls: clients.calls.snapshot() };
}
