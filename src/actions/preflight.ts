/**
 * `stateward preflight --plan <file|->`: before a deploy, every resource it will create that carries a
 * physical name is looked up in the cloud. A name that exists already is a blocker naming the resource,
 * who holds it (this stage's own leftover, another stage by its tags, this stage's state under another
 * URN, or nobody stateward can tell) and the fix — before a single resource is created. Types stateward
 * has no kind for, and names chosen only at deploy time, are counted as not checked, never passed.
 */
import type { OpenStage } from "../backends/resolve.js";
import { cloudContext } from "../cloud/context.js";
import { driverFor } from "../cloud/drivers/index.js";
import { StatewardError, isStatewardError } from "../errors.js";
import { kindForType } from "../kinds/registry.js";
import { displayRegion } from "../kinds/global.js";
import type { CloudResource, Identity, Kind } from "../kinds/types.js";
import { readInput } from "../backends/file.js";
import { firstDeployHint, type FirstDeployHint } from "../backends/stages.js";
import { t, items } from "../i18n/index.js";
import { readPlan, type PlannedCreate, type Plan } from "../preflight/plan-file.js";
import { predictPlan, type OtherStage } from "../preflight/predict.js";
import type { DeploymentV3, ResourceV3 } from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";

/** Pulumi's placeholder for a value not known until the deploy runs (a preview's unknown). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Holder =
  | { by: "this-stage-leftover" }
  | { by: "other-stage"; app: string; stage: string }
  | { by: "this-state"; urn: string }
  | { by: "replaced"; urn: string }
  | { by: "unknown" };

export interface PreflightBlocker {
  urn: string;
  type: string;
  label: string;
  name: string;
  region: string;
  id: string;
  holder: Holder;
  /** With no plan: the stage whose state this create was predicted from. */
  predictedFrom?: string;
  cause: string;
  fix: string[];
}

