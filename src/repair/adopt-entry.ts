/**
 * Adopting, the pure part: given what pulumi-aws would store for a live resource, the state with it —
 * its pending create resolved, or a new entry under the stack (or a parent) with the region's
 * default AWS provider.
 */
import { t } from "../i18n/index.js";
import { StatewardError } from "../errors.js";
import { DYNAMIC_RESOURCE, kindForEntry, kindForType } from "../kinds/registry.js";
import { logicalPartOf, nameFieldsOf, type DriftItem } from "../kinds/types.js";
import { refuseReplace, replaceDifferences } from "./replace-check.js";
import {
  insertResource,
  isDefaultProviderName,
  parseUrn,
  resolvePendingCreate,
  type DeploymentV3,
  type PropertyMap,
  type ResourceV3,
} from "../state/index.js";

export interface AdoptInput {
  app: string;
  stage: string;
  type: string;
  /** "DynamoDB table", for messages. */
  label: string;
  cloudId: string;
  region: string;
  props: { id: string; inputs: PropertyMap; outputs: PropertyMap };
  name?: string;
  parent?: string;
  urn?: string;
  /**
   * The URN the entry must have (the one an older or newer version gave it), so the next deploy,
   * which declares it under that URN, updates it instead of creating it again.
   */
  exactUrn?: string;
  /** Keep the `retainOnDelete` mark a retained resource had (removal: "retain"). */
  retainOnDelete?: boolean;
  /** Adopt even where the next deploy would replace it (`--accept-replace`). */
  acceptReplace?: boolean;
  now: string;
}

export interface AdoptEdit {
  deployment: DeploymentV3;
  urn: string;
  from: "pending-create" | "new-entry";
  provider?: string;
  parent?: string;
  /** Accepted with `acceptReplace`: where the live resource differs from what the pending create asked for. */
  replaces?: DriftItem[];
}

/** A bad argument (the CLI maps the USAGE code to its exit code). */
function usage(message: string, hint?: string): StatewardError {
  return new StatewardError("USAGE", message, hint === undefined ? {} : { hint });
}

/**
 * A logical name from a physical one of a type: `acme-dev-OrdersTable-abcdefgh` → `OrdersTable` (the
 * kind says which part of the name SST made from it: a record's name and type, a log group's name
 * after `/aws/lambda/`).
 */
export function logicalFrom(physical: string, type: string, app: string, stage: string): string {
  const kind = kindForType(type);
  const part = kind === undefined ? physical : logicalPartOf(kind, type, physical);
  const base = part.replace(/-[abcdefhkmnorstuvwxz]{8}$/i, "");
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

/** The region of the provider a reference (`<urn>::<id>`) names, if the state has it. */
function providerRegion(d: DeploymentV3, ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const p = (d.resources ?? []).find((r) => `${r.urn}::${r.id ?? ""}` === ref);
  const region = p?.outputs?.region ?? p?.inputs?.region;
  return typeof region === "string" ? region : undefined;
}

/** The entry must not be there already (the same resource, by type and id). */
function refuseTaken(d: DeploymentV3, input: AdoptInput): void {
  const { type, props } = input;
  const taken = (d.resources ?? []).find((r) => r.type === type && r.id === props.id && r.delete !== true);
  if (taken !== undefined) {
    throw new StatewardError(
      "ALREADY_IN_STATE",
      t("rules.repair.adopt.already-in-state", { label: input.label, id: props.id, urn: taken.urn }),
    );
  }
}

/**
 * A pending create of it: the entry SST asked for, by URN when given, else by the name it asked for
 * (in the inputs its kind names it by).
 */
function pendingCreateOf(d: DeploymentV3, input: AdoptInput) {
  const kind = kindForEntry({ type: input.type, urn: input.urn });
  const fields = kind === undefined ? [] : nameFieldsOf(kind);
  return (d.pending_operations ?? []).find(
    (op) =>
      op.type === "creating" &&
      op.resource.type === input.type &&
      (input.urn === undefined
        ? fields.some((f) => op.resource.inputs?.[f] === input.cloudId)
        : op.resource.urn === input.urn),
  );
}

/** The URN given with --urn, checked to be one of this app, stage and type. */
function checkedUrn(input: AdoptInput): string {
  const parsed = parseUrn(input.urn!);
  if (
    parsed === undefined ||
    parsed.stack !== input.stage ||
    parsed.project !== input.app ||
    parsed.type !== input.type
  ) {
    throw usage(
      t("rules.repair.adopt.urn-mismatch", {
        urn: input.urn!,
        type: input.type,
        app: input.app,
        stage: input.stage,
      }),
      t("rules.repair.adopt.urn-mismatch.hint"),
    );
  }
  return input.urn!;
}

/** The parent the new entry goes under (the stack unless told) and the type chain of its URN. */
function placement(d: DeploymentV3, input: AdoptInput): { parent: ResourceV3 | undefined; chain: string } {
  const stack = (d.resources ?? []).find((r) => r.type === "pulumi:pulumi:Stack");
  const parentUrn = input.parent ?? stack?.urn;
  const parent = parentUrn === undefined ? undefined : (d.resources ?? []).find((r) => r.urn === parentUrn);
  if (input.parent !== undefined && parent === undefined) {
    throw usage(
      t("rules.repair.adopt.no-parent", { parent: input.parent }),
      t("rules.repair.adopt.no-parent.hint"),
    );
  }
  const parentType = parent === undefined ? undefined : parseUrn(parent.urn);
  const chain =
    parent === undefined || parent.type === "pulumi:pulumi:Stack"
      ? input.type
      : `${parentType?.qualifiedType ?? parent.type}$${input.type}`;
  return { parent, chain };
}

/** The URN of the new entry: the exact one asked for, else one made from the parent chain and a name. */
function newEntryUrn(
  d: DeploymentV3,
  input: AdoptInput,
  exactUrn: string | undefined,
  chain: string,
): string {
  const logical = input.name ?? logicalFrom(input.cloudId, input.type, input.app, input.stage);
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(logical))
    throw usage(t("rules.repair.adopt.bad-logical", { logical }));
  // i18n-exempt: a Pulumi URN (an identifier)
  const urn = exactUrn ?? `urn:pulumi:${input.stage}::${input.app}::${chain}::${logical}`;
  if ((d.resources ?? []).some((r) => r.urn === urn)) {
    throw new StatewardError("ALREADY_IN_STATE", t("rules.repair.adopt.urn-taken", { urn }));
  }
  return urn;
}

