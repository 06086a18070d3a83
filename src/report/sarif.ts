/**
 * SARIF 2.1.0 (OASIS): doctor's findings as results, and a failed run as a log with no results and an
 * unsuccessful invocation. Every result has a physical location — the stage's state object
 * (`s3://<bucket>/app/<app>/<stage>.json`, or the Pulumi DIY checkpoint) — and, where the finding
 * names resources, a logical location for each (its URN, or type and name).
 */
import { pathToFileURL } from "node:url";
import type { DoctorReport } from "../actions/doctor.js";
import type { StageBackend } from "../backends/types.js";
import type { Finding, Severity } from "../rules/index.js";
import { t } from "../i18n/index.js";
import { VERSION } from "../version.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  blocker: "error",
  warning: "warning",
  info: "note",
};

/** A state location as a URI: S3 URLs as they are, paths on disk as file:// URLs. */
export function stateUri(location: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  return pathToFileURL(location).href;
}

/** Where each stage's state object is (for SARIF's physical locations); no call is made for SST. */
export async function stateLocations(
  backend: StageBackend,
  stages: readonly string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const stage of new Set(stages)) {
    const b = stage === backend.stage ? backend : await backend.forStage(stage).catch(() => undefined);
    if (b !== undefined) out[stage] = stateUri(b.store.locate(b.stateKey));
  }
  return out;
}

function driver(rules: { id: string; name: string; shortDescription: { text: string } }[] = []) {
  return { name: "stateward", version: VERSION, rules };
}

function findingLocations(f: Finding, artifact: { uri: string; index: number } | undefined) {
  const physicalLocation =
    artifact === undefined ? undefined : { artifactLocation: { uri: artifact.uri, index: artifact.index } };
  const logical = f.resources.map((x) => ({
    name: x.name || x.type,
    fullyQualifiedName: x.urn ?? `${x.type}::${x.region}::${x.name}`,
    kind: "resource",
  }));
  if (logical.length === 0) return physicalLocation === undefined ? [] : [{ physicalLocation }];
  return logical.map((l) => ({
    ...(physicalLocation === undefined ? {} : { physicalLocation }),
    logicalLocations: [l],
  }));
}

/**
 * Doctor's report as a SARIF log. `states` maps each stage to its state object's URI (stateLocations):
 * those are the run's artifacts and every result's physical location.
 */
export function doctorSarif(r: DoctorReport, states: Record<string, string>): object {
  const ruleIds = [...new Set(r.findings.map((f) => f.rule))];
  const stages = [...new Set([...r.stages, ...r.findings.map((f) => f.stage)])].filter(
    (s) => states[s] !== undefined,
  );
  const artifacts = stages.map((stage) => ({
    location: { uri: states[stage]! },
    description: { text: t("report.sarif.artifact", { stage, app: r.app }) },
    roles: ["analysisTarget"],
  }));
  const artifactOf = (stage: string) => {
    const index = stages.indexOf(stage);
    return index === -1 ? undefined : { uri: states[stage]!, index };
  };
  return {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: driver(
            ruleIds.map((id) => ({
              id,
              name: id,
              shortDescription: { text: r.findings.find((f) => f.rule === id)!.cause },
            })),
          ),
        },
        artifacts,
        results: r.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: {
            text: t("report.sarif.message", { evidence: f.evidence, cause: f.cause, fix: f.fix.join(" ; ") }),
          },
          locations: findingLocations(f, artifactOf(f.stage)),
          properties: { stage: f.stage, app: f.app, severity: f.severity, fix: f.fix },
        })),
        properties: { coverage: r.coverage },
        invocations: [
          {
            executionSuccessful: r.incomplete.length === 0,
            toolExecutionNotifications: [
              ...r.incomplete.map((i) => ({
                level: "error",
                message: {
                  text: t("report.incomplete-part", { kind: i.kind, region: i.region, error: i.error }),
                },
              })),
              // What was not checked: a note per type, so a clean SARIF run never hides it.
              ...r.coverage.unchecked.map((u) => ({
                level: "note",
                message: {
                  text:
                    u.count === 1
                      ? t("report.sarif.unchecked.one", { count: u.count, type: u.type })
                      : t("report.sarif.unchecked.other", { count: u.count, type: u.type }),
                },
              })),
              // What has nothing in AWS to check (an invocation, SST's helpers): a note each, too.
              ...(r.coverage.nothingToCheck ?? []).map((u) => ({
                level: "note",
                message: {
                  text:
                    u.count === 1
                      ? t("report.sarif.nothing.one", { count: u.count, type: u.type, reason: u.reason })
                      : t("report.sarif.nothing.other", { count: u.count, type: u.type, reason: u.reason }),
                },
              })),
            ],
          },
        ],
      },
    ],
  };
}

export interface ReportedError {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
}

/**
 * A run that failed before it had results: no `results` (SARIF: not "nothing found" but "not
 * determined"), and the error as the invocation's notification.
 */
export function errorSarif(e: ReportedError): object {
  return {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: driver() },
        invocations: [
          {
            executionSuccessful: false,
            exitCode: e.exitCode,
            toolExecutionNotifications: [
              {
                level: "error",
                descriptor: { id: e.code },
                message: { text: e.hint === undefined ? e.message : `${e.message} ${e.hint}` },
                properties: { code: e.code, ...(e.hint === undefined ? {} : { hint: e.hint }) },
              },
            ],
          },
        ],
      },
    ],
  };
}
