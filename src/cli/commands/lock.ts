/** `lock status|release`: the stage's lock. */
import type { Command } from "commander";
import { lockStatus, parseDuration, releaseLock } from "../../actions/lock.js";
import { renderLockRelease, renderLockStatus } from "../../report/history.js";
import { warningsExitCode } from "../exit-codes.js";
import { jsonOption, stageOptions, type StageFlags, type WriteFlags } from "../options.js";
import type { Run } from "../run.js";

type ReleaseFlags = StageFlags & WriteFlags & { force?: boolean; olderThan: string };

export function registerLock(program: Command, run: Run): void {
  const lock = program
    .command("lock")
    .description("the stage's lock: who holds it, and breaking a stale one");
  stageOptions(
    lock
      .command("status")
      .description(
        "who holds the lock, since when, for which command, update and run, and whether that update finished (exit 0 unlocked, 4 locked)",
      ),
  )
    .addOption(jsonOption())
    .action(async (opts: StageFlags) => {
      const result = await run.stage(opts, (open) => lockStatus(open));
      run.emit(opts, result, renderLockStatus, warningsExitCode(result.locked));
    });
  registerRelease(lock, run);
}

function registerRelease(lock: Command, run: Run): void {
  stageOptions(
    lock
      .command("release")
      .description(
        "break the lock as `sst unlock` does (its update is recorded as failed) and record an audit entry; refuses a lock younger than --older-than without --force",
      ),
  )
    .option("--force", "release even a fresh lock (make sure nothing is deploying)")
    .option("--older-than <age>", "only release a lock at least this old: 90s, 15m, 2h, 1d", "15m")
    .option("--yes", "release without asking (needed off a terminal)")
    .option("--dry-run", "show which lock would be released; write nothing")
    .addOption(jsonOption())
    .action(async (opts: ReleaseFlags) => {
      const olderThanMs = parseDuration(opts.olderThan);
      run.requireConsent(opts, "lock release");
      const result = await run.stage(opts, async (open) => {
        const check = await releaseLock(open, { force: opts.force, olderThanMs, dryRun: true });
        if (opts.dryRun === true || check.released.length === 0) return check;
        await run.consentOrDecline(opts, `Release the lock of ${open.backend.app}/${open.backend.stage}?`);
        return releaseLock(open, { force: opts.force, olderThanMs });
      });
      run.emit(opts, result, renderLockRelease);
    });
}
