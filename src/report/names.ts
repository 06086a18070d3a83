/** Human renderings of `stateward names generate` and `names check`. */
import type { NamesCheck } from "../actions/names.js";
import type { GeneratedName } from "../state/index.js";
import type { Colors } from "./style.js";

export function renderGenerated(
  r: { app: string; stage: string; logical: string; names: GeneratedName[] },
  c: Colors,
): string {
  return [
    `${c.bold("Names")} for ${r.logical} in ${r.app}/${r.stage}`,
    ...r.names.map(
      (n) =>
        `  ${n.type.padEnd(36)} ${n.name}${n.cut === "stage" || n.cut === "name" ? c.yellow(`  (the ${n.cut} was cut to fit ${n.max})`) : ""}`,
    ),
  ].join("\n");
}

export function renderNamesCheck(r: NamesCheck, c: Colors): string {
  return r.problems.length === 0
    ? `${c.green("No name problems")} in ${r.stages.join(", ")}.`
    : [
        `${c.bold("Names")} ${r.backend}`,
        ...r.problems.map((p) => `  ${c.yellow(p.kind.padEnd(19))} ${p.type}  ${p.message}`),
      ].join("\n");
}
