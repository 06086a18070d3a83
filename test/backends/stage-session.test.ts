/**
 * withStage, the library's way to open a stage for a command as the CLI does: before a write the lock
 * of a killed stateward write is settled (its landed write recorded, the lock taken over, each told);
 * a replayable write that fails before writing, its change already in the state, runs again on the
 * state the killed run had read; reads settle nothing; and the stage is closed either way.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AbandonedWrite } from "../../src/backends/abandoned-locks.js";
import { listAudit, newAuditId, type LockingWriter, type PendingWrite } from "../../src/backends/audit.js";
import { DirStore } from "../../src/backends/dir-store.js";
import { PulumiDiyBackend } from "../../src/backends/pulumi-diy.js";
import type { OpenStage } from "../../src/backends/resolve.js";
import { withStage, type StageRunOptions } from "../../src/backends/stage-session.js";
import { StatewardError } from "../../src/errors.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";

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
const STACK = ".pulumi/stacks/proj/dev.json";

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

/** A DIY backend on disk where a `forget` (OLD → NEW) landed and was killed before its record and unlock. */
async function killedForget(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "stateward-session-"));
  dirs.push(root);
  fs.mkdirSync(path.join(root, ".pulumi", "stacks", "proj"), { recursive: true });
  fs.writeFileSync(path.join(root, ".pulumi", "meta.yaml"), "version: 1\n");
  fs.writeFileSync(path.join(root, ...STACK.split("/")), NEW);
  const diy = await PulumiDiyBackend.open(new DirStore(root), "proj", "dev");
  const then = new Date(Date.now() - 5_000);
  const pending: PendingWrite = {
    audit: newAuditId(then),
    summary: "forgot 1 entry (the cloud is untouched)",
    changes: { added: [], removed: ["urn:x"], changed: [] },
    before: { revision: sha256(OLD), resources: 2, sha256: sha256(OLD) },
    after: { sha256: sha256(NEW), resources: 3 },
    backup: diy.backupKey(then, sha256(OLD)),
  };
  fs.mkdirSync(path.dirname(diy.store.locate(pending.backup!)), { recursive: true });
  fs.writeFileSync(diy.store.locate(pending.backup!), OLD);
  const killed: LockingWriter = {
    who: "alice@laptop",
    action: "forget",
    pid: deadPid(),
    host: os.hostname(),
    tool: "t",
    pending,
  };
  await diy.acquireLock(killed);
  return root;
}

/** A body that, like forget run twice, refuses once its change is in the state it reads. */
async function refusesOnNew(open: OpenStage): Promise<string> {
  const read = await open.backend.readState();
  if (Buffer.from(read!.bytes).equals(Buffer.from(NEW)))
    throw new StatewardError("NOT_IN_STATE", "urn:x is not in the state.");
  return sha256(read!.bytes);
}

const session = (root: string, run: StageRunOptions, body: (open: OpenStage) => Promise<string>) =>
  withStage({ backend: `file://${root}`, app: "proj", stage: "dev" }, { cwd: root, env: {} }, run, body);

describe("withStage", () => {
  it("a write: settles the killed write's lock (recorded, taken over, told), then replays the rerun", async () => {
    const root = await killedForget();
    const told: AbandonedWrite[] = [];
    const result = await session(root, { write: "forget", onAbandoned: (a) => told.push(a) }, refusesOnNew);
    // The rerun read the state the killed forget had read (from its backup).
    expect(result).toBe(sha256(OLD));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ action: "forget", outcome: "landed", released: true });
    const diy = await PulumiDiyBackend.open(new DirStore(root), "proj", "dev");
    expect(await diy.readLocks()).toEqual([]);
    expect((await listAudit(diy)).records).toHaveLength(1);
  });

  it("another write (not replayable): settled, but the body's own failure stands", async () => {
    const root = await killedForget();
    await expect(session(root, { write: "cleanup" }, refusesOnNew)).rejects.toMatchObject({
      code: "NOT_IN_STATE",
    });
  });

  it("a failure the run's own predicate calls stopped is never replayed past", async () => {
    const root = await killedForget();
    await expect(
      session(
        root,
        { write: "forget", stopped: (e) => (e as StatewardError).code === "NOT_IN_STATE" },
        refusesOnNew,
      ),
    ).rejects.toMatchObject({ code: "NOT_IN_STATE" });
  });

  it("a read: settles nothing, replays nothing", async () => {
    const root = await killedForget();
    const told: AbandonedWrite[] = [];
    await expect(session(root, { onAbandoned: (a) => told.push(a) }, refusesOnNew)).rejects.toMatchObject({
      code: "NOT_IN_STATE",
    });
    expect(told).toEqual([]);
    const diy = await PulumiDiyBackend.open(new DirStore(root), "proj", "dev");
    expect(await diy.readLocks()).toHaveLength(1);
  });
});
