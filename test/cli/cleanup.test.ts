/** `stateward cleanup` on the local cloud: dry run, confirmation, order, slow CloudFront, failures. */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { beforeEach, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox({ deployDelayMs: 300 });
const env = () => sandboxEnv(sandbox);
interface Report {
  candidates: { name: string; why: string; kind: string }[];
  outcomes?: { name: string; result: string; detail: string }[];
}

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("stateward cleanup", () => {
  it("is a dry run by default and needs the stage name to delete", async () => {
    const dry = await cli(["cleanup", "--app", "acme", "--stage", "production", "--json"], env());
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout) as Report;
    expect(plan.candidates.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "acme-production-SessionsTable-btvzwchr",
        "alerts@acme.example",
        "status.acme.example",
      ]),
    );
    expect(plan.outcomes).toBeUndefined();
    const noConfirm = await cli(["cleanup", "--app", "acme", "--stage", "production", "--yes"], env());
    expect(noConfirm.code).toBe(2);
    const wrong = await cli(
      ["cleanup", "--app", "acme", "--stage", "production", "--yes", "--confirm", "prod"],
      env(),
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/none of them was confirmed for this run; nothing was deleted/);
    const dynamo = new DynamoDBClient(sandbox.config(ACME.homeRegion));
    await dynamo.send(new DescribeTableCommand({ TableName: "acme-production-SessionsTable-btvzwchr" }));
    dynamo.destroy();
  });

  it("deletes only what no state holds; --include narrows it; doctor is then clean of them", async () => {
    // A retained leftover goes only when named one by one, and production also needs --confirm-protected.
    const r = await cli(
      [
        "cleanup",
        "--app",
        "acme",
        "--stage",
        "production",
        "--include",
        "acme-production-SessionsTable-btvzwchr",
        "--yes",
        "--confirm",
        "production",
        "--confirm-protected",
        "--json",
      ],
      env(),
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.outcomes!.map((o) => `${o.name} ${o.result}`)).toEqual([
      "acme-production-SessionsTable-btvzwchr deleted",
    ]);
    const doctor = JSON.parse(
      (await cli(["doctor", "--app", "acme", "--stage", "production", "--json"], env())).stdout,
    ) as {
      findings: { rule: string }[];
    };
    expect(doctor.findings.map((f) => f.rule)).not.toContain("retained-leftover");
    // What production's state holds is still there.
    const iam = new IAMClient(sandbox.config(ACME.homeRegion));
    const role = await iam.send(new GetRoleCommand({ RoleName: "acme-production-ApiRole-xwcbdwvm" }));
    expect(role.Role?.RoleName).toBe("acme-production-ApiRole-xwcbdwvm");
    iam.destroy();
  });

  it("a removed stage's CloudFront: disabled first (pending), deleted with its function once deployed", async () => {
    const args = ["cleanup", "--app", "acme", "--stage", "pr-42", "--yes", "--confirm", "pr-42", "--json"];
    const first = await cli(args, env());
    expect(first.code).toBe(4);
    const r1 = JSON.parse(first.stdout) as Report;
    expect(r1.outcomes!.map((o) => o.result)).toEqual(["pending", "pending"]);
    await new Promise((r) => setTimeout(r, 700));
    const second = await cli(args, env());
    expect(second.code).toBe(0);
    const r2 = JSON.parse(second.stdout) as Report;
    expect(r2.outcomes!.map((o) => o.result)).toEqual(["deleted", "deleted"]);
    const after = await cli(["cleanup", "--app", "acme", "--stage", "pr-42", "--json"], env());
    expect((JSON.parse(after.stdout) as Report).candidates).toEqual([]);
  });

  it("a deletion that fails half-way is reported (exit 1); the others go on; no state is written", async () => {
    sandbox.server().faults.configure({ rules: [{ service: "iam", operation: "DeleteRole", errorRate: 1 }] });
    try {
      const r = await cli(
        [
          "cleanup",
          "--app",
          "acme",
          "--stage",
          "production",
          "--include",
          "orphans",
          "--yes",
          "--confirm",
          "production",
          "--confirm-protected",
          "--json",
        ],
        env(),
      );
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as Report;
      const results = new Map(report.outcomes!.map((o) => [o.name, o.result]));
      expect(results.get("acme-production-ReportsRole-kxktnhbr")).toBe("failed");
      expect(results.get("alerts@acme.example")).toBe("deleted");
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 60_000);
});
