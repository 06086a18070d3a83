/**
 * Locks left by stateward writes whose process is gone, on a Pulumi DIY backend on disk: recognised as
 * stateward's own (the lock names its write), checked against the state, the audit record of a write
 * that landed completed (once), and the lock taken over. A lock someone may still hold — a live process
 * of this host, a young lock of another host, any lock not written by stateward — refuses as before.
 * And the abort signal: it stops a write only before the state write.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockStatus } from "../../src/actions/lock.js";
import { errorExitCode } from "../../src/cli/exit-codes.js";
import { StatewardError } from "../../src/errors.js";
import { auditKey, listAudit, newAuditId, type PendingWrite } from "../../src/backends/audit.js";
import { DirStore } from "../../src/backends/dir-store.js";
import { PulumiDiyBackend } from "../../src/backends/pulumi-diy.js";
import type { OpenStage } from "../../src/backends/resolve.js";
import {
  REMOTE_LOCK_STALE_MS,
  abandonment,
  settleAbandonedLocks,
} from "../../src/backends/abandoned-locks.js";
import { safeWrite, type WriteStep } from "../../src/backends/safe-write.js";
import type { Writer } from "../../src/backends/types.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";

const me: Writer = { who: "tester@host", action: "forget", pid: process.pid, host: os.hostname(), tool: "t" };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function state(buckets: number): Uint8Array {
  const b = new SstStateBuilder({ app: "proj", stage: "dev", time: "2025-03-14T10:00:00.000000Z" });
  for (let i = 0; i < buckets; i++) {
    b.custom("aws:s3/bucket:Bucket", `B${i}`, b.resources[0]!, {
      id: `b${i}-4f1c2e`,
      inputs: { bucket: `b${i}` },
      outputs: { bucket: `b${i}` },
    });
  }
  return toBytes(b.versioned());
}
const OLD = state(1);
const NEW = state(2);
const OTHER = state(3);

const LOCKS = ".pulumi/locks/organization/proj/dev";
const STACK = ".pulumi/stacks/proj/dev.json";

async function backend(bytes: Uint8Array): Promise<{ root: string; diy: PulumiDiyBackend }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "stateward-abandoned-"));
  dirs.push(root);
  fs.mkdirSync(path.join(root, ".pulumi", "stacks", "proj"), { recursive: true });
  fs.writeFileSync(path.join(root, ".pulumi", "meta.yaml"), "version: 1\n");
  fs.writeFileSync(path.join(root, ...STACK.split("/")), bytes);
  return { root, diy: await PulumiDiyBackend.open(new DirStore(root), "proj", "dev") };
}

/** A pid that was running a moment ago and is not now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

/** The write a stateward lock describes: OLD → NEW, with its backup key. */
function pendingWrite(diy: PulumiDiyBackend): PendingWrite {
  return {
    audit: newAuditId(new Date(Date.now() - 5_000)),
    summary: "forgot 1 entry (the cloud is untouched)",
    changes: { added: [], removed: ["urn:x"], changed: [] },
    before: { revision: sha256(OLD), resources: 2, sha256: sha256(OLD) },
    after: { sha256: sha256(NEW), resources: 3 },
    backup: diy.backupKey(new Date(Date.now() - 5_000), sha256(OLD)),
  };
}

/** A lock as a stateward write leaves it (written with the backend's own acquireLock). */
async function leftLock(
  diy: PulumiDiyBackend,
  holder: Partial<Writer>,
  pending?: PendingWrite,
  age = 5_000,
): Promise<string> {
  const lock = await diy.acquireLock({ ...me, ...holder, ...(pending === undefined ? {} : { pending }) });
  const file = diy.store.locate(lock.key);
  const body = JSON.parse(fs.readFileSync(file, "utf8")) as { timestamp: string };
  body.timestamp = new Date(Date.now() - age).toISOString();
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
}

const writeNext = (diy: PulumiDiyBackend, next = NEW) =>
  diy.readState().then((read) =>
    safeWrite({
      backend: diy,
      read,
      next,
      writer: me,
      audit: { summary: "forgot 1 entry (the cloud is untouched)" },
    }),
  );

