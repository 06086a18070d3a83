/**
 * `adopt` of a pending create whose live resource the next deploy would replace (issue 15): a table kept
 * from an earlier program with another key schema is refused with the difference shown, exit 3 and
 * nothing written; `--accept-replace` adopts it and says what the next deploy will do. A table with the
 * asked-for keys is adopted without the flag.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sandboxEnv, useSandbox, putStageState } from "../../sandbox/harness.js";
import { cli } from "../../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const TYPE = "aws:dynamodb/table:Table";
const STAGE = ["--app", "acme", "--stage", "keys"];
const OLD = "acme-keys-OrdersTable-abcdefgh";
const SAME = "acme-keys-UsersTable-bcdefghk";

async function table(ddb: DynamoDBClient, name: string, hash: string): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: hash, AttributeType: "S" }],
      KeySchema: [{ AttributeName: hash, KeyType: "HASH" }],
    }),
  );
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const ddb = new DynamoDBClient(sandbox.config(ACME.homeRegion));
  await table(ddb, OLD, "id");
  await table(ddb, SAME, "userId");
  ddb.destroy();
  const b = new SstStateBuilder({ app: "acme", stage: "keys", account: sandbox.server().accountId });
  const attrs = (n: string) => [{ name: n, type: "S" }];
  b.addPendingCreate(TYPE, "OrdersTable", { name: OLD, hashKey: "pk", attributes: attrs("pk") });
  b.addPendingCreate(TYPE, "UsersTable", { name: SAME, hashKey: "userId", attributes: attrs("userId") });
  await putStageState(sandbox, "acme", "keys", b);
}, 60_000);

const pendingNames = async (): Promise<string[]> => {
  const r = await cli(["doctor", ...STAGE, "--json"], env());
  const doc = JSON.parse(r.stdout) as { findings: { rule: string; resources: { name: string }[] }[] };
  return doc.findings
    .filter((f) => f.rule === "pending-create")
    .flatMap((f) => f.resources.map((x) => x.name));
};

describe("adopt refuses what the next deploy would replace", () => {
  it("a table with another hash key: refused (exit 3), the difference named, nothing written", async () => {
    const r = await cli(["adopt", TYPE, OLD, ...STAGE, "--yes"], env());
    expect(r.code).toBe(3);
    const said = r.stdout + r.stderr;
    expect(said).toContain(`hashKey: asked "pk", live "id"`);
    expect(said).toMatch(/--accept-replace/);
    expect(said).not.toMatch(/\n\s+at /); // no stack trace
    expect((await pendingNames()).sort()).toEqual([OLD, SAME].sort());
  }, 60_000);

  it("the same keys: adopted without the flag", async () => {
    const r = await cli(["adopt", TYPE, SAME, ...STAGE, "--yes", "--json"], env());
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).not.toHaveProperty("replaces");
    expect(await pendingNames()).toEqual([OLD]);
  }, 60_000);

  it("--accept-replace adopts it and reports the accepted difference (--dry-run writes nothing)", async () => {
    const dry = await cli(["adopt", TYPE, OLD, ...STAGE, "--accept-replace", "--dry-run", "--json"], env());
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.stdout) as { replaces?: unknown }).replaces).toEqual([
      { property: "hashKey", state: "pk", cloud: "id" },
    ]);
    expect(await pendingNames()).toEqual([OLD]);
    const r = await cli(["adopt", TYPE, OLD, ...STAGE, "--accept-replace", "--yes"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/accepted: hashKey is "id" live but "pk" asked for/);
    expect(await pendingNames()).toEqual([]);
  }, 60_000);
});
