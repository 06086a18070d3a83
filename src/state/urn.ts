/**
 * Pulumi URNs: `urn:pulumi:<stack>::<project>::<parentType$…$type>::<name>`. The name is everything after
 * the third `::`, so names that contain `::` themselves survive a parse/format round trip.
 */

const PREFIX = "urn:pulumi:"; // i18n-exempt: the URN format
const SEP = "::";

export interface Urn {
  stack: string;
  project: string;
  /** The type with its parents' type chain, e.g. `sst:aws:Dynamo$aws:dynamodb/table:Table`. */
  qualifiedType: string;
  /** The resource's own type, the last element of the chain. */
  type: string;
  /** The parents' types, outermost first (empty for a resource without a typed parent). */
  parentTypes: string[];
  name: string;
}

/** Parses a URN, or returns undefined when the text is not one. */
export function parseUrn(text: string): Urn | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const rest = text.slice(PREFIX.length);
  const first = rest.indexOf(SEP);
  if (first < 0) return undefined;
  const second = rest.indexOf(SEP, first + SEP.length);
  if (second < 0) return undefined;
  const third = rest.indexOf(SEP, second + SEP.length);
  if (third < 0) return undefined;
  const stack = rest.slice(0, first);
  const project = rest.slice(first + SEP.length, second);
  const qualifiedType = rest.slice(second + SEP.length, third);
  const name = rest.slice(third + SEP.length);
  if (stack === "" || project === "" || qualifiedType === "") return undefined;
  const chain = qualifiedType.split("$");
  const type = chain[chain.length - 1] ?? qualifiedType;
  return { stack, project, qualifiedType, type, parentTypes: chain.slice(0, -1), name };
}

export function isUrn(text: unknown): text is string {
  return typeof text === "string" && parseUrn(text) !== undefined;
}

export function formatUrn(parts: {
  stack: string;
  project: string;
  qualifiedType: string;
  name: string;
}): string {
  return `${PREFIX}${parts.stack}${SEP}${parts.project}${SEP}${parts.qualifiedType}${SEP}${parts.name}`;
}

/**
 * The qualified type a child of `parentUrn` gets in Pulumi: the parent's qualified type, `$`, the
 * child's type. The root stack resource does not add itself to the chain.
 */
export function qualifiedTypeUnder(parentUrn: string | undefined, type: string): string {
  if (parentUrn === undefined) return type;
  const parent = parseUrn(parentUrn);
  if (parent === undefined || parent.type === "pulumi:pulumi:Stack") return type;
  return `${parent.qualifiedType}$${type}`;
}

/** A URN for a child resource: same stack and project as the parent, the parent's type chain. */
export function childUrn(
  scope: { stack: string; project: string },
  parentUrn: string | undefined,
  type: string,
  name: string,
): string {
  return formatUrn({ ...scope, qualifiedType: qualifiedTypeUnder(parentUrn, type), name });
}

/** A provider reference is `<provider URN>::<provider id>`, split at the last `::`. */
export interface ProviderReference {
  urn: string;
  id: string;
}

export function parseProviderReference(text: string): ProviderReference | undefined {
  const at = text.lastIndexOf(SEP);
  if (at < 0) return undefined;
  const urn = text.slice(0, at);
  const id = text.slice(at + SEP.length);
  if (id === "" || parseUrn(urn) === undefined) return undefined;
  return { urn, id };
}

export function formatProviderReference(ref: ProviderReference): string {
  return `${ref.urn}${SEP}${ref.id}`;
}

export function isProviderType(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

/** The package a provider type serves: `pulumi:providers:aws` → `aws`. */
export function providerPackage(type: string): string | undefined {
  return isProviderType(type) ? type.slice("pulumi:providers:".length) : undefined;
}

/** Default providers are named `default` or `default_<version with underscores>`. */
export function isDefaultProviderName(name: string): boolean {
  return name === "default" || name.startsWith("default_");
}
