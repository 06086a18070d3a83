/**
 * What the rules for resources in the cloud that no state of their stage holds share: one finding per
 * stage with every such resource (and the URN a version gave it), and the adopt-or-delete fixes.
 */
import type { InventoryEntry } from "../cloud/inventory.js";
import { heldUrn, unmanagedBy, type UnmanagedCause } from "./unmanaged.js";
import { quote, resourceOf, stageFlags, type DoctorInput, type Finding, type StageFacts } from "./types.js";

export function grouped(
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

export function adoptOrDelete(app: string, stage: string, entries: InventoryEntry[]): string[] {
  return [
    ...entries.map((e) => `stateward adopt ${quote(e.type)} ${quote(e.id)} ${stageFlags(app, stage)}`),
    `# or, if they are no longer wanted: stateward cleanup ${stageFlags(app, stage)}`,
  ];
}
