/**
 * `stateward doctor` as a terminal report, Markdown (PR comments, step summaries) and SARIF 2.1.0; and
 * a failed run in the Markdown and SARIF formats, so `--format` always gives one document.
 */
import type { DoctorReport } from "../actions/doctor.js";
import { t, items } from "../i18n/index.js";
import type { Coverage, FindingResource, Severity } from "../rules/index.js";
import { nothingToCheckReasons, uncheckedReasons } from "../rules/coverage.js";
import { doctorSarif, type ReportedError } from "./sarif.js";
import { displayWidth, type Colors } from "./style.js";

/** A severity as a finding's heading shows it: a blocker in capitals. */
function label(s: Severity): string {
  const word = t(`core.severity.${s}`);
  return s === "blocker" ? word.toUpperCase() : word;
}

function resourceLine(r: FindingResource): string {
  const stage = r.tags?.["sst:stage"];
  const name =
    r.name === ""
      ? stage === undefined
        ? t("report.doctor.unnamed")
        : t("report.doctor.tagged", { stage })
      : r.name;
  return `${r.type}  ${name}  ${r.region}${r.id === undefined ? "" : `  ${t("report.adopt.id", { id: r.id })}`}`;
}

/** "2 resources", "1 resource". */
export function resources(count: number): string {
  return count === 1
    ? t("report.count.resource.one", { count })
    : t("report.count.resource.other", { count });
}

/** "12 API calls", "1 API call". */
export function apiCalls(count: number): string {
  return count === 1
    ? t("report.count.api-call.one", { count })
    : t("report.count.api-call.other", { count });
}

/** "Requests sent, by service (…): s3 12, ssm 1; 6 before the cloud scan." */
export function callsByServiceLine(counts: {
  byService: Record<string, number>;
  beforeScan?: number;
}): string | undefined {
  const services = items(Object.entries(counts.byService).map(([service, n]) => `${service} ${n}`));
  if (services === "") return undefined;
  return counts.beforeScan === undefined
    ? t("report.calls.by-service", { services })
    : t("report.calls.by-service.before-scan", { services, before: counts.beforeScan });
}

/** "2 parts", "1 part" (of a scan that failed). */
export function parts(count: number): string {
  return count === 1 ? t("report.count.part.one", { count }) : t("report.count.part.other", { count });
}

/** "kind in region: error": one failed part of a scan. */
export function incompletePart(i: { kind: string; region: string; error: string }): string {
  return t("report.incomplete-part", { kind: i.kind, region: i.region, error: i.error });
}

function summaryLine(r: DoctorReport): string {
  const s = r.summary;
  const n = r.stages.length;
  return t("report.doctor.summary", {
    blockers:
      s.blockers === 1
        ? t("report.count.blocker.one", { count: s.blockers })
        : t("report.count.blocker.other", { count: s.blockers }),
    warnings:
      s.warnings === 1
        ? t("report.count.warning.one", { count: s.warnings })
        : t("report.count.warning.other", { count: s.warnings }),
    info: s.info > 0 ? t("report.doctor.summary-info", { count: s.info }) : "",
    stages: n === 1 ? t("report.count.stage.one", { count: n }) : t("report.count.stage.other", { count: n }),
    app: r.app,
    incomplete:
      r.incomplete.length > 0
        ? t("report.doctor.summary-incomplete", { parts: parts(r.incomplete.length) })
        : "",
    calls: apiCalls(r.calls),
    seconds: (r.durationMs / 1000).toFixed(1),
  });
}

/** "; 2 entries have nothing in AWS to check (types X, Y)", or "" when none. */
function nothingSuffix(c: Coverage): string {
  const list = c.nothingToCheck ?? [];
  if (list.length === 0) return "";
  const count = list.reduce((k, u) => k + u.count, 0);
  const distinct = [...new Set(list.map((u) => u.type))];
  const types = items(distinct);
  const oneType = distinct.length === 1 ? "one" : "other";
  if (count === 1)
    return oneType === "one"
      ? t("report.coverage.nothing.one.type", { count, types })
      : t("report.coverage.nothing.one.types", { count, types });
  return oneType === "one"
    ? t("report.coverage.nothing.other.type", { count, types })
    : t("report.coverage.nothing.other.types", { count, types });
}

/** "Checked 40 of 45 resources; 5 resources of types X, Y were not checked." */
export function coverageLine(c: Coverage): string {
  const nothing = nothingSuffix(c);
  if (c.total === 0) return t("report.coverage.empty", { nothing });
  if (c.unchecked.length === 0)
    return c.total === 1
      ? t("report.coverage.all.one", { nothing })
      : t("report.coverage.all.other", { total: c.total, nothing });
  const missed = c.total - c.checked;
  const params = {
    checked: c.checked,
    total: resources(c.total),
    missed: resources(missed),
    types: items(c.unchecked.map((u) => u.type)),
    nothing,
  };
  if (missed === 1)
    return c.unchecked.length === 1
      ? t("report.coverage.partial.one.type", params)
      : t("report.coverage.partial.one.types", params);
  return c.unchecked.length === 1
    ? t("report.coverage.partial.other.type", params)
    : t("report.coverage.partial.other.types", params);
}

/** The verdict when nothing was found: "No problems found" only when everything was checked. */
function noProblems(r: DoctorReport, full: boolean): string {
  const missed = r.coverage.total - r.coverage.checked;
  if (missed === 0) return full ? t("report.doctor.no-problems") : t("report.doctor.no-problems-short");
  const params = {
    checked: resources(r.coverage.checked),
    missed,
    types: items(r.coverage.unchecked.map((u) => u.type)),
  };
  return r.coverage.unchecked.length === 1
    ? t("report.doctor.no-problems-partial.type", params)
    : t("report.doctor.no-problems-partial.types", params);
}

