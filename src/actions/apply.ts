/**
 * `stateward apply` and `fix`: carrying a repair plan out — the lock first, then each stage's state
 * edits in one safe write, then cloud deletions in dependency order (stopping at the first cloud
 * failure), then a stage's second state object in another home; advice is only reported.
 */
import { appendAudit } from "../backends/audit.js";
import type { OpenStage } from "../backends/resolve.js";
import type { StageWriteOptions } from "../backends/safe-write.js";
import { SstHomeBackend } from "../backends/sst-home.js";
import { cloudContext, type CountingContext } from "../cloud/context.js";
import { DeletionGate, type DeletionAuthority, type DeletionTarget } from "../cloud/deletion-gate.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import type { PlanAction, RepairPlan } from "../repair/plan.js";
import type { StateDiff } from "../state/index.js";
import { applyStateEdits, checkRevisions } from "./apply-state.js";
import { readGateFacts } from "./deletion-facts.js";
import { releaseLock } from "./lock.js";

export interface ActionOutcome {
  id: string;
  kind: PlanAction["kind"];
  stage: string;
  /** `refused`: the deletion gate kept it (retained, protected, another stage's). */
  result: "done" | "pending" | "failed" | "skipped" | "refused" | "advice";
  detail: string;
}

export interface ApplyReport {
  app: string;
  dryRun: boolean;
  outcomes: ActionOutcome[];
  /** What each stage's state write changes (also shown by --dry-run). */
  diffs: { stage: string; diff: StateDiff; written?: string }[];
}

export interface ApplyOptions extends StageWriteOptions {
  /** Only these action ids (default: all). */
  only?: string[];
  /** Carry out cloud deletions (without it they are skipped and said so). */
  allowDelete?: boolean;
  /** Stages named for this run (typed, or --confirm): deletions only touch these. */
  confirmed?: readonly string[];
  /** --confirm-protected: deletions in protected stages (prod*, production, SST's protect). */
  confirmProtected?: boolean;
  /** `fix` or `apply`, for the deletion gate and the audit. */
  command?: "apply" | "fix";
  /** For STATEWARD_PROTECTED_STAGES and sst.config.ts. */
  env?: NodeJS.ProcessEnv;
  dryRun?: boolean;
}

/** One apply run: what it was asked, what it has done so far, and how it reaches each stage. */
export interface ApplyRun {
  open: OpenStage;
  plan: RepairPlan;
  options: ApplyOptions;
  chosen: PlanAction[];
  authority: DeletionAuthority;
  ctx: CountingContext | undefined;
  report: ApplyReport;
  /** A cloud step failed: the later ones are not attempted. */
  stopped: boolean;
  record(a: PlanAction, result: ActionOutcome["result"], detail: string): void;
  stageOf(stage: string): Promise<OpenStage>;
}

/** The stages whose cloud resources (or second state copy) the chosen actions delete. */
export function deletingStages(actions: readonly PlanAction[]): string[] {
  return [...new Set(actions.filter((a) => a.destructive).map((a) => a.stage))].sort();
}

function targetOfAction(a: PlanAction): DeletionTarget {
  const r = a.resource!;
  return {
    stage: a.stage,
    type: r.type,
    name: r.name,
    id: r.id ?? r.name,
    region: r.region,
    ...(r.urn === undefined ? {} : { urn: r.urn }),
  };
}

/** Before anything is done: every stage whose resources go must have been named for this run. */
async function checkConfirmations(run: ApplyRun): Promise<void> {
  const { options, authority } = run;
  const deleting = run.chosen.filter((a) => a.destructive);
  if (options.allowDelete !== true || options.dryRun === true || deleting.length === 0) return;
  const missing = deletingStages(deleting).filter((s) => !authority.confirmed.includes(s));
  if (missing.length > 0) {
    throw new StatewardError(
      "CONFIRMATION_REQUIRED",
      missing.length === 1
        ? t("actions.apply.unconfirmed.one", { stages: items(missing) })
        : t("actions.apply.unconfirmed.other", { stages: items(missing) }),
      {
        hint: t("actions.apply.unconfirmed-hint", { flags: missing.map((s) => `--confirm ${s}`).join(" ") }),
      },
    );
  }
  const facts = await readGateFacts(run.open, { targets: deletingStages(deleting), env: options.env ?? {} });
  const gate = new DeletionGate(authority, facts);
  const needProtected = deleting
    .filter((a) => a.target === "cloud" && a.resource !== undefined)
    .map((a) => gate.check(targetOfAction(a)))
    .filter((r) => r?.code === "DELETE_PROTECTED_STAGE");
  if (needProtected.length > 0) {
    throw new StatewardError(
      "CONFIRMATION_REQUIRED",
      t("actions.apply.protected", { reason: needProtected[0]!.reason }),
      { hint: needProtected[0]!.hint },
    );
  }
}

/** 1. Locks. */
async function releaseLocks(run: ApplyRun): Promise<void> {
  for (const a of run.chosen.filter((x) => x.target === "lock")) {
    if (run.options.dryRun === true) {
      run.record(a, "skipped", t("actions.dry-run"));
      continue;
    }
    const signal = run.open.signal;
    const released = await releaseLock(await run.stageOf(a.stage), signal === undefined ? {} : { signal });
    run.record(
      a,
      "done",
      released.released.length === 0
        ? t("actions.apply.lock-gone")
        : t("actions.apply.lock-released", { audit: released.audit ?? "" }),
    );
  }
}

