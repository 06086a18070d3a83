/**
 * `stateward audit list`: one timeline, newest first, of the deploys `stateward guard` ran and the
 * changes stateward made to the state. State changes read as `stateward audit` shows them; deploys
 * show their command, exit code, commit, who, and doctor's findings before and after.
 */
import type { AuditList } from "../actions/lock.js";
import type { AuditRecord, DeployFindings, DeployRecord } from "../backends/audit.js";
import { t, items } from "../i18n/index.js";
import { renderAudit } from "./history.js";
import type { Colors } from "./style.js";
import { when } from "./time.js";

function findingsText(f: DeployFindings): string {
  if (f.status === "no-state") return t("guard.timeline.noState");
  if (f.status === "skipped") return t("guard.timeline.skipped");
  if (f.status === "failed") return t("guard.timeline.failed", { error: f.error ?? "?" });
  const counts = t("guard.timeline.counts", { blockers: f.blockers ?? 0, warnings: f.warnings ?? 0 });
  return f.rules === undefined || f.rules.length === 0 ? counts : `${counts} (${items(f.rules)})`;
}

function deployLines(r: AuditRecord, d: DeployRecord, c: Colors): string[] {
  const seconds = Math.max(0, Math.round((Date.parse(d.ended) - Date.parse(d.started)) / 1000));
  const exit = t("guard.timeline.exit", { code: d.exitCode, seconds });
  const lines = [
    `${c.bold(when(d.started))}  ${t("guard.timeline.deploy")}  ${c.dim(t("guard.timeline.by", { who: r.who }))}`,
    `  ${d.command.join(" ")}  ${d.exitCode === 0 ? c.green(exit) : c.red(exit)}`,
  ];
  if (d.commit !== undefined)
    lines.push(c.dim(`  ${t("guard.timeline.commit", { commit: d.commit.slice(0, 12) })}`));
  lines.push(c.dim(`  ${t("guard.timeline.before", { findings: findingsText(d.before) })}`));
  lines.push(c.dim(`  ${t("guard.timeline.after", { findings: findingsText(d.after) })}`));
  if (d.notified !== undefined)
    lines.push(c.dim(`  ${d.notified ? t("guard.timeline.notified") : t("guard.timeline.notNotified")}`));
  return lines;
}

export function renderAuditTimeline(a: AuditList, c: Colors): string {
  if (!a.records.some((r) => r.deploy !== undefined)) return renderAudit(a, c);
  const none: AuditList = { ...a, records: [], unreadable: [] };
  // renderAudit's own header, and its lines for each state change (without that header).
  const lines = [renderAudit(none, c).split("\n")[0]!];
  for (const r of a.records) {
    if (r.deploy !== undefined) lines.push(...deployLines(r, r.deploy, c));
    else
      lines.push(
        ...renderAudit({ ...none, records: [r] }, c)
          .split("\n")
          .slice(1),
      );
  }
  // Its warnings about unreadable records come after its line for an empty log.
  if (a.unreadable.length > 0)
    lines.push(
      ...renderAudit({ ...none, unreadable: a.unreadable }, c)
        .split("\n")
        .slice(2),
    );
  return lines.join("\n");
}
