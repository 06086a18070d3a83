/**
 * The stage commands as a user runs them — history, restore, lock, audit and state on a stage — in
 * process and as a child process, against the local cloud seeded with the acme scenario, with the
 * project found from an sst.config.ts on disk.
 */
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { promises as fs } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { FORCE_UNLOCK_MESSAGE } from "../../src/backends/sst-home.js";
import type { Prompter } from "../../src/cli/io.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { makeUpdateId, sstKeys, verifyIntegrity } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { useSandbox } from "../sandbox/harness.js";
import { bin, cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: sandbox.server().url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

const s3 = () => new S3Client(sandbox.config(ACME.homeRegion));

async function keys(prefix: string, bucket: string = ACME.stateBucket): Promise<string[]> {
  const client = s3();
  const res = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  client.destroy();
  return (res.Contents ?? []).map((o) => o.Key!);
}

/** An object's stored bytes and Content-Encoding (staging is written with SST's compress: true). */
async function stored(key: string): Promise<{ bytes: Uint8Array; encoding: string | undefined }> {
  const client = s3();
  const res = await client.send(new GetObjectCommand({ Bucket: ACME.stateBucket, Key: key }));
  const bytes = await res.Body!.transformToByteArray();
  client.destroy();
  return { bytes, encoding: res.ContentEncoding };
}

/** An object's bytes, gunzipped when they are gzip (as SST reads them: it sniffs 1f 8b). */
async function object(key: string): Promise<Uint8Array> {
  const { bytes } = await stored(key);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

/** An SST project on disk, as `sst init` leaves it, with the region and stage given. */
async function project(region: string, stage?: string): Promise<string> {
  const dir = tempDir();
  await fs.writeFile(
    path.join(dir, "sst.config.ts"),
    `/// <reference path="./.sst/platform/config.d.ts" />
export default $config({
  app(input) {
    return {
      name: "acme",
      removal: input?.stage === "production" ? "retain" : "remove",
      home: "aws",
      providers: { aws: { region: "${region}" } },
    };
  },
  async run() {
    new sst.aws.Function("Api", { handler: "src/api.handler" });
  },
});
`,
  );
  if (stage !== undefined) {
    await fs.mkdir(path.join(dir, ".sst"));
    await fs.writeFile(path.join(dir, ".sst", "stage"), `${stage}\n`);
  }
  await fs.mkdir(path.join(dir, "packages", "functions"), { recursive: true });
  return dir;
}

interface Json {
  [k: string]: unknown;
}
const json = (text: string) =>
  JSON.parse(text) as Json & { error?: { code: string; message: string; hint?: string } };

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("finding the stage from the project", () => {
  it("reads the app and region from sst.config.ts and the stage from .sst/stage, from a nested directory", async () => {
    const dir = await project("us-east-1", "production");
    const r = await cli(["history", "list", "--json"], env(), {
      cwd: path.join(dir, "packages", "functions"),
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const list = json(r.stdout) as {
      app: string;
      stage: string;
      backend: string;
      versions: { current: boolean }[];
    };
    expect(list).toMatchObject({ app: "acme", stage: "production" });
    expect(list.backend).toContain(ACME.stateBucket);
    expect(list.versions.filter((v) => v.current)).toHaveLength(1);
  });

  it("follows SST's precedence: --stage over SST_STAGE over .sst/stage; config region over AWS_REGION; --region over all", async () => {
    const dir = await project("us-west-2", "production");
    const stage = async (args: string[], extra: Record<string, string> = {}) =>
      json((await cli(["lock", "status", "--json", ...args], env(extra), { cwd: dir })).stdout);
    // SST_STAGE is used: the stray home in us-west-2 has only dev, so staging is named as not found there.
    const viaEnv = (await stage([], { SST_STAGE: "staging" })) as {
      error: { code: string; message: string };
    };
    expect(viaEnv.error.code).toBe("STAGE_NOT_FOUND");
    expect(viaEnv.error.message).toContain('"staging"');
    expect(await stage(["--stage", "dev"], { SST_STAGE: "staging" })).toMatchObject({ stage: "dev" });
    // providers.aws.region names the home region even when AWS_REGION says otherwise (case 8's stray home).
    const stray = (await stage(["--stage", "dev"], { AWS_REGION: "us-east-1" })) as { backend: string };
    expect(stray.backend).toContain(ACME.strayStateBucket);
    const home = (await stage(["--stage", "dev", "--region", "us-east-1"])) as { backend: string };
    expect(home.backend).toContain(ACME.stateBucket);
  });

  it("names the region and account when there is no SST home there", async () => {
    const r = await cli(
      ["history", "list", "--app", "acme", "--stage", "dev", "--region", "eu-central-1"],
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no SST home in eu-central-1 of account 123456789012/);
    expect(r.stderr).toMatch(/never creates an SST home/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("asks for the stage outside a project, and for the app", async () => {
    const noStage = await cli(["history", "list", "--app", "acme", "--json"], env());
    expect(noStage.code).toBe(2);
    expect(json(noStage.stdout).error?.message).toMatch(/Which stage/);
    // The stages the SST home holds are suggested; pr-42 was removed (its state object deleted).
    expect(json(noStage.stdout).error?.hint).toBe("Stages of acme: dev, production, staging.");
    const noApp = await cli(["history", "list", "--stage", "dev"], env());
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toMatch(/No SST project here/);
  });

  it("reports a broken sst.config.ts in one paragraph and suggests the flags", async () => {
    const dir = await project("us-east-1", "dev");
    await fs.writeFile(
      path.join(dir, "sst.config.ts"),
      "export default $config({ app() { throw new Error('boom') } });",
    );
    const r = await cli(["lock", "status"], env(), { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/boom/);
    expect(r.stderr).toMatch(/--app and --region/);
  });
});

describe("history", () => {
  const stage = ["--app", "acme", "--stage", "production"];

  it("lists every version newest first, each with resources, sources and its update", async () => {
    const r = await cli(["history", "list", ...stage, "--json"], env());
    expect(r.code).toBe(0);
    const { versions, copies } = json(r.stdout) as {
      copies: number;
      versions: {
        id: string;
        names: string[];
        time: string;
        resources: number;
        sources: string[];
        current: boolean;
        update?: { command: string; outcome: string };
      }[];
    };
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(copies).toBeGreaterThan(versions.length);
    expect(versions[0]!.current).toBe(true);
    expect(versions[0]!.names).toContain("current");
    expect(versions[1]!.names).toEqual(expect.arrayContaining(["previous", "-1"]));
    for (const v of versions) {
      expect(v.resources).toBeGreaterThan(0);
      expect(v.sources).toEqual(expect.arrayContaining(["s3-version", "sst-snapshot"]));
      expect(v.update).toMatchObject({ command: "deploy", outcome: "finished" });
    }
    const times = versions.map((v) => v.time);
    expect([...times].sort().reverse()).toEqual(times);
    const human = await cli(["history", "list", ...stage], env());
    expect(human.stdout).toMatch(/\* +\w+ +current/);
  });

  it("shows a version and diffs versions and files", async () => {
    const show = await cli(["history", "show", "previous", ...stage, "--json"], env());
    expect(show.code).toBe(0);
    const shown = json(show.stdout) as {
      version: { names: string[] };
      summary: { stage: string; resources: number };
    };
    expect(shown.version.names).toContain("previous");
    expect(shown.summary.stage).toBe("production");

    const diff = await cli(["history", "diff", "previous", "current", ...stage, "--json"], env());
    expect(diff.code).toBe(0);
    const d = json(diff.stdout) as { diff: { added: unknown[]; removed: { urn: string }[] } };
    // The newest deploy dropped the Reports function (case 4): previous → current removes it.
    expect(d.diff.removed.map((r) => r.urn).some((u) => u.endsWith("::Reports"))).toBe(true);

    const file = path.join(tempDir(), "current.json");
    await fs.writeFile(file, await object(sstKeys.state("acme", "production")));
    const mixed = await cli(["history", "diff", file, "current", ...stage, "--json"], env());
    expect(mixed.code).toBe(0);
    expect(json(mixed.stdout)).toMatchObject({ diff: { added: [], removed: [], changed: [] } });

    const unknown = await cli(["history", "show", "nope", ...stage], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no version named "nope"/);
  });

  it("restore: refuses without --yes off a terminal, writes nothing", async () => {
    const r = await cli(["history", "restore", "previous", ...stage, "--json"], env());
    expect(r.code).toBe(2);
    expect(json(r.stdout).error?.code).toBe("CONFIRMATION_REQUIRED");
    expect(await keys("stateward/")).toEqual([]);
  });

  it("restore --dry-run: the plan names what comes back and what the cloud holds outside it", async () => {
    const r = await cli(["history", "restore", "previous", ...stage, "--dry-run", "--json"], env());
    expect(r.code).toBe(0);
    const { plan } = json(r.stdout) as {
      plan: {
        diff: { added: { urn: string }[] };
        cloud: {
          checked: boolean;
          tagged: number;
          orphaned: { arn: string; inCurrent: boolean }[];
          stale: unknown[];
        };
      };
    };
    expect(plan.diff.added.map((a) => a.urn).some((u) => u.endsWith("::ReportsFunction"))).toBe(true);
    expect(plan.cloud.checked).toBe(true);
    expect(plan.cloud.tagged).toBeGreaterThan(0);
    // Case 2's retained table and case 7's SES identity are in the cloud and in no version.
    const orphans = plan.cloud.orphaned.map((o) => o.arn);
    expect(orphans.some((a) => a.includes("SessionsTable"))).toBe(true);
    expect(orphans.some((a) => a.includes("identity/alerts@acme.example"))).toBe(true);
    expect(plan.cloud.stale).toEqual([]);
    expect(await keys("stateward/")).toEqual([]);
  });

  it("restore --yes writes the version, keeps a backup of the replaced bytes, and audits it", async () => {
    const before = await object(sstKeys.state("acme", "production"));
    const list = json((await cli(["history", "list", ...stage, "--json"], env())).stdout) as {
      versions: { id: string; contentHash: string }[];
    };
    const target = list.versions[2]!;
    const r = await cli(["history", "restore", target.id, ...stage, "--yes", "--json"], env());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { written } = json(r.stdout) as { written: { backup: string; audit: string; versionId: string } };
    expect(written.backup).toMatch(/^s3:\/\/sst-state-acme0home1\/stateward\/acme\/production\/backups\//);
    const backupKey = written.backup.replace(`s3://${ACME.stateBucket}/`, "");
    expect(Buffer.compare(Buffer.from(await object(backupKey)), Buffer.from(before))).toBe(0);

    const after = json((await cli(["history", "list", ...stage, "--json"], env())).stdout) as {
      versions: { contentHash: string; current: boolean }[];
    };
    expect(after.versions.find((v) => v.current)!.contentHash).toBe(target.contentHash);
    const state = parseState(await object(sstKeys.state("acme", "production")), "restored");
    expect(verifyIntegrity(state.deployment)).toEqual([]);

    const audit = await cli(["audit", ...stage, "--json"], env());
    const records = (
      json(audit.stdout) as {
        records: { action: string; who: string; backup: string; after: { versionId: string } }[];
      }
    ).records;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: "history restore", backup: written.backup });
    expect(records[0]!.who).toMatch(/^arn:aws:iam::123456789012:/);
    expect(records[0]!.after.versionId).toBe(written.versionId);
    expect((await cli(["audit", ...stage], env())).stdout).toMatch(/history restore/);
  });

  it("restore on a terminal: pick the version from a list, then confirm (or decline: nothing written)", async () => {
    const asked: string[] = [];
    const prompt = (answer: boolean): Prompter => ({
      select: (message, choices) => {
        asked.push(message);
        return Promise.resolve(choices[choices.length - 1]!.value);
      },
      confirm: (message) => {
        asked.push(message);
        return Promise.resolve(answer);
      },
    });
    const declined = await cli(["history", "restore", ...stage], env(), { prompt: prompt(false) });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toMatch(/Nothing was written/);
    expect(asked[0]).toMatch(/Restore which version of acme\/production/);
    expect(await keys("stateward/")).toEqual([]);

    const accepted = await cli(["history", "restore", ...stage], env(), { prompt: prompt(true) });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/Restored version/);
    expect(await keys("stateward/acme/production/audit/")).toHaveLength(1);
  });
});

describe("lock", () => {
  const staging = ["--app", "acme", "--stage", "staging"];

  it("status: the stale CI lock of case 3, its update never completed (exit 4); unlocked stages exit 0", async () => {
    const r = await cli(["lock", "status", ...staging, "--json"], env());
    expect(r.code).toBe(4);
    const { locks } = json(r.stdout) as {
      locks: {
        command: string;
        updateId: string;
        runId: string;
        ageSeconds: number;
        update: { outcome: string };
      }[];
    };
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ command: "deploy", update: { outcome: "unfinished" } });
    expect(locks[0]!.ageSeconds).toBeGreaterThan(2 * 3600);
    expect((await cli(["lock", "status", "--app", "acme", "--stage", "dev"], env())).code).toBe(0);
  });

  it("release: records the update as failed the way `sst unlock` does, deletes the lock, audits it", async () => {
    const status = json((await cli(["lock", "status", ...staging, "--json"], env())).stdout) as {
      locks: { updateId: string }[];
    };
    const updateId = status.locks[0]!.updateId;
    const before = JSON.parse(
      Buffer.from(await object(sstKeys.update("acme", "staging", updateId))).toString(),
    ) as {
      timeStarted: string;
    };
    const r = await cli(["lock", "release", ...staging, "--yes"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Released 1 lock/);
    expect(await keys(sstKeys.lock("acme", "staging"))).toEqual([]);
    const record = JSON.parse(
      Buffer.from(await object(sstKeys.update("acme", "staging", updateId))).toString(),
    ) as {
      errors: { message: string }[];
      timeCompleted: string;
      timeStarted: string;
    };
    expect(record.errors.map((e) => e.message)).toContain(FORCE_UNLOCK_MESSAGE);
    // staging is a compressed stage: the record stateward replaced stays gzipped, as SST wrote it.
    const raw = await stored(sstKeys.update("acme", "staging", updateId));
    expect(raw.encoding).toBe("gzip");
    expect([raw.bytes[0], raw.bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(record.timeStarted).toBe(before.timeStarted);
    expect(Date.parse(record.timeCompleted)).toBeGreaterThan(Date.now() - 60_000);
    const audit = json((await cli(["audit", ...staging, "--json"], env())).stdout) as {
      records: { action: string; summary: string }[];
    };
    expect(audit.records[0]).toMatchObject({ action: "lock release" });
    expect(audit.records[0]!.summary).toMatch(new RegExp(updateId));
    const again = await cli(["lock", "release", ...staging, "--yes"], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Not locked/);
  });

  it("release refuses a fresh lock without --force, and --older-than sets the age", async () => {
    const now = new Date();
    const client = s3();
    await client.send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.lock("acme", "dev"),
        Body: JSON.stringify({
          created: now.toISOString(),
          updateID: makeUpdateId(now, "abcdef01abcd"),
          runID: "",
          command: "deploy",
          ignore: true,
        }),
      }),
    );
    client.destroy();
    const dev = ["--app", "acme", "--stage", "dev"];
    const fresh = await cli(["lock", "release", ...dev, "--yes", "--json"], env());
    expect(fresh.code).toBe(1);
    expect(json(fresh.stdout).error).toMatchObject({ code: "LOCK_TOO_FRESH" });
    expect(await keys(sstKeys.lock("acme", "dev"))).toHaveLength(1);
    const bad = await cli(["lock", "release", ...dev, "--older-than", "soon", "--yes"], env());
    expect(bad.code).toBe(2);
    await new Promise((r) => setTimeout(r, 1100));
    const old = await cli(["lock", "release", ...dev, "--older-than", "1s", "--yes"], env());
    expect(old.code).toBe(0);
    expect(await keys(sstKeys.lock("acme", "dev"))).toEqual([]);
  });
});

describe("state commands on a stage", () => {
  it("show and verify read the stage's state; a file and --stage together is a usage error", async () => {
    const show = await cli(["state", "show", "--app", "acme", "--stage", "dev", "--json"], env());
    expect(show.code).toBe(0);
    expect(json(show.stdout)).toMatchObject({ summary: { app: "acme", stage: "dev" } });
    const verify = await cli(["state", "verify", "--app", "acme", "--stage", "dev"], env());
    expect(verify.code).toBe(0);
    const both = await cli(["state", "show", "x.json", "--stage", "dev"], env());
    expect(both.code).toBe(2);
    const none = await cli(["state", "show", "--app", "acme", "--stage", "pr-42"], env());
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no state/);
  });

  it("repair writes a misordered stage under the safe-write protocol", async () => {
    const broken = await fs.readFile(
      path.join(path.dirname(new URL(import.meta.url).pathname), "..", "..", "examples", "stuck-deploy.json"),
    );
    const client = s3();
    await client.send(
      new PutObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.state("acme", "dev"), Body: broken }),
    );
    client.destroy();
    const dev = ["--app", "acme", "--stage", "dev"];
    expect((await cli(["state", "verify", ...dev], env())).code).toBe(3);
    const dry = await cli(["state", "repair", ...dev, "--dry-run", "--json"], env());
    expect(dry.code).toBe(0);
    expect((json(dry.stdout) as { changes: unknown[] }).changes.length).toBeGreaterThan(0);
    expect(await keys("stateward/")).toEqual([]);
    const fixed = await cli(["state", "repair", ...dev, "--yes"], env());
    expect(fixed.code).toBe(0);
    expect((await cli(["state", "verify", ...dev], env())).code).toBe(0);
    expect(await keys("stateward/acme/dev/backups/")).toHaveLength(1);
    expect(await keys("stateward/acme/dev/audit/")).toHaveLength(1);
  });
});

describe("bad surroundings, as a child process", () => {
  it("an unreachable endpoint: one paragraph naming it, exit 1", async () => {
    const r = await bin(["history", "list", "--app", "acme", "--stage", "dev"], {
      env: {
        ...env({ AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_REGION: "us-east-1" }),
        PATH: process.env.PATH ?? "",
      },
      cwd: tempDir(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/http:\/\/127\.0\.0\.1:9 could not be reached/);
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
    expect(r.stdout).toBe("");
  }, 30_000);

  it("no credentials anywhere: says so and how to fix it, exit 1", async () => {
    const home = tempDir();
    const r = await bin(["lock", "status", "--app", "acme", "--stage", "dev", "--json"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        AWS_ENDPOINT_URL: sandbox.server().url,
        AWS_REGION: "us-east-1",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_CONFIG_FILE: path.join(home, "none"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"),
      },
      cwd: home,
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "AWS_CREDENTIALS" } });
    expect(r.stderr).toBe("");
  }, 30_000);
});

describe("a Pulumi DIY backend in S3 (s3://bucket/prefix)", () => {
  it("lists the stack's history and restores a version, keeping Pulumi's backup layout", async () => {
    const client = s3();
    const bucket = "pulumi-state-team";
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = (key: string, body: Uint8Array | string) =>
      client.send(new PutObjectCommand({ Bucket: bucket, Key: `team/.pulumi/${key}`, Body: body }));
    const v1 = new SstStateBuilder({ app: "proj", stage: "dev" });
    v1.addFunction("Api");
    const old = toBytes(v1.versioned());
    v1.addDynamo("Orders");
    const now = toBytes(v1.versioned());
    await put("meta.yaml", "version: 1\n");
    await put("history/proj/dev/dev-1700000000000000000.checkpoint.json", old);
    await put(
      "history/proj/dev/dev-1700000000000000000.history.json",
      JSON.stringify({ kind: "update", result: "succeeded", startTime: 1700000000, endTime: 1700000060 }),
    );
    await put("stacks/proj/dev.json", now);
    const diy = ["--backend", `s3://${bucket}/team`, "--app", "proj", "--stage", "dev"];

    const list = await cli(["history", "list", ...diy, "--json"], env({ AWS_REGION: "us-east-1" }));
    expect(list.code).toBe(0);
    const versions = (
      json(list.stdout) as { versions: { id: string; current: boolean; update?: { command: string } }[] }
    ).versions;
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatchObject({
      id: "1700000000000000000",
      current: false,
      update: { command: "update" },
    });

    const restored = await cli(
      ["history", "restore", "previous", ...diy, "--yes", "--json"],
      env({ AWS_REGION: "us-east-1" }),
    );
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    const { plan } = json(restored.stdout) as { plan: { cloud: { checked: boolean } } };
    expect(plan.cloud.checked).toBe(false);
    const stack = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: "team/.pulumi/stacks/proj/dev.json" }),
    );
    expect(Buffer.compare(Buffer.from(await stack.Body!.transformToByteArray()), Buffer.from(old))).toBe(0);
    expect(await keys("team/.pulumi/backups/proj/dev/", bucket)).toHaveLength(1);
    expect(await keys("team/.pulumi/stateward/proj/dev/audit/", bucket)).toHaveLength(1);
    expect(await keys("team/.pulumi/locks/", bucket)).toEqual([]);
    client.destroy();
  });
});
