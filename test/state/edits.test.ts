import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StateEditError } from "../../src/errors.js";
import {
  computeMagic,
  dropPendingOperations,
  insertResource,
  recomputeMagic,
  removeResources,
  replaceResource,
  resolvePendingCreate,
  verifyIntegrity,
  type DeploymentV3,
  type ResourceV3,
} from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";

function build(configure: (b: SstStateBuilder) => void = () => undefined): {
  b: SstStateBuilder;
  d: DeploymentV3;
} {
  const b = new SstStateBuilder();
  configure(b);
  return { b, d: parseState(toBytes(b.versioned())).deployment! };
}

function urns(d: DeploymentV3): string[] {
  return d.resources!.map((r) => r.urn);
}

describe("removeResources", () => {
  it("refuses to orphan dependents and names them", () => {
    let fn!: ReturnType<SstStateBuilder["addFunction"]>;
    const { d } = build((b) => (fn = b.addFunction("Api")));
    let error: StateEditError | undefined;
    try {
      removeResources(d, [fn.role.urn]);
    } catch (e) {
      error = e as StateEditError;
    }
    expect(error).toBeInstanceOf(StateEditError);
    expect(error!.code).toBe("HAS_DEPENDENTS");
    expect(error!.message).toContain(fn.fn.urn);
    expect(error!.message).not.toContain(fn.logGroup.urn);
  });

  it("removes a component with its children and their dependents", () => {
    let fn!: ReturnType<SstStateBuilder["addFunction"]>;
    let table!: ReturnType<SstStateBuilder["addDynamo"]>;
    const { d } = build((b) => {
      fn = b.addFunction("Api");
      table = b.addDynamo("Orders");
    });
    const { deployment, removed } = removeResources(d, [fn.component.urn], { withDependents: true });
    expect(removed.map((r) => r.urn).sort()).toEqual(
      [fn.component.urn, fn.role.urn, fn.logGroup.urn, fn.fn.urn].sort(),
    );
    expect(urns(deployment)).toContain(table.table.urn);
    expect(verifyIntegrity(deployment)).toEqual([]);
    // The input is not changed.
    expect(urns(d)).toContain(fn.fn.urn);
  });

  it("removes a leaf without asking, and refuses unknown URNs and protected resources", () => {
    let fn!: ReturnType<SstStateBuilder["addFunction"]>;
    const { d } = build((b) => (fn = b.addFunction("Api")));
    expect(urns(removeResources(d, [fn.fn.urn]).deployment)).not.toContain(fn.fn.urn);
    expect(() => removeResources(d, ["urn:pulumi:dev::myapp::x:y:Z::nope"])).toThrow(
      /No resource in the state has the URN/,
    );
    const protectedD = {
      ...d,
      resources: d.resources!.map((r) => (r.urn === fn.fn.urn ? { ...r, protect: true } : r)),
    };
    expect(() => removeResources(protectedD, [fn.fn.urn])).toThrow(/protected/);
    expect(urns(removeResources(protectedD, [fn.fn.urn], { allowProtected: true }).deployment)).not.toContain(
      fn.fn.urn,
    );
  });
});

