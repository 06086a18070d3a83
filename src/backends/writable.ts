/** What may be written as a stage's state: a checkpoint this stateward knows that passes every integrity check. */
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { verifyIntegrity } from "../state/index.js";
import { parseState } from "./encoding.js";

/** How many resources checkpoint bytes hold. */
export function countResources(bytes: Uint8Array, name: string): number {
  return parseState(bytes, name).deployment?.resources?.length ?? 0;
}

/** Refuses bytes that are not a writable checkpoint passing every integrity check. */
export function assertWritable(bytes: Uint8Array, name: string): void {
  const doc = parseState(bytes, name);
  if (!doc.writable) {
    throw new StatewardError(
      "READ_ONLY_STATE",
      t("backends.writable.readOnly", { name, reasons: doc.warnings.join(" ") }),
      {
        hint: t("backends.writable.readOnlyHint"),
      },
    );
  }
  const violations = verifyIntegrity(doc.deployment);
  if (violations.length > 0) {
    throw new StatewardError(
      "INTEGRITY",
      t(violations.length === 1 ? "backends.writable.integrity.one" : "backends.writable.integrity.other", {
        name,
        count: violations.length,
        first: violations[0]!.message,
      }),
      { hint: t("backends.writable.integrityHint") },
    );
  }
}
