import type { SandboxReport } from "../actions/sandbox.js";
import type { Colors } from "./style.js";

export function renderSandbox(r: SandboxReport, c: Colors): string {
  const lines = [
    `${c.green("✓")} Local cloud listening on ${c.bold(r.endpoint)} (account ${r.accountId}).`,
    r.seeded
      ? `  Seeded scenario "${r.scenario}": app ${r.app}, stages ${(r.stages ?? []).join(", ")}, SST home in ${r.homeRegion} (bucket ${r.stateBucket}).`
      : `  Nothing seeded (scenario "${r.scenario}"${r.scenario === "acme" ? ", data directory already had data" : ""}).`,
  ];
  if (r.cases !== undefined) {
    lines.push("", "  What is broken, one case per cause in the SST guides:");
    for (const k of r.cases)
      lines.push(`    ${String(k.id).padStart(2)}. ${k.title} ${c.dim(`(${k.stage})`)}`);
  }
  lines.push("", "In another shell, point stateward (or the AWS CLI) at it:", "");
  for (const [k, v] of Object.entries(r.env)) lines.push(`  export ${k}=${v}`);
  lines.push("", c.dim("Press Ctrl-C to stop."));
  return lines.join("\n");
}
