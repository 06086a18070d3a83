/**
 * What the rules for resources in the cloud that no state of their stage holds share: one finding per
 * stage with every such resource (and the URN a version gave it), and the adopt-or-delete fixes.
 */
import type { InventoryEntry } from "../facts/inventory.js";
import { t } from "../i18n/index.js";
import { perResource, type Remedy } from "./remedy.js";
import { heldUrn, unmanagedBy, type UnmanagedCause } from "./unmanaged.js";
import {
  isProductionName,
  quote,
  resourceOf,
  stageFlags,
  type DoctorInput,
  type Finding,
  type FindingResource,
  type StageFacts,
} from "./types.js";

export function grouped(
  input: DoctorInput,
  cause: UnmanagedCause,
  make: (
    facts: StageFacts,
    entries: InventoryEntry[],
    resources: FindingResource[],
  ) => Omit<Finding, "rule" | "app" | "stage" | "resources">,
): Finding[] {
  const findings: Finding[] = [];
  for (const facts of input.stages) {
    const entries = unmanagedBy(facts, cause);
    if (entries.length === 0) continue;
    const resources = entries.map((e) => {
      const r = resourceOf(e);
      const urn = heldUrn(facts, e, cause);
      return urn === undefined || r.urn !== undefined ? r : { ...r, urn };
    });
    findings.push({
      rule: cause,
      app: input.app,
      stage: facts.stage,
      resources,
      ...make(facts, entries, resources),
    });
  }
  return findings;
}

/**
 * `stateward cleanup` for the stage, ready to paste: it deletes only after the stage name is typed on
 * the terminal (or --confirm off one); a retained resource must be named with --include.
 */
export function cleanupCommand(app: string, stage: string, include?: string): string {
  return `stateward cleanup ${stageFlags(app, stage)}${include === undefined ? "" : ` --include ${quote(include)}`} --yes${isProductionName(stage) ? " --confirm-protected" : ""}`;
}

/**
 * The adopt commands (under the URN a version of the state gave each resource, when known, so the next
 * deploy finds it; retained ones keep retainOnDelete), and cleanup as the alternative.
 */
export function adoptOrDelete(
  app: string,
  stage: string,
  resources: FindingResource[],
  options: { retained?: boolean } = {},
): string[] {
  const flags = stageFlags(app, stage);
  return [
    ...resources.map(
      (r) =>
        `stateward adopt ${quote(r.type)} ${quote(r.id ?? r.name)}${r.urn === undefined ? "" : ` --urn ${quote(r.urn)}`}${options.retained === true ? " --retain-on-delete" : ""} ${flags}`,
    ),
    options.retained === true
      ? t("rules.leftovers.fix.cleanup-retained", {
          commands: resources.map((r) => cleanupCommand(app, stage, r.id ?? r.name)).join("; "),
        })
      : t("rules.leftovers.fix.cleanup", { command: cleanupCommand(app, stage) }),
  ];
}

/**
 * Where the finding's first fix is adopt, the plan adopts: a plan never picks a stronger remedy than
 * the finding offers. Adopted under the URN the version that held each resource gave it; retained
 * leftovers keep retainOnDelete, so neither the next deploy nor a later remove deletes them.
 */
export function adoptRemedies(f: Finding, how: "back" | "retained" | "new"): Remedy[] {
  return perResource(f, (r) => {
    const name = r.name;
    const urn = r.urn;
    return {
      kind: "adopt",
      change:
        how === "retained"
          ? urn === undefined
            ? t("rules.remedy.adopt-retained", { name })
            : t("rules.remedy.adopt-retained.as", { name, urn })
          : how === "back"
            ? urn === undefined
              ? t("rules.remedy.adopt-back", { name })
              : t("rules.remedy.adopt-back.as", { name, urn })
            : urn === undefined
              ? t("rules.remedy.adopt-new", { name })
              : t("rules.remedy.adopt-new.as", { name, urn }),
      target: "state",
      reversible: true,
      destructive: false,
    };
  });
}

/** Leftovers of a stage that is gone: nothing to adopt them into; the remedy is deleting them. */
export function deleteRemedies(f: Finding, why: "removed" | "other-region"): Remedy[] {
  return perResource(f, (r) => ({
    kind: "delete-in-cloud",
    change:
      why === "removed"
        ? t("rules.remedy.delete.removed", {
            type: r.type,
            id: r.id ?? r.name,
            region: r.region,
            stage: f.stage,
          })
        : t("rules.remedy.delete.other-region", {
            type: r.type,
            id: r.id ?? r.name,
            region: r.region,
            stage: f.stage,
          }),
    target: "cloud",
    reversible: false,
    destructive: true,
  }));
}
