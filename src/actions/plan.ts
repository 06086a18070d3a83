/**
 * `stateward plan`, `apply` and `fix`: doctor's findings as a repair plan, and carrying a plan out —
 * the lock first, then each stage's state edits in one safe write, then cloud deletions in dependency
 * order, stopping at the first cloud failure.
 */
import { promises as fs } from "node:fs";
import type { OpenStage } from "../backends/resolve.js";
import { appendAudit } from "../backends/audit.js";
import { writeStage, type StageWriteOptions } from "../backends/safe-write.js";
import { SstHomeBackend } from "../backends/sst-home.js";
import { adopterFor } from "../cloud/drivers/index.js";
import { cloudContext } from "../cloud/context.js";
import { DeletionGate, type DeletionAuthority, type DeletionTarget } from "../cloud/deletion-gate.js";
import { kindForType as handlerForType } from "../kinds/registry.js";
import { ExitCode, StatewardError } from "../errors.js";
import type { AdoptInput } from "../repair/adopt-entry.js";
import {
  applyStateActions,
  parsePlan,
  planFromFindings,
  type PlanAction,
  type RepairPlan,
} from "../repair/plan.js";
import type { StageBackend } from "../backends/types.js";
import {
  diffDeployments,
  verifyIntegrity,
  withDeployment,
  type DeploymentV3,
  type StateDiff,
} from "../state/index.js";
import { parseState, serializeState } from "../backends/encoding.js";
import { readGateFacts } from "./deletion-facts.js";
import { diagnose } from "./doctor.js";
import { listHistory } from "./history.js";
import { releaseLock } from "./lock.js";

export async function makePlan(open: OpenStage, options: { allStages?: boolean } = {}): Promise<RepairPlan> {
  const { facts, report } = await diagnose(open, { allStages: options.allStages === true });
  if (report.incomplete.length > 0) {
    throw new StatewardError(
      "INCOMPLETE_SCAN",
      "The scan was incomplete, so no plan was made (a plan never follows an incomplete scan).",
      {
        hint: "Run `stateward doctor` to see which calls failed, and plan again when they succeed.",
        exitCode: ExitCode.incomplete,
      },
    );
  }
  // The revisions the facts were read at: apply refuses if a stage's state changed since.
  const stages = facts.stages.map((s) => ({ stage: s.stage, revision: s.revision ?? null }));
  return planFromFindings(report.findings, {
    app: open.backend.app,
    backend: open.backend.label,
    stages,
    now: new Date().toISOString(),
  });
}

export async function readPlanFile(file: string): Promise<RepairPlan> {
  const text = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new StatewardError("FILE_NOT_FOUND", `${file} could not be read (${e.code ?? e.message}).`, {
      hint: "Make a plan with `stateward plan --out plan.json`.",
    });
  });
  return parsePlan(text, file);
}

export async function writePlanFile(file: string, plan: RepairPlan): Promise<void> {
  await fs
    .writeFile(file, JSON.stringify(plan, null, 2) + "\n", { flag: "wx" })
    .catch((e: NodeJS.ErrnoException) => {
      throw new StatewardError(
        "FILE_EXISTS",
        e.code === "EEXIST"
          ? `${file} already exists; stateward will not overwrite it.`
          : `${file} could not be written (${e.message}).`,
        {
          hint: "Choose another --out path.",
        },
      );
    });
}

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

/** The stages whose cloud resources (or second state copy) the chosen actions delete. */
export function deletingStages(actions: readonly PlanAction[]): string[] {
  return [...new Set(actions.filter((a) => a.destructive).map((a) => a.stage))].sort();
}

