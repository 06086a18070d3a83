/** Human rendering of `stateward cleanup`: what would go, what went, and what the deletion gate kept. */
import type { CleanupOutcome, CleanupReport } from "../actions/cleanup.js";
import { t } from "../i18n/index.js";
import { isProductionName } from "../rules/types.js";
import type { Colors } from "./style.js";

/** A row's result: an outcome of a run, or (dry run) what would happen. */
type RowResult = CleanupOutcome["result"] | "delete" | "kept";

function mark(result: RowResult, c: Colors): string {
  switch (result) {
    case "deleted":
      return c.green(t("report.cleanup.deleted"));
    case "failed":
      return c.red(t("report.cleanup.failed"));
    case "delete":
      return c.red(t("report.cleanup.delete"));
    case "pending":
      return c.yellow(t("report.cleanup.pending"));
    case "refused":
      return c.yellow(t("report.cleanup.refused"));
    case "kept":
      return c.yellow(t("report.cleanup.kept"));
  }
}

export function renderCleanup(r: CleanupReport, c: Colors): string {
  const lines = [`${c.bold(t("report.cleanup.title"))} ${r.backend}`];
  if (r.candidates.length === 0) lines.push(c.green(`  ${t("report.cleanup.nothing")}`));
  const rows: (Omit<CleanupOutcome, "result"> & { result: RowResult })[] =
    r.outcomes ??
    r.candidates.map((x) => ({
      ...x,
      result: x.kept === undefined ? "delete" : "kept",
      detail: x.kept === undefined ? "" : `${x.kept.reason}. ${x.kept.hint}`,
    }));
  for (const o of rows) {
    const why =
      o.lastUrn === undefined ? `(${o.why})` : t("report.cleanup.why-was", { why: o.why, urn: o.lastUrn });
    lines.push(
      `  ${mark(o.result, c)}  ${t("report.stage", { stage: o.stage })}  ${o.type}  ${o.id}  ${o.region}  ${c.dim(why)}${o.detail === "" ? "" : `\n      ${o.detail}`}`,
    );
  }
  if (r.outcomes === undefined && r.stages.length > 0)
    lines.push(
      "",
      c.dim(
        t("report.cleanup.dry-run", {
          flags: `--yes ${r.stages.map((s) => `--confirm ${s}`).join(" ")}${r.stages.some(isProductionName) ? " --confirm-protected" : ""}`,
        }),
      ),
    );
  return lines.join("\n");
}
