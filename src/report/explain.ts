/** `stateward explain` as a terminal report: the problems a deploy log shows, grouped by kind. */
import type { ExplainResult, Problem, ProblemKind, ProblemResource } from "../explain/recognise.js";
import { t, items, parens } from "../i18n/index.js";
import { displayWidth, type Colors } from "./style.js";

const TITLE = {
  "already-exists": "explain.title.already-exists",
  locked: "explain.title.locked",
  passphrase: "explain.title.passphrase",
  integrity: "explain.title.integrity",
  "pending-operations": "explain.title.pending-operations",
  "stage-not-found": "explain.title.stage-not-found",
  region: "explain.title.region",
} as const satisfies Record<ProblemKind, string>;

const LABEL = {
  seen: "explain.report.label.seen",
  why: "explain.report.label.why",
  which: "explain.report.label.which",
  fix: "explain.report.label.fix",
} as const;

/**
 * `why:   ` — a label (dimmed) padded so the text after every label starts in one column; `blank`:
 * as many spaces instead of the label (an excerpt's second line).
 */
function label(name: keyof typeof LABEL, c: Colors, blank = false): string {
  const widest = Math.max(...Object.values(LABEL).map((id) => displayWidth(t(id))));
  const text = t(LABEL[name]);
  const pad = " ".repeat(widest + 1 - displayWidth(text));
  return `${c.dim(blank ? " ".repeat(displayWidth(text)) : text)}${pad}`;
}

function linesWord(n: number): string {
  return n === 1
    ? t("explain.report.lines.one", { count: n })
    : t("explain.report.lines.other", { count: n });
}

function resourceLine(r: ProblemResource | undefined): string | undefined {
  if (r === undefined) return undefined;
  const parts: string[] = [];
  if (r.type !== undefined) parts.push(r.type);
  if (r.name !== undefined) parts.push(r.recordType === undefined ? r.name : `${r.name} (${r.recordType})`);
  if (r.logicalName !== undefined && r.logicalName !== r.name)
    parts.push(t("explain.report.logical-name", { name: r.logicalName }));
  if (r.region !== undefined) parts.push(t("explain.report.region", { region: r.region }));
  if (r.urn !== undefined) parts.push(r.urn);
  return parts.length === 0 ? undefined : parts.join("  ");
}

function summary(problems: Problem[]): string {
  const counts = new Map<ProblemKind, number>();
  for (const p of problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return items(
    [...counts].map(([kind, n]) =>
      t("explain.report.summary-item", { count: n, kind: t(TITLE[kind]).toLowerCase() }),
    ),
  );
}

export function renderExplain(r: ExplainResult & { source: string }, c: Colors): string {
  const where = [linesWord(r.lines)];
  if (r.app !== undefined) where.push(t("explain.report.app", { app: r.app }));
  if (r.stage !== undefined) where.push(t("explain.report.stage", { stage: r.stage }));
  const lines = [`${c.bold(t("explain.report.heading"))} ${r.source}  ${c.dim(parens(items(where)))}`];
  if (r.toolLabel !== undefined) {
    lines.push(c.yellow(t("explain.report.foreign", { tool: r.toolLabel })));
  }

  if (r.problems.length === 0) {
    const command = `stateward doctor${r.app === undefined ? "" : ` --app ${r.app}`}${r.stage === undefined ? "" : ` --stage ${r.stage}`}`;
    const doctor = `\`${command}\``;
    const source = r.source;
    lines.push("");
    if (r.outcome === "failed" && r.failure !== undefined) {
      lines.push(
        c.yellow(t("explain.report.no-problem-failed", { source, lines: linesWord(r.lines) })),
        t("explain.report.failed-elsewhere", { line: r.failure.line }),
        `  ${c.dim(r.failure.text)}`,
        c.dim(t("explain.report.doctor-checks", { doctor })),
      );
    } else if (r.outcome === "completed" && r.completed !== undefined) {
      lines.push(
        c.green(
          t("explain.report.completed", {
            source,
            lines: linesWord(r.lines),
            line: r.completed.line,
            text: r.completed.text,
          }),
        ),
        c.dim(t("explain.report.completed-doctor", { doctor })),
      );
    } else {
      lines.push(
        c.green(t("explain.report.no-failure", { source, lines: linesWord(r.lines) })),
        c.dim(t("explain.report.pass-whole")),
      );
    }
    return lines.join("\n");
  }

  // Kinds in the order the log first shows them; problems in log order within each.
  const groups = new Map<ProblemKind, Problem[]>();
  for (const p of r.problems) groups.set(p.kind, [...(groups.get(p.kind) ?? []), p]);
  for (const [kind, problems] of groups) {
    lines.push("", `${c.red(c.bold(t(TITLE[kind])))}  ${c.dim(parens(String(problems.length)))}`);
    for (const p of problems) {
      const head = resourceLine(p.resource);
      const rule = p.rule === undefined ? "" : `  ${c.yellow(t("explain.report.rule", { rule: p.rule }))}`;
      lines.push(
        `  ${c.bold(t("explain.report.line", { line: p.line }))}${rule}${head === undefined ? "" : `  ${head}`}`,
      );
      p.excerpt.split("\n").forEach((l, i) => lines.push(`    ${label("seen", c, i > 0)}${c.dim(l)}`));
      lines.push(`    ${label("why", c)}${p.cause}`);
      // Without state access: every cause that fits, most likely first, and how to tell them apart.
      if (p.decided === undefined && (p.causes?.length ?? 0) > 1) {
        lines.push(`    ${label("which", c)}${c.dim(t("explain.report.which"))}`);
        p.causes!.forEach((k, n) => lines.push(`      ${c.dim(`${n + 1}. ${k.id}:`)} ${k.tell}`));
      }
      for (const cmd of p.fix)
        lines.push(`    ${label("fix", c)}${cmd.startsWith("#") ? c.dim(cmd) : c.cyan(cmd)}`);
    }
  }
  const total = r.problems.length;
  lines.push(
    "",
    t(total === 1 ? "explain.report.total.one" : "explain.report.total.other", {
      count: total,
      source: r.source,
      summary: summary(r.problems),
    }),
  );
  return lines.join("\n");
}
