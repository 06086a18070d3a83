/**
 * `state repair` on a large generated state with repairable defects: the invariants that hold whatever
 * the implementation — every resource kept, the result verifies, a second repair changes nothing, the
 * bytes written parse back to the same document and are what an independent Go-style encoder makes of
 * it (so the piece-by-piece writer lays the whole document out as one uniform text), and what the
 * repair did not touch is written byte for byte as it was read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repairState } from "../../src/actions/state.js";
import { parseState, serializeState, serializeStatePieces } from "../../src/backends/encoding.js";
import {
  repairDeployment,
  verifyIntegrity,
  withDeployment,
  type DeploymentV3,
  type ResourceV3,
} from "../../src/state/index.js";
import { SstStateBuilder, goJson, toBytes } from "../fixtures/builder.js";

const dir = mkdtempSync(path.join(tmpdir(), "stateward-repair-large-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 3,000 resources with 3 dangling parents, 3 dangling dependencies, resources moved behind a child, a wrong magic. */
function brokenState(options: { ascii?: boolean } = {}): {
  value: { checkpoint: { latest: DeploymentV3 } };
  gone: string[];
} {
  const b = new SstStateBuilder({ seed: 11 }).fill(3000);
  const value = b.versioned() as { checkpoint: { latest: DeploymentV3 } };
  const resources = value.checkpoint.latest.resources!;
  const gone: string[] = [];
  let parents = 0;
  let deps = 0;
  for (let i = 500; i < resources.length && (parents < 3 || deps < 3); i += 97) {
    const r = resources[i]!;
    if (parents < 3 && typeof r.parent === "string") {
      r.parent += "Gone";
      gone.push(r.parent);
      parents++;
    } else if (deps < 3 && Array.isArray(r.dependencies) && r.dependencies.length > 0) {
      const target = `${r.dependencies[0]!}Gone`;
      r.dependencies.push(target);
      gone.push(target);
      deps++;
    }
  }
  // Text the writer must escape (Go escapes <, > and &) and text that is not ASCII.
  const withText = resources.find((r) => r.custom && r.outputs !== undefined)!;
  withText.outputs = {
    ...withText.outputs,
    description: options.ascii === true ? "<ascii> & done" : "状态 <ünïcode> & \u2028 done",
  };
  for (const i of [1200, 2400]) {
    const parent = resources.findIndex((x) => x.urn === resources[i]!.parent);
    expect(parent).toBeGreaterThanOrEqual(0);
    expect(parent).toBeLessThan(i);
    resources.splice(i, 0, ...resources.splice(parent, 1));
  }
  value.checkpoint.latest.manifest = { ...value.checkpoint.latest.manifest, magic: "0".repeat(64) };
  return { value, gone };
}

function urns(resources: readonly ResourceV3[]): string[] {
  return resources.map((r) => r.urn).sort();
}

