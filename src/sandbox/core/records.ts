/** Small helpers every service uses on its plain-JSON state and on request values. */

/** A record's own value (never one inherited from Object.prototype, for names like `constructor`). */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Defines rather than assigns, so a resource named `__proto__` is a plain key that survives JSON. */
export function put<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A value as AWS's validation messages quote it. */
export function show(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
}
