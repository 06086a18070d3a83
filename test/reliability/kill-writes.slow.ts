/**
 * Every writing command killed outright (SIGKILL) at each point of its write, as a child process of the
 * built CLI against the local cloud seeded with the acme scenario. After each kill: the state object is
 * exactly the old bytes or exactly the new ones (never torn, never missing), a backup of the old bytes
 * exists whenever the new landed, and running the same command again converges — exit 0, the new state,
 * exactly one audit record of the change, no lock left. (Killed after its last step, the command had
 * finished; running it again then gets the answer a finished command gets twice, see ALREADY.)
 *
 * The kill lands at a named point through the test-only STATEWARD_TEST_PAUSE_AT hook (the write stops
 * there and says so on stderr). STATEWARD_KILL_BIN runs another build (e.g. an older commit) instead;
 * without the hook there, the kill lands on the step's progress line, with STATEWARD_KILL_LATENCY_MS of
 * latency on every S3 call to put it inside that step.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { spawn } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listHistory } from "../../src/actions/history.js";
import { FORCE_UNLOCK_MESSAGE, SstHomeBackend } from "../../src/backends/sst-home.js";
import { S3Store } from "../../src/backends/s3-store.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys, verifyIntegrity } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { BIN, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const CLI = process.env.STATEWARD_KILL_BIN ?? BIN;
const LEGACY = process.env.STATEWARD_KILL_BIN !== undefined;
const LATENCY_MS = Number(process.env.STATEWARD_KILL_LATENCY_MS ?? "0");
const APP = ACME.app;
const TIMEOUT = LEGACY ? 600_000 : 90_000;

/** The points of a safe write, and the progress line each one starts with (for builds without the hook). */
const WRITE_POINTS: [point: string, line: string | undefined][] = [
  ["lock", "stateward: taking the lock"],
  ["backup", "stateward: keeping the current bytes"],
  ["write", "stateward: writing "],
  ["read-back", "stateward: reading the state back"],
  ["audit", "stateward: recording the change"],
  ["unlock", "stateward: releasing the lock"],
  ["done", undefined],
];
const RELEASE_POINTS: [string, string | undefined][] = [
  ["release:audit", undefined],
  ["release:break", undefined],
  ["release:delete", undefined],
  ["release:done", undefined],
];

let s3: S3Client;

async function get(key: string): Promise<Uint8Array | undefined> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: ACME.stateBucket, Key: key }));
    return await res.Body!.transformToByteArray();
  } catch (e) {
    if ((e as { name?: string }).name === "NoSuchKey") return undefined;
    throw e;
  }
}

async function put(key: string, bytes: Uint8Array): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: ACME.stateBucket,
      Key: key,
      Body: bytes,
      ContentType: "application/json",
    }),
  );
}

async function keys(prefix: string): Promise<string[]> {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: ACME.stateBucket, Prefix: prefix }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  killed: boolean;
}

/**
 * Runs the CLI; with `point`, pauses there (the hook) and is killed with SIGKILL on the spot. A build
 * without the hook is killed on the point's progress line, or as soon as `poll` says so.
 */
function run(
  args: string[],
  point?: [string, string | undefined],
  poll?: () => Promise<boolean>,
): Promise<Child> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...sandboxEnv(sandbox) };
  env.AWS_REGION = ACME.homeRegion;
  if (point !== undefined) env.STATEWARD_TEST_PAUSE_AT = point[0];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: tempDir() });
    let stdout = "";
    let stderr = "";
    let killed = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (point === undefined || killed) return;
      const marker = stderr.includes(`stateward-test: paused at ${point[0]}\n`);
      const line = LEGACY && point[1] !== undefined && stderr.includes(point[1]);
      if (marker || line) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    const timer =
      LEGACY && point !== undefined && poll !== undefined
        ? setInterval(() => {
            void poll().then((now) => {
              if (now && !killed) {
                killed = true;
                child.kill("SIGKILL");
              }
            });
          }, 10)
        : undefined;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr, killed });
    });
  });
}

/** Timestamps an adoption writes (`created`, `modified`) differ between runs; nothing else may. */
const normalize = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString("utf8")
    .replace(/"(created|modified|time)":"[^"]*"/g, '"$1":"T"');