/** One cloud deletion through the gate; a failure stops the rest. */
async function deleteOne(run: ApplyRun, gate: DeletionGate, a: PlanAction): Promise<void> {
  if (run.ctx === undefined || a.resource === undefined) {
    run.record(a, "failed", t("actions.apply.no-credentials"));
    run.stopped = true;
    return;
  }
  const refused = gate.check(targetOfAction(a));
  if (refused !== undefined) {
    run.record(a, "refused", `${refused.reason}. ${refused.hint}`);
    return;
  }
  try {
    const r = await gate.delete(run.ctx, targetOfAction(a));
    run.record(a, r.deleted ? "done" : "pending", r.deleted ? r.steps.join("; ") : (r.pending ?? ""));
  } catch (e) {
    run.record(a, "failed", (e as Error).message);
    run.stopped = true;
  }
}

/**
 * 3. Cloud deletions, in the order the plan gives, each through the deletion gate (which reads every
 * stage's state again, after the writes above); the first failure stops the rest.
 */
async function deleteInCloud(run: ApplyRun): Promise<void> {
  const { options } = run;
  const cloudActions = run.chosen.filter((x) => x.target === "cloud");
  const gate =
    options.dryRun === true || options.allowDelete !== true || cloudActions.length === 0
      ? undefined
      : new DeletionGate(
          run.authority,
          await readGateFacts(run.open, { targets: deletingStages(cloudActions), env: options.env ?? {} }),
        );
  for (const a of cloudActions) {
    if (options.dryRun === true) run.record(a, "skipped", t("actions.dry-run"));
    else if (options.allowDelete !== true || gate === undefined)
      run.record(a, "skipped", t("actions.apply.cloud-deletion-skipped"));
    else if (run.stopped) run.record(a, "skipped", t("actions.apply.not-attempted"));
    else await deleteOne(run, gate, a);
  }
}

/**
 * Removes the stage's state object from the SST home in another region, under that home's lock: the
 * exact bytes are kept as a backup beside it, the delete is conditional on the revision read, and an
 * audit record says what was done.
 */
async function removeStageCopy(open: OpenStage, region: string, stage: string): Promise<string> {
  const other = await SstHomeBackend.open({
    clients: open.clients!,
    region,
    app: open.backend.app,
    stage,
    ...(open.signal === undefined ? {} : { signal: open.signal }),
  });
  const read = await other.readState(open.signal);
  if (read === undefined)
    return t("actions.apply.copy-gone", { location: other.store.locate(other.stateKey) });
  const writer = await open.writer("apply");
  const lock = await other.acquireLock(writer, open.signal);
  try {
    const backupKey = other.backupKey(new Date(), read.revision);
    await other.store.put(backupKey, read.bytes, { condition: { ifAbsent: true } });
    await other.store.delete(other.stateKey, { ifRevision: read.revision });
    const backup = other.store.locate(backupKey);
    await appendAudit(other, writer, {
      summary: t("actions.apply.copy-summary", { stage, region }),
      before: { revision: read.revision, resources: read.doc.deployment?.resources?.length ?? 0 },
      after: {},
      backup,
    });
    return t("actions.apply.copy-removed", { location: other.store.locate(other.stateKey), backup });
  } finally {
    await other.releaseLock(lock).catch(() => undefined);
  }
}

/** 4. A stage's second state object in another region's home, once its resources are gone. */
async function removeHomeCopies(run: ApplyRun): Promise<void> {
  for (const a of run.chosen.filter((x) => x.target === "home-state")) {
    if (run.options.dryRun === true) run.record(a, "skipped", t("actions.dry-run"));
    else if (run.options.allowDelete !== true || !run.authority.confirmed.includes(a.stage))
      run.record(a, "skipped", t("actions.apply.copy-skipped", { stage: a.stage }));
    else if (run.stopped) run.record(a, "skipped", t("actions.apply.not-attempted"));
    else if (run.open.clients === undefined || a.resource === undefined)
      run.record(a, "failed", t("actions.apply.no-credentials-home"));
    else {
      try {
        run.record(a, "done", await removeStageCopy(run.open, a.resource.region, a.stage));
      } catch (e) {
        run.record(a, "failed", (e as Error).message);
        run.stopped = true;
      }
    }
  }
}

function startRun(open: OpenStage, plan: RepairPlan, options: ApplyOptions): ApplyRun {
  const report: ApplyReport = { app: plan.app, dryRun: options.dryRun === true, outcomes: [], diffs: [] };
  const clients = open.clients;
  return {
    open,
    plan,
    options,
    chosen: plan.actions.filter((a) => options.only === undefined || options.only.includes(a.id)),
    authority: {
      command: options.command ?? "apply",
      confirmed: options.confirmed ?? [],
      confirmProtected: options.confirmProtected === true,
    },
    ctx:
      clients === undefined
        ? undefined
        : cloudContext(clients, open.signal === undefined ? {} : { signal: open.signal }),
    report,
    stopped: false,
    record: (a, result, detail) =>
      report.outcomes.push({ id: a.id, kind: a.kind, stage: a.stage, result, detail }),
    stageOf: async (stage) =>
      stage === open.backend.stage ? open : { ...open, backend: await open.backend.forStage(stage) },
  };
}

export async function applyPlan(
  open: OpenStage,
  plan: RepairPlan,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  if (plan.app !== open.backend.app) {
    throw new StatewardError(
      "PLAN_MISMATCH",
      t("actions.apply.mismatch", { plan: plan.app, app: open.backend.app }),
    );
  }
  const run = startRun(open, plan, options);
  await checkConfirmations(run);
  // The state must be what the plan was made from.
  await checkRevisions(run, plan);
  await releaseLocks(run);
  await applyStateEdits(run);
  await deleteInCloud(run);
  await removeHomeCopies(run);
  for (const a of run.chosen.filter((x) => x.target === "none")) run.record(a, "advice", a.change);
  return run.report;
}