describe("which stateward locks are abandoned", () => {
  it("this host: only when its process is gone; another host: only when older than the bound", async () => {
    const { diy } = await backend(OLD);
    const pid = deadPid();
    const lockOf = async (holder: Partial<Writer>, age: number) => {
      const file = await leftLock(diy, holder, undefined, age);
      const [lock] = await diy.readLocks();
      fs.rmSync(file);
      return lock!;
    };
    expect(abandonment(await lockOf({ pid }, 1000))).toMatch(
      new RegExp(`pid ${pid} on .* is no longer running`),
    );
    expect(abandonment(await lockOf({ pid: process.pid }, 1000))).toBeUndefined();
    expect(abandonment(await lockOf({ host: "ci-runner-7", pid }, 60_000))).toBeUndefined();
    expect(abandonment(await lockOf({ host: "ci-runner-7", pid }, REMOTE_LOCK_STALE_MS + 60_000))).toMatch(
      /another host \(ci-runner-7\) 16 min ago/,
    );
  });

  it("a lock stateward did not write (Pulumi's own) is never abandoned, whatever its pid", async () => {
    const { root, diy } = await backend(OLD);
    const file = path.join(root, ...LOCKS.split("/"), "0b6a3d4e-1f2a-4c5b-9d8e-7f6a5b4c3d2e.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({
        pid: deadPid(),
        username: "u",
        hostname: os.hostname(),
        timestamp: "2020-01-01T00:00:00Z",
      }),
    );
    const [lock] = await diy.readLocks();
    expect(abandonment(lock!)).toBeUndefined();
    await expect(writeNext(diy)).rejects.toMatchObject({ code: "LOCKED" });
    expect(fs.readFileSync(path.join(root, ...STACK.split("/")))).toEqual(Buffer.from(OLD));
  });
});

describe("a write finds the lock of a stateward write that was killed", () => {
  it("held by a live process: refused as before (LOCKED), nothing written", async () => {
    const { root, diy } = await backend(OLD);
    await leftLock(diy, { pid: process.pid }, pendingWrite(diy));
    await expect(writeNext(diy)).rejects.toMatchObject({ code: "LOCKED" });
    expect(fs.readFileSync(path.join(root, ...STACK.split("/")))).toEqual(Buffer.from(OLD));
    expect((await listAudit(diy)).records).toEqual([]);
  });

  it("its write had not landed: it says so, takes the lock over and writes; one audit record (its own)", async () => {
    const { root, diy } = await backend(OLD);
    await leftLock(diy, { pid: deadPid() }, pendingWrite(diy));
    const steps: [WriteStep, string][] = [];
    const read = await diy.readState();
    const result = await safeWrite({
      backend: diy,
      read,
      next: NEW,
      writer: me,
      audit: { summary: "x" },
      onStep: (step, detail) => steps.push([step, detail]),
    });
    expect(steps[0]![0]).toBe("recover");
    expect(steps[0]![1]).toMatch(
      /interrupted `stateward forget`.*no longer running.*had not landed.*taken over/,
    );
    expect(fs.readFileSync(path.join(root, ...STACK.split("/")))).toEqual(Buffer.from(NEW));
    const { records } = await listAudit(diy);
    expect(records).toHaveLength(1);
    expect(records[0]!.completedBy).toBeUndefined();
    expect(result.audit).toContain(records[0]!.id);
    expect(await diy.readLocks()).toEqual([]);
  });

  it("its write had landed: its audit record is completed under the id its lock named, once; the lock goes", async () => {
    const { root, diy } = await backend(OLD);
    const pending = pendingWrite(diy);
    // Killed after the backup and the state write, before its audit record.
    fs.mkdirSync(path.dirname(diy.store.locate(pending.backup!)), { recursive: true });
    fs.writeFileSync(diy.store.locate(pending.backup!), OLD);
    fs.writeFileSync(path.join(root, ...STACK.split("/")), NEW);
    await leftLock(diy, { pid: deadPid(), who: "alice@laptop" }, pending);

    const settled = await settleAbandonedLocks(diy, me);
    expect(settled.live).toEqual([]);
    expect(settled.abandoned).toHaveLength(1);
    expect(settled.abandoned[0]).toMatchObject({
      action: "forget",
      who: "alice@laptop",
      outcome: "landed",
      released: true,
      audit: { completedNow: true, location: diy.store.locate(auditKey(diy, pending.audit)) },
      backup: diy.store.locate(pending.backup!),
    });
    const { records } = await listAudit(diy);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: pending.audit,
      who: "alice@laptop",
      action: "forget",
      summary: pending.summary,
      changes: pending.changes,
      before: { revision: sha256(OLD), resources: 2 },
      after: { revision: sha256(NEW), resources: 3 },
      backup: diy.store.locate(pending.backup!),
      completedBy: { who: "tester@host" },
      bytes: { before: sha256(OLD), after: sha256(NEW), backupKey: pending.backup },
    });
    expect(await diy.readLocks()).toEqual([]);
    // Nothing left to settle; the state is untouched.
    expect(await settleAbandonedLocks(diy, me)).toEqual({ abandoned: [], live: [] });
    expect(fs.readFileSync(path.join(root, ...STACK.split("/")))).toEqual(Buffer.from(NEW));
  });

  it("its write had landed and been recorded (killed before unlocking): no second record", async () => {
    const { root, diy } = await backend(OLD);
    const pending = pendingWrite(diy);
    fs.writeFileSync(path.join(root, ...STACK.split("/")), NEW);
    fs.mkdirSync(path.dirname(diy.store.locate(auditKey(diy, pending.audit))), { recursive: true });
    fs.writeFileSync(diy.store.locate(auditKey(diy, pending.audit)), JSON.stringify({ id: pending.audit }));
    await leftLock(diy, { pid: deadPid() }, pending);
    const settled = await settleAbandonedLocks(diy, me);
    expect(settled.abandoned[0]).toMatchObject({ outcome: "landed", audit: { completedNow: false } });
    expect(fs.readdirSync(path.dirname(diy.store.locate(auditKey(diy, pending.audit))))).toHaveLength(1);
  });

  it("the state is neither what it read nor what it wrote: no record for it; the lock is taken over", async () => {
    const { root, diy } = await backend(OTHER);
    await leftLock(diy, { pid: deadPid() }, pendingWrite(diy));
    const settled = await settleAbandonedLocks(diy, me);
    expect(settled.abandoned[0]).toMatchObject({ outcome: "changed", released: true });
    expect((await listAudit(diy)).records).toEqual([]);
    expect(fs.readFileSync(path.join(root, ...STACK.split("/")))).toEqual(Buffer.from(OTHER));
  });

  it("from another host: a young lock refuses, one older than the bound is taken over", async () => {
    const { diy } = await backend(OLD);
    const young = await leftLock(diy, { host: "ci-runner-7", pid: 4242 }, pendingWrite(diy), 60_000);
    await expect(writeNext(diy)).rejects.toMatchObject({ code: "LOCKED" });
    fs.rmSync(young);
    await leftLock(diy, { host: "ci-runner-7", pid: 4242 }, pendingWrite(diy), REMOTE_LOCK_STALE_MS + 60_000);
    await writeNext(diy);
    expect(await diy.readLocks()).toEqual([]);
  });

  it("lock status says why a lock is taken for abandoned", async () => {
    const { diy } = await backend(OLD);
    const pid = deadPid();
    await leftLock(diy, { pid }, pendingWrite(diy));
    const open = { backend: diy, sources: { app: "proj", stage: "dev" } } as unknown as OpenStage;
    const status = await lockStatus(open);
    expect(status.locks[0]).toMatchObject({ byStateward: true, command: "stateward forget" });
    expect(status.locks[0]!.abandoned).toMatch(new RegExp(`pid ${pid} .* no longer running`));
  });
});

