/** `stateward explain`: reads a failed deploy's output (a file or standard input) and explains it. */
import { promises as fs } from "node:fs";
import { fileError } from "../backends/file.js";
import { explainLog, type ExplainResult } from "../explain/index.js";
import type { Finding } from "../rules/index.js";

export interface ExplainReport extends ExplainResult {
  source: string;
  /** Doctor's findings for the stage that concern what the log names (with --app/--stage). */
  confirmed?: Finding[];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

export async function explainFile(
  file: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<ExplainReport> {
  let text: string;
  try {
    text = file === "-" ? await readAll(stdin) : await fs.readFile(file, "utf8");
  } catch (cause) {
    throw fileError(file, cause);
  }
  return { source: file === "-" ? "standard input" : file, ...explainLog(text) };
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
