import type { SandboxReport } from "../actions/sandbox.js";
import { getLang, t, tIn, items } from "../i18n/index.js";
import type { Colors } from "./style.js";

export function renderSandbox(r: SandboxReport, c: Colors): string {
  const seeded = r.seeded
    ? t("sandbox.report.seeded", {
        scenario: r.scenario,
        app: r.app ?? "",
        stages: items(r.stages ?? []),
        region: r.homeRegion ?? "",
        bucket: r.stateBucket ?? "",
      })
    : r.scenario === "acme"
      ? t("sandbox.report.not-seeded.had-data", { scenario: r.scenario })
      : t("sandbox.report.not-seeded", { scenario: r.scenario });
  const lines = [
    `${c.green("✓")} ${t("sandbox.report.listening", { endpoint: c.bold(r.endpoint), account: r.accountId })}`,
    `  ${seeded}`,
  ];
  if (r.cases !== undefined) {
    lines.push("", `  ${t("sandbox.report.cases")}`);
    for (const k of r.cases)
      lines.push(`    ${String(k.id).padStart(2)}. ${caseTitle(r.scenario, k)} ${c.dim(`(${k.stage})`)}`);
  }
  lines.push("", t("sandbox.report.point-at"), "");
  for (const [k, v] of Object.entries(r.env)) lines.push(`  export ${k}=${v}`);
  lines.push("", c.dim(t("sandbox.report.stop")));
  return lines.join("\n");
}

/** Each scenario's cases in the catalog, by scenario and case number. */
const CASES = {
  "acme:1": "sandbox.case.acme.1",
  "acme:2": "sandbox.case.acme.2",
  "acme:3": "sandbox.case.acme.3",
  "acme:4": "sandbox.case.acme.4",
  "acme:5": "sandbox.case.acme.5",
  "acme:6": "sandbox.case.acme.6",
  "acme:7": "sandbox.case.acme.7",
  "acme:8": "sandbox.case.acme.8",
  "acme:9": "sandbox.case.acme.9",
  "typical-app:1": "sandbox.case.typical-app.1",
  "typical-app:2": "sandbox.case.typical-app.2",
  "typical-app:3": "sandbox.case.typical-app.3",
  "typical-app:4": "sandbox.case.typical-app.4",
  "typical-app:5": "sandbox.case.typical-app.5",
  "typical-app:6": "sandbox.case.typical-app.6",
  "typical-app:7": "sandbox.case.typical-app.7",
  "typical-app:8": "sandbox.case.typical-app.8",
  "typical-app:9": "sandbox.case.typical-app.9",
  "typical-app:10": "sandbox.case.typical-app.10",
  "typical-app:11": "sandbox.case.typical-app.11",
  "typical-app:12": "sandbox.case.typical-app.12",
  "typical-app:13": "sandbox.case.typical-app.13",
  "typical-app:14": "sandbox.case.typical-app.14",
  "typical-app:15": "sandbox.case.typical-app.15",
  "typical-app:16": "sandbox.case.typical-app.16",
  "typical-app:17": "sandbox.case.typical-app.17",
  "typical-app:18": "sandbox.case.typical-app.18",
  "typical-app:19": "sandbox.case.typical-app.19",
  "typical-app:20": "sandbox.case.typical-app.20",
} as const;
type CaseId = (typeof CASES)[keyof typeof CASES];

/**
 * A case's title in the run's language: the catalog's, while its English is still the scenario's own
 * title (a case reworded in the scenario and not in the catalog keeps the scenario's words).
 */
function caseTitle(scenario: string, k: { id: number; title: string }): string {
  const id = (CASES as Readonly<Record<string, CaseId | undefined>>)[`${scenario}:${k.id}`];
  if (getLang() === "en" || id === undefined || tIn("en", id) !== k.title) return k.title;
  return t(id);
}
