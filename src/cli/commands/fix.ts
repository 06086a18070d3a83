/** `fix`: doctor, a checklist of the repair actions, then apply. */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import type * as PlanActions from "../../actions/plan.js";
import type { OpenStage } from "../../backends/resolve.js";
import { applyExitCode } from "../exit-codes.js";
import {
  confirmOptions,
  jsonOption,
  stageOptions,
  type ConfirmFlags,
  type StageFlags,
  type WriteFlags,
} from "../options.js";
import type { Run } from "../run.js";

type FixFlags = StageFlags & WriteFlags & ConfirmFlags & { allStages?: boolean; allowDelete?: boolean };
type PlanModule = typeof PlanActions;
type RepairPlan = Awaited<ReturnType<PlanModule["makePlan"]>>;

export function registerFix(program: Command, run: Run): void {
  confirmOptions(stageOptions(program.command("fix").description(t("cli.fix.description"))))
    .option("--all-stages", t("cli.fix.opt.all-stages"))
    .option("--yes", t("cli.opt.yes.apply"))
    .option("--allow-delete", t("cli.fix.opt.allow-delete"))
    .option("--dry-run", t("cli.fix.opt.dry-run"))
    .addOption(jsonOption())
    .action(async (opts: FixFlags) => {
      run.requireConsent(opts, "fix");
      const actions = await import("../../actions/plan.js");
      const { renderApply } = await import("../../report/plan.js");
      const report = await run.stage(opts, (open) => fix(run, open, actions, opts));
      run.emit(opts, report, renderApply, applyExitCode(report));
    });
}

async function fix(run: Run, open: OpenStage, actions: PlanModule, opts: FixFlags) {
  const plan = await actions.makePlan(open, { allStages: opts.allStages === true });
  let only = plan.actions.filter((a) => !a.destructive || opts.allowDelete === true).map((a) => a.id);
  let allowDelete = opts.allowDelete === true;
  const asked = opts.yes !== true && run.io.prompt?.checkbox !== undefined && plan.actions.length > 0;
  if (asked) {
    only = await chooseActions(run, open, actions, plan, opts);
    allowDelete = plan.actions.some((a) => a.destructive && only.includes(a.id));
  }
  const chosen = plan.actions.filter((a) => only.includes(a.id));
  const confirmed =
    allowDelete && opts.dryRun !== true
      ? await run.confirmStages(
          opts,
          actions.deletingStages(chosen).map((stage) => ({
            stage,
            count: chosen.filter((a) => a.destructive && a.stage === stage).length,
          })),
        )
      : [];
  const report = await actions.applyPlan(open, plan, {
    only,
    allowDelete,
    confirmed,
    confirmProtected: opts.confirmProtected === true,
    command: "fix",
    env: run.io.env,
    dryRun: opts.dryRun === true,
    onStep: run.steps(opts),
  });
  return { ...report, outcomes: [...report.outcomes, ...leftOut(plan, only, report.outcomes, asked)] };
}

/**
 * The plan's actions fix left out, each said as skipped and why: a deletion without --allow-delete
 * (off a terminal), or one not ticked in the checklist — so a run never passes over them in silence.
 */
function leftOut(plan: RepairPlan, only: string[], done: readonly { id: string }[], asked: boolean) {
  const reported = new Set(done.map((o) => o.id));
  return plan.actions
    .filter((a) => !only.includes(a.id) && !reported.has(a.id) && a.target !== "none")
    .map((a) => ({
      id: a.id,
      kind: a.kind,
      stage: a.stage,
      result: "skipped" as const,
      detail:
        a.destructive && !asked
          ? t("cli.fix.left-out.delete", { stage: a.stage, change: a.change.replace(/^DELETE /, "") })
          : t("cli.fix.left-out.unticked", { change: a.change }),
    }));
}

/** The checklist on a terminal: which actions to apply. */
function chooseActions(
  run: Run,
  open: OpenStage,
  actions: PlanModule,
  plan: RepairPlan,
  opts: FixFlags,
): Promise<string[]> {
  // --allow-delete on a terminal preselects the deletions too (the stage names are still typed).
  const preselected = new Set(
    (opts.allowDelete === true ? plan.actions : actions.safeActions(plan)).map((a) => a.id),
  );
  return run.io.prompt!.checkbox!(
    t("cli.fix.checklist", { app: open.backend.app }),
    // Deletions first, marked DELETE with stage, type, physical id and region.
    [...plan.actions]
      .sort((a, b) => Number(b.destructive) - Number(a.destructive))
      .filter((a) => a.target !== "none")
      .map((a) => ({
        value: a.id,
        name: `${a.destructive ? `${t("cli.fix.delete-mark")} ` : ""}${a.stage}: ${a.change.replace(/^DELETE /, "")}`,
        checked: preselected.has(a.id),
      })),
  );
}
