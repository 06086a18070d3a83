/**
 * The one message `--notify` posts: plain JSON fields (app, stage, command, exit code, the problems
 * and the commands that fix them) plus a `text` field holding a readable summary, so the same body
 * works as a Slack or Teams incoming webhook. Feishu/Lark and DingTalk bots want their own envelope
 * (chosen by the URL's host); the plain fields stay in every body.
 */
import type { DoctorReport } from "../actions/doctor.js";
import type { ExplainResult } from "../explain/types.js";
import type { PreflightReport } from "../actions/preflight.js";
import { t } from "../i18n/index.js";
import { isoTime } from "../report/time.js";

export type AlertEvent = "deploy-failed" | "deploy-stopped" | "blockers";

export interface AlertProblem {
  /** explain's problem kind (`already-exists`, `locked`, …), for a failed deploy's output. */
  kind?: string;
  /** The doctor rule. */
  rule?: string;
  /** The stage a doctor finding is about. */
  stage?: string;
  type?: string;
  name?: string;
  cause: string;
}

export interface Alert {
  /** A readable summary (Slack, Teams; the same words as the fields below). */
  text: string;
  source: "stateward";
  event: AlertEvent;
  app: string;
  stage: string;
  /** The deploy command, as run (guard). */
  command?: string;
  /** The command's exit code, or the one guard/doctor ended with. */
  exitCode: number;
  /** One line: what happened. */
  summary: string;
  problems: AlertProblem[];
  /** The commands that fix it (lines starting with `#` say what to do). */
  fix: string[];
  time: string;
}

/** At most this many problems and fix lines go into one message. */
const MAX_PROBLEMS = 20;
const MAX_FIX = 30;

type AlertFacts = Omit<Alert, "text" | "source" | "time">;

function finish(facts: AlertFacts, now: Date): Alert {
  return { text: alertText(facts), source: "stateward", ...facts, time: isoTime(now) };
}

function uniqueFix(lists: string[][]): string[] {
  return [...new Set(lists.flat())].slice(0, MAX_FIX);
}

/** A deploy command guard ran exited non-zero; `explained` is explain's reading of its output. */
export function failedDeployAlert(
  where: { app: string; stage: string },
  command: string[],
  exitCode: number,
  explained: ExplainResult,
  now = new Date(),
): Alert {
  const problems = explained.problems.slice(0, MAX_PROBLEMS).map((p): AlertProblem => ({
    kind: p.kind,
    ...(p.rule === undefined ? {} : { rule: p.rule }),
    ...(p.resource?.type === undefined ? {} : { type: p.resource.type }),
    ...(p.resource?.name === undefined ? {} : { name: p.resource.name }),
    cause: p.cause,
  }));
  const cmd = command.join(" ");
  const count = explained.problems.length;
  const summary =
    count === 0
      ? explained.failure === undefined
        ? t("guard.alert.failed.none", { command: cmd, code: exitCode })
        : t("guard.alert.failed.line", { command: cmd, code: exitCode, line: explained.failure.text })
      : count === 1
        ? t("guard.alert.failed.one", { command: cmd, code: exitCode })
        : t("guard.alert.failed.other", { command: cmd, code: exitCode, count });
  return finish(
    {
      event: "deploy-failed",
      ...where,
      command: cmd,
      exitCode,
      summary,
      problems,
      fix: uniqueFix(explained.problems.map((p) => p.fix)),
    },
    now,
  );
}

function blockerProblems(report: DoctorReport): { problems: AlertProblem[]; fix: string[] } {
  const blockers = report.findings.filter((f) => f.severity === "blocker");
  return {
    problems: blockers.slice(0, MAX_PROBLEMS).map((f): AlertProblem => ({
      rule: f.rule,
      stage: f.stage,
      ...(f.resources[0] === undefined ? {} : { type: f.resources[0].type, name: f.resources[0].name }),
      cause: f.cause,
    })),
    fix: uniqueFix(blockers.map((f) => f.fix)),
  };
}

