/**
 * The run's view of a store (src/facts/reads.ts) and when other regions' homes are probed
 * (src/facts/homes.ts `needsOtherHomes`): what is read once, what a listing answers without a
 * request, and what it cannot answer (past the prefetch's budget).
 */
import { describe, expect, it } from "vitest";
import type { BlobStore, ObjectInfo, StoredObject } from "../../src/backends/store.js";
import { needsOtherHomes } from "../../src/facts/homes.js";
import type { InventoryEntry, StageInventory } from "../../src/facts/inventory.js";
import { RunReads } from "../../src/facts/reads.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import type { DeploymentV3 } from "../../src/state/index.js";

/** An in-memory store that logs every request made of it. */
function memoryStore(keys: string[]) {
  const requests: string[] = [];
  const objects = new Map(keys.sort().map((k) => [k, new TextEncoder().encode(k)]));
  const object = (key: string, versionId: string): StoredObject => ({
    key,
    bytes: objects.get(key)!,
    revision: `"${key}"`,
    versionId,
  });
  const store: BlobStore = {
    url: "mem://",
    locate: (key) => `mem://${key}`,
    get: (key) => {
      requests.push(`get ${key}`);
      return Promise.resolve(objects.has(key) ? object(key, "v2") : undefined);
    },
    getVersion: (key, versionId) => {
      requests.push(`getVersion ${key} ${versionId}`);
      return Promise.resolve(objects.has(key) ? object(key, versionId) : undefined);
    },
    put: () => Promise.reject(new Error("read-only")),
    delete: () => Promise.reject(new Error("read-only")),
    async *list(prefix) {
      requests.push(`list ${prefix}`);
      for (const key of objects.keys()) {
        if (!key.startsWith(prefix)) continue;
        const info: ObjectInfo = { key, size: 1, lastModified: new Date(0) };
        yield await Promise.resolve(info);
      }
    },
  };
  return { store, requests };
}

const list = async (reads: RunReads, prefix: string) => {
  const out: string[] = [];
  for await (const o of reads.list(prefix)) out.push(o.key);
  return out;
};

const KEYS = [
  "app/shop/prod.json",
  "app/shop/dev.json",
  "lock/shop/dev.json",
  "snapshot/shop/prod/u1.json",
  "update/shop/dev/u0.json",
  "update/shop/prod/u1.json",
];

describe("a run's reads of a store", () => {
  it("a whole listing answers every listing and absent key under it; objects are read once", async () => {
    const { store, requests } = memoryStore([...KEYS]);
    const reads = new RunReads(store);
    await reads.prefetch("", 100);
    expect(await list(reads, "update/shop/")).toEqual([
      "update/shop/dev/u0.json",
      "update/shop/prod/u1.json",
    ]);
    expect(await list(reads, "snapshot/shop/prod/")).toEqual(["snapshot/shop/prod/u1.json"]);
    expect(await reads.get("lock/shop/prod.json")).toBeUndefined();
    const state = await reads.get("app/shop/prod.json");
    expect(await reads.get("app/shop/prod.json")).toBe(state);
    // The current version, read as the object itself, is not read again; another version is.
    expect(await reads.getVersion!("app/shop/prod.json", "v2")).toBe(state);
    await reads.getVersion!("app/shop/prod.json", "v1");
    expect(requests).toEqual(["list ", "get app/shop/prod.json", "getVersion app/shop/prod.json v1"]);
  });

  it("past the budget, only the prefixes the listing went beyond are answered from it", async () => {
    const { store, requests } = memoryStore([...KEYS]);
    const reads = new RunReads(store);
    await reads.prefetch("", 3); // app/shop/dev.json, app/shop/prod.json, lock/shop/dev.json
    expect(await list(reads, "app/shop/")).toEqual(["app/shop/dev.json", "app/shop/prod.json"]);
    expect(await reads.get("app/shop/staging.json")).toBeUndefined();
    // The lock prefix ends at the last key seen: more may follow, so it is asked.
    expect(await list(reads, "lock/shop/")).toEqual(["lock/shop/dev.json"]);
    expect(await list(reads, "update/shop/prod/")).toEqual(["update/shop/prod/u1.json"]);
    expect(await list(reads, "update/shop/prod/")).toEqual(["update/shop/prod/u1.json"]);
    expect(requests).toEqual(["list ", "list lock/shop/", "list update/shop/prod/"]);
  });
});

describe("when other regions' homes are probed", () => {
  const entry = (e: Partial<InventoryEntry>): InventoryEntry =>
    ({
      kind: "iam-role",
      type: "aws:iam/role:Role",
      name: "r",
      id: "r",
      region: "us-east-1",
      tags: {},
      status: "managed",
      ...e,
    }) as InventoryEntry;
  const inventory = (entries: InventoryEntry[]) => ({ stage: "dev", entries }) as unknown as StageInventory;
  const deployment = (region: string) =>
    (new SstStateBuilder({ region }).versioned() as { checkpoint: { latest: DeploymentV3 } }).checkpoint
      .latest;

  it("not for a stage whose every resource is its state's, in the home's region", () => {
    expect(needsOtherHomes("us-east-1", deployment("us-east-1"), inventory([entry({})]))).toBe(false);
    // Another stage's or a pending create's resource is explained here already.
    expect(
      needsOtherHomes(
        "us-east-1",
        deployment("us-east-1"),
        inventory([entry({ status: "unmanaged", otherStage: "prod" })]),
      ),
    ).toBe(false);
  });

  it("for a state whose provider names another region, and for a resource no state here holds", () => {
    expect(needsOtherHomes("us-east-1", deployment("eu-west-1"), inventory([]))).toBe(true);
    expect(
      needsOtherHomes("us-east-1", deployment("us-east-1"), inventory([entry({ status: "unmanaged" })])),
    ).toBe(true);
  });
});
