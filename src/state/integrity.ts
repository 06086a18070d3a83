/**
 * The integrity rules Pulumi enforces before it will use a snapshot (FORMATS.md §1). Unlike Pulumi,
 * which stops at the first problem, this reports every violation, each with a stable code, the
 * resource it was found on and a sentence a person can act on.
 */
import { t } from "../i18n/index.js";
import { computeMagic } from "./magic.js";
import type { DeploymentV3, ResourceV3 } from "./types.js";
import { urnIndex, type UrnIndex } from "./urn-index.js";

export { carryUrnIndex, urnIndex, type Positions, type UrnIndex } from "./urn-index.js";
import { isProviderType, parseProviderReference, parseUrn, type ProviderReference } from "./urn.js";

/** Pulumi's placeholder for an unknown id (sdk/go/common/resource/plugin: UnknownStringValue). */
const UNKNOWN_ID = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type ViolationCode =
  | "magic"
  | "missing-urn"
  | "missing-type"
  | "id-on-component"
  | "bad-provider-reference"
  | "unknown-provider"
  | "late-provider"
  | "missing-parent"
  | "late-parent"
  | "missing-dependency"
  | "late-dependency"
  | "missing-property-dependency"
  | "late-property-dependency"
  | "missing-deleted-with"
  | "late-deleted-with"
  | "missing-replace-with"
  | "late-replace-with"
  | "duplicate-urn"
  | "missing-snippet-uuid"
  | "duplicate-snippet-uuid";

export interface Violation {
  code: ViolationCode;
  /** The resource the violation was found on (undefined for the manifest or a resource without URN). */
  urn?: string;
  /** Its position in `resources`. */
  index?: number;
  /** The URN or provider reference it points at, when the violation is about a reference. */
  target?: string;
  message: string;
}

type RefKind = "parent" | "dependency" | "property-dependency" | "deleted-with" | "replace-with";

function label(kind: RefKind): string {
  switch (kind) {
    case "parent":
      return t("state.integrity.label.parent");
    case "dependency":
      return t("state.integrity.label.dependency");
    case "property-dependency":
      return t("state.integrity.label.propertyDependency");
    case "deleted-with":
      return t("state.integrity.label.deletedWith");
    case "replace-with":
      return t("state.integrity.label.replaceWith");
  }
}

/** A caller's integrity check of a deployment: `verifyIntegrity(deployment)`, the deployment not changed since. */
export interface IntegrityCheck {
  deployment: DeploymentV3 | undefined;
  violations: readonly Violation[];
}

export function verifyIntegrity(deployment: DeploymentV3 | undefined): Violation[] {
  const violations: Violation[] = [];
  if (deployment === undefined) return violations;
  violations.push(...magicViolations(deployment));
  const resources = deployment.resources ?? [];
  const positions = urnIndex(resources);
  const providerRefs = providerReferences(resources);
  const providers = new Map<string, ProviderReference | null>();
  // Only URNs that appear more than once can be duplicates: the live ones among them seen so far.
  const liveSeen = new Set<string>();
  const hasRepeats = positions.last.size > 0;
  for (let index = 0; index < resources.length; index++) {
    const r = resources[index]!;
    const urn = typeof r.urn === "string" && r.urn !== "" ? r.urn : undefined;
    const place: Place = { urn, index, who: urn ?? t("state.integrity.resourceAtIndex", { index }) };
    fieldViolations(r, place, violations);
    checkProvider(r, place, providerRefs, providers, violations);
    referenceViolations(r, place, positions, violations);
    if (urn !== undefined && r.delete !== true && hasRepeats && positions.last.has(urn)) {
      if (liveSeen.has(urn)) {
        violations.push(
          at(place, {
            code: "duplicate-urn",
            message: t("state.integrity.duplicateUrn", { urn }),
          }),
        );
      }
      liveSeen.add(urn);
    }
  }
  violations.push(...snippetViolations(deployment));
  return violations;
}

/** Where a violation was found: the resource's URN (if any), its position, and how to name it. */
interface Place {
  urn: string | undefined;
  index: number;
  who: string;
}

