/**
 * apply's state side: the plan must have been made from the state as it is now (the revision gather
 * read), and each stage's state actions are written in one safe write — adoptions read live first.
 */
import type { OpenStage } from "../backends/resolve.js";
import { writeStage } from "../backends/safe-write.js";
import type { CurrentState, StageBackend } from "../backends/types.js";
import { parseState, serializeState } from "../backends/encoding.js";
import { adopterFor } from "../cloud/drivers/index.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { kindForEntry } from "../kinds/registry.js";
import type { AdoptInput } from "../repair/adopt-entry.js";
import { applyStateActions, type PlanAction, type RepairPlan } from "../repair/plan.js";
import {
  diffDeployments,
  verifyIntegrity,
  withDeployment,
  type DeploymentV3,
  type StateDiff,
} from "../state/index.js";
import type { ApplyReport, ApplyRun } from "./apply.js";
import { listHistory } from "./history.js";

/** What changed between the revision a plan read and the state now, as far as the history tells. */
async function describeChange(
  backend: StageBackend,
  revision: string | null,
  now: DeploymentV3 | undefined,
  signal?: AbortSignal,
): Promise<string> {
  if (revision === null) return t("actions.apply.change.no-state-then");
  if (now === undefined) return t("actions.apply.change.no-state-now");
  try {
    const list = await listHistory(backend, signal === undefined ? {} : { signal });
    const then = list.versions.find((v) => v.revisions.includes(revision));
    const bytes = then === undefined ? undefined : list.bytesOf(then.id);
    if (then === undefined || bytes === undefined) return t("actions.apply.change.revision", { revision });
    const d = diffDeployments(parseState(bytes, t("actions.apply.planned-version")).deployment, now);
    const names = [
      ...d.added.map((r) => `+${r.urn.split("::").pop()}`),
      ...d.removed.map((r) => `-${r.urn.split("::").pop()}`),
      ...d.changed.map((r) => `~${r.urn.split("::").pop()}`),
    ];
    const counts = {
      version: then.id,
      added: d.added.length,
      removed: d.removed.length,
      changed: d.changed.length,
    };
    return names.length === 0
      ? t("actions.apply.change.since", counts)
      : t("actions.apply.change.since-names", {
          ...counts,
          names: items(names.length > 6 ? [...names.slice(0, 6), "…"] : names),
        });
  } catch {
    return t("actions.apply.change.revision", { revision });
  }
}

/** The state of every stage the chosen actions touch must still be the revision the plan was made from. */
export async function checkRevisions(run: ApplyRun, plan: RepairPlan): Promise<void> {
  for (const s of plan.stages) {
    if (!run.chosen.some((a) => a.stage === s.stage)) continue;
    const backend = (await run.stageOf(s.stage)).backend;
    const now = await backend.readState(run.open.signal);
    if ((now?.revision ?? null) === s.revision) continue;
    const what = await describeChange(backend, s.revision, now?.doc.deployment, run.open.signal);
    throw new StatewardError("PLAN_STALE", t("actions.apply.stale", { stage: s.stage, what }), {
      hint: t("actions.apply.stale-hint", { stage: s.stage }),
    });
  }
}

