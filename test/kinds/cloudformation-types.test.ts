/**
 * The long-tail table (src/kinds/cloudformation-types.ts): every type docs/coverage/sst-resources.md
 * lists is either a kind or in the table (checked through Cloud Control, or marked unsupported with a
 * reason); the table never repeats a kind's type; identifiers are formed in primaryIdentifier order.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  longTail,
  cfnTypeOf,
  cloudControlIdentifier,
  longTailRegion,
  longTailType,
} from "../../src/kinds/cloudformation-types.js";
import { KINDS, kindForType } from "../../src/kinds/registry.js";
import type { ResourceV3 } from "../../src/state/index.js";
import { ROOT } from "../helpers.js";

/** Every `aws:…` token the coverage map's table (§4) names. */
function coverageTokens(): string[] {
  const doc = readFileSync(path.join(ROOT, "docs/coverage/sst-resources.md"), "utf8");
  const table = doc.slice(doc.indexOf("## 4."), doc.indexOf("## 5."));
  return [...new Set([...table.matchAll(/`(aws:[\w-]+\/\w+:\w+)`/g)].map((m) => m[1]!))];
}

const entry = (type: string, id: string | undefined, props: Record<string, string>): ResourceV3 => ({
  urn: `urn:pulumi:dev::acme::${type}::x`,
  custom: true,
  type,
  id,
  inputs: props,
  outputs: props,
});

describe("the long-tail table", () => {
  it("covers every type of the coverage map: a kind, a Cloud Control entry, or unsupported with a reason", () => {
    const tokens = coverageTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(40);
    const uncovered = tokens.filter((t) => kindForType(t) === undefined && longTailType(t) === undefined);
    expect(uncovered).toEqual([]);
    for (const t of tokens.filter((x) => kindForType(x) === undefined)) {
      const lt = longTailType(t)!;
      // Checkable (through Cloud Control, or natively), nothing to check, or unsupported with why.
      expect(
        lt.unsupported !== undefined ||
          lt.nothing !== undefined ||
          lt.native !== undefined ||
          (lt.cfnType !== undefined && (lt.identifier?.length ?? 0) > 0),
      ).toBe(true);
    }
  });

  it("holds only types without a kind, each once, ~100 of them, and says why for every unsupported one", () => {
    const kindTokens = new Set(KINDS.flatMap((k) => k.types));
    expect(
      longTail()
        .filter((t) => kindTokens.has(t.token))
        .map((t) => t.token),
    ).toEqual([]);
    const tokens = longTail().map((t) => t.token);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(
      longTail().filter((t) => t.cfnType !== undefined && t.unsupported === undefined).length,
    ).toBeGreaterThanOrEqual(60);
    for (const t of longTail()) {
      // Pulumi's dynamic resources are the one non-aws token (SST's helpers: nothing to check).
      if (t.token !== "pulumi-nodejs:dynamic:Resource")
        expect(t.token).toMatch(/^aws:[\w-]+\/[a-z]\w*:[A-Z]\w*$/);
      if (t.cfnType !== undefined) expect(t.cfnType).toMatch(/^AWS::\w+::\w+$/);
      // Exactly one way: Cloud Control (an identifier), native (a check and its arguments),
      // nothing to check (why), or unsupported (why).
      const ways = [
        t.identifier !== undefined,
        t.native !== undefined,
        t.nothing !== undefined,
        t.unsupported !== undefined,
      ];
      expect(ways.filter(Boolean), t.token).toHaveLength(1);
      if (t.identifier !== undefined) expect(t.identifier.length).toBeGreaterThan(0);
      if (t.native !== undefined) expect(Object.keys(t.native.args).length).toBeGreaterThan(0);
      if (t.unsupported !== undefined) expect(t.unsupported.length).toBeGreaterThan(20);
      if (t.nothing !== undefined) expect(t.nothing.length).toBeGreaterThan(20);
    }
  });

  it("cfnTypeOf asks the kind first, then the table", () => {
    expect(cfnTypeOf("aws:dynamodb/table:Table")).toBe("AWS::DynamoDB::Table");
    expect(cfnTypeOf("aws:ec2/vpc:Vpc")).toBe("AWS::EC2::VPC");
    expect(cfnTypeOf("aws:rds/clusterInstance:ClusterInstance")).toBe("AWS::RDS::DBInstance");
    expect(cfnTypeOf("aws:lambda/invocation:Invocation")).toBeUndefined();
    expect(cfnTypeOf("aws:nope/thing:Thing")).toBeUndefined();
  });

  it("forms identifiers from the id, outputs or inputs, joined with | in primaryIdentifier order", () => {
    const vpc = longTailType("aws:ec2/vpc:Vpc")!;
    expect(cloudControlIdentifier(vpc, entry("aws:ec2/vpc:Vpc", "vpc-0abc", {}))).toBe("vpc-0abc");
    // RDS: the Pulumi id is the resource id (db-…); Cloud Control reads by the identifier output.
    const rds = longTailType("aws:rds/instance:Instance")!;
    expect(
      cloudControlIdentifier(
        rds,
        entry("aws:rds/instance:Instance", "db-ABCDEF", { identifier: "acme-dev-db" }),
      ),
    ).toBe("acme-dev-db");
    // Compound, in the schema's order (PolicyName|RoleName).
    const rp = longTailType("aws:iam/rolePolicy:RolePolicy")!;
    expect(rp.global).toBe(true);
    expect(longTailRegion(rp, "eu-west-1")).toBe("us-east-1");
    expect(
      cloudControlIdentifier(rp, entry("aws:iam/rolePolicy:RolePolicy", "r:p", { role: "r", name: "p" })),
    ).toBe("p|r");
    // A default AWS assumes when the state leaves the part out.
    const eic = longTailType("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")!;
    expect(cloudControlIdentifier(eic, entry(eic.token, "fn", { functionName: "fn" }))).toBe("fn|$LATEST");
    // A pending create: no id yet, so an identifier made from the id is unknown; one made from a name is not.
    expect(cloudControlIdentifier(vpc, entry("aws:ec2/vpc:Vpc", undefined, {}))).toBeUndefined();
    const param = longTailType("aws:ssm/parameter:Parameter")!;
    expect(cloudControlIdentifier(param, entry(param.token, undefined, { name: "/acme/dev/x" }))).toBe(
      "/acme/dev/x",
    );
    // Unsupported: never an identifier.
    const qp = longTailType("aws:sqs/queuePolicy:QueuePolicy")!;
    expect(cloudControlIdentifier(qp, entry(qp.token, "https://q", {}))).toBeUndefined();
    expect(longTailRegion(vpc, "eu-west-1")).toBe("eu-west-1");
  });
});
