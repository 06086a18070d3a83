/**
 * Every AWS call that deletes a cloud resource is reachable only through the deletion gate: read
 * from the source itself, each `Delete…`/`Detach…`/`Remove…` command outside the state storage
 * (src/backends: the state bucket's own objects) sits in a driver (src/cloud/drivers), inside the function a
 * `gatedDelete(kind, …)` wraps — the driver's `delete`, or a private function only that wrapper
 * names. The runtime half (no permit, no call) is in test/cli/safety.test.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

const DELETING = /new (Delete|Detach|Remove)[A-Za-z]*Command\(/;
/** Where deleting calls may be: drivers (gated) and the state storage (not cloud resources). */
const HANDLERS = "src/cloud/drivers/";
const STATE_STORAGE = ["src/backends/s3-store.ts"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith(".ts") ? [full] : [];
  });
}

/** The top-level declaration a line belongs to: its first line's text. */
function enclosing(lines: string[], at: number): { start: number; head: string } {
  for (let i = at; i >= 0; i--) {
    if (/^(export |async |function |const )/.test(lines[i]!)) return { start: i, head: lines[i]! };
  }
  return { start: 0, head: "" };
}

describe("the one deletion gate, in the source", () => {
  const sources = files(path.join(ROOT, "src"))
    .map((f) => path.relative(ROOT, f))
    .filter((f) => !f.startsWith("src/sandbox/"));
  const calls = sources.flatMap((file) =>
    readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .flatMap((line, i, lines) => (DELETING.test(line) ? [{ file, line: i, lines }] : [])),
  );

  it("finds the deleting calls it is about", () => {
    expect(calls.filter((c) => c.file.startsWith(HANDLERS)).length).toBeGreaterThanOrEqual(10);
  });

  it("has no deleting AWS call outside the resource handlers and the state storage", () => {
    const outside = calls
      .filter((c) => !c.file.startsWith(HANDLERS) && !STATE_STORAGE.includes(c.file))
      .map((c) => `${c.file}:${c.line + 1}`);
    expect(outside).toEqual([]);
  });

  it("in each handler, every deleting call is inside what gatedDelete wraps", () => {
    const ungated: string[] = [];
    for (const c of calls.filter((x) => x.file.startsWith(HANDLERS))) {
      const text = c.lines.join("\n");
      const decl = enclosing(c.lines, c.line);
      const fn = /^(?:export )?(?:async )?function (\w+)/.exec(decl.head)?.[1];
      const inHandlerDelete =
        /^export const \w+: KindDriver = \{/.test(decl.head) &&
        // The nearest `delete:` above the call, within the handler object, is a gatedDelete.
        c.lines
          .slice(decl.start, c.line)
          .reverse()
          .find((l) => /^ {2}(async )?\w+\(|^ {2}\w+: /.test(l))
          ?.startsWith("  delete: gatedDelete(") === true;
      const privateAndGated =
        fn !== undefined &&
        !decl.head.startsWith("export") &&
        new RegExp(`gatedDelete\\([^)]*\\b${fn}\\)`).test(text) &&
        // Named nowhere else than its own declaration and the gatedDelete wrapper.
        text.split(new RegExp(`\\b${fn}\\b`)).length - 1 === 2;
      if (!inHandlerDelete && !privateAndGated) ungated.push(`${c.file}:${c.line + 1} (${decl.head.trim()})`);
    }
    expect(ungated).toEqual([]);
  });
});