/** At most this many CLI processes at once (each kill runs on a stage of its own). */
const PARALLEL = Number(process.env.STATEWARD_KILL_PARALLEL ?? "6");
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(body: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await body();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** One run of a command on a stage of its own, set up as the stage was before the command. */
interface Case {
  stage: string;
  args: string[];
  /** What the command changes, now: "old", "new", or anything else (a failure). */
  look(): Promise<string>;
  /** After a kill that left the new state: the old bytes are kept as a backup. */
  backedUp(): Promise<boolean>;
  /** For a build without the test hook: when to kill it (the change has landed). */
  landed?: () => Promise<boolean>;
}

interface Kind {
  command: string;
  points: [string, string | undefined][];
  /** Sets up `stage` for one run of the command. */
  setup(stage: string): Promise<Case>;
}

/** A command that writes `app/acme/<stage>.json` under the safe-write protocol. */
interface StateCommand {
  /** The command line, without app, stage and --yes. */
  args(stage: string): string[];
  /** Puts the stage's state as it is before the command. */
  prepare(stage: string): Promise<Uint8Array>;
  /** The new state; learnt from one uninterrupted run when not given. */
  next?: Uint8Array;
  compare?: (a: Uint8Array, b: Uint8Array) => boolean;
}

function stateKind(command: string, c: StateCommand): Kind {
  const compare = c.compare ?? same;
  const setup = async (stage: string): Promise<Case> => {
    const old = await c.prepare(stage);
    const stateKey = sstKeys.state(APP, stage);
    return {
      stage,
      args: [...c.args(stage), "--app", APP, "--stage", stage, "--yes"],
      async look() {
        const now = await get(stateKey);
        if (now === undefined) return "missing";
        if (same(now, old)) return "old";
        if (compare(now, c.next!)) return "new";
        return "other";
      },
      async backedUp() {
        for (const k of await keys(`stateward/${APP}/${stage}/backups/`))
          if (same(await get(k), old)) return true;
        return false;
      },
    };
  };
  // One uninterrupted run on a stage of its own: what the new state is (when not given).
  let learnt: Promise<void> | undefined;
  const learn = async (stage: string) => {
    const old = await c.prepare(stage);
    const r = await slot(() => run([...c.args(stage), "--app", APP, "--stage", stage, "--yes"]));
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    c.next = await get(sstKeys.state(APP, stage));
    expect(same(c.next, old)).toBe(false);
    expect(verifyIntegrity(parseState(c.next!, stage).deployment)).toEqual([]);
  };
  return {
    command,
    points: WRITE_POINTS,
    async setup(stage) {
      if (c.next === undefined) await (learnt ??= learn(`${stage.replace(/-\d+$/, "")}-learn`));
      return setup(stage);
    },
  };
}

/** One kill, then the rerun; what each showed. */
interface Outcome {
  command: string;
  point: string;
  killed: boolean;
  after: string;
  backupOk: boolean;
  rerunCode: number | null;
  rerunAfter: string;
  audits: number;
  lockLeft: boolean;
  rerunError?: string;
  rerunErrorCode?: string;
}

async function killAt(kind: Kind, c: Case, point: [string, string | undefined]): Promise<Outcome> {
  const killed = await slot(() => run(c.args, point, c.landed));
  // A build without the hook may be killed with a request in flight: let it land before looking.
  if (LEGACY) await new Promise((r) => setTimeout(r, LATENCY_MS + 300));
  const after = await c.look();
  const backupOk = after !== "new" || (await c.backedUp());
  return {
    command: kind.command,
    point: point[0],
    killed: killed.killed && killed.signal === "SIGKILL",
    after,
    backupOk,
    ...(await rerun(c)),
  };
}

/** The same command again, uninterrupted; then what the stage holds. */
async function rerun(c: Case): Promise<Omit<Outcome, "command" | "point" | "killed" | "after" | "backupOk">> {
  const again = await slot(() => run([...c.args, "--json"]));
  const outcome: Awaited<ReturnType<typeof rerun>> = {
    rerunCode: again.code,
    rerunAfter: await c.look(),
    audits: (await keys(`stateward/${APP}/${c.stage}/audit/`)).length,
    lockLeft: (await get(sstKeys.lock(APP, c.stage))) !== undefined,
  };
  if (again.code !== 0) {
    const error = (JSON.parse(again.stdout || "{}") as { error?: { code: string; message: string } }).error;
    outcome.rerunError = error?.message ?? again.stderr.trim().split("\n").slice(-2).join(" ");
    if (error !== undefined) outcome.rerunErrorCode = error.code;
  }
  return outcome;
}

const outcomes: Outcome[] = [];

/**
 * Killed at "done", the command had finished (written, recorded, unlocked): running it again is
 * running a finished command twice, answered as the command always answers that — nothing to do
 * (exit 0), or forget's and adopt's refusal of a change that is already there.
 */
const ALREADY = new Set(["UNKNOWN_URN", "ALREADY_IN_STATE"]);

function good(o: Outcome): boolean {
  const finished = o.point === "done" && o.after === "new";
  return (
    (o.killed || (LEGACY && o.point.endsWith("done"))) &&
    (o.after === "old" || o.after === "new") &&
    o.backupOk &&
    (o.rerunCode === 0 || (finished && ALREADY.has(o.rerunErrorCode ?? ""))) &&
    o.rerunAfter === "new" &&
    o.audits === 1 &&
    !o.lockLeft
  );
}

async function killEverywhere(kind: Kind, name: string): Promise<void> {
  const mine = await Promise.all(
    kind.points.map(async (point, i) => killAt(kind, await kind.setup(`${name}-${i}`), point)),
  );
  outcomes.push(...mine);
  expect(mine.filter((o) => !good(o))).toEqual([]);
}

beforeAll(async () => {
  s3 = new S3Client(sandbox.config(ACME.homeRegion));
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  if (LATENCY_MS > 0)
    sandbox.server().faults.configure({ rules: [{ service: "s3", latencyMs: LATENCY_MS }] });
}, 60_000);

afterAll(() => {
  const table = new Map<string, { kills: number; old: number; new: number; converged: number }>();
  for (const o of outcomes) {
    const row = table.get(o.command) ?? { kills: 0, old: 0, new: 0, converged: 0 };
    row.kills += o.killed ? 1 : 0;
    if (o.after === "old") row.old++;
    if (o.after === "new") row.new++;
    if (good(o)) row.converged++;
    table.set(o.command, row);
  }
  console.log(
    "kills per command (state after the kill; reruns that converged):\n" +
      [...table]
        .map(([c, r]) => `  ${c}: ${r.kills} kills, ${r.old} old, ${r.new} new, ${r.converged} converged`)
        .join("\n"),
  );
  s3.destroy();
});

/**
 * `history restore`: each stage holds two S3 versions of its state, production's current one over an
 * older one of production's history, and the command restores the older.
 */
let restoring: Promise<Kind> | undefined;
function restoreKind(): Promise<Kind> {
  return (restoring ??= (async () => {
    const backend = new SstHomeBackend(new S3Store(s3, ACME.stateBucket), APP, "production", ACME.homeRegion);
    const current = (await backend.readState())!.bytes;
    const list = await listHistory(backend);
    const target = list.bytesOf(list.versions.find((v) => !v.current && v.unreadable === undefined)!.id)!;
    const versionOf = new Map<string, string>();
    return stateKind("history restore", {
      args: (stage) => ["history", "restore", versionOf.get(stage)!],
      async prepare(stage) {
        const key = sstKeys.state(APP, stage);
        const res = await s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: target }));
        versionOf.set(stage, res.VersionId!);
        await put(key, current);
        return current;
      },
      next: target,
    });
  })());
}

