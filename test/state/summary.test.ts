import { describe, expect, it } from "vitest";
import { repairDeployment, summarize, verifyIntegrity } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";

const urn = (name: string, type = "aws:s3/bucket:Bucket") => `urn:pulumi:dev::app::${type}::${name}`;

function doc(resources: unknown[], pending: unknown[] = []) {
  return parseState(
    Buffer.from(
      JSON.stringify({
        version: 3,
        checkpoint: {
          stack: "organization/app/dev",
          latest: { manifest: {}, resources, pending_operations: pending },
        },
      }),
    ),
    "state.json",
  );
}

describe("entries without urn or type (integrity violations the parser lets through)", () => {
  const broken = doc(
    [
      { urn: urn("a"), custom: true, type: "aws:s3/bucket:Bucket", protect: true },
      { custom: true, id: "orphan", protect: true, parent: urn("gone") },
      { urn: urn("p", "pulumi:providers:aws"), custom: true },
      { type: "pulumi:providers:aws", custom: true, retainOnDelete: true },
    ],
    [{ resource: {} }],
  );

  it("show summarises them with placeholders and a warning, never a crash", () => {
    const s = summarize(broken);
    expect(s.byType).toEqual([
      { type: "(no type)", count: 2 },
      { type: "aws:s3/bucket:Bucket", count: 1 },
      { type: "pulumi:providers:aws", count: 1 },
    ]);
    expect(s.protected.map((b) => b.name)).toEqual(["a", "#1"]);
    expect(s.retained).toEqual([{ urn: "(no urn)", type: "pulumi:providers:aws", name: "#3" }]);
    expect(s.providers.map((p) => p.urn)).toEqual(["(no urn)"]);
    expect(s.pendingOperations).toEqual([{ type: "(no type)", urn: "(no urn)", resourceType: "(no type)" }]);
    expect(s.warnings.join(" ")).toMatch(
      /3 resources at index 1, 2, 3 have no "urn" or no "type", so Pulumi refuses this state; `stateward state verify` lists every problem\./,
    );
    expect(JSON.stringify(s)).not.toMatch(/undefined|null/);
  });

  it("verify reports them, and repair names them by their place", () => {
    expect(verifyIntegrity(broken.deployment).map((v) => v.code)).toEqual([
      "missing-urn",
      "missing-type",
      "missing-parent",
      "missing-type",
      "missing-urn",
    ]);
    const r = repairDeployment(broken.deployment!);
    expect(r.changes.map((c) => c.message)).toEqual([
      `Dropped the resource at index 1's parent ${urn("gone")}: it is not in the state.`,
    ]);
    expect(r.remaining.map((v) => v.code)).toEqual([
      "missing-urn",
      "missing-type",
      "missing-type",
      "missing-urn",
    ]);
  });
});
