/**
 * Ctrl-C (SIGINT) during a write, as a child process of the built CLI against the local cloud: the
 * message says exactly what landed, and what landed has its backup and audit record. And Ctrl-C at a
 * prompt: "Cancelled", nothing written, exit 130 — never "a bug in stateward".
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listHistory } from "../../src/actions/history.js";
import { S3Store } from "../../src/backends/s3-store.js";
import { SstHomeBackend } from "../../src/backends/sst-home.js";
import type { Prompter } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys } from "../../src/state/index.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { BIN, cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const APP = ACME.app;
let s3: S3Client;
let current: Uint8Array;
let target: Uint8Array;

async function get(key: string): Promise<Uint8Array | undefined> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: ACME.stateBucket, Key: key }));
    return await res.Body!.transformToByteArray();
  } catch (e) {
    if ((e as { name?: string }).name === "NoSuchKey") return undefined;
    throw e;
  }
}

async function keys(prefix: string): Promise<string[]> {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: ACME.stateBucket, Prefix: prefix }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** A stage whose state has two S3 versions, production's current and an older one; returns the older's id. */
async function restoreStage(stage: string): Promise<string> {
  const key = sstKeys.state(APP, stage);
  const res = await s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: target }));
  await s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: current }));
  return res.VersionId!;
}

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
  sent: boolean;
}

/** Runs the CLI and sends SIGINT once `line` is on stderr and `ready()` (if given) says so. */
function interruptAt(args: string[], line: string, ready?: () => boolean): Promise<Child> {
  const env = { PATH: process.env.PATH ?? "", ...sandboxEnv(sandbox), AWS_REGION: ACME.homeRegion };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: tempDir() });
    let stdout = "";
    let stderr = "";
    let sent = false;
    let timer: NodeJS.Timeout | undefined;
    const send = () => {
      if (sent || !stderr.includes(line) || (ready !== undefined && !ready())) return;
      sent = true;
      clearInterval(timer);
      child.kill("SIGINT");
    };
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      send();
      if (!sent && ready !== undefined && stderr.includes(line)) timer ??= setInterval(send, 5);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, sent });
    });
  });
}

const restore = (stage: string, version: string) => [
  "history",
  "restore",
  version,
  "--app",
  APP,
  "--stage",
  stage,
  "--yes",
];

beforeAll(async () => {
  s3 = new S3Client(sandbox.config(ACME.homeRegion));
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const backend = new SstHomeBackend(new S3Store(s3, ACME.stateBucket), APP, "production", ACME.homeRegion);
  current = (await backend.readState())!.bytes;
  const list = await listHistory(backend);
  target = list.bytesOf(list.versions.find((v) => !v.current && v.unreadable === undefined)!.id)!;
}, 60_000);

afterAll(() => {
  sandbox.server().faults.configure({ rules: [] });
  s3.destroy();
});

describe("Ctrl-C during a write", () => {
  it("while the state write is in flight: the write is finished, recorded and said so (exit 130)", async () => {
    const stage = "int-inflight";
    const version = await restoreStage(stage);
    // The state PUT (after the lock and the backup) reaches the local cloud, which holds it a while.
    sandbox.server().faults.configure({ rules: [{ service: "s3", operation: "PutObject", latencyMs: 700 }] });
    const puts = () => sandbox.server().requestCounts.byService.s3?.PutObject ?? 0;
    const before = puts();
    const child = await interruptAt(
      restore(stage, version),
      "stateward: writing ",
      () => puts() >= before + 3,
    );
    sandbox.server().faults.configure({ rules: [] });
    expect(child.sent).toBe(true);
    expect(child.code).toBe(130);
    // What landed is named: the new state, where the old one is kept, the audit record; the lock is gone.
    expect(child.stderr).toMatch(/interrupted after its state write had started, so the write was finished/);
    expect(same(await get(sstKeys.state(APP, stage)), target)).toBe(true);
    const audits = await keys(`stateward/${APP}/${stage}/audit/`);
    const backups = await keys(`stateward/${APP}/${stage}/backups/`);
    expect(audits).toHaveLength(1);
    expect(backups).toHaveLength(1);
    expect(child.stderr).toContain(audits[0]!);
    expect(child.stderr).toContain(backups[0]!);
    expect(same(await get(backups[0]!), current)).toBe(true);
    expect(child.stderr).not.toMatch(/Nothing more was written/);
    expect(await get(sstKeys.lock(APP, stage))).toBeUndefined();
  }, 30_000);

  it("after the state write (reading it back): the audit record is still written (exit 130)", async () => {
    const stage = "int-readback";
    const version = await restoreStage(stage);
    sandbox.server().faults.configure({ rules: [{ service: "s3", operation: "GetObject", latencyMs: 300 }] });
    const child = await interruptAt(restore(stage, version), "stateward: reading the state back");
    sandbox.server().faults.configure({ rules: [] });
    expect(child.code).toBe(130);
    expect(child.stderr).toMatch(/the write was finished: .* holds the new state/);
    expect(same(await get(sstKeys.state(APP, stage)), target)).toBe(true);
    const audits = await keys(`stateward/${APP}/${stage}/audit/`);
    expect(audits).toHaveLength(1);
    expect(child.stderr).toContain(audits[0]!);
    expect(await get(sstKeys.lock(APP, stage))).toBeUndefined();
  }, 30_000);

  it("before the state write (during the backup): nothing changed, no lock left, and it says so", async () => {
    const stage = "int-backup";
    const version = await restoreStage(stage);
    sandbox.server().faults.configure({ rules: [{ service: "s3", operation: "PutObject", latencyMs: 300 }] });
    const child = await interruptAt(restore(stage, version), "stateward: keeping the current bytes");
    sandbox.server().faults.configure({ rules: [] });
    expect(child.code).toBe(130);
    expect(child.stderr).toMatch(/interrupted before the state was written: .* is unchanged/);
    expect(child.stderr).toMatch(/the lock it had taken was released/);
    expect(child.stderr).not.toMatch(/\n\s+at /);
    expect(same(await get(sstKeys.state(APP, stage)), current)).toBe(true);
    expect(await keys(`stateward/${APP}/${stage}/audit/`)).toEqual([]);
    expect(await get(sstKeys.lock(APP, stage))).toBeUndefined();
  }, 30_000);
});