/** The finding's labels ("seen:", "why:", "fix:"), padded to one column. */
function findingLabels(): { seen: string; why: string; fix: string } {
  const words = { seen: t("report.doctor.seen"), why: t("report.doctor.why"), fix: t("report.doctor.fix") };
  const max = Math.max(...Object.values(words).map(displayWidth));
  const pad = (s: string) => " ".repeat(max + 2 - displayWidth(s));
  return { seen: pad(words.seen), why: pad(words.why), fix: pad(words.fix) };
}

export function renderDoctor(r: DoctorReport, c: Colors): string {
  const lines = [
    `${c.bold(t("report.doctor.title"))} ${r.backend}${r.stages.length > 1 ? `  ${c.dim(t("report.doctor.stages", { stages: items(r.stages) }))}` : ""}`,
  ];
  if (r.findings.length === 0 && r.incomplete.length === 0) {
    const verdict = noProblems(r, true);
    lines.push("", r.coverage.checked < r.coverage.total ? c.yellow(verdict) : c.green(verdict));
  }
  const color = (s: Severity) => (s === "blocker" ? c.red : s === "warning" ? c.yellow : c.dim);
  const pad = findingLabels();
  for (const f of r.findings) {
    lines.push(
      "",
      `${color(f.severity)(c.bold(label(f.severity)))}  ${c.bold(f.rule)}  ${c.dim(t("report.stage", { stage: f.stage }))}`,
    );
    for (const res of f.resources) lines.push(`  ${resourceLine(res)}`);
    lines.push(
      `  ${c.dim(t("report.doctor.seen"))}${pad.seen}${f.evidence}`,
      `  ${c.dim(t("report.doctor.why"))}${pad.why}${f.cause}`,
    );
    for (const cmd of f.fix)
      lines.push(
        `  ${c.dim(t("report.doctor.fix"))}${pad.fix}${cmd.startsWith("#") ? c.dim(cmd) : c.cyan(cmd)}`,
      );
  }
  if (r.incomplete.length > 0) {
    lines.push("", c.red(c.bold(t("report.doctor.incomplete"))));
    for (const i of r.incomplete) lines.push(c.red(`  ${incompletePart(i)}`));
    lines.push(c.dim(`  ${t("report.doctor.incomplete-unknown")}`));
  }
  lines.push("", coverageLine(r.coverage));
  for (const why of uncheckedReasons(r.coverage)) lines.push(c.dim(`  ${t("report.not-checked", { why })}`));
  for (const why of nothingToCheckReasons(r.coverage))
    lines.push(c.dim(`  ${t("report.nothing-to-check", { why })}`));
  const calls = r.callCounts === undefined ? undefined : callsByServiceLine(r.callCounts);
  if (calls !== undefined) lines.push(c.dim(calls));
  lines.push(summaryLine(r));
  return lines.join("\n");
}

function md(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderDoctorMarkdown(r: DoctorReport): string {
  const lines = [
    t("report.doctor.md-title", { app: r.app, stages: items(r.stages) }),
    "",
    summaryLine(r),
    "",
    coverageLine(r.coverage),
    ...uncheckedReasons(r.coverage).map((why) => `- ${t("report.not-checked", { why: md(why) })}`),
    ...nothingToCheckReasons(r.coverage).map((why) => `- ${t("report.nothing-to-check", { why: md(why) })}`),
    "",
  ];
  if (r.findings.length > 0) {
    const head = [
      t("report.doctor.md-severity"),
      t("report.doctor.md-rule"),
      t("report.doctor.md-stage"),
      t("report.doctor.md-resources"),
    ];
    lines.push(`| ${head.join(" | ")} |`, "| --- | --- | --- | --- |");
    for (const f of r.findings) {
      lines.push(
        `| ${t(`core.severity.${f.severity}`)} | \`${f.rule}\` | ${md(f.stage)} | ${f.resources.map((x) => `\`${md(x.name || x.type)}\``).join("<br>")} |`,
      );
    }
    lines.push("");
    for (const f of r.findings) {
      lines.push(
        `### ${f.severity === "blocker" ? "⛔" : f.severity === "warning" ? "⚠️" : "ℹ️"} ${f.rule} — ${f.stage}`,
        "",
      );
      lines.push(
        `- **${t("report.doctor.md-seen")}** ${md(f.evidence)}`,
        `- **${t("report.doctor.md-why")}** ${md(f.cause)}`,
        "",
        "```sh",
        ...f.fix,
        "```",
        "",
      );
    }
  } else if (r.incomplete.length === 0) {
    lines.push(noProblems(r, false), "");
  }
  if (r.incomplete.length > 0) {
    lines.push(t("report.doctor.md-incomplete"), "");
    for (const i of r.incomplete) lines.push(`- ${md(incompletePart(i))}`);
    lines.push("");
  }
  return lines.join("\n");
}

/**
 * SARIF 2.1.0 (report/sarif.ts): one result per finding, located in the stage's state object
 * (`states`: stage → URI, from stateLocations) and at the resources it names.
 */
export function renderDoctorSarif(r: DoctorReport, states: Record<string, string> = {}): string {
  return JSON.stringify(doctorSarif(r, states), null, 2);
}

/** A failed run as a Markdown section (for a step summary or PR comment that expected the report). */
export function renderErrorMarkdown(e: ReportedError, command = "stateward"): string {
  const lines = [t("report.error.md-title", { command }), "", `**${e.code}**: ${md(e.message)}`, ""];
  if (e.hint !== undefined) lines.push(`> ${md(e.hint)}`, "");
  lines.push(t("report.error.md-exit", { code: e.exitCode }), "");
  return lines.join("\n");
}
