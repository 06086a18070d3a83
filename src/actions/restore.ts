/**
 * `history restore`: a plan step that computes everything and writes nothing (the chosen version
 * against the current state, and against the cloud as doctor's rules judge it once restored), then
 * an apply step that writes it under the safe-write protocol.
 */
import { writeStage, type SafeWriteResult, type StageWriteOptions } from "../backends/safe-write.js";
import type { CurrentState } from "../backends/types.js";
import type { OpenStage } from "../backends/resolve.js";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { gather } from "../facts/gather.js";
import type { IncompletePart, InventoryEntry } from "../facts/inventory.js";
import type { StageFacts } from "../facts/types.js";
import { coverageOf, runRules, type Finding, type FindingResource } from "../rules/index.js";
import { held } from "../rules/unmanaged.js";
import {
  diffDeployments,
  resourceArns,
  verifyIntegrity,
  type DeploymentV3,
  type StateDiff,
} from "../state/index.js";
import { listHistory, loadVersion, type HistoryVersion, type LoadedVersion } from "./history.js";

export interface CloudCheck {
  /** false when the check was skipped (then `reason` says why). */
  checked: boolean;
  reason?: string;
  regions: string[];
  /** Resources of this app and stage found in the cloud (by tag, by name, or by the states' ids). */
  tagged: number;
  /**
   * In the cloud, not in the restored state: restoring leaves them unmanaged (next deploy: "already
   * exists"). `arn` is the resource's ARN, or its id where it has none (a Route 53 record); `rule` is
   * the doctor rule that reports it once the version is restored.
   */
  orphaned: { arn: string; inCurrent: boolean; urn?: string; rule?: string; type?: string; name?: string }[];
  /** In the restored state, not in the cloud: the next deploy would try to update something gone. */
  stale: { urn: string; type: string; arn: string }[];
  /** Resources of the restored state no cloud lookup settled (types stateward does not check, …). */
  notJudged: number;
  /** Parts of the scan that failed: what they would have found is not in the lists above. */
  incomplete?: IncompletePart[];
}

export interface RestorePlan {
  backend: string;
  app: string;
  stage: string;
  target: HistoryVersion;
  current?: { id?: string; revision: string; versionId?: string; resources: number };
  /** What restoring changes, from the current state to the chosen version. */
  diff: StateDiff;
  cloud: CloudCheck;
  /** Why this version cannot be written (integrity, unknown version). Nothing is written while non-empty. */
  blockers: string[];
  warnings: string[];
  /** The chosen version is the current state already. */
  noop: boolean;
}

export interface PreparedRestore {
  plan: RestorePlan;
  bytes: Uint8Array;
  read: CurrentState | undefined;
}

export interface RestoreOptions {
  /** Skip the comparison with the cloud (e.g. a DIY stack outside AWS); said in the plan. */
  cloudCheck?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
}

export async function planRestore(
  open: OpenStage,
  name: string,
  options: RestoreOptions = {},
): Promise<PreparedRestore> {
  const { backend } = open;
  const signal = options.signal ?? open.signal;
  const [list, read] = await Promise.all([
    listHistory(backend, { concurrency: options.concurrency, signal }),
    backend.readState(signal),
  ]);
  const chosen = loadVersion(list, name);
  const blockers: string[] = [];
  const warnings: string[] = [...chosen.doc.warnings];
  if (!chosen.doc.writable) blockers.push(t("history.restore.blocker.format", { id: chosen.version.id }));
  const violations = verifyIntegrity(chosen.doc.deployment);
  for (const v of violations.slice(0, 10))
    blockers.push(t("history.restore.blocker.integrity", { message: v.message }));
  if (violations.length > 10)
    blockers.push(t("history.restore.blocker.more", { count: violations.length - 10 }));
  if (violations.length > 0) warnings.push(t("history.restore.warning.integrity"));
  const pending = chosen.doc.deployment?.pending_operations?.length ?? 0;
  if (pending > 0) {
    warnings.push(
      pending === 1
        ? t("history.restore.warning.pending.one", { id: chosen.version.id })
        : t("history.restore.warning.pending.other", { id: chosen.version.id, count: pending }),
    );
  }
  if (chosen.version.update?.outcome === "failed") {
    warnings.push(
      t("history.restore.warning.failed-update", {
        id: chosen.version.id,
        message: chosen.version.update.errors[0]?.message ?? t("history.restore.see-record"),
      }),
    );
  }

  const diff = diffDeployments(read?.doc.deployment, chosen.doc.deployment);
  const cloud =
    options.cloudCheck === false
      ? skipped(t("history.restore.skipped-flag"))
      : await checkCloud(open, chosen, read?.doc.deployment, {
          ...options,
          ...(signal === undefined ? {} : { signal }),
        });
  if (cloud.incomplete !== undefined)
    warnings.push(
      t("history.restore.warning.incomplete", {
        parts: items(
          cloud.incomplete.map((p) =>
            t("history.restore.kind-in-region", { kind: p.kind, region: p.region }),
          ),
        ),
      }),
    );

  const currentVersion = list.versions.find((v) => v.current);
  const plan: RestorePlan = {
    backend: backend.label,
    app: backend.app,
    stage: backend.stage,
    target: chosen.version,
    diff,
    cloud,
    blockers,
    warnings,
    noop: chosen.version.current,
  };
  if (read !== undefined) {
    plan.current = {
      revision: read.revision,
      resources: read.doc.deployment?.resources?.length ?? 0,
      ...(read.versionId === undefined ? {} : { versionId: read.versionId }),
      ...(currentVersion === undefined ? {} : { id: currentVersion.id }),
    };
  }
  return { plan, bytes: chosen.bytes, read };
}

