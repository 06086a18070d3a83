/**
 * The deletion gate: the one place every cloud deletion passes (cleanup, fix, apply). A driver's
 * `delete` runs only with a permit issued here, and a permit is issued only when
 *
 *  - the user named, for this run, every stage whose resources the deletion touches (typed on a
 *    terminal, or `--confirm <stage>` once per stage) — a confirmation for one stage never covers
 *    another; protected stages (`prod*`, `production`, SST's `protect`, STATEWARD_PROTECTED_STAGES)
 *    also need `--confirm-protected`;
 *  - no state marks the resource `retainOnDelete` or `protect` (in any version the gate was shown),
 *    and no other live stage's current state holds it — unless `cleanup` names it individually
 *    (`--include <urn|physical id>`); fix and apply never delete such a resource;
 *  - no live stage's current state reads it with `.get()` (`external`): someone else's resource in use,
 *    refused the same way;
 *  - the stage's own current state does not hold it (a managed resource is removed by a deploy).
 *
 * `judgeDeletion` is pure; `DeletionGate` holds the facts the caller read just before deleting.
 */
import { StatewardError } from "../errors.js";
import { isProductionName, quote } from "../rules/types.js";

export { isProductionName };
import type { DeploymentV3 } from "../state/index.js";
import { key, locateEntries } from "./inventory.js";
import { kindForType, GLOBAL_REGION } from "../kinds/registry.js";
import type { Kind } from "../kinds/types.js";
import { driverFor } from "./drivers/index.js";
import type { CloudContext, DeleteResult } from "./drivers/types.js";
import { issuePermit, type DeletionPermit } from "./permit.js";
import { t, items } from "../i18n/index.js";

export type DeletingCommand = "cleanup" | "apply" | "fix";

/** One resource to delete: whose it is (the stage), what and where. */
export interface DeletionTarget {
  stage: string;
  type: string;
  name: string;
  id: string;
  /** Its region; `global` (or us-east-1) for IAM, CloudFront and Route 53. */
  region: string;
  /** The URN a state gave it, when known. */
  urn?: string;
}

/** What the user said for this run. */
export interface DeletionAuthority {
  command: DeletingCommand;
  /** Stages named for this run (typed, or `--confirm <stage>`). */
  confirmed: readonly string[];
  /** `--confirm-protected`: protected stages may be touched too. */
  confirmProtected: boolean;
  /** URNs or physical ids named one by one (`cleanup --include <id>`). */
  named?: readonly string[];
}

export interface GateStage {
  stage: string;
  /** The current state; undefined when the stage's state is gone (removed stage). */
  current: DeploymentV3 | undefined;
  /** Older versions of the state (newest first), for retainOnDelete/protect marks. */
  older: { id: string; deployment: DeploymentV3 | undefined }[];
  /** Protected by configuration (SST's `protect`, STATEWARD_PROTECTED_STAGES). */
  protected?: boolean;
}

/** What every state of the app says, read just before deleting. */
export interface GateFacts {
  app: string;
  homeRegion: string;
  stages: GateStage[];
}

export interface Refusal {
  code:
    | "DELETE_UNKNOWN_TYPE"
    | "DELETE_MANAGED"
    | "DELETE_HELD_BY_OTHER_STAGE"
    | "DELETE_REFERENCED_EXTERNALLY"
    | "DELETE_RETAINED"
    | "DELETE_PROTECTED_ENTRY"
    | "DELETE_NOT_CONFIRMED"
    | "DELETE_PROTECTED_STAGE";
  reason: string;
  /** What would allow it, when anything would. */
  hint: string;
}

interface Holding {
  stage: string;
  /** `current`, or the id of an older version. */
  version: string;
  urn: string;
  retainOnDelete: boolean;
  protect: boolean;
  /** The entry only reads the resource with `.get()`: someone else's resource in use, not a holding. */
  external: boolean;
}

function normalRegion(kind: Kind, region: string): string {
  return kind.global || region === "global" ? GLOBAL_REGION : region;
}

