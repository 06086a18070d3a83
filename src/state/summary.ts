/** What `state show` reports about a document: which stack it is and what it holds. */
import type { StateDocument } from "./codec.js";
import { countSecrets } from "./secrets.js";
import type { ResourceV3 } from "./types.js";
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

function brief(r: ResourceV3): ResourceBrief {
  const out: ResourceBrief = { urn: r.urn, type: r.type, name: parseUrn(r.urn)?.name ?? r.urn };
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
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);

  // `organization/<app>/<stage>` for SST; otherwise the URNs tell the project and stack.
  const parts = doc.stack?.split("/") ?? [];
  const firstUrn = resources.map((r) => parseUrn(String(r.urn))).find((u) => u !== undefined);
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
    warnings: [...doc.warnings],
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
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    providers: resources
      .filter((r) => isProviderType(String(r.type)))
      .map((r) => {
        const p: StateSummary["providers"][number] = {
          urn: r.urn,
          default: isDefaultProviderName(parseUrn(r.urn)?.name ?? ""),
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
        type: op.type,
        urn: op.resource.urn,
        resourceType: op.resource.type,
      };
      const name = str(op.resource.inputs?.name);
      if (name !== undefined) out.name = name;
      return out;
    }),
    protected: resources.filter((r) => r.protect === true).map(brief),
    retained: resources.filter((r) => r.retainOnDelete === true).map(brief),
    secrets,
  };
}
