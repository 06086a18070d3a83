/**
 * `stateward forget`: removes entries from a stage's state (the cloud is not touched), or clears
 * pending operations. Refuses to leave dependents pointing at nothing unless asked to take them too.
 */
import type { OpenStage } from "../backends/resolve.js";
import { writeStage, type SafeWriteResult, type StageWriteOptions } from "../backends/safe-write.js";
import type { CurrentState } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import {
  dropPendingOperations,
  removeResources,
  withDeployment,
  type DeploymentV3,
  type ResourceV3,
} from "../state/index.js";
import { serializeState } from "../backends/encoding.js";
import { refreshEntry } from "../repair/plan.js";
import { requireStageState } from "./state.js";

export interface ForgetOptions {
  withDependents?: boolean;
  /** Remove protected entries too (Pulumi's `state delete --force`). */
  allowProtected?: boolean;
  /** The URNs name pending operations to clear, not entries. */
  pending?: boolean;
  /**
   * Remove only the entries, and drop every reference to them from the entries that depend on them,
   * as `pulumi refresh` does for a resource deleted outside Pulumi (the dependents stay).
   */
  dropReferences?: boolean;
}

export interface ForgetPlan {
  backend: string;
  removed: { urn: string; type: string; id?: string; dependent: boolean; retainOnDelete?: boolean }[];
  clearedPending: { urn: string; type: string; operation: string }[];
  /** What the user should know before writing (entries marked retainOnDelete, …). */
  notes: string[];
}

export interface PreparedForget {
  plan: ForgetPlan;
  read: CurrentState;
  next: Uint8Array;
}

export async function planForget(
  open: OpenStage,
  urns: string[],
  options: ForgetOptions = {},
): Promise<PreparedForget> {
  if (urns.length === 0) {
    throw new StatewardError("USAGE", t("actions.forget.no-urn"), { hint: t("actions.forget.no-urn-hint") });
  }
  const read = await requireStageState(open);
  const deployment = read.doc.deployment;
  if (deployment === undefined)
    throw new StatewardError("NO_STATE", t("actions.no-deployment", { location: read.location }));
  const plan: ForgetPlan = { backend: open.backend.label, removed: [], clearedPending: [], notes: [] };
  const next =
    options.pending === true
      ? clearPending(deployment, urns, read.location, plan)
      : options.dropReferences === true
        ? forgetDroppingReferences(deployment, urns, options, read.location, plan)
        : forgetEntries(deployment, urns, options, plan);
  return { plan, read, next: serializeState(withDeployment(read.doc, next)) };
}

/** Clears the pending operations of `urns` (each must have one). */
function clearPending(
  deployment: DeploymentV3,
  urns: string[],
  location: string,
  plan: ForgetPlan,
): DeploymentV3 {
  const known = new Set((deployment.pending_operations ?? []).map((op) => op.resource.urn));
  const unknown = urns.filter((u) => !known.has(u));
  if (unknown.length > 0) {
    throw new StatewardError(
      "UNKNOWN_URN",
      t("actions.forget.no-pending", { location, urns: items(unknown) }),
      { hint: t("actions.forget.no-pending-hint") },
    );
  }
  const dropped = dropPendingOperations(deployment, { urns });
  plan.clearedPending = dropped.dropped.map((op) => ({
    urn: op.resource.urn,
    type: op.resource.type,
    operation: op.type,
  }));
  return dropped.deployment;
}

/** Removes only the entries, dropping every reference to them from their dependents (as `pulumi refresh` does). */
function forgetDroppingReferences(
  deployment: DeploymentV3,
  urns: string[],
  options: ForgetOptions,
  location: string,
  plan: ForgetPlan,
): DeploymentV3 {
  const known = new Set((deployment.resources ?? []).map((r) => r.urn));
  const unknown = urns.filter((u) => !known.has(u));
  if (unknown.length > 0) {
    throw new StatewardError(
      "UNKNOWN_URN",
      t("actions.forget.no-entry", { location, urns: items(unknown) }),
      {
        hint: t("actions.forget.no-entry-hint"),
      },
    );
  }
  const gone = (deployment.resources ?? []).filter((r) => urns.includes(r.urn));
  const guarded = gone.filter((r) => r.protect === true);
  if (guarded.length > 0 && options.allowProtected !== true) {
    throw new StatewardError(
      "PROTECTED",
      t("actions.forget.protected", { urns: items(guarded.map((r) => r.urn)) }),
      { hint: t("actions.forget.protected-hint") },
    );
  }
  let next = deployment;
  for (const urn of urns) next = refreshEntry(next, urn);
  plan.removed = gone.map((r) => ({
    urn: r.urn,
    type: r.type,
    ...(r.id === undefined ? {} : { id: r.id }),
    dependent: false,
    ...(r.retainOnDelete === true ? { retainOnDelete: true } : {}),
  }));
  return next;
}

/** Removes the entries (and, when asked, their dependents); notes those whose cloud resource is retained. */
function forgetEntries(
  deployment: DeploymentV3,
  urns: string[],
  options: ForgetOptions,
  plan: ForgetPlan,
): DeploymentV3 {
  const removed = removeResources(deployment, urns, {
    withDependents: options.withDependents === true,
    allowProtected: options.allowProtected === true,
  });
  const asked = new Set(urns);
  plan.removed = removed.removed.map((r: ResourceV3) => ({
    urn: r.urn,
    type: r.type,
    ...(r.id === undefined ? {} : { id: r.id }),
    dependent: !asked.has(r.urn),
    ...(r.retainOnDelete === true ? { retainOnDelete: true } : {}),
  }));
  for (const r of removed.removed.filter((x: ResourceV3) => x.retainOnDelete === true)) {
    plan.notes.push(
      r.id === undefined
        ? t("actions.forget.retained-note-no-id", { urn: r.urn })
        : t("actions.forget.retained-note", { urn: r.urn, id: r.id }),
    );
  }
  return removed.deployment;
}

export async function applyForget(
  open: OpenStage,
  prepared: PreparedForget,
  options: StageWriteOptions = {},
): Promise<ForgetPlan & { written: SafeWriteResult }> {
  const { plan } = prepared;
  const what =
    plan.clearedPending.length > 0
      ? plan.clearedPending.length === 1
        ? t("actions.forget.summary-pending.one")
        : t("actions.forget.summary-pending.other", { count: plan.clearedPending.length })
      : plan.removed.length === 1
        ? t("actions.forget.summary.one")
        : t("actions.forget.summary.other", { count: plan.removed.length });
  const written = await writeStage(
    open,
    prepared.read,
    prepared.next,
    "forget",
    {
      summary: what,
      changes: { added: [], removed: plan.removed.map((r) => r.urn), changed: [] },
      detail: { clearedPending: plan.clearedPending, notes: plan.notes },
    },
    options,
  );
  return { ...plan, written };
}
