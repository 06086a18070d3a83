/**
 * The SST home over the local cloud with the real SDK: finding it (and saying clearly when it is not
 * there), gzip state as SST ≥ 3 stores it, SST's lock, the conflict message naming the winner.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import os from "node:os";
import { beforeEach, describe, expect, it } from "vitest";
import { listHistory } from "../../src/actions/history.js";
import { safeWrite } from "../../src/backends/safe-write.js";
import { SstHomeBackend } from "../../src/backends/sst-home.js";
import type { Writer } from "../../src/backends/types.js";
import { AwsClients } from "../../src/cloud/clients.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { makeUpdateId, sstKeys } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();

const writer: Writer = {
  who: "tester",
  action: "history restore",
  pid: process.pid,
  host: os.hostname(),
  tool: "test",
};

function clients(region: string = ACME.homeRegion): AwsClients {
  return new AwsClients(
    { region },
    {
      AWS_ENDPOINT_URL: sandbox.server().url,
      AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
      AWS_SECRET_ACCESS_KEY: "x",
    },
  );
}

async function open(stage: string, region: string = ACME.homeRegion) {
  const c = clients(region);
  return { home: await SstHomeBackend.open({ clients: c, region, app: ACME.app, stage }), c };
}

const s3 = () => new S3Client(sandbox.config(ACME.homeRegion));

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("finding the SST home", () => {
  it("reads the bucket from /sst/bootstrap; lists the app's stages", async () => {
    const { home, c } = await open("dev");
    expect(home.store.url).toBe(`s3://${ACME.stateBucket}`);
    expect(await home.listStages()).toEqual(["dev", "production", "staging"]);
    c.destroy();
  });

  it("a region without one is NO_SST_HOME naming region and account; nothing is created", async () => {
    const c = clients("ap-south-1");
    await expect(
      SstHomeBackend.open({ clients: c, region: "ap-south-1", app: "acme", stage: "dev" }),
    ).rejects.toMatchObject({
      code: "NO_SST_HOME",
      message: expect.stringContaining("ap-south-1 of account 123456789012") as unknown,
    });
    await expect(
      SstHomeBackend.open({ clients: c, region: "ap-south-1", app: "acme", stage: "dev" }),
    ).rejects.toMatchObject({
      code: "NO_SST_HOME",
    });
    c.destroy();
  });

  it("a bootstrap parameter that names no bucket is BAD_SST_HOME", async () => {
    const ssm = new SSMClient(sandbox.config("eu-west-1"));
    await ssm.send(
      new PutParameterCommand({ Name: sstKeys.bootstrap, Type: "String", Value: '{"version":5}' }),
    );
    const c = clients("eu-west-1");
    await expect(
      SstHomeBackend.open({ clients: c, region: "eu-west-1", app: "acme", stage: "dev" }),
    ).rejects.toMatchObject({
      code: "BAD_SST_HOME",
    });
    await ssm.send(new DeleteParameterCommand({ Name: sstKeys.bootstrap }));
    ssm.destroy();
    c.destroy();
  });
});

describe("gzip state, as SST stores it with Content-Encoding: gzip", () => {
  it("is listed with its resources, and a restore keeps the gzip bytes and the encoding", async () => {
    const builder = new SstStateBuilder({ app: ACME.app, stage: "gz", account: sandbox.server().accountId });
    builder.addFunction("Api");
    const v1 = toBytes(builder.versioned(), { gzip: true });
    builder.addDynamo("Orders");
    const v2 = toBytes(builder.versioned(), { gzip: true });
    const client = s3();
    for (const body of [v1, v2]) {
      await client.send(
        new PutObjectCommand({
          Bucket: ACME.stateBucket,
          Key: sstKeys.state(ACME.app, "gz"),
          Body: body,
          ContentEncoding: "gzip",
        }),
      );
    }
    const { home, c } = await open("gz");
    const list = await listHistory(home);
    const count = (bytes: Uint8Array) => parseState(bytes, "v").deployment!.resources!.length;
    expect(count(v2)).toBeGreaterThan(count(v1));
    expect(list.versions.map((v) => v.resources)).toEqual([count(v2), count(v1)]);
    const read = await home.readState();
    expect(read!.doc.style.gzip).toBe(true);
    await safeWrite({ backend: home, read, next: v1, writer, audit: { summary: "test" } });
    const res = await client.send(
      new GetObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.state(ACME.app, "gz") }),
    );
    expect(res.ContentEncoding).toBe("gzip");
    expect(Buffer.compare(Buffer.from(await res.Body!.transformToByteArray()), Buffer.from(v1))).toBe(0);
    // The backup is the exact gzip bytes that were replaced.
    const backups = await listHistory(home);
    const backup = backups.versions.find((v) => v.sources.includes("stateward-backup"))!;
    expect(backup.sources).toContain("s3-version");
    client.destroy();
    c.destroy();
  });
});

describe("SST's lock", () => {
  it("a stateward lock is SST's format (SST sees it as locked) and names who holds it", async () => {
    const { home, c } = await open("dev");
    const lock = await home.acquireLock(writer);
    const client = s3();
    const res = await client.send(
      new GetObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.lock(ACME.app, "dev") }),
    );
    const body = JSON.parse(await res.Body!.transformToString()) as Record<string, unknown>;
    // SST's Lock() refuses when `created` is set; updateID is a descending id like SST's.
    expect(Date.parse(body.created as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.updateID).toMatch(/^[0-9a-f]{24}$/);
    expect(body).toMatchObject({ command: "stateward history restore", ignore: true });
    await expect(home.acquireLock(writer)).rejects.toMatchObject({
      code: "LOCKED",
      message: expect.stringContaining("tester (stateward") as unknown,
    });
    await home.releaseLock(lock);
    expect(await home.readLocks()).toEqual([]);
    client.destroy();
    c.destroy();
  });

  it("release leaves a lock alone that someone replaced since it was read", async () => {
    const { home, c } = await open("dev");
    const lock = await home.acquireLock(writer);
    const client = s3();
    const theirs = JSON.stringify({ created: new Date().toISOString(), updateID: "x", command: "deploy" });
    await client.send(
      new PutObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.lock(ACME.app, "dev"), Body: theirs }),
    );
    await expect(home.releaseLock(lock)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await home.readLocks())[0]!.command).toBe("deploy");
    client.destroy();
    c.destroy();
  });
});

describe("a lost race", () => {
  it("names the SST update that wrote the state in between, and writes nothing else", async () => {
    const { home, c } = await open("dev");
    const read = await home.readState();
    const list = await listHistory(home);
    const older = list.versions.find((v) => !v.current)!;
    // An `sst deploy` lands between stateward's read and its write.
    const at = new Date();
    const updateId = makeUpdateId(at, "0badc0de0bad");
    const client = s3();
    await client.send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.update(ACME.app, "dev", updateId),
        Body: JSON.stringify({
          id: updateId,
          version: "3.9.14",
          command: "deploy",
          errors: [],
          timeStarted: at.toISOString(),
        }),
      }),
    );
    const theirs = toBytes(new SstStateBuilder({ app: ACME.app, stage: "dev" }).versioned());
    await client.send(
      new PutObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.state(ACME.app, "dev"), Body: theirs }),
    );
    const bytes = list.bytesOf(older.id)!;
    await expect(
      safeWrite({ backend: home, read, next: bytes, writer, audit: { summary: "x" } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(new RegExp(`SST deploy ${updateId}.*nothing was written`)) as unknown,
    });
    const now = await home.readState();
    expect(Buffer.compare(Buffer.from(now!.bytes), Buffer.from(theirs))).toBe(0);
    expect(await home.readLocks()).toEqual([]);
    const audit = await client.send(
      new ListObjectsV2Command({ Bucket: ACME.stateBucket, Prefix: `stateward/${ACME.app}/dev/audit/` }),
    );
    expect(audit.Contents ?? []).toEqual([]);
    client.destroy();
    c.destroy();
  });
});
