/**
 * The CloudFront KeyValueStore kind: pure (the ARN holds the store's Id, a state entry is named by
 * its `name`, which is also its Pulumi id; SST's `<app>-<stage>-` prefix; after functions in a
 * deletion; explain on `EntityAlreadyExists` of CreateKeyValueStore), its driver against the local
 * cloud with the real SDK (describe by name, a paged listing, the gated delete with If-Match, pending
 * while a function associates the store), adopt compared with pulumi-aws's fields, and doctor on a
 * stage: a pending create whose store exists and an orphan store, with fixes that work.
 *
 * No pasted log of the conflict exists (test/fixtures/already-exists/SOURCES.md): the line below is
 * built in the layout terraform-provider-aws words a failed create ("creating CloudFront Key Value
 * Store (%s)", internal/service/cloudfront/key_value_store.go) with aws-sdk-go-v2's error form.
 */
import {
  CloudFrontClient,
  CreateFunctionCommand,
  CreateKeyValueStoreCommand,
  ListKeyValueStoresCommand,
} from "@aws-sdk/client-cloudfront";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { adopterFor } from "../../src/cloud/drivers/index.js";
import { cloudfrontKvsDriver as driver } from "../../src/cloud/drivers/cloudfront-kvs.js";
import { explainLog } from "../../src/explain/index.js";
import { cloudfrontKeyValueStore as kind } from "../../src/kinds/cloudfront-key-value-store.js";
import { deleteRank, isGlobal, kindForArn, NAME_RULES, typeOfWording } from "../../src/kinds/registry.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { cli, gated, smallPages } from "../helpers.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";

const TOKEN = "aws:cloudfront/keyValueStore:KeyValueStore";
const REGION = "us-east-1";
const ACCOUNT = "468024680246";
const STORE_ID = "a1b2c3d4-5678-90ab-cdef-111122223333";

/** A printed command's words, with the single quotes doctor puts around a URN taken off. */
const shellWords = (line: string) => line.match(/'[^']*'|\S+/g)!.map((w) => w.replace(/^'(.*)'$/, "$1"));

describe("cloudfront-key-value-store kind", () => {
  it("reads the store's Id out of an ARN; global, untagged, named like SST (rule 64)", () => {
    const arn = `arn:aws:cloudfront::123456789012:key-value-store/${STORE_ID}`;
    expect(kind.fromArn(arn)).toEqual({ name: STORE_ID, id: STORE_ID, region: REGION, arn });
    expect(kind.fromArn("arn:aws:cloudfront::123456789012:function/x")).toBeUndefined();
    expect(kindForArn(arn)?.kind).toBe("cloudfront-key-value-store");
    expect(isGlobal(TOKEN)).toBe(true);
    expect(kind.taggable).toBe(false);
    expect(NAME_RULES[TOKEN]).toEqual({ max: 64, field: "name" });
    expect(kind.stagePrefixes?.("acme", "dev")).toEqual(["acme-dev-"]);
  });

  it("identifies an entry by its name, which is its id (whatever id a provider release wrote)", () => {
    const entry = {
      urn: `urn:pulumi:dev::acme::sst:aws:Router$${TOKEN}::RouterKvStore`,
      type: TOKEN,
      custom: true,
      id: "acme-dev-RouterKvStore-abcdefgh",
      inputs: { name: "acme-dev-RouterKvStore-abcdefgh" },
      outputs: {
        arn: `arn:aws:cloudfront::1:key-value-store/${STORE_ID}`,
        name: "acme-dev-RouterKvStore-abcdefgh",
      },
    } as unknown as ResourceV3;
    const expected = {
      name: "acme-dev-RouterKvStore-abcdefgh",
      id: "acme-dev-RouterKvStore-abcdefgh",
      region: REGION,
    };
    expect(kind.identify(entry, "eu-west-1")).toMatchObject(expected);
    expect(kind.identify({ ...entry, id: STORE_ID }, "eu-west-1")).toMatchObject(expected);
    const pending = {
      urn: entry.urn,
      type: TOKEN,
      custom: true,
      inputs: { name: "acme-dev-RouterKvStore-abcdefgh" },
    };
    expect(kind.identify(pending as unknown as ResourceV3, REGION)).toMatchObject(expected);
  });

  it("goes after functions (which associate it) in a deletion", () => {
    expect(deleteRank("aws:cloudfront/distribution:Distribution")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank("aws:cloudfront/function:Function")).toBeLessThan(deleteRank(TOKEN));
    expect(kind.deleteAfter).toEqual(["cloudfront-function"]);
    expect(typeOfWording("CloudFront Key Value Store")).toBe(TOKEN);
  });

  it("explain: EntityAlreadyExists on CreateKeyValueStore is the store, with its name", () => {
    const r = explainLog(
      [
        "✕  Failed    ",
        `   Router sst:aws:Router → RouterKvStore aws:cloudfront:KeyValueStore`,
        "   creating CloudFront Key Value Store (acme-dev-RouterKvStore-abcdefgh): operation error CloudFront: CreateKeyValueStore, https response error StatusCode: 409, RequestID: 3f6c1b2a-0000-4000-8000-000000000000, EntityAlreadyExists: The entity already exists. You must provide a unique entity.",
      ].join("\n"),
    );
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "acme-dev-RouterKvStore-abcdefgh", logicalName: "RouterKvStore" },
    });
    // IAM's EntityAlreadyExists stays the role's.
    const role = explainLog("EntityAlreadyExists: Role with name acme-dev-ApiRole already exists.");
    expect(role.problems[0]?.resource?.type).toBe("aws:iam/role:Role");
  });
});

