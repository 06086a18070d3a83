/**
 * A stage that does not exist is an error in every stage command (exit 1, STAGE_NOT_FOUND), naming
 * the app, the region and account looked in, the stages that exist and the closest one; never "No
 * problems found". A removed stage (known by its update records) exists. `--all-stages` needs no
 * `--stage`. Against the local cloud seeded with the acme scenario, and a Pulumi DIY directory.
 */
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { promises as fs } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { closestStage } from "../../src/backends/stages.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { bin, cli, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const PROD = ["--app", "acme", "--stage", "prod"];
const TABLE = "aws:dynamodb/table:Table";

interface ErrorDoc {
  error: { code: string; message: string; hint?: string };
}

async function allKeys(): Promise<string[]> {
  const s3 = new S3Client(sandbox.config(ACME.homeRegion));
  try {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res = await s3.send(
        new ListObjectsV2Command({ Bucket: ACME.stateBucket, ContinuationToken: token }),
      );
      keys.push(...(res.Contents ?? []).map((o) => o.Key!));
      token = res.NextContinuationToken;
    } while (token !== undefined);
    return keys.sort();
  } finally {
    s3.destroy();
  }
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("closestStage", () => {
  it("prefers a stage the name starts (prod → production), then one a few edits away, else none", () => {
    const stages = ["dev", "pr-42", "production", "staging"];
    expect(closestStage("prod", stages)).toBe("production");
    expect(closestStage("Production", stages)).toBe("production");
    expect(closestStage("stagign", stages)).toBe("staging");
    expect(closestStage("staging2", stages)).toBe("staging");
    expect(closestStage("dve", stages)).toBe("dev");
    expect(closestStage("pr-43", stages)).toBe("pr-42");
    expect(closestStage("qa", stages)).toBeUndefined();
    expect(closestStage("p", stages)).toBeUndefined();
    expect(closestStage("prod", [])).toBeUndefined();
  });
});

describe("a stage that does not exist", () => {
  const commands: [string, string[]][] = [
    ["doctor", ["doctor"]],
    ["doctor --all-stages", ["doctor", "--all-stages"]],
    ["scan", ["scan"]],
    ["lock status", ["lock", "status"]],
    ["lock release", ["lock", "release", "--force", "--yes"]],
    ["history list", ["history", "list"]],
    ["history show", ["history", "show", "current"]],
    ["history diff", ["history", "diff", "previous", "current"]],
    ["history restore", ["history", "restore", "previous", "--yes"]],
    ["plan", ["plan"]],
    ["names check", ["names", "check"]],
    ["state show", ["state", "show"]],
    ["state verify", ["state", "verify"]],
    ["state repair", ["state", "repair", "--yes"]],
    ["adopt", ["adopt", TABLE, "acme-production-SessionsTable-btvzwchr", "--yes"]],
    ["forget", ["forget", "urn:pulumi:prod::acme::sst:aws:Dynamo$aws:dynamodb/table:Table::X", "--yes"]],
    ["cleanup", ["cleanup"]],
    ["audit", ["audit"]],
    ["fix", ["fix", "--yes"]],
  ];

  it.each(commands)(
    "%s --stage prod: exit 1, STAGE_NOT_FOUND naming app, region, account, the stages and production",
    async (_name, args) => {
      const before = await allKeys();
      const r = await cli([...args, ...PROD, "--json"], env());
      expect(r.code).toBe(1);
      expect(r.stderr).toBe("");
      const { error } = JSON.parse(r.stdout) as ErrorDoc;
      expect(error.code).toBe("STAGE_NOT_FOUND");
      expect(error.message).toContain('"prod"');
      expect(error.message).toContain("acme");
      expect(error.message).toContain(ACME.homeRegion);
      expect(error.message).toContain(`account ${sandbox.server().accountId}`);
      expect(error.message).toMatch(/dev, production, staging/);
      // pr-42 was removed: only its update records are left, and it is listed as such.
      expect(error.message).toMatch(/removed[^.]*pr-42/);
      expect(error.message).toMatch(/Did you mean production\?/);
      expect(error.hint).toMatch(/--stage production/);
      expect(r.stdout).not.toMatch(/No problems/);
      // Nothing was written anywhere for it.
      expect(await allKeys()).toEqual(before);
    },
  );

  it("the human error is one paragraph on stderr, nothing on stdout; no suggestion when nothing is close", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "qa"], env());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: Stage "qa" of app acme does not exist/);
    expect(r.stderr).not.toMatch(/Did you mean/);
    expect(r.stderr).toMatch(/Pass one of them with --stage\./);
  });

  it("an app with no stages at all says so, naming where it looked", async () => {
    const r = await cli(["lock", "status", "--app", "acne", "--stage", "prod", "--json"], env());
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stdout) as ErrorDoc;
    expect(error.code).toBe("STAGE_NOT_FOUND");
    expect(error.message).toMatch(/holds no stage of app acne/);
    expect(error.message).toContain(`account ${sandbox.server().accountId}`);
    expect(error.hint).toMatch(/--app/);
  });

  it("the default stage from .sst/stage is checked too", async () => {
    const dir = tempDir();
    await fs.writeFile(
      path.join(dir, "sst.config.ts"),
      `export default $config({ app() { return { name: "acme", home: "aws", providers: { aws: { region: "us-east-1" } } }; }, async run() {} });\n`,
    );
    await fs.mkdir(path.join(dir, ".sst"));
    await fs.writeFile(path.join(dir, ".sst", "stage"), "prod\n");
    const r = await cli(["scan", "--json"], env(), { cwd: dir });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as ErrorDoc).error.code).toBe("STAGE_NOT_FOUND");
    // With --all-stages, a default stage that does not exist does not stop the run.
    const all = await cli(["scan", "--all-stages", "--json"], env(), { cwd: dir });
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as { stages: { stage: string }[] }).stages.map((s) => s.stage)).toContain(
      "production",
    );
  });

  it("as a child process: doctor --stage prod exits 1 with the error, never 'No problems found'", async () => {
    const r = await bin(["doctor", ...PROD], {
      env: { ...env(), PATH: process.env.PATH ?? "" },
      cwd: tempDir(),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Did you mean production\?/);
  }, 30_000);
});

