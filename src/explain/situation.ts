/**
 * With `--app/--stage`: which of an "already exists" problem's causes the stage shows. Reads what
 * doctor gathered once (src/facts: the state, its recent history, every stage's entries and the cloud
 * inventory) and the findings its rules made of it — nothing is scanned again here. Pure: facts and
 * findings in, the problems' `decided`, causes, cause and fix updated in place.
 */
import { t, items } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
import { kindForType } from "../kinds/registry.js";
import { nameFieldsOf, prop } from "../kinds/types.js";
import type { InventoryEntry } from "../facts/inventory.js";
import type { Facts, StageFacts } from "../facts/types.js";
import type { Finding } from "../rules/types.js";
import type { ResourceV3 } from "../state/index.js";
import type { Cause, CauseId, ExplainResult, Problem } from "./types.js";

/** What the stage shows for one problem: the cause, why, and doctor's fix lines where it has some. */
export interface Decision {
  id: CauseId;
  evidence: string;
  fix?: string[];
}

const FINDING_CAUSE: Readonly<Record<string, CauseId>> = {
  "retained-leftover": "retained-leftover",
  "pending-create": "pending-create",
  orphan: "leftover",
  "removed-stage-leftover": "leftover",
  "cloudfront-leftover": "leftover",
  "name-taken": "other-stage",
  "name-collision": "other-stage",
};

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** Whether a state entry names this physical name (its id, or a field that holds its name). */
function entryNames(r: ResourceV3, name: string): boolean {
  if (r.id === name) return true;
  const kind = kindForType(r.type);
  const fields = kind === undefined ? ["name"] : nameFieldsOf(kind);
  return fields.some((f) => same(prop(r, f), name));
}

/** A doctor finding about this resource. */
function byFinding(p: Problem, findings: readonly Finding[]): Decision | undefined {
  const r = p.resource!;
  for (const f of findings) {
    const id = FINDING_CAUSE[f.rule];
    if (id === undefined) continue;
    const hit = f.resources.find(
      (x) => same(x.name, r.name) || same(x.id, r.name) || (r.urn !== undefined && x.urn === r.urn),
    );
    if (hit === undefined) continue;
    const fix = f.fix.filter(
      (l) => l.startsWith("#") || l.includes(hit.name) || (hit.id !== undefined && l.includes(hit.id)),
    );
    return { id, evidence: `doctor (${f.rule}): ${f.evidence}`, fix: fix.length > 0 ? fix : f.fix };
  }
  return undefined;
}

/** The stage's own state holds the name: under another URN (a replacement, a duplicate) or this one. */
function byOwnState(p: Problem, facts: StageFacts): Decision | undefined {
  const r = p.resource!;
  const held = (facts.deployment?.resources ?? []).filter(
    (x) => x.custom !== false && entryNames(x, r.name!),
  );
  if (held.length === 0) return undefined;
  const urns = held.map((x) => x.urn);
  if (held.length > 1) {
    return {
      id: "duplicate-in-program",
      evidence: t("explain.evidence.twice", { stage: facts.stage, name: r.name!, urns: items(urns) }),
    };
  }
  const other = r.urn !== undefined && urns[0] !== r.urn;
  return {
    id: "replacement",
    evidence: other
      ? t("explain.evidence.renamed", { stage: facts.stage, name: r.name!, urn: urns[0]!, newUrn: r.urn! })
      : t("explain.evidence.tracked", { stage: facts.stage, name: r.name!, urn: urns[0]! }),
  };
}

/** Another stage's state (or tags) hold the name. */
function byOtherStage(p: Problem, all: Facts, stage: string): Decision | undefined {
  const r = p.resource!;
  for (const inv of all.allInventories) {
    if (inv.stage === stage) continue;
    const e = inv.entries.find(
      (x: InventoryEntry) => x.status !== "unmanaged" && (same(x.name, r.name) || same(x.id, r.name)),
    );
    if (e !== undefined) {
      return {
        id: "other-stage",
        evidence:
          e.urn === undefined
            ? t("explain.evidence.other-stage", { stage: inv.stage, name: r.name! })
            : t("explain.evidence.other-stage-urn", { stage: inv.stage, name: r.name!, urn: e.urn }),
      };
    }
  }
  return undefined;
}

/** An older version of the stage's state held it: kept by retainOnDelete, or left when it left the app. */
function byHistory(p: Problem, facts: StageFacts): Decision | undefined {
  const r = p.resource!;
  for (const v of facts.history) {
    if (v.current) continue;
    const e = (v.deployment?.resources ?? []).find((x) => entryNames(x, r.name!));
    if (e === undefined) continue;
    const retained = e.retainOnDelete === true;
    return {
      id: retained ? "retained-leftover" : "leftover",
      evidence: t(retained ? "explain.evidence.history-retained" : "explain.evidence.history", {
        version: v.id,
        time: isoTime(v.time),
        stage: facts.stage,
        name: r.name!,
        urn: e.urn,
      }),
    };
  }
  return undefined;
}

/** Which cause the stage shows for one "already exists" problem, if the facts settle it. */
export function decide(
  p: Problem,
  all: Facts,
  findings: readonly Finding[],
  stage: string,
): Decision | undefined {
  if (p.kind !== "already-exists" || p.resource?.name === undefined) return undefined;
  const facts = all.stages.find((s) => s.stage === stage);
  const found = byFinding(p, findings);
  if (found !== undefined) return found;
  if (facts === undefined) return undefined;
  const decided = byOwnState(p, facts) ?? byOtherStage(p, all, stage) ?? byHistory(p, facts);
  if (decided !== undefined) return decided;
  const inCloud = (facts.inventory?.entries ?? []).some((e) => same(e.name, p.resource!.name));
  if (
    !inCloud &&
    kindForType(p.resource.type ?? "")?.kind === "s3-bucket" &&
    all.scan?.incomplete.length === 0
  ) {
    return {
      id: "other-account",
      evidence:
        all.account === undefined
          ? t("explain.evidence.other-account-this", { name: p.resource.name })
          : t("explain.evidence.other-account", { account: all.account, name: p.resource.name }),
    };
  }
  return undefined;
}

/** Puts the decided cause first and makes its words the problem's. */
export function applyDecision(p: Problem, d: Decision): void {
  p.decided = { id: d.id, evidence: d.evidence };
  const causes = p.causes ?? [];
  const known = causes.find((c) => c.id === d.id);
  const chosen: Cause = known ?? { id: d.id, cause: d.evidence, tell: "", fix: d.fix ?? [] };
  if (d.fix !== undefined) chosen.fix = d.fix;
  p.causes = [chosen, ...causes.filter((c) => c !== known)];
  p.cause = t("explain.decided", { cause: chosen.cause, evidence: d.evidence });
  p.fix = chosen.fix;
  if (chosen.rule !== undefined) p.rule = chosen.rule;
}

/** Decides every "already exists" problem of a report the facts settle. */
export function decideAll(
  report: ExplainResult,
  facts: Facts,
  findings: readonly Finding[],
  stage: string,
): void {
  // Another tool's log: the stage's Pulumi state says nothing about that tool's resources.
  if (report.tool === "cloudformation" || report.tool === "terraform") return;
  for (const p of report.problems) {
    const d = decide(p, facts, findings, stage);
    if (d !== undefined) applyDecision(p, d);
  }
}
