/**
 * The KMS alias kind and its driver: identity and ARN parsing (`alias/…`), `explain` on the real text
 * (cloudbees-oss/terraform-aws-cloudbees-ci-eks-addon#66), and against the local cloud: read (the key
 * it points at), listing over pages (AWS managed aliases never), the gated delete of the alias alone
 * (its key stays, never scheduled for deletion), doctor finding a pending create whose alias exists
 * and an orphan alias with the stage's prefix with fixes that work, and the adopted entry's fields.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  KMSClient,
  ListAliasesCommand,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { adopterFor } from "../../src/cloud/drivers/index.js";
import { kmsAliasDriver as driver } from "../../src/cloud/drivers/kms.js";
import { explainLog } from "../../src/explain/index.js";
import { aliasNameOfArn, kmsAlias as kind } from "../../src/kinds/kms-alias.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { cli, gated, smallPages } from "../helpers.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";

const TOKEN = "aws:kms/alias:Alias";
const REGION = "us-east-1";
const ACCOUNT = "864209753186";
const ARN = "arn:aws:kms:us-east-1:123456789012:alias/eks/cbci-bp01-ci-v2-eks";

describe("kms-alias kind", () => {
  it("reads the alias name out of an ARN; name = id; no tags", () => {
    expect(kind.fromArn(ARN)).toEqual({
      name: "alias/eks/cbci-bp01-ci-v2-eks",
      id: "alias/eks/cbci-bp01-ci-v2-eks",
      region: "us-east-1",
      arn: ARN,
    });
    // A key's ARN is not an alias's.
    expect(
      aliasNameOfArn("arn:aws:kms:us-east-1:1:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    ).toBeUndefined();
    expect(kindForArn(ARN)?.kind).toBe("kms-alias");
    expect(kindForShownType("aws:kms:Alias")?.kind).toBe("kms-alias");
    expect(kind.taggable).toBe(false);
  });

  it("identifies a state entry and a pending create by the name input", () => {
    const entry = {
      urn: `urn:pulumi:dev::acme::${TOKEN}::DataKeyAlias`,
      type: TOKEN,
      custom: true,
      id: "alias/acme-dev-data",
      inputs: { name: "alias/acme-dev-data", targetKeyId: "k-1" },
      outputs: {
        arn: "arn:aws:kms:eu-west-1:1:alias/acme-dev-data",
        id: "alias/acme-dev-data",
        name: "alias/acme-dev-data",
      },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "eu-west-1")).toEqual({
      name: "alias/acme-dev-data",
      id: "alias/acme-dev-data",
      region: "eu-west-1",
      arn: "arn:aws:kms:eu-west-1:1:alias/acme-dev-data",
    });
    const pending = { urn: entry.urn, type: TOKEN, custom: true, inputs: { name: "alias/acme-dev-x" } };
    expect(kind.identify(pending as unknown as ResourceV3, REGION)).toMatchObject({
      name: "alias/acme-dev-x",
      id: "alias/acme-dev-x",
    });
  });

  it("lists the stage's alias prefix, goes after secrets, and reports a retargeted alias as drift", () => {
    expect(kind.stagePrefixes?.("acme", "dev")).toEqual(["alias/acme-dev-"]);
    expect(deleteRank("aws:secretsmanager/secret:Secret")).toBeLessThan(deleteRank(TOKEN));
    expect(typeOfWording("KMS Alias")).toBe(TOKEN);
    const entry = { type: TOKEN, outputs: { targetKeyId: "old-key" } } as unknown as ResourceV3;
    const cloud = { detail: { targetKeyId: "new-key" } } as unknown as CloudResource;
    expect(kind.drift(entry, cloud)).toEqual([
      { property: "targetKeyId", state: "old-key", cloud: "new-key" },
    ]);
  });
});

describe("explain on the real KMS alias text", () => {
  it("Terraform's AlreadyExistsException: the alias, named alias/… (not its ARN)", () => {
    const r = explainLog(fixture("kms-alias.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "alias/eks/cbci-bp01-ci-v2-eks" },
    });
  });
});

/* Against the local cloud ---------------------------------------------------------------------------- */

const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let kms: KMSClient;
const context = () => cloudContext(clients);
const newKey = async () => (await kms.send(new CreateKeyCommand({ Description: "test" }))).KeyMetadata!;
const alias = (AliasName: string, TargetKeyId: string) =>
  kms.send(new CreateAliasCommand({ AliasName, TargetKeyId }));
const aliasNames = async () =>
  ((await kms.send(new ListAliasesCommand({}))).Aliases ?? []).map((a) => a.AliasName);

beforeAll(() => {
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  kms = new KMSClient(sandbox.config(REGION));
});
afterAll(() => {
  kms.destroy();
  clients.destroy();
});

