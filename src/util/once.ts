/**
 * A value made the first time it is asked for, then kept: a table a run may never need (the log
 * reader's tables of types, for a log that names none) costs nothing at start-up (issue 17).
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
