/** Human rendering of `stateward scan`. */
import type { ScanReport } from "../actions/scan.js";
import type { InventoryEntry } from "../facts/inventory.js";
import { getLang, t, items } from "../i18n/index.js";
import { apiCalls, callsByServiceLine, incompletePart, parts } from "./doctor.js";
import { table, type Colors } from "./style.js";

function status(e: InventoryEntry, c: Colors): string {
  if (e.status === "managed" && (e.drift?.length ?? 0) > 0) return c.yellow(t("report.scan.drifted"));
  if (e.status === "managed") return c.green(t("report.scan.managed"));
  if (e.status === "missing") return c.yellow(t("report.scan.missing"));
  return c.red(t("report.scan.unmanaged"));
}

/** How an entry was found, as a person reads it (the JSON keeps the value). */
function foundBy(e: InventoryEntry): string {
  switch (e.foundBy) {
    case undefined:
      return "";
    case "tag":
      return t("report.scan.found-by.tag");
    case "name":
      return t("report.scan.found-by.name");
    case "read":
      return t("report.scan.found-by.read");
    case "history":
      return t("report.scan.found-by.history");
  }
}

function note(e: InventoryEntry): string {
  const parts: string[] = [];
  if (e.pending !== undefined) parts.push(t("report.scan.note.pending", { operation: e.pending }));
  if (e.status === "missing" && e.pending === undefined) parts.push(t("report.scan.note.missing"));
  if (e.status === "unmanaged" && e.pending === undefined) parts.push(t("report.scan.note.unmanaged"));
  if (e.foundBy === "history") parts.push(t("report.scan.note.history"));
  if (e.otherStage !== undefined) parts.push(t("report.scan.note.other-stage", { stage: e.otherStage }));
  for (const d of e.drift ?? []) {
    parts.push(
      t("report.scan.note.drift", {
        property: d.property,
        state: JSON.stringify(d.state),
        cloud: JSON.stringify(d.cloud),
      }),
    );
  }
  return parts.join(getLang() === "zh" ? "；" : "; ");
}

function stateEntries(count: number): string {
  return count === 1
    ? t("report.count.state-entry.one", { count })
    : t("report.count.state-entry.other", { count });
}

export function renderScan(r: ScanReport, c: Colors): string {
  const lines = [
    `${c.bold(t("report.scan.title"))} ${r.backend}  ${c.dim(t("report.scan.regions", { regions: items(r.regions) }))}`,
  ];
  for (const s of r.stages) {
    const count = (st: InventoryEntry["status"]) => s.entries.filter((e) => e.status === st).length;
    lines.push(
      "",
      t("report.scan.stage", {
        stage: c.bold(t("report.scan.stage-title", { stage: s.stage })),
        managed: count("managed"),
        missing: count("missing"),
        unmanaged: count("unmanaged"),
      }),
    );
    const shown = s.entries.filter((e) => e.status !== "managed" || (e.drift?.length ?? 0) > 0);
    if (shown.length > 0) {
      lines.push(
        table(
          [
            t("report.scan.col.status"),
            t("report.scan.col.type"),
            t("report.scan.col.name"),
            t("report.scan.col.region"),
            t("report.scan.col.found-by"),
            t("report.scan.col.note"),
          ],
          shown.map((e) => [status(e, c), e.label, e.name, e.region, foundBy(e), note(e)]),
          c,
        ),
      );
    } else {
      lines.push(c.dim(`  ${t("report.scan.all-matched")}`));
    }
    const notChecked = s.unknownTypes.filter((u) => u.nothingToCheck !== true);
    if (notChecked.length > 0) {
      const n = notChecked.reduce((a, t) => a + t.count, 0);
      const k = notChecked.length;
      lines.push(
        c.dim(
          `  ${t("report.scan.not-inventoried", {
            entries: stateEntries(n),
            types:
              k === 1 ? t("report.count.type.one", { count: k }) : t("report.count.type.other", { count: k }),
          })}`,
        ),
      );
      for (const u of notChecked)
        if (u.reason !== undefined) lines.push(c.dim(`    ${u.type} (${u.count}): ${u.reason}`));
    }
    const nothing = s.unknownTypes.filter((u) => u.nothingToCheck === true);
    if (nothing.length > 0) {
      const n = nothing.reduce((a, t) => a + t.count, 0);
      lines.push(c.dim(`  ${t("report.scan.nothing-to-check", { entries: stateEntries(n) })}`));
      for (const u of nothing) lines.push(c.dim(`    ${u.type} (${u.count}): ${u.reason ?? ""}`));
    }
  }
  if (r.incomplete.length > 0) {
    lines.push("", c.red(c.bold(t("report.scan.incomplete", { parts: parts(r.incomplete.length) }))));
    for (const i of r.incomplete) lines.push(c.red(`  ${incompletePart(i)}`));
    lines.push(c.dim(`  ${t("report.scan.incomplete-unknown")}`));
  }
  const calls = callsByServiceLine(r.calls);
  lines.push(
    "",
    ...(calls === undefined ? [] : [c.dim(calls)]),
    c.dim(
      t("report.scan.closing", { calls: apiCalls(r.calls.total), seconds: (r.durationMs / 1000).toFixed(1) }),
    ),
  );
  return lines.join("\n");
}
