/**
 * The real SST CLI (npm `sst-linux-x64`) as an independent client of the local cloud, offline.
 *
 * Each `SstWorld` is one HTTPS sandbox (self-signed certificate, trusted through AWS_CA_BUNDLE by
 * SST's Go SDK and NODE_EXTRA_CA_CERTS by stateward), one temporary HOME with bun in
 * `.config/sst/bin` and a labelled stand-in `pulumi`, and SST project directories prepared so SST
 * finds its platform and providers installed and downloads nothing. Every proxy variable points at
 * a closed port, so anything either CLI tries to fetch from the internet fails loudly.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { SandboxServer } from "../../src/sandbox/server.js";
import { BIN, ROOT } from "../helpers.js";

export const SST_BIN = path.join(ROOT, "node_modules", "sst-linux-x64", "bin", "sst");
export const BUN_BIN = path.join(ROOT, "node_modules", "@oven", "bun-linux-x64", "bin", "bun");

/** The Pulumi SDK version compiled into the SST binary (what `pulumi version` must answer). */
export function pulumiVersionInSst(): string {
  const binary = readFileSync(SST_BIN);
  const match = /pulumi\/sdk\/v3@v(3\.\d+\.\d+)/.exec(binary.toString("latin1"));
  if (match === null) throw new Error("no pulumi/sdk/v3 version found in the sst binary");
  return `v${match[1]!}`;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 90_000,
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number")
          return reject(new Error(`${file} ${args.join(" ")}: ${error.message}\n${stderr}`));
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    child.stdin!.end(options.input ?? "");
  });
}

function collect(child: ChildProcess): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve) =>
    child.on("close", (code, signal) =>
      resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr }),
    ),
  );
}