describe("the KMS alias driver", () => {
  it("reads an alias by name or ARN: the key it points at and that key's state", async () => {
    const key = await newKey();
    await alias("alias/acme-drv-data", key.KeyId!);
    const r = await driver.read(context(), {
      name: "alias/acme-drv-data",
      id: "alias/acme-drv-data",
      region: REGION,
    });
    expect(r).toMatchObject({
      kind: "kms-alias",
      name: "alias/acme-drv-data",
      id: "alias/acme-drv-data",
      arn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/acme-drv-data`,
      foundBy: "read",
      detail: { targetKeyId: key.KeyId, keyState: "Enabled" },
    });
    const byArn = await driver.read(context(), { name: r!.arn!, id: r!.arn!, region: REGION });
    expect(byArn?.name).toBe("alias/acme-drv-data");
    expect(
      await driver.read(context(), { name: "alias/none", id: "alias/none", region: REGION }),
    ).toBeUndefined();
  });

  it("lists by prefix and exact name over pages of ListAliases", async () => {
    const key = await newKey();
    for (const n of [
      "alias/acme-lst-a",
      "alias/acme-lst-b",
      "alias/acme-lst-c",
      "alias/other-lst",
      "alias/exact",
    ]) {
      await alias(n, key.KeyId!);
    }
    const own = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
    const ctx = cloudContext(own);
    smallPages(own.client(KMSClient, "KMS", REGION), "ListAliasesCommand", "Limit", 2);
    const got = await driver.listByName!(ctx, REGION, {
      prefixes: ["alias/acme-lst-"],
      names: new Set(["alias/exact"]),
    });
    own.destroy();
    expect(got.map((r) => r.name).sort()).toEqual([
      "alias/acme-lst-a",
      "alias/acme-lst-b",
      "alias/acme-lst-c",
      "alias/exact",
    ]);
    expect(got.every((r) => r.foundBy === "name" && r.detail?.targetKeyId === key.KeyId)).toBe(true);
  });

  it("deletes only the alias through the gate; its key stays enabled; gone is gone; no permit, no call", async () => {
    const key = await newKey();
    await alias("alias/acme-del-data", key.KeyId!);
    const target = { name: "alias/acme-del-data", id: "alias/acme-del-data", region: REGION };
    await expect(driver.delete(context(), target, undefined as never)).rejects.toThrow(/deletion gate/);
    expect(await aliasNames()).toContain("alias/acme-del-data");
    expect(await gated(driver).delete(context(), target)).toEqual({
      deleted: true,
      steps: [
        `deleted alias alias/acme-del-data; its key ${key.KeyId} stays (stateward never schedules a key's deletion)`,
      ],
    });
    expect(await aliasNames()).not.toContain("alias/acme-del-data");
    const after = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
    expect(after.KeyMetadata).toMatchObject({ KeyState: "Enabled", Enabled: true });
    expect(await gated(driver).delete(context(), target)).toEqual({ deleted: true, steps: ["already gone"] });
  });

  it("adopts an alias as pulumi-aws records it (terraform-provider-aws resourceAliasRead's fields)", async () => {
    const key = await newKey();
    await alias("alias/acme-adp-data", key.KeyId!);
    const adopter = (await adopterFor(kind.kind))!;
    const got = (await adopter.read(context(), {
      name: "alias/acme-adp-data",
      id: "alias/acme-adp-data",
      region: REGION,
    }))!;
    expect(got).toEqual({
      id: "alias/acme-adp-data",
      inputs: { __defaults: [], name: "alias/acme-adp-data", targetKeyId: key.KeyId },
      outputs: {
        arn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/acme-adp-data`,
        id: "alias/acme-adp-data",
        name: "alias/acme-adp-data",
        namePrefix: "",
        targetKeyArn: key.Arn,
        targetKeyId: key.KeyId,
      },
    });
    expect(
      await adopter.read(context(), { name: "alias/nope", id: "alias/nope", region: REGION }),
    ).toBeUndefined();
  });
});

describe("doctor with KMS aliases", () => {
  it("finds a pending create whose alias exists and an orphan alias by the stage prefix; the printed fixes work", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const stage = "kmsqa";
    const b = new SstStateBuilder({ app: "acme", stage, account: ACCOUNT, region: ACME.homeRegion });
    b.addFunction("Api");
    const key = await newKey();
    await alias("alias/acme-kmsqa-data", key.KeyId!);
    b.addPendingCreate(TOKEN, "DataAlias", { name: "alias/acme-kmsqa-data", targetKeyId: key.KeyId! });
    const oldKey = await newKey();
    await alias("alias/acme-kmsqa-old", oldKey.KeyId!);
    await putStageState(sandbox, "acme", stage, b);

    const env = sandboxEnv(sandbox);
    const doctor = ["doctor", "--app", "acme", "--stage", stage, "--json"];
    const { findings } = JSON.parse((await cli(doctor, env)).stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const mine = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(mine).toEqual(["orphan alias/acme-kmsqa-old", "pending-create alias/acme-kmsqa-data"]);
    const flags = `--app acme --stage ${stage}`;
    const adoptPending = `stateward adopt ${TOKEN} alias/acme-kmsqa-data --urn urn:pulumi:${stage}::acme::${TOKEN}::DataAlias ${flags}`;
    expect(findings.find((f) => f.rule === "pending-create")!.fix).toEqual([adoptPending]);
    expect(findings.find((f) => f.rule === "orphan")!.fix).toEqual([
      `stateward adopt ${TOKEN} alias/acme-kmsqa-old ${flags}`,
      `# or, if they are no longer wanted: stateward cleanup ${flags} --yes`,
    ]);

    const adopted = await cli([...adoptPending.split(" ").slice(1), "--yes"], env);
    expect(adopted.code, adopted.stderr).toBe(0);
    const cleaned = await cli(["cleanup", ...flags.split(" "), "--yes", "--confirm", stage], env);
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    const left = await aliasNames();
    expect(left).not.toContain("alias/acme-kmsqa-old");
    expect(left).toContain("alias/acme-kmsqa-data");
    // The orphan's key is untouched: not scheduled for deletion.
    expect((await kms.send(new DescribeKeyCommand({ KeyId: oldKey.KeyId }))).KeyMetadata?.KeyState).toBe(
      "Enabled",
    );
    const again = JSON.parse((await cli(doctor, env)).stdout) as {
      findings: { resources: { type: string }[] }[];
    };
    expect(again.findings.filter((f) => f.resources.some((x) => x.type === TOKEN))).toEqual([]);
  }, 60_000);
});
