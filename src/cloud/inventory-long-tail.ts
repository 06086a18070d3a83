/**
 * The long tail of the scan: state entries of types stateward has no kind for are still checked for
 * existence, one Cloud Control `GetResource` each (src/cloud/drivers/cloudcontrol.ts), when the
 * long-tail table (src/kinds/cloudformation-types.ts) gives their CloudFormation type and identifier.
 *
 * - present → `managed` (checked); absent → `missing`, which the `stale` rule reports;
 * - a pending create whose identifier its inputs already give (a name) → `unmanaged` with `pending`
 *   when it exists (pending-create), `missing` with `pending` when it does not;
 * - a type Cloud Control cannot read, or an entry whose identifier the state does not give, stays
 *   "not checked", with the reason, in `unknownTypes` (types the table does not know stay there too,
 *   counted by the scan's own locating, without a reason);
 * - a type the table marks `native` is checked by its own service's read instead, one call per entry
 *   (src/cloud/drivers/subresources.ts: S3 objects and bucket settings, EventBridge targets,
 *   certificate validations, SES verifications), kind `native:<check>`; its pending creates are left
 *   to the pending-operation rule;
 * - an entry with nothing in AWS of its own (an invocation, SST's dynamic helpers: `nothingToCheck`)
 *   is never "checked": it goes to `unknownTypes` flagged `nothingToCheck`, with why;
 * - a call that fails (after the SDK's retries) makes the scan incomplete, never clean.
 *
 * Nothing here deletes, or lets anything delete, a long-tail resource.
 */
import {
  cloudControlIdentifier,
  longTailRegion,
  longTailType,
  nativeArgs,
  type LongTailType,
} from "../kinds/cloudformation-types.js";
import { nothingToCheck } from "../kinds/nothing-to-check.js";
import { prop } from "../kinds/types.js";
import type { InventoryEntry, StageInput } from "../facts/inventory.js";
import {
  isProviderType,
  parseProviderReference,
  type DeploymentV3,
  type ResourceV3,
} from "../state/index.js";
import type { Discovery } from "./discovery.js";
import type { CloudControlAnswer, CloudControlTarget } from "./drivers/cloudcontrol.js";
import type { NativeAnswer, NativeTarget } from "./drivers/subresources.js";
import { providerRegions } from "./locate.js";
import { t, t as tr, type MessageId } from "../i18n/index.js";

/**
 * The kind long-tail entries carry in the inventory: `cloudcontrol:<CloudFormation type>` (no kind of
 * the registry has such an id; per type, so two types' resources of one name are never one resource).
 */
export const LONG_TAIL_KIND = "cloudcontrol";
/** The kind natively checked long-tail entries carry: `native:<check>` (see the long-tail table). */
export const NATIVE_KIND = "native";

/** What the long tail adds to one stage's inventory. */
export interface LongTailStage {
  entries: InventoryEntry[];
  /**
   * Types not checked, with why (the stage's `unknownTypes`), and entries with nothing in AWS to
   * check (`nothingToCheck: true`: an invocation, SST's dynamic helpers), by type and reason.
   */
  unchecked: { type: string; count: number; reason?: string; nothingToCheck?: true }[];
}

interface Wanted {
  resource: ResourceV3;
  table: LongTailType;
  /** The Cloud Control read, or the native one (src/cloud/drivers/subresources.ts). */
  target: CloudControlTarget | NativeTarget;
  /** The pending operation's type, for a pending create. */
  pending?: string;
}

function regionOf(r: ResourceV3, providers: Map<string, string>, home: string): string {
  const ref = r.provider === undefined ? undefined : parseProviderReference(r.provider);
  return (ref === undefined ? undefined : providers.get(ref.urn)) ?? home;
}