/** A state built for one command (the same bytes on every stage it is put on). */
function built(stage: string, build: (b: SstStateBuilder) => void): Uint8Array {
  const b = new SstStateBuilder({ app: APP, stage, account: sandbox.server().accountId });
  build(b);
  return toBytes(b.versioned());
}

describe.concurrent("each writing command killed at every point of its write", () => {
  it(
    "history restore <version> --yes",
    async () => {
      await killEverywhere(await restoreKind(), "kill-restore");
    },
    TIMEOUT,
  );

  it(
    "state repair --yes (a stage)",
    async () => {
      // Out of order (the stack last) and a wrong manifest magic: what `state repair` fixes.
      const broken = JSON.parse(
        Buffer.from(
          built("repairkill", (b) => {
            b.addFunction("Api");
            b.addDynamo("Orders");
          }),
        ).toString("utf8"),
      ) as { checkpoint: { latest: { manifest: { magic: string }; resources: unknown[] } } };
      broken.checkpoint.latest.resources.push(broken.checkpoint.latest.resources.shift());
      broken.checkpoint.latest.manifest.magic = "0".repeat(64);
      const old = Buffer.from(JSON.stringify(broken));
      await killEverywhere(
        stateKind("state repair", {
          args: () => ["state", "repair"],
          prepare: async (stage) => (await put(sstKeys.state(APP, stage), old), old),
        }),
        "kill-repair",
      );
    },
    TIMEOUT,
  );

  it(
    "forget <urn> --yes",
    async () => {
      let leaf = "";
      const old = built("forgetkill", (b) => {
        b.addFunction("Api");
        leaf = b.addDynamo("Orders").table.urn;
      });
      await killEverywhere(
        stateKind("forget", {
          args: () => ["forget", leaf],
          prepare: async (stage) => (await put(sstKeys.state(APP, stage), old), old),
        }),
        "kill-forget",
      );
    },
    TIMEOUT,
  );

  it(
    "adopt <type> <id> --yes (a pending create resolved)",
    async () => {
      const old = (await get(sstKeys.state(APP, "dev")))!;
      await killEverywhere(
        stateKind("adopt", {
          args: () => [
            "adopt",
            "aws:cloudwatch/logGroup:LogGroup",
            "/aws/lambda/acme-dev-WorkerFunction-bcdwmsew",
          ],
          prepare: async (stage) => (await put(sstKeys.state(APP, stage), old), old),
          compare: (a, b) => normalize(a) === normalize(b),
        }),
        "kill-adopt",
      );
    },
    TIMEOUT,
  );

  it(
    "lock release --force --yes (SST's stale lock of a killed CI deploy)",
    async () => {
      const lock = (await get(sstKeys.lock(APP, "staging")))!;
      // staging is the scenario's compressed stage (SST's compress: true): its objects are gzip.
      const updateId = (JSON.parse(jsonText(lock)) as { updateID: string }).updateID;
      const update = (await get(sstKeys.update(APP, "staging", updateId)))!;
      const state = (await get(sstKeys.state(APP, "staging")))!;
      await killEverywhere(
        {
          command: "lock release",
          points: RELEASE_POINTS,
          async setup(stage) {
            const lockKey = sstKeys.lock(APP, stage);
            const updateKey = sstKeys.update(APP, stage, updateId);
            await Promise.all([
              put(sstKeys.state(APP, stage), state),
              put(lockKey, lock),
              put(updateKey, update),
            ]);
            return {
              stage,
              // (Builds before `lock release --yes` existed released without asking.)
              args: [
                "lock",
                "release",
                "--force",
                ...(LEGACY ? [] : ["--yes"]),
                "--app",
                APP,
                "--stage",
                stage,
              ],
              // Old: the lock (its update record maybe marked already); new: no lock, the update recorded
              // as force unlocked exactly once, as `sst unlock` leaves it.
              async look() {
                const [nowLock, nowUpdate] = await Promise.all([get(lockKey), get(updateKey)]);
                const record = JSON.parse(jsonText(nowUpdate!)) as {
                  errors?: { message: string }[];
                };
                const marks = (record.errors ?? []).filter((e) => e.message === FORCE_UNLOCK_MESSAGE).length;
                if (same(nowLock, lock) && (same(nowUpdate, update) || marks === 1)) return "old";
                if (nowLock === undefined && marks === 1) return "new";
                return `other (lock ${nowLock === undefined ? "gone" : "there"}, ${marks} force-unlock marks)`;
              },
              backedUp: () => Promise.resolve(true),
              landed: async () => (await get(lockKey)) === undefined,
            };
          },
        },
        "kill-release",
      );
    },
    TIMEOUT,
  );
});

