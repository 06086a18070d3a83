/**
 * How `Facts` is made immutable. The facts' own structure is frozen — the value, its lists, each
 * stage's facts — so no rule can add, drop or swap what another rule sees. The data inside (the
 * checkpoints, the inventory's entries) is typed read-only where rules reach it but not frozen:
 * freezing every object of a 100k-resource state costs a walk of millions of objects per doctor run
 * (measured in test/facts/freeze.test.ts), while rules only read it and edits of a state are pure
 * functions that return a new one.
 */
import type { Facts, StageFacts } from "./types.js";

function freezeStage(s: StageFacts): StageFacts {
  Object.freeze(s.history);
  Object.freeze(s.otherHomes);
  Object.freeze(s.integrity);
  return Object.freeze(s);
}

export function freezeFacts(facts: Facts): Facts {
  facts.stages.forEach(freezeStage);
  Object.freeze(facts.stages);
  Object.freeze(facts.allInventories);
  if (facts.scan !== undefined) {
    Object.freeze(facts.scan.incomplete);
    Object.freeze(facts.scan.regions);
    Object.freeze(facts.scan);
  }
  return Object.freeze(facts);
}
