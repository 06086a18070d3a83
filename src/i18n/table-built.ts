/**
 * table.ts as the CLI bundle has it (scripts/bundle.js puts it in table.ts's place): the messages come
 * from `messages.<lang>.<namespace>.json` beside this module (the namespace: an id's first part,
 * `state` of `state.show.title`), written from the catalog by the same build, and each file is loaded
 * the first time one of its messages is asked for — `state show` in English reads the English `state`
 * messages alone, and no run evaluates the catalog's TypeScript tables (issue 17: start-up). Loaded
 * with `require`, so the files are in the module cache, where test/cli/startup-lazy.test.ts sees which.
 */
import { createRequire } from "node:module";
import type { Lang } from "./index.js";

const load = createRequire(import.meta.url);
/** By `<lang>.<namespace>`: the messages of one file. */
const tables: Record<string, Readonly<Record<string, string>>> = {};

export function messageIn(lang: Lang, id: string): string | undefined {
  const file = `${lang}.${id.slice(0, id.indexOf("."))}`;
  tables[file] ??= load(`./messages.${file}.json`) as Record<string, string>;
  return tables[file][id];
}
