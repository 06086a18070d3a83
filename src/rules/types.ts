/**
 * What `doctor` knows when it judges a stage, and what it reports. Rules are pure functions of this
 * input (no AWS, no file system): one file per rule in this folder, registered in `index.ts`.
 */
import type { InventoryEntry, StageInventory } from "../facts/inventory.js";
import type { DeploymentV3, Violation } from "../state/index.js";

export type Severity = "blocker" | "warning" | "info";

export interface FindingResource {
  type: string;
  /** Physical name (or id where a type has no name: a distribution). */
  name: string;
  id?: string;
  /** `global` for IAM, CloudFront and Route 53. */
  region: string;
  urn?: string;
  tags?: Record<string, string>;
}

export interface Finding {
  rule: string;
  severity: Severity;
  app: string;
  stage: string;
  resources: FindingResource[];
  /** What was seen, where. */
  evidence: string;
  /** Why it happens, in one or two plain sentences. */
  cause: string;
  /** Commands that fix it, ready to paste. */
  fix: string[];
}

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
  stage: string;
  /** The current state, undefined when the stage's state object is gone (removed stage). */
  deployment: DeploymentV3 | undefined;
  /** Versions newest first, the current one included (recent history only). */
  history: VersionInfo[];
  inventory: StageInventory | undefined;
  lock: LockInfo | undefined;
  integrity: Violation[];
  /** The stage's last update record, when its state is gone or empty (what removed it). */
  lastUpdate?: { id: string; command?: string; outcome: string };
  /** Other SST homes (other regions) that hold state for this app and stage. */
  otherHomes: OtherHome[];
  /** The provider region the state's default AWS provider names. */
  providerRegion?: string;
}

export interface DoctorInput {
  app: string;
  homeRegion: string;
  /** The account the credentials belong to. */
  account?: string;
  stages: StageFacts[];
  /** Every stage's entries, for rules that look across stages (name collisions). */
  allInventories: StageInventory[];
  now: Date;
  /** A lock younger than this is a deploy in progress, not stale. */
  staleLockMs: number;
}

export interface Rule {
  id: string;
  /** Findings for the stages in the input; pure. */
  run(input: DoctorInput): Finding[];
}

/** `global` for the kinds AWS keeps in no region. */
export function displayRegion(e: Pick<InventoryEntry, "kind" | "region">): string {
  return ["iam-role", "cloudfront-function", "cloudfront-distribution", "route53-record"].includes(e.kind)
    ? "global"
    : e.region;
}

export function resourceOf(e: InventoryEntry): FindingResource {
  const r: FindingResource = { type: e.type, name: e.name, region: displayRegion(e) };
  if (e.id !== e.name) r.id = e.id;
  if (e.urn !== undefined) r.urn = e.urn;
  if (Object.keys(e.tags).length > 0) r.tags = e.tags;
  return r;
}

/** `prod`, `prod-eu`, `production`, … : stages whose deletions also need --confirm-protected. */
export function isProductionName(stage: string): boolean {
  return /^prod/i.test(stage);
}

/** Shell-quotes one argument for a command meant to be pasted. */
export function quote(arg: string): string {
  return /^[A-Za-z0-9_./@:=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function stageFlags(app: string, stage: string): string {
  return `--app ${quote(app)} --stage ${quote(stage)}`;
}
