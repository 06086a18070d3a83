/** Human rendering of `stateward preflight`: the names the deploy would collide on, and what was not checked. */
import type { PreflightReport } from "../actions/preflight.js";
import type { Colors } from "./style.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function renderPreflight(r: PreflightReport, c: Colors): string {
  const lines: string[] = [];
  lines.push(
    `Preflight of ${r.app}/${r.stage}: ${plural(r.plan.creates, "planned create")} in ${r.plan.source} (${r.plan.format === "pulumi-preview" ? "pulumi preview --json" : "engine event log"}); ${r.checked} looked up, ${r.calls.total} API ${r.calls.total === 1 ? "call" : "calls"}.`,
  );
  for (const b of r.blockers) {
    lines.push("", c.red(c.bold(`BLOCKER ${b.label} ${b.name}`)) + c.dim(` (${b.region}) — ${b.urn}`));
    lines.push(`  why: ${b.cause}`);
    for (const f of b.fix) lines.push(`  fix: ${f}`);
  }
  if (r.unchecked.length > 0) {
    lines.push("", c.yellow("Not checked:"));
    for (const u of r.unchecked) lines.push(`  ${plural(u.count, "create")} of ${u.type}: ${u.reason}`);
  }
  if (r.incomplete.length > 0) {
    lines.push(
      "",
      c.yellow(
        `Incomplete: ${plural(r.incomplete.length, "lookup")} failed, so nothing is said about ${r.incomplete.length === 1 ? "it" : "them"}:`,
      ),
    );
    for (const i of r.incomplete) lines.push(`  ${i.urn}: ${i.error}`);
  }
  lines.push(
    "",
    r.blockers.length > 0
      ? c.red(
          `${plural(r.blockers.length, "name")} already taken: the deploy would fail with "already exists". Fix ${r.blockers.length === 1 ? "it" : "them"} first.`,
        )
      : r.incomplete.length > 0
        ? c.yellow("No taken name among the lookups that answered; the check is incomplete.")
        : c.green(`No planned name is taken${r.unchecked.length > 0 ? " among those checked" : ""}.`),
  );
  return lines.join("\n");
}
