/** `preflight`: before a deploy, the planned creates whose physical names are taken already. */
import type { Command } from "commander";
import { preflightExitCode, usageError } from "../exit-codes.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type PreflightFlags = StageFlags & { plan?: string };

export function registerPreflight(program: Command, run: Run): void {
  stageOptions(
    program
      .command("preflight")
      .description(
        'before a deploy: look up every resource the plan creates that carries a physical name, and report each name that exists already — who holds it (this stage\'s leftover, another stage, this state under another URN) and the fix — so the deploy does not fail half-way with "already exists" (exit 0 none taken, 3 a name is taken, 5 a lookup failed)',
      ),
  )
    .option(
      "--plan <file>",
      "the deploy's plan: `pulumi preview --json` output, or Pulumi's engine event log (`sst diff` writes one to .sst/pulumi/<id>/eventlog.json; keep it with SST_NO_CLEANUP=1); - reads standard input",
    )
    .addOption(jsonOption())
    .addHelpText(
      "after",
      "\nExample (on the local cloud):\n  pulumi preview --json --stack dev > plan.json\n  stateward preflight --plan plan.json --app acme --stage dev",
    )
    .action(async (opts: PreflightFlags) => {
      const file = opts.plan ?? (run.io.stdinIsTTY === true ? undefined : "-");
      if (file === undefined) {
        throw usageError(
          "Which plan? preflight checks the names a deploy will create, read from its plan.",
          "Pass --plan plan.json (from `pulumi preview --json > plan.json`), or pipe it in.",
        );
      }
      const { preflight, readDeployPlan } = await import("../../actions/preflight.js");
      const { renderPreflight } = await import("../../report/preflight.js");
      const { source, plan } = await readDeployPlan(file);
      // A first deploy's stage has no state yet: it is checked all the same.
      const report = await run.stage({ ...opts, mayBeNew: true }, (open) => preflight(open, plan, source));
      run.emit(opts, report, renderPreflight, preflightExitCode(report));
    });
}