describe("insertResource and replaceResource", () => {
  it("inserts right after the last resource it refers to", () => {
    let fn!: ReturnType<SstStateBuilder["addFunction"]>;
    const { b, d } = build((b) => {
      fn = b.addFunction("Api");
      b.addDynamo("Orders");
    });
    const policy: ResourceV3 = {
      urn: b.urn("sst:aws:Function$aws:iam/rolePolicy:RolePolicy", "ApiPolicy"),
      custom: true,
      id: "p",
      type: "aws:iam/rolePolicy:RolePolicy",
      parent: fn.component.urn,
      dependencies: [fn.role.urn],
      provider: b.providerRef,
    };
    const out = insertResource(d, policy);
    expect(urns(out).indexOf(policy.urn)).toBe(urns(d).indexOf(fn.role.urn) + 1);
    expect(verifyIntegrity(out)).toEqual([]);
  });

  it("refuses a duplicate URN, a missing reference and an unknown provider id", () => {
    let fn!: ReturnType<SstStateBuilder["addFunction"]>;
    const { b, d } = build((b) => (fn = b.addFunction("Api")));
    expect(() => insertResource(d, { ...(fn.fn as unknown as ResourceV3) })).toThrow(
      /already holds a resource with the URN/,
    );
    expect(() =>
      insertResource(d, {
        urn: b.urn("x:y:Z", "a"),
        custom: false,
        type: "x:y:Z",
        parent: b.urn("x:y:Z", "missing"),
      }),
    ).toThrow(/not in the state/);
    expect(() =>
      insertResource(d, {
        urn: b.urn("x:y:Z", "b"),
        custom: true,
        id: "1",
        type: "x:y:Z",
        provider: `${b.providerUrn}::wrong-id`,
      }),
    ).toThrow(/not in the state with that id/);
  });

  it("inserts before a resource that already refers to the new URN", () => {
    const { b, d } = build((b) => b.addFunction("Api"));
    const parentUrn = b.urn("sst:aws:Bucket", "Files");
    const child: ResourceV3 = {
      urn: b.urn("sst:aws:Bucket$aws:s3/bucketV2:BucketV2", "FilesBucket"),
      custom: false,
      type: "aws:s3/bucketV2:BucketV2",
      parent: parentUrn,
    };
    const dangling = { ...d, resources: [...d.resources!, child] };
    expect(verifyIntegrity(dangling).map((v) => v.code)).toEqual(["missing-parent"]);
    const fixed = insertResource(dangling, {
      urn: parentUrn,
      custom: false,
      type: "sst:aws:Bucket",
      parent: b.stackUrn,
    });
    expect(verifyIntegrity(fixed)).toEqual([]);
    expect(urns(fixed).indexOf(parentUrn)).toBeLessThan(urns(fixed).indexOf(child.urn));
  });

  it("replaces in place when the position stays valid, and moves it when it does not", () => {
    let fn!: ReturnType<SstStateBuilder["addFunction"]>;
    let table!: ReturnType<SstStateBuilder["addDynamo"]>;
    const { d } = build((b) => {
      table = b.addDynamo("Orders");
      fn = b.addFunction("Api");
    });
    const original = d.resources!.find((r) => r.urn === table.table.urn)!;
    const retained = replaceResource(d, table.table.urn, { ...original, retainOnDelete: true });
    expect(urns(retained)).toEqual(urns(d));
    expect(retained.resources!.find((r) => r.urn === table.table.urn)!.retainOnDelete).toBe(true);
    // The table now depends on the function's log group, which comes later: it must move after it.
    const moved = replaceResource(d, table.table.urn, { ...original, dependencies: [fn.logGroup.urn] });
    expect(verifyIntegrity(moved)).toEqual([]);
    expect(urns(moved).indexOf(table.table.urn)).toBe(urns(moved).indexOf(fn.logGroup.urn) + 1);
    expect(moved.resources).toHaveLength(d.resources!.length);
    // A log group that depends on the function that depends on it has no valid position.
    const logGroup = d.resources!.find((r) => r.urn === fn.logGroup.urn)!;
    expect(() => replaceResource(d, fn.logGroup.urn, { ...logGroup, dependencies: [fn.fn.urn] })).toThrow(
      /no position satisfies both/,
    );
    expect(() => replaceResource(d, table.table.urn, { ...original, urn: `${original.urn}2` })).toThrow(
      /different URN/,
    );
  });
});

