/**
 * `stateward cleanup`: deletes what no state holds — orphans, retained leftovers, removed stages'
 * leftovers — in dependency order, only for the stages the user named for this run. The candidates
 * come from doctor; every deletion then passes the deletion gate, which reads every stage's state
 * again: a resource a state holds, marks retainOnDelete/protect (unless named with --include), or
 * that belongs to a stage nobody confirmed, is kept and said so.
 */
import { appendAudit } from "../backends/audit.js";
import { appLabel, type OpenStage } from "../backends/resolve.js";
import type { DeletionAuthority, Refusal } from "../cloud/deletion-gate.js";
import { cloudContext } from "../cloud/context.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { deleteRank, kindForType } from "../kinds/registry.js";
import { readGateFacts } from "./deletion-facts.js";
import { DeletionGate } from "../cloud/deletion-gate.js";
import { doctor } from "./doctor.js";

export type CleanupKind = "orphans" | "retained" | "removed-stages";
export const CLEANUP_KINDS: readonly CleanupKind[] = ["orphans", "retained", "removed-stages"];

/** Which findings each `--include` kind covers (a rolled-back resource is an orphan with a known past). */
const RULE_OF: Record<string, CleanupKind> = {
  orphan: "orphans",
  "rolled-back": "orphans",
  "retained-leftover": "retained",
  "cloudfront-leftover": "removed-stages",
  "removed-stage-leftover": "removed-stages",
};

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
  /** Why the deletion gate keeps it whatever the stages confirmed (retained, held by a state, …). */
  kept?: Refusal;
}

export interface CleanupOutcome extends CleanupCandidate {
  result: "deleted" | "pending" | "failed" | "refused";
  detail: string;
}

export interface CleanupReport {
  backend: string;
  /** Stages whose resources would be deleted: each must be confirmed for the run. */
  stages: string[];
  candidates: CleanupCandidate[];
  outcomes?: CleanupOutcome[];
  audit?: string;
  dryRun?: boolean;
}

export interface CleanupOptions {
  allStages?: boolean;
  /** Kinds of leftovers (default: all three, unless only ids are named). */
  include?: CleanupKind[];
  /** URNs or physical ids named one by one: only these (of any kind), retained ones included. */
  named?: string[];
  env?: NodeJS.ProcessEnv;
}

/** `--include` values: the three kinds, and anything else is a URN or physical id. */
export function parseInclude(values: readonly string[] | undefined): {
  kinds?: CleanupKind[];
  named: string[];
} {
  if (values === undefined) return { named: [] };
  const kinds = values.filter((v): v is CleanupKind => (CLEANUP_KINDS as readonly string[]).includes(v));
  const named = values.filter((v) => !(CLEANUP_KINDS as readonly string[]).includes(v));
  return kinds.length === 0 ? { named } : { kinds, named };
}

export async function planCleanup(open: OpenStage, options: CleanupOptions = {}): Promise<CleanupReport> {
  const named = options.named ?? [];
  const kinds = new Set<CleanupKind>(options.include ?? (named.length > 0 ? [] : CLEANUP_KINDS));
  // Deep: every orphan, those found only through their parent (a function's URL) included.
  const report = await doctor(open, { allStages: options.allStages === true, deep: true });
  if (report.incomplete.length > 0) {
    throw new StatewardError(
      "INCOMPLETE_SCAN",
      t("actions.cleanup.incomplete", {
        parts: items(
          report.incomplete.map((i) =>
            t("actions.cleanup.incomplete-part", { kind: i.kind, region: i.region }),
          ),
        ),
      }),
      { hint: t("actions.cleanup.incomplete-hint") },
    );
  }
  const isNamed = (r: { name: string; id?: string; urn?: string }) =>
    named.includes(r.name) ||
    (r.id !== undefined && named.includes(r.id)) ||
    (r.urn !== undefined && named.includes(r.urn));
  const candidates: CleanupCandidate[] = [];
  const found = new Set<string>();
  for (const f of report.findings) {
    const kind = RULE_OF[f.rule];
    if (kind === undefined) continue;
    for (const r of f.resources) {
      const known = kindForType(r.type);
      if (known === undefined) continue;
      if (!kinds.has(kind) && !isNamed(r)) continue;
      for (const n of [r.name, r.id, r.urn]) if (n !== undefined && named.includes(n)) found.add(n);
      const c: CleanupCandidate = {
        stage: f.stage,
        type: r.type,
        kind: known.kind,
        name: r.name,
        id: r.id ?? r.name,
        region: r.region,
        why: f.rule,
      };
      if (r.urn !== undefined) c.lastUrn = r.urn;
      candidates.push(c);
    }
  }
  const unknown = named.filter((n) => !found.has(n));
  if (unknown.length > 0) {
    throw new StatewardError(
      "NOT_A_LEFTOVER",
      t(unknown.length === 1 ? "actions.cleanup.not-leftover.one" : "actions.cleanup.not-leftover.other", {
        names: items(unknown),
        stages: items(report.stages),
      }),
      { hint: t("actions.cleanup.not-leftover-hint") },
    );
  }
  candidates.sort((a, b) => deleteRank(a.type) - deleteRank(b.type) || a.name.localeCompare(b.name));
  // What the gate would keep even with every stage confirmed: shown in the dry run.
  const stages = [...new Set(candidates.map((c) => c.stage))].sort();
  if (candidates.length > 0) {
    const facts = await readGateFacts(open, { targets: stages, env: options.env ?? {} });
    const gate = new DeletionGate(
      { command: "cleanup", confirmed: stages, confirmProtected: true, named },
      facts,
    );
    for (const c of candidates) {
      const kept = gate.check(targetOf(c));
      if (kept !== undefined) c.kept = kept;
    }
  }
  return {
    backend: appLabel(open),
    stages: [...new Set(candidates.filter((c) => c.kept === undefined).map((c) => c.stage))].sort(),
    candidates,
  };
}