/** Inquirer's error when the person presses Ctrl-C at a prompt. */
function ctrlC(): Error {
  return Object.assign(new Error("User force closed the prompt with SIGINT"), { name: "ExitPromptError" });
}

describe("Ctrl-C at a prompt", () => {
  const env = () => ({ ...sandboxEnv(sandbox), AWS_REGION: ACME.homeRegion });

  async function forgetStage(stage: string): Promise<{ bytes: Uint8Array; urn: string }> {
    const b = new SstStateBuilder({ app: APP, stage, account: sandbox.server().accountId });
    b.addFunction("Api");
    const urn = b.addDynamo("Orders").table.urn;
    const bytes = toBytes(b.versioned());
    await s3.send(
      new PutObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.state(APP, stage), Body: bytes }),
    );
    return { bytes, urn };
  }

  async function nothingWritten(stage: string, bytes: Uint8Array): Promise<void> {
    expect(same(await get(sstKeys.state(APP, stage)), bytes)).toBe(true);
    expect(await keys(`stateward/`).then((k) => k.filter((x) => x.includes(`/${stage}/`)))).toEqual([]);
    expect(await get(sstKeys.lock(APP, stage))).toBeUndefined();
  }

  it("at the yes/no question: Cancelled, exit 130, nothing written (not a crash)", async () => {
    const { bytes, urn } = await forgetStage("int-prompt");
    const prompt: Prompter = {
      select: () => Promise.reject(ctrlC()),
      confirm: () => Promise.reject(ctrlC()),
    };
    const r = await cli(["forget", urn, "--app", APP, "--stage", "int-prompt"], env(), { prompt });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^error: Cancelled/m);
    expect(r.stderr).not.toMatch(/bug in stateward/);
    await nothingWritten("int-prompt", bytes);

    const json = await cli(["forget", urn, "--app", APP, "--stage", "int-prompt", "--json"], env(), {
      prompt,
    });
    expect(json.code).toBe(130);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: "CANCELLED" } });
    await nothingWritten("int-prompt", bytes);
  });

  it("at the version list of `history restore`: Cancelled, exit 130, nothing written", async () => {
    const stage = "int-pick";
    await restoreStage(stage);
    const prompt: Prompter = {
      select: () => Promise.reject(ctrlC()),
      confirm: () => Promise.resolve(true),
    };
    const r = await cli(["history", "restore", "--app", APP, "--stage", stage], env(), { prompt });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/Cancelled/);
    await nothingWritten(stage, current);
  });

  it("SIGTERM while the prompt waits: the prompt ends, Cancelled, exit 130, nothing written", async () => {
    const { bytes, urn } = await forgetStage("int-term");
    let stop!: (how: string) => void;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const prompt: Prompter = {
      select: () => Promise.reject(new Error("not asked")),
      // Like Inquirer given a signal: the prompt is ended when it fires.
      confirm: (_message, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener("abort", () =>
            reject(Object.assign(new Error("Prompt was aborted"), { name: "AbortPromptError" })),
          );
          setTimeout(() => stop("SIGTERM"), 10);
        }),
    };
    let stderr = "";
    const code = await runCli(["forget", urn, "--app", APP, "--stage", "int-term"], {
      stdout: { write: () => true, isTTY: false },
      stderr: { write: (s: string) => (stderr += s), isTTY: false },
      env: env(),
      cwd: tempDir(),
      prompt,
      untilStopped: () => stopped,
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/Cancelled/);
    await nothingWritten("int-term", bytes);
  });
});
