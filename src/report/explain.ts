/** `stateward explain` as a terminal report: the problems a deploy log shows, grouped by kind. */
import type { ExplainResult, Problem, ProblemKind, ProblemResource } from "../explain/recognise.js";
import { plural, type Colors } from "./style.js";

const TITLE: Record<ProblemKind, string> = {
  "already-exists": "Already exists",
  locked: "Locked",
  passphrase: "Passphrase / secrets",
  integrity: "State integrity",
  "pending-operations": "Pending operations",
  "stage-not-found": "Stage not found",
  region: "Region",
};

function resourceLine(r: ProblemResource | undefined): string | undefined {
  if (r === undefined) return undefined;
  const parts: string[] = [];
  if (r.type !== undefined) parts.push(r.type);
  if (r.name !== undefined) parts.push(r.recordType === undefined ? r.name : `${r.name} (${r.recordType})`);
  if (r.logicalName !== undefined && r.logicalName !== r.name) parts.push(`logical name ${r.logicalName}`);
  if (r.region !== undefined) parts.push(`region ${r.region}`);
  if (r.urn !== undefined) parts.push(r.urn);
  return parts.length === 0 ? undefined : parts.join("  ");
}

function summary(problems: Problem[]): string {
  const counts = new Map<ProblemKind, number>();
  for (const p of problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${TITLE[kind].toLowerCase()}`).join(", ");
}

export function renderExplain(r: ExplainResult & { source: string }, c: Colors): string {
  const where = [plural(r.lines, "line")];
  if (r.app !== undefined) where.push(`app ${r.app}`);
  if (r.stage !== undefined) where.push(`stage ${r.stage}`);
  const lines = [`${c.bold("Explain")} ${r.source}  ${c.dim(`(${where.join(", ")})`)}`];
  if (r.toolLabel !== undefined) {
    lines.push(
      c.yellow(
        `This is a ${r.toolLabel} log: stateward repairs Pulumi / SST v3 state; the fixes below are that tool's.`,
      ),
    );
  }

  if (r.problems.length === 0) {
    const doctor = `\`stateward doctor${r.app === undefined ? "" : ` --app ${r.app}`}${r.stage === undefined ? "" : ` --stage ${r.stage}`}\``;
    lines.push("");
    if (r.outcome === "failed" && r.failure !== undefined) {
      lines.push(
        c.yellow(
          `No known state problem in ${r.source} (${plural(r.lines, "line")}): no "already exists", lock, passphrase, integrity, pending-operation, missing-stage or region error.`,
        ),
        `The deploy failed for another reason; the first error is on line ${r.failure.line}:`,
        `  ${c.dim(r.failure.text)}`,
        c.dim(`${doctor} checks the stage itself.`),
      );
    } else if (r.outcome === "completed" && r.completed !== undefined) {
      lines.push(
        c.green(
          `No failure found in ${r.source} (${plural(r.lines, "line")}): the command completed (line ${r.completed.line}: ${r.completed.text}).`,
        ),
        c.dim(`No known state problem in it either; ${doctor} checks the stage itself.`),
      );
    } else {
      lines.push(
        c.green(
          `No failure found in ${r.source} (${plural(r.lines, "line")}): no error line and no known state problem in it.`,
        ),
        c.dim(
          "If a deploy failed, pass its whole output, stderr included: `sst deploy --stage <stage> 2>&1 | tee deploy.log`.",
        ),
      );
    }
    return lines.join("\n");
  }

  // Kinds in the order the log first shows them; problems in log order within each.
  const groups = new Map<ProblemKind, Problem[]>();
  for (const p of r.problems) groups.set(p.kind, [...(groups.get(p.kind) ?? []), p]);
  for (const [kind, problems] of groups) {
    lines.push("", `${c.red(c.bold(TITLE[kind]))}  ${c.dim(`(${problems.length})`)}`);
    for (const p of problems) {
      const head = resourceLine(p.resource);
      lines.push(
        `  ${c.bold(`line ${p.line}`)}${p.rule === undefined ? "" : `  ${c.yellow(`rule ${p.rule}`)}`}${head === undefined ? "" : `  ${head}`}`,
      );
      p.excerpt
        .split("\n")
        .forEach((l, i) => lines.push(`    ${c.dim(i === 0 ? "seen:" : "     ")}  ${c.dim(l)}`));
      lines.push(`    ${c.dim("why:")}   ${p.cause}`);
      // Without state access: every cause that fits, most likely first, and how to tell them apart.
      if (p.decided === undefined && (p.causes?.length ?? 0) > 1) {
        lines.push(`    ${c.dim("which:")} ${c.dim("possible causes, most likely first — how to tell:")}`);
        p.causes!.forEach((k, n) => lines.push(`      ${c.dim(`${n + 1}. ${k.id}:`)} ${k.tell}`));
      }
      for (const cmd of p.fix)
        lines.push(`    ${c.dim("fix:")}   ${cmd.startsWith("#") ? c.dim(cmd) : c.cyan(cmd)}`);
    }
  }
  lines.push("", `${plural(r.problems.length, "problem")} in ${r.source}: ${summary(r.problems)}.`);
  return lines.join("\n");
}
