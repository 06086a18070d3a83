/**
 * The Secrets Manager secret driver against the local cloud with the real SDK: read (by name or
 * ARN, one scheduled for deletion too), listByName (prefix filter, planned deletions included,
 * paging), the gated delete (a 7-day recovery window, never a forced one), and the scanner finding a
 * stage's orphan secret and the secret of a pending create.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { scanInventory } from "../../../src/cloud/inventory.js";
import { secretsmanagerSecretDriver as driver } from "../../../src/cloud/drivers/secretsmanager.js";
import type { StageInput } from "../../../src/facts/inventory.js";
import type { NameFilter } from "../../../src/kinds/types.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sandboxEnv, useSandbox } from "../../sandbox/harness.js";
import { gated } from "../../helpers.js";

const sandbox = useSandbox();
const REGION = "us-east-1";
let clients: AwsClients;
const context = () => cloudContext(clients);
const sm = () => new SecretsManagerClient(sandbox.config(REGION));
const filter = (names: string[], prefixes: string[] = []): NameFilter => ({
  names: new Set(names),
  prefixes,
});
const tags = (stage: string) => [
  { Key: "sst:app", Value: "acme" },
  { Key: "sst:stage", Value: stage },
];

async function create(name: string, stage?: string): Promise<string> {
  const got = await sm().send(
    new CreateSecretCommand({ Name: name, SecretString: "hunter2", ...(stage && { Tags: tags(stage) }) }),
  );
  return got.ARN!;
}

beforeAll(async () => {
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  await create("acme-dev-DbSecret-abcdefgh", "dev");
  await create("acme-dev-CacheSecret-bcdefghk", "dev");
  await create("other-dev-DbSecret-cdefghkm");
  const gone = await create("acme-dev-OldSecret-defghkmn", "dev");
  await sm().send(new DeleteSecretCommand({ SecretId: gone, RecoveryWindowInDays: 7 }));
});
afterAll(() => clients.destroy());

describe("secretsmanagerSecretDriver", () => {
  it("reads a secret by name or ARN, with its tags; the id is the ARN", async () => {
    const byName = await driver.read(context(), {
      name: "acme-dev-DbSecret-abcdefgh",
      id: "x",
      region: REGION,
    });
    expect(byName).toMatchObject({
      kind: "secretsmanager-secret",
      type: "aws:secretsmanager/secret:Secret",
      name: "acme-dev-DbSecret-abcdefgh",
      tags: { "sst:app": "acme", "sst:stage": "dev" },
      foundBy: "read",
      detail: { description: "", kmsKeyId: "" },
    });
    expect(byName!.id).toMatch(
      /^arn:aws:secretsmanager:us-east-1:\d{12}:secret:acme-dev-DbSecret-abcdefgh-\w{6}$/,
    );
    expect(byName!.arn).toBe(byName!.id);
    const byArn = await driver.read(context(), {
      name: byName!.name,
      id: byName!.id,
      arn: byName!.arn!,
      region: REGION,
    });
    expect(byArn?.id).toBe(byName!.id);
    expect(
      await driver.read(context(), { name: "acme-dev-Nope-aaaaaaaa", id: "x", region: REGION }),
    ).toBeUndefined();
    // Never the value.
    expect(JSON.stringify(byName)).not.toContain("hunter2");
  });

  it("reads a secret scheduled for deletion, with the date it was deleted", async () => {
    const r = await driver.read(context(), { name: "acme-dev-OldSecret-defghkmn", id: "x", region: REGION });
    expect(r?.deleting).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("lists by name prefix and exact name, planned deletions included, others' secrets not", async () => {
    const got = await driver.listByName!(
      context(),
      REGION,
      filter(["acme-dev-CacheSecret-bcdefghk"], ["acme-dev-D", "acme-dev-O"]),
    );
    expect(got.map((r) => r.name).sort()).toEqual([
      "acme-dev-CacheSecret-bcdefghk",
      "acme-dev-DbSecret-abcdefgh",
      "acme-dev-OldSecret-defghkmn",
    ]);
    expect(got.every((r) => r.foundBy === "name" && r.id.startsWith("arn:"))).toBe(true);
  });

  it("deletes through the gate with a 7-day recovery window; a scheduled one is reported pending", async () => {
    const arn = await create("acme-dev-ByeSecret-fghkmnor", "dev");
    const target = { name: "acme-dev-ByeSecret-fghkmnor", id: arn, arn, region: REGION };
    const first = await gated(driver).delete(context(), target);
    expect(first.deleted).toBe(false);
    expect(first.steps).toEqual([
      "scheduled acme-dev-ByeSecret-fghkmnor for deletion with a 7-day recovery window",
    ]);
    expect(first.pending).toMatch(/scheduled for deletion.*restore-secret/);
    const described = await sm().send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.DeletedDate).toBeDefined();
    // Again: no second DeleteSecret (AWS refuses one on a deleted secret), the same answer.
    const again = await gated(driver).delete(context(), target);
    expect(again).toMatchObject({ deleted: false, steps: [] });
    // Without a permit, nothing is called.
    await expect(driver.delete(context(), target, undefined as never)).rejects.toThrow();
    const gone = { name: "acme-dev-Never-hkmnorst", id: "x", region: REGION };
    expect(await gated(driver).delete(context(), gone)).toEqual({ deleted: true, steps: ["already gone"] });
  });
});

describe("the scanner with secrets", () => {
  it("finds a stage's orphan secret and the secret of its pending create", async () => {
    const b = new SstStateBuilder({ app: "acme", stage: "qa", account: sandbox.server().accountId });
    b.addFunction("Api");
    await create("acme-qa-OrphanSecret-kmnorstu", "qa");
    await create("acme-qa-DbSecret-mnorstuv");
    b.addPendingCreate("aws:secretsmanager/secret:Secret", "DbSecret", { name: "acme-qa-DbSecret-mnorstuv" });
    const deployment = (b.versioned() as { checkpoint: { latest: StageInput["deployment"] } }).checkpoint
      .latest;
    const r = await scanInventory(context(), {
      app: "acme",
      homeRegion: REGION,
      stages: [{ stage: "qa", deployment }],
    });
    const entries = r.stages[0]!.entries.filter((e) => e.kind === "secretsmanager-secret");
    expect(entries.map((e) => `${e.status} ${e.name} ${e.pending ?? "-"}`).sort()).toEqual([
      "unmanaged acme-qa-DbSecret-mnorstuv creating",
      "unmanaged acme-qa-OrphanSecret-kmnorstu -",
    ]);
  });
});
