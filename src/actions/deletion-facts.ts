/**
 * Reads what the deletion gate judges by, just before deleting: every stage's current state, the
 * history of the stages whose resources are to go (for retainOnDelete and protect marks), and which
 * stages the configuration protects.
 */
import type { OpenStage } from "../backends/resolve.js";
import {
  DeletionGate,
  type DeletionAuthority,
  type GateFacts,
  type GateStage,
} from "../cloud/deletion-gate.js";
import { loadSstConfig } from "../project/sst-config.js";
import { parseState } from "../backends/encoding.js";
import { t } from "../i18n/index.js";
import { mapLimit } from "../util/map-limit.js";
import { stagesOf } from "../facts/gather.js";
import { listHistory } from "./history.js";

export interface GateOptions {
  /** The stages whose resources are to be deleted: their history is read for marks. */
  targets: readonly string[];
  /** For STATEWARD_PROTECTED_STAGES and evaluating sst.config.ts. */
  env?: NodeJS.ProcessEnv;
}

/** Stages the configuration protects: SST's `protect` in app(), or STATEWARD_PROTECTED_STAGES. */
async function protectedByConfig(open: OpenStage, stage: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const listed = (env.STATEWARD_PROTECTED_STAGES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (listed.includes(stage)) return true;
  const config = open.sources.config;
  if (config === undefined) return false;
  // A config that cannot be evaluated for this stage: assume protected (the safe side).
  return loadSstConfig(config, stage, env).then(
    (c) => c.protect === true,
    () => true,
  );
}

export async function readGateFacts(open: OpenStage, options: GateOptions): Promise<GateFacts> {
  const signal = open.signal;
  const env = options.env ?? {};
  const known = [...new Set([...(await stagesOf(open.backend, signal)), ...options.targets])];
  const stages: GateStage[] = await mapLimit(known, 4, async (stage) => {
    const backend = stage === open.backend.stage ? open.backend : await open.backend.forStage(stage);
    const current = await backend.readState(signal);
    const entry: GateStage = { stage, current: current?.doc.deployment, older: [] };
    if (options.targets.includes(stage)) {
      const list = await listHistory(backend, signal === undefined ? {} : { signal });
      for (const v of list.versions) {
        if (v.current || v.unreadable !== undefined) continue;
        const bytes = list.bytesOf(v.id);
        if (bytes === undefined) continue;
        entry.older.push({
          id: v.id,
          deployment: parseState(bytes, t("actions.version-label", { id: v.id })).deployment,
        });
      }
      if (await protectedByConfig(open, stage, env)) entry.protected = true;
    }
    return entry;
  });
  return {
    app: open.backend.app,
    homeRegion: open.region ?? open.clients?.target.region ?? "us-east-1",
    stages,
  };
}

/** The gate for one run: the facts read now, and what the user said. */
export async function openDeletionGate(
  open: OpenStage,
  authority: DeletionAuthority,
  options: GateOptions,
): Promise<DeletionGate> {
  return new DeletionGate(authority, await readGateFacts(open, options));
}
