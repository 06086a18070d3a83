/**
 * What the rules judge by: one stage's facts (state, recent history, lock, integrity, other homes, the
 * cloud inventory) and the whole `Facts` value `gather` reads once. Types only. Rules are pure
 * functions of these: the facts and each stage's facts are read-only (and frozen by `gather`); the
 * records inside (versions, lock, homes) are plain data built while reading.
 */
import type { DeploymentV3, Violation } from "../state/index.js";
import type { IncompletePart, StageInventory } from "./inventory.js";

export interface VersionInfo {
  id: string;
  time: string;
  current: boolean;
  deployment: DeploymentV3 | undefined;
  /** The update that wrote it (SST update id), when known. */
  updateId?: string;
  updateOutcome?: "finished" | "failed" | "unfinished";
}

export interface LockInfo {
  location: string;
  created?: string;
  ageSeconds?: number;
  /** The command that took the lock (`deploy`, `remove`, `stateward history restore`, …). */
  command?: string;
  updateId?: string;
  /** The run that took it: SST's `runID` ($SST_RUN_ID, e.g. a CI job), or stateward's own. */
  runId?: string;
  /** Who holds it, when the lock says (user@host, or the caller stateward wrote it for). */
  holder?: string;
  byStateward: boolean;
  /** What the lock's update record says; `missing` when there is none. */
  updateOutcome?: "finished" | "failed" | "unfinished" | "missing";
  /** Whether a snapshot exists for the lock's update (a finished update leaves one). */
  snapshot?: boolean;
}

export interface OtherHome {
  region: string;
  bucket: string;
  /** The state this app/stage has in that home (its provider region and what it holds). */
  deployment: DeploymentV3 | undefined;
  providerRegion?: string;
}

export interface StageFacts {
  readonly stage: string;
  /** The current state, undefined when the stage's state object is gone (removed stage). */
  readonly deployment: DeploymentV3 | undefined;
  /**
   * The revision of the state that was read (null: the stage had no state object), so a plan made
   * from these facts names exactly what it judged, and apply refuses if the state changed since.
   */
  readonly revision?: string | null;
  /** Versions newest first, the current one included (recent history only). */
  readonly history: readonly VersionInfo[];
  readonly inventory: StageInventory | undefined;
  readonly lock: LockInfo | undefined;
  readonly integrity: readonly Violation[];
  /** The stage's last update record, when its state is gone or empty (what removed it). */
  readonly lastUpdate?: { readonly id: string; readonly command?: string; readonly outcome: string };
  /** Other SST homes (other regions) that hold state for this app and stage. */
  readonly otherHomes: readonly OtherHome[];
  /** The provider region the state's default AWS provider names. */
  readonly providerRegion?: string;
}

/** Everything the rules see, read once by `gather`. */
export interface Facts {
  readonly app: string;
  readonly homeRegion: string;
  /** The account the credentials belong to. */
  readonly account?: string;
  readonly stages: readonly StageFacts[];
  /** Every stage's entries, for rules that look across stages (name collisions). */
  readonly allInventories: readonly StageInventory[];
  readonly now: Date;
  /** A lock younger than this is a deploy in progress, not stale. */
  readonly staleLockMs: number;
  /** What the scan could not read (then the facts are incomplete), its calls, and the regions walked. */
  readonly scan?: {
    readonly incomplete: readonly IncompletePart[];
    /** Calls the scan made (through its context). */
    readonly calls: number;
    /** Requests the run's clients had sent when the scan began (opening the stage, its records). */
    readonly callsBeforeScan?: number;
    readonly regions: readonly string[];
  };
}

/** The name rules and their tests have always used for the facts. */
export type DoctorInput = Facts;
