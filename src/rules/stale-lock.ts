/**
 * `stale-lock`: a lock left by a run that crashed or was cancelled; every deploy stops on it. The
 * finding names the run (`runID`) and command that left it, so the CI job can be looked up.
 */
import { t, items } from "../i18n/index.js";
import { age } from "../report/time.js";
import { stageFlags, type Finding, type LockInfo, type Rule } from "./types.js";
import { forStage } from "./remedy.js";

/** What took the lock, as far as the lock says: its command (`deploy`), and its run, update and holder. */
export function lockTakenBy(lock: LockInfo): { command: string; details: string } {
  const command = lock.command === undefined ? t("rules.stale-lock.command-unnamed") : `\`${lock.command}\``;
  const details = [
    lock.runId === undefined
      ? t("rules.stale-lock.no-run-id")
      : t("rules.stale-lock.run", { id: lock.runId }),
    ...(lock.updateId === undefined ? [] : [t("rules.stale-lock.update", { id: lock.updateId })]),
    ...(lock.holder === undefined ? [] : [t("rules.stale-lock.by", { holder: lock.holder })]),
  ];
  return { command, details: items(details) };
}

export const staleLock: Rule = {
  id: "stale-lock",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      const lock = facts.lock;
      if (lock === undefined) continue;
      const finished = lock.updateOutcome === "finished" || lock.updateOutcome === "failed";
      // A young lock whose update is still open is a deploy in progress, not a stale lock.
      // A lock of unknown age is judged only by its finished update.
      if (!finished && (lock.ageSeconds === undefined || lock.ageSeconds * 1000 < input.staleLockMs))
        continue;
      const record =
        lock.updateOutcome === undefined
          ? t("rules.stale-lock.record.none")
          : lock.updateOutcome === "missing"
            ? t("rules.stale-lock.record.missing")
            : lock.updateOutcome === "unfinished"
              ? lock.snapshot === true
                ? t("rules.stale-lock.record.unfinished", { command: lock.command ?? "?" })
                : t("rules.stale-lock.record.unfinished-no-snapshot", { command: lock.command ?? "?" })
              : lock.updateOutcome === "finished"
                ? t("rules.stale-lock.record.finished")
                : t("rules.stale-lock.record.failed");
      const by = lockTakenBy(lock);
      const run = lock.runId;
      findings.push({
        rule: "stale-lock",
        severity: "blocker",
        app: input.app,
        stage: facts.stage,
        resources: [
          { type: "sst:lock", name: lock.location.replace(/^s3:\/\/[^/]+\//, ""), region: input.homeRegion },
        ],
        evidence:
          lock.ageSeconds === undefined
            ? t("rules.stale-lock.evidence.unknown-age", { ...by, record })
            : t("rules.stale-lock.evidence", { ...by, age: age(lock.ageSeconds), record }),
        cause: lock.byStateward
          ? run === undefined
            ? t("rules.stale-lock.cause.stateward", { stage: facts.stage })
            : t("rules.stale-lock.cause.stateward-run", { run, stage: facts.stage })
          : run === undefined
            ? t("rules.stale-lock.cause", { stage: facts.stage })
            : t("rules.stale-lock.cause.run", { run, stage: facts.stage }),
        fix: [`stateward lock release ${stageFlags(input.app, facts.stage)}`],
      });
    }
    return findings;
  },
  remedies: (f) => [
    forStage(f, {
      kind: "release-lock",
      change: t("rules.stale-lock.remedy", { stage: f.stage }),
      target: "lock",
      reversible: false,
      destructive: false,
    }),
  ],
};
