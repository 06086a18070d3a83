/**
 * What a deploy is about to create, read from its plan: `pulumi preview --json` (a preview digest:
 * `steps[]` of `{op, urn, provider, newState: {type, inputs, …}}`, pulumi/pkg/backend/display/json.go)
 * or Pulumi's engine event log (one JSON event per line; a `resourcePreEvent.metadata` is
 * `{op, urn, type, new: {inputs, …}, provider}`, apitype/events.go) — the log `sst diff` and
 * `sst deploy` have Pulumi write (`--event-log <.sst/pulumi/<id>/eventlog.json>`, SST's
 * pkg/project/run.go). Pure: text in, planned creates out.
 */
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { PropertyMap } from "../state/index.js";

/** A resource the deploy will create; `replacing` when it replaces one the state holds. */
export interface PlannedCreate {
  urn: string;
  type: string;
  inputs: PropertyMap;
  /** `<provider urn>::<id>`, when the plan names it. */
  provider?: string;
  /** Created to replace an existing resource (create-before-delete): a fixed name collides with it. */
  replacing: boolean;
  /** Predicted without a plan, and its name cannot be: chosen at deploy time. */
  unpredictable?: "random-suffix";
  /** Predicted without a plan, from this stage's state (it has the resource; this stage does not yet). */
  predictedFrom?: string;
  /** Predicted without a plan: another stage's state holds this very name (it is fixed in the program). */
  claimedBy?: string;
}

export interface Plan {
  /** `predicted`: no plan was given; the creates come from other stages' states (predict.ts). */
  format: "pulumi-preview" | "engine-events" | "predicted";
  creates: PlannedCreate[];
  /** The region of each provider the plan names (`<urn>::<id>` and `<urn>` → region). */
  providerRegions: Map<string, string>;
}

/** The step ops that create a resource (deploy.StepOp). */
const CREATES: Record<string, boolean> = { create: false, "create-replacement": true, replace: true };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function planError(source: string, what: string): StatewardError {
  return new StatewardError("PLAN_FORMAT", t("preflight.plan.not-a-plan", { source, what }), {
    hint: t("preflight.plan.hint"),
  });
}

interface Step {
  op: string;
  urn: string;
  type: string;
  state: Json | undefined;
  provider: string | undefined;
}

function addStep(plan: Plan, step: Step): void {
  const { state } = step;
  const region = state?.inputs !== undefined && isObject(state.inputs) ? state.inputs.region : undefined;
  if (step.type === "pulumi:providers:aws" && typeof region === "string") {
    plan.providerRegions.set(step.urn, region);
    if (typeof state?.id === "string" && state.id !== "")
      plan.providerRegions.set(`${step.urn}::${state.id}`, region);
  }
  const replacing = CREATES[step.op];
  if (replacing === undefined || state === undefined || state.custom === false) return;
  // A replace step and its create-replacement are one creation: keep one.
  if (plan.creates.some((c) => c.urn === step.urn)) return;
  const created: PlannedCreate = {
    urn: step.urn,
    type: step.type,
    inputs: (isObject(state.inputs) ? state.inputs : {}) as PropertyMap,
    replacing,
  };
  const provider = step.provider ?? (typeof state.provider === "string" ? state.provider : undefined);
  if (provider !== undefined && provider !== "") created.provider = provider;
  plan.creates.push(created);
}

function fromPreview(doc: Json, plan: Plan, source: string): void {
  if (!Array.isArray(doc.steps)) throw planError(source, t("preflight.plan.no-steps"));
  for (const s of doc.steps) {
    if (!isObject(s) || typeof s.op !== "string" || typeof s.urn !== "string") continue;
    const state = isObject(s.newState) ? s.newState : undefined;
    const type = typeof state?.type === "string" ? state.type : typeFromUrn(s.urn);
    const provider = typeof s.provider === "string" ? s.provider : undefined;
    addStep(plan, { op: s.op, urn: s.urn, type, state, provider });
  }
}

function fromEvents(lines: Json[], plan: Plan): void {
  for (const event of lines) {
    const pre = isObject(event.resourcePreEvent) ? event.resourcePreEvent : undefined;
    const m = pre !== undefined && isObject(pre.metadata) ? pre.metadata : undefined;
    if (m === undefined || typeof m.op !== "string" || typeof m.urn !== "string") continue;
    const state = isObject(m.new) ? m.new : undefined;
    const type = typeof m.type === "string" ? m.type : typeFromUrn(m.urn);
    const provider = typeof m.provider === "string" ? m.provider : undefined;
    addStep(plan, { op: m.op, urn: m.urn, type, state, provider });
  }
}

/** `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>` → the type. */
function typeFromUrn(urn: string): string {
  const chain = urn.split("::")[2] ?? "";
  return chain.split("$").pop() ?? "";
}

/** Reads a plan: a preview digest (one JSON document) or an engine event log (JSON lines). */
export function readPlan(text: string, source: string): Plan {
  const plan: Plan = { format: "pulumi-preview", creates: [], providerRegions: new Map() };
  const trimmed = text.trim();
  if (trimmed === "") throw planError(source, t("preflight.plan.empty"));
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    doc = undefined;
  }
  if (isObject(doc) && !("resourcePreEvent" in doc) && !("sequence" in doc)) {
    fromPreview(doc, plan, source);
    return plan;
  }
  const events: Json[] = [];
  for (const [i, line] of trimmed.split("\n").entries()) {
    if (line.trim() === "") continue;
    try {
      const e: unknown = JSON.parse(line);
      if (isObject(e)) events.push(e);
    } catch {
      throw planError(source, t("preflight.plan.bad-line", { line: i + 1 }));
    }
  }
  if (!events.some((e) => "resourcePreEvent" in e || "summaryEvent" in e || "preludeEvent" in e)) {
    throw planError(source, t("preflight.plan.no-events"));
  }
  plan.format = "engine-events";
  fromEvents(events, plan);
  return plan;
}
