/** `forget`: remove entries (or pending operations) from the stage's state. */
import type { Command } from "commander";
import type { OpenStage } from "../../backends/resolve.js";
import { renderForget } from "../../report/forget.js";
import { jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Run } from "../run.js";

type ForgetFlags = StageFlags &
  WriteFlags & { withDependents?: boolean; dropReferences?: boolean; pending?: boolean; force?: boolean };

export function registerForget(program: Command, run: Run): void {
  stageOptions(
    program
      .command("forget")
      .description(
        "remove entries from the stage's state (the cloud is not touched), or with --pending clear pending operations; refuses to leave dependents pointing at nothing unless --with-dependents; written under the safe-write protocol",
      )
      .argument("<urn...>", "URNs of the entries (or, with --pending, of the pending operations)"),
  )
    .option("--with-dependents", "also remove every entry that depends on them")
    .option(
      "--drop-references",
      "remove only these entries and drop the references to them from their dependents, as a refresh does for a resource deleted by hand",
    )
    .option("--pending", "clear the pending operations of these URNs instead of removing entries")
    .option("--force", "remove protected entries too")
    .option("--yes", "write without asking (needed off a terminal)")
    .option("--dry-run", "show what would be removed, write nothing")
    .addOption(jsonOption())
    .action(async (urns: string[], opts: ForgetFlags) => {
      run.requireConsent(opts, "forget");
      const result = await run.stage(opts, (open) => forget(run, open, urns, opts));
      run.emit(opts, result, renderForget);
    });
}

async function forget(run: Run, open: OpenStage, urns: string[], opts: ForgetFlags) {
  const { applyForget, planForget } = await import("../../actions/forget.js");
  const prepared = await planForget(open, urns, {
    withDependents: opts.withDependents === true,
    dropReferences: opts.dropReferences === true,
    pending: opts.pending === true,
    allowProtected: opts.force === true,
  });
  if (opts.dryRun === true) return { ...prepared.plan, dryRun: true };
  const list = [
    ...prepared.plan.removed.map((r) => r.urn),
    ...prepared.plan.clearedPending.map((p) => `pending ${p.operation} ${p.urn}`),
  ];
  if (opts.json !== true && opts.yes !== true) run.io.stderr.write(`${list.join("\n")}\n`);
  if (opts.json !== true) for (const n of prepared.plan.notes) run.io.stderr.write(`note: ${n}\n`);
  await run.consentOrDecline(
    opts,
    `Remove ${list.length} from the state of ${open.backend.app}/${open.backend.stage}?`,
  );
  return applyForget(open, prepared, { onStep: run.steps(opts) });
}
