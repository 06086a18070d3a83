/**
 * Hand-built doctor inputs for the rule tests: stage facts with inventory entries made by hand (no
 * cloud, no scan), states from the checkpoint builder, a fixed clock.
 */
import type { InventoryEntry, InventoryStatus } from "../../src/facts/inventory.js";
import { kindById, kindForType } from "../../src/kinds/registry.js";
import type { DoctorInput, Finding, StageFacts } from "../../src/rules/index.js";
import { type DeploymentV3, type ResourceV3 } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes, type BuilderOptions, type Resource } from "../fixtures/builder.js";

export const APP = "acme";
export const HOME = "us-east-1";
export const ACCOUNT = "123456789012";
export const NOW = new Date("2025-03-14T12:00:00.000Z");
export const STALE_LOCK_MS = 15 * 60 * 1000;

/** A builder for the app, with deterministic pre-3.8 names (`acme-dev-OrdersTable`). */
export function builder(stage: string, options: BuilderOptions = {}): SstStateBuilder {
  return new SstStateBuilder({ app: APP, stage, account: ACCOUNT, naming: "pre-3.8", ...options });
}

/** The builder's state as stateward reads it (through the codec). */
export function deploymentOf(b: SstStateBuilder): DeploymentV3 {
  return parseState(toBytes(b.versioned())).deployment!;
}

type EntryExtra = Partial<Omit<InventoryEntry, "status" | "kind" | "name">>;

/** An inventory entry of a kind (label and type from its handler), in the home region unless told. */
export function entry(
  status: InventoryStatus,
  kind: string,
  name: string,
  extra: EntryExtra = {},
): InventoryEntry {
  const h = kindById(kind);
  if (h === undefined) throw new Error(`no handler for ${kind}`);
  return {
    status,
    kind,
    label: h.label,
    type: h.types[0]!,
    name,
    id: name,
    region: HOME,
    tags: {},
    ...extra,
  };
}

/** The entry a scan makes for a builder resource (its handler names it), e.g. a managed one. */
export function entryOf(resource: Resource, status: InventoryStatus, extra: EntryExtra = {}): InventoryEntry {
  const h = kindForType(resource.type as string);
  if (h === undefined) throw new Error(`no handler for ${String(resource.type)}`);
  const identity = h.identify(resource as unknown as ResourceV3, HOME);
  if (identity === undefined) throw new Error(`${resource.urn} names nothing`);
  return entry(status, h.kind, identity.name, {
    id: identity.id,
    type: resource.type as string,
    urn: resource.urn,
    ...extra,
  });
}

export function stageTags(stage: string): Record<string, string> {
  return { "sst:app": APP, "sst:stage": stage };
}

/** One stage's facts: a current state (an empty one unless told), no history, no lock, no violations. */
export function stage(
  name: string,
  options: Partial<Omit<StageFacts, "stage" | "inventory">> & { entries?: InventoryEntry[] } = {},
): StageFacts {
  const { entries = [], ...rest } = options;
  return {
    stage: name,
    deployment: "deployment" in options ? options.deployment : deploymentOf(builder(name)),
    history: [],
    inventory: { app: APP, stage: name, entries, unknownTypes: [] },
    lock: undefined,
    integrity: [],
    otherHomes: [],
    ...rest,
  };
}

/** A doctor input over these stages; every stage's inventory is in `allInventories`. */
export function doctorInput(stages: StageFacts[], extra: Partial<DoctorInput> = {}): DoctorInput {
  return {
    app: APP,
    homeRegion: HOME,
    account: ACCOUNT,
    stages,
    allInventories: stages.flatMap((s) => (s.inventory === undefined ? [] : [s.inventory])),
    now: NOW,
    staleLockMs: STALE_LOCK_MS,
    ...extra,
  };
}

/** The `--app … --stage …` a fix names. */
export function flags(stageName: string): string {
  return `--app ${APP} --stage ${stageName}`;
}

/** What the tests compare of a finding's resources. */
export function resourcesOf(f: Finding | undefined): { type: string; name: string; region: string }[] {
  return (f?.resources ?? []).map((r) => ({ type: r.type, name: r.name, region: r.region }));
}
