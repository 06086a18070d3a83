/** Human rendering of `stateward preflight`: the names the deploy would collide on, and what was not checked. */
import type { PreflightReport } from "../actions/preflight.js";
import { t, items } from "../i18n/index.js";
import type { Colors } from "./style.js";

function heading(r: PreflightReport): string {
  const counts = { creates: r.plan.creates, checked: r.checked, calls: r.calls.total };
  if (r.plan.format === "predicted")
    return t("preflight.report.heading-predicted", {
      app: r.app,
      stage: r.stage,
      source: r.plan.source,
      ...counts,
    });
  const format =
    r.plan.format === "pulumi-preview" ? "pulumi preview --json" : t("preflight.report.event-log");
  return t("preflight.report.heading", {
    app: r.app,
    stage: r.stage,
    source: r.plan.source,
    format,
    ...counts,
  });
}

export function renderPreflight(r: PreflightReport, c: Colors): string {
  const lines: string[] = [heading(r)];
  if (r.firstDeploy !== undefined)
    lines.push(
      c.yellow(
        r.firstDeploy.like === undefined
          ? t("preflight.report.first-deploy", { stage: r.stage })
          : t("preflight.report.first-deploy-like", { stage: r.stage, like: r.firstDeploy.like }),
      ),
    );
  const newApp = r.firstDeploy?.newApp;
  if (newApp !== undefined) {
    const known = { app: r.app, apps: items(newApp.apps) };
    lines.push(
      c.yellow(
        newApp.like === undefined
          ? t("preflight.report.new-app", known)
          : t("preflight.report.new-app-like", { ...known, like: newApp.like }),
      ),
    );
  }
  if (r.plan.format === "predicted") lines.push(c.dim(t("preflight.report.predicted-note")));
  for (const b of r.blockers) {
    lines.push(
      "",
      c.red(c.bold(`${t("preflight.report.blocker")} ${b.label} ${b.name}`)) +
        c.dim(` (${b.region}) — ${b.urn}`),
    );
    if (b.predictedFrom !== undefined)
      lines.push(c.dim(`  ${t("preflight.report.predicted-from", { stage: b.predictedFrom })}`));
    lines.push(`  ${t("preflight.report.why")}: ${b.cause}`);
    for (const f of b.fix) lines.push(`  ${t("preflight.report.fix")}: ${f}`);
  }
  if (r.unchecked.length > 0) {
    lines.push("", c.yellow(t("preflight.report.not-checked")));
    for (const u of r.unchecked)
      lines.push(
        `  ${t("preflight.report.unchecked-line", { count: u.count, type: u.type, reason: u.reason })}`,
      );
  }
  if (r.incomplete.length > 0) {
    const failed = r.incomplete.length;
    lines.push(
      "",
      c.yellow(
        failed === 1
          ? t("preflight.report.incomplete.one")
          : t("preflight.report.incomplete.other", { count: failed }),
      ),
    );
    for (const i of r.incomplete) lines.push(`  ${i.urn}: ${i.error}`);
  }
  lines.push("", verdict(r, c));
  return lines.join("\n");
}

/** The last line: taken, incomplete, clean — or, when no name was looked up at all, that nothing was. */
function verdict(r: PreflightReport, c: Colors): string {
  const n = r.blockers.length;
  if (n > 0)
    return c.red(n === 1 ? t("preflight.report.taken.one") : t("preflight.report.taken.other", { count: n }));
  if (r.incomplete.length > 0) return c.yellow(t("preflight.report.none-incomplete"));
  if (r.checked === 0 && r.plan.creates === 0)
    return c.yellow(
      r.plan.format === "predicted"
        ? t("preflight.report.nothing-predicted")
        : t("preflight.report.nothing-planned"),
    );
  if (r.checked === 0) return c.yellow(t("preflight.report.nothing-looked-up"));
  return c.green(
    r.unchecked.length > 0 ? t("preflight.report.none-among-checked") : t("preflight.report.none"),
  );
}