describe("the abort signal (Ctrl-C) in a safe write", () => {
  it("before the state write: INTERRUPTED (130), the state unchanged, the lock released, no record", async () => {
    const { root, diy } = await backend(OLD);
    const controller = new AbortController();
    const read = await diy.readState();
    const error = await safeWrite({
      backend: diy,
      read,
      next: NEW,
      writer: me,
      audit: { summary: "x" },
      signal: controller.signal,
      onStep: (step) => {
        if (step === "backup") controller.abort();
      },
    }).then(
      () => new StatewardError("none", ""),
      (e: unknown) => e as StatewardError,
    );
    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(errorExitCode(error)).toBe(130);
    expect(error.message).toMatch(
      /interrupted before the state was written: .* is unchanged; the lock it had taken was released\.$/,
    );
    expect(fs.readFileSync(path.join(root, ...STACK.split("/")))).toEqual(Buffer.from(OLD));
    expect(await diy.readLocks()).toEqual([]);
    expect((await listAudit(diy)).records).toEqual([]);
  });

  it("after the state write started: finished — read back, recorded, unlocked — then INTERRUPTED naming it", async () => {
    const { root, diy } = await backend(OLD);
    const controller = new AbortController();
    const read = await diy.readState();
    const error = await safeWrite({
      backend: diy,
      read,
      next: NEW,
      writer: me,
      audit: { summary: "x" },
      signal: controller.signal,
      onStep: (step) => {
        if (step === "read-back") controller.abort();
      },
    }).then(
      () => new StatewardError("none", ""),
      (e: unknown) => e as StatewardError,
    );
    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(errorExitCode(error)).toBe(130);
    expect(fs.readFileSync(path.join(root, ...STACK.split("/")))).toEqual(Buffer.from(NEW));
    const { records } = await listAudit(diy);
    expect(records).toHaveLength(1);
    expect(error.message).toContain(records[0]!.id);
    expect(error.message).toContain(records[0]!.backup!);
    expect(error.message).toMatch(/the lock was released/);
    expect(await diy.readLocks()).toEqual([]);
  });
});
