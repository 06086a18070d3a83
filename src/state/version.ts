/**
 * The version/feature gate. Pulumi's rule is "never take anything away; everything new is optional",
 * so a document with a schema version or a feature this stateward does not know may hold data whose
 * meaning we cannot keep: it may be read (with a warning), never written.
 */
import { t, items } from "../i18n/index.js";

/** Checkpoint schema versions stateward reads and writes. Version 4 is 3 plus a `features` list. */
export const KNOWN_VERSIONS: readonly number[] = [3, 4];

/**
 * Version-4 features whose fields stateward understands: their references are checked, kept and
 * followed by the edits. (Pulumi writes version 4 only when one of them is in use.)
 */
export const KNOWN_FEATURES: readonly string[] = [
  "refreshBeforeUpdate",
  "views",
  "hooks",
  "taint",
  "replaceWith",
];

/**
 * Features Pulumi knows (pkg/resource/stack/deployment.go `supportedFeatures`, pulumi/pulumi at
 * 1b59498, August 2026) that this stateward does not: what each one is for, so that the read-only
 * warning says why.
 */
export const PULUMI_ONLY_FEATURES: readonly string[] = [
  "byteString",
  "extensionParameterization",
  "snippets-prototype",
];

/** What a feature only Pulumi knows is for, in words; undefined for any other name. */
function featurePurpose(feature: string): string | undefined {
  switch (feature) {
    case "byteString":
      return t("state.version.feature.byteString");
    case "extensionParameterization":
      return t("state.version.feature.extensionParameterization");
    case "snippets-prototype":
      return t("state.version.feature.snippets");
    default:
      return undefined;
  }
}

export interface VersionGate {
  writable: boolean;
  warnings: string[];
}

/**
 * Whether a document of this version and features may be written. `hasDeployment`: it holds a
 * deployment. `unversionedLayout`: the version sits beside `stack`/`latest` at the top level instead
 * of wrapping them in `checkpoint`.
 */
export function checkVersion(
  version: number | undefined,
  features: readonly string[],
  hasDeployment = true,
  unversionedLayout = false,
): VersionGate {
  const warnings: string[] = [];
  // Pulumi's DIY backend writes `{"version":0,"checkpoint":{"stack":…}}` for a stack it created and never
  // deployed (pkg/backend/diy: CreateStack saves an empty TypedDeployment). Pulumi reads it as an empty
  // stack and writes version 3 over it at the first update: nothing in it can be lost.
  const newStack = version === 0 && !hasDeployment && features.length === 0 && !unversionedLayout;
  if (version === 0 && !newStack) {
    warnings.push(unversionedLayout ? t("state.version.legacyLayout") : t("state.version.legacyEmpty"));
  } else if (version !== undefined && !newStack && !KNOWN_VERSIONS.includes(version)) {
    warnings.push(
      version > Math.max(...KNOWN_VERSIONS)
        ? t("state.version.newer", { version, known: items(KNOWN_VERSIONS) })
        : t("state.version.older", { version, known: items(KNOWN_VERSIONS) }),
    );
  }
  const unknown = features.filter((f) => !KNOWN_FEATURES.includes(f));
  if (unknown.length > 0) {
    const described = unknown.map((f) => {
      const purpose = featurePurpose(f);
      return purpose === undefined ? f : t("state.version.featureWithPurpose", { feature: f, purpose });
    });
    warnings.push(
      t(unknown.length === 1 ? "state.version.unknownFeature.one" : "state.version.unknownFeature.other", {
        features: items(described),
      }),
    );
  }
  if (version === 3 && features.length > 0) {
    warnings.push(t("state.version.v3Features", { features: items(features) }));
  }
  return { writable: warnings.length === 0, warnings };
}
