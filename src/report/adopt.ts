/** Human rendering of `stateward adopt`: the entry added (or that would be). */
import type { AdoptPlan } from "../actions/adopt.js";
import { t } from "../i18n/index.js";

export function renderAdopt(r: AdoptPlan): string {
  const written = "written" in r ? (r.written as { location: string; backup?: string }) : undefined;
  const provider = r.provider?.split("::").slice(-2).join("::");
  const where =
    r.parent === undefined
      ? provider === undefined
        ? t("report.adopt.id", { id: r.id })
        : t("report.adopt.id-provider", { id: r.id, provider })
      : provider === undefined
        ? t("report.adopt.id-parent", { id: r.id, parent: r.parent })
        : t("report.adopt.id-parent-provider", { id: r.id, parent: r.parent, provider });
  return [
    r.from === "pending-create"
      ? t("report.adopt.resolved-pending", { urn: r.urn })
      : t("report.adopt.new-entry", { urn: r.urn }),
    `  ${where}`,
    ...(r.retainOnDelete === true ? [`  ${t("report.adopt.retain-on-delete")}`] : []),
    ...(r.replaces ?? []).map(
      (d) =>
        `  ${t("report.adopt.accepted", { property: d.property, cloud: JSON.stringify(d.cloud), state: JSON.stringify(d.state) })}`,
    ),
    written === undefined
      ? t("report.dry-run-nothing-written")
      : t("report.adopt.written", { location: written.location, backup: written.backup ?? "-" }),
  ].join("\n");
}
