import { describe, expect, it } from "vitest";
import { carryUrnIndex, urnIndex, verifyIntegrity, type DeploymentV3 } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { readFixture } from "../fixtures/files.js";

function deploymentOf(b: SstStateBuilder): DeploymentV3 {
  return parseState(toBytes(b.versioned())).deployment!;
}

describe("verifyIntegrity", () => {
  it("passes realistic SST states of every kind", () => {
    const b = new SstStateBuilder();
    b.addFunction("Api");
    b.addDynamo("Orders", { retain: true });
    const web = b.addNextjs("Web");
    b.addEmail("Mailer", "a@example.com");
    b.addDnsRecord(web.cdn, "WebCdn", { zoneId: "Z1", recordName: "www.example.com" });
    b.addSecret("Key");
    expect(verifyIntegrity(deploymentOf(b))).toEqual([]);
  });

  it("reports every violation of the hand-written broken file, not just the first", () => {
    const doc = parseState(readFixture("broken-integrity.json"));
    const found = verifyIntegrity(doc.deployment).map((v) => [
      v.code,
      v.urn?.split("::").pop() ?? `#${v.index ?? "manifest"}`,
    ]);
    expect(found).toEqual([
      ["magic", "#manifest"],
      ["late-provider", "ApiRole"],
      ["late-parent", "ApiRole"],
      ["missing-dependency", "ApiFunction"],
      ["missing-property-dependency", "ApiFunction"],
      ["missing-deleted-with", "ApiFunction"],
      ["id-on-component", "Users"],
      ["unknown-provider", "UsersTable"],
      ["duplicate-urn", "UsersTable"],
      ["missing-urn", "#8"],
      ["missing-type", "#8"],
    ]);
  });

  it("gives each violation a readable message naming the resource and what it points at", () => {
    const doc = parseState(readFixture("broken-integrity.json"));
    const byCode = new Map(verifyIntegrity(doc.deployment).map((v) => [v.code, v]));
    expect(byCode.get("late-parent")!.message).toBe(
      "urn:pulumi:staging::legacy::sst:aws:Function$aws:iam/role:Role::ApiRole's parent urn:pulumi:staging::legacy::sst:aws:Function::Api comes after it in the list.",
    );
    expect(byCode.get("missing-property-dependency")!.message).toMatch(/property "loggingConfig"/);
    expect(byCode.get("unknown-provider")!.message).toMatch(
      /with id 22222222-2222-4222-8222-222222222222, but the state holds it with id 11111111/,
    );
    expect(byCode.get("magic")!.message).toMatch(/not the SHA-256 of its version "v3.94.2"/);
    expect(byCode.get("missing-deleted-with")!.target).toBe(
      "urn:pulumi:staging::legacy::sst:aws:Function::Gone",
    );
  });

  it("allows repeated URNs when the extra copies are marked for deletion", () => {
    const d = deploymentOf(new SstStateBuilder().fill(10));
    const last = d.resources!.at(-1)!;
    const withCopy = { ...d, resources: [...d.resources!, { ...last, delete: true }] };
    expect(verifyIntegrity(withCopy)).toEqual([]);
    const twice = { ...d, resources: [...d.resources!, { ...last }] };
    expect(verifyIntegrity(twice).map((v) => v.code)).toEqual(["duplicate-urn"]);
  });

  it("flags a provider reference that is not <urn>::<id>, a self-parent and a missing replaceWith", () => {
    const d = deploymentOf(new SstStateBuilder().fill(4));
    const r = d.resources!.at(-1)!;
    const broken = {
      ...d,
      resources: [
        ...d.resources!.slice(0, -1),
        { ...r, provider: "default", parent: r.urn, replaceWith: ["urn:pulumi:dev::myapp::x:y:Z::gone"] },
      ],
    };
    expect(verifyIntegrity(broken).map((v) => v.code)).toEqual([
      "bad-provider-reference",
      "late-parent",
      "missing-replace-with",
    ]);
  });

  it("accepts a deployment without a manifest version (empty magic) and an empty stack", () => {
    expect(verifyIntegrity({ manifest: { time: "", magic: "", version: "" } })).toEqual([]);
    expect(verifyIntegrity(undefined)).toEqual([]);
  });
});

describe("urnIndex", () => {
  it("carries a list's index over to a reordering of it, as a fresh index would find", () => {
    const b = new SstStateBuilder({ seed: 5 });
    b.addFunction("Api");
    b.addNextjs("Web");
    const list = deploymentOf(b).resources!;
    urnIndex(list);
    const order = list.map((_, i) => i).reverse();
    const reordered = order.map((i) => ({ ...list[i]! }));
    carryUrnIndex(list, reordered, order);
    const carried = urnIndex(reordered);
    const fresh = urnIndex(reordered.slice());
    // The carried index (positions looked up through the list's own map), not one built afresh.
    expect(carried.first).not.toBeInstanceOf(Map);
    expect(fresh.first).toBeInstanceOf(Map);
    for (const r of list) expect(carried.first.get(r.urn)).toBe(fresh.first.get(r.urn));
    expect(carried.first.get("urn:pulumi:dev::myapp::sst:aws:Function::Gone")).toBeUndefined();
    expect(carried.first.size).toBe(fresh.first.size);
    // A list whose positions no longer hold those URNs gets an index of its own.
    [reordered[0], reordered[1]] = [reordered[1]!, reordered[0]!];
    expect(urnIndex(reordered).first).toBeInstanceOf(Map);
    expect(urnIndex(reordered).first.get(reordered[0].urn)).toBe(0);
  });

  it("carries nothing over by an order that is not a reordering (a position twice)", () => {
    const b = new SstStateBuilder({ seed: 5 });
    b.addFunction("Api");
    const list = deploymentOf(b).resources!;
    urnIndex(list);
    const order = list.map((_, i) => i);
    order[1] = 0;
    const twice = order.map((i) => list[i]!);
    carryUrnIndex(list, twice, order);
    const index = urnIndex(twice);
    expect(index.first).toBeInstanceOf(Map);
    expect(index.first.has(list[1]!.urn)).toBe(false);
    expect(index.last.get(list[0]!.urn)).toBe(1);
  });
});

describe("provider references, as Pulumi checks them", () => {
  it("rejects a reference to a resource that is not a provider, and excuses one awaiting replacement", () => {
    const d = deploymentOf(new SstStateBuilder().fill(4));
    const last = d.resources!.at(-1)!;
    const notAProvider = { ...last, provider: `${d.resources![0]!.urn}::some-id` };
    expect(
      verifyIntegrity({ ...d, resources: [...d.resources!.slice(0, -1), notAProvider] }).map((v) => v.code),
    ).toEqual(["bad-provider-reference"]);
    const gone = "urn:pulumi:dev::myapp::pulumi:providers:aws::old::11111111-1111-4111-8111-111111111111";
    const replacing = { ...last, provider: gone, pendingReplacement: true };
    expect(verifyIntegrity({ ...d, resources: [...d.resources!.slice(0, -1), replacing] })).toEqual([]);
    expect(
      verifyIntegrity({
        ...d,
        resources: [...d.resources!.slice(0, -1), { ...replacing, pendingReplacement: false }],
      }).map((v) => v.code),
    ).toEqual(["unknown-provider"]);
  });
});
