/** `cleanup`: delete what no state holds, for the stages named for this run. */
import type { Command } from "commander";
import type * as CleanupActions from "../../actions/cleanup.js";
import type { CleanupReport } from "../../actions/cleanup.js";
import type { OpenStage } from "../../backends/resolve.js";
import { renderCleanup } from "../../report/cleanup.js";
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
  return applyCleanup(
    open,
    plan,
    { confirmed, confirmProtected: opts.confirmProtected === true, named: include.named },
    { env: run.io.env },
  );
}
