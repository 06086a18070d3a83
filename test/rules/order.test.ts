/** The rule table and runRules' order: blockers, warnings, info; then stage name; then RULES order. */
import { describe, expect, it } from "vitest";
import { RULES, runRules } from "../../src/rules/index.js";
import { makeUpdateId, type Violation } from "../../src/state/index.js";
import { NOW, builder, deploymentOf, doctorInput, entry, stage, stageTags } from "./facts.js";

describe("RULES", () => {
  it("holds every rule once, in the report's order", () => {
    expect(RULES.map((r) => r.id)).toEqual([
      "stale-lock",
      "integrity",
      "account-mismatch",
      "pending-create",
      "pending-operation",
      "name-taken",
      "rolled-back",
      "region-mismatch",
      "name-collision",
      "retained-leftover",
      "orphan",
      "stale",
      "cloudfront-leftover",
      "removed-stage-leftover",
      "drift",
    ]);
  });
});

describe("runRules", () => {
  it("puts blockers before warnings before info, then sorts by stage, then by rule order", () => {
    const violation: Violation = {
      code: "magic",
      message: "The manifest has no magic.",
    };
    const prod = stage("prod", {
      lock: {
        location: "s3://sst-state-abc123/lock/acme/prod.json",
        ageSeconds: 7200,
        command: "deploy",
        updateId: makeUpdateId(new Date(NOW.getTime() - 7200_000), "abcdef01abcd"),
        byStateward: false,
        updateOutcome: "unfinished",
      },
      entries: [
        entry("missing", "dynamodb-table", "acme-prod-OrdersTable"),
        entry("managed", "lambda-function", "acme-prod-ApiFunction", {
          drift: [{ property: "handler", state: "a.handler", cloud: "b.handler" }],
        }),
      ],
    });
    const b = builder("dev");
    const op = b.addPendingCreate("aws:dynamodb/table:Table", "CartsTable", { name: "acme-dev-CartsTable" });
    const dev = stage("dev", {
      deployment: deploymentOf(b),
      integrity: [violation],
      entries: [
        entry("managed", "lambda-function", "acme-dev-ApiFunction", {
          drift: [{ property: "runtime", state: "nodejs20.x", cloud: "nodejs18.x" }],
        }),
        entry("missing", "dynamodb-table", "acme-dev-OrdersTable"),
        entry("unmanaged", "dynamodb-table", "acme-dev-Sessions", { tags: stageTags("dev"), foundBy: "tag" }),
        entry("unmanaged", "dynamodb-table", "acme-dev-CartsTable", { pending: "creating", urn: op.urn }),
      ],
    });
    // prod first in the input: the order is the sort's, not the input's.
    const findings = runRules(doctorInput([prod, dev]));
    expect(findings.map((f) => `${f.severity} ${f.stage} ${f.rule}`)).toEqual([
      "blocker dev integrity",
      "blocker dev pending-create",
      "blocker prod stale-lock",
      "warning dev orphan",
      "warning dev stale",
      "warning prod stale",
      "info dev drift",
      "info prod drift",
    ]);
  });

  it("returns nothing for a healthy stage", () => {
    const b = builder("dev");
    const { fn } = b.addFunction("Api");
    const input = doctorInput([
      stage("dev", {
        deployment: deploymentOf(b),
        entries: [entry("managed", "lambda-function", fn.id as string, { urn: fn.urn })],
      }),
    ]);
    expect(runRules(input)).toEqual([]);
  });
});
