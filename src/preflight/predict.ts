/**
 * A deploy's creates predicted without its plan, from what the other stages of the app hold: every
 * resource they have that this stage's state lacks is one this stage's deploy will create, under the
 * same logical name. Its physical name is predictable when it is fixed (the same in every stage: a
 * name set by hand) or deterministic (SST before 3.8: `<app>-<stage>-<Name>`, the stage swapped in);
 * a name ending in a random suffix (SST ≥ 3.8's `-<8 chars>`, Pulumi's autoname `-<7 hex>`) is chosen
 * at deploy time and cannot be predicted — it is counted, never passed. Pure: states in, plan out.
 */
import type { DeploymentV3, PropertyMap, ResourceV3 } from "../state/index.js";
import type { Plan, PlannedCreate } from "./plan-file.js";

export interface OtherStage {
  stage: string;
  deployment: DeploymentV3;
}

/** How a name of another stage becomes this stage's. */
export type Prediction =
  { how: "fixed"; name: string } | { how: "stage-swapped"; name: string } | { how: "random" };

const SEP = "[-_./@]";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** SST ≥ 3.8's suffix (8 lower-case letters or digits) or Pulumi's autoname suffix (7 hex). */
const RANDOM_SUFFIX = /-(?:[a-z0-9]{8}|[0-9a-f]{7})(?:\.fifo)?$/;

/** This stage's name for a name another stage holds. */
export function predictName(name: string, fromStage: string, toStage: string): Prediction {
  if (RANDOM_SUFFIX.test(name)) return { how: "random" };
  const token = new RegExp(`(^|${SEP})${escape(fromStage)}(?=${SEP}|$)`, "g");
  if (!token.test(name)) return { how: "fixed", name };
  return { how: "stage-swapped", name: name.replace(token, (_m, before: string) => `${before}${toStage}`) };
}

/** `urn:pulumi:<stage>::…` with this stage's name. */
function swapUrnStage(urn: string, toStage: string): string {
  return urn.replace(/^urn:pulumi:[^:]*::/, `urn:pulumi:${toStage}::`);
}

/** Every string in a property map with `from` replaced by `to` (a name, and names built from it). */
function renamed(value: unknown, from: string, to: string): unknown {
  if (from === to) return value;
  if (typeof value === "string") return value.split(from).join(to);
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, from, to)]));
  return value;
}

/**
 * The creates this stage's next deploy would make, predicted from other stages' states. `nameOf` gives
 * a resource's physical name (a kind's identify), undefined for types stateward has no lookup for.
 */
export function predictPlan(
  stage: string,
  own: DeploymentV3 | undefined,
  others: readonly OtherStage[],
  nameOf: (r: ResourceV3) => string | undefined,
): Plan & { from: string[] } {
  const plan: Plan & { from: string[] } = {
    format: "predicted",
    creates: [],
    providerRegions: new Map(),
    from: [],
  };
  const have = new Set((own?.resources ?? []).map((r) => r.urn));
  const planned = new Set<string>();
  for (const other of others) {
    if (other.stage === stage) continue;
    plan.from.push(other.stage);
    for (const r of other.deployment.resources ?? []) {
      const urn = swapUrnStage(r.urn, stage);
      if (r.type.startsWith("pulumi:providers:aws")) {
        const region = r.outputs?.region ?? r.inputs?.region;
        if (typeof region === "string" && region !== "") {
          plan.providerRegions.set(urn, region);
          if (r.id !== undefined && r.id !== "") plan.providerRegions.set(`${urn}::${r.id}`, region);
        }
        continue;
      }
      if (r.custom !== true || have.has(urn) || planned.has(urn)) continue;
      planned.add(urn);
      const created: PlannedCreate = {
        urn,
        type: r.type,
        inputs: r.inputs ?? {},
        replacing: false,
        predictedFrom: other.stage,
      };
      if (r.provider !== undefined && r.provider !== "") created.provider = swapUrnStage(r.provider, stage);
      const name = nameOf(r);
      if (name !== undefined && name !== "") {
        const p = predictName(name, other.stage, stage);
        if (p.how === "random") created.unpredictable = "random-suffix";
        else {
          created.inputs = renamed(r.inputs ?? {}, name, p.name) as PropertyMap;
          if (p.how === "fixed") created.claimedBy = other.stage;
        }
      }
      plan.creates.push(created);
    }
  }
  return plan;
}
