/** The history area's files build every human-facing line from the catalog (no prose left in them). */
import { join } from "node:path";
import { expect, it } from "vitest";
import { findProse, sourceFiles } from "./prose.js";

const root = join(import.meta.dirname, "../..");
const OWN = [
  "src/actions/history.ts",
  "src/actions/history-diff.ts",
  "src/actions/restore.ts",
  "src/actions/snapshot.ts",
  "src/actions/backup.ts",
  "src/actions/backup-items.ts",
  "src/actions/backup-target.ts",
  "src/actions/export-git.ts",
  "src/backends/history-read.ts",
  "src/backends/history-events.ts",
  "src/backends/snapshots.ts",
  "src/cli/commands/history.ts",
  "src/report/history.ts",
  "src/report/lock.ts",
  "src/report/backup.ts",
];

it("has no prose outside the catalog in the history files", () => {
  const files = sourceFiles(root).filter((f) => OWN.includes(f));
  expect(files.length).toBe(OWN.length);
  expect(findProse(root, files).map((p) => `${p.file}:${p.line}  ${p.text}`)).toEqual([]);
});
