/**
 * Remedies: the plan actions a rule proposes for one of its findings. The planner (src/repair/plan.ts)
 * only orders and numbers them; what to do about a finding is decided once, in the rule that found it.
 */
import type { Finding, FindingResource } from "./types.js";

export const ACTION_KINDS = [
  "adopt",
  "forget",
  "clear-pending",
  "refresh-entry",
  "repair-integrity",
  "release-lock",
  "delete-in-cloud",
  "rename",
] as const;

export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * What an action touches: a stage's state (one write per stage), its lock, the cloud, a stage's state
 * object in another region's SST home (a second copy to remove), or nothing (advice only).
 */
export const ACTION_TARGETS = ["state", "cloud", "lock", "home-state", "none"] as const;

export type ActionTarget = (typeof ACTION_TARGETS)[number];

/** A plan action before the planner numbers it. */
export interface Remedy {
  stage: string;
  /** The finding it resolves (rule id). */
  finding: string;
  resource?: FindingResource;
  kind: ActionKind;
  /** What exactly changes, in words. */
  change: string;
  target: ActionTarget;
  reversible: boolean;
  /** Deletes something in the cloud: never preselected, needs --allow-delete off a terminal. */
  destructive: boolean;
}

export type RemedyStep = Pick<Remedy, "kind" | "change" | "target" | "reversible" | "destructive">;

/** One action for the finding's stage as a whole (a lock, the state's integrity). */
export function forStage(f: Finding, step: RemedyStep): Remedy {
  return { stage: f.stage, finding: f.rule, ...step };
}

/** One action per resource of the finding, in the finding's order. */
export function perResource(f: Finding, step: (r: FindingResource) => RemedyStep): Remedy[] {
  return f.resources.map((r) => ({ stage: f.stage, finding: f.rule, resource: r, ...step(r) }));
}

/** For findings whose fix is advice a person must judge: a plan proposes nothing for them. */
export const noRemedy = (): Remedy[] => [];
