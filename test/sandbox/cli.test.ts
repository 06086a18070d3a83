import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, bin, cli, tempDir } from "../helpers.js";

interface Report {
  endpoint: string;
  env: Record<string, string>;
  seeded: boolean;
  cases?: unknown[];
  accountId: string;
}

/** Starts `stateward sandbox` as a user would, returns its report and a stop function. */
function start(args: string[]): Promise<{ report: Report; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "sandbox", "--port", "0", "--json", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "" },
    });
    let out = "";
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      try {
        const report = JSON.parse(out) as Report;
        resolve({
          report,
          stop: () =>
            new Promise((done) => {
              child.once("exit", (code) => done(code));
              child.kill("SIGTERM");
            }),
        });
      } catch {
        // not complete yet
      }
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited early (${String(code)}): ${err}`)));
  });
}

describe("stateward sandbox", () => {
  it("starts, seeds acme, prints the environment, answers the SDK, and stops on SIGTERM (exit 130, as ui)", async () => {
    const { report, stop } = await start(["--account", "210987654321"]);
    try {
      expect(report.seeded).toBe(true);
      expect(report.cases).toHaveLength(9);
      expect(report.env.AWS_ENDPOINT_URL).toBe(report.endpoint);
      const sts = new STSClient({
        endpoint: report.env.AWS_ENDPOINT_URL,
        region: report.env.AWS_REGION,
        credentials: {
          accessKeyId: report.env.AWS_ACCESS_KEY_ID!,
          secretAccessKey: report.env.AWS_SECRET_ACCESS_KEY!,
        },
      });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe("210987654321");
    } finally {
      expect(await stop()).toBe(130);
    }
  });

  it("keeps the cloud in --data across restarts, seeding only the first time", async () => {
    const data = tempDir();
    const first = await start(["--data", data]);
    expect(first.report.seeded).toBe(true);
    expect(await first.stop()).toBe(130);
    const second = await start(["--data", data]);
    try {
      expect(second.report.seeded).toBe(false);
      const s3 = new S3Client({
        endpoint: second.report.endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "a", secretAccessKey: "b" },
      });
      const lock = await s3.send(
        new GetObjectCommand({ Bucket: "sst-state-acme0home1", Key: "lock/acme/staging.json" }),
      );
      // staging is the scenario's compressed stage: its lock is gzipped, as SST writes it.
      const body = gunzipSync(await lock.Body!.transformToByteArray()).toString("utf8");
      expect(JSON.parse(body)).toMatchObject({ command: "deploy" });
    } finally {
      expect(await second.stop()).toBe(130);
    }
  });

  it("rejects a bad port, account or scenario with a usage error", async () => {
    expect((await cli(["sandbox", "--port", "http"])).code).toBe(2);
    expect((await cli(["sandbox", "--account", "12"])).stderr).toMatch(/12-digit/);
    expect((await cli(["sandbox", "--scenario", "nope"])).code).toBe(2);
  });
});

describe("the README's first command", () => {
  it("runs doctor on the seeded local cloud: ten findings, exit 3, nothing left running", async () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const line = readme
      .split("\n")
      .find((l) => l.startsWith("npm ci && npm run build && node dist/cli/main.js"))!;
    const command = line.slice(line.indexOf("node dist/cli/main.js ") + "node dist/cli/main.js ".length);
    // The arguments as a shell would split them (one double-quoted argument).
    const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    const r = await bin(args);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^Local cloud on http:\/\/127\.0\.0\.1:\d+, seeded with "acme"/);
    expect(r.stdout.trim().split("\n").pop()).toMatch(/^4 blockers, 6 warnings in 4 stages of acme/);
  }, 60_000);

  it("--exec refuses to run sandbox inside itself", async () => {
    const r = await cli(["sandbox", "--port", "0", "--scenario", "empty", "--exec", "sandbox"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--exec needs a stateward command other than sandbox/);
  }, 30_000);
});

describe("stateward sandbox --scenario typical-app", () => {
  it("seeds the typical app: its healthy stage is clean and the broken one is not", async () => {
    const healthy = await cli([
      "sandbox",
      "--port",
      "0",
      "--scenario",
      "typical-app",
      "--exec",
      "doctor --app shop --stage production --json",
    ]);
    expect(healthy.stderr).toMatch(/seeded with "typical-app"/);
    expect(healthy.code, healthy.stderr).toBe(0);
    const report = JSON.parse(healthy.stdout) as { findings: unknown[]; coverage: { checked: number } };
    expect(report.findings).toEqual([]);
    expect(report.coverage.checked).toBeGreaterThan(90);
    const broken = await cli([
      "sandbox",
      "--port",
      "0",
      "--scenario",
      "typical-app",
      "--exec",
      "doctor --app shop --stage staging",
    ]);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toMatch(/BLOCKER/);
  }, 180_000);
});
