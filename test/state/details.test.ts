/**
 * State details from issue 13, checked against Pulumi's source (pulumi/pulumi at 1b59498):
 * version 0 (pkg/resource/stack/checkpoint.go reads it as the legacy top-level CheckpointV1; the DIY
 * backend writes `{"version":0,"checkpoint":{"stack":…}}` for a stack it created and never deployed),
 * the features Pulumi supports that stateward does not (pkg/resource/stack/deployment.go
 * supportedFeatures), duplicate snippet ids (pkg/resource/stack/snapshot/integrity.go), and a pending
 * operation without its resource.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StateFormatError } from "../../src/errors.js";
import { KNOWN_FEATURES, verifyIntegrity, type DeploymentV3 } from "../../src/state/index.js";
import { parseState, serializeState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { cli, tempDir } from "../helpers.js";

const deployment = () =>
  new SstStateBuilder({ app: "acme", stage: "dev" }).deployment() as unknown as DeploymentV3;

function file(name: string, value: unknown): string {
  const dir = tempDir();
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
}

describe("version 0", () => {
  it("the legacy layout (version beside stack and latest) is read, read-only, with a message saying what to run", async () => {
    const legacy = { version: 0, stack: "organization/acme/dev", latest: deployment() };
    const doc = parseState(toBytes(legacy), "legacy.json");
    expect(doc.version).toBe(0);
    expect(doc.deployment?.resources?.length).toBe(legacy.latest.resources!.length);
    expect(doc.writable).toBe(false);
    expect(doc.warnings.join(" ")).toMatch(/version 0 is the legacy layout.*read-only.*pulumi refresh/);
    expect(() => serializeState(doc)).toThrow(/will not write it/);
    const r = await cli(["state", "show", file("legacy.json", legacy)]);
    expect(r.stdout + r.stderr).toMatch(/version 0 is the legacy layout/);
    // Something to repair, so that repair would write.
    const broken = structuredClone(legacy);
    broken.latest.resources!.at(-1)!.dependencies = ["urn:pulumi:dev::acme::aws:s3/bucket:Bucket::Gone"];
    const repair = await cli(["state", "repair", file("legacy.json", broken), "--in-place", "--yes"]);
    expect(repair.code).not.toBe(0);
    expect(repair.stderr).toMatch(/read-only/);
  });

  it("a version-0 envelope that holds a deployment is read-only: Pulumi would read it as an empty stack", () => {
    const doc = parseState(
      toBytes({ version: 0, checkpoint: { stack: "organization/acme/dev", latest: deployment() } }),
    );
    expect(doc.writable).toBe(false);
    expect(doc.warnings.join(" ")).toMatch(/version 0 .*stack without resources/);
  });

  it("the empty stack Pulumi's DIY backend creates stays writable, byte for byte", () => {
    const bytes = Buffer.from('{"version":0,"checkpoint":{"stack":"organization/acme/dev"}}');
    const doc = parseState(bytes);
    expect(doc.writable).toBe(true);
    expect(Buffer.from(serializeState(doc)).toString()).toBe(bytes.toString());
  });
});

describe("features", () => {
  for (const feature of ["byteString", "extensionParameterization", "snippets-prototype"]) {
    it(`${feature} (supported by Pulumi, not by stateward) is reported by state show and verify, read-only`, async () => {
      expect(KNOWN_FEATURES).not.toContain(feature);
      const value = {
        version: 4,
        features: ["taint", feature],
        checkpoint: { stack: "organization/acme/dev", latest: deployment() },
      };
      const doc = parseState(toBytes(value), "f.json");
      expect(doc.writable).toBe(false);
      expect(doc.warnings.join(" ")).toContain(`feature ${feature} (`);
      expect(doc.warnings.join(" ")).not.toMatch(/taint/);
      const p = file("f.json", value);
      const show = JSON.parse((await cli(["state", "show", p, "--json"])).stdout) as {
        summary: { warnings: string[] };
      };
      const verify = JSON.parse((await cli(["state", "verify", p, "--json"])).stdout) as {
        warnings: string[];
      };
      for (const warnings of [show.summary.warnings, verify.warnings]) {
        expect(warnings.join(" ")).toMatch(new RegExp(`feature ${feature} .*read-only`));
      }
    });
  }
});

describe("snippets", () => {
  it("duplicate and missing snippet ids are integrity violations, shown by state verify", async () => {
    const d = {
      ...deployment(),
      snippets: [
        { uuid: "5f0c", name: "a", type: "aws:s3/bucket:Bucket", code: "", descriptor: { name: "aws" } },
        { uuid: "", name: "b", type: "aws:s3/bucket:Bucket", code: "", descriptor: { name: "aws" } },
        { uuid: "5f0c", name: "c", type: "aws:s3/bucket:Bucket", code: "", descriptor: { name: "aws" } },
      ],
    };
    expect(verifyIntegrity(d).map((v) => v.code)).toEqual(["missing-snippet-uuid", "duplicate-snippet-uuid"]);
    expect(verifyIntegrity(d)[1]!.message).toMatch(/indexes 0 and 2 .*"5f0c"/);
    const p = file("s.json", {
      version: 4,
      features: ["snippets-prototype"],
      checkpoint: { stack: "organization/acme/dev", latest: d },
    });
    const r = await cli(["state", "verify", p]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("duplicate-snippet-uuid");
    // state show says so too, among its warnings.
    const show = JSON.parse((await cli(["state", "show", p, "--json"])).stdout) as {
      summary: { warnings: string[] };
    };
    expect(show.summary.warnings.join(" ")).toMatch(/same uuid "5f0c"/);
    expect(show.summary.warnings.join(" ")).toMatch(/snippet at index 1 has no "uuid"/);
  });
});

describe("pending operations", () => {
  it("`pending_operations: [{}]` is a clear error naming the field, never a crash", async () => {
    const text =
      '{"version":3,"checkpoint":{"stack":"organization/acme/dev","latest":{"manifest":{},"pending_operations":[{}]}}}';
    expect(() => parseState(Buffer.from(text), "p.json")).toThrow(StateFormatError);
    for (const command of ["show", "verify"]) {
      const r = await cli(["state", command, file("p.json", text), "--json"]);
      expect(r.code).toBe(1);
      const error = (JSON.parse(r.stdout) as { error: { code: string; message: string; hint: string } })
        .error;
      expect(error.message).toMatch(/pending_operations\[0\]\.resource" is missing/);
      expect(error.hint).not.toBe("");
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