/** Every state entry, in every version shown, that is this resource. */
function holdings(kind: Kind, target: DeletionTarget, facts: GateFacts): Holding[] {
  const region = normalRegion(kind, target.region);
  const wanted = new Set([
    key(kind.kind, region, { name: target.name, id: target.id }),
    key(kind.kind, region, { name: target.id, id: target.id }),
  ]);
  const out: Holding[] = [];
  const scan = (stage: string, version: string, d: DeploymentV3 | undefined) => {
    const { located, external } = locateEntries(d, facts.homeRegion);
    for (const l of [...located, ...external]) {
      if (l.kind !== kind) continue;
      // An entry whose key cannot name the target may still hold it (SST's OAC entries: by id).
      const seen = { ...target, region, kind: kind.kind, tags: {}, foundBy: "read" as const };
      const same = l.identity.region === region && kind.sameResource?.(l.resource, l.identity, seen) === true;
      if (!wanted.has(key(l.kind.kind, l.identity.region, l.identity)) && !same) continue;
      const isExternal = l.resource.external === true;
      out.push({
        stage,
        version,
        urn: l.resource.urn,
        retainOnDelete: !isExternal && l.resource.retainOnDelete === true,
        protect: !isExternal && l.resource.protect === true,
        external: isExternal,
      });
    }
  };
  for (const s of facts.stages) {
    scan(s.stage, "current", s.current);
    for (const v of s.older) scan(s.stage, v.id, v.deployment);
  }
  return out;
}

function isNamed(authority: DeletionAuthority, target: DeletionTarget, held: Holding[]): boolean {
  const names = new Set(authority.named ?? []);
  return (
    names.has(target.name) ||
    names.has(target.id) ||
    (target.urn !== undefined && names.has(target.urn)) ||
    held.some((h) => names.has(h.urn))
  );
}

function isProtectedStage(facts: GateFacts, stage: string): boolean {
  return isProductionName(stage) || facts.stages.some((x) => x.stage === stage && x.protected === true);
}

/** The cleanup command that deletes this one resource, ready to paste. */
function byName(target: DeletionTarget, facts: GateFacts, stages: string[]): string {
  return `stateward cleanup --app ${quote(facts.app)} --stage ${quote(target.stage)} --include ${quote(target.id)} --yes ${stages.map((s) => `--confirm ${quote(s)}`).join(" ")}${stages.some((s) => isProtectedStage(facts, s)) ? " --confirm-protected" : ""}`;
}

/** What only naming the resource overrides: another live stage's, in use by `.get()`, retained, protected. */
function heldRefusal(
  target: DeletionTarget,
  facts: GateFacts,
  held: Holding[],
  others: Holding[],
  live: Set<string>,
): Refusal | undefined {
  const what = `${target.type} ${target.name}`;
  if (others.length > 0) {
    const o = others[0]!;
    return {
      code: "DELETE_HELD_BY_OTHER_STAGE",
      reason: t("cloud.gate.other-stage", { stage: o.stage, what, urn: o.urn }),
      hint: t("cloud.gate.other-stage.hint", {
        stage: o.stage,
        command: byName(target, facts, [target.stage, o.stage]),
      }),
    };
  }
  // A live state reads it with `.get()`: a program uses it, so only naming it deletes it.
  const reference = held.find((h) => h.external && h.version === "current" && live.has(h.stage));
  if (reference !== undefined) {
    return {
      code: "DELETE_REFERENCED_EXTERNALLY",
      reason: t("cloud.gate.external", { stage: reference.stage, what, urn: reference.urn }),
      hint: t("cloud.gate.external.hint", {
        stage: reference.stage,
        command: byName(target, facts, [...new Set([target.stage, reference.stage])]),
      }),
    };
  }
  const retained = held.find((h) => h.retainOnDelete);
  if (retained !== undefined) {
    return {
      code: "DELETE_RETAINED",
      reason:
        retained.version === "current"
          ? t("cloud.gate.retained.current", { stage: retained.stage, what, urn: retained.urn })
          : t("cloud.gate.retained.version", {
              stage: retained.stage,
              version: retained.version,
              what,
              urn: retained.urn,
            }),
      hint: t("cloud.gate.retained.hint", { command: byName(target, facts, [target.stage]) }),
    };
  }
  const guarded = held.find((h) => h.protect);
  if (guarded !== undefined) {
    return {
      code: "DELETE_PROTECTED_ENTRY",
      reason: t("cloud.gate.protect", { stage: guarded.stage, what, urn: guarded.urn }),
      hint: t("cloud.gate.protect.hint", { command: byName(target, facts, [target.stage]) }),
    };
  }
  return undefined;
}

