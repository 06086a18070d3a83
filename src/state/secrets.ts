/**
 * Secret values in state are opaque: kept byte for byte, never decrypted, and replaced by a marker
 * wherever a value is shown.
 */
import { setOwn } from "./keys.js";
import type { JsonValue } from "./types.js";

/** Pulumi's signature key and the value that marks a secret (sdk/go/common/resource/sig). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export const REDACTED = "[secret]";

export function isSecretValue(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE
  );
}

/** A copy of `value` with every secret (encrypted or, in an export made with --show-secrets, plain) replaced. */
export function redact(value: JsonValue): JsonValue {
  if (isSecretValue(value)) return REDACTED;
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, redact(v));
    return out;
  }
  return value;
}

/** Counts the secret values inside a value. */
export function countSecrets(value: unknown): number {
  if (isSecretValue(value)) return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countSecrets(v), 0);
  if (value !== null && typeof value === "object") {
    let n = 0;
    for (const v of Object.values(value)) n += countSecrets(v);
    return n;
  }
  return 0;
}