/** A violation found at a place. */
function at({ urn, index }: Place, extra: Omit<Violation, "urn" | "index">): Violation {
  return urn === undefined ? { ...extra, index } : { ...extra, urn, index };
}

/** The manifest's magic must be the SHA-256 of its version. */
function magicViolations(deployment: DeploymentV3): Violation[] {
  const manifest = deployment.manifest as DeploymentV3["manifest"] | undefined;
  if (manifest === undefined) return [];
  const version = typeof manifest.version === "string" ? manifest.version : "";
  const expected = computeMagic(version);
  const actual = typeof manifest.magic === "string" ? manifest.magic : "";
  if (actual === expected) return [];
  return [
    {
      code: "magic",
      message:
        actual === ""
          ? t("state.integrity.magicMissing", { version })
          : t("state.integrity.magicWrong", { magic: actual.slice(0, 12), version }),
    },
  ];
}

/** The first position of each provider, by the reference (`<URN>::<id>`) resources use for it. */
function providerReferences(resources: readonly ResourceV3[]): Map<string, number> {
  const providerRefs = new Map<string, number>();
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    if (typeof r.urn === "string" && isProviderType(String(r.type))) {
      // Pulumi references a provider without an id by the "unknown" id.
      const id = typeof r.id === "string" && r.id !== "" ? r.id : UNKNOWN_ID;
      const key = `${r.urn}::${id}`;
      if (!providerRefs.has(key)) providerRefs.set(key, i);
    }
  }
  return providerRefs;
}

/** A URN, a type, and no id on a component. */
function fieldViolations(r: ResourceV3, place: Place, violations: Violation[]): void {
  const { urn, index, who } = place;
  if (urn === undefined) {
    violations.push(at(place, { code: "missing-urn", message: t("state.integrity.missingUrn", { index }) }));
  }
  if (typeof r.type !== "string" || r.type === "") {
    violations.push(
      at(place, {
        code: "missing-type",
        message:
          urn === undefined
            ? t("state.integrity.missingTypeAt", { index })
            : t("state.integrity.missingType", { urn }),
      }),
    );
  }
  if (r.custom !== true && r.id !== undefined && r.id !== "") {
    violations.push(
      at(place, {
        code: "id-on-component",
        message: t("state.integrity.idOnComponent", { who, id: String(r.id) }),
      }),
    );
  }
}

/** Every URN a resource refers to (parent, dependencies, …) must be in the state, before it. */
function referenceViolations(
  r: ResourceV3,
  place: Place,
  positions: UrnIndex,
  violations: Violation[],
): void {
  if (typeof r.parent === "string" && r.parent !== "")
    checkReference(place, positions, violations, "parent", r.parent);
  if (Array.isArray(r.dependencies)) {
    for (const d of r.dependencies)
      if (typeof d === "string" && d !== "") checkReference(place, positions, violations, "dependency", d);
  }
  const propertyDependencies = r.propertyDependencies;
  if (propertyDependencies !== null && typeof propertyDependencies === "object") {
    // for…in, not Object.entries: no list of pairs made for each of thousands of resources.
    for (const property in propertyDependencies) {
      if (!Object.prototype.hasOwnProperty.call(propertyDependencies, property)) continue;
      const deps: unknown = propertyDependencies[property];
      if (!Array.isArray(deps)) continue;
      for (const d of deps as unknown[])
        if (typeof d === "string" && d !== "")
          checkReference(place, positions, violations, "property-dependency", d, property);
    }
  }
  if (typeof r.deletedWith === "string" && r.deletedWith !== "")
    checkReference(place, positions, violations, "deleted-with", r.deletedWith);
  if (Array.isArray(r.replaceWith)) {
    for (const d of r.replaceWith)
      if (typeof d === "string" && d !== "") checkReference(place, positions, violations, "replace-with", d);
  }
}

