/**
 * The message catalog's shape. Every human-facing line stateward prints is one entry, in English and
 * Chinese; placeholders are `{name}` (an identifier), filled by `t()`. One catalog (`catalog.ts`), kept
 * in one file per area under `messages/` so each area's words sit together.
 */
export interface Entry {
  readonly en: string;
  readonly zh: string;
}

export type Catalog = Readonly<Record<string, Entry>>;

/** Identity, typed: keeps each entry's English text as a literal type so `t()` knows its placeholders. */
export function defineMessages<const T extends Catalog>(messages: T): T {
  return messages;
}

/** The placeholder names in a template: `"{a} and {b}"` → `"a" | "b"`. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
