import { gated } from "../../helpers.js";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  ListObjectVersionsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { s3BucketDriver } from "../../../src/cloud/drivers/s3.js";
import type { NameFilter } from "../../../src/kinds/types.js";
import { StatewardError } from "../../../src/errors.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "111122223333";
const sandbox = useSandbox({ accountId: ACCOUNT });

let clients: AwsClients;
beforeAll(() => {
  clients = new AwsClients(
    { region: "us-east-1" },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
});
afterAll(() => clients.destroy());

const sdk = (region = "us-east-1") => new S3Client(sandbox.config(region));
async function createBucket(name: string, region = "us-east-1", tags?: Record<string, string>) {
  const client = sdk(region);
  await client.send(
    new CreateBucketCommand({
      Bucket: name,
      ...(region === "us-east-1"
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: region as "us-west-2" } }),
    }),
  );
  if (tags !== undefined) {
    await client.send(
      new PutBucketTaggingCommand({
        Bucket: name,
        Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );
  }
}
const at = (name: string, region: string) => ({ name, id: name, region });
const filter = (prefixes: string[], names: string[] = []): NameFilter => ({
  prefixes,
  names: new Set(names),
});

/** A state entry for a v7 `aws:s3/bucket:Bucket`, written by hand (the builder writes v6 BucketV2 only). */
function v7Bucket(b: SstStateBuilder, name: string, region: string): ResourceV3 {
  const tags = { "sst:app": b.app, "sst:stage": b.stage };
  return {
    urn: b.urn("sst:aws:Bucket$aws:s3/bucket:Bucket", `${name}Bucket`),
    custom: true,
    id: name,
    type: "aws:s3/bucket:Bucket",
    inputs: { __defaults: [], bucket: name, forceDestroy: true, region, tags, tagsAll: tags },
    outputs: {
      arn: `arn:aws:s3:::${name}`,
      bucket: name,
      bucketDomainName: `${name}.s3.amazonaws.com`,
      forceDestroy: true,
      id: name,
      region,
      tags,
      tagsAll: tags,
    },
  };
}

describe("s3BucketDriver handler", () => {
  it("names the bucket in a bucket ARN (which has no region), and nothing else of S3's", () => {
    expect(s3BucketDriver.fromArn("arn:aws:s3:::acme-dev-media")).toEqual({
      name: "acme-dev-media",
      id: "acme-dev-media",
      region: "",
      arn: "arn:aws:s3:::acme-dev-media",
    });
    expect(s3BucketDriver.fromArn("arn:aws:s3:::acme-dev-media/some/key.txt")).toBeUndefined();
    expect(s3BucketDriver.fromArn(`arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/ap`)).toBeUndefined();
    expect(s3BucketDriver.fromArn(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:x`)).toBeUndefined();
    expect(s3BucketDriver.fromArn("arn:aws:s3:::")).toBeUndefined();
  });

  it("identifies v6 BucketV2 and v7 Bucket entries by their bucket name", () => {
    const b = new SstStateBuilder({ app: "acme", stage: "dev", account: ACCOUNT, region: "us-west-2" });
    const v6 = b.addNextjs("Web").bucket as unknown as ResourceV3;
    expect(v6.type).toBe("aws:s3/bucketV2:BucketV2");
    const name = (v6.outputs as { bucket: string }).bucket;
    expect(s3BucketDriver.identify(v6, "us-west-2")).toEqual({
      name,
      id: name,
      region: "us-west-2",
      arn: `arn:aws:s3:::${name}`,
    });
    const v7 = v7Bucket(b, "acme-dev-files-x1y2z3", "us-west-2");
    expect(s3BucketDriver.identify(v7, "us-west-2")).toEqual({
      name: "acme-dev-files-x1y2z3",
      id: "acme-dev-files-x1y2z3",
      region: "us-west-2",
      arn: "arn:aws:s3:::acme-dev-files-x1y2z3",
    });
    expect(s3BucketDriver.types).toEqual(["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"]);
    // The inputs name a bucket whose create is pending (no outputs, no id yet).
    const pending = { ...v7, id: undefined, outputs: undefined } as ResourceV3;
    expect(s3BucketDriver.identify(pending, "us-west-2")?.name).toBe("acme-dev-files-x1y2z3");
  });

  it("reads a bucket with its region and tags; a missing one is undefined", async () => {
    await createBucket("acme-dev-assets", "us-west-2", { "sst:app": "acme", "sst:stage": "dev" });
    await createBucket("acme-dev-plain");
    const ctx = cloudContext(clients);
    expect(await s3BucketDriver.read(ctx, at("acme-dev-assets", "us-west-2"))).toEqual({
      kind: "s3-bucket",
      type: "aws:s3/bucketV2:BucketV2",
      name: "acme-dev-assets",
      id: "acme-dev-assets",
      region: "us-west-2",
      arn: "arn:aws:s3:::acme-dev-assets",
      tags: { "sst:app": "acme", "sst:stage": "dev" },
      foundBy: "read",
      detail: { region: "us-west-2" },
    });
    // us-east-1 answers GetBucketLocation with an empty constraint; no tag set means no tags.
    expect(await s3BucketDriver.read(ctx, at("acme-dev-plain", "us-east-1"))).toMatchObject({
      region: "us-east-1",
      tags: {},
      detail: { region: "us-east-1" },
    });
    expect(await s3BucketDriver.read(ctx, at("acme-dev-absent", "us-east-1"))).toBeUndefined();
    expect(await s3BucketDriver.read(ctx, at("acme-dev-absent", "us-west-2"))).toBeUndefined();
  });

  it("finds a bucket asked in the wrong region or in none (an ARN), where it lives", async () => {
    const ctx = cloudContext(clients);
    const fromArn = s3BucketDriver.fromArn("arn:aws:s3:::acme-dev-assets")!;
    const got = await s3BucketDriver.read(ctx, fromArn);
    expect(got).toMatchObject({ region: "us-west-2", tags: { "sst:app": "acme" } });
    const wrong = await s3BucketDriver.read(ctx, at("acme-dev-assets", "eu-west-1"));
    expect(wrong?.region).toBe("us-west-2");
  });

  it("reports a bucket that lives in another region than state says as drift, and nothing else", async () => {
    const b = new SstStateBuilder({ app: "acme", stage: "dev", account: ACCOUNT, region: "us-west-2" });
    const entry = v7Bucket(b, "acme-dev-assets", "us-west-2");
    const ctx = cloudContext(clients);
    const cloud = (await s3BucketDriver.read(ctx, s3BucketDriver.identify(entry, "us-west-2")!))!;
    expect(s3BucketDriver.drift(entry, cloud)).toEqual([]);
    const elsewhere = v7Bucket(b, "acme-dev-assets", "eu-central-1");
    expect(s3BucketDriver.drift(elsewhere, cloud)).toEqual([
      { property: "region", state: "eu-central-1", cloud: "us-west-2" },
    ]);
  });

  it("lists buckets by prefix and exact name, each with the region it lives in", async () => {
    await createBucket("acme-dev-web", "us-east-1");
    await createBucket("acme-dev-eu", "eu-west-1");
    await createBucket("acme-prod-web", "us-east-1");
    await createBucket("acmedev-web", "us-east-1");
    await createBucket("legacy-uploads", "us-west-2");
    await createBucket("other-legacy-uploads", "us-west-2");
    const ctx = cloudContext(clients);
    const found = await s3BucketDriver.listByName!(
      ctx,
      "us-east-1",
      filter(["acme-dev-"], ["legacy-uploads"]),
    );
    const byName = Object.fromEntries(found.map((r) => [r.name, r.region]));
    expect(byName).toEqual({
      "acme-dev-assets": "us-west-2",
      "acme-dev-plain": "us-east-1",
      "acme-dev-web": "us-east-1",
      "acme-dev-eu": "eu-west-1",
      "legacy-uploads": "us-west-2",
    });
    expect(found.find((r) => r.name === "acme-dev-web")).toEqual({
      kind: "s3-bucket",
      type: "aws:s3/bucketV2:BucketV2",
      name: "acme-dev-web",
      id: "acme-dev-web",
      region: "us-east-1",
      arn: "arn:aws:s3:::acme-dev-web",
      tags: {},
      foundBy: "name",
      detail: { region: "us-east-1" },
    });
    expect(await s3BucketDriver.listByName!(ctx, "us-east-1", filter(["nobody-"]))).toEqual([]);
  });

  it("empties a versioned bucket (versions and delete markers, over 1000) and deletes it; again is fine", async () => {
    const name = "acme-dev-media";
    await createBucket(name, "us-west-2");
    const west = sdk("us-west-2");
    // One object written before versioning was enabled (version "null").
    await west.send(new PutObjectCommand({ Bucket: name, Key: "early.txt", Body: "early" }));
    await west.send(
      new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: "Enabled" } }),
    );
    // 3 versions of a.txt, then a delete marker; 2 versions of b.txt; early.txt gets a marker too.
    for (const body of ["a1", "a2", "a3"]) {
      await west.send(new PutObjectCommand({ Bucket: name, Key: "a.txt", Body: body }));
    }
    await west.send(new DeleteObjectCommand({ Bucket: name, Key: "a.txt" }));
    for (const body of ["b1", "b2"]) {
      await west.send(new PutObjectCommand({ Bucket: name, Key: "b.txt", Body: body }));
    }
    await west.send(new DeleteObjectCommand({ Bucket: name, Key: "early.txt" }));
    // Enough more to need two DeleteObjects batches.
    const keys = Array.from({ length: 1000 }, (_, i) => `many/${String(i).padStart(4, "0")}.txt`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys.slice(i, i + 50).map((Key) => west.send(new PutObjectCommand({ Bucket: name, Key, Body: "x" }))),
      );
    }
    const listed = await west.send(new ListObjectVersionsCommand({ Bucket: name }));
    expect(listed.IsTruncated).toBe(true);

    const ctx = cloudContext(clients);
    // From the tagging API: no region in the ARN, so the bucket is found where it lives.
    const result = await gated(s3BucketDriver).delete(ctx, s3BucketDriver.fromArn(`arn:aws:s3:::${name}`)!);
    expect(result).toEqual({
      deleted: true,
      steps: [`removed 1006 object versions and 2 delete markers from ${name}`, `deleted bucket ${name}`],
    });
    await expect(west.send(new HeadBucketCommand({ Bucket: name }))).rejects.toMatchObject({
      name: "NotFound",
    });
    expect(await s3BucketDriver.read(ctx, at(name, "us-west-2"))).toBeUndefined();

    expect(await gated(s3BucketDriver).delete(ctx, at(name, "us-west-2"))).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("deletes an unversioned bucket with an object, and an empty one", async () => {
    await createBucket("acme-dev-empty");
    await sdk().send(new PutObjectCommand({ Bucket: "acme-dev-empty", Key: "k", Body: "v" }));
    const ctx = cloudContext(clients);
    expect(await gated(s3BucketDriver).delete(ctx, at("acme-dev-empty", "us-east-1"))).toEqual({
      deleted: true,
      steps: [
        "removed 1 object version and 0 delete markers from acme-dev-empty",
        "deleted bucket acme-dev-empty",
      ],
    });
    await createBucket("acme-dev-bare");
    expect(await gated(s3BucketDriver).delete(ctx, at("acme-dev-bare", "us-east-1"))).toEqual({
      deleted: true,
      steps: ["bucket acme-dev-bare was empty", "deleted bucket acme-dev-bare"],
    });
  });

  describe("when objects will not go", () => {
    /** Clients whose S3 answers from `answer` (by command name), for failures the sandbox cannot make. */
    function fakeS3(answer: (command: string) => unknown) {
      const c = new AwsClients(
        { region: "us-east-1" },
        { AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
      );
      const sent: string[] = [];
      const send = (command: object) => {
        const name = command.constructor.name;
        sent.push(name);
        return Promise.resolve(answer(name));
      };
      vi.spyOn(c, "s3").mockReturnValue({ send } as unknown as S3Client);
      return { ctx: cloudContext(c), sent };
    }
    const page = { Versions: [{ Key: "locked.txt", VersionId: "v1" }], DeleteMarkers: [] };

    it("fails, naming the object, when DeleteObjects reports errors", async () => {
      const { ctx, sent } = fakeS3((command) =>
        command === "ListObjectVersionsCommand"
          ? page
          : command === "DeleteObjectsCommand"
            ? { Errors: [{ Key: "locked.txt", Code: "AccessDenied", Message: "Access Denied" }] }
            : {},
      );
      const err = await gated(s3BucketDriver)
        .delete(ctx, at("acme-dev-locked", "us-east-1"))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StatewardError);
      expect((err as StatewardError).message).toContain("locked.txt: AccessDenied");
      expect(sent).not.toContain("DeleteBucketCommand");
    });

    it("fails instead of looping when what was deleted is listed again", async () => {
      const { ctx, sent } = fakeS3((command) => (command === "ListObjectVersionsCommand" ? page : {}));
      const err = await gated(s3BucketDriver)
        .delete(ctx, at("acme-dev-stuck", "us-east-1"))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StatewardError);
      expect((err as StatewardError).message).toMatch(/made no progress/);
      expect(sent.filter((c) => c === "ListObjectVersionsCommand")).toHaveLength(2);
      expect(sent).not.toContain("DeleteBucketCommand");
    });
  });
});
