/** Human rendering of `stateward cleanup`: what would go, what went, and what the deletion gate kept. */
import type { CleanupReport } from "../actions/cleanup.js";
import { isProductionName } from "../rules/types.js";
import type { Colors } from "./style.js";

export function renderCleanup(r: CleanupReport, c: Colors): string {
  const lines = [`${c.bold("Cleanup")} ${r.backend}`];
  if (r.candidates.length === 0)
    lines.push(c.green("  Nothing to delete: every resource of these stages is in a state."));
  const rows =
    r.outcomes ??
    r.candidates.map((x) => ({
      ...x,
      result: x.kept === undefined ? "would delete" : "kept",
      detail: x.kept === undefined ? "" : `${x.kept.reason}. ${x.kept.hint}`,
    }));
  for (const o of rows) {
    const mark =
      o.result === "deleted"
        ? c.green(o.result)
        : o.result === "failed"
          ? c.red(o.result)
          : o.result === "would delete"
            ? c.red("DELETE")
            : c.yellow(o.result);
    lines.push(
      `  ${mark}  stage ${o.stage}  ${o.type}  ${o.id}  ${o.region}  ${c.dim(`(${o.why}${o.lastUrn === undefined ? "" : `, was ${o.lastUrn}`})`)}${o.detail === "" ? "" : `\n      ${o.detail}`}`,
    );
  }
  if (r.outcomes === undefined && r.stages.length > 0)
    lines.push(
      "",
      c.dim(
        `Dry run: nothing was deleted. To delete: --yes ${r.stages.map((s) => `--confirm ${s}`).join(" ")}${r.stages.some(isProductionName) ? " --confirm-protected" : ""}.`,
      ),
    );
  return lines.join("\n");
}
