/**
 * The real SST CLI and stateward on one local cloud (HTTPS, SSL-only buckets), both directions,
 * plain and with `state: { compress: true }`. What SST cannot do offline (deploy and refresh past
 * their lock: they need the Pulumi CLI, the platform's npm packages and the AWS provider plugin)
 * is used only as far as it gets: the lock, the update record, the passphrase, the pull.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CreateBucketCommand, GetBucketPolicyCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SstWorld,
  fixtureCheckpoint,
  waitFor,
  type Checkpoint,
  type Resource,
  type SstProject,
} from "./harness.js";

const world = new SstWorld();
beforeAll(() => world.start());
afterAll(() => world.stop());

interface ShowJson {
  summary: {
    stack: string;
    resources: number;
    format: { gzip: boolean };
    byType: { type: string; count: number }[];
  };
}
interface HistoryJson {
  versions: { id: string; current: boolean; resources: number; update?: { id: string; command?: string } }[];
  events: {
    id: string;
    command?: string;
    outcome: string;
    time?: string;
    timeStarted?: string;
    errors: { message: string }[];
  }[];
}
interface LockJson {
  locked: boolean;
  locks: {
    holder?: string;
    created?: string;
    command?: string;
    updateId?: string;
    byStateward: boolean;
    update?: { outcome: string };
  }[];
}
interface UpdateRecord {
  id: string;
  command: string;
  timeStarted?: string;
  timeCompleted?: string;
  errors?: { message: string }[] | null;
}

function json<T>(r: { code: number; stdout: string; stderr: string }, codes = [0]): T {
  if (!codes.includes(r.code)) throw new Error(`exit ${r.code}: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function countByType(resources: Resource[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of resources) out[r.type] = (out[r.type] ?? 0) + 1;
  return out;
}

const urns = (c: Checkpoint) => (c.latest?.resources ?? []).map((r) => r.urn).sort();

/** A checkpoint whose extra bucket depends on a resource that is not there (Pulumi refuses it). */
function dangling(app: string, stage: string): { checkpoint: Checkpoint; gone: string; from: string } {
  const checkpoint = fixtureCheckpoint(app, stage, ["with-dangling"]);
  const from = checkpoint.latest!.resources!.find((r) => r.urn.endsWith("::with-dangling"))!;
  const gone = `urn:pulumi:${stage}::${app}::aws:s3/bucket:Bucket::gone`;
  from.dependencies = [...(from.dependencies ?? []), gone];
  return { checkpoint, gone, from: from.urn };
}