/** What one stage asks of Cloud Control, and what it cannot ask (type → reason, count). */
function wantedOf(
  d: DeploymentV3 | undefined,
  home: string,
  unchecked: Map<string, { count: number; reason: string }>,
  nothing: Map<string, number>,
): Wanted[] {
  const providers = providerRegions(d, home);
  const skip = (type: string, reason: string) => {
    const had = unchecked.get(type);
    unchecked.set(type, { count: (had?.count ?? 0) + 1, reason: had?.reason ?? reason });
  };
  const want = (r: ResourceV3, pending?: string): Wanted | undefined => {
    const table = longTailType(r.type);
    if (table === undefined) return undefined;
    const region = longTailRegion(table, regionOf(r, providers, home));
    if (table.native !== undefined) {
      // A pending create of one: the pending-operation rule reports it (nothing here to adopt).
      if (pending !== undefined) return undefined;
      const args = nativeArgs(table, r);
      if (args === undefined) {
        skip(r.type, t("cloud.long-tail.no-native-args"));
        return undefined;
      }
      return { resource: r, table, target: { check: table.native.check, args, region } };
    }
    if (table.cfnType === undefined || table.unsupported !== undefined) {
      if (pending === undefined) skip(r.type, table.unsupported ?? t("cloud.long-tail.no-cfn-type"));
      return undefined;
    }
    const identifier = cloudControlIdentifier(table, r);
    if (identifier === undefined) {
      if (pending === undefined) skip(r.type, t("cloud.long-tail.no-identifier", { cfnType: table.cfnType }));
      return undefined;
    }
    const w: Wanted = { resource: r, table, target: { typeName: table.cfnType, identifier, region } };
    if (pending !== undefined) w.pending = pending;
    return w;
  };
  const out: Wanted[] = [];
  const held = new Set<string>();
  for (const r of d?.resources ?? []) {
    held.add(r.urn);
    // The table holds no kind's type: a token it knows has no kind.
    if (!r.custom || isProviderType(r.type) || r.external === true) continue;
    const why = nothingToCheck(r);
    if (why !== undefined) {
      const key = `${r.type}\u0000${why}`;
      nothing.set(key, (nothing.get(key) ?? 0) + 1);
      continue;
    }
    const w = want(r);
    if (w !== undefined) out.push(w);
  }
  // A pending create whose inputs already name it; one the state also holds is checked as that entry.
  for (const op of d?.pending_operations ?? []) {
    const r = op.resource;
    if (r === undefined || held.has(r.urn) || r.external === true) continue;
    const w = want(r, op.type);
    if (w !== undefined) out.push(w);
  }
  return out;
}

const isNative = (t: Wanted["target"]): t is NativeTarget => "check" in t;

/** What a natively checked entry is called in findings ("S3 object key.zip is in …'s state"). */
const NATIVE_LABEL = {
  "s3-object": "cloud.long-tail.native.s3-object",
  "s3-cors": "cloud.long-tail.native.s3-cors",
  "s3-public-access-block": "cloud.long-tail.native.s3-public-access-block",
  "s3-notification": "cloud.long-tail.native.s3-notification",
  "event-target": "cloud.long-tail.native.event-target",
  "acm-validation": "cloud.long-tail.native.acm-validation",
} as const satisfies Record<NativeTarget["check"], MessageId>;

/** The kind and label of an entry: `cloudcontrol:<CloudFormation type>`, or `native:<check>`. */
function kindOf(t: Wanted["target"]): { kind: string; label: string; identifier: string } {
  if (!isNative(t))
    return { kind: `${LONG_TAIL_KIND}:${t.typeName}`, label: t.typeName, identifier: t.identifier };
  return {
    kind: `${NATIVE_KIND}:${t.check}`,
    label: tr(NATIVE_LABEL[t.check]),
    identifier: Object.values(t.args).join("|"),
  };
}

function entryOf(w: Wanted, present: boolean): InventoryEntry {
  const r = w.resource;
  const k = kindOf(w.target);
  const e: InventoryEntry = {
    status: w.pending === undefined ? (present ? "managed" : "missing") : present ? "unmanaged" : "missing",
    kind: k.kind,
    label: k.label,
    type: r.type,
    name: prop(r, "name") ?? (r.id || k.identifier),
    id: r.id || k.identifier,
    region: w.target.region,
    tags: {},
    urn: r.urn,
  };
  const arn = prop(r, "arn");
  if (arn !== undefined) e.arn = arn;
  if (present) e.foundBy = "read";
  if (w.pending !== undefined) e.pending = w.pending;
  return e;
}

