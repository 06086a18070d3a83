/**
 * Every update record is an event of `history list`, whether or not it produced a version of its
 * own: updates whose results are identical (a `repair` then a `refresh` that changed nothing), a
 * killed run's record, the record `sst unlock` leaves. `history show <update id>` finds each. Run as
 * a user runs the CLI, against the local cloud seeded with the acme scenario; ids are SST 4.x's.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { beforeEach, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys } from "../../src/state/index.js";
import { cli } from "../helpers.js";
import { useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();

function env(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: sandbox.server().url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** Go's id.Descending() for a time, with a fixed random half: written here apart from the code. */
function goDescendingId(ms: number, random: string): string {
  return (2 ** 48 - 1 - ms).toString(16).padStart(12, "0") + random;
}

const dev = ["--app", ACME.app, "--stage", "dev"];
const HOUR = 3_600_000;

interface Ids {
  repair: string;
  refresh: string;
  killed: string;
  unlocked: string;
}

let ids: Ids;

/** What SST leaves on dev: a repair and a refresh with the same result, a killed run, `sst unlock`. */
async function writeUpdates(): Promise<Ids> {
  const s3 = new S3Client(sandbox.config(ACME.homeRegion));
  const put = (key: string, body: string | Uint8Array) =>
    s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: body }));
  const current = await s3.send(
    new GetObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.state(ACME.app, "dev") }),
  );
  const state = await current.Body!.transformToByteArray();
  const now = Date.now();
  const made: Ids = {
    repair: goDescendingId(now - 4 * HOUR, "aa11bb22cc33"),
    refresh: goDescendingId(now - 3 * HOUR, "dd44ee55ff66"),
    killed: goDescendingId(now - 2 * HOUR, "0a1b2c3d4e5f"),
    unlocked: goDescendingId(now - HOUR, "f0e1d2c3b4a5"),
  };
  const seconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  for (const [command, id, at] of [
    ["repair", made.repair, now - 4 * HOUR],
    ["refresh", made.refresh, now - 3 * HOUR],
  ] as const) {
    await put(sstKeys.state(ACME.app, "dev"), state);
    await put(sstKeys.snapshot(ACME.app, "dev", id), state);
    await put(
      sstKeys.update(ACME.app, "dev", id),
      JSON.stringify({
        id,
        runID: `run-${command}`,
        version: "4.17.0",
        command,
        errors: null,
        timeStarted: seconds(at),
        timeCompleted: seconds(at + 20_000),
      }),
    );
  }
  // A deploy killed after it took the lock: its record, nothing else.
  await put(
    sstKeys.update(ACME.app, "dev", made.killed),
    JSON.stringify({
      id: made.killed,
      runID: "run-killed",
      version: "4.17.0",
      command: "deploy",
      errors: null,
      timeStarted: seconds(now - 2 * HOUR),
    }),
  );
  // What `sst unlock` writes over the record of the lock it deletes.
  await put(
    sstKeys.update(ACME.app, "dev", made.unlocked),
    JSON.stringify({
      id: made.unlocked,
      version: "4.17.0",
      command: "deploy",
      errors: [
        { urn: "", message: "Update did not complete and was force unlocked with the `sst unlock` command" },
      ],
      timeStarted: "",
      timeCompleted: seconds(now - HOUR + 60_000),
    }),
  );
  s3.destroy();
  return made;
}

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  ids = await writeUpdates();
}, 30_000);

interface Event {
  id: string;
  command?: string;
  outcome: string;
  time?: string;
  timeStarted?: string;
  timeStartedFrom?: string;
  version?: string;
  snapshot: boolean;
  forceUnlocked?: string;
  note?: string;
}

interface Listed {
  versions: {
    id: string;
    names: string[];
    current: boolean;
    update?: { id: string };
    updates?: { id: string }[];
  }[];
  events: Event[];
}

describe("history list", () => {
  it("lists every update record as an event, with and without a version of its own", async () => {
    const r = await cli(["history", "list", ...dev, "--json"], env());
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Listed;
    const byId = new Map(list.events.map((e) => [e.id, e]));
    for (const id of [ids.repair, ids.refresh, ids.killed, ids.unlocked]) expect(byId.has(id), id).toBe(true);
    // The repair and the refresh left the same state: one version, both updates on it.
    const version = list.versions.find((v) => v.names.includes(ids.repair))!;
    expect(version.names).toContain(ids.refresh);
    expect(version.current).toBe(true);
    expect(version.update?.id).toBe(ids.refresh);
    expect(version.updates?.map((u) => u.id).slice(0, 2)).toEqual([ids.refresh, ids.repair]);
    expect(byId.get(ids.repair)).toMatchObject({ command: "repair", version: version.id, snapshot: true });
    expect(byId.get(ids.refresh)).toMatchObject({ command: "refresh", version: version.id, snapshot: true });
    expect(byId.get(ids.killed)).toMatchObject({ command: "deploy", outcome: "unfinished", snapshot: false });
    expect(byId.get(ids.killed)!.version).toBeUndefined();
    expect(byId.get(ids.unlocked)).toMatchObject({
      outcome: "failed",
      snapshot: false,
      forceUnlocked: "sst unlock",
      timeStartedFrom: "id",
    });
    // Newest first.
    const order = [ids.unlocked, ids.killed, ids.refresh, ids.repair].map((id) =>
      list.events.findIndex((e) => e.id === id),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("shows the events in the human output", async () => {
    const r = await cli(["history", "list", ...dev], env());
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf("Updates"));
    expect(section).not.toBe(r.stdout);
    for (const id of [ids.repair, ids.refresh, ids.killed, ids.unlocked]) expect(section).toContain(id);
    expect(section).toMatch(/sst unlock/);
  });
});

describe("history show <update id>", () => {
  it("finds an update that left no version: the killed run, the record sst unlock leaves", async () => {
    for (const id of [ids.killed, ids.unlocked]) {
      const r = await cli(["history", "show", id, ...dev, "--json"], env());
      expect(r.code, r.stderr).toBe(0);
      const shown = JSON.parse(r.stdout) as { event: Event; version?: unknown };
      expect(shown.version).toBeUndefined();
      expect(shown.event).toMatchObject({ id, snapshot: false });
    }
    const human = await cli(["history", "show", ids.unlocked, ...dev], env());
    expect(human.stdout).toContain(ids.unlocked);
    expect(human.stdout).toMatch(/force unlocked/);
  });

  it("finds an update whose result equals another's, with both updates on the version", async () => {
    const r = await cli(["history", "show", ids.repair, ...dev, "--json"], env());
    expect(r.code, r.stderr).toBe(0);
    const shown = JSON.parse(r.stdout) as { version: { names: string[] }; events: Event[] };
    expect(shown.version.names).toContain(ids.repair);
    expect(shown.events.map((e) => e.id)).toEqual(expect.arrayContaining([ids.repair, ids.refresh]));
    const human = await cli(["history", "show", ids.repair, ...dev], env());
    expect(human.stdout).toContain(ids.repair);
    expect(human.stdout).toContain(ids.refresh);
  });

  it("an id that names nothing is still NO_SUCH_VERSION", async () => {
    const r = await cli(
      ["history", "show", goDescendingId(Date.now(), "123456789abc"), ...dev, "--json"],
      env(),
    );
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "NO_SUCH_VERSION" } });
  });
});
