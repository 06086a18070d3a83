/**
 * The version/feature gate. Pulumi's rule is "never take anything away; everything new is optional",
 * so a document with a schema version or a feature this stateward does not know may hold data whose
 * meaning we cannot keep: it may be read (with a warning), never written.
 */

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
export const PULUMI_ONLY_FEATURES: Readonly<Record<string, string>> = {
  byteString: "property values holding bytes that are not UTF-8 text",
  extensionParameterization: "resources registered through a parameterized provider extension",
  "snippets-prototype": "PCL snippets the engine re-runs on every update",
};

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
    warnings.push(
      unversionedLayout
        ? "checkpoint version 0 is the legacy layout from before Pulumi versioned its checkpoints (stack and deployment at the top level, resources in the version-1 format); Pulumi still reads it by converting it to version 3, but stateward does not convert it and shows it read-only. Run `pulumi refresh` (or any Pulumi or SST command that writes the stack) once to store it as version 3."
        : 'checkpoint version 0 is the legacy format, read by Pulumi from the top level of the file, where this document holds nothing: Pulumi would see a stack without resources. stateward shows it read-only; correct "version" to 3 (or 4 with features) in a copy before using it.',
    );
  } else if (version !== undefined && !newStack && !KNOWN_VERSIONS.includes(version)) {
    warnings.push(
      version > Math.max(...KNOWN_VERSIONS)
        ? `checkpoint version ${version} is newer than this stateward knows (${KNOWN_VERSIONS.join(", ")}); it is shown read-only and will not be written.`
        : `checkpoint version ${version} is an old format this stateward does not write (it knows ${KNOWN_VERSIONS.join(", ")}); it is shown read-only. Run any Pulumi or SST command on the stack to upgrade it.`,
    );
  }
  const unknown = features.filter((f) => !KNOWN_FEATURES.includes(f));
  if (unknown.length > 0) {
    const described = unknown.map((f) =>
      PULUMI_ONLY_FEATURES[f] === undefined ? f : `${f} (${PULUMI_ONLY_FEATURES[f]})`,
    );
    warnings.push(
      `the state uses feature${unknown.length === 1 ? "" : "s"} ${described.join(", ")} unknown to this stateward; it is shown read-only and will not be written.`,
    );
  }
  if (version === 3 && features.length > 0) {
    warnings.push(
      `checkpoint version 3 should not list features (${features.join(", ")}); Pulumi writes them with version 4.`,
    );
  }
  return { writable: warnings.length === 0, warnings };
}
