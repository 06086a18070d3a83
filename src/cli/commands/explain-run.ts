/**
 * What `explain` does once its arguments are read: called by commander (explain.ts) and by the direct
 * path (src/cli/direct.ts), which runs it without loading commander.
 */
import type { ExplainReport } from "../../actions/explain.js";
import type { Colors } from "../../report/style.js";
import { t } from "../../i18n/index.js";
import type { Severity } from "../../rules/types.js";
import { blockersExitCode, usageError } from "../exit-codes.js";
import type { StageFlags } from "../options.js";
import type { Run } from "../run.js";
import { hasStageFlags } from "../stage-flags.js";

export async function explainCommand(run: Run, file: string | undefined, opts: StageFlags): Promise<void> {
  const source = file ?? (run.io.stdinIsTTY === true ? undefined : "-");
  if (source === undefined) {
    throw usageError(t("explain.cli.which-log"), t("explain.cli.which-log-hint"));
  }
  const { explainFile, checkAgainstStage } = await import("../../actions/explain.js");
  const { renderExplain } = await import("../../report/explain.js");
  const report = await explainFile(source);
  if (hasStageFlags(opts) && report.problems.length > 0) {
    await run.stage(opts, (open) => checkAgainstStage(report, open));
  }
  run.emit(
    opts,
    report,
    (r, c) => renderChecked(r, c, renderExplain(r, c)),
    blockersExitCode(report.problems.length),
  );
}

/** The explanation, and what checking it against the cloud and state found. */
function renderChecked(r: ExplainReport, c: Colors, text: string): string {
  if (r.confirmed === undefined) return text;
  const lines = [text, "", c.bold(t("explain.cli.checked"))];
  if (r.confirmed.length === 0) lines.push(c.dim(`  ${t("explain.cli.checked-nothing")}`));
  for (const f of r.confirmed)
    lines.push(
      `  ${t(SEVERITY[f.severity])} ${f.rule}: ${f.evidence}`,
      ...f.fix.map((x) => `    ${t("explain.report.label.fix")} ${x}`),
    );
  return lines.join("\n");
}

const SEVERITY = {
  blocker: "core.severity.blocker",
  warning: "core.severity.warning",
  info: "core.severity.info",
} as const satisfies Record<Severity, string>;
