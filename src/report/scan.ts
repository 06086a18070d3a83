/** Human rendering of `stateward scan`. */
import type { ScanReport } from "../actions/scan.js";
import type { InventoryEntry } from "../facts/inventory.js";
import { plural, table, type Colors } from "./style.js";

function status(e: InventoryEntry, c: Colors): string {
  if (e.status === "managed" && (e.drift?.length ?? 0) > 0) return c.yellow("drifted");
  if (e.status === "managed") return c.green("managed");
  if (e.status === "missing") return c.yellow(e.pending === undefined ? "missing" : "missing");
  return c.red("unmanaged");
}

function note(e: InventoryEntry): string {
  const parts: string[] = [];
  if (e.pending !== undefined) parts.push(`pending ${e.pending} in state`);
  if (e.status === "missing" && e.pending === undefined) parts.push("in state, not in the cloud");
  if (e.status === "unmanaged" && e.pending === undefined) parts.push("in the cloud, not in state");
  if (e.foundBy === "history") parts.push("named by an older version of the state");
  if (e.otherStage !== undefined) parts.push(`in stage ${e.otherStage}'s state`);
  for (const d of e.drift ?? []) {
    parts.push(`${d.property}: state ${JSON.stringify(d.state)}, cloud ${JSON.stringify(d.cloud)}`);
  }
  return parts.join("; ");
}

export function renderScan(r: ScanReport, c: Colors): string {
  const lines = [`${c.bold("Scan")} ${r.backend}  ${c.dim(`(regions ${r.regions.join(", ")})`)}`];
  for (const s of r.stages) {
    const count = (st: InventoryEntry["status"]) => s.entries.filter((e) => e.status === st).length;
    lines.push(
      "",
      `${c.bold(`Stage ${s.stage}`)}  ${count("managed")} managed, ${count("missing")} missing, ${count("unmanaged")} unmanaged`,
    );
    const shown = s.entries.filter((e) => e.status !== "managed" || (e.drift?.length ?? 0) > 0);
    if (shown.length > 0) {
      lines.push(
        table(
          ["status", "type", "name", "region", "found by", "note"],
          shown.map((e) => [status(e, c), e.label, e.name, e.region, e.foundBy ?? "", note(e)]),
          c,
        ),
      );
    } else {
      lines.push(
        c.dim("  Everything in the state is in the cloud, and nothing of this stage is outside it."),
      );
    }
    const notChecked = s.unknownTypes.filter((u) => u.nothingToCheck !== true);
    if (notChecked.length > 0) {
      const n = notChecked.reduce((a, t) => a + t.count, 0);
      lines.push(
        c.dim(
          `  ${plural(n, "state entry", "state entries")} of ${plural(notChecked.length, "type")} stateward does not inventory yet (not checked).`,
        ),
      );
      for (const u of notChecked)
        if (u.reason !== undefined) lines.push(c.dim(`    ${u.type} (${u.count}): ${u.reason}`));
    }
    const nothing = s.unknownTypes.filter((u) => u.nothingToCheck === true);
    if (nothing.length > 0) {
      const n = nothing.reduce((a, t) => a + t.count, 0);
      lines.push(c.dim(`  ${plural(n, "state entry", "state entries")} with nothing in AWS to check:`));
      for (const u of nothing) lines.push(c.dim(`    ${u.type} (${u.count}): ${u.reason ?? ""}`));
    }
  }
  if (r.incomplete.length > 0) {
    lines.push("", c.red(c.bold(`Incomplete: ${plural(r.incomplete.length, "part")} of the scan failed`)));
    for (const i of r.incomplete) lines.push(c.red(`  ${i.kind} in ${i.region}: ${i.error}`));
    lines.push(c.dim("  What those calls would have found is unknown: this is not a clean result (exit 5)."));
  }
  lines.push(
    "",
    c.dim(
      `${plural(r.calls.total, "API call")} in ${(r.durationMs / 1000).toFixed(1)} s. --json lists managed resources too.`,
    ),
  );
  return lines.join("\n");
}