const keyOf = (t: Wanted["target"]) =>
  isNative(t)
    ? `${t.region}|${t.check}|${JSON.stringify(t.args)}`
    : `${t.region}|${t.typeName}|${t.identifier}`;

type Answer = CloudControlAnswer | NativeAnswer | "failed";

/** Reads every distinct target once: Cloud Control's, then the native checks. */
async function readAll(d: Discovery, targets: Map<string, Wanted["target"]>): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  const cc = [...targets.values()].filter((t): t is CloudControlTarget => !isNative(t));
  const native = [...targets.values()].filter(isNative);
  const record = (t: Wanted["target"], a: Answer | { state: "failed"; error: unknown }) => {
    if (typeof a === "object" && a.state === "failed") {
      // i18n-exempt: the incomplete part's kind, a JSON field
      const what = isNative(t) ? `${t.check} (native check)` : `${t.typeName} (Cloud Control)`;
      d.failed(what, t.region, a.error);
      answers.set(keyOf(t), "failed");
    } else answers.set(keyOf(t), a);
  };
  if (cc.length > 0) {
    d.progress(
      t(cc.length === 1 ? "cloud.long-tail.reading-cc.one" : "cloud.long-tail.reading-cc.other", {
        count: cc.length,
      }),
    );
    const { getResources } = await import("./drivers/cloudcontrol.js");
    (await getResources(d.ctx, cc)).forEach((a, i) => record(cc[i]!, a));
  }
  if (native.length > 0) {
    d.progress(
      t(
        native.length === 1 ? "cloud.long-tail.checking-native.one" : "cloud.long-tail.checking-native.other",
        {
          count: native.length,
        },
      ),
    );
    const { checkNatives } = await import("./drivers/subresources.js");
    (await checkNatives(d.ctx, native)).forEach((a, i) => record(native[i]!, a));
  }
  return answers;
}

/** Checks the long tail of every stage; one GetResource per distinct resource of the whole scan. */
export async function scanLongTail(
  d: Discovery,
  stages: readonly StageInput[],
  home: string,
): Promise<Map<StageInput, LongTailStage>> {
  const perStage = stages.map((s) => {
    const unchecked = new Map<string, { count: number; reason: string }>();
    const nothing = new Map<string, number>();
    return { s, unchecked, nothing, wanted: wantedOf(s.deployment, home, unchecked, nothing) };
  });
  const targets = new Map<string, Wanted["target"]>();
  for (const p of perStage) for (const w of p.wanted) targets.set(keyOf(w.target), w.target);
  const answers = await readAll(d, targets);
  const out = new Map<StageInput, LongTailStage>();
  for (const { s, unchecked, nothing, wanted } of perStage) {
    const entries: InventoryEntry[] = [];
    for (const w of wanted) {
      const a = answers.get(keyOf(w.target));
      if (a === undefined || a === "failed" || a.state === "unchecked") {
        if (w.pending !== undefined) continue; // pending-operation reports it
        const reason =
          a === "failed" || a === undefined
            ? t(isNative(w.target) ? "cloud.long-tail.check-failed" : "cloud.long-tail.cc-failed")
            : a.reason;
        const had = unchecked.get(w.resource.type);
        unchecked.set(w.resource.type, { count: (had?.count ?? 0) + 1, reason: had?.reason ?? reason });
        continue;
      }
      entries.push(entryOf(w, a.state === "present"));
    }
    out.set(s, {
      entries,
      unchecked: [
        ...[...unchecked.entries()].map(([type, u]) => ({ type, count: u.count, reason: u.reason })),
        ...[...nothing.entries()].map(([key, count]) => {
          const [type, reason] = key.split("\u0000") as [string, string];
          return { type, count, reason, nothingToCheck: true as const };
        }),
      ].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    });
  }
  return out;
}
