/** Human rendering of `stateward forget`: the entries and pending operations removed (or that would be). */
import type { ForgetPlan } from "../actions/forget.js";

export function renderForget(r: ForgetPlan): string {
  const lines = [
    ...r.removed.map(
      (x) =>
        `- ${x.type}  ${x.urn}${x.dependent ? "  (dependent)" : ""}${x.retainOnDelete === true ? "  (retainOnDelete: stays in AWS)" : ""}`,
    ),
    ...r.clearedPending.map((x) => `- pending ${x.operation}  ${x.urn}`),
  ];
  const written =
    "written" in r ? (r.written as { location: string; backup?: string; audit: string }) : undefined;
  lines.push(
    written === undefined
      ? "Dry run: nothing was written."
      : `Written to ${written.location}; the previous state is kept at ${written.backup ?? "(none)"}; audit ${written.audit}.`,
  );
  return lines.join("\n");
}
