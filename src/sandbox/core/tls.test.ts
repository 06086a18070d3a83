/**
 * The local cloud's HTTPS mode and the bucket policies SST's bootstrap puts (SSL-only): the
 * certificate is trusted by a real client, and an `aws:SecureTransport` deny is applied as AWS does.
 */
import https from "node:https";
import { X509Certificate } from "node:crypto";
import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  CreateBucketCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SandboxServer } from "../server.js";
import { makeSelfSignedCertificate } from "./tls.js";

const credentials = { accessKeyId: "AKIASANDBOX00000000", secretAccessKey: "x" };

function sslOnly(bucket: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnforceSSLRequests",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}

describe("self-signed certificate", () => {
  it("is a v3 certificate for 127.0.0.1 and localhost that verifies with its own key", () => {
    const { cert } = makeSelfSignedCertificate();
    const x = new X509Certificate(cert);
    expect(x.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(x.subjectAltName).toContain("DNS:localhost");
    expect(x.ca).toBe(true);
    expect(x.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(x.verify(x.publicKey)).toBe(true);
    expect(new Date(x.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(x.validFrom).getTime()).toBeLessThan(Date.now());
  });
});

describe("HTTPS mode and SSL-only bucket policies", () => {
  const secure = new SandboxServer({ port: 0, tls: true });
  let s3: S3Client;
  let plain: S3Client;
  let plainServer: SandboxServer;

  beforeAll(async () => {
    const url = await secure.start();
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    s3 = new S3Client({
      endpoint: url,
      region: "us-east-1",
      forcePathStyle: true,
      credentials,
      requestHandler: { httpsAgent: new https.Agent({ ca: secure.certificate!.cert }) },
    });
    // The same bucket state served over plain HTTP: aws:SecureTransport is then false.
    plainServer = new SandboxServer({ port: 0 });
    const plainUrl = await plainServer.start();
    plain = new S3Client({ endpoint: plainUrl, region: "us-east-1", forcePathStyle: true, credentials });
  });

  afterAll(async () => {
    s3.destroy();
    plain.destroy();
    await secure.stop();
    await plainServer.stop();
  });

  it("a client that trusts the generated certificate talks to it; one that does not, cannot", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "tls-one" }));
    const untrusting = new S3Client({
      endpoint: secure.url,
      region: "us-east-1",
      forcePathStyle: true,
      credentials,
    });
    await expect(untrusting.send(new CreateBucketCommand({ Bucket: "tls-two" }))).rejects.toThrow(
      /certificate/i,
    );
    untrusting.destroy();
  });

  it("keeps a bucket policy: put, get back byte for byte, delete, then NoSuchBucketPolicy", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "policy-kept" }));
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: "policy-kept" }))).rejects.toMatchObject({
      name: "NoSuchBucketPolicy",
    });
    const policy = sslOnly("policy-kept");
    await s3.send(new PutBucketPolicyCommand({ Bucket: "policy-kept", Policy: policy }));
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket: "policy-kept" }))).Policy).toBe(policy);
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: "policy-kept" }));
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: "policy-kept" }))).rejects.toMatchObject({
      name: "NoSuchBucketPolicy",
    });
  });

  it("refuses a policy that is not JSON or has no Statement (MalformedPolicy)", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "policy-bad" }));
    for (const Policy of ["not json", JSON.stringify({ Version: "2012-10-17" })]) {
      await expect(
        s3.send(new PutBucketPolicyCommand({ Bucket: "policy-bad", Policy })),
      ).rejects.toMatchObject({
        name: "MalformedPolicy",
      });
    }
  });

  it("denies every S3 action on an SSL-only bucket over HTTP, allows it over HTTPS", async () => {
    for (const client of [s3, plain]) {
      await client.send(new CreateBucketCommand({ Bucket: "ssl-only" }));
      await client.send(new PutObjectCommand({ Bucket: "ssl-only", Key: "k", Body: "before" }));
      await client.send(new PutBucketPolicyCommand({ Bucket: "ssl-only", Policy: sslOnly("ssl-only") }));
    }
    await s3.send(new PutObjectCommand({ Bucket: "ssl-only", Key: "k", Body: "over https" }));
    const got = await s3.send(new GetObjectCommand({ Bucket: "ssl-only", Key: "k" }));
    expect(await got.Body!.transformToString()).toBe("over https");

    await expect(plain.send(new GetObjectCommand({ Bucket: "ssl-only", Key: "k" }))).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      plain.send(new PutObjectCommand({ Bucket: "ssl-only", Key: "k", Body: "over http" })),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    // The account can still read and remove its policy, and then plain HTTP works again.
    await plain.send(new DeleteBucketPolicyCommand({ Bucket: "ssl-only" }));
    const after = await plain.send(new GetObjectCommand({ Bucket: "ssl-only", Key: "k" }));
    expect(await after.Body!.transformToString()).toBe("before");
  });

  it("applies a deny only to the actions and resources it names", async () => {
    await plain.send(new CreateBucketCommand({ Bucket: "partial" }));
    await plain.send(new PutObjectCommand({ Bucket: "partial", Key: "open/a", Body: "a" }));
    await plain.send(new PutObjectCommand({ Bucket: "partial", Key: "closed/b", Body: "b" }));
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: {
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: ["s3:GetObject"],
        Resource: "arn:aws:s3:::partial/closed/*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    });
    await plain.send(new PutBucketPolicyCommand({ Bucket: "partial", Policy: policy }));
    const open = await plain.send(new GetObjectCommand({ Bucket: "partial", Key: "open/a" }));
    expect(await open.Body!.transformToString()).toBe("a");
    await expect(
      plain.send(new GetObjectCommand({ Bucket: "partial", Key: "closed/b" })),
    ).rejects.toMatchObject({
      name: "AccessDenied",
    });
    await plain.send(new PutObjectCommand({ Bucket: "partial", Key: "closed/b", Body: "b2" }));
  });
});
