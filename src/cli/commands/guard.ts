/**
 * `guard`: doctor first, then the deploy command, then explain its failure; `--notify` posts an alert
 * on a failed or stopped deploy, and every deploy it runs is kept in the stage's audit log with
 * doctor's findings before and after it.
 */
import type { Command } from "commander";
import type { DeployFindings } from "../../backends/audit.js";
import type { DoctorReport } from "../../actions/doctor.js";
import type { DeployingStage } from "../../actions/guard.js";
import type { FirstDeployHint } from "../../backends/stages.js";
import type { PreflightReport } from "../../actions/preflight.js";
import type { Plan } from "../../preflight/plan-file.js";
import { t, items } from "../../i18n/index.js";
import type { Alert } from "../../notify/message.js";
import { noNotifyOption, notifyFrom, notifyOption, sendAlert } from "../../notify/index.js";
import type { NotifyTarget } from "../../notify/webhook.js";
import { colorsEnabled, makeColors } from "../../report/style.js";
import type { Colors } from "../../report/style.js";
import { agoSeconds } from "../../report/time.js";
import { ExitCode } from "../exit-codes.js";
import { jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";

type GuardFlags = StageFlags & {
  force?: boolean;
  /** `--preflight <plan>`, or `--preflight` alone (true): the names preflight can predict without a plan. */
  preflight?: string | true;
  exclusive?: boolean;
  notify?: string | boolean;
  recheck?: boolean;
};

/** guard's one JSON document (--json). */
export interface GuardResult {
  app?: string;
  stage?: string;
  command: string[];
  /** Whether the command ran (false: doctor, --preflight or --exclusive stopped it first). */
  ran: boolean;
  exitCode: number;
  before: DeployFindings;
  /**
   * The stage had no state (its first deploy), as preflight's JSON says it: the existing stage its name
   * is close to, and the apps here when the app has no stage at all (a mistyped --stage or --app).
   */
  firstDeploy?: FirstDeployHint;
  after?: DeployFindings;
  /** The problems explain found in a failed command's output. */
  problems?: { kind: string; rule?: string; type?: string; name?: string }[];
  /** true/false when an alert was due and --notify (or STATEWARD_NOTIFY_URL) named a webhook. */
  notified?: boolean;
  /** Where the deploy's audit record was written. */
  audit?: string;
}

export function registerGuard(program: Command, run: Run): void {
  stageOptions(
    program
      .command("guard")
      .description(t("guard.help.description"))
      .argument("<command...>", t("guard.help.argument")),
  )
    .option("--force", t("guard.option.force"))
    .option("--preflight [plan]", t("guard.option.preflight"))
    .option("--exclusive", t("guard.option.exclusive"))
    .option("--no-recheck", t("guard.option.noRecheck"))
    .addOption(notifyOption())
    .addOption(noNotifyOption())
    .addOption(jsonOption())
    .action((command: string[], opts: GuardFlags) => guard(run, command, opts));
}

/** What one guard run carries from step to step. */
interface GuardRun {
  run: Run;
  /** `--preflight <plan>`, read before anything runs (a missing or bad plan is an error up front). */
  plan: { source: string; plan: Plan } | undefined;
  command: string[];
  opts: GuardFlags;
  target: NotifyTarget | undefined;
  c: Colors;
  where: { app: string; stage: string };
  /** The stage has no state: what its name may be a typo of. */
  firstDeploy: FirstDeployHint | undefined;
  result: GuardResult;
}

async function guard(run: Run, command: string[], opts: GuardFlags): Promise<void> {
  const target = notifyFrom(opts.notify, run.io.env);
  const { readDeployPlan } = await import("../../actions/preflight.js");
  const plan = typeof opts.preflight === "string" ? await readDeployPlan(opts.preflight) : undefined;
  const c = makeColors(colorsEnabled(run.io.env, run.io.stderr.isTTY === true, opts.color));
  const { doctor } = await import("../../actions/doctor.js");
  const { stagesDeployingNow, findingsOf } = await import("../../actions/guard.js");
  // A first deploy's stage has no state yet: nothing for doctor to check, the rest still runs.
  const { firstDeployHint } = await import("../../backends/stages.js");
  const { report, deploying, where, firstDeploy } = await run.stage(
    { ...opts, mayBeNew: true },
    async (open) => {
      const fresh = (await open.backend.readState(open.signal)) === undefined;
      return {
        where: { app: open.backend.app, stage: open.backend.stage },
        deploying: await stagesDeployingNow(open),
        report: fresh ? undefined : await doctor(open),
        // A stage with no state may be a typo of one that has: named, so the wrong stage is not guarded.
        firstDeploy: fresh
          ? await firstDeployHint(open.backend, await open.backend.listStages(open.signal), open.signal)
          : undefined,
      };
    },
  );
  const g: GuardRun = {
    run,
    plan,
    command,
    opts,
    target,
    c,
    where,
    firstDeploy,
    result: {
      ...where,
      command,
      ran: false,
      exitCode: ExitCode.ok,
      before: findingsOf(report),
      ...(firstDeploy === undefined ? {} : { firstDeploy }),
    },
  };
  const stopped = (await stopsBefore(g, deploying, report)) ?? (await deploy(g));
  g.result.exitCode = stopped;
  if (opts.json === true) run.emit(opts, g.result, () => "", stopped);
  else run.exitCode = stopped;
}

/** Another stage deploying (with --exclusive), doctor's blockers, --preflight: guard's exit code when one stops the deploy. */
async function stopsBefore(
  g: GuardRun,
  deploying: DeployingStage[],
  report: DoctorReport | undefined,
): Promise<number | undefined> {
  const { run, command, opts, c } = g;
  const me = c.red("stateward guard");
  if (deploying.length > 0) {
    const list = items(
      deploying.map((d) => {
        const ago = agoSeconds(d.ageSeconds ?? 0);
        const cmd = d.command ?? t("guard.deploying.aDeploy");
        return d.holder === undefined
          ? t("guard.deploying.item", { stage: d.stage, command: cmd, ago })
          : t("guard.deploying.itemBy", { stage: d.stage, command: cmd, holder: d.holder, ago });
      }),
    );
    run.io.stderr.write(`${t("guard.deploying.warning", { me: c.yellow("stateward guard"), list })}\n`);
    if (opts.exclusive === true) {
      run.io.stderr.write(`${t("guard.deploying.refused", { me, command: command.join(" ") })}\n`);
      return ExitCode.blockers;
    }
  }
  if (report === undefined) run.io.stderr.write(`${noStateLine(g.where, g.firstDeploy)}\n`);
  else if (report.findings.length > 0 || report.incomplete.length > 0) {
    const { renderDoctor } = await import("../../report/doctor.js");
    run.io.stderr.write(renderDoctor(report, c) + "\n\n");
  }
  if (report !== undefined && report.summary.blockers > 0 && opts.force !== true) {
    const n = report.summary.blockers;
    await stopDeploy(
      g,
      n === 1
        ? t("guard.stopped.one", { me, command: command.join(" ") })
        : t("guard.stopped.other", { me, command: command.join(" "), count: n }),
      report,
    );
    return ExitCode.blockers;
  }
  if (report !== undefined && report.summary.blockers > 0) {
    const n = report.summary.blockers;
    const forced = { me: c.yellow("stateward guard"), command: command.join(" "), count: n };
    run.io.stderr.write(`${n === 1 ? t("guard.forced.one", forced) : t("guard.forced.other", forced)}\n`);
  }
  if (opts.preflight !== undefined && !(await preflightPasses(g, c))) return run.exitCode;
  return undefined;
}

/** "no state yet", and the stage or app it may be a typo of. */
function noStateLine(where: { app: string; stage: string }, hint: FirstDeployHint | undefined): string {
  const like = hint?.like === undefined ? "" : t("guard.noState.like", { like: hint.like });
  const apps = hint?.newApp;
  const app =
    apps === undefined
      ? ""
      : t(apps.like === undefined ? "guard.noState.newApp" : "guard.noState.newAppLike", {
          app: where.app,
          apps: items(apps.apps),
          like: apps.like ?? "",
        });
  return t("guard.noState", { stage: where.stage }) + like + app;
}

/** Runs the deploy command; on failure explains and notifies; then doctor again and the audit record. */
async function deploy(g: GuardRun): Promise<number> {
  const { run, command, c, result } = g;
  const { runThrough, explainOutput, gitCommit } = await import("../../actions/guard.js");
  const started = new Date();
  const commit = await gitCommit(run.io.cwd ?? process.cwd());
  // With --json stdout holds the one document: the command's stdout goes to stderr.
  const io = g.opts.json === true ? { stdout: run.io.stderr, stderr: run.io.stderr } : run.io;
  const ran = await runThrough(command, io, { ...process.env, ...run.io.env });
  const ended = new Date();
  result.ran = true;
  if (ran.exitCode !== 0) {
    const explained = explainOutput(ran);
    if (explained.problems.length > 0) {
      const { renderExplain } = await import("../../report/explain.js");
      const source = t("guard.explain.source", { command: command[0]! });
      run.io.stderr.write(`\n${renderExplain({ ...explained, source }, c)}\n`);
    } else {
      const me = c.yellow("stateward guard");
      const failed = { me, command: command.join(" "), code: ran.exitCode };
      run.io.stderr.write(`\n${t("guard.failed.unexplained", failed)}\n`);
    }
    result.problems = explained.problems.map((p) => ({
      kind: p.kind,
      ...(p.rule === undefined ? {} : { rule: p.rule }),
      ...(p.resource?.type === undefined ? {} : { type: p.resource.type }),
      ...(p.resource?.name === undefined ? {} : { name: p.resource.name }),
    }));
    if (g.target !== undefined) {
      const { failedDeployAlert } = await import("../../notify/message.js");
      result.notified = await notify(
        run,
        g.target,
        failedDeployAlert(g.where, command, ran.exitCode, explained),
      );
    }
  }
  await afterDeploy(run, g.opts, result, { started, ended, commit, exitCode: ran.exitCode });
  // The deploy command's own exit code.
  return ran.exitCode;
}

async function notify(run: Run, target: NotifyTarget, alert: Alert): Promise<boolean> {
  return sendAlert(target, alert, run.io.stderr, "stateward guard");
}

/**
 * After the command: doctor again (what the deploy left), and the deploy's audit record. Neither
 * changes guard's exit code; a failure is one warning line.
 */
async function afterDeploy(
  run: Run,
  opts: GuardFlags,
  result: GuardResult,
  deploy: { started: Date; ended: Date; commit: string | undefined; exitCode: number },
): Promise<void> {
  const { doctor } = await import("../../actions/doctor.js");
  const { findingsOf, failedFindings, recordDeploy } = await import("../../actions/guard.js");
  try {
    await run.stage({ ...opts, mayBeNew: true }, async (open) => {
      let after: DeployFindings = { status: "skipped" };
      if (opts.recheck !== false) {
        try {
          const report: DoctorReport | undefined =
            (await open.backend.readState(open.signal)) === undefined ? undefined : await doctor(open);
          after = findingsOf(report);
        } catch (e) {
          after = failedFindings(e);
        }
      }
      result.after = after;
      result.audit = await recordDeploy(open, {
        command: result.command,
        started: deploy.started.toISOString(),
        ended: deploy.ended.toISOString(),
        exitCode: deploy.exitCode,
        ...(deploy.commit === undefined ? {} : { commit: deploy.commit }),
        before: result.before,
        after,
        ...(result.notified === undefined ? {} : { notified: result.notified }),
      });
    });
  } catch (e) {
    run.io.stderr.write(
      `${t("guard.audit.failed", { reason: e instanceof Error ? e.message : String(e) })}\n`,
    );
  }
}

/**
 * `--preflight [plan]`: the plan's taken names (with no plan, the names preflight can predict) stop the
 * deploy (unless --force); false when stopped.
 */
async function preflightPasses(g: GuardRun, c: Colors): Promise<boolean> {
  const { run, opts, command } = g;
  const { preflight, predictedPreflight } = await import("../../actions/preflight.js");
  const { renderPreflight } = await import("../../report/preflight.js");
  const given = g.plan;
  const report = await run.stage({ ...opts, mayBeNew: true }, (open) =>
    given === undefined ? predictedPreflight(open) : preflight(open, given.plan, given.source),
  );
  if (report.blockers.length === 0 && report.incomplete.length === 0) return true;
  run.io.stderr.write(renderPreflight(report, c) + "\n\n");
  if (report.blockers.length === 0 || opts.force === true) return true;
  const n = report.blockers.length;
  const me = c.red("stateward guard");
  await stopDeploy(
    g,
    n === 1
      ? t("guard.preflight.stopped.one", { me, command: command.join(" ") })
      : t("guard.preflight.stopped.other", { me, command: command.join(" "), count: n }),
    report,
  );
  run.exitCode = ExitCode.blockers;
  return false;
}

/** Says why the deploy does not run, and alerts (--notify) with what stopped it. */
async function stopDeploy(
  g: GuardRun,
  why: string,
  stoppedBy: DoctorReport | PreflightReport,
): Promise<void> {
  g.run.io.stderr.write(`${why}\n`);
  if (g.target === undefined) return;
  const { stoppedDeployAlert } = await import("../../notify/message.js");
  g.result.notified = await notify(
    g.run,
    g.target,
    stoppedDeployAlert(g.where, g.command, ExitCode.blockers, stoppedBy),
  );
}
