/** `cleanup`: delete what no state holds, for the stages named for this run. */
import type { Command } from "commander";
import type * as CleanupActions from "../../actions/cleanup.js";
import type { CleanupReport } from "../../actions/cleanup.js";
import type { OpenStage } from "../../backends/resolve.js";
import { StatewardError } from "../../errors.js";
import type { Colors } from "../../report/style.js";
import { isProductionName } from "../../rules/types.js";
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

type CleanupModule = typeof CleanupActions;
type CleanupFlags = StageFlags & WriteFlags & ConfirmFlags & { allStages?: boolean; include?: string };

export function registerCleanup(program: Command, run: Run): void {
  confirmOptions(
    stageOptions(
      program
        .command("cleanup")
        .description(
          "delete what no state holds — orphans, retained leftovers, removed stages' leftovers — in dependency order (distributions disabled, deployed, then deleted; IAM policies before roles). A dry run unless --yes; only the stages named for this run (typed, or --confirm <stage> once per stage) lose anything, and a retained, protected or another stage's resource only when named with --include <id>",
        ),
    ),
  )
    .option("--all-stages", "every stage of the app, removed ones included")
    .option(
      "--include <what>",
      "orphans,retained,removed-stages (default: all three), and/or URNs or physical ids, comma-separated: named ones only (the only way to delete a retained or protected resource)",
    )
    .option("--yes", "delete (on a terminal, after typing each stage name)")
    .option("--dry-run", "list what would be deleted and what the deletion gate keeps; delete nothing")
    .addOption(jsonOption())
    .addHelpText(
      "after",
      `
Examples (on the sandbox):
  stateward cleanup --app acme --stage pr-42                                   what would go (dry run)
  stateward cleanup --app acme --stage pr-42 --yes --confirm pr-42              delete pr-42's leftovers
  stateward cleanup --app acme --stage production --include acme-production-SessionsTable-btvzwchr --yes --confirm production --confirm-protected`,
    )
    .action(async (opts: CleanupFlags) => {
      const actions = await import("../../actions/cleanup.js");
      const include = actions.parseInclude(
        opts.include
          ?.split(",")
          .map((k) => k.trim())
          .filter((k) => k !== ""),
      );
      const result = await run.stage(opts, (open) => cleanup(run, open, actions, include, opts));
      run.emit(opts, result, renderCleanup, applyExitCode(result));
    });
}

async function cleanup(
  run: Run,
  open: OpenStage,
  { applyCleanup, planCleanup }: CleanupModule,
  include: ReturnType<CleanupModule["parseInclude"]>,
  opts: CleanupFlags,
): Promise<CleanupReport> {
  const plan = await planCleanup(open, {
    allStages: opts.allStages === true,
    named: include.named,
    env: run.io.env,
    ...(include.kinds === undefined ? {} : { include: include.kinds }),
  });
  if (opts.yes !== true || opts.dryRun === true || plan.stages.length === 0) return { ...plan, dryRun: true };
  const confirmed = await run.confirmStages(
    opts,
    plan.stages.map((stage) => ({
      stage,
      count: plan.candidates.filter((c) => c.stage === stage && c.kept === undefined).length,
    })),
  );
  if (!plan.stages.some((s) => confirmed.includes(s))) {
    throw new StatewardError(
      "CONFIRMATION_REQUIRED",
      `cleanup --yes deletes resources of ${plan.stages.join(", ")}, and none of them was confirmed for this run; nothing was deleted.`,
      {
        hint: `Pass ${plan.stages.map((s) => `--confirm ${s}`).join(" ")} for the stages to clean (once per stage), or type the stage name on a terminal.`,
      },
    );
  }
  return applyCleanup(
    open,
    plan,
    { confirmed, confirmProtected: opts.confirmProtected === true, named: include.named },
    { env: run.io.env },
  );
}

// A reporter: it belongs in report/ beside the other renderers (report/ has another owner).
function renderCleanup(r: CleanupReport, c: Colors): string {
  const lines = [`${c.bold("Cleanup")} ${r.backend}`];
  if (r.candidates.length === 0)
    lines.push(c.green("  Nothing to delete: every resource of these stages is in a state."));
  const rows =
    r.outcomes ??
    r.candidates.map((x) => ({
      ...x,
      result: x.kept === undefined ? "would delete" : "kept",
      detail: x.kept === undefined ? "" : `${x.kept.reason}. ${x.kept.hint}`,
    }));
  for (const o of rows) {
    const mark =
      o.result === "deleted"
        ? c.green(o.result)
        : o.result === "failed"
          ? c.red(o.result)
          : o.result === "would delete"
            ? c.red("DELETE")
            : c.yellow(o.result);
    lines.push(
      `  ${mark}  stage ${o.stage}  ${o.type}  ${o.id}  ${o.region}  ${c.dim(`(${o.why}${o.lastUrn === undefined ? "" : `, was ${o.lastUrn}`})`)}${o.detail === "" ? "" : `\n      ${o.detail}`}`,
    );
  }
  if (r.outcomes === undefined && r.stages.length > 0)
    lines.push(
      "",
      c.dim(
        `Dry run: nothing was deleted. To delete: --yes ${r.stages.map((s) => `--confirm ${s}`).join(" ")}${r.stages.some(isProductionName) ? " --confirm-protected" : ""}.`,
      ),
    );
  return lines.join("\n");
}
