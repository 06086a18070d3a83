/**
 * A stage written by SST with `state: { compress: true }` (the acme scenario's staging): every object
 * gzipped with `ContentEncoding: gzip`, update ids in SST 4.x's 12 + 12 layout. stateward reads the
 * lock and the update records through the gzip, and what it writes keeps the encoding of what it
 * replaces. Against the local cloud with the real SDK.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import os from "node:os";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listHistory } from "../../src/actions/history.js";
import { appendAudit } from "../../src/backends/audit.js";
import { safeWrite } from "../../src/backends/safe-write.js";
import { S3Store } from "../../src/backends/s3-store.js";
import { SstHomeBackend } from "../../src/backends/sst-home.js";
import type { PutOptions } from "../../src/backends/store.js";
import type { Writer } from "../../src/backends/types.js";
import { AwsClients } from "../../src/cloud/clients.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();

const writer: Writer = {
  who: "tester",
  action: "history restore",
  pid: process.pid,
  host: os.hostname(),
  tool: "test",
};

/** Go's id.Descending() for a time, with a fixed random half: written here apart from the code. */
function goDescendingId(ms: number, random: string): string {
  return (2 ** 48 - 1 - ms).toString(16).padStart(12, "0") + random;
}

let c: AwsClients;
let client: S3Client;

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  c = new AwsClients(
    { region: ACME.homeRegion },
    {
      AWS_ENDPOINT_URL: sandbox.server().url,
      AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
      AWS_SECRET_ACCESS_KEY: "x",
    },
  );
  client = new S3Client(sandbox.config(ACME.homeRegion));
}, 30_000);

afterEach(() => {
  c.destroy();
  client.destroy();
});

const open = (stage: string) =>
  SstHomeBackend.open({ clients: c, region: ACME.homeRegion, app: ACME.app, stage });

async function stored(key: string): Promise<{ bytes: Uint8Array; encoding: string | undefined }> {
  const res = await client.send(new GetObjectCommand({ Bucket: ACME.stateBucket, Key: key }));
  return { bytes: await res.Body!.transformToByteArray(), encoding: res.ContentEncoding };
}

const gzipped = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;

async function put(key: string, body: string | Uint8Array, gzip: boolean): Promise<void> {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  await client.send(
    new PutObjectCommand({
      Bucket: ACME.stateBucket,
      Key: key,
      Body: gzip ? gzipSync(bytes) : bytes,
      ContentType: "application/json",
      ...(gzip ? { ContentEncoding: "gzip" } : {}),
    }),
  );
}

describe("a compressed stage", () => {
  it("its lock is read through the gzip: holder fields, the update it names, the times in the ids", async () => {
    const home = await open("staging");
    const raw = await stored(sstKeys.lock(ACME.app, "staging"));
    expect(gzipped(raw.bytes)).toBe(true);
    const sst = JSON.parse(gunzipSync(raw.bytes).toString("utf8")) as Record<string, string>;
    const [lock] = await home.readLocks();
    expect(lock).toMatchObject({
      command: sst.command,
      updateId: sst.updateID,
      runId: sst.runID,
      encoding: "gzip",
    });
    expect(lock!.created?.getTime()).toBe(Date.parse(sst.created!));
    const update = await home.updateOf(lock!);
    expect(update).toMatchObject({ id: sst.updateID, command: "deploy", outcome: "unfinished" });
    // The record's timeStarted is whole seconds; the id carries the milliseconds of the lock.
    const idMs = Number(~BigInt(`0x${sst.updateID!.slice(0, 12)}`) & 0xffffffffffffn);
    expect(Math.abs(update!.timeStarted!.getTime() - idMs)).toBeLessThan(1000);
  });

  it("releasing the lock keeps the update record gzipped, in SST's shape, and deletes the lock", async () => {
    const home = await open("staging");
    const [lock] = await home.readLocks();
    const { wrote } = await home.breakLock(lock!, { ...writer, action: "lock release" });
    expect(wrote).toHaveLength(1);
    const record = await stored(sstKeys.update(ACME.app, "staging", lock!.updateId!));
    expect(record.encoding).toBe("gzip");
    expect(gzipped(record.bytes)).toBe(true);
    const body = JSON.parse(gunzipSync(record.bytes).toString("utf8")) as {
      id: string;
      command: string;
      errors: { urn: string; message: string }[];
      timeCompleted: string;
    };
    expect(body.id).toBe(lock!.updateId);
    expect(body.errors).toEqual([{ urn: "", message: expect.stringContaining("force unlocked") as unknown }]);
    expect(Date.parse(body.timeCompleted)).toBeGreaterThan(Date.now() - 60_000);
    expect(await home.readLocks()).toEqual([]);
    const update = await home.readUpdate(lock!.updateId!);
    expect(update).toMatchObject({ outcome: "failed", forceUnlocked: "stateward lock release" });
  });

  it("a write keeps the state, its backup and its own lock gzipped, even when the new bytes are plain", async () => {
    const base = await open("staging");
    const puts: { key: string; gzip: boolean; encoding: string | undefined }[] = [];
    // The real store, watched: what stateward sends while it writes.
    const store = new S3Store(c.s3(ACME.homeRegion), ACME.stateBucket);
    const watched = Object.assign(Object.create(store) as S3Store, {
      put: (key: string, bytes: Uint8Array, options?: PutOptions) => {
        puts.push({ key, gzip: gzipped(bytes), encoding: options?.contentEncoding });
        return store.put(key, bytes, options);
      },
    });
    const home = new SstHomeBackend(watched, ACME.app, "staging", ACME.homeRegion);
    const [lock] = await base.readLocks();
    await base.breakLock(lock!, { ...writer, action: "lock release" });
    const read = await home.readState();
    expect(gzipped(read!.bytes)).toBe(true);
    const list = await listHistory(home);
    const older = list.versions.find((v) => !v.current && v.unreadable === undefined)!;
    // The version's bytes, decompressed: what a restore of a plain copy would send.
    const plain = gunzipSync(list.bytesOf(older.id)!);
    await safeWrite({ backend: home, read, next: plain, writer, audit: { summary: "restore" } });

    const state = await stored(sstKeys.state(ACME.app, "staging"));
    expect(state.encoding).toBe("gzip");
    expect(gzipped(state.bytes)).toBe(true);
    expect(gunzipSync(state.bytes).equals(Buffer.from(plain))).toBe(true);
    const lockPut = puts.find((p) => p.key === sstKeys.lock(ACME.app, "staging"));
    expect(lockPut).toEqual({ key: sstKeys.lock(ACME.app, "staging"), gzip: true, encoding: "gzip" });
    const backupPut = puts.find((p) => p.key.startsWith(`stateward/${ACME.app}/staging/backups/`));
    expect(backupPut).toMatchObject({ gzip: true, encoding: "gzip" });
    expect(parseState(state.bytes).deployment?.resources?.length).toBe(older.resources);
  });

  it("history lists every update record, the killed deploy's too, with the times in their ids", async () => {
    const home = await open("staging");
    const [lock] = await home.readLocks();
    const list = await listHistory(home);
    const killed = list.events.find((e) => e.id === lock!.updateId)!;
    expect(killed).toMatchObject({ command: "deploy", outcome: "unfinished", snapshot: false });
    expect(killed.version).toBeUndefined();
    const ids = list.events.map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const e of list.events) {
      const idMs = Number(~BigInt(`0x${e.id.slice(0, 12)}`) & 0xffffffffffffn);
      expect(Math.abs(Date.parse(e.timeStarted!) - idMs)).toBeLessThan(1000);
    }
    // Newest first, as the times in the ids say.
    expect([...ids].sort()).toEqual(ids);
    expect(list.versions.every((v) => v.unreadable === undefined)).toBe(true);
  });
});

