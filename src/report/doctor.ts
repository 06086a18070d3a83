/**
 * `stateward doctor` as a terminal report, Markdown (PR comments, step summaries) and SARIF 2.1.0; and
 * a failed run in the Markdown and SARIF formats, so `--format` always gives one document.
 */
import type { DoctorReport } from "../actions/doctor.js";
import { coverageText, type FindingResource, type Severity } from "../rules/index.js";
import { nothingToCheckReasons, nothingToCheckText, uncheckedReasons } from "../rules/coverage.js";
import { doctorSarif, type ReportedError } from "./sarif.js";
import { plural, type Colors } from "./style.js";

const LABEL: Record<Severity, string> = { blocker: "BLOCKER", warning: "warning", info: "info" };

function resourceLine(r: FindingResource): string {
  const name =
    r.name === ""
      ? r.tags?.["sst:stage"] === undefined
        ? "(unnamed)"
        : `(tagged sst:stage=${r.tags["sst:stage"]})`
      : r.name;
  return `${r.type}  ${name}  ${r.region}${r.id === undefined ? "" : `  id ${r.id}`}`;
}

function summaryLine(r: DoctorReport): string {
  const s = r.summary;
  const parts = [plural(s.blockers, "blocker"), plural(s.warnings, "warning")];
  if (s.info > 0) parts.push(`${s.info} info`);
  const incomplete =
    r.incomplete.length > 0 ? `; INCOMPLETE: ${plural(r.incomplete.length, "part")} of the scan failed` : "";
  return `${parts.join(", ")} in ${plural(r.stages.length, "stage")} of ${r.app}${incomplete} (${plural(r.calls, "API call")}, ${(r.durationMs / 1000).toFixed(1)} s).`;
}

/** "Checked 40 of 45 resources; 5 resources of types X, Y were not checked." */
function coverageLine(r: DoctorReport): string {
  const text = coverageText(r.coverage);
  const nothing = nothingToCheckText(r.coverage);
  return `${text[0]!.toUpperCase()}${text.slice(1)}${nothing === undefined ? "" : `; ${nothing}`}.`;
}

/** The verdict when nothing was found: "No problems found" only when everything was checked. */
function noProblems(r: DoctorReport, detail: string): string {
  const missed = r.coverage.total - r.coverage.checked;
  if (missed === 0) return `No problems found: ${detail}.`;
  return `No problems found in the ${plural(r.coverage.checked, "resource")} checked; ${missed} not checked (${r.coverage.unchecked.length === 1 ? "type" : "types"} ${r.coverage.unchecked.map((u) => u.type).join(", ")}).`;
}

export function renderDoctor(r: DoctorReport, c: Colors): string {
  const lines = [
    `${c.bold("Doctor")} ${r.backend}${r.stages.length > 1 ? `  ${c.dim(`(stages ${r.stages.join(", ")})`)}` : ""}`,
  ];
  if (r.findings.length === 0 && r.incomplete.length === 0) {
    const verdict = noProblems(r, "the state matches the cloud, nothing blocks the next deploy");
    lines.push("", r.coverage.checked < r.coverage.total ? c.yellow(verdict) : c.green(verdict));
  }
  const color = (s: Severity) => (s === "blocker" ? c.red : s === "warning" ? c.yellow : c.dim);
  for (const f of r.findings) {
    lines.push(
      "",
      `${color(f.severity)(c.bold(LABEL[f.severity]))}  ${c.bold(f.rule)}  ${c.dim(`stage ${f.stage}`)}`,
    );
    for (const res of f.resources) lines.push(`  ${resourceLine(res)}`);
    lines.push(`  ${c.dim("seen:")}  ${f.evidence}`, `  ${c.dim("why:")}   ${f.cause}`);
    for (const cmd of f.fix)
      lines.push(`  ${c.dim("fix:")}   ${cmd.startsWith("#") ? c.dim(cmd) : c.cyan(cmd)}`);
  }
  if (r.incomplete.length > 0) {
    lines.push("", c.red(c.bold("Incomplete scan")));
    for (const i of r.incomplete) lines.push(c.red(`  ${i.kind} in ${i.region}: ${i.error}`));
    lines.push(c.dim("  What those calls would have found is unknown; this is not a clean bill of health."));
  }
  lines.push("", coverageLine(r));
  for (const why of uncheckedReasons(r.coverage)) lines.push(c.dim(`  not checked: ${why}`));
  for (const why of nothingToCheckReasons(r.coverage)) lines.push(c.dim(`  nothing to check: ${why}`));
  lines.push(summaryLine(r));
  return lines.join("\n");
}

function md(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderDoctorMarkdown(r: DoctorReport): string {
  const lines = [
    `## stateward doctor — ${r.app} (${r.stages.join(", ")})`,
    "",
    summaryLine(r),
    "",
    coverageLine(r),
    ...uncheckedReasons(r.coverage).map((why) => `- not checked: ${md(why)}`),
    ...nothingToCheckReasons(r.coverage).map((why) => `- nothing to check: ${md(why)}`),
    "",
  ];
  if (r.findings.length > 0) {
    lines.push("| severity | rule | stage | resources |", "| --- | --- | --- | --- |");
    for (const f of r.findings) {
      lines.push(
        `| ${f.severity} | \`${f.rule}\` | ${md(f.stage)} | ${f.resources.map((x) => `\`${md(x.name || x.type)}\``).join("<br>")} |`,
      );
    }
    lines.push("");
    for (const f of r.findings) {
      lines.push(
        `### ${f.severity === "blocker" ? "⛔" : f.severity === "warning" ? "⚠️" : "ℹ️"} ${f.rule} — ${f.stage}`,
        "",
      );
      lines.push(
        `- **Seen:** ${md(f.evidence)}`,
        `- **Why:** ${md(f.cause)}`,
        "",
        "```sh",
        ...f.fix,
        "```",
        "",
      );
    }
  } else if (r.incomplete.length === 0) {
    lines.push(noProblems(r, "the state matches the cloud"), "");
  }
  if (r.incomplete.length > 0) {
    lines.push("**Incomplete scan** — these calls failed, so the result is not clean:", "");
    for (const i of r.incomplete) lines.push(`- ${i.kind} in ${i.region}: ${md(i.error)}`);
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
  const lines = [`## ${command} — error`, "", `**${e.code}**: ${md(e.message)}`, ""];
  if (e.hint !== undefined) lines.push(`> ${md(e.hint)}`, "");
  lines.push(`Exit code ${e.exitCode}: nothing was checked to the end, so this is not a clean result.`, "");
  return lines.join("\n");
}
