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

export interface VersionGate {
  writable: boolean;
  warnings: string[];
}

export function checkVersion(
  version: number | undefined,
  features: readonly string[],
  hasDeployment = true,
): VersionGate {
  const warnings: string[] = [];
  // A stack Pulumi created but never deployed is written as `{"version":0,"checkpoint":{"stack":…}}`.
  const newStack = version === 0 && !hasDeployment && features.length === 0;
  if (version !== undefined && !newStack && !KNOWN_VERSIONS.includes(version)) {
    warnings.push(
      version > Math.max(...KNOWN_VERSIONS)
        ? `checkpoint version ${version} is newer than this stateward knows (${KNOWN_VERSIONS.join(", ")}); it is shown read-only and will not be written.`
        : `checkpoint version ${version} is an old format this stateward does not write (it knows ${KNOWN_VERSIONS.join(", ")}); it is shown read-only. Run any Pulumi or SST command on the stack to upgrade it.`,
    );
  }
  const unknown = features.filter((f) => !KNOWN_FEATURES.includes(f));
  if (unknown.length > 0) {
    warnings.push(
      `the state uses feature${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")} unknown to this stateward; it is shown read-only and will not be written.`,
    );
  }
  if (version === 3 && features.length > 0) {
    warnings.push(
      `checkpoint version 3 should not list features (${features.join(", ")}); Pulumi writes them with version 4.`,
    );
  }
  return { writable: warnings.length === 0, warnings };
}
