/**
 * Proof that the deletion gate (`src/cloud/deletion-gate.ts`) allowed one deletion. Every handler's
 * `delete` checks one before it calls AWS, so no code path deletes a cloud resource without passing
 * the gate. Only the gate issues permits (a lint rule keeps `issuePermit` out of every other file); a
 * permit names one resource and is worthless for any other.
 */
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface PermitTarget {
  kind: string;
  /** The physical name, id and region the gate judged. */
  name: string;
  id: string;
  region: string;
}

/** Opaque to everyone but this module: what a permit allows is kept here, not on the object. */
export interface DeletionPermit {
  readonly permit: true;
}

const issued = new WeakMap<DeletionPermit, PermitTarget>();

/** For the deletion gate only. */
export function issuePermit(target: PermitTarget): DeletionPermit {
  const permit = Object.freeze({ permit: true as const });
  issued.set(permit, { ...target });
  return permit;
}

/** Throws unless `permit` was issued by the gate for exactly this resource. */
export function checkPermit(
  permit: unknown,
  kind: string,
  identity: { name: string; id: string; region: string },
): void {
  const target =
    typeof permit === "object" && permit !== null ? issued.get(permit as DeletionPermit) : undefined;
  const same =
    target !== undefined &&
    target.kind === kind &&
    target.region === identity.region &&
    (target.name === identity.name || target.id === identity.id);
  if (!same) {
    throw new StatewardError(
      "DELETE_NOT_PERMITTED",
      target === undefined
        ? t("cloud.permit.refused", { kind, name: identity.name, region: identity.region })
        : t("cloud.permit.refused.other", {
            kind,
            name: identity.name,
            region: identity.region,
            permitKind: target.kind,
            permitName: target.name,
            permitRegion: target.region,
          }),
      { hint: t("cloud.permit.refused.hint") },
    );
  }
}
