/**
 * `stateward adopt <type> <cloud id>`: brings an existing cloud resource into the stage's state as
 * the entry pulumi-aws itself would have written (read live), so the next `sst deploy` sees it as
 * existing. A pending create of that resource is turned into the entry (its inputs are what the SST
 * component asked for); otherwise a new entry is made under the given parent (or the stack), with the
 * stage's default AWS provider of its region.
 */
import type { OpenStage } from "../backends/resolve.js";
import { writeStage, type SafeWriteResult, type StageWriteOptions } from "../backends/safe-write.js";
import type { CurrentState } from "../backends/types.js";
import { cloudContext } from "../cloud/context.js";
import { adopterFor } from "../cloud/drivers/index.js";
import { kindForEntry } from "../kinds/registry.js";
import type { DriftItem } from "../kinds/types.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { adoptInto } from "../repair/adopt-entry.js";
import { withDeployment } from "../state/index.js";
import { serializeState } from "../backends/encoding.js";
import { requireStageState } from "./state.js";

export interface AdoptOptions {
  /** The logical name of the new entry (default: from the physical name, without app, stage and suffix). */
  name?: string;
  /** The URN of the component it belongs to (default: the stack). */
  parent?: string;
  /**
   * The pending create to resolve (default: the one whose name is the cloud id, if any); when the
   * state has no such pending create, the URN the new entry gets (the one an older or newer version
   * of the state gave it).
   */
  urn?: string;
  /** Mark the entry retainOnDelete, as `removal: "retain"` did (for a retained leftover). */
  retainOnDelete?: boolean;
  /** Adopt even where the next deploy would replace it (the differences are in the plan). */
  acceptReplace?: boolean;
  region?: string;
}

export interface AdoptPlan {
  backend: string;
  urn: string;
  type: string;
  id: string;
  /** `pending-create` when a pending create was turned into the entry. */
  from: "pending-create" | "new-entry";
  provider?: string;
  parent?: string;
  /** Accepted with --accept-replace: the properties that make the next deploy replace it. */
  replaces?: DriftItem[];
  /** The entry is marked retainOnDelete (--retain-on-delete, or the pending create was): a remove keeps it. */
  retainOnDelete?: boolean;
}

export interface PreparedAdopt {
  plan: AdoptPlan;
  read: CurrentState;
  next: Uint8Array;
}

function usage(message: string, hint?: string): StatewardError {
  return new StatewardError("USAGE", message, {
    ...(hint === undefined ? {} : { hint }),
  });
}

export async function planAdopt(
  open: OpenStage,
  type: string,
  cloudId: string,
  options: AdoptOptions = {},
): Promise<PreparedAdopt> {
  // A dynamic-provider entry (SST's OAC) is known by the provider its URN names.
  const kind = kindForEntry({ type, urn: options.urn });
  const adopter = kind === undefined ? undefined : await adopterFor(kind.kind);
  if (kind === undefined || adopter === undefined) {
    throw usage(t("actions.adopt.cannot-adopt", { type }), t("actions.adopt.cannot-adopt-hint"));
  }
  if (open.clients === undefined) {
    throw new StatewardError("NO_CLOUD", t("actions.adopt.no-cloud", { backend: open.backend.label }));
  }
  const read = await requireStageState(open);
  const d = read.doc.deployment;
  if (d === undefined)
    throw new StatewardError("NO_STATE", t("actions.no-deployment", { location: read.location }));
  const region = kind.global
    ? kind.apiRegion!
    : (options.region ?? open.region ?? open.clients.target.region);
  const ctx = cloudContext(open.clients, open.signal === undefined ? {} : { signal: open.signal });
  const props = await adopter.read(ctx, { name: cloudId, id: cloudId, region });
  if (props === undefined) {
    throw new StatewardError(
      "NOT_IN_CLOUD",
      t("actions.adopt.not-in-cloud", { label: kind.label, id: cloudId, region }),
      { hint: t("actions.adopt.not-in-cloud-hint") },
    );
  }
  const edit = adoptInto(d, {
    app: open.backend.app,
    stage: open.backend.stage,
    type,
    label: kind.label,
    cloudId,
    region,
    props,
    now: new Date().toISOString(),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.parent === undefined ? {} : { parent: options.parent }),
    ...(options.urn === undefined ? {} : { urn: options.urn }),
    ...(options.retainOnDelete === true ? { retainOnDelete: true } : {}),
    ...(options.acceptReplace === true ? { acceptReplace: true } : {}),
  });
  const plan: AdoptPlan = { backend: open.backend.label, urn: edit.urn, type, id: props.id, from: edit.from };
  if (edit.provider !== undefined) plan.provider = edit.provider;
  if (edit.parent !== undefined) plan.parent = edit.parent;
  if (edit.replaces !== undefined) plan.replaces = edit.replaces;
  // As the entry written says it, whichever way it came to be marked.
  if (edit.deployment.resources?.find((r) => r.urn === edit.urn)?.retainOnDelete === true)
    plan.retainOnDelete = true;
  return { plan, read, next: serializeState(withDeployment(read.doc, edit.deployment)) };
}

export async function applyAdopt(
  open: OpenStage,
  prepared: PreparedAdopt,
  options: StageWriteOptions = {},
): Promise<AdoptPlan & { written: SafeWriteResult }> {
  const { plan } = prepared;
  const written = await writeStage(
    open,
    prepared.read,
    prepared.next,
    "adopt",
    {
      summary:
        plan.from === "pending-create"
          ? t("actions.adopt.summary-pending", { type: plan.type, id: plan.id, urn: plan.urn })
          : t("actions.adopt.summary", { type: plan.type, id: plan.id, urn: plan.urn }),
      changes: { added: [plan.urn], removed: [], changed: [] },
    },
    options,
  );
  return { ...plan, written };
}
