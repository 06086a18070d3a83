/**
 * Repair plans: doctor's findings turned into ordered actions (pure), the versioned file they are
 * kept in (validated with zod), and the state edits of a plan applied to a deployment (pure).
 */
import { t } from "../i18n/index.js";
import { z } from "zod";
import { StatewardError } from "../errors.js";
import { ruleById, type Finding } from "../rules/index.js";
import { ACTION_KINDS, ACTION_TARGETS, type Remedy } from "../rules/remedy.js";
import { dropPendingOperations, repairDeployment, type DeploymentV3 } from "../state/index.js";
import { describeJsonError } from "../state/json-error.js";
import { adoptInto, type AdoptInput } from "./adopt-entry.js";
import { deleteRank } from "../kinds/registry.js";

export { ACTION_KINDS };

const Resource = z.object({
  type: z.string(),
  name: z.string(),
  id: z.string().optional(),
  region: z.string(),
  urn: z.string().optional(),
});

const Action = z.object({
  id: z.string(),
  kind: z.enum(ACTION_KINDS),
  stage: z.string(),
  /** The finding it resolves (rule id). */
  finding: z.string(),
  resource: Resource.optional(),
  /** What exactly changes, in words. */
  change: z.string(),
  /** Touches the state (one write per stage), the cloud, or neither (advice only). */
  /** `home-state`: a stage's state object in another region's SST home (a second copy to remove). */
  target: z.enum(ACTION_TARGETS),
  reversible: z.boolean(),
  /** Deletes something in the cloud: never preselected, needs --allow-delete off a terminal. */
  destructive: z.boolean(),
});

export const PlanSchema = z.object({
  stateward: z.literal("repair-plan"),
  version: z.literal(1),
  createdAt: z.string(),
  app: z.string(),
  backend: z.string(),
  /** The state revision each stage had when the plan was made (apply refuses if it changed). */
  stages: z.array(z.object({ stage: z.string(), revision: z.string().nullable() })),
  actions: z.array(Action),
});

export type RepairPlan = z.infer<typeof PlanSchema>;
export type PlanAction = z.infer<typeof Action>;

// A rule's remedy is a plan action without its number: the two shapes must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _remedyIsAnAction: Same<
  Omit<PlanAction, "id">,
  Omit<Remedy, "resource"> & Pick<PlanAction, "resource">
> = true;

/** Reads a plan file's JSON, with a clear error naming what is wrong (where, in the catalog's words). */
export function parsePlan(text: string, source: string): RepairPlan {
  const refuse = (message: string, hint = t("rules.repair.plan.not-json.hint")) =>
    new StatewardError("PLAN_FORMAT", message, { hint });
  if (text.trim() === "") throw refuse(t("rules.repair.plan.empty", { source }));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse(t("rules.repair.plan.not-json", { source, error: describeJsonError(text) }));
  }
  const fields = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  if (fields.stateward !== "repair-plan") throw refuse(t("rules.repair.plan.not-plan", { source }));
  if (fields.version !== 1) {
    const version = JSON.stringify(fields.version) ?? t("rules.repair.plan.no-version");
    throw refuse(t("rules.repair.plan.version", { source, version }), t("rules.repair.plan.invalid.hint"));
  }
  const parsed = PlanSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refuse(
      t("rules.repair.plan.invalid", {
        source,
        path: issue.path.join(".") || t("rules.repair.plan.document"),
        issue:
          issue.code === "invalid_type"
            ? t("rules.repair.plan.issue.type", { expected: issue.expected })
            : t("rules.repair.plan.issue.value"),
      }),
      t("rules.repair.plan.invalid.hint"),
    );
  }
  return parsed.data;
}

/** The one deletion order is the kinds' (src/kinds/registry.ts). */
export { deleteRank };

/** Locks first (a write needs the lock), then state edits, then the cloud; advice last. */
const TARGET_ORDER = { lock: 0, state: 1, cloud: 2, "home-state": 3, none: 4 } as const;

/**
 * The remedies each finding's rule proposes (looked up by rule id in the rules registry), in the order
 * they must run. A finding whose rule proposes nothing — advice only, or a rule this stateward does
 * not know — yields no action: the planner never decides a remedy of its own.
 */
export function remediesOf(findings: readonly Finding[]): Remedy[] {
  return findings.flatMap((f) => ruleById(f.rule)?.remedies(f) ?? []);
}

/** One or more actions for each finding, in the order they must run. */
export function planFromFindings(
  findings: readonly Finding[],
  meta: { app: string; backend: string; stages: { stage: string; revision: string | null }[]; now: string },
): RepairPlan {
  const actions: PlanAction[] = remediesOf(findings).map((r, i) => ({ ...r, id: `a${i + 1}` }));
  // Deletions in dependency order: what refers to others first (a distribution before its function).
  const deleteOrder = (a: PlanAction) => deleteRank(a.resource?.type ?? "");
  actions.sort(
    (a, b) =>
      TARGET_ORDER[a.target] - TARGET_ORDER[b.target] ||
      (a.target === "cloud" ? deleteOrder(a) - deleteOrder(b) : 0),
  );
  actions.forEach((a, i) => (a.id = `a${i + 1}`));
  return {
    stateward: "repair-plan",
    version: 1,
    createdAt: meta.now,
    app: meta.app,
    backend: meta.backend,
    stages: meta.stages,
    actions,
  };
}

/** Drops an entry that is gone from the cloud, and every reference to it, as `pulumi refresh` does. */
export function refreshEntry(d: DeploymentV3, urn: string): DeploymentV3 {
  const resources = (d.resources ?? []).filter((r) => r.urn !== urn);
  return repairDeployment({ ...d, resources }).deployment;
}

/**
 * The state actions of one stage applied in order; adopt needs what was read live (by action id). An
 * adopt that cannot be done (the URN is taken by another entry, the resource was not read) is left
 * out and named in `failed`, so the other actions of the stage still apply.
 */
export function applyStateActions(
  d: DeploymentV3,
  actions: readonly PlanAction[],
  adopted: ReadonlyMap<string, Omit<AdoptInput, "now">>,
  now: string,
): { deployment: DeploymentV3; failed: { id: string; message: string }[] } {
  let next = d;
  const failed: { id: string; message: string }[] = [];
  for (const a of actions) {
    switch (a.kind) {
      case "adopt": {
        const input = adopted.get(a.id);
        if (input === undefined) {
          failed.push({
            id: a.id,
            message: t("rules.repair.plan.not-read", { name: a.resource?.name ?? a.id }),
          });
          break;
        }
        try {
          next = adoptInto(next, { ...input, now }).deployment;
        } catch (e) {
          if (!(e instanceof StatewardError)) throw e;
          failed.push({ id: a.id, message: e.message });
        }
        break;
      }
      case "clear-pending":
        next = dropPendingOperations(next, {
          urns: a.resource?.urn === undefined ? [] : [a.resource.urn],
        }).deployment;
        break;
      case "refresh-entry":
        if (a.resource?.urn !== undefined) next = refreshEntry(next, a.resource.urn);
        break;
      case "repair-integrity":
        next = repairDeployment(next).deployment;
        break;
      default:
        break;
    }
  }
  return { deployment: next, failed };
}
