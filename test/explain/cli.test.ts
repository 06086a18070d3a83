/**
 * `stateward explain` in-process: what is not a log is an error (exit 1), a finished deploy is "no
 * failure found" (exit 0), and a passphrase error checked against an SST stage names the SSM parameter,
 * the region and the account it was looked for in.
 */
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { ROOT, cli, tempDir } from "../helpers.js";

const log = (name: string) => path.join(ROOT, "test", "fixtures", "logs", name);

function file(name: string, bytes: Uint8Array | string): string {
  const p = path.join(tempDir(), name);
  writeFileSync(p, bytes);
  return p;
}

describe("explain on what is not a failed deploy", () => {
  it("a successful deploy: no failure found, exit 0", async () => {
    const r = await cli(["explain", log("success.log")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /No failure found in .*success\.log \(20 lines\): the command completed \(line 17: ✓ {2}Complete\)\./,
    );
    const json = await cli(["explain", log("success.log"), "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: "completed", problems: [] });
  });

  it("empty input, binary input and a damaged gzip: one-paragraph errors, exit 1", async () => {
    const cases: [string, Uint8Array | string, RegExp][] = [
      ["empty.log", "", /is empty: there is no deploy output in it to explain\./],
      ["blank.log", "\n  \n", /is empty \(only whitespace\)/],
      [
        "a.png",
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        /is binary data \(a zero byte at offset 8\)/,
      ],
      [
        "deploy.log.gz",
        gzipSync("error: x\n").subarray(0, 12),
        /gzip-compressed but (cut off before its end|damaged)/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const r = await cli(["explain", file(name, bytes)]);
      expect(r.code, name).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(2);
      const json = await cli(["explain", file(name, bytes), "--json"]);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: "LOG_FORMAT" } });
    }
  });

  it("a gzipped log is read as the log inside it", async () => {
    const { readFileSync } = await import("node:fs");
    const r = await cli(["explain", file("deploy.log.gz", gzipSync(readFileSync(log("sst-locked.log"))))]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/stateward lock release/);
  });
});

describe("explain --app --stage on a passphrase error", () => {
  const sandbox = useSandbox();
  beforeAll(async () => {
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  }, 30_000);

  const passphraseLog = () =>
    file(
      "deploy.log",
      "error: could not deserialize deployment: failed to decrypt: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase\n",
    );

  it("names the parameter, and the region and account where it is missing", async () => {
    const r = await cli(
      ["explain", passphraseLog(), "--app", "acme", "--stage", "dev", "--json"],
      sandboxEnv(sandbox),
    );
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as {
      passphrase: { parameter: string; region: string; account: string; found: boolean };
      problems: { kind: string; cause: string; fix: string[] }[];
    };
    expect(doc.passphrase).toEqual({
      parameter: "/sst/passphrase/acme/dev",
      region: ACME.homeRegion,
      account: sandbox.server().accountId,
      found: false,
    });
    const p = doc.problems.find((x) => x.kind === "passphrase")!;
    expect(p.cause).toContain(
      `/sst/passphrase/acme/dev does not exist in ${ACME.homeRegion} of account ${sandbox.server().accountId}`,
    );
    expect(p.fix.join("\n")).toContain(`--name /sst/passphrase/acme/dev --region ${ACME.homeRegion}`);
  });

  it("says when it found the parameter, with its version, never its value", async () => {
    const ssm = new SSMClient(sandbox.config(ACME.homeRegion));
    await ssm.send(
      new PutParameterCommand({
        Name: "/sst/passphrase/acme/staging",
        Type: "SecureString",
        Value: "hunter2-secret",
      }),
    );
    const r = await cli(
      ["explain", passphraseLog(), "--app", "acme", "--stage", "staging"],
      sandboxEnv(sandbox),
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      new RegExp(
        `stateward found /sst/passphrase/acme/staging in ${ACME.homeRegion} of account ${sandbox.server().accountId}, version 1, last changed \\d{4}-`,
      ),
    );
    expect(r.stdout).not.toContain("hunter2");
  });
});
