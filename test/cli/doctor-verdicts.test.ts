/**
 * doctor's findings say what is true, on the local cloud seeded with the acme scenario: what a removed
 * stage (pr-42, its state object deleted) left behind is a leftover of that stage to clean up, not an
 * orphan to adopt; the stale lock of case 3 names the run and the command that left it.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const LEFT = "acme-pr-42-SessionsTable-qwertyui";

interface Report {
  findings: {
    rule: string;
    severity: string;
    stage: string;
    resources: { type: string; name: string }[];
    evidence: string;
    cause: string;
    fix: string[];
  }[];
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  // The remove of pr-42 also left a table behind (besides its CloudFront, case 9).
  const dynamo = new DynamoDBClient(sandbox.config(ACME.homeRegion));
  await dynamo.send(
    new CreateTableCommand({
      TableName: LEFT,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
      Tags: [
        { Key: "sst:app", Value: "acme" },
        { Key: "sst:stage", Value: "pr-42" },
      ],
    }),
  );
  dynamo.destroy();
}, 30_000);

describe("a removed stage's leftovers", () => {
  it("are removed-stage-leftover of pr-42, to clean up with --stage pr-42, not orphans to adopt", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "pr-42", "--json"], env());
    expect(r.code).toBe(4);
    const { findings } = JSON.parse(r.stdout) as Report;
    expect(findings.map((f) => f.rule).sort()).toEqual(["cloudfront-leftover", "removed-stage-leftover"]);
    const f = findings.find((x) => x.rule === "removed-stage-leftover")!;
    expect(f).toMatchObject({ severity: "warning", stage: "pr-42" });
    expect(f.resources.map((x) => x.name)).toEqual([LEFT]);
    expect(f.evidence).toMatch(
      /^the stage's state object is gone; its last update record is an unfinished remove/,
    );
    expect(f.cause).toMatch(/^Stage pr-42 was removed/);
    expect(f.fix[0]).toBe("stateward cleanup --app acme --stage pr-42");
    expect(
      f.fix
        .filter((x) => !x.startsWith("#"))
        .every((x) => x.startsWith("stateward cleanup --app acme --stage pr-42")),
    ).toBe(true);
    expect(findings.flatMap((x) => x.fix).join("\n")).not.toMatch(/adopt/);
  });

  it("--all-stages says the same of them (removed stages are found by their update records)", async () => {
    const r = await cli(["doctor", "--app", "acme", "--all-stages", "--json"], env());
    const { findings } = JSON.parse(r.stdout) as Report;
    const left = findings.filter((f) => f.resources.some((x) => x.name === LEFT));
    expect(left.map((f) => `${f.stage} ${f.rule}`)).toEqual(["pr-42 removed-stage-leftover"]);
    expect(findings.some((f) => f.rule === "orphan" && f.stage === "pr-42")).toBe(false);
  });
});

describe("a stale lock", () => {
  it("names the run (runID) and the command that left it", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "staging", "--json"], env());
    const { findings } = JSON.parse(r.stdout) as Report;
    const lock = findings.find((f) => f.rule === "stale-lock")!;
    expect(lock.evidence).toMatch(
      /^the lock was taken by `deploy` \(run run-2b3c4d03, update [0-9a-f]{24}\)/,
    );
    expect(lock.cause).toContain("run-2b3c4d03");
    const human = await cli(["doctor", "--app", "acme", "--stage", "staging"], env());
    expect(human.stdout).toMatch(/seen: {2}the lock was taken by `deploy` \(run run-2b3c4d03/);
  });
});
