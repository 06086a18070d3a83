/**
 * table.ts as the CLI bundle has it (scripts/bundle.js puts it in table.ts's place): the messages come
 * from `messages.<lang>.<namespace>.json` beside this module (the namespace: an id's first part,
 * `state` of `state.show.title`), written from the catalog by the same build, and each file is loaded
 * the first time one of its messages is asked for — `state show` in English reads the English `state`
 * messages alone, and no run evaluates the catalog's TypeScript tables (issue 17: start-up). Read and
 * parsed directly, not `require`d: Node's loader would look the file up and keep it, which takes as
 * long again (test/cli/startup-lazy.test.ts sees which files a run reads).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "./index.js";

/** By `<lang>.<namespace>`: the messages of one file. */
const tables: Record<string, Readonly<Record<string, string>>> = {};

export function messageIn(lang: Lang, id: string): string | undefined {
  const file = `${lang}.${id.slice(0, id.indexOf("."))}`;
  // import.meta.dirname: the bundle's __dirname (this module is the bundle's only: scripts/bundle.js).
  tables[file] ??= JSON.parse(
    readFileSync(join(import.meta.dirname, `messages.${file}.json`), "utf8"),
  ) as Record<string, string>;
  return tables[file][id];
}