for (const compress of [false, true]) {
  describe(compress ? "with state: { compress: true }" : "plain state", () => {
    let p: SstProject;
    beforeAll(() => {
      p = world.project(compress ? "interopgz" : "interop", compress);
    });

    /** SST's update records for a stage, oldest first (ids sort by time), read from the bucket. */
    async function sstUpdates(stage: string): Promise<UpdateRecord[]> {
      const keys = await world.objectKeys(`update/${p.app}/${stage}/`);
      const records = await Promise.all(keys.map((k) => world.jsonObject<UpdateRecord>(k)));
      return records.reverse();
    }

    it("SST's bootstrap step 3 leaves SSL-only policies, and SST works through them over HTTPS", async () => {
      await world.seedEmptyStage(p, "boot");
      await world.sstWrite(p, "boot", fixtureCheckpoint(p.app, "boot"));
      for (const bucket of [world.stateBucket, world.assetBucket]) {
        const policy = (await world.s3().send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!;
        expect(policy).toContain('"aws:SecureTransport":"false"');
        expect(policy).toContain('"Effect":"Deny"');
      }
      // The state SST wrote is gzip exactly when the app says compress.
      const raw = await world.rawObject(`app/${p.app}/boot.json`);
      expect(raw.gzip).toBe(compress);
    });

    it("SST writes (state edit) → stateward state show, verify and history list agree with sst state export", async () => {
      await world.seedEmptyStage(p, "read");
      await world.sstWrite(p, "read", fixtureCheckpoint(p.app, "read", ["second-bucket"]));
      const exported = await world.exportState(p, "read");
      const resources = exported.latest!.resources!;

      const show = json<ShowJson>(await world.stateward(p, ["state", "show", "--stage", "read", "--json"]));
      expect(show.summary.stack).toBe(exported.stack);
      expect(show.summary.resources).toBe(resources.length);
      expect(show.summary.format.gzip).toBe(compress);
      expect(Object.fromEntries(show.summary.byType.map((t) => [t.type, t.count]))).toEqual(
        countByType(resources),
      );

      const verify = json<{ violations: unknown[] }>(
        await world.stateward(p, ["state", "verify", "--stage", "read", "--json"]),
      );
      expect(verify.violations).toEqual([]);

      const updates = await sstUpdates("read");
      expect(updates.length).toBe(1);
      const history = json<HistoryJson>(
        await world.stateward(p, ["history", "list", "--stage", "read", "--json"]),
      );
      const current = history.versions.find((v) => v.current)!;
      expect(current.resources).toBe(resources.length);
      expect(current.update?.id).toBe(updates[0]!.id);
      expect(current.update?.command).toBe("edit");
      const event = history.events.find((e) => e.id === updates[0]!.id)!;
      expect(event.outcome).toBe("finished");
      // The time stateward gives the update is the time SST recorded for it.
      expect(Date.parse(event.time!)).toBe(Date.parse(updates[0]!.timeStarted!));
    });

    it("sst state remove → the entry is gone for stateward too, and history lists SST's update", async () => {
      await world.seedEmptyStage(p, "remove");
      await world.sstWrite(p, "remove", fixtureCheckpoint(p.app, "remove", ["doomed", "kept"]));
      const r = await world.sst(p, ["state", "remove", "doomed", "--stage", "remove"], { input: "y\n" });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const exported = await world.exportState(p, "remove");
      expect(urns(exported).some((u) => u.endsWith("::doomed"))).toBe(false);
      expect(urns(exported).some((u) => u.endsWith("::kept"))).toBe(true);

      const show = json<ShowJson>(await world.stateward(p, ["state", "show", "--stage", "remove", "--json"]));
      expect(show.summary.resources).toBe(exported.latest!.resources!.length);
      const updates = await sstUpdates("remove");
      const history = json<HistoryJson>(
        await world.stateward(p, ["history", "list", "--stage", "remove", "--json"]),
      );
      const current = history.versions.find((v) => v.current)!;
      expect(current.update?.id).toBe(updates.at(-1)!.id);
      expect(history.events.map((e) => e.id).sort()).toEqual(updates.map((u) => u.id).sort());
    });

    it("sst state repair fixes the dangling dependency stateward verify reports", async () => {
      await world.seedEmptyStage(p, "sstrepair");
      const { checkpoint, gone } = dangling(p.app, "sstrepair");
      await world.sstWrite(p, "sstrepair", checkpoint);
      const before = await world.stateward(p, ["state", "verify", "--stage", "sstrepair", "--json"]);
      expect(before.code).toBe(3);
      expect(before.stdout).toContain(gone);

      const r = await world.sst(p, ["state", "repair", "--stage", "sstrepair"], { input: "y\n" });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const after = json<{ violations: unknown[] }>(
        await world.stateward(p, ["state", "verify", "--stage", "sstrepair", "--json"]),
      );
      expect(after.violations).toEqual([]);
      const history = json<HistoryJson>(
        await world.stateward(p, ["history", "list", "--stage", "sstrepair", "--json"]),
      );
      expect(history.versions.find((v) => v.current)!.update?.command).toBe("repair");
    });

    it("stateward state repair → sst state export accepts it and sst state repair finds nothing left", async () => {
      await world.seedEmptyStage(p, "swrepair");
      const { checkpoint, gone, from } = dangling(p.app, "swrepair");
      await world.sstWrite(p, "swrepair", checkpoint);
      const r = await world.stateward(p, ["state", "repair", "--stage", "swrepair", "--yes"]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const exported = await world.exportState(p, "swrepair");
      const entry = exported.latest!.resources!.find((x) => x.urn === from)!;
      expect(entry.dependencies ?? []).not.toContain(gone);
      expect((await world.rawObject(`app/${p.app}/swrepair.json`)).gzip).toBe(compress);
      const again = await world.sst(p, ["state", "repair", "--stage", "swrepair"], { input: "y\n" });
      expect(again.stdout + again.stderr).toContain("No changes made");
    });

    it("stateward forget, adopt and history restore → sst state export accepts each result", async () => {
      await world.seedEmptyStage(p, "write");
      await world.sstWrite(p, "write", fixtureCheckpoint(p.app, "write", ["forget-me", "keep-me"]));
      const original = await world.exportState(p, "write");
      const forgetUrn = urns(original).find((u) => u.endsWith("::forget-me"))!;

      const forget = await world.stateward(p, ["forget", forgetUrn, "--stage", "write", "--yes"]);
      expect(forget.code, forget.stdout + forget.stderr).toBe(0);
      const afterForget = await world.exportState(p, "write");
      expect(urns(afterForget)).toEqual(urns(original).filter((u) => u !== forgetUrn));
      expect((await world.rawObject(`app/${p.app}/write.json`)).gzip).toBe(compress);

      const bucket = `${p.app}-adopted-bucket`;
      await world.s3().send(new CreateBucketCommand({ Bucket: bucket }));
      const adopt = await world.stateward(p, [
        "adopt",
        "aws:s3/bucket:Bucket",
        bucket,
        "--stage",
        "write",
        "--yes",
      ]);
      expect(adopt.code, adopt.stdout + adopt.stderr).toBe(0);
      const afterAdopt = await world.exportState(p, "write");
      const adopted = afterAdopt.latest!.resources!.filter((r) => r.id === bucket);
      expect(adopted.map((r) => r.type)).toEqual(["aws:s3/bucket:Bucket"]);
      expect(urns(afterAdopt).length).toBe(urns(afterForget).length + 1);

      const history = json<HistoryJson>(
        await world.stateward(p, ["history", "list", "--stage", "write", "--json"]),
      );
      const firstUpdate = (await sstUpdates("write"))[0]!.id;
      const first = history.versions.find((v) => v.update?.id === firstUpdate);
      expect(first, JSON.stringify(history.versions)).toBeDefined();
      const restore = await world.stateward(p, [
        "history",
        "restore",
        first!.id,
        "--stage",
        "write",
        "--yes",
        "--no-cloud-check",
      ]);
      expect(restore.code, restore.stdout + restore.stderr).toBe(0);
      expect(urns(await world.exportState(p, "write"))).toEqual(urns(original));
      expect((await world.rawObject(`app/${p.app}/write.json`)).gzip).toBe(compress);
    });

    it("a lock SST holds (state edit) is shown with its command, update and start (SST records no holder); gone when SST finishes", async () => {
      await world.seedEmptyStage(p, "held");
      await world.sstWrite(p, "held", fixtureCheckpoint(p.app, "held"));
      const hold = path.join(world.root, `hold-${p.app}-held`);
      const reached = path.join(world.root, `reached-${p.app}-held`);
      writeFileSync(hold, "");
      const startedAfter = Math.floor(Date.now() / 1000) * 1000;
      const sst = world.sstEdit(p, "held", { hold, reached });
      try {
        await waitFor("sst to take its lock and start the editor", () => existsSync(reached));
        const status = await world.stateward(p, ["lock", "status", "--stage", "held", "--json"]);
        expect(status.code).toBe(4);
        const lock = json<LockJson>(status, [4]);
        expect(lock.locked).toBe(true);
        expect(lock.locks.length).toBe(1);
        const held = lock.locks[0]!;
        expect(held.byStateward).toBe(false);
        expect(held.command).toBe("edit");
        // SST's lock object records no holder (runID, created, updateID, command only).
        expect(held.holder).toBeUndefined();
        const created = Date.parse(held.created!);
        expect(created).toBeGreaterThanOrEqual(startedAfter);
        expect(created).toBeLessThanOrEqual(Date.now());
        const updates = await sstUpdates("held");
        expect(held.updateId).toBe(updates.at(-1)!.id);
        expect(held.update?.outcome).toBe("unfinished");
      } finally {
        rmSync(hold, { force: true });
      }
      expect((await sst.done).code).toBe(0);
      expect(
        json<LockJson>(await world.stateward(p, ["lock", "status", "--stage", "held", "--json"])).locked,
      ).toBe(false);
    });

    it("a killed SST leaves its lock; SST refuses, stateward lock release breaks it, and SST proceeds", async () => {
      await world.seedEmptyStage(p, "killed");
      await world.sstWrite(p, "killed", fixtureCheckpoint(p.app, "killed", ["victim"]));
      const hold = path.join(world.root, `hold-${p.app}-killed`);
      const reached = path.join(world.root, `reached-${p.app}-killed`);
      writeFileSync(hold, "");
      const sst = world.sstEdit(p, "killed", { hold, reached });
      await waitFor("sst to take its lock", () => existsSync(reached));
      sst.kill("SIGKILL");
      rmSync(hold); // the editor SST started outlives it and keeps its output open until it exits
      await sst.done;

      const status = json<LockJson>(
        await world.stateward(p, ["lock", "status", "--stage", "killed", "--json"]),
        [4],
      );
      expect(status.locked).toBe(true);
      expect(status.locks[0]!.update?.outcome).toBe("unfinished");

      const refused = await world.sst(p, ["state", "remove", "victim", "--stage", "killed"], {
        input: "y\n",
      });
      expect(refused.code).not.toBe(0);
      expect(urns(await world.exportState(p, "killed")).some((u) => u.endsWith("::victim"))).toBe(true);

      // The lock is seconds old: stateward will not call it abandoned without --force.
      const young = await world.stateward(p, ["lock", "release", "--stage", "killed", "--yes"]);
      expect(young.code).not.toBe(0);
      const release = await world.stateward(p, ["lock", "release", "--stage", "killed", "--yes", "--force"]);
      expect(release.code, release.stdout + release.stderr).toBe(0);
      expect(
        json<LockJson>(await world.stateward(p, ["lock", "status", "--stage", "killed", "--json"])).locked,
      ).toBe(false);

      const proceeds = await world.sst(p, ["state", "remove", "victim", "--stage", "killed"], {
        input: "y\n",
      });
      expect(proceeds.code, proceeds.stdout + proceeds.stderr).toBe(0);
      expect(urns(await world.exportState(p, "killed")).some((u) => u.endsWith("::victim"))).toBe(false);
    });

    it("sst unlock of a killed edit → stateward shows no lock and the update SST marked force-unlocked", async () => {
      await world.seedEmptyStage(p, "unlock");
      await world.sstWrite(p, "unlock", fixtureCheckpoint(p.app, "unlock"));
      const hold = path.join(world.root, `hold-${p.app}-unlock`);
      const reached = path.join(world.root, `reached-${p.app}-unlock`);
      writeFileSync(hold, "");
      const sst = world.sstEdit(p, "unlock", { hold, reached });
      await waitFor("sst to take its lock", () => existsSync(reached));
      sst.kill("SIGKILL");
      rmSync(hold); // the editor SST started outlives it and keeps its output open until it exits
      await sst.done;
      const killedUpdate = (await sstUpdates("unlock")).at(-1)!;

      const u = await world.sst(p, ["unlock", "--stage", "unlock"]);
      expect(u.code, u.stdout + u.stderr).toBe(0);
      expect(
        json<LockJson>(await world.stateward(p, ["lock", "status", "--stage", "unlock", "--json"])).locked,
      ).toBe(false);
      const record = (await sstUpdates("unlock")).find((r) => r.id === killedUpdate.id)!;
      expect(record.errors?.[0]?.message).toMatch(/force unlocked/);
      const history = json<HistoryJson>(
        await world.stateward(p, ["history", "list", "--stage", "unlock", "--json"]),
      );
      const event = history.events.find((e) => e.id === killedUpdate.id);
      expect(event, JSON.stringify(history.events)).toBeDefined();
      expect(event!.outcome).toBe("failed");
      expect(event!.errors[0]?.message).toBe(record.errors![0]!.message);
    });

    it("sst deploy holds its lock offline up to the Pulumi engine; stateward shows it as SST's deploy", async () => {
      // A stage with no state: SST locks, records the update, makes the passphrase, finds no state,
      // and runs `pulumi stack init` — the stand-in, which waits while the hold file exists.
      const stage = "deploy";
      writeFileSync(world.holdFile, "");
      const before = world.pulumiCallCount("stack init");
      const sst = world.spawnSst(p, ["deploy", "--stage", stage]);
      try {
        await waitFor("sst deploy to reach pulumi", () => world.pulumiCallCount("stack init") > before);
        const lock = json<LockJson>(
          await world.stateward(p, ["lock", "status", "--stage", stage, "--json"]),
          [4],
        );
        expect(lock.locks[0]!.command).toBe("deploy");
        expect(lock.locks[0]!.byStateward).toBe(false);
        const updates = await world.objectKeys(`update/${p.app}/${stage}/`);
        expect(updates.map((k) => path.basename(k, ".json"))).toContain(lock.locks[0]!.updateId);
      } finally {
        rmSync(world.holdFile, { force: true });
      }
      const done = await sst.done;
      expect(done.code).not.toBe(0); // the stand-in is not Pulumi: deploy stops there
      expect(
        json<LockJson>(await world.stateward(p, ["lock", "status", "--stage", stage, "--json"])).locked,
      ).toBe(false);
    });
  });
}
