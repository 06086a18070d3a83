import { describe, expect, it } from "vitest";
import {
  REDACTED,
  diffDeployments,
  redact,
  removeResources,
  replaceResource,
  type DeploymentV3,
} from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SECRET_SIG, SstStateBuilder, toBytes } from "../fixtures/builder.js";

function deployment(b: SstStateBuilder): DeploymentV3 {
  return parseState(toBytes(b.versioned())).deployment!;
}

describe("diffDeployments", () => {
  it("is empty between two copies of the same state", () => {
    const b = new SstStateBuilder().fill(50);
    const d = diffDeployments(deployment(b), deployment(b));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.unchanged).toBe(b.resources.length);
  });

  it("lists added, removed and changed resources with the property paths that differ", () => {
    const b = new SstStateBuilder();
    const fn = b.addFunction("Api");
    const table = b.addDynamo("Orders");
    const before = deployment(b);
    const email = b.addEmail("Mailer", "a@example.com");
    let after = deployment(b);
    after = removeResources(after, [table.component.urn], { withDependents: true }).deployment;
    const role = after.resources!.find((r) => r.urn === fn.role.urn)!;
    after = replaceResource(after, fn.role.urn, {
      ...role,
      protect: true,
      retainOnDelete: true,
      inputs: { ...role.inputs, tags: { "sst:app": "myapp", "sst:stage": "prod" } },
      outputs: { ...role.outputs, maxSessionDuration: 7200 },
    });
    const d = diffDeployments(before, after);
    expect(d.added.map((r) => r.urn).sort()).toEqual(
      [email.component.urn, email.config.urn, email.identity.urn].sort(),
    );
    expect(d.removed.map((r) => r.urn).sort()).toEqual([table.component.urn, table.table.urn].sort());
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.urn).toBe(fn.role.urn);
    expect(d.changed[0]!.changes).toEqual([
      { path: 'inputs.tags["sst:stage"]', before: "dev", after: "prod" },
      { path: "outputs.maxSessionDuration", before: 3600, after: 7200 },
      { path: "protect", after: true },
      { path: "retainOnDelete", after: true },
    ]);
  });

  it("reports parent and provider changes", () => {
    const b = new SstStateBuilder();
    const fn = b.addFunction("Api");
    const other = b.addFunction("Worker");
    const before = deployment(b);
    const lambda = before.resources!.find((r) => r.urn === fn.fn.urn)!;
    const after = {
      ...before,
      resources: before.resources!.map((r) =>
        r === lambda ? { ...r, parent: other.component.urn, provider: `${b.providerUrn}::other` } : r,
      ),
    };
    const paths = diffDeployments(before, after).changed[0]!.changes.map((c) => c.path);
    expect(paths).toEqual(["parent", "provider"]);
  });

  it("never shows a secret value, and says which paths are secret", () => {
    const b = new SstStateBuilder();
    b.addSecret("Key");
    const before = deployment(b);
    const after = {
      ...before,
      resources: before.resources!.map((r) =>
        r.type === "sst:sst:Secret"
          ? {
              ...r,
              outputs: {
                ...r.outputs,
                value: { [SECRET_SIG.key]: SECRET_SIG.value, ciphertext: "v1:NEWCIPHERTEXT" },
              },
            }
          : r,
      ),
    };
    const d = diffDeployments(before, after);
    expect(d.changed[0]!.changes).toEqual([
      { path: "outputs.value", before: REDACTED, after: REDACTED, secret: true },
    ]);
    expect(JSON.stringify(d)).not.toContain("ciphertext");
  });

  it("tracks pending operations", () => {
    const b = new SstStateBuilder();
    const before = deployment(b);
    b.addPendingCreate("aws:dynamodb/table:Table", "AuditTable", { name: "x" });
    const d = diffDeployments(before, deployment(b));
    expect(d.pendingAdded).toEqual([
      {
        type: "creating",
        urn: b.urn("aws:dynamodb/table:Table", "AuditTable"),
        resourceType: "aws:dynamodb/table:Table",
      },
    ]);
  });
});

it("redact replaces secrets at any depth, including plaintext secrets of --show-secrets exports", () => {
  const value = { a: [{ [SECRET_SIG.key]: SECRET_SIG.value, plaintext: '"hunter2"' }], b: { c: 1 } };
  expect(redact(value)).toEqual({ a: [REDACTED], b: { c: 1 } });
});