/** Every stage whose resource this is must have been named for this run (protected ones explicitly). */
function confirmationRefusal(
  target: DeletionTarget,
  authority: DeletionAuthority,
  facts: GateFacts,
  others: Holding[],
): Refusal | undefined {
  const what = `${target.type} ${target.name}`;
  const affected = [...new Set([target.stage, ...others.map((h) => h.stage)])];
  const missing = affected.filter((s) => !authority.confirmed.includes(s));
  if (missing.length > 0) {
    return {
      code: "DELETE_NOT_CONFIRMED",
      reason: t("cloud.gate.not-confirmed", { what, stages: items(missing) }),
      hint: t("cloud.gate.not-confirmed.hint", { flags: missing.map((s) => `--confirm ${s}`).join(" ") }),
    };
  }
  const prot = affected.filter((s) => isProtectedStage(facts, s));
  if (prot.length > 0 && !authority.confirmProtected) {
    return {
      code: "DELETE_PROTECTED_STAGE",
      reason: t("cloud.gate.protected-stage", { what, stages: items(prot) }),
      hint: t("cloud.gate.protected-stage.hint"),
    };
  }
  return undefined;
}

/** Whether the deletion may go ahead; the refusal says why not and what would allow it. */
export function judgeDeletion(
  target: DeletionTarget,
  authority: DeletionAuthority,
  facts: GateFacts,
): Refusal | undefined {
  const kind = kindForType(target.type);
  if (kind === undefined) {
    return {
      code: "DELETE_UNKNOWN_TYPE",
      reason: t("cloud.gate.unknown-type", { type: target.type }),
      hint: t("cloud.gate.unknown-type.hint"),
    };
  }
  const held = holdings(kind, target, facts);
  const live = new Set(facts.stages.filter((s) => s.current !== undefined).map((s) => s.stage));
  const own = held.find((h) => h.stage === target.stage && h.version === "current" && !h.external);
  if (own !== undefined) {
    return {
      code: "DELETE_MANAGED",
      reason: t("cloud.gate.managed", {
        stage: target.stage,
        type: target.type,
        name: target.name,
        urn: own.urn,
      }),
      hint: t("cloud.gate.managed.hint"),
    };
  }
  const named = authority.command === "cleanup" && isNamed(authority, target, held);
  const others = held.filter(
    (h) => h.stage !== target.stage && h.version === "current" && live.has(h.stage) && !h.external,
  );
  return (
    (named ? undefined : heldRefusal(target, facts, held, others, live)) ??
    confirmationRefusal(target, authority, facts, others)
  );
}

export interface GatedOutcome {
  /** Refused by the gate: nothing was called in AWS. */
  refused?: Refusal;
  result?: DeleteResult;
}

/** The facts and the user's word for one run; `delete` is the only way to delete in the cloud. */
export class DeletionGate {
  constructor(
    readonly authority: DeletionAuthority,
    readonly facts: GateFacts,
  ) {}

  check(target: DeletionTarget): Refusal | undefined {
    return judgeDeletion(target, this.authority, this.facts);
  }

  /** Deletes one resource if the gate allows it; a refusal throws a DELETE_REFUSED error. */
  async delete(ctx: CloudContext, target: DeletionTarget): Promise<DeleteResult> {
    const refusal = this.check(target);
    if (refusal !== undefined) throw refusalError(target, refusal);
    const kind = kindForType(target.type)!;
    const driver = (await driverFor(kind))!;
    const identity = {
      name: target.name,
      id: target.id,
      region: normalRegion(kind, target.region),
    };
    const permit: DeletionPermit = issuePermit({ kind: kind.kind, ...identity });
    return driver.delete(ctx, identity, permit);
  }
}

export function refusalError(target: DeletionTarget, refusal: Refusal): StatewardError {
  return new StatewardError(
    "DELETE_REFUSED",
    t("cloud.gate.refused", {
      type: target.type,
      name: target.name,
      region: target.region,
      reason: refusal.reason,
    }),
    { hint: refusal.hint },
  );
}
