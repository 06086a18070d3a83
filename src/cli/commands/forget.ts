/** `forget`: remove entries (or pending operations) from the stage's state. */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import type { OpenStage } from "../../backends/resolve.js";
import { jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Run } from "../run.js";

type ForgetFlags = StageFlags &
  WriteFlags & { withDependents?: boolean; dropReferences?: boolean; pending?: boolean; force?: boolean };

export function registerForget(program: Command, run: Run): void {
  stageOptions(
    program
      .command("forget")
      .description(t("cli.forget.description"))
      .argument("<urn...>", t("cli.forget.arg.urn")),
  )
    .option("--with-dependents", t("cli.forget.opt.with-dependents"))
    .option("--drop-references", t("cli.forget.opt.drop-references"))
    .option("--pending", t("cli.forget.opt.pending"))
    .option("--force", t("cli.forget.opt.force"))
    .option("--yes", t("cli.opt.yes.write"))
    .option("--dry-run", t("cli.forget.opt.dry-run"))
    .addOption(jsonOption())
    .action(async (urns: string[], opts: ForgetFlags) => {
      run.requireConsent(opts, "forget");
      const result = await run.stage(opts, (open) => forget(run, open, urns, opts));
      const { renderForget } = await import("../../report/forget.js");
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
    ...prepared.plan.clearedPending.map((p) =>
      t("cli.forget.pending-line", { operation: p.operation, urn: p.urn }),
    ),
  ];
  if (opts.json !== true && opts.yes !== true) run.io.stderr.write(`${list.join("\n")}\n`);
  if (opts.json !== true)
    for (const n of prepared.plan.notes) run.io.stderr.write(`${t("cli.forget.note", { note: n })}\n`);
  await run.consentOrDecline(
    opts,
    t("cli.forget.confirm", { count: list.length, app: open.backend.app, stage: open.backend.stage }),
  );
  return applyForget(open, prepared, { onStep: run.steps(opts) });
}
