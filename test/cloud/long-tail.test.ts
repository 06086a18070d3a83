/**
 * The long tail is never silent: state entries of types stateward has no kind for are checked through
 * the Cloud Control API, end to end through the CLI against the local cloud. Present ones count as
 * checked, a deleted one is `stale` with a fix that works, a pending create whose name exists is
 * reported (and can only be cleared, not adopted), a type Cloud Control cannot read is named as "not
 * checked" with why, and a failing Cloud Control makes the scan incomplete (exit 5).
 */
import { CloudControlClient, CreateResourceCommand } from "@aws-sdk/client-cloudcontrol";
import { beforeAll, describe, expect, it } from "vitest";
import { cloudContext } from "../../src/cloud/context.js";
import { AwsClients } from "../../src/cloud/clients.js";
import { getResource } from "../../src/cloud/drivers/cloudcontrol.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { quote } from "../../src/rules/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const STAGE = "tail";
const ids: Record<string, string> = {};
const urns: Record<string, string> = {};

async function create(cc: CloudControlClient, type: string, state: Record<string, unknown>): Promise<string> {
  const r = await cc.send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(state) }));
  expect(r.ProgressEvent?.OperationStatus).toBe("SUCCESS");
  return r.ProgressEvent!.Identifier!;
}

async function putState(b: SstStateBuilder): Promise<void> {
  await putStageState(sandbox, "acme", b.stage, b);
}

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const cc = new CloudControlClient(sandbox.config(ACME.homeRegion));
  ids.vpc = await create(cc, "AWS::EC2::VPC", { CidrBlock: "10.0.0.0/16" });
  ids.db = await create(cc, "AWS::RDS::DBInstance", {
    DBInstanceIdentifier: "acme-tail-db",
    Engine: "postgres",
  });
  ids.key = await create(cc, "AWS::KMS::Key", { Description: "acme tail" });
  ids.sfn = await create(cc, "AWS::StepFunctions::StateMachine", { StateMachineName: "acme-tail-Flow" });
  // The name an interrupted deploy created before Pulumi recorded it.
  await create(cc, "AWS::SSM::Parameter", { Name: "/acme/tail/flag", Type: "String", Value: "on" });
  cc.destroy();

  const b = new SstStateBuilder({ app: "acme", stage: STAGE, account: sandbox.server().accountId });
  const net = b.component("sst:aws:Vpc", "Net");
  b.custom("aws:ec2/vpc:Vpc", "NetVpc", net, {
    id: ids.vpc,
    inputs: { cidrBlock: "10.0.0.0/16" },
    outputs: { id: ids.vpc, cidrBlock: "10.0.0.0/16" },
  });
  // Deleted by hand: its state entry is stale.
  urns.subnet = b.custom("aws:ec2/subnet:Subnet", "NetSubnet", net, {
    id: "subnet-0123456789abcdef0",
    inputs: { vpcId: ids.vpc },
    outputs: { id: "subnet-0123456789abcdef0", vpcId: ids.vpc },
  }).urn;
  const db = b.component("sst:aws:Postgres", "Db");
  b.custom("aws:rds/instance:Instance", "DbInstance", db, {
    id: "db-ABCDEFGHIJKLMNOP",
    inputs: { identifier: "acme-tail-db", engine: "postgres" },
    outputs: { id: "db-ABCDEFGHIJKLMNOP", identifier: "acme-tail-db", engine: "postgres" },
  });
  b.custom("aws:kms/key:Key", "Key", db, {
    id: ids.key,
    inputs: {},
    outputs: { id: ids.key, keyId: ids.key },
  });
  b.custom("aws:sfn/stateMachine:StateMachine", "Flow", db, {
    id: ids.sfn,
    inputs: { name: "acme-tail-Flow" },
    outputs: { id: ids.sfn, arn: ids.sfn, name: "acme-tail-Flow" },
  });
  // A type Cloud Control does not serve (NON_PROVISIONABLE): named as not checked.
  b.custom("aws:sqs/queuePolicy:QueuePolicy", "JobsPolicy", db, {
    id: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
    inputs: { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", policy: "{}" },
    outputs: { id: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs" },
  });
  urns.flag = b.addPendingCreate("aws:ssm/parameter:Parameter", "Flag", {
    name: "/acme/tail/flag",
    type: "String",
  }).urn;
  urns.never = b.addPendingCreate("aws:ssm/parameter:Parameter", "Other", {
    name: "/acme/tail/other",
    type: "String",
  }).urn;
  await putState(b);
}, 60_000);

