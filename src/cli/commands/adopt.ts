/** `adopt`: bring an existing cloud resource into the stage's state. */
import type { Command } from "commander";
import type { OpenStage } from "../../backends/resolve.js";
import { renderAdopt } from "../../report/adopt.js";
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
      .description(
        "bring an existing cloud resource into the stage's state as the entry pulumi-aws would have written (read live), so the next deploy sees it as existing; a pending create of it becomes the entry; written under the safe-write protocol",
      )
      .argument("<type>", "Pulumi type token, e.g. aws:dynamodb/table:Table")
      .argument(
        "<id>",
        "its cloud id: table, role, function, bucket or log group name, distribution id, Route 53 record id",
      ),
  )
    .option(
      "--name <logical>",
      "logical name of the new entry (default: the physical name without app, stage and suffix)",
    )
    .option("--parent <urn>", "the component it belongs to (default: the stack)")
    .option(
      "--urn <urn>",
      "the pending create to resolve (default: the one with this name); without such a pending create, the URN the new entry gets (the one doctor names)",
    )
    .option(
      "--retain-on-delete",
      'mark the entry retainOnDelete, as removal: "retain" did (for a retained leftover)',
    )
    .option(
      "--accept-replace",
      "adopt even when the live resource differs from what the pending create asks for in a property that makes the next deploy replace it (a table's keys, a queue's FIFO flag, a bucket's region); refused without it",
    )
    .option("--yes", "write without asking (needed off a terminal)")
    .option("--dry-run", "show the entry, write nothing")
    .addOption(jsonOption())
    .action(async (type: string, id: string, opts: AdoptFlags) => {
      run.requireConsent(opts, "adopt");
      const result = await run.stage(opts, (open) => adopt(run, open, type, id, opts));
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
    `Add ${prepared.plan.urn} to the state of ${open.backend.app}/${open.backend.stage}?`,
  );
  return applyAdopt(open, prepared, { onStep: run.steps(opts) });
}