export async function applyPlan(
  open: OpenStage,
  plan: RepairPlan,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  if (plan.app !== open.backend.app) {
    throw new StatewardError("PLAN_MISMATCH", `The plan is for app ${plan.app}, not ${open.backend.app}.`, {
      exitCode: ExitCode.usage,
    });
  }
  const chosen = plan.actions.filter((a) => options.only === undefined || options.only.includes(a.id));
  const authority: DeletionAuthority = {
    command: options.command ?? "apply",
    confirmed: options.confirmed ?? [],
    confirmProtected: options.confirmProtected === true,
  };
  const deleting = chosen.filter((a) => a.destructive);
  if (options.allowDelete === true && options.dryRun !== true && deleting.length > 0) {
    // Before anything is done: every stage whose resources go must have been named for this run.
    const missing = deletingStages(deleting).filter((s) => !authority.confirmed.includes(s));
    if (missing.length > 0) {
      throw new StatewardError(
        "CONFIRMATION_REQUIRED",
        `The plan deletes resources of ${missing.join(", ")}, and ${missing.length === 1 ? "that stage was" : "those stages were"} not confirmed for this run; nothing was applied.`,
        {
          hint: `Type each stage name when asked, or pass ${missing.map((s) => `--confirm ${s}`).join(" ")}; a confirmation for one stage never covers another. Without --allow-delete nothing is deleted.`,
          exitCode: ExitCode.usage,
        },
      );
    }
    const facts = await readGateFacts(open, { targets: deletingStages(deleting), env: options.env ?? {} });
    const gate = new DeletionGate(authority, facts);
    const needProtected = deleting
      .filter((a) => a.target === "cloud" && a.resource !== undefined)
      .map((a) => gate.check(targetOfAction(a)))
      .filter((r) => r?.code === "DELETE_PROTECTED_STAGE");
    if (needProtected.length > 0) {
      throw new StatewardError("CONFIRMATION_REQUIRED", `${needProtected[0]!.reason}; nothing was applied.`, {
        hint: needProtected[0]!.hint,
        exitCode: ExitCode.usage,
      });
    }
  }
  const outcomes: ActionOutcome[] = [];
  const report: ApplyReport = { app: plan.app, dryRun: options.dryRun === true, outcomes, diffs: [] };
  const stageOf = async (stage: string): Promise<OpenStage> =>
    stage === open.backend.stage ? open : { ...open, backend: await open.backend.forStage(stage) };

  // The state must be what the plan was made from.
  for (const s of plan.stages) {
    if (!chosen.some((a) => a.stage === s.stage)) continue;
    const now = await (await stageOf(s.stage)).backend.readState(open.signal);
    if ((now?.revision ?? null) !== s.revision) {
      const what = await describeChange(
        (await stageOf(s.stage)).backend,
        s.revision,
        now?.doc.deployment,
        open.signal,
      );
      throw new StatewardError(
        "PLAN_STALE",
        `The state of ${s.stage} changed since the plan was made (${what}); nothing was applied.`,
        {
          hint:
            "Look at `stateward history diff previous current --stage " +
            s.stage +
            "`, then make a new plan.",
        },
      );
    }
  }

  const record = (a: PlanAction, result: ActionOutcome["result"], detail: string) =>
    outcomes.push({ id: a.id, kind: a.kind, stage: a.stage, result, detail });

  // 1. Locks.
  for (const a of chosen.filter((x) => x.target === "lock")) {
    if (options.dryRun === true) record(a, "skipped", "dry run");
    else {
      const released = await releaseLock(
        await stageOf(a.stage),
        open.signal === undefined ? {} : { signal: open.signal },
      );
      record(
        a,
        "done",
        released.released.length === 0
          ? "no lock was held any more"
          : `released; audit ${released.audit ?? ""}`,
      );
    }
  }

  // 2. State edits: one safe write per stage.
  const clients = open.clients;
  const ctx =
    clients === undefined
      ? undefined
      : cloudContext(clients, open.signal === undefined ? {} : { signal: open.signal });
  for (const stage of [...new Set(chosen.filter((a) => a.target === "state").map((a) => a.stage))]) {
    const stageOpen = await stageOf(stage);
    const actions = chosen.filter((a) => a.target === "state" && a.stage === stage);
    const read = await stageOpen.backend.readState(open.signal);
    if (read?.doc.deployment === undefined) {
      for (const a of actions) record(a, "skipped", "the stage has no state");
      continue;
    }
    const adopted = new Map<string, Omit<AdoptInput, "now">>();
    for (const a of actions.filter((x) => x.kind === "adopt")) {
      const handler = a.resource === undefined ? undefined : handlerForType(a.resource.type);
      const adopter = handler === undefined ? undefined : await adopterFor(handler.kind);
      if (handler === undefined || adopter === undefined || ctx === undefined || a.resource === undefined) {
        throw new StatewardError(
          "CANNOT_ADOPT",
          `Action ${a.id}: stateward cannot adopt ${a.resource?.type ?? "this"} here.`,
        );
      }
      const region = handler.global ? "us-east-1" : a.resource.region;
      const cloudId = a.resource.id ?? a.resource.name;
      const props = await adopter.read(ctx, { name: cloudId, id: cloudId, region });
      if (props === undefined)
        throw new StatewardError(
          "NOT_IN_CLOUD",
          `Action ${a.id}: ${handler.label} ${cloudId} is no longer in the cloud; nothing was written.`,
        );
      adopted.set(a.id, {
        app: plan.app,
        stage,
        type: a.resource.type,
        label: handler.label,
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
      });
    }
    const applied = applyStateActions(read.doc.deployment, actions, adopted, new Date().toISOString());
    const next = applied.deployment;
    const failedIds = new Set(applied.failed.map((f) => f.id));
    for (const f of applied.failed)
      record(
        actions.find((a) => a.id === f.id)!,
        "failed",
        f.message,
      );
    const done = actions.filter((a) => !failedIds.has(a.id));
    const violations = verifyIntegrity(next);
    if (violations.length > 0) {
      throw new StatewardError(
        "INTEGRITY",
        `The plan's edits of ${stage} would fail integrity (${violations[0]!.message}); nothing was written.`,
      );
    }
    const diff = diffDeployments(read.doc.deployment, next);
    const entry: ApplyReport["diffs"][number] = { stage, diff };
    if (done.length === 0) continue;
    if (options.dryRun === true) {
      for (const a of done) record(a, "skipped", "dry run");
    } else {
      const written = await writeStage(
        stageOpen,
        read,
        serializeState(withDeployment(read.doc, next)),
        "apply",
        {
          summary: `applied ${actions.length} state action${actions.length === 1 ? "" : "s"} of a repair plan (${[...new Set(actions.map((a) => a.kind))].join(", ")})`,
          changes: {
            added: diff.added.map((r) => r.urn),
            removed: diff.removed.map((r) => r.urn),
            changed: diff.changed.map((r) => r.urn),
          },
          detail: { actions: actions.map((a) => a.id) },
        },
        options,
      );
      entry.written = written.location;
      for (const a of done) record(a, "done", a.change);
    }
    report.diffs.push(entry);
  }

  // 3. Cloud deletions, in the order the plan gives, each through the deletion gate (which reads every
  // stage's state again, after the writes above); the first failure stops the rest.
  let stopped = false;
  const cloudActions = chosen.filter((x) => x.target === "cloud");
  const gate =
    options.dryRun === true || options.allowDelete !== true || cloudActions.length === 0
      ? undefined
      : new DeletionGate(
          authority,
          await readGateFacts(open, { targets: deletingStages(cloudActions), env: options.env ?? {} }),
        );
  for (const a of cloudActions) {
    if (options.dryRun === true) {
      record(a, "skipped", "dry run");
      continue;
    }
    if (options.allowDelete !== true || gate === undefined) {
      record(
        a,
        "skipped",
        "a cloud deletion: pass --allow-delete and --confirm <stage> (or choose it on a terminal)",
      );
      continue;
    }
    if (stopped) {
      record(a, "skipped", "not attempted after an earlier failure");
      continue;
    }
    if (ctx === undefined || a.resource === undefined) {
      record(a, "failed", "no AWS credentials for this backend");
      stopped = true;
      continue;
    }
    const refused = gate.check(targetOfAction(a));
    if (refused !== undefined) {
      record(a, "refused", `${refused.reason}. ${refused.hint}`);
      continue;
    }
    try {
      const r = await gate.delete(ctx, targetOfAction(a));
      record(a, r.deleted ? "done" : "pending", r.deleted ? r.steps.join("; ") : (r.pending ?? ""));
    } catch (e) {
      record(a, "failed", (e as Error).message);
      stopped = true;
    }
  }
  // 4. A stage's second state object in another region's home, once its resources are gone.
  for (const a of chosen.filter((x) => x.target === "home-state")) {
    if (options.dryRun === true) record(a, "skipped", "dry run");
    else if (options.allowDelete !== true || !authority.confirmed.includes(a.stage))
      record(
        a,
        "skipped",
        `removes a state object: pass --allow-delete and --confirm ${a.stage} (or choose it on a terminal)`,
      );
    else if (stopped) record(a, "skipped", "not attempted after an earlier failure");
    else if (clients === undefined || a.resource === undefined)
      record(a, "failed", "no AWS credentials for the other home");
    else {
      try {
        record(a, "done", await removeStageCopy(open, a.resource.region, a.stage));
      } catch (e) {
        record(a, "failed", (e as Error).message);
        stopped = true;
      }
    }
  }
  for (const a of chosen.filter((x) => x.target === "none")) record(a, "advice", a.change);
  return report;
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

/** The actions `fix` preselects: everything not destructive (and not advice). */
export function safeActions(plan: RepairPlan): PlanAction[] {
  return plan.actions.filter((a) => !a.destructive && a.target !== "none");
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
  if (read === undefined) return `${other.store.locate(other.stateKey)} was already gone`;
  const writer = await open.writer("apply");
  const lock = await other.acquireLock(writer, open.signal);
  try {
    const backupKey = other.backupKey(new Date(), read.revision);
    await other.store.put(backupKey, read.bytes, { condition: { ifAbsent: true } });
    await other.store.delete(other.stateKey, { ifRevision: read.revision });
    const backup = other.store.locate(backupKey);
    await appendAudit(other, writer, {
      summary: `removed the second copy of ${stage}'s state from the SST home in ${region} (its resources were deleted first)`,
      before: { revision: read.revision, resources: read.doc.deployment?.resources?.length ?? 0 },
      after: {},
      backup,
    });
    return `removed ${other.store.locate(other.stateKey)}; the bytes are kept at ${backup}`;
  } finally {
    await other.releaseLock(lock).catch(() => undefined);
  }
}

/** What changed between the revision a plan read and the state now, as far as the history tells. */
async function describeChange(
  backend: StageBackend,
  revision: string | null,
  now: DeploymentV3 | undefined,
  signal?: AbortSignal,
): Promise<string> {
  if (revision === null) return "it had no state then";
  if (now === undefined) return "it has no state now";
  try {
    const list = await listHistory(backend, signal === undefined ? {} : { signal });
    const then = list.versions.find((v) => v.revisions.includes(revision));
    const bytes = then === undefined ? undefined : list.bytesOf(then.id);
    if (then === undefined || bytes === undefined) return `revision ${revision} then, another now`;
    const d = diffDeployments(parseState(bytes, "the planned version").deployment, now);
    const names = [
      ...d.added.map((r) => `+${r.urn.split("::").pop()}`),
      ...d.removed.map((r) => `-${r.urn.split("::").pop()}`),
      ...d.changed.map((r) => `~${r.urn.split("::").pop()}`),
    ];
    return `since version ${then.id}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed${names.length === 0 ? "" : ` — ${names.slice(0, 6).join(", ")}${names.length > 6 ? ", …" : ""}`}`;
  } catch {
    return `revision ${revision} then, another now`;
  }
}
