/** Human rendering of `stateward adopt`: the entry added (or that would be). */
import type { AdoptPlan } from "../actions/adopt.js";

export function renderAdopt(r: AdoptPlan): string {
  const written = "written" in r ? (r.written as { location: string; backup?: string }) : undefined;
  return [
    `${r.from === "pending-create" ? "Resolved the pending create" : "New entry"} ${r.urn}`,
    `  id ${r.id}${r.parent === undefined ? "" : `, parent ${r.parent}`}${r.provider === undefined ? "" : `, provider ${r.provider.split("::").slice(-2).join("::")}`}`,
    ...(r.replaces ?? []).map(
      (d) =>
        `  accepted: ${d.property} is ${JSON.stringify(d.cloud)} live but ${JSON.stringify(d.state)} asked for — the next deploy replaces it`,
    ),
    written === undefined
      ? "Dry run: nothing was written."
      : `Written to ${written.location} (previous state kept at ${written.backup ?? "-"}).`,
  ].join("\n");
}
