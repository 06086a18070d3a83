/**
 * `stale-lock`: a lock left by a run that crashed or was cancelled; every deploy stops on it. The
 * finding names the run (`runID`) and command that left it, so the CI job can be looked up.
 */
import { stageFlags, type Finding, type LockInfo, type Rule } from "./types.js";
import { forStage } from "./remedy.js";

function age(seconds: number): string {
  if (seconds < 5400) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86400)} days`;
}

/** "`deploy` (run run-2b3c4d03, update …, by …)": what took the lock, as far as the lock says. */
export function lockTakenBy(lock: LockInfo): string {
  const command = lock.command === undefined ? "a command it does not name" : `\`${lock.command}\``;
  const details = [
    lock.runId === undefined ? "no run id" : `run ${lock.runId}`,
    ...(lock.updateId === undefined ? [] : [`update ${lock.updateId}`]),
    ...(lock.holder === undefined ? [] : [`by ${lock.holder}`]),
  ];
  return `${command} (${details.join(", ")})`;
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
          ? "it names no update record"
          : lock.updateOutcome === "missing"
            ? "it has no update record"
            : lock.updateOutcome === "unfinished"
              ? `its update record (command ${lock.command ?? "?"}) has no timeCompleted${lock.snapshot === true ? "" : " and no snapshot"}`
              : `its update record says it ${lock.updateOutcome}`;
      findings.push({
        rule: "stale-lock",
        severity: "blocker",
        app: input.app,
        stage: facts.stage,
        resources: [
          { type: "sst:lock", name: lock.location.replace(/^s3:\/\/[^/]+\//, ""), region: input.homeRegion },
        ],
        evidence: `the lock was taken by ${lockTakenBy(lock)} and is ${lock.ageSeconds === undefined ? "of unknown age" : `${age(lock.ageSeconds)} old`}; ${record}`,
        cause: `That ${lock.byStateward ? "stateward " : ""}run${lock.runId === undefined ? "" : ` (${lock.runId})`} was killed or cancelled without releasing the lock, so every deploy of ${facts.stage} stops with "Concurrent update detected".`,
        fix: [`stateward lock release ${stageFlags(input.app, facts.stage)}`],
      });
    }
    return findings;
  },
  remedies: (f) => [
    forStage(f, {
      kind: "release-lock",
      change: `release the lock of ${f.stage}, recording its update as failed`,
      target: "lock",
      reversible: false,
      destructive: false,
    }),
  ],
};
