/**
 * Safety by construction (issue 12): nothing is deleted that the user did not name for the run, no
 * retained, protected or other stage's resource goes by fix or apply, the deletion gate cannot be
 * skipped, and a dry run writes nothing — counted on the local cloud's request log.
 */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { promises as fs } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { cloudContext } from "../../src/cloud/context.js";
import { AwsClients } from "../../src/cloud/clients.js";
import {
  DeletionGate,
  judgeDeletion,
  type DeletionAuthority,
  type GateFacts,
} from "../../src/cloud/deletion-gate.js";
import { allDrivers } from "../../src/cloud/drivers/index.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { sstKeys, type DeploymentV3 } from "../../src/state/index.js";
import { ROOT, cli, tempDir } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const SESSIONS = "acme-production-SessionsTable-btvzwchr";
const SESSIONS_URN = "urn:pulumi:production::acme::sst:aws:Dynamo$aws:dynamodb/table:Table::SessionsTable";

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  sandbox.server().resetCounts();
}, 30_000);

/** Every request that changes something in the local cloud since the last reset of the counts. */
function writes(): string[] {
  const counts = sandbox.server().requestCounts;
  const out: string[] = [];
  for (const [service, ops] of Object.entries(counts.byService))
    for (const [op, n] of Object.entries(ops))
      if (
        !/^(Get|List|Describe|Head|Lookup|Select|Scan|Query|Batch ?Get)/.test(op) &&
        op !== "GetCallerIdentity"
      )
        out.push(`${service}:${op}×${n}`);
  return out;
}

async function tableExists(name: string): Promise<boolean> {
  const dynamo = new DynamoDBClient(sandbox.config(ACME.homeRegion));
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch {
    return false;
  } finally {
    dynamo.destroy();
  }
}

const acme = (stage: string) => ["--app", "acme", "--stage", stage];

describe("deletion needs every affected stage named for the run", () => {
  it("cleanup --all-stages --yes --confirm dev deletes nothing of production, staging or pr-42", async () => {
    const r = await cli(
      ["cleanup", ...acme("dev"), "--all-stages", "--yes", "--confirm", "dev", "--json"],
      env(),
    );
    // dev has no leftovers of its own: the others were not confirmed, so nothing may go.
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "CONFIRMATION_REQUIRED" } });
    expect(writes().filter((w) => /Delete|Disable|Update/.test(w))).toEqual([]);
    expect(await tableExists(SESSIONS)).toBe(true);
  });

  it("confirming pr-42 deletes pr-42's leftovers only; production's are refused and still there", async () => {
    const r = await cli(
      ["cleanup", ...acme("dev"), "--all-stages", "--yes", "--confirm", "pr-42", "--json"],
      env(),
    );
    const report = JSON.parse(r.stdout) as {
      outcomes: { stage: string; result: string; detail: string }[];
    };
    const byStage = (s: string) => report.outcomes.filter((o) => o.stage === s).map((o) => o.result);
    expect(new Set(byStage("pr-42"))).not.toContain("refused");
    expect(byStage("pr-42").length).toBeGreaterThan(0);
    expect(new Set(byStage("production"))).toEqual(new Set(["refused"]));
    expect(r.code).toBe(4);
    const deletes = writes().filter((w) => /^(iam|lambda|logs|dynamodb|sesv2|route53):/.test(w));
    expect(deletes).toEqual([]);
    expect(await tableExists(SESSIONS)).toBe(true);
  });

  it("a production stage also needs --confirm-protected", async () => {
    const args = [
      ...acme("production"),
      "--include",
      "orphans",
      "--yes",
      "--confirm",
      "production",
      "--json",
    ];
    const without = await cli(["cleanup", ...args], env());
    const report = JSON.parse(without.stdout) as { outcomes: { result: string; detail: string }[] };
    expect(report.outcomes.map((o) => o.result)).toEqual(report.outcomes.map(() => "refused"));
    expect(report.outcomes[0]!.detail).toMatch(/--confirm-protected/);
    expect(writes().filter((w) => /Delete/.test(w))).toEqual([]);
    const withFlag = await cli(["cleanup", ...args, "--confirm-protected"], env());
    expect(withFlag.code).toBe(0);
    expect(writes().some((w) => /Delete/.test(w))).toBe(true);
  });

  it("a stage sst.config.ts protects (app() returns protect: true) also needs --confirm-protected", async () => {
    const dir = tempDir();
    await fs.writeFile(
      path.join(dir, "sst.config.ts"),
      `export default $config({
  app(input) {
    return { name: "acme", home: "aws", protect: input.stage.startsWith("pr-"), providers: { aws: { region: "us-east-1" } } };
  },
  async run() {},
});
`,
    );
    const args = ["cleanup", "--stage", "pr-42", "--yes", "--confirm", "pr-42", "--json"];
    const without = await cli(args, env(), { cwd: dir });
    const report = JSON.parse(without.stdout) as { outcomes: { result: string; detail: string }[] };
    expect(report.outcomes.map((o) => o.result)).toEqual(["refused", "refused"]);
    expect(report.outcomes[0]!.detail).toMatch(/protected stage pr-42/);
    expect(writes().filter((w) => /Delete|Update/.test(w))).toEqual([]);
    const withFlag = await cli([...args, "--confirm-protected"], env(), { cwd: dir });
    expect([0, 4]).toContain(withFlag.code);
    expect(writes().some((w) => /cloudfront:(Update|Delete)/.test(w))).toBe(true);
  });

  it("fix --allow-delete without a confirmation for each deleting stage applies nothing", async () => {
    const r = await cli(
      ["fix", ...acme("dev"), "--all-stages", "--yes", "--allow-delete", "--confirm", "dev"],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not confirmed for this run; nothing was applied[\s\S]*--confirm pr-42/);
    expect(writes()).toEqual([]);
  });
});

