/**
 * Repair plans: doctor's findings turned into ordered actions (pure), the versioned file they are
 * kept in (validated with zod), and the state edits of a plan applied to a deployment (pure).
 */
import { z } from "zod";
import { StatewardError } from "../errors.js";
import type { Finding } from "../rules/index.js";
import { dropPendingOperations, repairDeployment, type DeploymentV3 } from "../state/index.js";
import { adoptInto, type AdoptInput } from "./adopt-entry.js";

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
  target: z.enum(["state", "cloud", "lock", "home-state", "none"]),
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

/** Reads a plan file's JSON, with a clear error naming what is wrong. */
export function parsePlan(text: string, source: string): RepairPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new StatewardError("PLAN_FORMAT", `${source} is not JSON: ${(e as Error).message}.`, {
      hint: "Make one with `stateward plan --out plan.json`.",
    });
  }
  const parsed = PlanSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StatewardError(
      "PLAN_FORMAT",
      `${source} is not a stateward repair plan (version 1): ${issue.path.join(".") || "the document"}: ${issue.message}.`,
      { hint: "Make one with `stateward plan --out plan.json`; plans of other versions are refused." },
    );
  }
  return parsed.data;
}

const DELETE_ORDER = [
  "aws:cloudfront/distribution:Distribution",
  "aws:route53/record:Record",
  "aws:lambda/function:Function",
  "aws:cloudfront/function:Function",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:dynamodb/table:Table",
  "aws:sesv2/emailIdentity:EmailIdentity",
  "aws:ses/emailIdentity:EmailIdentity",
  "aws:s3/bucketV2:BucketV2",
  "aws:s3/bucket:Bucket",
  "aws:iam/role:Role",
];

/** Where a type goes in a deletion order: what refers to others first (a distribution before its function). */
export function deleteRank(type: string): number {
  const i = DELETE_ORDER.indexOf(type);
  return i < 0 ? DELETE_ORDER.length : i;
}

/** One or more actions for each finding, in the order they must run. */
export function planFromFindings(
  findings: readonly Finding[],
  meta: { app: string; backend: string; stages: { stage: string; revision: string | null }[]; now: string },
): RepairPlan {
  const actions: PlanAction[] = [];
  const add = (a: Omit<PlanAction, "id">) => actions.push({ ...a, id: `a${actions.length + 1}` });
  for (const f of findings) {
    const each = (
      fn: (r: Finding["resources"][number]) => Omit<PlanAction, "id" | "stage" | "finding" | "resource">,
    ) => {
      for (const r of f.resources) add({ stage: f.stage, finding: f.rule, resource: r, ...fn(r) });
    };
    switch (f.rule) {
      case "stale-lock":
        add({
          stage: f.stage,
          finding: f.rule,
          kind: "release-lock",
          change: `release the lock of ${f.stage}, recording its update as failed`,
          target: "lock",
          reversible: false,
          destructive: false,
        });
        break;
      case "integrity":
        add({
          stage: f.stage,
          finding: f.rule,
          kind: "repair-integrity",
          change: "repair the state as `pulumi state repair` does (order, dangling references, magic)",
          target: "state",
          reversible: true,
          destructive: false,
        });
        break;
      case "pending-create":
        // Doctor's own remedy decides: adopt when the resource exists, else clear the operation.
        each((r) =>
          f.fix[0]?.startsWith("stateward adopt ") === true
            ? {
                kind: "adopt",
                change: `turn the pending create of ${r.urn ?? r.name} into an entry for ${r.name}, read live`,
                target: "state",
                reversible: true,
                destructive: false,
              }
            : {
                kind: "clear-pending",
                change: `clear the pending create of ${r.urn ?? r.name} (nothing was created)`,
                target: "state",
                reversible: true,
                destructive: false,
              },
        );
        break;
      case "name-taken":
        each((r) => ({
          kind: "clear-pending",
          change: `clear the pending create of ${r.urn ?? r.name}; rename it in sst.config.ts before the next deploy`,
          target: "state",
          reversible: true,
          destructive: false,
        }));
        break;
      // Where doctor's first remedy is adopt, the plan adopts: a plan never picks a stronger remedy
      // than the finding offers. Retained leftovers come back under the URN the older version gave
      // them and keep retainOnDelete, so neither the next deploy nor a later remove deletes them.
      case "rolled-back":
      case "orphan":
      case "retained-leftover":
        each((r) => ({
          kind: "adopt",
          change:
            f.rule === "retained-leftover"
              ? `adopt ${r.name} back into the state${r.urn === undefined ? "" : ` as ${r.urn}`}, read live, keeping retainOnDelete`
              : `adopt ${r.name} ${f.rule === "rolled-back" ? "back " : ""}into the state${r.urn === undefined ? "" : ` as ${r.urn}`}, read live`,
          target: "state",
          reversible: true,
          destructive: false,
        }));
        break;
      case "stale":
        each((r) => ({
          kind: "refresh-entry",
          change: `drop ${r.urn ?? r.name} from the state (gone from the cloud) and the references to it, as a refresh does`,
          target: "state",
          reversible: true,
          destructive: false,
        }));
        break;
      // Leftovers of a stage that is gone: nothing to adopt them into; doctor's remedy is cleanup.
      case "cloudfront-leftover":
      case "removed-stage-leftover":
        each((r) => ({
          kind: "delete-in-cloud",
          change: `DELETE ${r.type} ${r.id ?? r.name} in ${r.region} (stage ${f.stage}, removed)`,
          target: "cloud",
          reversible: false,
          destructive: true,
        }));
        break;
      case "region-mismatch": {
        // The second copy of the stage in another region: its resources first, then its state object.
        const regions = f.resources.map((r) => r.region).filter((r) => r !== "global");
        const home = regions[0];
        each((r) => ({
          kind: "delete-in-cloud",
          change: `DELETE ${r.type} ${r.id ?? r.name} in ${r.region} (stage ${f.stage}: the copy deployed to another region)`,
          target: "cloud",
          reversible: false,
          destructive: true,
        }));
        if (home !== undefined) {
          add({
            stage: f.stage,
            finding: f.rule,
            kind: "forget",
            resource: { type: "sst:state", name: `app/${meta.app}/${f.stage}.json`, region: home },
            change: `remove ${f.stage}'s second state object from the SST home in ${home} (kept as a backup beside it)`,
            target: "home-state",
            reversible: true,
            destructive: true,
          });
        }
        break;
      }
      case "name-collision":
        each((r) => ({
          kind: "rename",
          change: `give ${r.name} a name with the stage in it (stateward names generate); advice only`,
          target: "none",
          reversible: true,
          destructive: false,
        }));
        break;
      default:
        break;
    }
  }
  // Locks first (a write needs the lock), then state edits, then the cloud; advice last.
  const order = { lock: 0, state: 1, cloud: 2, "home-state": 3, none: 4 } as const;
  // Deletions in dependency order: what refers to others first (a distribution before its function).
  const deleteOrder = (a: PlanAction) => deleteRank(a.resource?.type ?? "");
  actions.sort(
    (a, b) =>
      order[a.target] - order[b.target] || (a.target === "cloud" ? deleteOrder(a) - deleteOrder(b) : 0),
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
          failed.push({ id: a.id, message: `${a.resource?.name ?? a.id} was not read from the cloud` });
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
