/**
 * `stateward plan`: doctor's findings as a repair plan — each finding's rule proposes its remedies,
 * and the plan keeps the state revisions the facts were read at, so apply (src/actions/apply.ts)
 * refuses a plan whose state changed since.
 */
import { promises as fs } from "node:fs";
import { readInput } from "../backends/read-input.js";
import { appLabel, type OpenStage } from "../backends/resolve.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
import { parsePlan, planFromFindings, type PlanAction, type RepairPlan } from "../repair/plan.js";
import { diagnose } from "./doctor.js";

export {
  applyPlan,
  deletingStages,
  type ActionOutcome,
  type ApplyOptions,
  type ApplyReport,
} from "./apply.js";

export async function makePlan(open: OpenStage, options: { allStages?: boolean } = {}): Promise<RepairPlan> {
  const { facts, report } = await diagnose(open, { allStages: options.allStages === true });
  if (report.incomplete.length > 0) {
    throw new StatewardError("INCOMPLETE_SCAN", t("actions.plan.incomplete"), {
      hint: t("actions.plan.incomplete-hint"),
    });
  }
  // The revisions the facts were read at: apply refuses if a stage's state changed since.
  const stages = facts.stages.map((s) => ({ stage: s.stage, revision: s.revision ?? null }));
  return planFromFindings(report.findings, {
    app: open.backend.app,
    backend: appLabel(open),
    stages,
    // The one time form (to the second, UTC), as every command prints it: the plan file is read by people.
    now: isoTime(new Date()),
  });
}

/** The largest plan file read: a plan of every stage of a large app is far below it. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

export async function readPlanFile(file: string, stdin?: NodeJS.ReadableStream): Promise<RepairPlan> {
  const source = file === "-" ? t("backends.file.stdin") : file;
  const bytes = await readInput(
    file,
    stdin,
    MAX_PLAN_BYTES,
    (size) => new StatewardError("PLAN_FORMAT", t("actions.plan.too-big", { file: source, size })),
    "repair-plan",
  );
  return parsePlan(new TextDecoder("utf-8").decode(bytes), source);
}

export async function writePlanFile(file: string, plan: RepairPlan): Promise<void> {
  await fs
    .writeFile(file, JSON.stringify(plan, null, 2) + "\n", { flag: "wx" })
    .catch((e: NodeJS.ErrnoException) => {
      throw new StatewardError(
        "FILE_EXISTS",
        e.code === "EEXIST"
          ? t("actions.plan.exists", { file })
          : t("actions.plan.unwritable", { file, error: e.message }),
        { hint: t("actions.plan.exists-hint") },
      );
    });
}

/** The actions `fix` preselects: everything not destructive (and not advice). */
export function safeActions(plan: RepairPlan): PlanAction[] {
  return plan.actions.filter((a) => !a.destructive && a.target !== "none");
}
