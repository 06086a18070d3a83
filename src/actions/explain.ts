/** `stateward explain`: reads a failed deploy's output (a file or standard input) and explains it. */
import { readInput } from "../backends/read-input.js";
import { sdk } from "../cloud/sdk.js";
import type { OpenStage } from "../backends/resolve.js";
import { passphraseAdvice, type PassphraseLookup } from "../explain/advice.js";
import {
  decodeLog,
  explainLog,
  logTooLargeError,
  MAX_LOG_BYTES,
  type ExplainResult,
} from "../explain/index.js";
import { decideAll } from "../explain/situation.js";
import type { Finding } from "../rules/index.js";
import { sstKeys } from "../state/sst.js";
import { t } from "../i18n/index.js";

export interface ExplainReport extends ExplainResult {
  source: string;
  /** Doctor's findings for the stage that concern what the log names (with --app/--stage). */
  confirmed?: Finding[];
  /** For a passphrase error in an SST stage: where the passphrase parameter was looked for, and what was found. */
  passphrase?: PassphraseLookup;
}

/**
 * Reads a log (`-`: standard input) and explains it. Empty, binary or oversized input is a LOG_FORMAT
 * error, not an empty explanation; a gzipped log is read as the log inside it.
 */
export async function explainFile(file: string, stdin?: NodeJS.ReadableStream): Promise<ExplainReport> {
  const source = file === "-" ? t("explain.input.stdin") : file;
  const bytes = await readInput(
    file,
    stdin,
    MAX_LOG_BYTES,
    (size, exact) => logTooLargeError(source, size, exact),
    "log",
  );
  return { source, ...explainLog(decodeLog(bytes, source)) };
}

/** The findings that name a resource, URN or rule the log mentions. */
export function confirmingFindings(report: ExplainResult, findings: Finding[]): Finding[] {
  const names = new Set<string>();
  const rules = new Set<string>();
  for (const p of report.problems) {
    if (p.resource?.name !== undefined) names.add(p.resource.name.toLowerCase());
    if (p.resource?.urn !== undefined) names.add(p.resource.urn);
    if (p.rule !== undefined) rules.add(p.rule);
  }
  return findings.filter(
    (f) =>
      f.resources.some((r) => names.has(r.name.toLowerCase()) || (r.urn !== undefined && names.has(r.urn))) ||
      (rules.has(f.rule) && (f.rule === "stale-lock" || f.rule === "integrity")),
  );
}

/**
 * With --app/--stage: checks what the log names against the stage. Doctor's findings that concern the
 * same resources confirm (or clear) each problem; for a passphrase error in an SST stage, the passphrase
 * parameter is looked up in the stage's home region and account, and the problem says what was found.
 */
export async function checkAgainstStage(report: ExplainReport, open: OpenStage): Promise<void> {
  if (report.problems.some((p) => p.kind === "passphrase") && open.backend.kind === "sst") {
    const lookup = await lookUpPassphrase(open);
    report.passphrase = lookup;
    for (const p of report.problems) {
      if (p.kind !== "passphrase") continue;
      Object.assign(
        p,
        passphraseAdvice(
          {
            ...(p.secrets === undefined ? {} : { secrets: p.secrets }),
            app: open.sources.app,
            stage: open.sources.stage,
            tool: "sst",
          },
          lookup,
        ),
      );
    }
  }
  // One gather for both: doctor's findings, and the facts that decide each problem's cause.
  const { diagnose } = await import("./doctor.js");
  const { facts, report: found } = await diagnose(open);
  decideAll(report, facts, found.findings, open.sources.stage);
  report.confirmed = confirmingFindings(report, found.findings);
}

/** Where SST keeps the stage's passphrase, and whether it is there; never reads its value. */
export async function lookUpPassphrase(open: OpenStage): Promise<PassphraseLookup> {
  const { app, stage } = open.sources;
  const region = open.region ?? "us-east-1";
  const lookup: PassphraseLookup = { parameter: sstKeys.passphrase(app, stage), region };
  if (open.clients === undefined) return { ...lookup, error: t("explain.passphrase.no-credentials") };
  const account = await open.clients.callerIdentity(open.signal).then(
    (id) => id.account,
    () => undefined,
  );
  if (account !== undefined) lookup.account = account;
  try {
    const r = await open.clients.ssm(region).send(
      new (sdk.ssm().DescribeParametersCommand)({
        ParameterFilters: [{ Key: "Name", Option: "Equals", Values: [lookup.parameter] }],
      }),
      { abortSignal: open.signal },
    );
    const p = r.Parameters?.find((x) => x.Name === lookup.parameter);
    lookup.found = p !== undefined;
    if (p?.Version !== undefined) lookup.version = p.Version;
    if (p?.LastModifiedDate !== undefined) lookup.lastModified = p.LastModifiedDate.toISOString();
  } catch (e) {
    lookup.error = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").slice(0, 200);
  }
  return lookup;
}