export interface PreflightReport {
  app: string;
  stage: string;
  /**
   * The stage has no state: checked as its first deploy. `like`: an existing stage the name is close
   * to (`prdo` → `production`), in case it is a typo rather than a new stage.
   */
  firstDeploy?: FirstDeployHint;
  /** `from`: with no plan, the stages whose states the creates were predicted from. */
  plan: { source: string; format: Plan["format"]; creates: number; from?: string[] };
  /** Planned creates whose name was looked up. */
  checked: number;
  blockers: PreflightBlocker[];
  /** Planned creates not looked up, by type, with why. */
  unchecked: { type: string; count: number; reason: string }[];
  /** Lookups that failed: the check is incomplete (exit 5), never clean. */
  incomplete: { urn: string; error: string }[];
  calls: { total: number; byService: Record<string, number> };
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function regionOf(open: OpenStage, plan: Plan, c: PlannedCreate, kind: Kind): string {
  if (kind.global) return kind.apiRegion ?? "us-east-1";
  const fromPlan = c.provider === undefined ? undefined : plan.providerRegions.get(c.provider);
  return fromPlan ?? open.region ?? open.clients?.target.region ?? "us-east-1";
}

/** Who holds the name, from the live resource's tags and this stage's state. */
function holderOf(
  open: OpenStage,
  c: PlannedCreate,
  cloud: CloudResource,
  state: DeploymentV3 | undefined,
): Holder {
  const { app, stage } = open.backend;
  const held = (state?.resources ?? []).find(
    (r) => r.custom === true && r.type === c.type && (r.id === cloud.id || r.id === cloud.name),
  );
  if (held !== undefined)
    return held.urn === c.urn ? { by: "replaced", urn: c.urn } : { by: "this-state", urn: held.urn };
  const tagApp = cloud.tags["sst:app"];
  const tagStage = cloud.tags["sst:stage"];
  if (tagStage !== undefined && (tagStage !== stage || (tagApp !== undefined && tagApp !== app)))
    return { by: "other-stage", app: tagApp ?? app, stage: tagStage };
  if (tagStage === stage) return { by: "this-stage-leftover" };
  // Predicted from another stage's state, which holds this very name (no tags to say so: SES, logs).
  if (c.claimedBy !== undefined) return { by: "other-stage", app, stage: c.claimedBy };
  return { by: "unknown" };
}

/** The app's other stages' states, read once per run and only when first needed. */
type OtherStates = () => Promise<OtherStage[]>;

function otherStatesOf(open: OpenStage, stages?: string[]): OtherStates {
  let read: Promise<OtherStage[]> | undefined;
  return () =>
    (read ??= (async () => {
      const { backend, signal } = open;
      const names = (stages ?? (await backend.listStages(signal))).filter((s) => s !== backend.stage);
      const others: OtherStage[] = [];
      await mapLimit(names, 4, async (stage) => {
        const deployment = (await (await backend.forStage(stage)).readState(signal))?.doc.deployment;
        if (deployment !== undefined) others.push({ stage, deployment });
      });
      return others.sort((a, b) => a.stage.localeCompare(b.stage));
    })());
}

/**
 * A taken name with no tags to say whose: before calling it nobody's, look in the app's other stages'
 * states (read only now, so a clean preflight costs nothing more), as the prediction without a plan does.
 */
async function holderInOtherStates(
  c: PlannedCreate,
  cloud: CloudResource,
  others: OtherStates,
  app: string,
): Promise<Holder | undefined> {
  for (const other of await others()) {
    const held = (other.deployment.resources ?? []).some(
      (r) => r.custom === true && r.type === c.type && (r.id === cloud.id || r.id === cloud.name),
    );
    if (held) return { by: "other-stage", app, stage: other.stage };
  }
  return undefined;
}

function explainHolder(open: OpenStage, c: PlannedCreate, kind: Kind, cloud: CloudResource, holder: Holder) {
  const flags = `--app ${quote(open.backend.app)} --stage ${quote(open.backend.stage)}`;
  const what = { label: kind.label, name: cloud.name };
  const adopt = `stateward adopt ${quote(c.type)} ${quote(cloud.id)} --urn ${quote(c.urn)} ${flags}`;
  switch (holder.by) {
    case "this-stage-leftover":
      return {
        cause: t("preflight.cause.leftover", what),
        fix: [
          `${adopt}  # ${t("preflight.fix.adopt-keep")}`,
          `# ${t("preflight.fix.or-cleanup", { command: `stateward cleanup --include ${quote(cloud.id)} ${flags}` })}`,
        ],
      };
    case "other-stage":
      return {
        cause:
          holder.app === open.backend.app
            ? t("preflight.cause.other-stage", { ...what, stage: holder.stage })
            : t("preflight.cause.other-app", { ...what, stage: holder.stage, app: holder.app }),
        fix: [`# ${t("preflight.fix.stage-name", { example: "`${$app.stage}-…`" })}`],
      };
    case "this-state":
      return {
        cause: t("preflight.cause.this-state", { ...what, held: holder.urn, urn: c.urn }),
        fix: [`# ${t("preflight.fix.alias", { alias: `{ aliases: [{ urn: "${holder.urn}" }] }` })}`],
      };
    case "replaced":
      return {
        cause: t("preflight.cause.replaced", what),
        fix: [`# ${t("preflight.fix.delete-before-replace", { urn: c.urn })}`],
      };
    default:
      return {
        cause: t("preflight.cause.unknown", what),
        fix: [`${adopt}  # ${t("preflight.fix.adopt-if-ours")}`, `# ${t("preflight.fix.or-delete")}`],
      };
  }
}

type Outcome = { blocker?: PreflightBlocker; skipped?: string; failed?: string };

async function checkOne(
  open: OpenStage,
  ctx: ReturnType<typeof cloudContext>,
  plan: Plan,
  c: PlannedCreate,
  state: DeploymentV3 | undefined,
  others: OtherStates,
): Promise<Outcome> {
  const kind = kindForType(c.type);
  const driver = kind === undefined ? undefined : await driverFor(kind);
  if (kind === undefined || driver === undefined) return { skipped: t("preflight.skip.no-lookup") };
  if (c.unpredictable !== undefined) return { skipped: t("preflight.skip.random-suffix") };
  const region = regionOf(open, plan, c, kind);
  const asEntry = {
    urn: c.urn,
    type: c.type,
    custom: true,
    inputs: c.inputs,
    outputs: {},
  } as unknown as ResourceV3;
  const identity: Identity | undefined = kind.identify(asEntry, region);
  if (identity === undefined || identity.name === "" || identity.name.includes(UNKNOWN))
    return { skipped: t("preflight.skip.autonamed") };
  try {
    const cloud = await driver.read(ctx, identity);
    if (cloud === undefined) return {};
    let holder = holderOf(open, c, cloud, state);
    if (holder.by === "unknown")
      holder = (await holderInOtherStates(c, cloud, others, open.backend.app)) ?? holder;
    const { cause, fix } = explainHolder(open, c, kind, cloud, holder);
    return {
      blocker: {
        ...(c.predictedFrom === undefined ? {} : { predictedFrom: c.predictedFrom }),
        urn: c.urn,
        type: c.type,
        label: kind.label,
        name: cloud.name,
        region: displayRegion({ type: c.type, region: cloud.region }),
        id: cloud.id,
        holder,
        cause,
        fix,
      },
    };
  } catch (e) {
    if (!isStatewardError(e) || e.code === "ABORTED") throw e;
    return { failed: e.message };
  }
}

/** What the caller read already (predictedPreflight): the stage's state and the app's stages. */
export interface AlreadyRead {
  state: DeploymentV3 | undefined;
  stages: string[];
  others: OtherStates;
}

export async function preflight(
  open: OpenStage,
  plan: Plan,
  source: string,
  read?: AlreadyRead,
): Promise<PreflightReport> {
  if (open.clients === undefined) {
    throw new StatewardError("NO_CLOUD", t("preflight.error.no-cloud", { backend: open.backend.label }));
  }
  const ctx = cloudContext(open.clients, open.signal === undefined ? {} : { signal: open.signal });
  const state = read !== undefined ? read.state : (await open.backend.readState(open.signal))?.doc.deployment;
  const report: PreflightReport = {
    app: open.backend.app,
    stage: open.backend.stage,
    plan: { source, format: plan.format, creates: plan.creates.length },
    checked: 0,
    blockers: [],
    unchecked: [],
    incomplete: [],
    calls: { total: 0, byService: {} },
  };
  if (state === undefined) {
    const stages = read?.stages ?? (await open.backend.listStages(open.signal));
    report.firstDeploy = await firstDeployHint(open.backend, stages, open.signal);
  }
  const skipped = new Map<string, { type: string; count: number; reason: string }>();
  const others = read?.others ?? otherStatesOf(open, read?.stages);
  const outcomes = await mapLimit(plan.creates, 8, (c) => checkOne(open, ctx, plan, c, state, others));
  outcomes.forEach((o, i) => {
    const c = plan.creates[i]!;
    if (o.skipped !== undefined) {
      const key = `${c.type}|${o.skipped}`;
      const had = skipped.get(key) ?? { type: c.type, count: 0, reason: o.skipped };
      had.count++;
      skipped.set(key, had);
      return;
    }
    if (o.failed !== undefined) {
      report.incomplete.push({ urn: c.urn, error: o.failed });
      return;
    }
    report.checked++;
    if (o.blocker !== undefined) report.blockers.push(o.blocker);
  });
  report.unchecked = [...skipped.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  report.calls = { total: ctx.counts.total, byService: { ...ctx.counts.byService } };
  return report;
}

/** The largest plan read: a preview of tens of thousands of resources is far below it. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** Reads a plan file (`-`: standard input). */
export async function readDeployPlan(
  file: string,
  stdin?: NodeJS.ReadableStream,
): Promise<{ source: string; plan: Plan }> {
  const source = file === "-" ? t("preflight.stdin") : file;
  const bytes = await readInput(
    file,
    stdin,
    MAX_PLAN_BYTES,
    (size) => new StatewardError("PLAN_FORMAT", t("preflight.error.too-big", { source, size })),
    "deploy-plan",
  );
  return { source, plan: readPlan(new TextDecoder("utf-8").decode(bytes), source) };
}

/**
 * preflight with no plan: the creates predicted from the other stages' states (predict.ts), checked
 * the same way. What cannot be predicted is counted as not checked, never passed.
 */
export async function predictedPreflight(open: OpenStage): Promise<PreflightReport> {
  const { backend, signal } = open;
  const own = (await backend.readState(signal))?.doc.deployment;
  const all = await backend.listStages(signal);
  const readOthers = otherStatesOf(open, all);
  const others = await readOthers();
  const region = open.region ?? open.clients?.target.region ?? "us-east-1";
  const plan = predictPlan(backend.stage, own, others, (r) => {
    const kind = kindForType(r.type);
    return kind?.identify(r, kind.global ? (kind.apiRegion ?? "us-east-1") : region)?.name;
  });
  const source =
    plan.from.length === 0
      ? t("preflight.predicted.none")
      : t("preflight.predicted.from", { stages: items(plan.from) });
  const report = await preflight(open, plan, source, { state: own, stages: all, others: readOthers });
  report.plan.from = plan.from;
  return report;
}