/** Waits until `check` holds, polling; throws after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SstProject {
  dir: string;
  app: string;
  compress: boolean;
}

export class SstWorld {
  readonly root = mkdtempSync(path.join(tmpdir(), "stateward-interop-"));
  readonly home = path.join(this.root, "home");
  readonly caFile = path.join(this.root, "sandbox-ca.pem");
  /** While this file exists, the stand-in pulumi waits instead of failing (SST then holds its lock). */
  readonly holdFile = path.join(this.root, "pulumi-hold");
  /** The stand-in pulumi writes its arguments here, one call a line. */
  readonly pulumiCalls = path.join(this.root, "pulumi-calls.log");
  readonly stateBucket = "sst-state-interop0000";
  readonly assetBucket = "sst-asset-interop0000";
  readonly server = new SandboxServer({ port: 0, tls: true });
  endpoint = "";
  private s3Client: S3Client | undefined;
  private sstVersion = "";

  async start(): Promise<void> {
    this.endpoint = await this.server.start();
    writeFileSync(this.caFile, this.server.certificate!.cert);
    const bin = path.join(this.home, ".config", "sst", "bin");
    mkdirSync(bin, { recursive: true });
    symlinkSync(BUN_BIN, path.join(bin, "bun"));
    const pulumi = path.join(bin, "pulumi");
    writeFileSync(
      pulumi,
      [
        "#!/bin/sh",
        "# STAND-IN for the pulumi CLI, written by stateward's interop harness. It is NOT Pulumi:",
        "# it answers `pulumi version` with the version SST was built with, so SST starts without",
        "# downloading Pulumi, and fails every other command (while the hold file exists it first",
        "# waits, so SST keeps the lock it took).",
        `echo "$*" >> '${this.pulumiCalls}'`,
        `if [ "$1" = "version" ]; then echo '${pulumiVersionInSst()}'; exit 0; fi`,
        `while [ -e '${this.holdFile}' ]; do sleep 0.1; done`,
        'echo "stand-in pulumi: only \\`pulumi version\\` is answered (asked: $*)" >&2',
        "exit 1",
        "",
      ].join("\n"),
    );
    chmodSync(pulumi, 0o755);
    const version = await run(SST_BIN, ["version"], { cwd: this.root, env: this.env() });
    const match = /(\d+\.\d+\.\d+)/.exec(version.stdout);
    if (version.code !== 0 || match === null)
      throw new Error(`sst version failed: ${version.stdout}${version.stderr}`);
    this.sstVersion = match[1]!;
    await this.bootstrap();
  }

  private readonly children = new Set<ChildProcess>();

  private track<T extends ChildProcess>(child: T): T {
    this.children.add(child);
    child.on("close", () => this.children.delete(child));
    return child;
  }

  async stop(): Promise<void> {
    for (const child of this.children) child.kill("SIGKILL");
    this.s3Client?.destroy();
    await this.server.stop();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The environment both CLIs run with: the sandbox, its CA, dummy credentials, no internet. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const closed = "http://127.0.0.1:9";
    return {
      PATH: process.env.PATH ?? "",
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, ".config"),
      TMPDIR: this.root,
      SST_TELEMETRY_DISABLED: "1",
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_CA_BUNDLE: this.caFile,
      NODE_EXTRA_CA_CERTS: this.caFile,
      AWS_ACCESS_KEY_ID: "AKIASANDBOX00000000",
      AWS_SECRET_ACCESS_KEY: "sandbox-secret-not-a-real-key",
      AWS_REGION: "us-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      HTTP_PROXY: closed,
      HTTPS_PROXY: closed,
      http_proxy: closed,
      https_proxy: closed,
      NO_PROXY: "127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      NO_COLOR: "1",
      ...extra,
    };
  }

  /** An S3 client of the test's own, for setup and for reading what the CLIs left. */
  s3(): S3Client {
    this.s3Client ??= new S3Client(this.sdkConfig());
    return this.s3Client;
  }

  private sdkConfig() {
    return {
      endpoint: this.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIASANDBOX00000000", secretAccessKey: "sandbox-secret-not-a-real-key" },
      requestHandler: { httpsAgent: new https.Agent({ ca: readFileSync(this.caFile, "utf8") }) },
    };
  }

  /**
   * The account as SST's bootstrap steps 0–1 leave it (state and asset buckets, versioning, the
   * `/sst/bootstrap` parameter at version 2). Step 1 creates an ECR repository, which the local cloud
   * does not serve, so these are made here; SST itself then runs steps 2–4, including the SSL-only
   * bucket policy (step 3).
   */
  private async bootstrap(): Promise<void> {
    const s3 = this.s3();
    await s3.send(new CreateBucketCommand({ Bucket: this.assetBucket }));
    await s3.send(new CreateBucketCommand({ Bucket: this.stateBucket }));
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: this.stateBucket,
        VersioningConfiguration: { Status: "Enabled" },
      }),
    );
    const ssm = new SSMClient(this.sdkConfig());
    await ssm.send(
      new PutParameterCommand({
        Name: "/sst/bootstrap",
        Type: "String",
        Value: JSON.stringify({
          version: 2,
          asset: this.assetBucket,
          state: this.stateBucket,
          assetEcrRegistryId: "123456789012",
          assetEcrUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/sst-asset",
        }),
      }),
    );
    ssm.destroy();
  }

  /**
   * An SST project whose platform and provider are recorded as installed (`.sst/platform/version`,
   * `.sst/platform/node_modules`, `.sst/provider-lock.json`), so SST neither copies its platform nor
   * runs `bun install` against the npm registry. State commands need nothing more.
   */
  project(app: string, compress: boolean): SstProject {
    const dir = path.join(this.root, app);
    mkdirSync(path.join(dir, ".sst", "platform", "node_modules"), { recursive: true });
    writeFileSync(
      path.join(dir, "sst.config.ts"),
      [
        '/// <reference path="./.sst/platform/config.d.ts" />',
        "export default $config({",
        "  app() {",
        `    return { name: "${app}", home: "aws", removal: "remove", providers: { aws: { region: "us-east-1" } }${compress ? ", state: { compress: true }" : ""} };`,
        "  },",
        "  async run() {},",
        "});",
        "",
      ].join("\n"),
    );
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: app, private: true }));
    writeFileSync(path.join(dir, ".sst", "platform", "version"), this.sstVersion);
    writeFileSync(
      path.join(dir, ".sst", "provider-lock.json"),
      JSON.stringify([{ name: "aws", package: "@pulumi/aws", version: "7.20.0", alias: "aws" }]),
    );
    return { dir, app, compress };
  }

  /** Runs sst to completion; `input` is its standard input (its prompts read a line). */
  sst(
    project: SstProject,
    args: string[],
    options: { env?: Record<string, string>; input?: string } = {},
  ): Promise<Run> {
    return run(SST_BIN, args, { cwd: project.dir, env: this.env(options.env), input: options.input });
  }

  /** Starts sst without waiting (for a command that holds the lock). */
  spawnSst(project: SstProject, args: string[]): ChildProcess & { done: Promise<Run> } {
    const child = spawn(SST_BIN, args, {
      cwd: project.dir,
      env: this.env(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    return this.track(Object.assign(child, { done: collect(child) }));
  }

  /** How many times the stand-in pulumi was asked for `args` (e.g. "stack init"). */
  pulumiCallCount(prefix: string): number {
    if (!existsSync(this.pulumiCalls)) return 0;
    return readFileSync(this.pulumiCalls, "utf8")
      .split("\n")
      .filter((l) => l.startsWith(prefix)).length;
  }

  stateward(project: SstProject, args: string[]): Promise<Run> {
    return run(process.execPath, [BIN, ...args], { cwd: project.dir, env: this.env() });
  }

  /** `sst state export` for a stage, parsed. */
  async exportState(project: SstProject, stage: string): Promise<Checkpoint> {
    const r = await this.sst(project, ["state", "export", "--stage", stage]);
    if (r.code !== 0) throw new Error(`sst state export failed (${r.code}): ${r.stdout}${r.stderr}`);
    return JSON.parse(r.stdout) as Checkpoint;
  }

  /**
   * A stage's first state, put the way SST puts it (`app/<app>/<stage>.json`, a versioned
   * checkpoint with no resources): SST's own first write needs `pulumi stack init`, which only the
   * real Pulumi CLI can do. Everything after it is written by SST (`sst state edit`).
   */
  async seedEmptyStage(project: SstProject, stage: string): Promise<void> {
    const body = JSON.stringify({
      version: 3,
      checkpoint: {
        stack: `organization/${project.app}/${stage}`,
        latest: { manifest: { time: new Date().toISOString(), magic: "", version: pulumiVersionInSst() } },
      },
    });
    await this.s3().send(
      new PutObjectCommand({
        Bucket: this.stateBucket,
        Key: `app/${project.app}/${stage}.json`,
        Body: body,
        ContentType: "application/json",
      }),
    );
  }

  /**
   * `sst state edit`, whose "editor" (a script, labelled as such) first touches `reached`, then waits
   * while `hold` exists (SST holds its lock meanwhile), then replaces the pulled state with
   * `checkpoint` if one is given.
   */
  sstEdit(
    project: SstProject,
    stage: string,
    options: { checkpoint?: Checkpoint; hold?: string; reached?: string } = {},
  ): ChildProcess & { done: Promise<Run> } {
    const editor = path.join(this.root, "editor.sh");
    if (!existsSync(editor)) {
      writeFileSync(
        editor,
        [
          "#!/bin/sh",
          "# The EDITOR for `sst state edit` in stateward's interop harness (a script, not an editor).",
          'if [ -n "$INTEROP_REACHED" ]; then touch "$INTEROP_REACHED"; fi',
          'while [ -n "$INTEROP_HOLD" ] && [ -e "$INTEROP_HOLD" ]; do sleep 0.1; done',
          'if [ -n "$INTEROP_NEXT_STATE" ]; then cp "$INTEROP_NEXT_STATE" "$1"; fi',
          "",
        ].join("\n"),
      );
      chmodSync(editor, 0o755);
    }
    const env: Record<string, string> = { EDITOR: editor };
    if (options.checkpoint !== undefined) {
      const file = path.join(this.root, `next-${project.app}-${stage}-${Date.now()}.json`);
      writeFileSync(file, JSON.stringify({ version: 3, checkpoint: options.checkpoint }, null, 2));
      env.INTEROP_NEXT_STATE = file;
    }
    if (options.hold !== undefined) env.INTEROP_HOLD = options.hold;
    if (options.reached !== undefined) env.INTEROP_REACHED = options.reached;
    const child = spawn(SST_BIN, ["state", "edit", "--stage", stage], {
      cwd: project.dir,
      env: this.env(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    return this.track(Object.assign(child, { done: collect(child) }));
  }

  /** SST writes `checkpoint` as the stage's state, through `sst state edit`. */
  async sstWrite(project: SstProject, stage: string, checkpoint: Checkpoint): Promise<Run> {
    const r = await this.sstEdit(project, stage, { checkpoint }).done;
    if (r.code !== 0) throw new Error(`sst state edit failed (${r.code}): ${r.stdout}${r.stderr}`);
    return r;
  }

  async objectKeys(prefix: string): Promise<string[]> {
    const out = await this.s3().send(new ListObjectsV2Command({ Bucket: this.stateBucket, Prefix: prefix }));
    return (out.Contents ?? []).map((c) => c.Key!).sort();
  }

  async rawObject(key: string): Promise<{ body: Buffer; encoding: string | undefined; gzip: boolean }> {
    const out = await this.s3().send(new GetObjectCommand({ Bucket: this.stateBucket, Key: key }));
    const body = Buffer.from(await out.Body!.transformToByteArray());
    return { body, encoding: out.ContentEncoding, gzip: body[0] === 0x1f && body[1] === 0x8b };
  }

  /** An object of the state bucket as JSON, gunzipped when it is gzip. */
  async jsonObject<T>(key: string): Promise<T> {
    const raw = await this.rawObject(key);
    return JSON.parse((raw.gzip ? gunzipSync(raw.body) : raw.body).toString("utf8")) as T;
  }
}

export interface Resource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  parent?: string;
  dependencies?: string[];
  [key: string]: unknown;
}

export interface Checkpoint {
  stack: string;
  latest?: { manifest?: Record<string, unknown>; resources?: Resource[]; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * A checkpoint for `<app>/<stage>` made from pulumi-aws's own recorded `pulumi stack export` of an
 * S3 bucket (../shared/fixtures/pulumi-aws), its URNs moved to this project and stage, plus `extra`
 * buckets of the same shape under other names.
 */
export function fixtureCheckpoint(app: string, stage: string, extra: string[] = []): Checkpoint {
  const fixture = path.join(ROOT, "..", "shared", "fixtures", "pulumi-aws", "bucket-5.42.0-stack.json");
  const text = readFileSync(fixture, "utf8")
    .replaceAll("urn:pulumi:test::test::", `urn:pulumi:${stage}::${app}::`)
    .replaceAll("test-test", `${app}-${stage}`);
  const deployment = (JSON.parse(text) as { deployment: { resources: Resource[]; [k: string]: unknown } })
    .deployment;
  // The export keeps `propertyDependencies: {"bucket": null}` as pulumi-aws recorded it: Pulumi, SST and
  // stateward all load it.
  const bucket = deployment.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
  for (const name of extra) {
    const copy = JSON.parse(
      JSON.stringify(bucket).replaceAll("tested-resource", name).replaceAll(bucket.id!, name),
    ) as Resource;
    deployment.resources.push(copy);
  }
  return { stack: `organization/${app}/${stage}`, latest: deployment };
}