/* Against the local cloud ----------------------------------------------------------------------- */

const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let cf: CloudFrontClient;
const context = () => cloudContext(clients);

async function store(client: CloudFrontClient, name: string): Promise<string> {
  const out = await client.send(new CreateKeyValueStoreCommand({ Name: name }));
  return out.KeyValueStore!.ARN!;
}

beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  cf = clients.cloudfront();
});
afterAll(() => clients.destroy());

describe("the KeyValueStore driver", () => {
  it("reads by name, lists over several pages, and deletes through the gate with the ETag", async () => {
    for (let i = 0; i < 5; i++) await store(cf, `shop-dev-Kv${i}-abcdefgh`);
    await store(cf, "shop-prod-Kv-abcdefgh");
    const name = "shop-dev-Kv0-abcdefgh";
    expect(await driver.read(context(), { name, id: name, region: REGION })).toMatchObject({
      kind: "cloudfront-key-value-store",
      type: TOKEN,
      name,
      id: name,
    });
    expect((await driver.read(context(), { name, id: name, region: REGION }))?.arn).toMatch(
      /^arn:aws:cloudfront::468024680246:key-value-store\//,
    );
    expect(await driver.read(context(), { name: "nope", id: "nope", region: REGION })).toBeUndefined();

    const paged = new AwsClients(
      { region: REGION },
      { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
    );
    smallPages(paged.cloudfront(), "ListKeyValueStoresCommand", "MaxItems", 2);
    const listed = await driver.listByName!(cloudContext(paged), REGION, {
      prefixes: ["shop-dev-"],
      names: new Set(),
    });
    expect(listed.map((r) => r.name).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `shop-dev-Kv${i}-abcdefgh`));
    paged.destroy();

    const identity = { name, id: name, region: REGION };
    const noPermit = undefined as unknown as Parameters<typeof driver.delete>[2];
    await expect(driver.delete(context(), identity, noPermit)).rejects.toThrow();
    expect((await gated(driver).delete(context(), identity)).deleted).toBe(true);
    expect(await driver.read(context(), identity)).toBeUndefined();
    expect(await gated(driver).delete(context(), identity)).toMatchObject({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("is pending while a CloudFront function associates the store", async () => {
    const arn = await store(cf, "shop-dev-UsedKv-abcdefgh");
    await cf.send(
      new CreateFunctionCommand({
        Name: "shop-dev-UsesKv",
        FunctionConfig: {
          Comment: "reads the store",
          Runtime: "cloudfront-js-2.0",
          KeyValueStoreAssociations: { Quantity: 1, Items: [{ KeyValueStoreARN: arn }] },
        },
        FunctionCode: new TextEncoder().encode("async function handler(event) { return event.request; }"),
      }),
    );
    const r = await gated(driver).delete(context(), {
      name: "shop-dev-UsedKv-abcdefgh",
      id: "shop-dev-UsedKv-abcdefgh",
      region: REGION,
    });
    expect(r.deleted).toBe(false);
    expect(r.pending).toMatch(/function/);
  });

  it("adopts the entry pulumi-aws writes: its SDK's fields, id = the name", async () => {
    const arn = await store(cf, "shop-dev-AdoptKv-abcdefgh");
    const adopted = await (await adopterFor("cloudfront-key-value-store"))!.read(context(), {
      name: "shop-dev-AdoptKv-abcdefgh",
      id: "shop-dev-AdoptKv-abcdefgh",
      region: REGION,
    });
    expect(adopted!.id).toBe("shop-dev-AdoptKv-abcdefgh");
    expect(adopted!.inputs).toEqual({ __defaults: [], name: "shop-dev-AdoptKv-abcdefgh" });
    expect(Object.keys(adopted!.outputs)).toEqual(["arn", "etag", "id", "lastModifiedTime", "name"]);
    expect(adopted!.outputs).toMatchObject({
      arn,
      id: "shop-dev-AdoptKv-abcdefgh",
      name: "shop-dev-AdoptKv-abcdefgh",
    });
    expect(adopted!.outputs.lastModifiedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });
});

describe("doctor on a stage with KeyValueStores", () => {
  it("finds a pending create whose store exists and an orphan store; the printed fixes work", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const client = new CloudFrontClient(sandbox.config(REGION));
    const pendingName = "acme-kvqa-RouterKvStore-abcdefgh";
    await store(client, pendingName);
    await store(client, "acme-kvqa-OldKvStore-abcdefgh");
    const b = new SstStateBuilder({ app: "acme", stage: "kvqa", account: ACCOUNT, region: ACME.homeRegion });
    const router = b.component("sst:aws:Router", "Router");
    b.addPendingCreate(TOKEN, "RouterKvStore", { name: pendingName }, router);
    await putStageState(sandbox, "acme", "kvqa", b);

    const flags = ["--app", "acme", "--stage", "kvqa"];
    const doctor = async () =>
      JSON.parse((await cli(["doctor", ...flags, "--json"], sandboxEnv(sandbox))).stdout) as {
        findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
      };
    const { findings } = await doctor();
    const mine = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(mine).toEqual(["orphan acme-kvqa-OldKvStore-abcdefgh", `pending-create ${pendingName}`]);
    const adopt = findings.find((f) => f.rule === "pending-create")!.fix[0]!;
    expect(adopt).toBe(
      `stateward adopt ${TOKEN} ${pendingName} --urn 'urn:pulumi:kvqa::acme::sst:aws:Router$${TOKEN}::RouterKvStore' --app acme --stage kvqa`,
    );
    const adopted = await cli([...shellWords(adopt).slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    expect((await doctor()).findings.filter((f) => f.resources.some((x) => x.name === pendingName))).toEqual(
      [],
    );

    const cleaned = await cli(["cleanup", ...flags, "--yes", "--confirm", "kvqa"], sandboxEnv(sandbox));
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    const left = (await client.send(new ListKeyValueStoresCommand({}))).KeyValueStoreList!.Items!.map(
      (k) => k.Name,
    );
    expect(left).toContain(pendingName);
    expect(left).not.toContain("acme-kvqa-OldKvStore-abcdefgh");
    client.destroy();
  });
});
