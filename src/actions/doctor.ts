/**
 * `stateward doctor`: gathers the facts of the stage (or every stage) once — state, recent history,
 * lock, integrity, other SST homes, the cloud inventory — runs every rule over them, and reports.
 */
import { appLabel, type OpenStage } from "../backends/resolve.js";
import type { CallCounts } from "../cloud/call-budget.js";
import { gather, type GatherOptions } from "../facts/gather.js";
import type { IncompletePart } from "../facts/inventory.js";
import type { Facts } from "../facts/types.js";
import { coverageOf, runRules, type Coverage, type Finding } from "../rules/index.js";

export { HOME_REGIONS } from "../facts/homes.js";
export { stagesOf } from "../facts/gather.js";

export type DoctorOptions = Omit<GatherOptions, "asCurrent">;

export interface DoctorReport {
  backend: string;
  app: string;
  stages: string[];
  findings: Finding[];
  summary: { blockers: number; warnings: number; info: number };
  incomplete: IncompletePart[];
  /** What was checked: resources in the states settled by a cloud lookup, and by type those not. */
  coverage: Coverage;
  /** Every request the run sent over the wire (all services and phases, each retry counted). */
  calls: number;
  /** The same count per service, and how many were sent before the scan of the cloud began. */
  callCounts: CallCounts & { beforeScan?: number };
  durationMs: number;
}

/** What doctor found, and the facts it judged (the plan keeps the revisions they were read at). */
export interface Diagnosis {
  facts: Facts;
  report: DoctorReport;
}

/** The report of the rules' findings on the facts. */
export function reportOf(open: OpenStage, facts: Facts, findings: Finding[], started: number): DoctorReport {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  // Counted by the clients themselves, so opening the stage and reading its records count too.
  const counts = open.clients?.calls.snapshot() ?? { total: facts.scan?.calls ?? 0, byService: {} };
  return {
    backend: appLabel(open),
    app: open.backend.app,
    stages: facts.stages.map((s) => s.stage),
    findings,
    summary: { blockers: count("blocker"), warnings: count("warning"), info: count("info") },
    incomplete: [...(facts.scan?.incomplete ?? [])],
    coverage: coverageOf(facts.stages),
    calls: counts.total,
    callCounts: {
      ...counts,
      ...(facts.scan?.callsBeforeScan === undefined ? {} : { beforeScan: facts.scan.callsBeforeScan }),
    },
    durationMs: Date.now() - started,
  };
}

/** gather, then every rule over the facts. */
export async function diagnose(open: OpenStage, options: DoctorOptions = {}): Promise<Diagnosis> {
  const started = Date.now();
  const facts = await gather(open, options);
  return { facts, report: reportOf(open, facts, runRules(facts), started) };
}

export async function doctor(open: OpenStage, options: DoctorOptions = {}): Promise<DoctorReport> {
  return (await diagnose(open, options)).report;
}
