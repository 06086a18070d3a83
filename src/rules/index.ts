/** Every rule doctor runs, in one table (the order is the report's order within a severity). */
import { accountMismatch } from "./account-mismatch.js";
import { cloudfrontLeftover } from "./cloudfront-leftover.js";
import { drift } from "./drift.js";
import { integrity } from "./integrity.js";
import { orphan } from "./orphan.js";
import { retainedLeftover } from "./retained-leftover.js";
import { rolledBack } from "./rolled-back.js";
import { nameCollision } from "./name-collision.js";
import { nameTaken } from "./name-taken.js";
import { pendingCreate } from "./pending-create.js";
import { pendingOperation } from "./pending-operation.js";
import { regionMismatch } from "./region-mismatch.js";
import { removedStageLeftover } from "./removed-stage-leftover.js";
import { staleLock } from "./stale-lock.js";
import { stale } from "./stale.js";
import type { Facts, Finding, Rule, Severity } from "./types.js";

export const RULES: readonly Rule[] = [
  staleLock,
  integrity,
  accountMismatch,
  pendingCreate,
  pendingOperation,
  nameTaken,
  rolledBack,
  regionMismatch,
  nameCollision,
  retainedLeftover,
  orphan,
  stale,
  cloudfrontLeftover,
  removedStageLeftover,
  drift,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id (a finding's `rule`), undefined for one this stateward does not have. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

const ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Every finding of every rule, blockers first, then by stage and rule order. */
export function runRules(facts: Facts): Finding[] {
  const findings = RULES.flatMap((rule) => rule.run(facts));
  const rank = new Map(RULES.map((r, i) => [r.id, i]));
  return findings.sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      a.stage.localeCompare(b.stage) ||
      (rank.get(a.rule) ?? 0) - (rank.get(b.rule) ?? 0),
  );
}

export * from "./types.js";
export { ACTION_KINDS, type ActionKind, type ActionTarget, type Remedy } from "./remedy.js";
export { coverageOf, type Coverage } from "./coverage.js";