/** One reference: fine when its target comes earlier; otherwise late (or to itself) or missing. */
function checkReference(
  place: Place,
  positions: UrnIndex,
  violations: Violation[],
  kind: RefKind,
  target: string,
  property?: string,
): void {
  const { urn, index, who } = place;
  const first = positions.first.get(target);
  if (first !== undefined && first < index) return;
  const what =
    property === undefined
      ? label(kind)
      : t("state.integrity.label.withProperty", { label: label(kind), property });
  if (target === urn) {
    violations.push(
      at(place, { code: `late-${kind}`, target, message: t("state.integrity.self", { who, label: what }) }),
    );
  } else if (first !== undefined && (positions.last.get(target) ?? first) > index) {
    violations.push(
      at(place, {
        code: `late-${kind}`,
        target,
        message: t("state.integrity.late", { who, label: what, target }),
      }),
    );
  } else {
    violations.push(
      at(place, {
        code: `missing-${kind}`,
        target,
        message: t("state.integrity.missing", { who, label: what, target }),
      }),
    );
  }
}

/**
 * Snippets (the `snippets-prototype` feature): each needs a unique `uuid`, as Pulumi checks
 * (pkg/resource/stack/snapshot/integrity.go). Reported without `index`, which counts resources.
 */
export function snippetViolations(deployment: DeploymentV3 | undefined): Violation[] {
  const violations: Violation[] = [];
  const snippets = deployment?.snippets;
  if (!Array.isArray(snippets)) return violations;
  const first = new Map<string, number>();
  snippets.forEach((snippet: unknown, index) => {
    const uuid =
      snippet !== null && typeof snippet === "object" ? (snippet as Record<string, unknown>).uuid : undefined;
    if (typeof uuid !== "string" || uuid === "") {
      violations.push({
        code: "missing-snippet-uuid",
        message: t("state.integrity.snippetNoUuid", { index }),
      });
      return;
    }
    const other = first.get(uuid);
    if (other !== undefined) {
      violations.push({
        code: "duplicate-snippet-uuid",
        target: uuid,
        message: t("state.integrity.snippetDuplicate", { first: other, second: index, uuid }),
      });
      return;
    }
    first.set(uuid, index);
  });
  return violations;
}

function checkProvider(
  r: ResourceV3,
  place: Place,
  providerRefs: ReadonlyMap<string, number>,
  providers: Map<string, ProviderReference | null>,
  violations: Violation[],
): void {
  if (r.provider === undefined || r.provider === "") return;
  const { index, who } = place;
  // Resources share a few providers: each reference is parsed once.
  let parsed = typeof r.provider === "string" ? providers.get(r.provider) : null;
  if (parsed === undefined) {
    const reference = parseProviderReference(r.provider);
    parsed =
      reference !== undefined && isProviderType(parseUrn(reference.urn)?.type ?? "") ? reference : null;
    providers.set(r.provider, parsed);
  }
  if (parsed === null) {
    violations.push(
      at(place, {
        code: "bad-provider-reference",
        target: String(r.provider),
        message: t("state.integrity.badProviderReference", { who, reference: String(r.provider) }),
      }),
    );
    return;
  }
  const ref = parsed;
  const position = providerRefs.get(r.provider);
  if (position !== undefined && position < index) return;
  // Pulumi lets a resource awaiting replacement keep a reference to a provider that is gone.
  if (r.pendingReplacement === true && position === undefined) return;
  if (position !== undefined) {
    violations.push(
      at(place, {
        code: "late-provider",
        target: r.provider,
        message: t("state.integrity.lateProvider", { who, provider: ref.urn }),
      }),
    );
    return;
  }
  const sameUrn = [...providerRefs.keys()].find((k) => parseProviderReference(k)?.urn === ref.urn);
  violations.push(
    at(place, {
      code: "unknown-provider",
      target: r.provider,
      message:
        sameUrn === undefined
          ? t("state.integrity.unknownProvider", { who, provider: ref.urn })
          : t("state.integrity.providerOtherId", {
              who,
              provider: ref.urn,
              id: ref.id,
              stateId: parseProviderReference(sameUrn)!.id,
            }),
    }),
  );
}
