/**
 * `stateward doctor` on the local cloud seeded with the acme scenario: exactly the findings listed in
 * `src/sandbox/scenarios/acme.expected.json` (each case, rule, severity and resource, and nothing
 * else), in every output format, with the documented exit codes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys } from "../../src/state/index.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { ROOT, bin, cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);

interface ExpectedResource {
  type: string;
  name: string | null;
  region: string;
  urn?: string;
  tags?: Record<string, string>;
}
interface Expected {
  case: number;
  rule: string;
  severity: string;
  stage: string;
  resources: ExpectedResource[];
}
interface Found {
  rule: string;
  severity: string;
  stage: string;
  resources: { type: string; name: string; region: string; urn?: string; tags?: Record<string, string> }[];
  evidence: string;
  cause: string;
  fix: string[];
}

const expected = (
  JSON.parse(readFileSync(path.join(ROOT, "src/sandbox/scenarios/acme.expected.json"), "utf8")) as {
    findings: Expected[];
  }
).findings;

/** Comparable text: resources are matched by type, name (a distribution by its stage tag) and region. */
function key(f: {
  rule: string;
  severity: string;
  stage: string;
  resources: ExpectedResource[] | Found["resources"];
}): string {
  const resources = f.resources
    .map((r) => `${r.type}|${r.name ?? `tag:${r.tags?.["sst:stage"]}`}|${r.region}`)
    .sort()
    .join(",");
  return `${f.stage} ${f.rule} ${f.severity} [${resources}]`;
}

function normalize(found: Found): Found {
  // Distributions are named by the id the cloud chose; the expectation names them by their stage tag.
  return {
    ...found,
    resources: found.resources.map((r) =>
      r.type === "aws:cloudfront/distribution:Distribution" ? { ...r, name: null as unknown as string } : r,
    ),
  };
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("stateward doctor on the acme scenario", () => {
  it("--all-stages --json: exactly the expected findings, each case, and nothing else", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "dev", "--all-stages", "--json"], env());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as {
      findings: Found[];
      incomplete: unknown[];
      summary: Record<string, number>;
    };
    expect(report.incomplete).toEqual([]);
    expect(report.findings.map((f) => key(normalize(f))).sort()).toEqual(expected.map((e) => key(e)).sort());
    // URNs where the expectation knows them.
    for (const e of expected) {
      const f = report.findings.find((x) => key(normalize(x)) === key(e))!;
      for (const res of e.resources.filter((x) => x.urn !== undefined)) {
        expect(f.resources.find((x) => x.name === res.name)?.urn).toBe(res.urn);
      }
      expect(f.evidence.length).toBeGreaterThan(10);
      expect(f.cause.length).toBeGreaterThan(10);
      expect(f.fix.length).toBeGreaterThan(0);
    }
    expect(report.summary).toEqual({
      blockers: expected.filter((e) => e.severity === "blocker").length,
      warnings: expected.filter((e) => e.severity === "warning").length,
      info: 0,
    });
  });

  it("the fixes are commands for the stage, ready to paste", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "staging", "--json"], env());
    const { findings } = JSON.parse(r.stdout) as { findings: Found[] };
    const lock = findings.find((f) => f.rule === "stale-lock")!;
    expect(lock.fix).toEqual(["stateward lock release --app acme --stage staging"]);
    const stale = findings.find((f) => f.rule === "stale")!;
    expect(stale.fix[0]).toBe("sst refresh --stage staging");
    // One stage only: dev's and production's findings are not reported.
    expect(new Set(findings.map((f) => f.stage))).toEqual(new Set(["staging"]));
  });

  it("human report: blockers first, a one-line summary, exit 3", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "production"], env());
    expect(r.code).toBe(3);
    const out = r.stdout;
    expect(out.indexOf("BLOCKER")).toBeLessThan(out.indexOf("warning"));
    expect(out.trim().split("\n").pop()).toMatch(/^1 blocker, 2 warnings in 1 stage of acme/);
    expect(out).toMatch(/rolled-back/);
    expect(out.includes("\u001b[")).toBe(false);
  });

  it("markdown and sarif formats", async () => {
    const md = await cli(["doctor", "--app", "acme", "--stage", "production", "--format", "markdown"], env());
    expect(md.code).toBe(3);
    expect(md.stdout).toMatch(/^## stateward doctor — acme \(production\)/);
    expect(md.stdout).toMatch(/\| blocker \| `rolled-back` \| production \|/);
    expect(md.stdout).toMatch(/```sh\nstateward /);
    const sarif = await cli(["doctor", "--app", "acme", "--stage", "production", "--format", "sarif"], env());
    expect(sarif.code).toBe(3);
    const doc = JSON.parse(sarif.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: { ruleId: string; level: string }[];
      }[];
    };
    expect(doc.version).toBe("2.1.0");
    expect(doc.runs[0]!.tool.driver.name).toBe("stateward");
    expect(doc.runs[0]!.results.map((x) => `${x.ruleId}:${x.level}`).sort()).toEqual(
      ["orphan:warning", "retained-leftover:warning", "rolled-back:error"].sort(),
    );
    const bad = await cli(["doctor", "--app", "acme", "--stage", "production", "--format", "xml"], env());
    expect(bad.code).toBe(2);
  });

  it("blockers win over an incomplete scan (3), warnings only give 4, an incomplete scan 5", async () => {
    // dev-only: case 8 (region mismatch) and case 5 (collision) are warnings, case 1 a blocker; use a
    // stage whose only finding is a warning: a healthy fresh stage gets 0.
    sandbox.server().faults.configure({ rules: [{ service: "iam", errorRate: 1 }] });
    try {
      const incomplete = await cli(["doctor", "--app", "acme", "--stage", "staging", "--json"], env());
      const doc = JSON.parse(incomplete.stdout) as {
        incomplete: { kind: string }[];
        summary: { blockers: number };
      };
      expect(doc.incomplete.map((i) => i.kind)).toContain("iam-role");
      // Staging still has its stale lock (a blocker): blockers win over incomplete.
      expect(incomplete.code).toBe(3);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
    const released = await cli(["lock", "release", "--app", "acme", "--stage", "staging", "--yes"], env());
    expect(released.code).toBe(0);
    // Now staging has a name-taken blocker left; pr-42 has only its CloudFront leftovers: warnings → 4.
    const warnings = await cli(["doctor", "--app", "acme", "--stage", "pr-42", "--json"], env());
    expect(warnings.code).toBe(4);
    sandbox.server().faults.configure({ rules: [{ service: "cloudfront", errorRate: 1 }] });
    try {
      const noCloudfront = await cli(["doctor", "--app", "acme", "--stage", "pr-42", "--json"], env());
      expect(noCloudfront.code).toBe(5);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 120_000);

  it("a healthy stage: no findings, exit 0", async () => {
    const b = new SstStateBuilder({ app: "acme", stage: "clean", account: sandbox.server().accountId });
    const s3 = new S3Client(sandbox.config(ACME.homeRegion));
    await s3.send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.state("acme", "clean"),
        Body: toBytes(b.versioned()),
      }),
    );
    s3.destroy();
    const r = await cli(["doctor", "--app", "acme", "--stage", "clean"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No problems/);
    expect(r.stdout.trim().split("\n").pop()).toMatch(/^0 blockers, 0 warnings in 1 stage of acme/);
  });

  it("as a child process: the main job prints one report and exits 3", async () => {
    const r = await bin(["doctor", "--app", "acme", "--stage", "dev"], {
      env: { ...env(), PATH: process.env.PATH ?? "", AWS_EC2_METADATA_DISABLED: "true" },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/pending-create/);
  }, 30_000);
});
