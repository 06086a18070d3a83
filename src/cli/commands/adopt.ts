/** `adopt`: bring an existing cloud resource into the stage's state. */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import type { OpenStage } from "../../backends/resolve.js";
import { jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Run } from "../run.js";

type AdoptFlags = StageFlags &
  WriteFlags & {
    name?: string;
    parent?: string;
    urn?: string;
    retainOnDelete?: boolean;
    acceptReplace?: boolean;
  };

export function registerAdopt(program: Command, run: Run): void {
  stageOptions(
    program
      .command("adopt")
      .description(t("cli.adopt.description"))
      .argument("<type>", t("cli.adopt.arg.type"))
      .argument("<id>", t("cli.adopt.arg.id")),
  )
    .option("--name <logical>", t("cli.adopt.opt.name"))
    .option("--parent <urn>", t("cli.adopt.opt.parent"))
    .option("--urn <urn>", t("cli.adopt.opt.urn"))
    .option("--retain-on-delete", t("cli.adopt.opt.retain-on-delete"))
    .option("--accept-replace", t("cli.adopt.opt.accept-replace"))
    .option("--yes", t("cli.opt.yes.write"))
    .option("--dry-run", t("cli.adopt.opt.dry-run"))
    .addOption(jsonOption())
    .action(async (type: string, id: string, opts: AdoptFlags) => {
      run.requireConsent(opts, "adopt");
      const result = await run.stage(opts, (open) => adopt(run, open, type, id, opts));
      const { renderAdopt } = await import("../../report/adopt.js");
      run.emit(opts, result, renderAdopt);
    });
}

async function adopt(run: Run, open: OpenStage, type: string, id: string, opts: AdoptFlags) {
  const { applyAdopt, planAdopt } = await import("../../actions/adopt.js");
  const prepared = await planAdopt(open, type, id, {
    ...(opts.name === undefined ? {} : { name: opts.name }),
    ...(opts.parent === undefined ? {} : { parent: opts.parent }),
    ...(opts.urn === undefined ? {} : { urn: opts.urn }),
    ...(opts.retainOnDelete === true ? { retainOnDelete: true } : {}),
    ...(opts.acceptReplace === true ? { acceptReplace: true } : {}),
    ...(opts.region === undefined ? {} : { region: opts.region }),
  });
  if (opts.dryRun === true) return { ...prepared.plan, dryRun: true };
  await run.consentOrDecline(
    opts,
    t("cli.adopt.confirm", { urn: prepared.plan.urn, app: open.backend.app, stage: open.backend.stage }),
  );
  return applyAdopt(open, prepared, { onStep: run.steps(opts) });
}
