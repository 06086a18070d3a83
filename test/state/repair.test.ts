import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isProviderType,
  repairDeployment,
  verifyIntegrity,
  type DeploymentV3,
  type Violation,
} from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { readFixture } from "../fixtures/files.js";

function sample(seed: number): DeploymentV3 {
  const b = new SstStateBuilder({ seed });
  b.addFunction("Api");
  b.addNextjs("Web");
  b.addDynamo("Orders");
  b.addEmail("Mailer", "a@example.com");
  return parseState(toBytes(b.versioned())).deployment!;
}

describe("repairDeployment", () => {
  it("leaves a valid state untouched", () => {
    const d = sample(1);
    const r = repairDeployment(d);
    expect(r.changes).toEqual([]);
    expect(r.remaining).toEqual([]);
    expect(r.deployment).toBe(d);
  });

  it("repairs the hand-written broken file except what needs a person, and says so", () => {
    const d = parseState(readFixture("broken-integrity.json")).deployment!;
    const r = repairDeployment(d);
    expect(r.changes.map((c) => c.kind).sort()).toEqual(
      [
        "dropped-dependency",
        "dropped-property-dependency",
        "dropped-deleted-with",
        "magic",
        "moved",
        "moved",
      ].sort(),
    );
    // As Pulumi does, what ApiRole refers to (its parent Api, its provider) is pulled forward before it.
    expect(r.changes.filter((c) => c.kind === "moved").map((c) => c.urn!.split("::").pop())).toEqual([
      "Api",
      "default_6_0_0",
    ]);
    expect(r.deployment.resources!.map((x) => x.urn?.split("::").pop())).toEqual([
      "legacy-staging",
      "Api",
      "default_6_0_0",
      "ApiRole",
      "ApiFunction",
      "Users",
      "UsersTable",
      "UsersTable",
      undefined,
    ]);
    // Provider ids, duplicates, a component with an id and an entry without URN are not guessed at.
    expect(r.remaining.map((v) => v.code)).toEqual([
      "id-on-component",
      "unknown-provider",
      "duplicate-urn",
      "missing-urn",
      "missing-type",
    ]);
    // The original is untouched.
    expect(verifyIntegrity(d)).toHaveLength(11);
  });

  it("restores a valid order from any shuffle, and drops references to removed resources (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (seed, keys, drops) => {
          const d = sample(seed);
          const rs = d.resources!;
          // Remove a few non-provider resources, leaving their dependents dangling.
          const dropped = new Set(
            drops
              .map((i) => rs[i % rs.length]!)
              .filter((r) => !isProviderType(r.type))
              .map((r) => r.urn),
          );
          const kept = rs.filter((r) => !dropped.has(r.urn));
          const shuffled = kept
            .map((r, i) => ({ r, k: keys[i % keys.length]! * 1000 + i }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.r);
          const broken = { ...d, resources: shuffled };
          const r = repairDeployment(broken);
          expect(r.remaining).toEqual([]);
          expect(verifyIntegrity(r.deployment)).toEqual([]);
          expect(r.deployment.resources!.map((x) => x.urn).sort()).toEqual(kept.map((x) => x.urn).sort());
          // Repairing again changes nothing.
          expect(repairDeployment(r.deployment).changes).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("repairs the same given the caller's integrity check, whatever is wrong (property)", () => {
    const same = (d: DeploymentV3) => {
      const checked = { deployment: d, violations: verifyIntegrity(d) };
      const plain = repairDeployment(d);
      const told = repairDeployment(d, checked);
      expect(told.changes).toEqual(plain.changes);
      expect(told.remaining).toEqual(plain.remaining);
      expect(told.deployment).toEqual(plain.deployment);
      // The check of the result with the index carried over from the input finds what a fresh one does.
      const result = told.deployment;
      expect(verifyIntegrity(result)).toEqual(
        verifyIntegrity({ ...result, resources: result.resources?.slice() }),
      );
      // A check of another deployment is not used.
      expect(repairDeployment(d, { deployment: sample(9), violations: [] })).toEqual(plain);
    };
    same(parseState(readFixture("broken-integrity.json")).deployment!);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.tuple(fc.constantFrom("drop", "self", "copy", "pending", "cycle"), fc.nat()), {
          maxLength: 6,
        }),
        (seed, keys, edits) => {
          const d = sample(seed);
          let rs = d.resources!.slice();
          const providers = rs.filter((r) => isProviderType(r.type));
          for (const [edit, n] of edits) {
            const i = n % rs.length;
            const r = rs[i]!;
            if (edit === "drop") rs = rs.filter((_, k) => k !== i);
            // A reference to itself, kept when an earlier resource has the same URN.
            if (edit === "self") rs[i] = { ...r, dependencies: [...(r.dependencies ?? []), r.urn] };
            // A deleted copy of a resource, its own parent, placed before it.
            if (edit === "copy") rs.splice(i, 0, { ...r, delete: true, parent: r.urn });
            // Awaiting replacement, its provider reference names an id no provider has.
            if (edit === "pending" && providers.length > 0)
              rs[i] = {
                ...r,
                pendingReplacement: true,
                provider: `${providers[n % providers.length]!.urn}::gone`,
              };
            if (edit === "cycle" && i + 1 < rs.length) {
              rs[i] = { ...r, dependencies: [...(r.dependencies ?? []), rs[i + 1]!.urn] };
              rs[i + 1] = { ...rs[i + 1]!, dependencies: [...(rs[i + 1]!.dependencies ?? []), r.urn] };
            }
          }
          const shuffled = rs
            .map((r, i) => ({ r, k: (keys[i % keys.length]! % 7) * 1000 + i }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.r);
          same({ ...d, resources: shuffled });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("does not check again a deployment it leaves as it is: the caller's check is its result", () => {
    const d = sample(4);
    expect(verifyIntegrity(d)).toEqual([]);
    expect(repairDeployment(d).remaining).toEqual([]);
    // A check that found something (here made up) is what an unchanged deployment's result reports.
    const found: Violation = {
      code: "late-dependency",
      urn: d.resources![1]!.urn,
      index: 1,
      message: "made up",
    };
    const told = repairDeployment(d, { deployment: d, violations: [found] });
    expect(told.deployment).toBe(d);
    expect(told.changes).toEqual([]);
    expect(told.remaining).toEqual([found]);
  });

  it("keeps a reference cycle as it is and reports it", () => {
    const d = sample(2);
    const rs = d.resources!.slice();
    const a = rs.length - 1;
    const b = rs.length - 2;
    rs[b] = { ...rs[b]!, dependencies: [rs[a]!.urn] };
    rs[a] = { ...rs[a]!, dependencies: [rs[b].urn] };
    const r = repairDeployment({ ...d, resources: rs });
    expect(r.remaining.some((v) => /cycle/.test(v.message))).toBe(true);
    expect(r.deployment.resources).toHaveLength(rs.length);
  });
});

describe("repair details that follow Pulumi's Prune", () => {
  it("drops a property's entry when all its dependencies dangle, and keeps the URN of an orphaned child", () => {
    const d = sample(3);
    const rs = d.resources!;
    const fnIndex = rs.findIndex((r) => r.type === "aws:lambda/function:Function");
    const fn = rs[fnIndex]!;
    const missing = "urn:pulumi:dev::myapp::sst:aws:Function::Gone";
    const broken = rs.slice();
    broken[fnIndex] = {
      ...fn,
      parent: missing,
      propertyDependencies: { ...fn.propertyDependencies, extra: [missing] },
    };
    const r = repairDeployment({ ...d, resources: broken });
    const fixed = r.deployment.resources!.find((x) => x.urn === fn.urn)!;
    expect(fixed.parent).toBeUndefined();
    expect(fixed.urn).toBe(fn.urn);
    expect(Object.keys(fixed.propertyDependencies!)).toEqual(Object.keys(fn.propertyDependencies!));
    expect(r.remaining).toEqual([]);
  });
});