describe("stages that exist", () => {
  it("a removed stage known by its update records (pr-42) is a stage: history, lock status and doctor run", async () => {
    const pr = ["--app", "acme", "--stage", "pr-42", "--json"];
    expect((await cli(["history", "list", ...pr], env())).code).toBe(0);
    expect((await cli(["lock", "status", ...pr], env())).code).toBe(0);
    const doctor = await cli(["doctor", ...pr], env());
    expect([3, 4]).toContain(doctor.code);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ stages: ["pr-42"] });
  });
});

describe("--all-stages without --stage", () => {
  const app = ["--app", "acme", "--all-stages", "--json"];

  it("doctor covers every stage, removed ones included", async () => {
    const r = await cli(["doctor", ...app], env());
    expect(r.code).toBe(3);
    expect((JSON.parse(r.stdout) as { stages: string[] }).stages).toEqual([
      "dev",
      "pr-42",
      "production",
      "staging",
    ]);
  });

  it("scan, plan, names check and cleanup (a dry run) run for the app", async () => {
    const scan = await cli(["scan", ...app], env());
    expect(scan.code).toBe(0);
    expect(
      (JSON.parse(scan.stdout) as { stages: { stage: string }[] }).stages.map((s) => s.stage).sort(),
    ).toEqual(["dev", "production", "staging"]);
    const plan = await cli(["plan", ...app], env());
    expect(plan.code).toBe(0);
    const stages = (JSON.parse(plan.stdout) as { stages: { stage: string }[] }).stages.map((s) => s.stage);
    expect(stages).toEqual(expect.arrayContaining(["dev", "production", "staging"]));
    expect((await cli(["names", "check", ...app], env())).code).not.toBe(2);
    const cleanup = await cli(["cleanup", ...app], env());
    expect(cleanup.code).toBe(0);
    expect((JSON.parse(cleanup.stdout) as { outcomes?: unknown }).outcomes).toBeUndefined();
  });

  it("without --all-stages, a missing --stage is still a usage error", async () => {
    const r = await cli(["doctor", "--app", "acme", "--json"], env());
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as ErrorDoc).error.message).toMatch(/Which stage/);
  });
});

describe("a Pulumi DIY backend", () => {
  it("a stack that does not exist names the stacks there and the closest; a stack with only history exists", async () => {
    const dir = tempDir();
    const root = path.join(dir, ".pulumi");
    await fs.mkdir(path.join(root, "stacks", "proj"), { recursive: true });
    await fs.writeFile(path.join(root, "meta.yaml"), "version: 1\n");
    const b = new SstStateBuilder({ app: "proj", stage: "staging" });
    b.addFunction("Api");
    await fs.writeFile(path.join(root, "stacks", "proj", "staging.json"), toBytes(b.versioned()));
    // A stack whose stack file is gone, its history left.
    await fs.mkdir(path.join(root, "history", "proj", "old"), { recursive: true });
    await fs.writeFile(
      path.join(root, "history", "proj", "old", "old-1700000000000000000.checkpoint.json"),
      toBytes(b.versioned()),
    );
    const backend = ["--backend", `file://${dir}`, "--app", "proj"];

    const missing = await cli(["history", "list", ...backend, "--stage", "stagin", "--json"], {});
    expect(missing.code).toBe(1);
    const { error } = JSON.parse(missing.stdout) as ErrorDoc;
    expect(error.code).toBe("STAGE_NOT_FOUND");
    expect(error.message).toMatch(
      /^Stack "stagin" of project proj does not exist in the Pulumi DIY backend file:/,
    );
    expect(error.message).toMatch(/The stacks there: staging; removed[^.]*old/);
    expect(error.message).toMatch(/Did you mean staging\?/);

    const old = await cli(["history", "list", ...backend, "--stage", "old", "--json"], {});
    expect(old.code).toBe(0);
    expect((await cli(["state", "show", ...backend, "--stage", "staging", "--json"], {})).code).toBe(0);
  });
});
