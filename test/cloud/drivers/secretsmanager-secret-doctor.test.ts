/**
 * doctor and adopt on a stage with secrets, through the CLI against the local cloud: an orphan secret
 * (found by its stage tag) and a pending create whose secret exists — here one scheduled for deletion,
 * which adopt refuses with the two ways out (restore, or force-delete), never showing its value.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sandboxEnv, useSandbox, putStageState } from "../../sandbox/harness.js";
import { cli } from "../../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const TYPE = "aws:secretsmanager/secret:Secret";
const URN = `urn:pulumi:vault::acme::${TYPE}::DbSecret`;
let scheduledArn = "";

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const sm = new SecretsManagerClient(sandbox.config(ACME.homeRegion));
  const Tags = [
    { Key: "sst:app", Value: "acme" },
    { Key: "sst:stage", Value: "vault" },
  ];
  await sm.send(
    new CreateSecretCommand({ Name: "acme-vault-OrphanSecret-kmnorstu", SecretString: "pw-1", Tags }),
  );
  const made = await sm.send(
    new CreateSecretCommand({ Name: "acme-vault-DbSecret-mnorstuv", SecretString: "pw-2", Tags }),
  );
  scheduledArn = made.ARN!;
  await sm.send(new DeleteSecretCommand({ SecretId: scheduledArn, RecoveryWindowInDays: 7 }));
  sm.destroy();
  const b = new SstStateBuilder({ app: "acme", stage: "vault", account: sandbox.server().accountId });
  b.addPendingCreate(TYPE, "DbSecret", { name: "acme-vault-DbSecret-mnorstuv" });
  await putStageState(sandbox, "acme", "vault", b);
}, 60_000);

describe("doctor and adopt with secrets", () => {
  it("finds the pending create's secret and the orphan, by ARN; adopt refuses the one scheduled for deletion", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", "vault", "--json"], env());
    const doc = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const secrets = doc.findings
      .filter((f) => f.resources.some((x) => x.type === TYPE))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(secrets).toEqual([
      "orphan acme-vault-OrphanSecret-kmnorstu",
      "pending-create acme-vault-DbSecret-mnorstuv",
    ]);
    const pending = doc.findings.find((f) => f.rule === "pending-create")! as (typeof doc.findings)[0] & {
      evidence: string;
    };
    expect(pending.evidence).toMatch(
      /DbSecret-mnorstuv exists in \S+ but is scheduled for deletion \(since 20/,
    );
    // Both ways out, with the real name (no placeholder): restore then adopt, or purge then forget.
    const fix = pending.fix.join("\n");
    expect(fix).toContain(
      "aws secretsmanager restore-secret --secret-id acme-vault-DbSecret-mnorstuv --region",
    );
    expect(fix).toContain(`stateward adopt ${TYPE} ${scheduledArn} --urn ${URN}`);
    expect(fix).toContain(
      "aws secretsmanager delete-secret --secret-id acme-vault-DbSecret-mnorstuv --force-delete-without-recovery",
    );
    expect(fix).toContain(`stateward forget --pending ${URN}`);
    expect(fix).not.toContain("<name>");
    expect(r.stdout).not.toMatch(/pw-[12]/);

    const adopt = await cli(
      ["adopt", TYPE, scheduledArn, "--urn", URN, "--app", "acme", "--stage", "vault", "--yes"],
      env(),
    );
    expect(adopt.code).not.toBe(0);
    const said = adopt.stdout + adopt.stderr;
    expect(said).toMatch(/scheduled for deletion/);
    expect(said).toContain("aws secretsmanager restore-secret --secret-id acme-vault-DbSecret-mnorstuv");
    expect(said).toContain("--force-delete-without-recovery");
    expect(said).not.toMatch(/pw-[12]/);

    // The orphan is adopted by the ARN doctor printed, and is the stage's from then on.
    const orphan = doc.findings.find((f) => f.rule === "orphan")!;
    const line = orphan.fix.find((f) => f.startsWith("stateward adopt"))!;
    const arn = line.split(" ")[3]!;
    const adopted = await cli(["adopt", TYPE, arn, "--app", "acme", "--stage", "vault", "--yes"], env());
    expect(adopted.code).toBe(0);
    const again = await cli(["doctor", "--app", "acme", "--stage", "vault", "--json"], env());
    expect(again.stdout).not.toContain("acme-vault-OrphanSecret-kmnorstu");
  }, 60_000);

  it("a plan proposes nothing for the scheduled secret (the person chooses); purge + the printed forget clear it", async () => {
    const plan = await cli(["plan", "--app", "acme", "--stage", "vault", "--json"], env());
    const actions = (JSON.parse(plan.stdout) as { actions: { finding: string }[] }).actions;
    expect(actions.filter((a) => a.finding === "pending-create")).toEqual([]);

    const doc = JSON.parse(
      (await cli(["doctor", "--app", "acme", "--stage", "vault", "--json"], env())).stdout,
    ) as {
      findings: { rule: string; fix: string[] }[];
    };
    const forget = doc.findings
      .find((f) => f.rule === "pending-create")!
      .fix.find((f) => f.startsWith("stateward forget"))!;
    const sm = new SecretsManagerClient(sandbox.config(ACME.homeRegion));
    await sm.send(new DeleteSecretCommand({ SecretId: scheduledArn, ForceDeleteWithoutRecovery: true }));
    sm.destroy();
    const cleared = await cli([...forget.split(" ").slice(1), "--yes"], env());
    expect(cleared.code).toBe(0);
    const after = await cli(["doctor", "--app", "acme", "--stage", "vault", "--json"], env());
    expect(after.stdout).not.toContain("DbSecret-mnorstuv");
  }, 60_000);
});