describe("pending operations", () => {
  it("drops them by filter", () => {
    const { b, d } = build((b) => {
      b.addPendingCreate("aws:dynamodb/table:Table", "AuditTable", { name: "myapp-dev-AuditTable" });
      b.addPendingCreate("aws:cloudwatch/logGroup:LogGroup", "Logs", { name: "/aws/lambda/x" });
    });
    const all = dropPendingOperations(d);
    expect(all.dropped).toHaveLength(2);
    expect(all.deployment.pending_operations).toBeUndefined();
    const one = dropPendingOperations(d, { resourceTypes: ["aws:dynamodb/table:Table"] });
    expect(one.dropped.map((op) => op.resource.urn)).toEqual([
      b.urn("aws:dynamodb/table:Table", "AuditTable"),
    ]);
    expect(one.deployment.pending_operations).toHaveLength(1);
    expect(dropPendingOperations(d, { types: ["deleting"] }).deployment).toBe(d);
  });

  it("turns a pending create into a resource with the real id and outputs", () => {
    let urn = "";
    const { d } = build((b) => {
      urn = b.addPendingCreate("aws:dynamodb/table:Table", "AuditTable", {
        name: "myapp-dev-AuditTable",
      }).urn;
    });
    const out = resolvePendingCreate(d, urn, {
      id: "myapp-dev-AuditTable",
      outputs: {
        arn: "arn:aws:dynamodb:us-east-1:123456789012:table/myapp-dev-AuditTable",
        name: "myapp-dev-AuditTable",
      },
      time: "2025-03-14T10:00:00Z",
    });
    expect(out.pending_operations).toBeUndefined();
    const entry = out.resources!.find((r) => r.urn === urn)!;
    expect(entry).toMatchObject({
      custom: true,
      id: "myapp-dev-AuditTable",
      created: "2025-03-14T10:00:00Z",
    });
    expect(entry.inputs!.name).toBe("myapp-dev-AuditTable");
    expect(verifyIntegrity(out)).toEqual([]);
    expect(() => resolvePendingCreate(out, urn, { id: "x", outputs: {} })).toThrow(/no pending create/);
  });

  it("carries the inputs the cloud cannot return (a function's code location) into the outputs", () => {
    let urn = "";
    const { d } = build((b) => {
      urn = b.addPendingCreate("aws:lambda/function:Function", "ApiFunction", {
        name: "myapp-dev-ApiFunction",
        s3Bucket: "sst-asset-abc",
        s3Key: "assets/ApiFunction-code.zip",
        loggingConfig: { __defaults: [], logFormat: "Text" },
        handler: "index.handler",
      }).urn;
    });
    // What the adopter read: the cloud says nothing of s3Bucket/s3Key, and has its own handler value.
    const outputs = { name: "myapp-dev-ApiFunction", handler: "bundle.handler", sourceCodeHash: "abc=" };
    const entry = resolvePendingCreate(d, urn, { id: "myapp-dev-ApiFunction", outputs }).resources!.find(
      (r) => r.urn === urn,
    )!;
    expect(entry.outputs).toMatchObject({
      s3Bucket: "sst-asset-abc",
      s3Key: "assets/ApiFunction-code.zip",
      loggingConfig: { logFormat: "Text" },
      handler: "bundle.handler",
      sourceCodeHash: "abc=",
    });
    expect(entry.outputs).not.toHaveProperty("__defaults");
    expect(entry.outputs!.loggingConfig).not.toHaveProperty("__defaults");
    expect(entry.inputs!.s3Key).toBe("assets/ApiFunction-code.zip");
  });
});

it("recomputes the manifest magic", () => {
  const { d } = build();
  const broken = { ...d, manifest: { ...d.manifest, version: "v3.150.0" } };
  expect(verifyIntegrity(broken).map((v) => v.code)).toEqual(["magic"]);
  const fixed = recomputeMagic(broken);
  expect(fixed.manifest.magic).toBe(computeMagic("v3.150.0"));
  expect(verifyIntegrity(fixed)).toEqual([]);
  expect(recomputeMagic(fixed)).toBe(fixed);
});

