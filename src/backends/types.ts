/**
 * One stage's state wherever it lives — the SST home or a Pulumi DIY backend — seen through one
 * interface, so history, restore, locks and audit are written once.
 */
import type { StateDocument } from "../state/index.js";
import type { BlobStore } from "./store.js";

export type BackendKind = "sst" | "diy";

export interface CurrentState {
  key: string;
  location: string;
  bytes: Uint8Array;
  revision: string;
  versionId?: string;
  lastModified?: Date;
  doc: StateDocument;
}

/** What an update record says about one run (SST `update/…` record or a DIY `.history.json`). */
export interface UpdateInfo {
  id: string;
  command?: string;
  runId?: string;
  version?: string;
  timeStarted?: Date;
  /** `id` when the record leaves the start blank (as `sst unlock` does) and it was read from the id. */
  timeStartedFrom?: "id";
  timeCompleted?: Date;
  /** The command that force-unlocked this update (`sst unlock`, `stateward lock release`), as it records. */
  forceUnlocked?: string;
  /** finished: completed without errors; failed: completed with errors; unfinished: never completed. */
  outcome: "finished" | "failed" | "unfinished";
  errors: { urn?: string; message: string }[];
}

export type VersionSource =
  | "s3-version"
  | "sst-snapshot"
  | "diy-history"
  | "diy-backup"
  | "diy-bak"
  | "stateward-backup"
  /** A named snapshot taken with `stateward history snapshot` (backends/snapshots.ts). */
  | "stateward-snapshot"
  | "current";

/** One stored copy of the stage's state, before merging copies with equal content. */
export interface RawVersion {
  source: VersionSource;
  /** The name it is known by in its source: S3 VersionId, SST update id, file name. */
  name: string;
  time: Date;
  size: number;
  /** Equal non-empty revisions of one key mean equal bytes (S3 ETag); saves a download. */
  revision?: string;
  /** The object that holds it (and the version id to read it with). */
  location: string;
  isCurrent: boolean;
  /** Position in a listing that is newest first (S3 versions): breaks ties between equal times. */
  order?: number;
  update?: UpdateInfo;
  load(signal?: AbortSignal): Promise<Uint8Array>;
}

/** A lock on the stage as it is stored: SST's `lock/<app>/<stage>.json`, or a Pulumi DIY lock file. */
export interface StoredLock {
  key: string;
  location: string;
  revision: string;
  created?: Date;
  command?: string;
  updateId?: string;
  runId?: string;
  /** `gzip` when the lock object is stored compressed (SST with `state: { compress: true }`). */
  encoding?: "gzip";
  /** user@host (pid) for DIY and stateward locks; SST locks do not say who. */
  holder?: string;
  /** Written by stateward's own safe write (then `stateward` names the action). */
  stateward?: { action: string; who: string; pid: number; host: string };
  raw: Record<string, unknown>;
}

/** Who is writing, for locks and audit records. */
export interface Writer {
  /** Caller ARN from STS for AWS stores; user@host for a directory. */
  who: string;
  /** The stateward action: `history restore`, `state repair`, `lock release`. */
  action: string;
  pid: number;
  host: string;
  tool: string;
}

export interface StageBackend {
  readonly kind: BackendKind;
  readonly app: string;
  readonly stage: string;
  readonly store: BlobStore;
  /** One line for humans: where this stage's state is. */
  readonly label: string;
  readonly stateKey: string;
  /**
   * Where stateward keeps its own records of this stage, under one prefix ending in `/` (so one
   * listing finds them all: issue 17): `audit/`, `snapshot/` and, for SST, `backups/` below it.
   */
  readonly statewardPrefix: string;
  /** Where audit records of this stage are kept (`<statewardPrefix>audit/`). */
  readonly auditPrefix: string;
  /** Where stateward keeps the bytes it replaced (a key prefix ending in `/`). */
  backupKey(time: Date, revision: string): string;

  readState(signal?: AbortSignal): Promise<CurrentState | undefined>;
  /** Content encoding to store the state with (SST marks gzip bodies). */
  contentEncoding(bytes: Uint8Array): string | undefined;
  /** The bytes as this backend must store them (Pulumi DIY: gzip exactly when the file ends in .gz). */
  storedBytes(bytes: Uint8Array): Uint8Array;
  listHistory(signal?: AbortSignal): Promise<RawVersion[]>;
  /**
   * Every update record of the stage, whether or not it left a copy of the state (a killed run, the
   * record `sst unlock` leaves), newest first. Backends whose records all come with a copy omit it.
   */
  listUpdates?(signal?: AbortSignal): Promise<UpdateInfo[]>;
  readLocks(signal?: AbortSignal): Promise<StoredLock[]>;
  /** Takes the lock with a conditional create; fails LOCKED if anyone holds it. */
  acquireLock(writer: Writer, signal?: AbortSignal): Promise<StoredLock>;
  releaseLock(lock: StoredLock, signal?: AbortSignal): Promise<void>;
  /** What the lock's update record says, when there is one. */
  updateOf(lock: StoredLock, signal?: AbortSignal): Promise<UpdateInfo | undefined>;
  /**
   * Breaks someone else's lock as the backend's own tool does (SST: the failed-update record
   * `sst unlock` writes, then delete). Returns the keys it wrote.
   */
  breakLock(lock: StoredLock, writer: Writer, signal?: AbortSignal): Promise<{ wrote: string[] }>;
  listStages(signal?: AbortSignal): Promise<string[]>;
  /** The same backend, for another stage of the same app. */
  forStage(stage: string): Promise<StageBackend>;
  /** Who wrote last, as far as the records beside the state tell (to name the winner of a race). */
  lastWriter(signal?: AbortSignal): Promise<string | undefined>;
}