/** The scan's incomplete parts that are Cloud Control's (other kinds' parts are not this test's). */
const ccParts = (doc: Doc) => doc.incomplete.filter((i) => i.kind.endsWith("(Cloud Control)"));

interface Doc {
  findings: {
    rule: string;
    resources: { type: string; name: string; urn?: string }[];
    fix: string[];
    evidence: string;
  }[];
  coverage: { checked: number; total: number; unchecked: { type: string; count: number; reason?: string }[] };
  incomplete: { kind: string; region: string; error: string }[];
}

describe("the long tail through Cloud Control", () => {
  it("the driver tells present, gone and 'cannot tell' apart", async () => {
    const clients = new AwsClients({ region: ACME.homeRegion }, env());
    const ctx = cloudContext(clients);
    try {
      const t = { typeName: "AWS::EC2::VPC", region: ACME.homeRegion };
      expect((await getResource(ctx, { ...t, identifier: ids.vpc! })).state).toBe("present");
      expect(await getResource(ctx, { ...t, identifier: "vpc-00000000000000000" })).toEqual({
        state: "gone",
      });
      const cannot = await getResource(ctx, { ...t, typeName: "AWS::SQS::QueuePolicy", identifier: "x" });
      expect(cannot).toMatchObject({ state: "unchecked" });
      expect((cannot as { reason: string }).reason).toMatch(
        /^Cloud Control cannot read this type \(UnsupportedActionException: /,
      );
      const unknown = await getResource(ctx, { ...t, typeName: "AWS::Nope::Thing", identifier: "x" });
      expect((unknown as { reason: string }).reason).toMatch(/TypeNotFoundException/);
      expect(ctx.counts.byService.cloudcontrol).toBe(4);
    } finally {
      clients.destroy();
    }
  });

  it("doctor: present ones checked, the deleted one stale, the pending creates settled, the unsupported one named", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--json"], env());
    const doc = JSON.parse(r.stdout) as Doc;
    expect(ccParts(doc)).toEqual([]);
    const stale = doc.findings.filter((f) => f.rule === "stale");
    expect(stale).toHaveLength(1);
    expect(stale[0]!.resources.map((x) => x.type)).toEqual(["aws:ec2/subnet:Subnet"]);
    expect(stale[0]!.evidence).toContain(
      "AWS::EC2::Subnet subnet-0123456789abcdef0 is in tail's state; us-east-1 does not have it",
    );
    expect(stale[0]!.fix.join("\n")).toContain(`stateward forget ${quote(urns.subnet!)} --drop-references`);
    const pending = doc.findings.filter((f) => f.rule === "pending-create");
    expect(pending.map((f) => f.resources[0]!.urn).sort()).toEqual([urns.flag, urns.never].sort());
    const exists = pending.find((f) => f.resources[0]!.urn === urns.flag)!;
    expect(exists.evidence).toContain("AWS::SSM::Parameter /acme/tail/flag exists in us-east-1");
    // Not adoptable: the fix says what to do and clears the operation.
    expect(exists.fix[0]).toMatch(/^# stateward cannot adopt aws:ssm\/parameter:Parameter/);
    expect(exists.fix[1]).toContain(`stateward forget --pending ${quote(urns.flag!)}`);
    const never = pending.find((f) => f.resources[0]!.urn === urns.never)!;
    expect(never.evidence).toContain("does not exist");
    expect(doc.findings.filter((f) => f.rule === "pending-operation")).toEqual([]);
    // VPC, subnet (found missing), RDS, KMS, Step Functions: checked; the queue policy is not.
    expect(doc.coverage.total).toBe(6);
    expect(doc.coverage.checked).toBe(5);
    expect(doc.coverage.unchecked.map((u) => `${u.type} ${u.count}`)).toEqual([
      "aws:sqs/queuePolicy:QueuePolicy 1",
    ]);
    expect(doc.coverage.unchecked[0]!.reason).toMatch(/AWS::SQS::QueuePolicy is not served by Cloud Control/);
    const text = await cli(["doctor", "--app", "acme", "--stage", STAGE], env());
    expect(text.stdout).toContain(
      "Checked 5 of 6 resources; 1 resource of type aws:sqs/queuePolicy:QueuePolicy was not checked.",
    );
    expect(text.stdout).toContain(
      "not checked: aws:sqs/queuePolicy:QueuePolicy: AWS::SQS::QueuePolicy is not served by Cloud Control",
    );
  });

  it("scan lists the missing one and says which type it did not check, and why", async () => {
    const r = await cli(["scan", "--app", "acme", "--stage", STAGE], env());
    expect(r.stdout).toMatch(/missing\s+AWS::EC2::Subnet\s+subnet-0123456789abcdef0/);
    expect(r.stdout).toContain(
      "aws:sqs/queuePolicy:QueuePolicy (1): AWS::SQS::QueuePolicy is not served by Cloud Control",
    );
    const json = JSON.parse(
      (await cli(["scan", "--app", "acme", "--stage", STAGE, "--json"], env())).stdout,
    ) as {
      stages: { entries: { status: string; type: string; kind: string; foundBy?: string }[] }[];
      calls: { byService: Record<string, number> };
    };
    const managed = json.stages[0]!.entries.filter((e) => e.status === "managed").map((e) => e.type);
    expect(managed).toEqual(
      expect.arrayContaining([
        "aws:ec2/vpc:Vpc",
        "aws:rds/instance:Instance",
        "aws:kms/key:Key",
        "aws:sfn/stateMachine:StateMachine",
      ]),
    );
    // Each type is its own kind: two types' resources of one name are never one resource.
    expect(json.stages[0]!.entries.find((e) => e.type === "aws:ec2/vpc:Vpc")).toMatchObject({
      kind: "cloudcontrol:AWS::EC2::VPC",
      foundBy: "read",
    });
    // One GetResource per long-tail entry (5 entries, 2 pending creates), none for the unsupported one.
    expect(json.calls.byService.cloudcontrol).toBe(7);
  });

  it("the stale entry's pasted fix works: after it, doctor no longer reports it", async () => {
    const r = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--json"], env());
    const fix = (JSON.parse(r.stdout) as Doc).findings.find((f) => f.rule === "stale")!.fix;
    const forget = fix.find((l) => l.includes("stateward forget"))!.replace(/^# or drop it.*?: /, "");
    const args = forget
      .replace(/^stateward /, "")
      .match(/'[^']*'|\S+/g)!
      .map((a) => a.replace(/^'|'$/g, ""));
    const done = await cli([...args, "--yes"], env());
    expect(done.code).toBe(0);
    const after = JSON.parse(
      (await cli(["doctor", "--app", "acme", "--stage", STAGE, "--json"], env())).stdout,
    ) as Doc;
    expect(after.findings.filter((f) => f.rule === "stale")).toEqual([]);
    expect(after.coverage.total).toBe(5);
  });

  it("a failing Cloud Control makes the scan incomplete: exit 5, never clean", async () => {
    const b = new SstStateBuilder({ app: "acme", stage: "tail2", account: sandbox.server().accountId });
    const net = b.component("sst:aws:Vpc", "Net");
    b.custom("aws:ec2/vpc:Vpc", "NetVpc", net, { id: ids.vpc!, inputs: {}, outputs: { id: ids.vpc! } });
    await putState(b);
    const clean = JSON.parse(
      (await cli(["doctor", "--app", "acme", "--stage", "tail2", "--json"], env())).stdout,
    ) as Doc;
    expect(ccParts(clean)).toEqual([]);
    expect(clean.coverage).toMatchObject({ checked: 1, total: 1 });
    sandbox.server().faults.configure({ rules: [{ service: "cloudcontrol", errorRate: 1 }] });
    try {
      const r = await cli(["doctor", "--app", "acme", "--stage", "tail2", "--json"], env());
      expect(r.code).toBe(5);
      const doc = JSON.parse(r.stdout) as Doc;
      expect(ccParts(doc).map((i) => `${i.kind} ${i.region}`)).toEqual([
        "AWS::EC2::VPC (Cloud Control) us-east-1",
      ]);
      expect(doc.coverage.checked).toBe(0);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 120_000);
});
