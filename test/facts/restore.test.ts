/**
 * `history restore` judges the cloud with the same facts and rules as doctor: gather, as if the chosen
 * version were current, then the orphan and leftover rules. Against the local cloud seeded with the
 * acme scenario, whose dev stage has a second SST home in us-west-2 (case 8).
 *
 * The tagging-API comparison it replaces asked us-east-1 for everything tagged acme/dev and called all
 * of it orphaned when restoring the stray home's dev — among it the SES identity
 * noreply@dev.acme.example, which the us-east-1 home's dev state holds. Doctor calls those resources
 * the other home's (region-mismatch), never orphans; so does restore now.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();

function env(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: sandbox.server().url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

interface Orphan {
  arn: string;
  inCurrent: boolean;
  urn?: string;
  rule?: string;
}

async function restorePlan(stage: string, region: string, version = "previous") {
  const args = ["--app", ACME.app, "--stage", stage, "--region", region];
  const r = await cli(["history", "restore", version, ...args, "--dry-run", "--json"], env());
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { plan: { cloud: { checked: boolean; orphaned: Orphan[] } } }).plan;
}

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("history restore's orphans are doctor's", () => {
  it("does not list the other home's SES identity (or anything it holds) as orphaned", async () => {
    const plan = await restorePlan("dev", ACME.strayRegion, "current");
    expect(plan.cloud.checked).toBe(true);
    const arns = plan.cloud.orphaned.map((o) => o.arn);
    expect(arns.some((a) => a.includes("identity/noreply@dev.acme.example"))).toBe(false);
    expect(arns.some((a) => a.includes("acme-dev-OrdersTable"))).toBe(false);
    expect(plan.cloud.orphaned).toEqual([]);
  });

  it("still lists what doctor calls orphaned or left over, with the rule that says so", async () => {
    const plan = await restorePlan("production", ACME.homeRegion);
    const byArn = new Map(plan.cloud.orphaned.map((o) => [o.arn, o]));
    const ses = [...byArn.values()].find((o) => o.arn.includes("identity/alerts@acme.example"));
    // Case 7: made by hand outside any state — a true orphan, before and after the restore.
    expect(ses).toMatchObject({ rule: "orphan", inCurrent: false });
    // Case 2: retained by an older version.
    const sessions = [...byArn.values()].find((o) => o.arn.includes("SessionsTable"));
    expect(sessions).toMatchObject({ rule: "retained-leftover", inCurrent: false });
    // The identity the restored version itself holds is not listed.
    expect([...byArn.keys()].some((a) => a.includes("identity/noreply@acme.example"))).toBe(false);
  });

  it("what restoring an older version drops is the newer versions' (rolled back), in the current state", async () => {
    const args = ["--app", ACME.app, "--stage", "dev", "--region", ACME.homeRegion];
    const list = JSON.parse((await cli(["history", "list", ...args, "--json"], env())).stdout) as {
      versions: { id: string }[];
    };
    // The oldest version: before the Mailer identity was added.
    const plan = await restorePlan("dev", ACME.homeRegion, list.versions.at(-1)!.id);
    const ses = plan.cloud.orphaned.find((o) => o.arn.includes("identity/noreply@dev.acme.example"));
    expect(ses).toMatchObject({ rule: "rolled-back", inCurrent: true });
    expect(ses!.urn).toMatch(/::MailerIdentity$/);
  });
});