/** A record's JSON text, gunzipped when it is gzip (SST sniffs 1f 8b the same way). */
function jsonText(bytes: Uint8Array): string {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : Buffer.from(bytes)).toString("utf8");
}

/** Runs the CLI and kills it (SIGKILL) once the local cloud has received `n` more PutObject requests. */
function killOnPut(args: string[], n: number): Promise<Child> {
  const puts = () => sandbox.server().requestCounts.byService.s3?.PutObject ?? 0;
  const target = puts() + n;
  const env = { PATH: process.env.PATH ?? "", ...sandboxEnv(sandbox), AWS_REGION: ACME.homeRegion };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: tempDir() });
    let stdout = "";
    let stderr = "";
    let killed = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setInterval(() => {
      if (killed || puts() < target) return;
      killed = true;
      child.kill("SIGKILL");
    }, 2);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr, killed });
    });
  });
}

describe("a restore killed with a request in flight, which the local cloud applies after the client is gone", () => {
  const LATENCY = 600;
  // The restore's PutObject requests: 1 the lock, 2 the backup, 3 the state, 4 the audit record.
  it.each([
    ["the lock", 1],
    ["the state write", 3],
    ["the audit record", 4],
  ])(
    "%s: old or new state, a backup when new, and the rerun converges",
    async (_what, n) => {
      const kind = await restoreKind();
      const c = await kind.setup(`kill-inflight-${n}`);
      sandbox
        .server()
        .faults.configure({ rules: [{ service: "s3", operation: "PutObject", latencyMs: LATENCY }] });
      const killed = await killOnPut(c.args, n);
      await new Promise((r) => setTimeout(r, LATENCY + 300));
      sandbox.server().faults.configure({ rules: [] });
      const after = await c.look();
      const o: Outcome = {
        command: "history restore (request in flight)",
        point: `${n}`,
        killed: killed.killed && killed.signal === "SIGKILL",
        after,
        backupOk: after !== "new" || (await c.backedUp()),
        ...(await rerun(c)),
      };
      outcomes.push(o);
      // The request landed after the kill: the state write and the audit record are in place.
      if (n >= 3) expect(after).toBe("new");
      expect(good(o) ? [] : [o]).toEqual([]);
    },
    TIMEOUT,
  );
});
