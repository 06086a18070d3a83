/**
 * The cloud inventory's data: what the state holds joined with what the cloud holds, per stage. The
 * scan (`cloud/inventory.ts`) produces it; rules read it. Types only.
 */
import type { DriftItem, FoundBy } from "../kinds/types.js";
import type { DeploymentV3 } from "../state/index.js";

export type InventoryStatus = "managed" | "missing" | "unmanaged";

export interface InventoryEntry {
  status: InventoryStatus;
  kind: string;
  label: string;
  type: string;
  name: string;
  id: string;
  region: string;
  arn?: string;
  tags: Record<string, string>;
  /** The state entry (managed, missing) or the pending operation (with `pending`). */
  urn?: string;
  /** A pending operation in the state names this resource (`creating`: the deploy was killed). */
  pending?: string;
  /** How the cloud resource was found; `history` when only an older version of the state names it. */
  foundBy?: FoundBy | "history";
  /** The other stage whose tags or state claim it (never counted as this stage's). */
  otherStage?: string;
  /** AWS is deleting it, name still taken (a secret in its recovery window): since when. */
  deleting?: string;
  /** With `drift`: the properties whose state and cloud values differ. */
  drift?: DriftItem[];
}

export interface IncompletePart {
  kind: string;
  region: string;
  error: string;
}

export interface StageInventory {
  app: string;
  stage: string;
  entries: InventoryEntry[];
  /**
   * State entries not checked, by type: types with neither a kind nor a Cloud Control mapping, types
   * Cloud Control cannot read, entries that could not be identified; `reason` says why where known.
   * Flagged `nothingToCheck`: entries that leave no AWS object of their own (an invocation, SST's
   * dynamic helpers), by type and reason — not "not checked", nothing to check.
   */
  unknownTypes: { type: string; count: number; reason?: string; nothingToCheck?: true }[];
}

export interface InventoryResult {
  app: string;
  regions: string[];
  stages: StageInventory[];
  /** Parts of the scan that failed: when non-empty the scan is incomplete (exit 5), never clean. */
  incomplete: IncompletePart[];
  calls: { total: number; byService: Record<string, number> };
  durationMs: number;
}

export interface StageInput {
  stage: string;
  deployment: DeploymentV3 | undefined;
  /** Older versions of the stage's state: names found only there are looked for too. */
  history?: (DeploymentV3 | undefined)[];
}

export interface InventoryInput {
  app: string;
  /** The provider (home) region; state entries without a provider region are there. */
  homeRegion: string;
  stages: StageInput[];
  /** The other stages' current states: what they hold is theirs, never this stage's orphan. */
  others?: StageInput[];
  /** Every stage the app has, to keep `acme-dev-2-…` out of stage `dev`'s name prefix. */
  knownStages?: string[];
  /** Regions to walk besides those the states name. */
  regions?: string[];
  onProgress?: (message: string) => void;
  /** Also read every managed resource and compare the properties that count for drift (a read each). */
  drift?: boolean;
  /** Also walk the parents of kinds listed per parent (Kind.perParent): a call per parent. */
  deep?: boolean;
}
