import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
  type ListObjectVersionsCommandOutput,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  compareKeys,
  computeChecksum,
  decodeAwsChunked,
  type S3ObjectVersion,
  type S3Service,
} from "../../src/sandbox/services/s3.js";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "111122223333" });
const client = (region = "us-east-1", extra: Partial<S3ClientConfig> = {}) =>
  new S3Client({ ...sandbox.config(region), ...extra });
const state = (region = "us-east-1") => (sandbox.server().service("s3", region) as S3Service).state;

const md5 = (data: Buffer | string) => `"${createHash("md5").update(data).digest("hex")}"`;

async function bytes(body: { transformToByteArray(): Promise<Uint8Array> } | undefined): Promise<Buffer> {
  return Buffer.from(await body!.transformToByteArray());
}

/** Like sdkError, plus the raw response headers the SDK keeps on the exception. */
async function sdkErrorWithHeaders(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    const err = e as {
      name: string;
      message: string;
      $metadata?: { httpStatusCode?: number };
      $response?: { headers: Record<string, string> };
    };
    return {
      name: err.name,
      status: err.$metadata?.httpStatusCode,
      message: err.message,
      headers: err.$response?.headers ?? {},
    };
  }
  throw new Error("expected the call to fail");
}

async function bucket(name: string, region = "us-east-1", versioned = false): Promise<void> {
  await client(region).send(new CreateBucketCommand({ Bucket: name }));
  if (versioned) {
    await client(region).send(
      new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: "Enabled" } }),
    );
  }
}

const put = (Bucket: string, Key: string, Body: string | Buffer, region = "us-east-1") =>
  client(region).send(new PutObjectCommand({ Bucket, Key, Body }));

const getText = async (Bucket: string, Key: string, VersionId?: string) => {
  const out = await client().send(new GetObjectCommand({ Bucket, Key, VersionId }));
  return (await bytes(out.Body)).toString("utf8");
};

afterEach(() => {
  sandbox.server().faults.configure({ rules: [] });
});

