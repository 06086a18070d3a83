/**
 * Real Pulumi states as Pulumi and pulumi-aws wrote them (../shared/fixtures: pulumi-aws's recorded
 * test exports and real checkpoints, sources listed beside them), read from there at run time: each
 * one loads (Pulumi loads them, so stateward must) and an unchanged read-write gives the same bytes.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseState, serializeState } from "../../src/backends/encoding.js";
import { ROOT } from "../helpers.js";

const DIRS = ["pulumi-aws", "pulumi-real"].map((d) => path.resolve(ROOT, "..", "shared", "fixtures", d));
const FILES = DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.json(\.gz)?$/.test(f))
    .map((f) => path.join(dir, f)),
);

describe("real Pulumi states", () => {
  it("there are real states to read", () => {
    expect(FILES.length).toBeGreaterThan(10);
  });

  it.each(FILES.map((f) => [path.relative(path.resolve(ROOT, ".."), f), f]))(
    "%s loads, and writes back byte for byte",
    (_name, file) => {
      const bytes = readFileSync(file);
      const doc = parseState(bytes, file);
      if (doc.writable) expect(Buffer.from(serializeState(doc)).equals(bytes)).toBe(true);
    },
  );

  it("a null property dependency list (pulumi-aws's bucket export) is read and kept as null", () => {
    const file = FILES.find((f) => f.endsWith("bucket-5.42.0-stack.json"))!;
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/"bucket": null/);
    const doc = parseState(Buffer.from(text), file);
    const withNull = doc.deployment!.resources!.find(
      (r) => (r.propertyDependencies as Record<string, unknown> | undefined)?.bucket === null,
    );
    expect(withNull).toBeDefined();
    expect(Buffer.from(serializeState(doc)).toString("utf8")).toBe(text);
  });
});