describe("retained, protected and other stages' resources", () => {
  it("fix --allow-delete adopts the retained table back (keeping retainOnDelete) and never deletes it", async () => {
    const r = await cli(
      [
        "fix",
        ...acme("dev"),
        "--all-stages",
        "--yes",
        "--allow-delete",
        ...["--confirm", "dev", "--confirm", "staging", "--confirm", "production", "--confirm", "pr-42"],
        "--confirm-protected",
        "--json",
      ],
      env(),
    );
    // 4: pr-42's distribution is disabled and still deploying (the rest is done).
    expect([0, 4]).toContain(r.code);
    expect(await tableExists(SESSIONS)).toBe(true);
    const show = await cli(["state", "show", ...acme("production"), "--json"], env());
    const summary = JSON.parse(show.stdout) as { summary: { retained: { urn: string }[] } };
    expect(summary.summary.retained.map((x) => x.urn)).toContain(SESSIONS_URN);
  });

  it("forget of a retained entry warns, and cleanup then still keeps it until it is named", async () => {
    const adopt = await cli(
      [
        "adopt",
        "aws:dynamodb/table:Table",
        SESSIONS,
        ...acme("production"),
        "--urn",
        SESSIONS_URN,
        "--retain-on-delete",
        "--yes",
      ],
      env(),
    );
    expect(adopt.code).toBe(0);
    const forget = await cli(["forget", SESSIONS_URN, ...acme("production"), "--yes"], env());
    expect(forget.code).toBe(0);
    expect(forget.stderr + forget.stdout).toMatch(/retainOnDelete/);
    const all = await cli(
      ["cleanup", ...acme("production"), "--yes", "--confirm", "production", "--confirm-protected", "--json"],
      env(),
    );
    const report = JSON.parse(all.stdout) as { outcomes: { name: string; result: string; detail: string }[] };
    const sessions = report.outcomes.find((o) => o.name === SESSIONS)!;
    expect(sessions.result).toBe("refused");
    expect(sessions.detail).toMatch(/retainOnDelete/);
    expect(await tableExists(SESSIONS)).toBe(true);
    const named = await cli(
      [
        "cleanup",
        ...acme("production"),
        "--include",
        SESSIONS,
        "--yes",
        "--confirm",
        "production",
        "--confirm-protected",
        "--json",
      ],
      env(),
    );
    expect(named.code).toBe(0);
    expect(await tableExists(SESSIONS)).toBe(false);
  });

  it("the gate refuses what a state holds, marks or another live stage owns (pure)", () => {
    const builder = new SstStateBuilder({ app: "acme", stage: "dev" });
    builder.addDynamo("Orders");
    const devState = builder.deployment() as unknown as DeploymentV3;
    const prodBuilder = new SstStateBuilder({ app: "acme", stage: "production" });
    prodBuilder.addDynamo("Orders");
    const prodState = prodBuilder.deployment() as unknown as DeploymentV3;
    const table = devState.resources!.find((r) => r.type === "aws:dynamodb/table:Table")!;
    const name = table.id!;
    const target = { stage: "staging", type: table.type, name, id: table.id!, region: "us-east-1" };
    const dev = { deployment: devState };
    const prod = { deployment: prodState };
    const facts: GateFacts = {
      app: "acme",
      homeRegion: "us-east-1",
      stages: [
        { stage: "dev", current: dev.deployment, older: [] },
        { stage: "production", current: prod.deployment, older: [] },
        { stage: "staging", current: undefined, older: [] },
      ],
    };
    const all: DeletionAuthority = {
      command: "cleanup",
      confirmed: ["dev", "staging", "production"],
      confirmProtected: true,
    };
    expect(judgeDeletion(target, all, facts)?.code).toBe("DELETE_HELD_BY_OTHER_STAGE");
    expect(judgeDeletion({ ...target, stage: "dev" }, all, facts)?.code).toBe("DELETE_MANAGED");
    expect(judgeDeletion(target, { ...all, command: "fix", named: [name] }, facts)?.code).toBe(
      "DELETE_HELD_BY_OTHER_STAGE",
    );
    expect(judgeDeletion(target, { ...all, named: [name] }, facts)).toBeUndefined();
    expect(judgeDeletion(target, { ...all, named: [name], confirmed: ["staging"] }, facts)?.code).toBe(
      "DELETE_NOT_CONFIRMED",
    );
    // Held with retainOnDelete (or protect) by an older version of the stage's own state.
    const retained = structuredClone(dev.deployment);
    for (const r of retained.resources ?? []) if (r.urn === table.urn) r.retainOnDelete = true;
    const marked: GateFacts = {
      ...facts,
      stages: [{ stage: "dev", current: undefined, older: [{ id: "v1", deployment: retained }] }],
    };
    const devTarget = { ...target, stage: "dev" };
    expect(judgeDeletion(devTarget, { ...all, command: "apply" }, marked)?.code).toBe("DELETE_RETAINED");
    expect(judgeDeletion(devTarget, { ...all, command: "fix", named: [name] }, marked)?.code).toBe(
      "DELETE_RETAINED",
    );
    expect(judgeDeletion(devTarget, { ...all, named: [table.urn] }, marked)).toBeUndefined();
    for (const r of retained.resources ?? []) {
      if (r.urn !== table.urn) continue;
      delete r.retainOnDelete;
      r.protect = true;
    }
    expect(judgeDeletion(devTarget, all, marked)?.code).toBe("DELETE_PROTECTED_ENTRY");
    // Protected stages: by name, or by configuration.
    const empty: GateFacts = {
      ...facts,
      stages: [{ stage: "qa", current: undefined, older: [], protected: true }],
    };
    const prodTarget = { ...target, stage: "prod-eu" };
    expect(
      judgeDeletion(prodTarget, { ...all, confirmed: ["prod-eu"], confirmProtected: false }, empty)?.code,
    ).toBe("DELETE_PROTECTED_STAGE");
    expect(
      judgeDeletion({ ...target, stage: "qa" }, { ...all, confirmed: ["qa"], confirmProtected: false }, empty)
        ?.code,
    ).toBe("DELETE_PROTECTED_STAGE");
    expect(judgeDeletion({ ...target, stage: "qa" }, { ...all, confirmed: ["qa"] }, empty)).toBeUndefined();
  });
});

