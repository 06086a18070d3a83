/** Human rendering of `stateward forget`: the entries and pending operations removed (or that would be). */
import type { ForgetPlan } from "../actions/forget.js";
import { t } from "../i18n/index.js";

export function renderForget(r: ForgetPlan): string {
  const lines = [
    ...r.removed.map(
      (x) =>
        `- ${x.type}  ${x.urn}${x.dependent ? `  ${t("report.forget.dependent")}` : ""}${x.retainOnDelete === true ? `  ${t("report.forget.retained")}` : ""}`,
    ),
    ...r.clearedPending.map((x) => `- ${t("report.forget.pending", { operation: x.operation, urn: x.urn })}`),
  ];
  const written =
    "written" in r ? (r.written as { location: string; backup?: string; audit: string }) : undefined;
  lines.push(
    written === undefined
      ? t("report.dry-run-nothing-written")
      : t("report.forget.written", {
          location: written.location,
          backup: written.backup ?? t("report.none-parenthesized"),
          audit: written.audit,
        }),
  );
  return lines.join("\n");
}