describe("the record `sst unlock` leaves", () => {
  it("is read for what it says: forced, start blank (the id's time instead), no run id", async () => {
    const home = await open("dev");
    const at = Date.now() - 3_600_000;
    const id = goDescendingId(at, "5e1f0a2b3c4d");
    // pkg/project/provider/provider.go ForceUnlock, as SST 4.17 writes it on a compressed stage.
    await put(
      sstKeys.update(ACME.app, "dev", id),
      JSON.stringify({
        id,
        version: "4.17.0",
        command: "deploy",
        errors: [
          {
            urn: "",
            message: "Update did not complete and was force unlocked with the `sst unlock` command",
          },
        ],
        timeStarted: "",
        timeCompleted: "2026-12-03T10:15:00+01:00",
      }),
      true,
    );
    const update = await home.readUpdate(id);
    expect(update).toMatchObject({
      id,
      command: "deploy",
      outcome: "failed",
      forceUnlocked: "sst unlock",
      timeStartedFrom: "id",
    });
    expect(update!.runId).toBeUndefined();
    expect(update!.timeStarted!.getTime()).toBe(at);
    expect(update!.timeCompleted!.toISOString()).toBe("2026-12-03T09:15:00.000Z");
    const list = await listHistory(home);
    const event = list.events.find((e) => e.id === id)!;
    expect(event).toMatchObject({ snapshot: false, forceUnlocked: "sst unlock", timeStartedFrom: "id" });
    expect(event.note).toMatch(/sst unlock/);
  });
});

describe("a lost race", () => {
  it("names stateward when a stateward write is newer than SST's last update", async () => {
    const home = await open("dev");
    const read = await home.readState();
    const list = await listHistory(home);
    const [older, oldest] = list.versions.filter((v) => !v.current);
    // SST refreshed an hour ago (a record with an id as SST 4.17 makes it) …
    const refreshed = goDescendingId(Date.now() - 3_600_000, "7e57ab1e0001");
    await put(
      sstKeys.update(ACME.app, "dev", refreshed),
      JSON.stringify({ id: refreshed, version: "4.17.0", command: "refresh", errors: null, timeStarted: "" }),
      false,
    );
    // … then another stateward process wrote in between (its audit record is the newest record of the stage).
    const other: Writer = { ...writer, who: "arn:aws:iam::123456789012:user/other", action: "state repair" };
    await appendAudit(home, other, { summary: "repaired" });
    await put(sstKeys.state(ACME.app, "dev"), list.bytesOf(oldest!.id)!, false);
    await expect(
      safeWrite({ backend: home, read, next: list.bytesOf(older!.id)!, writer, audit: { summary: "x" } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(
        "latest writer: stateward state repair by arn:aws:iam::123456789012:user/other",
      ) as unknown,
    });
  });
});