/**
 * The outputs Pulumi's dynamic provider records for an entry (pulumi/pulumi
 * sdk/nodejs/cmd/dynamic-provider/index.ts, `resultIncludingProvider`): the provider's outs plus
 * `__provider` from the inputs. SST's OAC provider returns no outs, so that is all; undefined for
 * an entry of a provider's own type (its adopter's outputs are what the provider writes).
 */
function dynamicOutputs(resource: ResourceV3): PropertyMap | undefined {
  if (resource.type !== DYNAMIC_RESOURCE) return undefined;
  const provider = resource.inputs?.__provider;
  return provider === undefined ? {} : { __provider: provider };
}

export function adoptInto(d: DeploymentV3, input: AdoptInput): AdoptEdit {
  const { type, props } = input;
  refuseTaken(d, input);
  const pending = pendingCreateOf(d, input);
  if (pending !== undefined) {
    const replaces = replaceDifferences({
      type,
      asked: pending.resource.inputs ?? {},
      askedRegion: providerRegion(d, pending.resource.provider) ?? input.region,
      live: props,
    });
    if (replaces.length > 0 && input.acceptReplace !== true)
      refuseReplace(input.label, input.cloudId, replaces);
    const dynamic = dynamicOutputs(pending.resource);
    const resolved = resolvePendingCreate(d, pending.resource.urn, {
      id: props.id,
      outputs: dynamic ?? props.outputs,
      time: input.now,
    });
    // A dynamic provider records exactly its outs and `__provider`: no inputs carried over. The
    // retainOnDelete mark, when asked for, as on a new entry.
    const retain = input.retainOnDelete === true ? { retainOnDelete: true } : {};
    const deployment =
      dynamic === undefined && input.retainOnDelete !== true
        ? resolved
        : {
            ...resolved,
            resources: (resolved.resources ?? []).map((r) =>
              r.urn === pending.resource.urn
                ? { ...r, ...(dynamic === undefined ? {} : { outputs: dynamic }), ...retain }
                : r,
            ),
          };
    const edit: AdoptEdit = { deployment, urn: pending.resource.urn, from: "pending-create" };
    if (replaces.length > 0) edit.replaces = replaces;
    return edit;
  }
  // No pending create with that URN: the new entry gets exactly that URN (the one a version of the
  // state gave it, so the next deploy, which declares it under that URN, finds it).
  const exactUrn = input.urn !== undefined ? checkedUrn(input) : input.exactUrn;
  const { parent, chain } = placement(d, input);
  const urn = newEntryUrn(d, input, exactUrn, chain);
  const provider = defaultProvider(d, input.region);
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
    ...(input.retainOnDelete === true ? { retainOnDelete: true } : {}),
    created: input.now,
    modified: input.now,
  };
  const edit: AdoptEdit = { deployment: insertResource(d, entry), urn, from: "new-entry" };
  if (provider !== undefined) edit.provider = provider;
  if (parent !== undefined) edit.parent = parent.urn;
  return edit;
}