describe("the gate cannot be skipped", () => {
  it("every handler's delete refuses without the gate's permit for that very resource, before any AWS call", async () => {
    const clients = new AwsClients({ region: ACME.homeRegion }, env());
    const ctx = cloudContext(clients, {});
    const victim = { name: SESSIONS, id: SESSIONS, region: "us-east-1" };
    const HANDLERS = await allDrivers();
    for (const h of HANDLERS) {
      for (const forged of [undefined, { permit: true }, Object.freeze({ permit: true as const })]) {
        await expect(h.delete(ctx, victim, forged as never)).rejects.toMatchObject({
          code: "DELETE_NOT_PERMITTED",
        });
      }
    }
    // A real permit, issued by the gate for one resource, is worthless for another.
    const dynamo = HANDLERS.find((h) => h.kind === "dynamodb-table")!;
    let captured: unknown;
    const spy = vi.spyOn(dynamo, "delete").mockImplementation((_c, _i, permit) => {
      captured = permit;
      return Promise.resolve({ deleted: true, steps: [] });
    });
    const gate = new DeletionGate(
      { command: "cleanup", confirmed: ["test"], confirmProtected: false },
      { app: "acme", homeRegion: "us-east-1", stages: [] },
    );
    await gate.delete(ctx, {
      stage: "test",
      type: "aws:dynamodb/table:Table",
      name: "other-table",
      id: "other-table",
      region: "us-east-1",
    });
    spy.mockRestore();
    expect(captured).toBeDefined();
    await expect(dynamo.delete(ctx, victim, captured as never)).rejects.toMatchObject({
      code: "DELETE_NOT_PERMITTED",
    });
    expect(writes()).toEqual([]);
    expect(await tableExists(SESSIONS)).toBe(true);
    clients.destroy();
  });
});