describe("any sequence of edits (property)", () => {
  type Edit =
    | { kind: "remove"; pick: number; withDependents: boolean }
    | { kind: "insert"; pick: number; refs: number[]; custom: boolean }
    | { kind: "replace"; pick: number; refs: number[] }
    | { kind: "drop-pending"; creatingOnly: boolean }
    | { kind: "resolve-pending"; pick: number }
    | { kind: "magic" };

  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant("remove" as const), pick: fc.nat(), withDependents: fc.boolean() }),
    fc.record({
      kind: fc.constant("insert" as const),
      pick: fc.nat(),
      refs: fc.array(fc.nat(), { maxLength: 3 }),
      custom: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant("replace" as const),
      pick: fc.nat(),
      refs: fc.array(fc.nat(), { maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant("drop-pending" as const), creatingOnly: fc.boolean() }),
    fc.record({ kind: fc.constant("resolve-pending" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("magic" as const) }),
  );

  function start(seed: number): DeploymentV3 {
    const b = new SstStateBuilder({ seed, naming: seed % 2 === 0 ? "pre-3.8" : "suffix" });
    b.addFunction("Api");
    b.addNextjs("Web");
    b.addDynamo("Orders");
    b.addPendingCreate("aws:dynamodb/table:Table", "AuditTable", { name: "audit" });
    b.addPendingCreate("aws:iam/role:Role", "WorkerRole", { name: "worker" });
    return parseState(toBytes(b.versioned())).deployment!;
  }

  function apply(d: DeploymentV3, e: Edit, n: number): DeploymentV3 {
    const rs = d.resources ?? [];
    const at = (i: number) => rs[i % Math.max(rs.length, 1)];
    switch (e.kind) {
      case "remove": {
        const r = at(e.pick);
        return r === undefined
          ? d
          : removeResources(d, [r.urn], { withDependents: e.withDependents, allowProtected: true })
              .deployment;
      }
      case "insert": {
        const parent = at(e.pick);
        const refs = e.refs.map((i) => at(i)?.urn).filter((u): u is string => u !== undefined);
        const provider = rs.find((r) => r.type === "pulumi:providers:aws");
        const r: ResourceV3 = {
          urn: `urn:pulumi:dev::myapp::test:index:Thing::thing${n}`,
          custom: e.custom,
          type: "test:index:Thing",
        };
        if (e.custom) {
          r.id = `id-${n}`;
          if (provider !== undefined) r.provider = `${provider.urn}::${String(provider.id)}`;
        }
        if (parent !== undefined) r.parent = parent.urn;
        if (refs.length > 0) r.dependencies = refs;
        return insertResource(d, r);
      }
      case "replace": {
        const old = at(e.pick);
        if (old === undefined) return d;
        const refs = e.refs.map((i) => at(i)?.urn).filter((u): u is string => u !== undefined);
        return replaceResource(d, old.urn, {
          ...old,
          dependencies: refs.length > 0 ? refs : undefined,
          modified: `t${n}`,
        });
      }
      case "drop-pending":
        return dropPendingOperations(d, e.creatingOnly ? { types: ["creating"] } : {}).deployment;
      case "resolve-pending": {
        const ops = d.pending_operations ?? [];
        const op = ops[e.pick % Math.max(ops.length, 1)];
        return op === undefined
          ? d
          : resolvePendingCreate(d, op.resource.urn, { id: `real-${n}`, outputs: { n } });
      }
      case "magic":
        return recomputeMagic(d);
    }
  }

  it("yields a state that passes integrity, or an explicit StateEditError — never a broken state", () => {
    const succeeded = new Map<Edit["kind"], number>();
    const refused = new Map<Edit["kind"], number>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        (seed, edits) => {
          let d = start(seed);
          const before = JSON.stringify(d);
          const original = d;
          edits.forEach((e, n) => {
            try {
              d = apply(d, e, n);
              succeeded.set(e.kind, (succeeded.get(e.kind) ?? 0) + 1);
            } catch (error) {
              if (!(error instanceof StateEditError)) throw error;
              refused.set(e.kind, (refused.get(e.kind) ?? 0) + 1);
            }
            expect(verifyIntegrity(d)).toEqual([]);
          });
          // Edits are pure: the starting deployment was never mutated.
          expect(JSON.stringify(original)).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
    // The run exercised every edit, and both outcomes of the ones that can refuse.
    for (const kind of ["remove", "insert", "replace", "drop-pending", "resolve-pending", "magic"] as const) {
      expect(succeeded.get(kind) ?? 0).toBeGreaterThan(0);
    }
    for (const kind of ["remove", "replace"] as const) expect(refused.get(kind) ?? 0).toBeGreaterThan(0);
  });
});
