/**
 * table.ts as the CLI bundle has it (scripts/bundle.js puts it in table.ts's place): each language's
 * messages come from `messages.<lang>.json` beside this module, written from the catalog by the same
 * build, and loaded the first time that language is asked for — a run in English never reads the
 * Chinese one, and none evaluates the catalog's TypeScript tables (issue 17: start-up). Loaded with
 * `require`, so the file is in the module cache, where test/cli/startup-lazy.test.ts sees which.
 */
import { createRequire } from "node:module";
import type { Lang } from "./index.js";

const load = createRequire(import.meta.url);
const tables: Partial<Record<Lang, Readonly<Record<string, string>>>> = {};

export function messageIn(lang: Lang, id: string): string | undefined {
  tables[lang] ??= load(`./messages.${lang}.json`) as Record<string, string>;
  return tables[lang][id];
}