describe("--dry-run writes nothing, and off a terminal a write needs --yes", () => {
  it("each writing command with --dry-run makes no write request", async () => {
    const dir = tempDir();
    const planFile = path.join(dir, "plan.json");
    expect((await cli(["plan", ...acme("dev"), "--all-stages", "--out", planFile], env())).code).toBe(0);
    const commands: string[][] = [
      ["history", "restore", "previous", ...acme("production"), "--dry-run"],
      ["state", "repair", ...acme("dev"), "--dry-run"],
      ["lock", "release", ...acme("staging"), "--force", "--dry-run"],
      [
        "adopt",
        "aws:cloudwatch/logGroup:LogGroup",
        "/aws/lambda/acme-dev-WorkerFunction-bcdwmsew",
        ...acme("dev"),
        "--dry-run",
      ],
      [
        "forget",
        "urn:pulumi:staging::acme::sst:aws:Function$aws:iam/role:Role::ApiRole",
        ...acme("staging"),
        "--with-dependents",
        "--dry-run",
      ],
      ["fix", ...acme("dev"), "--all-stages", "--dry-run", "--allow-delete"],
      ["apply", planFile, "--dry-run", "--allow-delete"],
      ["cleanup", ...acme("pr-42"), "--yes", "--confirm", "pr-42", "--dry-run"],
      ["history", "snapshot", ...acme("production"), "--note", "dry", "--dry-run"],
      [
        "history",
        "backup",
        ...acme("production"),
        "--all-stages",
        "--to",
        `s3://${ACME.stateBucket}/backup`,
        "--dry-run",
      ],
      ["history", "backup", ...acme("production"), "--to", path.join(dir, "backup"), "--dry-run"],
      ["history", "export", ...acme("production"), "--git", path.join(dir, "git"), "--dry-run"],
    ];
    for (const args of commands) {
      sandbox.server().resetCounts();
      const r = await cli(args, env());
      if (![0, 3, 4].includes(r.code)) expect.fail(`${args.join(" ")} exited ${r.code}: ${r.stderr}`);
      expect({ args, writes: writes() }).toEqual({ args, writes: [] });
    }
    // Nothing on disk either: the backup and export directories were never made.
    expect(await fs.readdir(dir)).toEqual(["plan.json"]);
  }, 90_000);

  it("on a DIY backend on disk, every writing command's --dry-run leaves every file and its time", async () => {
    const dir = tempDir();
    const root = path.join(dir, ".pulumi");
    await fs.mkdir(path.join(root, "stacks", "proj"), { recursive: true });
    await fs.mkdir(path.join(root, "history", "proj", "dev"), { recursive: true });
    await fs.writeFile(path.join(root, "meta.yaml"), "version: 1\n");
    const b = new SstStateBuilder({ app: "proj", stage: "dev" });
    b.addFunction("Api");
    await fs.writeFile(
      path.join(root, "history", "proj", "dev", "dev-1700000000000000000.checkpoint.json"),
      toBytes(b.versioned()),
    );
    b.addDynamo("Orders");
    // The stack as the stuck deploy left it: misordered, so repair has something to do.
    await fs.copyFile(
      path.join(ROOT, "examples", "stuck-deploy.json"),
      path.join(root, "stacks", "proj", "dev.json"),
    );
    const snapshot = async () => {
      const out: string[] = [];
      const walk = async (d: string): Promise<void> => {
        for (const e of await fs.readdir(d, { withFileTypes: true })) {
          const full = path.join(d, e.name);
          if (e.isDirectory()) await walk(full);
          else
            out.push(
              `${full} ${(await fs.stat(full)).mtimeMs} ${(await fs.readFile(full)).toString("base64")}`,
            );
        }
      };
      await walk(dir);
      return out.sort();
    };
    const before = await snapshot();
    await new Promise((r) => setTimeout(r, 20));
    const diy = ["--backend", `file://${dir}`, "--app", "proj", "--stage", "dev"];
    for (const args of [
      ["history", "restore", "previous", ...diy, "--no-cloud-check", "--dry-run"],
      ["state", "repair", ...diy, "--dry-run"],
      ["lock", "release", ...diy, "--force", "--dry-run"],
    ]) {
      const r = await cli(args, {});
      if (![0, 3, 4].includes(r.code)) expect.fail(`${args.join(" ")} exited ${r.code}: ${r.stderr}`);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("state repair --in-place --dry-run leaves the file, its time and no .bak", async () => {
    const dir = tempDir();
    const file = path.join(dir, "stuck.json");
    await fs.copyFile(path.join(ROOT, "examples", "stuck-deploy.json"), file);
    const before = await fs.stat(file);
    const bytes = await fs.readFile(file);
    await new Promise((r) => setTimeout(r, 20));
    const r = await cli(["state", "repair", file, "--in-place", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Dry run: nothing was written/);
    expect(await fs.readFile(file)).toEqual(bytes);
    expect((await fs.stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await fs.readdir(dir)).toEqual(["stuck.json"]);
  });

  it("off a terminal without --yes, every writing command refuses before writing", async () => {
    const dir = tempDir();
    const file = path.join(dir, "stuck.json");
    await fs.copyFile(path.join(ROOT, "examples", "stuck-deploy.json"), file);
    const commands: string[][] = [
      ["history", "restore", "previous", ...acme("production")],
      ["state", "repair", ...acme("dev")],
      ["state", "repair", file, "--in-place"],
      ["lock", "release", ...acme("staging"), "--force"],
      [
        "adopt",
        "aws:cloudwatch/logGroup:LogGroup",
        "/aws/lambda/acme-dev-WorkerFunction-bcdwmsew",
        ...acme("dev"),
      ],
      ["forget", "urn:pulumi:staging::acme::sst:aws:Function$aws:iam/role:Role::ApiRole", ...acme("staging")],
      ["fix", ...acme("dev"), "--all-stages"],
    ];
    for (const args of commands) {
      const r = await cli([...args, "--json"], env());
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "CONFIRMATION_REQUIRED" } });
    }
    expect(writes()).toEqual([]);
    expect(await fs.readdir(dir)).toEqual(["stuck.json"]);
  });

  it("state repair of a stage with --yes writes it and never claims it wrote nothing", async () => {
    const s3 = new S3Client(sandbox.config(ACME.homeRegion));
    await s3.send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.state("acme", "dev"),
        Body: await fs.readFile(path.join(ROOT, "examples", "stuck-deploy.json")),
      }),
    );
    s3.destroy();
    sandbox.server().resetCounts();
    const r = await cli(["state", "repair", ...acme("dev"), "--yes"], env());
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/Nothing written/);
    expect(r.stdout).toMatch(/Wrote /);
    expect(writes().some((w) => w.startsWith("s3:PutObject"))).toBe(true);
    expect((await cli(["state", "verify", ...acme("dev")], env())).code).toBe(0);
  });
});
