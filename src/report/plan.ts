/** Human renderings of repair plans and of applying them. */
import type { ApplyReport } from "../actions/plan.js";
import type { RepairPlan } from "../repair/plan.js";
import { plural, type Colors } from "./style.js";

export function renderPlan(p: RepairPlan & { out?: string }, c: Colors): string {
  const lines = [`${c.bold("Repair plan")} ${p.backend}`];
  if (p.actions.length === 0) lines.push(c.green("  Nothing to repair."));
  // What deletes comes first, each with its stage, type, physical id and region.
  const deletes = p.actions.filter((a) => a.destructive);
  if (deletes.length > 0) {
    lines.push(
      c.red(
        c.bold(`  ${plural(deletes.length, "deletion")} (only with --allow-delete and --confirm <stage>):`),
      ),
    );
    for (const a of deletes) {
      const r = a.resource;
      lines.push(
        `  ${a.id.padEnd(4)} ${c.red("DELETE")}  stage ${a.stage}  ${r?.type ?? a.kind}  ${r?.id ?? r?.name ?? ""}  ${r?.region ?? ""}  ${c.dim(`(${a.finding})`)}`,
      );
    }
    lines.push("");
  }
  for (const a of p.actions.filter((x) => !x.destructive)) {
    const tag = a.target === "none" ? c.dim("advice") : c.green(a.target);
    lines.push(
      `  ${a.id.padEnd(4)} ${tag.padEnd(6)} ${a.kind.padEnd(16)} ${c.dim(`${a.stage}, ${a.finding}`)}  ${a.change}${a.reversible ? "" : c.dim(" (not reversible)")}`,
    );
  }
  const stages = [...new Set(deletes.map((a) => a.stage))];
  lines.push(
    "",
    c.dim(
      `${plural(p.actions.length, "action")}; ${p.out === undefined ? "save it with --out plan.json, then" : `saved to ${p.out};`} \`stateward apply ${p.out ?? "plan.json"}\` carries it out${stages.length === 0 ? "" : ` (the deletions only with --allow-delete ${stages.map((s) => `--confirm ${s}`).join(" ")})`}.`,
    ),
  );
  return lines.join("\n");
}

export function renderApply(r: ApplyReport, c: Colors): string {
  const lines = [`${c.bold(r.dryRun ? "Apply (dry run)" : "Applied")} ${r.app}`];
  for (const o of r.outcomes) {
    const mark =
      o.result === "done"
        ? c.green(o.result)
        : o.result === "failed"
          ? c.red(o.result)
          : o.result === "pending"
            ? c.yellow(o.result)
            : c.dim(o.result);
    lines.push(`  ${o.id.padEnd(4)} ${mark.padEnd(8)} ${o.kind.padEnd(16)} ${c.dim(o.stage)}  ${o.detail}`);
  }
  for (const d of r.diffs) {
    lines.push(
      "",
      `${c.bold(`State of ${d.stage}`)}${d.written === undefined ? c.dim(" (not written)") : ` written to ${d.written}`}: ${d.diff.added.length} added, ${d.diff.removed.length} removed, ${d.diff.changed.length} changed, pending operations ${d.diff.pendingRemoved.length} cleared`,
    );
    for (const a of d.diff.added) lines.push(c.green(`  + ${a.urn}`));
    for (const a of d.diff.removed) lines.push(c.red(`  - ${a.urn}`));
    for (const a of d.diff.changed) lines.push(c.yellow(`  ~ ${a.urn}`));
    for (const a of d.diff.pendingRemoved) lines.push(c.dim(`  - pending ${a.type} ${a.urn}`));
  }
  return lines.join("\n");
}
