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
import { adopterFor } from "../cloud/adopt/index.js";
import { cloudContext } from "../cloud/context.js";
import { handlerForType } from "../cloud/resources/registry.js";
import { ExitCode, StatewardError } from "../errors.js";
import {
  insertResource,
  isDefaultProviderName,
  parseUrn,
  resolvePendingCreate,
  serializeState,
  withDeployment,
  type DeploymentV3,
  type ResourceV3,
} from "../state/index.js";
import { requireStageState } from "./state.js";

export interface AdoptOptions {
  /** The logical name of the new entry (default: from the physical name, without app, stage and suffix). */
  name?: string;
  /** The URN of the component it belongs to (default: the stack). */
  parent?: string;
  /** The pending create to resolve (default: the one whose name is the cloud id, if any). */
  urn?: string;
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
}

export interface PreparedAdopt {
  plan: AdoptPlan;
  read: CurrentState;
  next: Uint8Array;
}

function usage(message: string, hint?: string): StatewardError {
  return new StatewardError("USAGE", message, {
    ...(hint === undefined ? {} : { hint }),
    exitCode: ExitCode.usage,
  });
}

/** A logical name from a physical one: `acme-dev-OrdersTable-abcdefgh` → `OrdersTable`. */
function logicalFrom(physical: string, app: string, stage: string): string {
  const base = physical.replace(/^\/aws\/lambda\//, "").replace(/-[abcdefhkmnorstuvwxz]{8}$/i, "");
  const rest = base.startsWith(`${app}-${stage}-`) ? base.slice(`${app}-${stage}-`.length) : base;
  return rest.replace(/[^A-Za-z0-9]/g, "") || "Adopted";
}

function defaultProvider(d: DeploymentV3, region: string): string | undefined {
  const providers = (d.resources ?? []).filter(
    (r) =>
      r.type === "pulumi:providers:aws" &&
      isDefaultProviderName(parseUrn(r.urn)?.name ?? "") &&
      r.id !== undefined,
  );
  const inRegion = providers.find((r) => (r.outputs?.region ?? r.inputs?.region) === region) ?? providers[0];
  return inRegion === undefined ? undefined : `${inRegion.urn}::${inRegion.id}`;
}

export async function planAdopt(
  open: OpenStage,
  type: string,
  cloudId: string,
  options: AdoptOptions = {},
): Promise<PreparedAdopt> {
  const handler = handlerForType(type);
  const adopter = handler === undefined ? undefined : adopterFor(handler.kind);
  if (handler === undefined || adopter === undefined) {
    throw usage(`stateward cannot adopt ${type} yet.`, "doctor's findings name the types it can adopt.");
  }
  if (open.clients === undefined) {
    throw new StatewardError(
      "NO_CLOUD",
      `${open.backend.label} is not in AWS: there is no cloud to read the resource from.`,
    );
  }
  const read = await requireStageState(open);
  const d = read.doc.deployment;
  if (d === undefined) throw new StatewardError("NO_STATE", `${read.location} holds no deployment.`);
  const region = handler.global ? "us-east-1" : (options.region ?? open.region ?? open.clients.target.region);
  const ctx = cloudContext(open.clients, open.signal === undefined ? {} : { signal: open.signal });
  const props = await adopter.read(ctx, { name: cloudId, id: cloudId, region });
  if (props === undefined) {
    throw new StatewardError("NOT_IN_CLOUD", `${handler.label} ${cloudId} does not exist in ${region}.`, {
      hint: "Check the id (doctor and scan show it) and --region.",
    });
  }
  const taken = (d.resources ?? []).find((r) => r.type === type && r.id === props.id && r.delete !== true);
  if (taken !== undefined) {
    throw new StatewardError(
      "ALREADY_IN_STATE",
      `${handler.label} ${props.id} is already in the state as ${taken.urn}.`,
    );
  }

  // A pending create of it: the entry SST asked for, now with its id and live outputs.
  const pending = (d.pending_operations ?? []).find(
    (op) =>
      op.type === "creating" &&
      op.resource.type === type &&
      (options.urn === undefined
        ? [op.resource.inputs?.name, op.resource.inputs?.bucket, op.resource.inputs?.emailIdentity].includes(
            cloudId,
          )
        : op.resource.urn === options.urn),
  );
  if (pending !== undefined) {
    const next = resolvePendingCreate(d, pending.resource.urn, {
      id: props.id,
      outputs: props.outputs,
      time: new Date().toISOString(),
    });
    return {
      plan: {
        backend: open.backend.label,
        urn: pending.resource.urn,
        type,
        id: props.id,
        from: "pending-create",
      },
      read,
      next: serializeState(withDeployment(read.doc, next)),
    };
  }
  if (options.urn !== undefined) {
    throw usage(
      `The state has no pending create ${options.urn} for ${handler.label} ${cloudId}.`,
      "Leave out --urn to add a new entry.",
    );
  }

  const stack = (d.resources ?? []).find((r) => r.type === "pulumi:pulumi:Stack");
  const parentUrn = options.parent ?? stack?.urn;
  const parent = parentUrn === undefined ? undefined : (d.resources ?? []).find((r) => r.urn === parentUrn);
  if (options.parent !== undefined && parent === undefined) {
    throw usage(
      `The parent ${options.parent} is not in the state.`,
      "Name a component URN from `stateward state show --json`.",
    );
  }
  const parentType = parent === undefined ? undefined : parseUrn(parent.urn);
  const chain =
    parent === undefined || parent.type === "pulumi:pulumi:Stack"
      ? type
      : `${parentType?.qualifiedType ?? parent.type}$${type}`;
  const logical = options.name ?? logicalFrom(cloudId, open.backend.app, open.backend.stage);
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(logical))
    throw usage(`"${logical}" is not a usable logical name; pass --name.`);
  const urn = `urn:pulumi:${open.backend.stage}::${open.backend.app}::${chain}::${logical}`;
  const provider = defaultProvider(d, region);
  const entry: ResourceV3 = {
    urn,
    custom: true,
    id: props.id,
    type,
    inputs: props.inputs,
    outputs: props.outputs,
    ...(parent === undefined ? {} : { parent: parent.urn }),
    ...(provider === undefined ? {} : { provider }),
    dependencies: [],
    created: new Date().toISOString(),
    modified: new Date().toISOString(),
  };
  const next = insertResource(d, entry);
  const plan: AdoptPlan = { backend: open.backend.label, urn, type, id: props.id, from: "new-entry" };
  if (provider !== undefined) plan.provider = provider;
  if (parent !== undefined) plan.parent = parent.urn;
  return { plan, read, next: serializeState(withDeployment(read.doc, next)) };
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
      summary: `adopted ${plan.type} ${plan.id} as ${plan.urn}${plan.from === "pending-create" ? " (its pending create)" : ""}`,
      changes: { added: [plan.urn], removed: [], changed: [] },
    },
    options,
  );
  return { ...plan, written };
}
