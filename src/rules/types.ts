/**
 * What a rule reports, and what it proposes to do about it. Rules are pure functions of the facts
 * `gather` read (src/facts: no AWS, no file system): one file per rule in this folder, each owning its
 * finding, its explanation and its remedies, registered in `index.ts`.
 */
import type { InventoryEntry } from "../facts/inventory.js";
import type { Facts } from "../facts/types.js";
import { displayRegion as shownRegion } from "../kinds/global.js";
import type { Remedy } from "./remedy.js";

export type { DoctorInput, Facts, LockInfo, OtherHome, StageFacts, VersionInfo } from "../facts/types.js";

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

export interface Rule {
  id: string;
  /** Findings for the stages in the facts; pure. */
  run(facts: Facts): Finding[];
  /**
   * The plan actions that resolve one of this rule's findings, in the order they must run; pure. An
   * empty list is a decision: the finding's fix is advice a person must judge, so a plan does nothing.
   */
  remedies(finding: Finding): Remedy[];
}

/** `global` for the kinds AWS keeps in no region (kinds/global.ts). */
export function displayRegion(e: Pick<InventoryEntry, "kind" | "type" | "region">): string {
  return shownRegion(e);
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