describe("S3 buckets", () => {
  it("creates, heads, locates and lists buckets across regions", async () => {
    const created = await client().send(new CreateBucketCommand({ Bucket: "home-bucket" }));
    expect(created.Location).toBe("/home-bucket");
    const eu = await client("eu-west-1").send(new CreateBucketCommand({ Bucket: "eu-bucket" }));
    expect(eu.Location).toBe("http://eu-bucket.s3.amazonaws.com/");

    const head = await client().send(new HeadBucketCommand({ Bucket: "home-bucket" }));
    expect(head.BucketRegion).toBe("us-east-1");
    expect(head.$metadata.httpStatusCode).toBe(200);

    const loc = await client("eu-west-1").send(new GetBucketLocationCommand({ Bucket: "eu-bucket" }));
    expect(loc.LocationConstraint).toBe("eu-west-1");
    const home = await client().send(new GetBucketLocationCommand({ Bucket: "home-bucket" }));
    expect(home.LocationConstraint ?? "").toBe("");

    // ListBuckets is account-wide: either region sees both buckets, each with its region.
    for (const region of ["us-east-1", "eu-west-1"]) {
      const list = await client(region).send(new ListBucketsCommand({}));
      const byName = new Map((list.Buckets ?? []).map((b) => [b.Name, b]));
      expect(byName.get("home-bucket")?.BucketRegion).toBe("us-east-1");
      expect(byName.get("eu-bucket")?.BucketRegion).toBe("eu-west-1");
      expect(byName.get("eu-bucket")?.CreationDate).toBeInstanceOf(Date);
      expect(list.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    }
    const filtered = await client().send(
      new ListBucketsCommand({ Prefix: "eu-", BucketRegion: "eu-west-1", MaxBuckets: 10 }),
    );
    expect(filtered.Buckets?.map((b) => b.Name)).toEqual(["eu-bucket"]);
  });

  it("pages ListBuckets with MaxBuckets and ContinuationToken", async () => {
    for (const n of ["page-a", "page-b", "page-c"]) await bucket(n, "ap-south-1");
    const first = await client("ap-south-1").send(new ListBucketsCommand({ Prefix: "page-", MaxBuckets: 2 }));
    expect(first.Buckets?.map((b) => b.Name)).toEqual(["page-a", "page-b"]);
    expect(first.ContinuationToken).toBeTruthy();
    const second = await client("ap-south-1").send(
      new ListBucketsCommand({ Prefix: "page-", MaxBuckets: 2, ContinuationToken: first.ContinuationToken }),
    );
    expect(second.Buckets?.map((b) => b.Name)).toEqual(["page-c"]);
    expect(second.ContinuationToken).toBeUndefined();
  });

  it("answers a duplicate with BucketAlreadyOwnedByYou (409), except North Virginia's legacy 200", async () => {
    await bucket("dup-eu", "eu-west-1");
    const e = await sdkError(() => client("eu-west-1").send(new CreateBucketCommand({ Bucket: "dup-eu" })));
    expect(e).toMatchObject({ name: "BucketAlreadyOwnedByYou", status: 409 });

    // Names are global: the same name in another region is refused too.
    const cross = await sdkError(() =>
      client("us-east-1").send(new CreateBucketCommand({ Bucket: "dup-eu" })),
    );
    expect(cross).toMatchObject({ name: "BucketAlreadyOwnedByYou", status: 409 });
    const cross2 = await sdkError(() =>
      client("us-west-2").send(new CreateBucketCommand({ Bucket: "dup-eu" })),
    );
    expect(cross2).toMatchObject({ name: "BucketAlreadyOwnedByYou", status: 409 });

    await bucket("dup-us");
    await put("dup-us", "keep.txt", "kept");
    const again = await client().send(new CreateBucketCommand({ Bucket: "dup-us" }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    expect(await getText("dup-us", "keep.txt")).toBe("kept");
  });

  it("checks the bucket name and the location constraint", async () => {
    const bad = await sdkError(() => client().send(new CreateBucketCommand({ Bucket: "Bad_Name" })));
    expect(bad).toMatchObject({ name: "InvalidBucketName", status: 400 });
    const us = await sdkError(() =>
      client().send(
        new CreateBucketCommand({
          Bucket: "constraint-us",
          CreateBucketConfiguration: { LocationConstraint: "us-east-1" as never },
        }),
      ),
    );
    expect(us).toMatchObject({ name: "InvalidLocationConstraint", status: 400 });
    const mismatch = await sdkError(() =>
      client("eu-west-1").send(
        new CreateBucketCommand({
          Bucket: "constraint-mismatch",
          CreateBucketConfiguration: { LocationConstraint: "eu-central-1" },
        }),
      ),
    );
    expect(mismatch).toMatchObject({ name: "IllegalLocationConstraintException", status: 400 });
  });

  it("reports a missing bucket: NotFound on HEAD, NoSuchBucket otherwise (404)", async () => {
    const head = await sdkError(() => client().send(new HeadBucketCommand({ Bucket: "no-such-bucket" })));
    expect(head).toMatchObject({ name: "NotFound", status: 404 });
    const get = await sdkError(() =>
      client().send(new GetObjectCommand({ Bucket: "no-such-bucket", Key: "k" })),
    );
    expect(get).toMatchObject({ name: "NoSuchBucket", status: 404 });
    expect(get.message).toBe("The specified bucket does not exist");
    const del = await sdkError(() => client().send(new DeleteBucketCommand({ Bucket: "no-such-bucket" })));
    expect(del).toMatchObject({ name: "NoSuchBucket", status: 404 });
  });

  it("redirects (301 PermanentRedirect) a request for another region's bucket, which the SDK can follow", async () => {
    await bucket("far-bucket", "ap-northeast-1");
    await put("far-bucket", "k", "far", "ap-northeast-1");
    const e = await sdkErrorWithHeaders(() =>
      client().send(new GetObjectCommand({ Bucket: "far-bucket", Key: "k" })),
    );
    expect(e).toMatchObject({ name: "PermanentRedirect", status: 301 });
    expect(e.headers["x-amz-bucket-region"]).toBe("ap-northeast-1");
    const followed = await client("us-east-1", { followRegionRedirects: true }).send(
      new GetObjectCommand({ Bucket: "far-bucket", Key: "k" }),
    );
    expect((await bytes(followed.Body)).toString()).toBe("far");
  });

  it("deletes only an empty bucket (BucketNotEmpty 409, also for versions and delete markers)", async () => {
    await bucket("full-bucket");
    await put("full-bucket", "a", "1");
    const e = await sdkError(() => client().send(new DeleteBucketCommand({ Bucket: "full-bucket" })));
    expect(e).toMatchObject({ name: "BucketNotEmpty", status: 409 });

    await bucket("marker-bucket", "us-east-1", true);
    const put1 = await put("marker-bucket", "a", "1");
    const marker = await client().send(new DeleteObjectCommand({ Bucket: "marker-bucket", Key: "a" }));
    await client().send(
      new DeleteObjectCommand({ Bucket: "marker-bucket", Key: "a", VersionId: put1.VersionId }),
    );
    // Only a delete marker is left, and it still keeps the bucket from being deleted.
    const e2 = await sdkError(() => client().send(new DeleteBucketCommand({ Bucket: "marker-bucket" })));
    expect(e2).toMatchObject({ name: "BucketNotEmpty", status: 409 });
    await client().send(
      new DeleteObjectCommand({ Bucket: "marker-bucket", Key: "a", VersionId: marker.VersionId }),
    );

    const out = await client().send(new DeleteBucketCommand({ Bucket: "marker-bucket" }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    const gone = await sdkError(() => client().send(new HeadBucketCommand({ Bucket: "marker-bucket" })));
    expect(gone).toMatchObject({ name: "NotFound", status: 404 });
  });

  it("configures versioning: none, Enabled, Suspended", async () => {
    await bucket("ver-config");
    const none = await client().send(new GetBucketVersioningCommand({ Bucket: "ver-config" }));
    expect(none.Status).toBeUndefined();
    for (const Status of ["Enabled", "Suspended"] as const) {
      await client().send(
        new PutBucketVersioningCommand({ Bucket: "ver-config", VersioningConfiguration: { Status } }),
      );
      const got = await client().send(new GetBucketVersioningCommand({ Bucket: "ver-config" }));
      expect(got.Status).toBe(Status);
    }
    const missing = await sdkError(() =>
      client().send(new GetBucketVersioningCommand({ Bucket: "ver-config-missing" })),
    );
    expect(missing).toMatchObject({ name: "NoSuchBucket", status: 404 });
  });

  it("tags a bucket, reports NoSuchTagSet (404) without tags, and shows it to the tagging API", async () => {
    await bucket("tagged-bucket");
    const none = await sdkError(() =>
      client().send(new GetBucketTaggingCommand({ Bucket: "tagged-bucket" })),
    );
    expect(none).toMatchObject({ name: "NoSuchTagSet", status: 404 });

    await client().send(
      new PutBucketTaggingCommand({
        Bucket: "tagged-bucket",
        Tagging: {
          TagSet: [
            { Key: "sst:app", Value: "acme" },
            { Key: "sst:stage", Value: "dev" },
          ],
        },
      }),
    );
    const got = await client().send(new GetBucketTaggingCommand({ Bucket: "tagged-bucket" }));
    expect(got.TagSet).toEqual([
      { Key: "sst:app", Value: "acme" },
      { Key: "sst:stage", Value: "dev" },
    ]);
    const seen = sandbox
      .server()
      .taggedResources("us-east-1")
      .find((r) => r.arn === "arn:aws:s3:::tagged-bucket");
    expect(seen).toEqual({
      arn: "arn:aws:s3:::tagged-bucket",
      resourceType: "s3:bucket",
      tags: { "sst:app": "acme", "sst:stage": "dev" },
    });

    const dup = await sdkError(() =>
      client().send(
        new PutBucketTaggingCommand({
          Bucket: "tagged-bucket",
          Tagging: {
            TagSet: [
              { Key: "a", Value: "1" },
              { Key: "a", Value: "2" },
            ],
          },
        }),
      ),
    );
    expect(dup).toMatchObject({ name: "InvalidTag", status: 400 });

    await client().send(new DeleteBucketTaggingCommand({ Bucket: "tagged-bucket" }));
    const after = await sdkError(() =>
      client().send(new GetBucketTaggingCommand({ Bucket: "tagged-bucket" })),
    );
    expect(after).toMatchObject({ name: "NoSuchTagSet", status: 404 });
  });

  it("throttles with SlowDown (503)", async () => {
    await bucket("throttled");
    sandbox
      .server()
      .faults.configure({ rules: [{ service: "s3", operation: "ListObjectsV2", throttleRate: 1 }] });
    const e = await sdkError(() =>
      client("us-east-1", { maxAttempts: 1 }).send(new ListObjectsV2Command({ Bucket: "throttled" })),
    );
    expect(e).toMatchObject({ name: "SlowDown", status: 503 });
    expect(e.message).toBe("Please reduce your request rate.");
  });
});

describe("S3 objects, unversioned", () => {
  it("puts, gets and heads an object with ETag, Last-Modified, size, type and metadata", async () => {
    await bucket("plain");
    const out = await client().send(
      new PutObjectCommand({
        Bucket: "plain",
        Key: "dir/a file+x.json",
        Body: '{"a":1}',
        ContentType: "application/json",
        CacheControl: "no-cache",
        Metadata: { owner: "stateward" },
      }),
    );
    expect(out.ETag).toBe(md5('{"a":1}'));
    expect(out.VersionId).toBeUndefined();

    const get = await client().send(new GetObjectCommand({ Bucket: "plain", Key: "dir/a file+x.json" }));
    expect(get).toMatchObject({
      ETag: md5('{"a":1}'),
      ContentLength: 7,
      ContentType: "application/json",
      CacheControl: "no-cache",
      Metadata: { owner: "stateward" },
    });
    expect(get.LastModified).toBeInstanceOf(Date);
    expect(get.VersionId).toBeUndefined();
    expect((await bytes(get.Body)).toString()).toBe('{"a":1}');

    const head = await client().send(new HeadObjectCommand({ Bucket: "plain", Key: "dir/a file+x.json" }));
    expect(head).toMatchObject({ ETag: md5('{"a":1}'), ContentLength: 7, ContentType: "application/json" });
    expect(head.LastModified?.getTime()).toBe(get.LastModified?.getTime());

    // The only version of an object in an unversioned bucket is "null".
    expect(await getText("plain", "dir/a file+x.json", "null")).toBe('{"a":1}');
    expect(state().buckets.plain!.objects["dir/a file+x.json"]![0]!.versionId).toBe("null");
  });

  it("replaces on overwrite, reports NoSuchKey / NotFound (404), and deletes idempotently (204)", async () => {
    await bucket("plain-2");
    await put("plain-2", "k", "one");
    await put("plain-2", "k", "two");
    expect(await getText("plain-2", "k")).toBe("two");
    expect(state().buckets["plain-2"]!.objects.k).toHaveLength(1);

    const del = await client().send(new DeleteObjectCommand({ Bucket: "plain-2", Key: "k" }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    expect(del.DeleteMarker).toBeUndefined();
    const missing = await sdkError(() =>
      client().send(new GetObjectCommand({ Bucket: "plain-2", Key: "k" })),
    );
    expect(missing).toMatchObject({
      name: "NoSuchKey",
      status: 404,
      message: "The specified key does not exist.",
    });
    const head = await sdkError(() => client().send(new HeadObjectCommand({ Bucket: "plain-2", Key: "k" })));
    expect(head).toMatchObject({ name: "NotFound", status: 404 });
    const again = await client().send(new DeleteObjectCommand({ Bucket: "plain-2", Key: "never-was" }));
    expect(again.$metadata.httpStatusCode).toBe(204);
  });

  it("serves a byte range (206)", async () => {
    await bucket("ranged");
    await put("ranged", "r", "0123456789");
    const out = await client().send(new GetObjectCommand({ Bucket: "ranged", Key: "r", Range: "bytes=2-5" }));
    expect(out.$metadata.httpStatusCode).toBe(206);
    expect(out.ContentRange).toBe("bytes 2-5/10");
    expect((await bytes(out.Body)).toString()).toBe("2345");
    const bad = await sdkError(() =>
      client().send(new GetObjectCommand({ Bucket: "ranged", Key: "r", Range: "bytes=50-" })),
    );
    expect(bad).toMatchObject({ name: "InvalidRange", status: 416 });
  });

  it("honours conditional reads (If-Match 412)", async () => {
    await bucket("cond-read");
    const { ETag } = await put("cond-read", "k", "x");
    const ok = await client().send(new GetObjectCommand({ Bucket: "cond-read", Key: "k", IfMatch: ETag }));
    expect(ok.ETag).toBe(ETag);
    const e = await sdkError(() =>
      client().send(new GetObjectCommand({ Bucket: "cond-read", Key: "k", IfMatch: '"0000"' })),
    );
    expect(e).toMatchObject({ name: "PreconditionFailed", status: 412 });
  });

  it("deletes several objects with DeleteObjects", async () => {
    await bucket("batch");
    await put("batch", "a", "1");
    await put("batch", "b", "2");
    const out = await client().send(
      new DeleteObjectsCommand({
        Bucket: "batch",
        Delete: { Objects: [{ Key: "a" }, { Key: "b" }, { Key: "c" }] },
      }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(["a", "b", "c"]);
    const list = await client().send(new ListObjectsV2Command({ Bucket: "batch" }));
    expect(list.KeyCount).toBe(0);
  });
});

describe("S3 objects, versioned", () => {
  it("keeps every version, adds delete markers, and reads each version", async () => {
    await bucket("versioned", "us-east-1", true);
    const v1 = await put("versioned", "state.json", "v1");
    const v2 = await put("versioned", "state.json", "v2");
    expect(v1.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/);
    expect(v2.VersionId).not.toBe(v1.VersionId);

    expect(await getText("versioned", "state.json")).toBe("v2");
    expect(await getText("versioned", "state.json", v1.VersionId)).toBe("v1");
    const got = await client().send(
      new GetObjectCommand({ Bucket: "versioned", Key: "state.json", VersionId: v1.VersionId }),
    );
    expect(got.VersionId).toBe(v1.VersionId);
    expect(got.ETag).toBe(md5("v1"));
    const head = await client().send(
      new HeadObjectCommand({ Bucket: "versioned", Key: "state.json", VersionId: v2.VersionId }),
    );
    expect(head.VersionId).toBe(v2.VersionId);

    const del = await client().send(new DeleteObjectCommand({ Bucket: "versioned", Key: "state.json" }));
    expect(del.DeleteMarker).toBe(true);
    expect(del.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/);

    const latest = await sdkErrorWithHeaders(() =>
      client().send(new GetObjectCommand({ Bucket: "versioned", Key: "state.json" })),
    );
    expect(latest).toMatchObject({ name: "NoSuchKey", status: 404 });
    expect(latest.headers["x-amz-delete-marker"]).toBe("true");
    expect(latest.headers["x-amz-version-id"]).toBe(del.VersionId);

    const onMarker = await sdkErrorWithHeaders(() =>
      client().send(
        new GetObjectCommand({ Bucket: "versioned", Key: "state.json", VersionId: del.VersionId }),
      ),
    );
    expect(onMarker).toMatchObject({ name: "MethodNotAllowed", status: 405 });
    expect(onMarker.headers["x-amz-delete-marker"]).toBe("true");

    const unknown = await sdkError(() =>
      client().send(
        new GetObjectCommand({ Bucket: "versioned", Key: "state.json", VersionId: "x".repeat(32) }),
      ),
    );
    expect(unknown).toMatchObject({ name: "NoSuchVersion", status: 404 });

    // Old versions stay readable behind the marker; removing the marker brings v2 back.
    expect(await getText("versioned", "state.json", v1.VersionId)).toBe("v1");
    const undo = await client().send(
      new DeleteObjectCommand({ Bucket: "versioned", Key: "state.json", VersionId: del.VersionId }),
    );
    expect(undo).toMatchObject({ DeleteMarker: true, VersionId: del.VersionId });
    expect(await getText("versioned", "state.json")).toBe("v2");

    // Deleting a version permanently removes only that version.
    await client().send(
      new DeleteObjectCommand({ Bucket: "versioned", Key: "state.json", VersionId: v2.VersionId }),
    );
    expect(await getText("versioned", "state.json")).toBe("v1");
  });

  it("writes the null version while versioning is suspended", async () => {
    await bucket("suspended", "us-east-1", true);
    const kept = await put("suspended", "k", "versioned");
    await client().send(
      new PutBucketVersioningCommand({
        Bucket: "suspended",
        VersioningConfiguration: { Status: "Suspended" },
      }),
    );
    const a = await put("suspended", "k", "null-1");
    expect(a.VersionId).toBe("null");
    await put("suspended", "k", "null-2");
    const versions = await client().send(new ListObjectVersionsCommand({ Bucket: "suspended" }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      ["null", true],
      [kept.VersionId, false],
    ]);
    const del = await client().send(new DeleteObjectCommand({ Bucket: "suspended", Key: "k" }));
    expect(del).toMatchObject({ DeleteMarker: true, VersionId: "null" });
    expect(await getText("suspended", "k", kept.VersionId)).toBe("versioned");
  });

  it("lists versions and delete markers newest first per key, with IsLatest", async () => {
    await bucket("history", "us-east-1", true);
    const a1 = await put("history", "a", "a1");
    const a2 = await put("history", "a", "a2");
    const b1 = await put("history", "b", "b1");
    const bDel = await client().send(new DeleteObjectCommand({ Bucket: "history", Key: "b" }));
    await put("history", "dir/c", "c1");

    const out = await client().send(new ListObjectVersionsCommand({ Bucket: "history" }));
    expect(out.IsTruncated).toBe(false);
    expect(out.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ["a", a2.VersionId, true],
      ["a", a1.VersionId, false],
      ["b", b1.VersionId, false],
      ["dir/c", expect.any(String), true],
    ]);
    expect(out.DeleteMarkers?.map((d) => [d.Key, d.VersionId, d.IsLatest])).toEqual([
      ["b", bDel.VersionId, true],
    ]);
    expect(out.Versions?.[0]).toMatchObject({ ETag: md5("a2"), Size: 2, StorageClass: "STANDARD" });
    expect(out.Versions?.[0]?.LastModified).toBeInstanceOf(Date);

    const grouped = await client().send(new ListObjectVersionsCommand({ Bucket: "history", Delimiter: "/" }));
    expect(grouped.CommonPrefixes).toEqual([{ Prefix: "dir/" }]);
    expect(grouped.Versions?.map((v) => v.Key)).toEqual(["a", "a", "b"]);

    const page = await client().send(new ListObjectVersionsCommand({ Bucket: "history", MaxKeys: 2 }));
    expect(page).toMatchObject({ IsTruncated: true, NextKeyMarker: "a", NextVersionIdMarker: a1.VersionId });
    const rest = await client().send(
      new ListObjectVersionsCommand({
        Bucket: "history",
        KeyMarker: page.NextKeyMarker,
        VersionIdMarker: page.NextVersionIdMarker,
      }),
    );
    expect(rest.Versions?.map((v) => v.Key)).toEqual(["b", "dir/c"]);
    expect(rest.DeleteMarkers?.map((v) => v.Key)).toEqual(["b"]);
  });

  it("pages more than 1,000 versions (default MaxKeys 1000) by KeyMarker and VersionIdMarker", async () => {
    await bucket("many-versions", "us-east-1", true);
    // Half through the SDK in parallel batches, the rest seeded straight into the state.
    const sdkWritten: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const outs = await Promise.all(
        Array.from({ length: 50 }, (_, i) => put("many-versions", `sdk/${batch}-${i}`, `body ${batch}-${i}`)),
      );
      sdkWritten.push(...outs.map((o) => o.VersionId!));
    }
    const seeded = state().buckets["many-versions"]!;
    const now = new Date().toISOString();
    for (let k = 0; k < 10; k++) {
      const versions: S3ObjectVersion[] = [];
      for (let v = 0; v < 220; v++) {
        const id = `seed${String(k).padStart(2, "0")}v${String(v).padStart(4, "0")}`.padEnd(32, "0");
        versions.push(
          v % 50 === 0
            ? { versionId: id, deleteMarker: true, lastModified: now }
            : {
                versionId: id,
                deleteMarker: false,
                lastModified: now,
                body: Buffer.from(id).toString("base64"),
                etag: md5(id),
                size: id.length,
              },
        );
      }
      seeded.objects[`state/${k}.json`] = versions;
    }
    const total = 250 + 10 * 220;

    const seen: { key: string; id: string; latest: boolean; marker: boolean }[] = [];
    const pages: ListObjectVersionsCommandOutput[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (;;) {
      const out = await client().send(
        new ListObjectVersionsCommand({ Bucket: "many-versions", KeyMarker, VersionIdMarker }),
      );
      pages.push(out);
      for (const v of out.Versions ?? [])
        seen.push({ key: v.Key!, id: v.VersionId!, latest: v.IsLatest!, marker: false });
      for (const d of out.DeleteMarkers ?? [])
        seen.push({ key: d.Key!, id: d.VersionId!, latest: d.IsLatest!, marker: true });
      if (!out.IsTruncated) break;
      KeyMarker = out.NextKeyMarker;
      VersionIdMarker = out.NextVersionIdMarker;
    }
    expect(pages.map((p) => (p.Versions?.length ?? 0) + (p.DeleteMarkers?.length ?? 0))).toEqual([
      1000, 1000, 450,
    ]);
    expect(pages[0]!.MaxKeys).toBe(1000);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((s) => `${s.key}@${s.id}`)).size).toBe(total);
    expect(seen.filter((s) => s.marker)).toHaveLength(10 * 5);
    expect(new Set(seen.filter((s) => !s.marker && s.key.startsWith("sdk/")).map((s) => s.id))).toEqual(
      new Set(sdkWritten),
    );
    // Per key: newest first (stored newest first, so in storage order), exactly one IsLatest — here
    // a delete marker, which the SDK lists apart from the versions.
    const k3 = seen.filter((s) => s.key === "state/3.json");
    expect(k3).toHaveLength(220);
    expect(k3.filter((s) => s.latest)).toEqual([
      { key: "state/3.json", id: "seed03v0000".padEnd(32, "0"), latest: true, marker: true },
    ]);
    const stored = seeded.objects["state/3.json"]!;
    expect(k3.filter((s) => !s.marker).map((s) => s.id)).toEqual(
      stored.filter((v) => !v.deleteMarker).map((v) => v.versionId),
    );
  });

  it("copies from a version, URL-encoded, returning CopyObjectResult and the source version id", async () => {
    await bucket("copy-src", "us-east-1", true);
    await bucket("copy-dst");
    const old = await client().send(
      new PutObjectCommand({
        Bucket: "copy-src",
        Key: "app/my state.json",
        Body: "old",
        ContentType: "application/json",
      }),
    );
    await put("copy-src", "app/my state.json", "new");
    const out = await client().send(
      new CopyObjectCommand({
        Bucket: "copy-dst",
        Key: "restored.json",
        CopySource: `/copy-src/${encodeURIComponent("app/my state.json")}?versionId=${encodeURIComponent(old.VersionId!)}`,
      }),
    );
    expect(out.CopyObjectResult?.ETag).toBe(md5("old"));
    expect(out.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    expect(out.CopySourceVersionId).toBe(old.VersionId);
    expect(out.VersionId).toBeUndefined();
    const got = await client().send(new GetObjectCommand({ Bucket: "copy-dst", Key: "restored.json" }));
    expect(got.ContentType).toBe("application/json");
    expect((await bytes(got.Body)).toString()).toBe("old");

    // Restoring an old version over the same key makes it the newest version again.
    const restore = await client().send(
      new CopyObjectCommand({
        Bucket: "copy-src",
        Key: "app/my state.json",
        CopySource: `copy-src/app/my%20state.json?versionId=${old.VersionId}`,
      }),
    );
    expect(restore.VersionId).toBeTruthy();
    expect(await getText("copy-src", "app/my state.json")).toBe("old");

    const missing = await sdkError(() =>
      client().send(new CopyObjectCommand({ Bucket: "copy-dst", Key: "x", CopySource: "copy-src/nope" })),
    );
    expect(missing).toMatchObject({ name: "NoSuchKey", status: 404 });
    const noVersion = await sdkError(() =>
      client().send(
        new CopyObjectCommand({
          Bucket: "copy-dst",
          Key: "x",
          CopySource: `copy-src/app/my%20state.json?versionId=nope`,
        }),
      ),
    );
    expect(noVersion).toMatchObject({ name: "NoSuchVersion", status: 404 });
  });
});

describe("S3 conditional writes", () => {
  it("If-None-Match: * creates only when there is no current object (412 PreconditionFailed)", async () => {
    await bucket("locks", "us-east-1", true);
    const lock = () =>
      client().send(
        new PutObjectCommand({ Bucket: "locks", Key: "lock/acme/dev.json", Body: "{}", IfNoneMatch: "*" }),
      );
    const first = await lock();
    expect(first.ETag).toBe(md5("{}"));
    const second = await sdkError(lock);
    expect(second).toMatchObject({ name: "PreconditionFailed", status: 412 });
    expect(second.message).toBe("At least one of the pre-conditions you specified did not hold");

    // A delete marker as the current version counts as no object.
    await client().send(new DeleteObjectCommand({ Bucket: "locks", Key: "lock/acme/dev.json" }));
    const third = await lock();
    expect(third.VersionId).toBeTruthy();
  });

  it("If-Match: <etag> writes only over that ETag (412), and needs an object (404 NoSuchKey)", async () => {
    await bucket("cas", "us-east-1", true);
    const first = await put("cas", "state.json", "one");
    const ok = await client().send(
      new PutObjectCommand({ Bucket: "cas", Key: "state.json", Body: "two", IfMatch: first.ETag }),
    );
    expect(ok.ETag).toBe(md5("two"));
    const stale = await sdkError(() =>
      client().send(
        new PutObjectCommand({ Bucket: "cas", Key: "state.json", Body: "three", IfMatch: first.ETag }),
      ),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });
    expect(await getText("cas", "state.json")).toBe("two");

    const missing = await sdkError(() =>
      client().send(
        new PutObjectCommand({ Bucket: "cas", Key: "nope.json", Body: "x", IfMatch: first.ETag }),
      ),
    );
    expect(missing).toMatchObject({ name: "NoSuchKey", status: 404 });

    await client().send(new DeleteObjectCommand({ Bucket: "cas", Key: "state.json" }));
    const behindMarker = await sdkError(() =>
      client().send(new PutObjectCommand({ Bucket: "cas", Key: "state.json", Body: "x", IfMatch: ok.ETag })),
    );
    expect(behindMarker).toMatchObject({ name: "NoSuchKey", status: 404 });
  });

  it("deletes with If-Match only over the given ETag", async () => {
    await bucket("cond-delete");
    const { ETag } = await put("cond-delete", "k", "v");
    const stale = await sdkError(() =>
      client().send(new DeleteObjectCommand({ Bucket: "cond-delete", Key: "k", IfMatch: '"00"' })),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailed", status: 412 });
    const ok = await client().send(
      new DeleteObjectCommand({ Bucket: "cond-delete", Key: "k", IfMatch: ETag }),
    );
    expect(ok.$metadata.httpStatusCode).toBe(204);
  });
});

describe("S3 uploads: aws-chunked streams, encodings and checksums", () => {
  it("decodes a streamed upload (aws-chunked with a trailing CRC32) to the exact bytes", async () => {
    await bucket("streams");
    const data = randomBytes(300_000);
    const chunks = [data.subarray(0, 70_000), data.subarray(70_000, 200_001), data.subarray(200_001)];
    const out = await client().send(
      new PutObjectCommand({
        Bucket: "streams",
        Key: "blob.bin",
        Body: Readable.from(chunks),
        ContentLength: data.length,
      }),
    );
    expect(out.ETag).toBe(md5(data));
    expect(out.ChecksumCRC32).toBe(computeChecksum("CRC32", data));

    const stored = state().buckets.streams!.objects["blob.bin"]![0]!;
    // The checksum came in the trailer; the transfer coding is not part of the object.
    expect(stored.checksum).toEqual({ algorithm: "CRC32", value: computeChecksum("CRC32", data) });
    expect(stored.contentEncoding).toBeUndefined();

    const got = await client().send(new GetObjectCommand({ Bucket: "streams", Key: "blob.bin" }));
    expect(got.ContentLength).toBe(data.length);
    expect(got.ContentEncoding).toBeUndefined();
    expect(got.ChecksumCRC32).toBe(computeChecksum("CRC32", data));
    expect((await bytes(got.Body)).equals(data)).toBe(true);
  });

  it("accepts a large buffered upload sent with Expect: 100-continue", async () => {
    await bucket("large");
    const data = randomBytes(3 * 1024 * 1024);
    const out = await client().send(new PutObjectCommand({ Bucket: "large", Key: "big.bin", Body: data }));
    expect(out.ETag).toBe(md5(data));
    const got = await client().send(new GetObjectCommand({ Bucket: "large", Key: "big.bin" }));
    expect((await bytes(got.Body)).equals(data)).toBe(true);
  });

  it("keeps Content-Encoding gzip through a streamed upload and returns the gzip bytes unchanged", async () => {
    await bucket("gzipped");
    const json = JSON.stringify({
      checkpoint: { resources: Array.from({ length: 500 }, (_, i) => ({ urn: `u${i}` })) },
    });
    const gz = gzipSync(json);
    await client().send(
      new PutObjectCommand({
        Bucket: "gzipped",
        Key: "app/acme/dev.json",
        Body: Readable.from([gz]),
        ContentLength: gz.length,
        ContentEncoding: "gzip",
        ContentType: "application/json",
      }),
    );
    expect(state().buckets.gzipped!.objects["app/acme/dev.json"]![0]!.contentEncoding).toBe("gzip");
    const head = await client().send(new HeadObjectCommand({ Bucket: "gzipped", Key: "app/acme/dev.json" }));
    expect(head).toMatchObject({
      ContentEncoding: "gzip",
      ContentType: "application/json",
      ContentLength: gz.length,
    });
    const got = await client().send(new GetObjectCommand({ Bucket: "gzipped", Key: "app/acme/dev.json" }));
    expect(got.ContentEncoding).toBe("gzip");
    const body = await bytes(got.Body);
    expect(body.equals(gz)).toBe(true);
    expect(gunzipSync(body).toString()).toBe(json);
  });

  it("stores and returns each flexible checksum; the SDK validates them on download", async () => {
    await bucket("checksums");
    const data = Buffer.from("checksummed body");
    for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] as const) {
      const key = `obj-${algorithm}`;
      const out = await client().send(
        new PutObjectCommand({ Bucket: "checksums", Key: key, Body: data, ChecksumAlgorithm: algorithm }),
      );
      expect(out[`Checksum${algorithm}`]).toBe(computeChecksum(algorithm, data));
      const got = await client().send(
        new GetObjectCommand({ Bucket: "checksums", Key: key, ChecksumMode: "ENABLED" }),
      );
      expect(got[`Checksum${algorithm}`]).toBe(computeChecksum(algorithm, data));
      expect(got.ChecksumType).toBe("FULL_OBJECT");
      expect((await bytes(got.Body)).equals(data)).toBe(true);
    }

    // Without a checksum from the client, S3 computes a CRC64NVME.
    const bare = client("us-east-1", { requestChecksumCalculation: "WHEN_REQUIRED" });
    await bare.send(new PutObjectCommand({ Bucket: "checksums", Key: "bare", Body: data }));
    const got = await client().send(
      new GetObjectCommand({ Bucket: "checksums", Key: "bare", ChecksumMode: "ENABLED" }),
    );
    expect(got.ChecksumCRC64NVME).toBe(computeChecksum("CRC64NVME", data));
    expect((await bytes(got.Body)).equals(data)).toBe(true);

    const bad = await sdkError(() =>
      client().send(
        new PutObjectCommand({ Bucket: "checksums", Key: "bad", Body: data, ChecksumCRC32: "AAAAAA==" }),
      ),
    );
    expect(bad).toMatchObject({ name: "BadDigest", status: 400 });
  });

  it("computes the checksums S3 names (standard check values) and decodes signed aws-chunked bodies", () => {
    const check = Buffer.from("123456789");
    expect(Buffer.from(computeChecksum("CRC32", check)!, "base64").toString("hex")).toBe("cbf43926");
    expect(Buffer.from(computeChecksum("CRC32C", check)!, "base64").toString("hex")).toBe("e3069283");
    expect(Buffer.from(computeChecksum("CRC64NVME", check)!, "base64").toString("hex")).toBe(
      "ae8b14860a799888",
    );

    const sig = "a".repeat(64);
    const signed = Buffer.from(
      `5;chunk-signature=${sig}\r\nhello\r\n6;chunk-signature=${sig}\r\n world\r\n0;chunk-signature=${sig}\r\n` +
        `x-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:${sig}\r\n\r\n`,
    );
    const decoded = decodeAwsChunked(signed);
    expect(decoded.data.toString()).toBe("hello world");
    expect(decoded.trailers["x-amz-checksum-crc32"]).toBe("DUoRhQ==");
    expect(() => decodeAwsChunked(Buffer.from("5\r\nhel"))).toThrow(/aws-chunked/);
  });
});

describe("S3 ListObjectsV2", () => {
  it("lists with prefix, delimiter, max-keys, start-after and continuation tokens", async () => {
    await bucket("listing");
    const keys = [
      "a.txt",
      "app/acme/dev.json",
      "app/acme/prod.json",
      "app/other/dev.json",
      "b.txt",
      "lock/x",
    ];
    await Promise.all(keys.map((k) => put("listing", k, k)));

    const all = await client().send(new ListObjectsV2Command({ Bucket: "listing" }));
    expect(all.Contents?.map((c) => c.Key)).toEqual(keys);
    expect(all).toMatchObject({ KeyCount: 6, MaxKeys: 1000, IsTruncated: false, Name: "listing" });
    expect(all.Contents?.[0]).toMatchObject({ ETag: md5("a.txt"), Size: 5, StorageClass: "STANDARD" });

    const top = await client().send(new ListObjectsV2Command({ Bucket: "listing", Delimiter: "/" }));
    expect(top.Contents?.map((c) => c.Key)).toEqual(["a.txt", "b.txt"]);
    expect(top.CommonPrefixes).toEqual([{ Prefix: "app/" }, { Prefix: "lock/" }]);
    expect(top.KeyCount).toBe(4);

    const nested = await client().send(
      new ListObjectsV2Command({ Bucket: "listing", Prefix: "app/", Delimiter: "/" }),
    );
    expect(nested.CommonPrefixes).toEqual([{ Prefix: "app/acme/" }, { Prefix: "app/other/" }]);
    expect(nested.Contents).toBeUndefined();

    const page = await client().send(new ListObjectsV2Command({ Bucket: "listing", MaxKeys: 2 }));
    expect(page).toMatchObject({ IsTruncated: true, KeyCount: 2 });
    const next = await client().send(
      new ListObjectsV2Command({
        Bucket: "listing",
        MaxKeys: 2,
        ContinuationToken: page.NextContinuationToken,
      }),
    );
    expect(next.Contents?.map((c) => c.Key)).toEqual(["app/acme/prod.json", "app/other/dev.json"]);
    expect(next.ContinuationToken).toBe(page.NextContinuationToken);

    const after = await client().send(
      new ListObjectsV2Command({ Bucket: "listing", StartAfter: "app/other/dev.json" }),
    );
    expect(after.Contents?.map((c) => c.Key)).toEqual(["b.txt", "lock/x"]);
    expect(after.StartAfter).toBe("app/other/dev.json");

    const paged: string[] = [];
    for await (const p of paginateListObjectsV2(
      { client: client() },
      { Bucket: "listing", Delimiter: "/", MaxKeys: 1 },
    )) {
      paged.push(...(p.Contents ?? []).map((c) => c.Key!), ...(p.CommonPrefixes ?? []).map((c) => c.Prefix!));
    }
    expect(paged).toEqual(["a.txt", "app/", "b.txt", "lock/"]);

    const bad = await sdkError(() =>
      client().send(new ListObjectsV2Command({ Bucket: "listing", ContinuationToken: "not a token" })),
    );
    expect(bad).toMatchObject({ name: "InvalidArgument", status: 400 });
  });

  it("hides keys whose current version is a delete marker", async () => {
    await bucket("listing-versioned", "us-east-1", true);
    await put("listing-versioned", "gone", "x");
    await put("listing-versioned", "here", "y");
    await client().send(new DeleteObjectCommand({ Bucket: "listing-versioned", Key: "gone" }));
    const out = await client().send(new ListObjectsV2Command({ Bucket: "listing-versioned" }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(["here"]);
  });

  it("orders keys by UTF-8 bytes", () => {
    const keys = ["\u{1F600}", "\uFF21", "b", "a"];
    expect([...keys].sort(compareKeys)).toEqual(["a", "b", "\uFF21", "\u{1F600}"]);
  });
});

describe("S3 state", () => {
  it("is plain JSON", async () => {
    await bucket("json-state", "sa-east-1", true);
    await put("json-state", "k", "v", "sa-east-1");
    const s = state("sa-east-1");
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
