/** What `state show` reports about a document: which stack it is and what it holds. */
import { t, items } from "../i18n/index.js";
import type { StateDocument } from "./codec.js";
import { countSecrets } from "./secrets.js";
import { snippetViolations } from "./integrity.js";
import type { PendingOperationV2, ResourceV3 } from "./types.js";
import { isDefaultProviderName, isProviderType, parseUrn } from "./urn.js";

export interface ResourceBrief {
  urn: string;
  type: string;
  name: string;
  id?: string;
}

export interface StateSummary {
  shape: StateDocument["shape"];
  /** "compact", or the indent unit of an indented file. */
  format: { gzip: boolean; indent: string };
  version: number | undefined;
  features: string[];
  writable: boolean;
  warnings: string[];
  stack: string | undefined;
  app: string | undefined;
  stage: string | undefined;
  pulumiVersion: string | undefined;
  time: string | undefined;
  secretsProvider: string | undefined;
  resources: number;
  customResources: number;
  components: number;
  pendingDeletes: number;
  byType: { type: string; count: number }[];
  providers: { urn: string; id?: string; region?: string; version?: string; default: boolean }[];
  pendingOperations: { type: string; urn: string; resourceType: string; name?: string }[];
  protected: ResourceBrief[];
  retained: ResourceBrief[];
  secrets: number;
}

/**
 * What a summary shows for a resource without `urn` or `type`: the parser lets those through because
 * they are integrity violations (`state verify` lists them), so everything here must cope with them.
 */
const NO_URN = "(no urn)"; // i18n-exempt: a marker value of the JSON summary's urn field
const NO_TYPE = "(no type)"; // i18n-exempt: a marker value of the JSON summary's type field

function urnOf(r: ResourceV3): string {
  return typeof r.urn === "string" && r.urn !== "" ? r.urn : NO_URN;
}

function typeOf(r: ResourceV3): string {
  return typeof r.type === "string" && r.type !== "" ? r.type : NO_TYPE;
}

function brief(r: ResourceV3, index: number): ResourceBrief {
  const urn = urnOf(r);
  const out: ResourceBrief = {
    urn,
    type: typeOf(r),
    name: parseUrn(urn)?.name ?? (urn === NO_URN ? `#${index}` : urn),
  };
  if (typeof r.id === "string" && r.id !== "") out.id = r.id;
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function summarize(doc: StateDocument): StateSummary {
  const d = doc.deployment;
  const resources = d?.resources ?? [];
  const pending = d?.pending_operations ?? [];
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(typeOf(r), (counts.get(typeOf(r)) ?? 0) + 1);

  // `organization/<app>/<stage>` for SST; otherwise the URNs tell the project and stack.
  const parts = doc.stack?.split("/") ?? [];
  const firstUrn = resources.map((r) => parseUrn(urnOf(r))).find((u) => u !== undefined);
  const app = parts.length === 3 ? parts[1] : firstUrn?.project;
  const stage = parts.length === 3 ? parts[2] : firstUrn?.stack;

  let secrets = 0;
  for (const r of resources) secrets += countSecrets(r.inputs) + countSecrets(r.outputs);

  return {
    shape: doc.shape,
    format: { gzip: doc.style.gzip, indent: doc.style.indent === "" ? "compact" : doc.style.indent },
    version: doc.version,
    features: [...doc.features],
    writable: doc.writable,
    warnings: [
      ...doc.warnings,
      ...incomplete(resources, pending),
      ...snippetViolations(d).map((v) => v.message),
    ],
    stack: doc.stack,
    app,
    stage,
    pulumiVersion: str(d?.manifest?.version),
    time: str(d?.manifest?.time),
    secretsProvider: str(d?.secrets_providers?.type),
    resources: resources.length,
    customResources: resources.filter((r) => r.custom === true).length,
    components: resources.filter((r) => r.custom !== true).length,
    pendingDeletes: resources.filter((r) => r.delete === true).length,
    byType: [...counts]
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)),
    providers: resources
      .filter((r) => isProviderType(typeOf(r)))
      .map((r) => {
        const p: StateSummary["providers"][number] = {
          urn: urnOf(r),
          default: isDefaultProviderName(parseUrn(urnOf(r))?.name ?? ""),
        };
        const id = str(r.id);
        if (id !== undefined) p.id = id;
        const region = str(r.inputs?.region) ?? str(r.outputs?.region);
        if (region !== undefined) p.region = region;
        const version = str(r.inputs?.version) ?? str(r.outputs?.version);
        if (version !== undefined) p.version = version;
        return p;
      }),
    pendingOperations: pending.map((op) => {
      const out: StateSummary["pendingOperations"][number] = {
        type: typeof op.type === "string" && op.type !== "" ? op.type : NO_TYPE,
        urn: urnOf(op.resource),
        resourceType: typeOf(op.resource),
      };
      const name = str(op.resource.inputs?.name);
      if (name !== undefined) out.name = name;
      return out;
    }),
    protected: briefs(resources, (r) => r.protect === true),
    retained: briefs(resources, (r) => r.retainOnDelete === true),
    secrets,
  };
}

function briefs(resources: readonly ResourceV3[], keep: (r: ResourceV3) => boolean): ResourceBrief[] {
  const out: ResourceBrief[] = [];
  resources.forEach((r, i) => {
    if (keep(r)) out.push(brief(r, i));
  });
  return out;
}

/** A warning for entries without `urn` or `type`: Pulumi refuses the state until they are fixed. */
function incomplete(resources: readonly ResourceV3[], pending: readonly PendingOperationV2[]): string[] {
  const missing = resources.flatMap((r, i) => (urnOf(r) === NO_URN || typeOf(r) === NO_TYPE ? [i] : []));
  const ops = pending.filter((op) => urnOf(op.resource) === NO_URN || typeOf(op.resource) === NO_TYPE).length;
  const out: string[] = [];
  if (missing.length > 0) {
    const indexes = items(missing.length > 5 ? [...missing.slice(0, 5), "…"] : missing);
    out.push(
      missing.length === 1
        ? t("state.summary.incomplete.one", { indexes })
        : t("state.summary.incomplete.other", { count: missing.length, indexes }),
    );
  }
  if (ops > 0) {
    out.push(
      ops === 1
        ? t("state.summary.incompletePending.one")
        : t("state.summary.incompletePending.other", { count: ops }),
    );
  }
  return out;
}
