/** Human renderings of `stateward names generate` and `names check`. */
import type { NamesCheck } from "../actions/names.js";
import { t, items } from "../i18n/index.js";
import type { GeneratedName } from "../state/index.js";
import type { Colors } from "./style.js";

export function renderGenerated(
  r: { app: string; stage: string; logical: string; names: GeneratedName[] },
  c: Colors,
): string {
  return [
    t("report.names.for", {
      title: c.bold(t("report.names.title")),
      logical: r.logical,
      app: r.app,
      stage: r.stage,
    }),
    ...r.names.map((n) => {
      const cut =
        n.cut === "stage"
          ? t("report.names.cut-stage", { max: n.max })
          : n.cut === "name"
            ? t("report.names.cut-name", { max: n.max })
            : undefined;
      return `  ${n.type.padEnd(36)} ${n.name}${cut === undefined ? "" : c.yellow(`  ${cut}`)}`;
    }),
  ].join("\n");
}

export function renderNamesCheck(r: NamesCheck, c: Colors): string {
  return r.problems.length === 0
    ? t("report.names.no-problems", {
        ok: c.green(t("report.names.no-problems-label")),
        stages: items(r.stages),
      })
    : [
        `${c.bold(t("report.names.title"))} ${r.backend}`,
        ...r.problems.map((p) => `  ${c.yellow(p.kind.padEnd(19))} ${p.type}  ${p.message}`),
      ].join("\n");
}
