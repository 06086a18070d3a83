/**
 * Before adopting: would the next deploy replace what is adopted? A kind names the inputs whose change
 * makes the provider replace it (`replaceOn`: a table's key schema and local indexes, a queue's FIFO
 * flag, a bucket's region). Where the pending create asks for one of them, the live resource must have
 * the same; else adopting hands the next deploy a resource it deletes and creates again (a table's data
 * gone), which is refused unless the person accepts it (`--accept-replace`).
 */
import { t } from "../i18n/index.js";
import { StatewardError } from "../errors.js";
import { kindForType } from "../kinds/registry.js";
import type { DriftItem } from "../kinds/types.js";
import type { JsonValue, PropertyMap } from "../state/index.js";

/** The value Pulumi records for an output not known yet (a preview's placeholder): never compared. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Absent, null, false, "", [] and {} all mean "not set": the provider reads them alike. */
function unset(v: JsonValue | undefined): boolean {
  if (v === undefined || v === null || v === false || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v).filter((k) => k !== "__defaults").length === 0;
}

/**
 * Whether the live value has what was asked for: every key the request sets (objects), the same
 * elements in any order, matched by their `name` where they have one (lists of indexes), else equal.
 */
function hasAsked(asked: JsonValue | undefined, live: JsonValue | undefined): boolean {
  if (asked === UNKNOWN) return true;
  if (unset(asked)) return unset(live);
  if (Array.isArray(asked)) {
    if (!Array.isArray(live) || live.length !== asked.length) return false;
    return asked.every((a) => live.some((l) => sameItem(a, l) && hasAsked(a, l)));
  }
  if (typeof asked === "object" && asked !== null) {
    if (typeof live !== "object" || live === null || Array.isArray(live)) return false;
    return Object.entries(asked)
      .filter(([k]) => k !== "__defaults")
      .every(([k, v]) => hasAsked(v, live[k]));
  }
  return asked === live;
}

/** List elements pair up by name (an index's), else any element may be the one. */
function sameItem(a: JsonValue, b: JsonValue): boolean {
  const name = (v: JsonValue) =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? v.name : undefined;
  return name(a) === undefined || name(a) === name(b);
}

export interface ReplaceCheck {
  type: string;
  /** What the pending create asks for: its inputs, and the region its provider deploys to. */
  asked: PropertyMap;
  askedRegion: string;
  /** What pulumi-aws would record for the live resource. */
  live: { inputs: PropertyMap; outputs: PropertyMap };
}

/** The replace-forcing properties where the live resource differs from what was asked for. */
export function replaceDifferences(c: ReplaceCheck): DriftItem[] {
  const fields = kindForType(c.type)?.replaceOn ?? [];
  const items: DriftItem[] = [];
  for (const field of fields) {
    const asked = field === "region" ? (c.asked.region ?? c.askedRegion) : c.asked[field];
    const live = c.live.outputs[field] ?? c.live.inputs[field];
    if (field !== "region" && asked === undefined) continue;
    if (!hasAsked(asked, live)) items.push({ property: field, state: asked ?? null, cloud: live ?? null });
  }
  return items;
}

/** Refuses an adopt the next deploy would undo by replacing, naming each difference. */
export function refuseReplace(label: string, name: string, items: DriftItem[]): never {
  const shown = items
    .map((i) =>
      t("rules.repair.replace.item", {
        property: i.property,
        asked: JSON.stringify(i.state),
        live: JSON.stringify(i.cloud),
      }),
    )
    .join("; ");
  const params = { label, name, shown };
  throw new StatewardError(
    "WOULD_REPLACE",
    items.length === 1 ? t("rules.repair.replace.one", params) : t("rules.repair.replace.other", params),
    { hint: t("rules.repair.replace.hint") },
  );
}