describe("state repair of a large state", () => {
  for (const indent of ["", "    "] as const) {
    const layout = indent === "" ? "compact" : "indented";

    it(`keeps every resource, verifies, is idempotent and round-trips (${layout})`, () => {
      const { value, gone } = brokenState();
      const input = toBytes(value, { indent });
      const doc = parseState(input);
      expect(verifyIntegrity(doc.deployment).length).toBeGreaterThan(0);

      const repaired = repairDeployment(doc.deployment!);
      expect(repaired.remaining).toEqual([]);
      const kinds = repaired.changes.map((c) => c.kind);
      expect(kinds.filter((k) => k === "dropped-parent")).toHaveLength(3);
      expect(kinds.filter((k) => k === "dropped-dependency")).toHaveLength(3);
      expect(kinds.filter((k) => k === "moved").length).toBeGreaterThanOrEqual(1);
      expect(kinds).toContain("magic");
      expect(repaired.changes.filter((c) => c.target !== undefined).map((c) => c.target)).toEqual(
        expect.arrayContaining(gone),
      );

      const bytes = serializeState(withDeployment(doc, repaired.deployment));
      const text = Buffer.from(bytes).toString("utf8");
      const again = parseState(bytes);
      // Every resource kept, nothing dangling left, and the result verifies.
      expect(urns(again.deployment!.resources!)).toEqual(urns(doc.deployment!.resources!));
      expect(verifyIntegrity(again.deployment)).toEqual([]);
      expect(text).not.toMatch(/Gone/);
      // The same style as read: what an independent Go-style encoder makes of the parsed result.
      expect(text).toBe(goJson(JSON.parse(text), indent));
      expect(text).toContain("\\u003c\u00fcn\u00efcode\\u003e \\u0026 \\u2028");
      // A second repair finds nothing, and writing the unchanged result gives the same bytes.
      const second = repairDeployment(again.deployment!);
      expect(second.changes).toEqual([]);
      expect(second.deployment).toBe(again.deployment);
      expect(Buffer.from(serializeState(again)).equals(Buffer.from(bytes))).toBe(true);
      // What the repair did not touch is written as it was read: every untouched resource's text.
      const changed = new Set(repaired.changes.map((c) => c.urn));
      const inputText = Buffer.from(input).toString("utf8");
      const pad = indent === "" ? "" : indent.repeat(4);
      const step = indent === "" ? 97 : 389;
      for (let i = 0; i < doc.deployment!.resources!.length; i += step) {
        const r = doc.deployment!.resources![i]!;
        if (changed.has(r.urn)) continue;
        const own = goJson(r, indent).replaceAll("\n", `\n${pad}`);
        expect(inputText).toContain(own);
        expect(text).toContain(own);
      }
    });
  }

  it("writes what the repair did not touch from the very bytes read, when they are one a character", () => {
    for (const ascii of [true, false]) {
      const input = toBytes(brokenState({ ascii }).value);
      const kept = parseState(input, "state.json", { keepBytes: true });
      const pieces = serializeStatePieces(
        withDeployment(kept, repairDeployment(kept.deployment!).deployment),
      );
      const plain = parseState(input);
      const expected = serializeState(withDeployment(plain, repairDeployment(plain.deployment!).deployment));
      expect(Buffer.concat(pieces).equals(Buffer.from(expected))).toBe(true);
      // ASCII: runs of untouched resources are views of the bytes read; otherwise one encoded piece.
      const views = pieces.filter((p) => p.buffer === input.buffer);
      if (ascii) expect(views.length).toBeGreaterThan(0);
      else expect(pieces).toHaveLength(1);
    }
  });

  it("writes the same bytes through the CLI's file path (--out and --in-place)", async () => {
    for (const ascii of [false, true]) await sameBytesThroughTheFilePath(ascii);
  });
});

/** --out and --in-place write what repairing the parsed input gives, keeping the input as the backup. */
async function sameBytesThroughTheFilePath(ascii: boolean): Promise<void> {
  const { value } = brokenState({ ascii });
  const input = toBytes(value);
  const file = path.join(dir, "state.json");
  writeFileSync(file, input);
  const doc = parseState(input);
  const expected = Buffer.from(
    serializeState(withDeployment(doc, repairDeployment(doc.deployment!).deployment)),
  );

  const out = path.join(dir, "repaired.json");
  const viaOut = await repairState(file, { out });
  expect(viaOut.written?.path).toBe(out);
  expect(readFileSync(out).equals(expected)).toBe(true);

  const inPlace = await repairState(file, { inPlace: true });
  expect(inPlace.written?.backup).toBe(`${file}.bak`);
  expect(readFileSync(file).equals(expected)).toBe(true);
  expect(readFileSync(`${file}.bak`).equals(Buffer.from(input))).toBe(true);
  // Repairing the repaired file finds nothing to write.
  expect((await repairState(file, { inPlace: true })).notWritten).toBe("nothing-to-repair");
  rmSync(out);
  rmSync(`${file}.bak`);
}
