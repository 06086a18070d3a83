/**
 * One message in one language, as `t()` reads it: here straight from the catalog's TypeScript tables
 * (tests, the library, the CLI as tsc alone builds it). The CLI bundle (`npm run build`,
 * scripts/bundle.js) has table-built.ts in this module's place: the same messages, from one JSON file
 * per language written from this catalog at build time, so a run loads only its own language.
 */
import { CATALOG } from "./catalog.js";
import type { Lang } from "./index.js";
import type { Catalog } from "./types.js";

export function messageIn(lang: Lang, id: string): string | undefined {
  return (CATALOG as Catalog)[id]?.[lang];
}