function skipped(reason: string): CloudCheck {
  return { checked: false, reason, regions: [], tagged: 0, orphaned: [], stale: [], notJudged: 0 };
}

/** The rules whose findings are resources in the cloud that the restored state would not hold. */
const LEFTOVER_RULES: ReadonlySet<string> = new Set([
  "orphan",
  "retained-leftover",
  "rolled-back",
  "removed-stage-leftover",
  "cloudfront-leftover",
]);

/** The inventory entry a finding's resource was made from (`resourceOf`). */
function entryOf(entries: readonly InventoryEntry[], r: FindingResource): InventoryEntry | undefined {
  return entries.find((e) => e.type === r.type && e.name === r.name && e.id === (r.id ?? r.name));
}

/** What the cloud holds of this stage that the restored state would not, by the rule that says why. */
function orphansOf(findings: readonly Finding[], stage: StageFacts, current: DeploymentV3 | undefined) {
  const entries = stage.inventory?.entries ?? [];
  return findings
    .filter((f) => LEFTOVER_RULES.has(f.rule))
    .flatMap((f) =>
      f.resources.map((r): CloudCheck["orphaned"][number] => {
        const e = entryOf(entries, r);
        const known = e === undefined ? undefined : held(e, current);
        return {
          arn: e?.arn ?? r.id ?? r.name,
          inCurrent: known !== undefined,
          ...(known === undefined ? {} : { urn: known.urn }),
          rule: f.rule,
          type: r.type,
          name: r.name,
        };
      }),
    )
    .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** What the restored state holds that the cloud no longer has (the `stale` rule). */
function staleOf(findings: readonly Finding[], stage: StageFacts): CloudCheck["stale"] {
  const entries = stage.inventory?.entries ?? [];
  const arns = new Map(resourceArns(stage.deployment).map((r) => [r.urn, r.arn]));
  return findings
    .filter((f) => f.rule === "stale")
    .flatMap((f) => f.resources)
    .filter((r) => r.urn !== undefined)
    .map((r) => ({
      urn: r.urn!,
      type: r.type,
      arn: entryOf(entries, r)?.arn ?? arns.get(r.urn!) ?? r.id ?? r.name,
    }));
}

/**
 * The chosen version against the cloud, judged as doctor judges a stage: the facts gathered as if the
 * version were current, and the orphan and leftover rules (and `stale`) on them — not a comparison of
 * its ARNs with the tagging API, which cannot tell another home's or another version's resources
 * from orphans.
 */
async function checkCloud(
  open: OpenStage,
  chosen: LoadedVersion,
  current: DeploymentV3 | undefined,
  options: RestoreOptions,
): Promise<CloudCheck> {
  if (open.backend.kind !== "sst" || open.clients === undefined || open.region === undefined) {
    return skipped(t("history.restore.skipped-diy"));
  }
  const signal = options.signal ?? open.signal;
  const facts = await gather(open, {
    asCurrent: { versionId: chosen.version.id, deployment: chosen.doc.deployment },
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(signal === undefined ? {} : { signal }),
  });
  const stage = facts.stages.find((s) => s.stage === open.backend.stage)!;
  const findings = runRules(facts).filter((f) => f.stage === stage.stage);
  const coverage = coverageOf([stage]);
  const found = (stage.inventory?.entries ?? []).filter(
    (e) => e.status !== "missing" && e.otherStage === undefined,
  );
  return {
    checked: true,
    regions: [...(facts.scan?.regions ?? [])],
    tagged: found.length,
    orphaned: orphansOf(findings, stage, current),
    stale: staleOf(findings, stage),
    notJudged: coverage.total - coverage.checked,
    ...(facts.scan === undefined || facts.scan.incomplete.length === 0
      ? {}
      : { incomplete: [...facts.scan.incomplete] }),
  };
}

export interface RestoreResult {
  plan: RestorePlan;
  written?: SafeWriteResult;
}

/** Writes the prepared version under the safe-write protocol; refuses a plan with blockers. */
export async function applyRestore(
  open: OpenStage,
  prepared: PreparedRestore,
  options: StageWriteOptions = {},
): Promise<RestoreResult> {
  const { plan } = prepared;
  if (plan.blockers.length > 0) {
    throw new StatewardError(
      "RESTORE_BLOCKED",
      plan.blockers.length > 1
        ? t("history.restore.error.blocked-more", {
            id: plan.target.id,
            blocker: plan.blockers[0]!,
            count: plan.blockers.length - 1,
          })
        : t("history.restore.error.blocked", { id: plan.target.id, blocker: plan.blockers[0]! }),
      { hint: t("history.restore.hint.blocked") },
    );
  }
  if (plan.noop) return { plan };
  const written = await writeStage(
    open,
    prepared.read,
    prepared.bytes,
    "history restore", // i18n-exempt: the action's name in records
    {
      summary: t("history.restore.summary", {
        id: plan.target.id,
        time: plan.target.time,
        count: plan.target.resources,
      }),
      changes: {
        added: plan.diff.added.map((r) => r.urn),
        removed: plan.diff.removed.map((r) => r.urn),
        changed: plan.diff.changed.map((r) => r.urn),
      },
      detail: {
        restoredVersion: plan.target.id,
        names: plan.target.names,
        contentHash: plan.target.contentHash,
      },
    },
    options,
  );
  return { plan, written };
}
