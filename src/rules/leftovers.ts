/**
 * The resources in the cloud that no state of their stage holds: `rolled-back` (a newer version held
 * them: the state was restored), `retained-leftover` (an older version retained them), `orphan`.
 */
import type { InventoryEntry } from "../cloud/inventory.js";
import { heldUrn, newerThanCurrent, unmanagedBy, type UnmanagedCause } from "./unmanaged.js";
import {
  quote,
  resourceOf,
  stageFlags,
  type DoctorInput,
  type Finding,
  type Rule,
  type StageFacts,
} from "./types.js";

function grouped(
  input: DoctorInput,
  cause: UnmanagedCause,
  make: (
    facts: StageFacts,
    entries: InventoryEntry[],
  ) => Omit<Finding, "rule" | "app" | "stage" | "resources">,
): Finding[] {
  const findings: Finding[] = [];
  for (const facts of input.stages) {
    const entries = unmanagedBy(facts, cause);
    if (entries.length === 0) continue;
    findings.push({
      rule: cause,
      app: input.app,
      stage: facts.stage,
      resources: entries.map((e) => {
        const r = resourceOf(e);
        const urn = heldUrn(facts, e, cause);
        return urn === undefined || r.urn !== undefined ? r : { ...r, urn };
      }),
      ...make(facts, entries),
    });
  }
  return findings;
}

function adoptOrDelete(app: string, stage: string, entries: InventoryEntry[]): string[] {
  return [
    ...entries.map((e) => `stateward adopt ${quote(e.type)} ${quote(e.id)} ${stageFlags(app, stage)}`),
    `# or, if they are no longer wanted: stateward cleanup ${stageFlags(app, stage)}`,
  ];
}

export const rolledBack: Rule = {
  id: "rolled-back",
  run: (input) =>
    grouped(input, "rolled-back", (facts, entries) => {
      const newer = newerThanCurrent(facts.history);
      return {
        severity: "blocker",
        evidence: `the current state is an older version; ${newer.length === 1 ? "a newer version" : `${newer.length} newer versions`} (update ${newer[0]?.updateId ?? "?"}) held these, and they exist in the cloud`,
        cause:
          'The state was restored to an older version, so resources created since are no longer in it; the next deploy will try to create them again and fail with "already exists".',
        fix: [
          `stateward history diff current ${quote(newer[0]?.id ?? "previous")} ${stageFlags(input.app, facts.stage)}`,
          ...adoptOrDelete(input.app, facts.stage, entries),
        ],
      };
    }),
};

export const retainedLeftover: Rule = {
  id: "retained-leftover",
  run: (input) =>
    grouped(input, "retained-leftover", (facts, entries) => ({
      severity: "warning",
      evidence: `in the cloud with ${facts.stage}'s tags, not in the current state; an older version held ${entries.length === 1 ? "it" : "them"} with retainOnDelete`,
      cause:
        'removal: "retain" kept these in AWS when they left the app; a deploy that adds them again fails with "already exists".',
      fix: adoptOrDelete(input.app, facts.stage, entries),
    })),
};

export const orphan: Rule = {
  id: "orphan",
  run: (input) =>
    grouped(input, "orphan", (facts, entries) => ({
      severity: "warning",
      evidence:
        entries
          .map(
            (e) =>
              `${e.name}: found by ${e.foundBy === "tag" ? `its sst:stage=${facts.stage} tag` : e.foundBy === "history" ? "an older version of the state" : e.kind === "route53-record" ? `the zone ${facts.stage}'s records use` : "its name"}`,
          )
          .join("; ") + "; no state holds it",
      cause:
        "These belong to the stage by tag or name, but no state entry owns them: an interrupted deploy, a restored state, or something made by hand.",
      fix: adoptOrDelete(input.app, facts.stage, entries),
    })),
};
