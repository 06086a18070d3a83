/**
 * The planner composes the remedies each finding's rule proposes (looked up by rule id); it decides
 * none of its own. A finding whose rule proposes nothing — advice only, or a rule this stateward does
 * not have — yields no action, and says so by yielding none.
 */
import { describe, expect, it } from "vitest";
import { planFromFindings, remediesOf } from "../../src/repair/plan.js";
import { RULES, ruleById, type Finding } from "../../src/rules/index.js";

const META = {
  app: "acme",
  backend: "test",
  stages: [{ stage: "dev", revision: "r1" }],
  now: "2025-03-14T12:00:00Z",
};

function finding(rule: string, extra: Partial<Finding> = {}): Finding {
  return {
    rule,
    severity: "warning",
    app: "acme",
    stage: "dev",
    resources: [{ type: "aws:dynamodb/table:Table", name: "acme-dev-OrdersTable", region: "us-east-1" }],
    evidence: "",
    cause: "",
    fix: [],
    ...extra,
  };
}

describe("remedies come from the rule that found the problem", () => {
  it("every registered rule answers for its remedies, and the registry finds each by id", () => {
    for (const rule of RULES) {
      expect(typeof rule.remedies).toBe("function");
      expect(ruleById(rule.id)).toBe(rule);
    }
  });

  it("a finding whose rule proposes nothing yields no action (advice-only rules)", () => {
    for (const id of ["account-mismatch", "drift", "pending-operation"]) {
      expect(ruleById(id)!.remedies(finding(id))).toEqual([]);
      expect(planFromFindings([finding(id)], META).actions).toEqual([]);
    }
  });

  it("a finding of a rule this stateward does not have yields no action, not a guessed one", () => {
    expect(ruleById("made-up-rule")).toBeUndefined();
    expect(remediesOf([finding("made-up-rule")])).toEqual([]);
    expect(planFromFindings([finding("made-up-rule"), finding("drift")], META).actions).toEqual([]);
  });

  it("the plan is the rules' remedies, ordered (locks, state, cloud by delete rank, home copies, advice) and numbered", () => {
    const findings = [
      finding("name-collision"),
      finding("removed-stage-leftover", {
        resources: [
          { type: "aws:cloudfront/function:Function", name: "acme-dev-Fn", region: "global" },
          { type: "aws:cloudfront/distribution:Distribution", name: "E123", region: "global" },
        ],
      }),
      finding("orphan"),
      finding("stale-lock", { resources: [] }),
    ];
    const plan = planFromFindings(findings, META);
    expect(plan.actions.map((a) => [a.id, a.kind, a.finding, a.resource?.name])).toEqual([
      ["a1", "release-lock", "stale-lock", undefined],
      ["a2", "adopt", "orphan", "acme-dev-OrdersTable"],
      ["a3", "delete-in-cloud", "removed-stage-leftover", "E123"],
      ["a4", "delete-in-cloud", "removed-stage-leftover", "acme-dev-Fn"],
      ["a5", "rename", "name-collision", "acme-dev-OrdersTable"],
    ]);
    // Exactly what each rule proposed, numbered: the planner adds nothing.
    const proposed = findings.flatMap((f) => ruleById(f.rule)!.remedies(f));
    const key = (r: object) => JSON.stringify(r);
    expect(plan.actions.map(({ id: _id, ...rest }) => key(rest)).sort()).toEqual(proposed.map(key).sort());
  });

  it("pending-create's remedy follows its own fix: adopt what exists, clear what was never created", () => {
    const exists = finding("pending-create", { fix: ["stateward adopt aws:dynamodb/table:Table x"] });
    const gone = finding("pending-create", { fix: ["stateward forget --pending x"] });
    expect(remediesOf([exists]).map((r) => r.kind)).toEqual(["adopt"]);
    expect(remediesOf([gone]).map((r) => r.kind)).toEqual(["clear-pending"]);
  });
});