/** What pulumi-aws would store for the resource an adopt action names, read live now. */
async function readForAdopt(run: ApplyRun, a: PlanAction, stage: string): Promise<Omit<AdoptInput, "now">> {
  // A dynamic-provider entry (SST's OAC) is known by the provider its URN names.
  const kind = a.resource === undefined ? undefined : kindForEntry(a.resource);
  const adopter = kind === undefined ? undefined : await adopterFor(kind.kind);
  if (kind === undefined || adopter === undefined || run.ctx === undefined || a.resource === undefined) {
    throw new StatewardError(
      "CANNOT_ADOPT",
      a.resource === undefined
        ? t("actions.apply.cannot-adopt-this", { id: a.id })
        : t("actions.apply.cannot-adopt", { id: a.id, type: a.resource.type }),
    );
  }
  const region = kind.global ? "us-east-1" : a.resource.region;
  const cloudId = a.resource.id ?? a.resource.name;
  const props = await adopter.read(run.ctx, { name: cloudId, id: cloudId, region });
  if (props === undefined)
    throw new StatewardError(
      "NOT_IN_CLOUD",
      t("actions.apply.gone", { id: a.id, label: kind.label, cloudId }),
    );
  return {
    app: run.plan.app,
    stage,
    type: a.resource.type,
    label: kind.label,
    cloudId,
    region,
    props,
    ...(a.finding === "retained-leftover" ? { retainOnDelete: true } : {}),
    ...(a.resource.urn === undefined
      ? {}
      : a.finding === "pending-create"
        ? { urn: a.resource.urn }
        : // The URN the version that held it gave it: the next deploy declares it under that URN.
          { exactUrn: a.resource.urn }),
  };
}

/** Writes the stage's edited state under the safe-write protocol; returns where it was written. */
async function writeEdits(
  run: ApplyRun,
  stageOpen: OpenStage,
  read: CurrentState,
  next: DeploymentV3,
  actions: PlanAction[],
  diff: StateDiff,
): Promise<string> {
  const written = await writeStage(
    stageOpen,
    read,
    serializeState(withDeployment(read.doc, next)),
    "apply",
    {
      summary:
        actions.length === 1
          ? t("actions.apply.summary.one", { kinds: actions[0]!.kind })
          : t("actions.apply.summary.other", {
              count: actions.length,
              kinds: items([...new Set(actions.map((a) => a.kind))]),
            }),
      changes: {
        added: diff.added.map((r) => r.urn),
        removed: diff.removed.map((r) => r.urn),
        changed: diff.changed.map((r) => r.urn),
      },
      detail: { actions: actions.map((a) => a.id) },
    },
    run.options,
  );
  return written.location;
}

/** One stage's state actions in one safe write (adoptions read live first). */
async function applyStageEdits(run: ApplyRun, stage: string): Promise<void> {
  const stageOpen = await run.stageOf(stage);
  const actions = run.chosen.filter((a) => a.target === "state" && a.stage === stage);
  const read = await stageOpen.backend.readState(run.open.signal);
  if (read?.doc.deployment === undefined) {
    for (const a of actions) run.record(a, "skipped", t("actions.apply.no-state"));
    return;
  }
  const adopted = new Map<string, Omit<AdoptInput, "now">>();
  for (const a of actions.filter((x) => x.kind === "adopt"))
    adopted.set(a.id, await readForAdopt(run, a, stage));
  const applied = applyStateActions(read.doc.deployment, actions, adopted, new Date().toISOString());
  const next = applied.deployment;
  const failedIds = new Set(applied.failed.map((f) => f.id));
  for (const f of applied.failed)
    run.record(
      actions.find((a) => a.id === f.id)!,
      "failed",
      f.message,
    );
  const done = actions.filter((a) => !failedIds.has(a.id));
  const violations = verifyIntegrity(next);
  if (violations.length > 0) {
    throw new StatewardError(
      "INTEGRITY",
      t("actions.apply.integrity", { stage, violation: violations[0]!.message }),
    );
  }
  const diff = diffDeployments(read.doc.deployment, next);
  const entry: ApplyReport["diffs"][number] = { stage, diff };
  if (done.length === 0) return;
  if (run.options.dryRun === true) {
    for (const a of done) run.record(a, "skipped", t("actions.dry-run"));
  } else {
    entry.written = await writeEdits(run, stageOpen, read, next, actions, diff);
    for (const a of done) run.record(a, "done", a.change);
  }
  run.report.diffs.push(entry);
}

/** State edits: one safe write per stage, in the order the stages first appear in the plan. */
export async function applyStateEdits(run: ApplyRun): Promise<void> {
  for (const stage of [...new Set(run.chosen.filter((a) => a.target === "state").map((a) => a.stage))])
    await applyStageEdits(run, stage);
}
