/** `stateward doctor` as a terminal report, Markdown (PR comments, step summaries) and SARIF 2.1.0. */
import type { DoctorReport } from "../actions/doctor.js";
import { coverageText, type FindingResource, type Severity } from "../rules/index.js";
import { VERSION } from "../version.js";
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
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
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
  lines.push("", coverageLine(r), summaryLine(r));
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

const SARIF_LEVEL: Record<Severity, string> = { blocker: "error", warning: "warning", info: "note" };

/** SARIF 2.1.0: one result per finding; rules carry their cause; locations are logical (URN or name). */
export function renderDoctorSarif(r: DoctorReport): string {
  const ruleIds = [...new Set(r.findings.map((f) => f.rule))];
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "stateward",
            version: VERSION,
            rules: ruleIds.map((id) => ({
              id,
              name: id,
              shortDescription: { text: r.findings.find((f) => f.rule === id)!.cause },
            })),
          },
        },
        results: r.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: SARIF_LEVEL[f.severity],
          message: { text: `${f.evidence}. ${f.cause} Fix: ${f.fix.join(" ; ")}` },
          locations: f.resources.map((x) => ({
            logicalLocations: [
              {
                name: x.name || x.type,
                fullyQualifiedName: x.urn ?? `${x.type}::${x.region}::${x.name}`,
                kind: "resource",
              },
            ],
          })),
          properties: { stage: f.stage, app: f.app, severity: f.severity, fix: f.fix },
        })),
        properties: { coverage: r.coverage },
        invocations: [
          {
            executionSuccessful: r.incomplete.length === 0,
            toolExecutionNotifications: [
              ...r.incomplete.map((i) => ({
                level: "error",
                message: { text: `${i.kind} in ${i.region}: ${i.error}` },
              })),
              // What was not checked: a note per type, so a clean SARIF run never hides it.
              ...r.coverage.unchecked.map((u) => ({
                level: "note",
                message: {
                  text: `${u.count} resource${u.count === 1 ? "" : "s"} of type ${u.type} ${u.count === 1 ? "was" : "were"} not checked in the cloud`,
                },
              })),
            ],
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