/** Each name preflight found taken, as a problem, and the fixes. */
function preflightProblems(report: PreflightReport): { problems: AlertProblem[]; fix: string[] } {
  return {
    problems: report.blockers
      .slice(0, MAX_PROBLEMS)
      .map((b): AlertProblem => ({ kind: "already-exists", type: b.type, name: b.name, cause: b.cause })),
    fix: uniqueFix(report.blockers.map((b) => b.fix)),
  };
}

/** guard stopped the deploy before it ran: doctor found blockers, or preflight found names taken. */
export function stoppedDeployAlert(
  where: { app: string; stage: string },
  command: string[],
  exitCode: number,
  stoppedBy: DoctorReport | PreflightReport,
  now = new Date(),
): Alert {
  const cmd = command.join(" ");
  const byDoctor = "findings" in stoppedBy;
  const n = byDoctor ? stoppedBy.summary.blockers : stoppedBy.blockers.length;
  const summary = byDoctor
    ? n === 1
      ? t("guard.alert.stopped.one", { command: cmd })
      : t("guard.alert.stopped.other", { command: cmd, count: n })
    : n === 1
      ? t("guard.alert.preflight.one", { command: cmd })
      : t("guard.alert.preflight.other", { command: cmd, count: n });
  const found = byDoctor ? blockerProblems(stoppedBy) : preflightProblems(stoppedBy);
  return finish({ event: "deploy-stopped", ...where, command: cmd, exitCode, summary, ...found }, now);
}

/** doctor found blockers. */
export function blockersAlert(
  where: { app: string; stage: string },
  exitCode: number,
  report: DoctorReport,
  now = new Date(),
): Alert {
  const n = report.summary.blockers;
  return finish(
    {
      event: "blockers",
      ...where,
      exitCode,
      summary: n === 1 ? t("guard.alert.blockers.one") : t("guard.alert.blockers.other", { count: n }),
      ...blockerProblems(report),
    },
    now,
  );
}

/** The readable summary: a title line, the summary, one line per problem, the fix commands. */
export function alertText(a: AlertFacts): string {
  const lines = [
    a.command === undefined
      ? t("guard.alert.title.doctor", { app: a.app, stage: a.stage })
      : t("guard.alert.title.deploy", { app: a.app, stage: a.stage, code: a.exitCode }),
    a.summary,
  ];
  for (const p of a.problems) {
    const what = [p.kind ?? p.rule, p.type, p.name].filter((x) => x !== undefined).join(" ");
    lines.push(`- ${what}: ${p.cause}`);
  }
  if (a.fix.length > 0) {
    lines.push(t("guard.alert.fix"));
    for (const f of a.fix) lines.push(`  ${f}`);
  }
  return lines.join("\n");
}

/** The chat service a webhook URL belongs to, by its host. */
export type WebhookFlavor = "feishu" | "dingtalk" | "plain";

export function webhookFlavor(url: URL): WebhookFlavor {
  const host = url.hostname.toLowerCase();
  if (host === "open.feishu.cn" || host === "open.larksuite.com") return "feishu";
  if (host === "oapi.dingtalk.com" && url.pathname.startsWith("/robot/send")) return "dingtalk";
  return "plain";
}

/**
 * The body to post: the alert as plain JSON (its `text` serves Slack and Teams); for Feishu/Lark bots
 * also `{"msg_type":"text","content":{"text":…}}`; for DingTalk bots `{"msgtype":"text","text":
 * {"content":…}}` (there `text` must be that object; the one-line `summary` is still a plain field).
 */
export function alertBody(alert: Alert, url: URL): Record<string, unknown> {
  switch (webhookFlavor(url)) {
    case "feishu":
      return { msg_type: "text", content: { text: alert.text }, ...alert };
    case "dingtalk":
      return { msgtype: "text", ...alert, text: { content: alert.text } };
    case "plain":
      return { ...alert };
  }
}
