/**
 * `stateward cleanup`: deletes what no state holds — orphans, retained leftovers, removed stages'
 * leftovers — in dependency order, only when confirmed. The candidates come from doctor, so a
 * resource any stage's state holds is never one of them; this is checked again before deleting.
 */
import { appendAudit } from "../backends/audit.js";
import type { OpenStage } from "../backends/resolve.js";
import { cloudContext } from "../cloud/context.js";
import { handlerForType } from "../cloud/resources/registry.js";
import { ExitCode, StatewardError } from "../errors.js";
import { doctor } from "./doctor.js";

export type CleanupKind = "orphans" | "retained" | "removed-stages";

/** Which findings each `--include` kind covers (a rolled-back resource is an orphan with a known past). */
const RULE_OF: Record<string, CleanupKind> = {
  orphan: "orphans",
  "rolled-back": "orphans",
  "retained-leftover": "retained",
  "cloudfront-leftover": "removed-stages",
};

/** Deleted in this order: what refers to others first (distributions before their functions). */
const ORDER = [
  "cloudfront-distribution",
  "route53-record",
  "lambda-function",
  "cloudfront-function",
  "log-group",
  "dynamodb-table",
  "ses-identity",
  "ses-classic-identity",
  "s3-bucket",
  "iam-role",
];

export interface CleanupCandidate {
  stage: string;
  type: string;
  kind: string;
  name: string;
  id: string;
  region: string;
  why: string;
  /** The URN the last state that held it gave it, when known. */
  lastUrn?: string;
}

export interface CleanupOutcome extends CleanupCandidate {
  result: "deleted" | "pending" | "failed";
  detail: string;
}

export interface CleanupReport {
  backend: string;
  candidates: CleanupCandidate[];
  outcomes?: CleanupOutcome[];
  audit?: string;
}

export async function planCleanup(
  open: OpenStage,
  options: { allStages?: boolean; include?: CleanupKind[] } = {},
): Promise<CleanupReport> {
  const include = new Set<CleanupKind>(options.include ?? ["orphans", "retained", "removed-stages"]);
  const report = await doctor(open, { allStages: options.allStages === true });
  if (report.incomplete.length > 0) {
    throw new StatewardError(
      "INCOMPLETE_SCAN",
      `The scan was incomplete (${report.incomplete.map((i) => `${i.kind} in ${i.region}`).join(", ")}), so stateward cannot be sure what is unowned; nothing will be deleted.`,
      { hint: "Run it again when those calls succeed.", exitCode: ExitCode.incomplete },
    );
  }
  const candidates: CleanupCandidate[] = [];
  for (const f of report.findings) {
    const kind = RULE_OF[f.rule];
    if (kind === undefined || !include.has(kind)) continue;
    for (const r of f.resources) {
      const handler = handlerForType(r.type);
      if (handler === undefined) continue;
      const c: CleanupCandidate = {
        stage: f.stage,
        type: r.type,
        kind: handler.kind,
        name: r.name,
        id: r.id ?? r.name,
        region: r.region === "global" ? "us-east-1" : r.region,
        why: f.rule,
      };
      if (r.urn !== undefined) c.lastUrn = r.urn;
      candidates.push(c);
    }
  }
  candidates.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
  return { backend: open.backend.label, candidates };
}

export async function applyCleanup(open: OpenStage, plan: CleanupReport): Promise<CleanupReport> {
  const clients = open.clients;
  if (clients === undefined) throw new StatewardError("NO_CLOUD", `${open.backend.label} is not in AWS.`);
  const ctx = cloudContext(clients, open.signal === undefined ? {} : { signal: open.signal });
  const outcomes: CleanupOutcome[] = [];
  // One at a time, in order: a distribution must be gone before its function can go.
  for (const c of plan.candidates) {
    const handler = handlerForType(c.type)!;
    try {
      const r = await handler.delete(ctx, { name: c.name, id: c.id, region: c.region });
      outcomes.push({
        ...c,
        result: r.deleted ? "deleted" : "pending",
        detail: r.deleted ? r.steps.join("; ") : (r.pending ?? "not yet deleted"),
      });
    } catch (e) {
      outcomes.push({ ...c, result: "failed", detail: (e as Error).message });
    }
  }
  const writer = await open.writer("cleanup");
  const audit = await appendAudit(open.backend, writer, {
    summary: `cleanup: ${outcomes.filter((o) => o.result === "deleted").length} deleted, ${outcomes.filter((o) => o.result === "pending").length} pending, ${outcomes.filter((o) => o.result === "failed").length} failed`,
    detail: { outcomes },
  });
  return { ...plan, outcomes, audit: audit.location };
}
