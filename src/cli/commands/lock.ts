/** `lock status|release`: the stage's lock. */
import { t } from "../../i18n/index.js";
import type { Command } from "commander";
import { warningsExitCode } from "../exit-codes.js";
import { jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Run } from "../run.js";

type ReleaseFlags = StageFlags & WriteFlags & { force?: boolean; olderThan: string };

export function registerLock(program: Command, run: Run): void {
  const lock = program.command("lock").description(t("cli.lock.description"));
  stageOptions(lock.command("status").description(t("cli.lock.status.description")))
    .addOption(jsonOption())
    .action(async (opts: StageFlags) => {
      const { lockStatus } = await import("../../actions/lock.js");
      const { renderLockStatus } = await import("../../report/history.js");
      const result = await run.stage(opts, (open) => lockStatus(open));
      run.emit(opts, result, renderLockStatus, warningsExitCode(result.locked));
    });
  registerRelease(lock, run);
}

function registerRelease(lock: Command, run: Run): void {
  stageOptions(lock.command("release").description(t("cli.lock.release.description")))
    .option("--force", t("cli.lock.opt.force"))
    .option("--older-than <age>", t("cli.lock.opt.older-than"), "15m")
    .option("--yes", t("cli.lock.opt.yes"))
    .option("--dry-run", t("cli.lock.opt.dry-run"))
    .addOption(jsonOption())
    .action(async (opts: ReleaseFlags) => {
      const { parseDuration, releaseLock } = await import("../../actions/lock.js");
      const { renderLockRelease } = await import("../../report/history.js");
      const olderThanMs = parseDuration(opts.olderThan);
      run.requireConsent(opts, "lock release"); // i18n-exempt: the command's name
      const result = await run.stage(opts, async (open) => {
        const check = await releaseLock(open, { force: opts.force, olderThanMs, dryRun: true });
        if (opts.dryRun === true || check.released.length === 0) return check;
        await run.consentOrDecline(
          opts,
          t("cli.lock.confirm", { app: open.backend.app, stage: open.backend.stage }),
        );
        return releaseLock(open, { force: opts.force, olderThanMs });
      });
      run.emit(opts, result, renderLockRelease);
    });
}