function targetOf(c: CleanupCandidate) {
  return {
    stage: c.stage,
    type: c.type,
    name: c.name,
    id: c.id,
    region: c.region,
    ...(c.lastUrn === undefined ? {} : { urn: c.lastUrn }),
  };
}

/**
 * A run that would delete resources of some stages, none of them confirmed for it, deletes nothing and
 * says which stages to confirm. (A stage left out among confirmed ones is only kept by the gate.)
 */
export function refuseUnconfirmed(plan: CleanupReport, confirmed: readonly string[]): void {
  if (plan.stages.length === 0 || plan.stages.some((s) => confirmed.includes(s))) return;
  throw new StatewardError(
    "CONFIRMATION_REQUIRED",
    t("actions.cleanup.unconfirmed", { stages: items(plan.stages) }),
    {
      hint: t("actions.cleanup.unconfirmed-hint", {
        flags: plan.stages.map((s) => `--confirm ${s}`).join(" "),
      }),
    },
  );
}

/**
 * Deletes the candidates the gate allows for `authority` (the stages confirmed for this run), one at a
 * time in order; what it refuses is reported, not deleted. The gate reads every state again first. With
 * none of the plan's stages confirmed it refuses before anything (`refuseUnconfirmed`).
 */
export async function applyCleanup(
  open: OpenStage,
  plan: CleanupReport,
  authority: Omit<DeletionAuthority, "command">,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<CleanupReport> {
  refuseUnconfirmed(plan, authority.confirmed);
  const clients = open.clients;
  if (clients === undefined)
    throw new StatewardError("NO_CLOUD", t("actions.not-in-aws", { backend: open.backend.label }));
  const ctx = cloudContext(clients, open.signal === undefined ? {} : { signal: open.signal });
  const facts = await readGateFacts(open, {
    targets: [...new Set(plan.candidates.map((c) => c.stage))],
    env: options.env ?? {},
  });
  const gate = new DeletionGate({ ...authority, command: "cleanup" }, facts);
  const outcomes: CleanupOutcome[] = [];
  // One at a time, in order: a distribution must be gone before its function can go.
  for (const c of plan.candidates) {
    const refused = gate.check(targetOf(c));
    if (refused !== undefined) {
      outcomes.push({ ...c, result: "refused", detail: `${refused.reason}. ${refused.hint}` });
      continue;
    }
    try {
      const r = await gate.delete(ctx, targetOf(c));
      outcomes.push({
        ...c,
        result: r.deleted ? "deleted" : "pending",
        detail: r.deleted ? r.steps.join("; ") : (r.pending ?? t("actions.cleanup.not-yet-deleted")),
      });
    } catch (e) {
      outcomes.push({ ...c, result: "failed", detail: (e as Error).message });
    }
  }
  const count = (r: CleanupOutcome["result"]) => outcomes.filter((o) => o.result === r).length;
  const writer = await open.writer("cleanup");
  const audit = await appendAudit(open.backend, writer, {
    summary: t("actions.cleanup.summary", {
      deleted: count("deleted"),
      pending: count("pending"),
      failed: count("failed"),
      refused: count("refused"),
      confirmed: items(authority.confirmed) || t("actions.none"),
    }),
    detail: { outcomes, confirmed: authority.confirmed, confirmProtected: authority.confirmProtected },
  });
  return { ...plan, outcomes, audit: audit.location };
}
