/**
 * The CloudFront origin access control driver against the local cloud with the real SDK: read by id
 * or by name alone (a pending create), a name listing over ListOriginAccessControls' pages, the gated
 * delete (If-Match with Get's ETag; refused while a distribution's origin uses it, reported pending;
 * an OAC already gone is no error), and the inventory finding a stage's orphan OAC (by its name
 * prefix: OACs take no tags) and a pending create whose OAC exists.
 */
import type { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import {
  CreateDistributionCommand,
  CreateOriginAccessControlCommand,
  type DistributionConfig,
} from "@aws-sdk/client-cloudfront";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { cloudfrontOacDriver as driver } from "../../../src/cloud/drivers/cloudfront-oac.js";
import { scanInventory } from "../../../src/cloud/inventory.js";
import type { StageInput } from "../../../src/facts/inventory.js";
import type { NameFilter } from "../../../src/kinds/types.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { gated } from "../../helpers.js";
import { useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "135792468013";
const sandbox = useSandbox({ accountId: ACCOUNT });
const REGION = "us-east-1";

let clients: AwsClients;
let cf: CloudFrontClient;
const context = () => cloudContext(clients);
const filter = (prefixes: string[], names: string[] = []): NameFilter => ({
  prefixes,
  names: new Set(names),
});

async function oac(name: string, behavior: "always" | "never" | "no-override" = "always"): Promise<string> {
  const out = await cf.send(
    new CreateOriginAccessControlCommand({
      OriginAccessControlConfig: {
        Name: name,
        Description: "Created by SST",
        OriginAccessControlOriginType: "s3",
        SigningBehavior: behavior,
        SigningProtocol: "sigv4",
      },
    }),
  );
  return out.OriginAccessControl!.Id!;
}

async function distributionUsing(oacId: string): Promise<void> {
  const config: DistributionConfig = {
    CallerReference: `oac-test-${Date.now()}`,
    Comment: "oac test",
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: "s3",
          DomainName: "bucket.s3.amazonaws.com",
          OriginAccessControlId: oacId,
          S3OriginConfig: { OriginAccessIdentity: "" },
        },
      ],
    },
    DefaultCacheBehavior: { TargetOriginId: "s3", ViewerProtocolPolicy: "redirect-to-https" },
  };
  await cf.send(new CreateDistributionCommand({ DistributionConfig: config }));
}

beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  cf = clients.cloudfront();
});
afterAll(() => clients.destroy());

describe("reading an origin access control", () => {
  it("by its id or by its name alone: the signing settings for drift", async () => {
    const id = await oac("acme-dev-WebS3AccessControl-abcdefgh-x1y2z3w4", "no-override");
    const expected = {
      kind: "cloudfront-oac",
      type: "aws:cloudfront/originAccessControl:OriginAccessControl",
      name: "acme-dev-WebS3AccessControl-abcdefgh-x1y2z3w4",
      id,
      region: REGION,
      foundBy: "read",
      detail: {
        originAccessControlOriginType: "s3",
        signingBehavior: "no-override",
        signingProtocol: "sigv4",
        description: "Created by SST",
      },
    };
    const name = expected.name;
    expect(await driver.read(context(), { name, id, region: REGION })).toMatchObject(expected);
    expect(await driver.read(context(), { name, id: name, region: REGION })).toMatchObject(expected);
    expect(await driver.read(context(), { name: "nope", id: "nope", region: REGION })).toBeUndefined();
    expect(await driver.read(context(), { name: "x", id: "E0000000000000", region: REGION })).toBeUndefined();
  });

  it("lists by name prefix or exact name over every page (100 a page)", async () => {
    for (let i = 0; i < 101; i++) await oac(`filler-${String(i).padStart(3, "0")}`);
    for (let i = 0; i < 5; i++) await oac(`shop-dev-Site${i}S3AccessControl-abcdefgh-00000000`);
    await oac("shop-prod-SiteS3AccessControl-abcdefgh-00000000");
    await oac("handmade-oac");
    const listed = await driver.listByName!(context(), REGION, filter(["shop-dev-"], ["handmade-oac"]));
    expect(listed.map((r) => r.name).sort()).toEqual([
      "handmade-oac",
      ...[0, 1, 2, 3, 4].map((i) => `shop-dev-Site${i}S3AccessControl-abcdefgh-00000000`),
    ]);
    expect(listed.every((r) => r.foundBy === "name" && r.region === REGION)).toBe(true);
    // More than one page: all 101 fillers come back.
    expect(await driver.listByName!(context(), REGION, filter(["filler-"]))).toHaveLength(101);
  });
});

describe("deleting an origin access control", () => {
  it("needs the deletion gate, deletes with the ETag, and is no error when already gone", async () => {
    const id = await oac("del-dev-OneS3AccessControl-abcdefgh-00000000");
    const identity = { name: "del-dev-OneS3AccessControl-abcdefgh-00000000", id, region: REGION };
    const noPermit = undefined as unknown as Parameters<typeof driver.delete>[2];
    await expect(driver.delete(context(), identity, noPermit)).rejects.toThrow();
    expect(await driver.read(context(), identity)).toBeDefined();
    const done = await gated(driver).delete(context(), identity);
    expect(done.deleted).toBe(true);
    expect(await driver.read(context(), identity)).toBeUndefined();
    expect(await gated(driver).delete(context(), identity)).toMatchObject({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("is pending while a distribution's origin uses it", async () => {
    const id = await oac("del-dev-UsedS3AccessControl-abcdefgh-00000000");
    await distributionUsing(id);
    const identity = { name: "del-dev-UsedS3AccessControl-abcdefgh-00000000", id, region: REGION };
    const r = await gated(driver).delete(context(), identity);
    expect(r.deleted).toBe(false);
    expect(r.pending).toMatch(/distribution/);
    expect(await driver.read(context(), identity)).toBeDefined();
  });
});

describe("the inventory of a stage", () => {
  it("finds its orphan OAC by name and the OAC of a pending create", async () => {
    const b = new SstStateBuilder({ app: "inv", stage: "qa", account: ACCOUNT, region: "eu-west-1" });
    b.addFunction("Api");
    const pendingName = "inv-qa-Oac-abcdefgh";
    b.addPendingCreate("aws:cloudfront/originAccessControl:OriginAccessControl", "Oac", {
      name: pendingName,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    await oac(pendingName);
    await oac("inv-qa-WebS3AccessControl-abcdefgh-x1y2z3w4");
    await oac("inv-qa2-WebS3AccessControl-abcdefgh-x1y2z3w4");
    const deployment = (b.versioned() as { checkpoint: { latest: StageInput["deployment"] } }).checkpoint
      .latest;
    const r = await scanInventory(context(), {
      app: "inv",
      homeRegion: "eu-west-1",
      stages: [{ stage: "qa", deployment }],
    });
    const oacs = r.stages[0]!.entries.filter((e) => e.kind === "cloudfront-oac")
      .map((e) => `${e.status} ${e.name}${e.pending === undefined ? "" : ` pending:${e.pending}`}`)
      .sort();
    expect(oacs).toEqual([
      `unmanaged ${pendingName} pending:creating`,
      "unmanaged inv-qa-WebS3AccessControl-abcdefgh-x1y2z3w4",
    ]);
  });
});
