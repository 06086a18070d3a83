/**
 * `history restore`: a plan step that computes everything and writes nothing (the chosen version
 * against the current state and against the cloud's tagged resources), then an apply step that
 * writes it under the safe-write protocol.
 */
import { writeStage, type SafeWriteResult, type StageWriteOptions } from "../backends/safe-write.js";
import type { CurrentState } from "../backends/types.js";
import type { OpenStage } from "../backends/resolve.js";
import {
  GLOBAL_REGION,
  arnRegion,
  listTaggedResources,
  normalizeArn,
  visibleToTagging,
} from "../cloud/tagged.js";
import { ExitCode, StatewardError } from "../errors.js";
import { diffDeployments, resourceArns, verifyIntegrity, type StateDiff } from "../state/index.js";
import { listHistory, loadVersion, type HistoryVersion } from "./history.js";

export interface CloudCheck {
  /** false when the check was skipped (then `reason` says why). */
  checked: boolean;
  reason?: string;
  regions: string[];
  /** Tagged resources of this app and stage found in the cloud. */
  tagged: number;
  /** In the cloud, not in the restored state: restoring leaves them unmanaged (next deploy: "already exists"). */
  orphaned: { arn: string; inCurrent: boolean; urn?: string }[];
  /** In the restored state, not in the cloud: the next deploy would try to update something gone. */
  stale: { urn: string; type: string; arn: string }[];
  /** Resources of the restored state the tagging API cannot see (IAM roles, untagged, other regions). */
  notJudged: number;
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
  if (!chosen.doc.writable)
    blockers.push(`version ${chosen.version.id} is in a format this stateward cannot write`);
  const violations = verifyIntegrity(chosen.doc.deployment);
  for (const v of violations.slice(0, 10)) blockers.push(`integrity: ${v.message}`);
  if (violations.length > 10) blockers.push(`… and ${violations.length - 10} more integrity violations`);
  if (violations.length > 0)
    warnings.push(
      "restore a version that passes integrity, or export it and run `stateward state repair` first",
    );
  const pending = chosen.doc.deployment?.pending_operations?.length ?? 0;
  if (pending > 0) {
    warnings.push(
      `version ${chosen.version.id} has ${pending} pending operation${pending === 1 ? "" : "s"}: the next deploy will stop on ${pending === 1 ? "it" : "them"} until resolved`,
    );
  }
  if (chosen.version.update?.outcome === "failed") {
    warnings.push(
      `the update that wrote version ${chosen.version.id} failed (${chosen.version.update.errors[0]?.message ?? "see its record"})`,
    );
  }

  const diff = diffDeployments(read?.doc.deployment, chosen.doc.deployment);
  const cloud =
    options.cloudCheck === false
      ? skipped("skipped with --no-cloud-check")
      : await checkCloud(open, chosen.doc.deployment, read?.doc.deployment, signal);

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

async function checkCloud(
  open: OpenStage,
  target: Parameters<typeof resourceArns>[0],
  current: Parameters<typeof resourceArns>[0],
  signal?: AbortSignal,
): Promise<CloudCheck> {
  if (open.backend.kind !== "sst" || open.clients === undefined || open.region === undefined) {
    return skipped("only SST stages carry the sst:app / sst:stage tags stateward compares with");
  }
  const regions = [...new Set([open.region, GLOBAL_REGION])];
  const tagged = await listTaggedResources(
    open.clients,
    regions,
    { "sst:app": open.backend.app, "sst:stage": open.backend.stage },
    signal,
  );
  const targetArns = resourceArns(target);
  const currentArns = resourceArns(current);
  const inTarget = new Set(targetArns.map((r) => normalizeArn(r.arn)));
  const currentByArn = new Map(currentArns.map((r) => [normalizeArn(r.arn), r]));
  const inCloud = new Set(tagged.map((t) => normalizeArn(t.arn)));
  const orphaned = tagged
    .filter((t) => !inTarget.has(normalizeArn(t.arn)))
    .map((t) => {
      const known = currentByArn.get(normalizeArn(t.arn));
      return known === undefined
        ? { arn: t.arn, inCurrent: false }
        : { arn: t.arn, inCurrent: true, urn: known.urn };
    });
  // Only resources the tagging API can see (tagged, of a kind it lists, in a region that was asked)
  // can be called gone; the rest are counted as not checked.
  const asked = new Set([...regions, ""]);
  const judged = targetArns.filter((r) => r.tagged && asked.has(arnRegion(r.arn)) && visibleToTagging(r.arn));
  const stale = judged
    .filter((r) => !inCloud.has(normalizeArn(r.arn)))
    .map((r) => ({ urn: r.urn, type: r.type, arn: r.arn }));
  return {
    checked: true,
    regions,
    tagged: tagged.length,
    orphaned,
    stale,
    notJudged: targetArns.length - judged.length,
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
      `Version ${plan.target.id} cannot be restored: ${plan.blockers[0]}${plan.blockers.length > 1 ? ` (and ${plan.blockers.length - 1} more)` : ""}.`,
      { hint: "Pick another version; nothing was written.", exitCode: ExitCode.blockers },
    );
  }
  if (plan.noop) return { plan };
  const written = await writeStage(
    open,
    prepared.read,
    prepared.bytes,
    "history restore",
    {
      summary: `restored version ${plan.target.id} (${plan.target.time}, ${plan.target.resources} resources)`,
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
