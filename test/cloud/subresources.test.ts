/**
 * Long-tail types checked natively (src/cloud/drivers/subresources.ts), end to end through the CLI on
 * the local cloud: S3 objects and bucket settings, EventBridge targets, certificate validations. A
 * present one counts as checked, a deleted one is `stale` with a forget that works as pasted, a failing
 * read makes the scan incomplete (exit 5); an invocation and SST's dynamic helpers are "nothing to
 * check", outside the share, never "checked". Plus the table's unit: arguments read from the entries.
 */
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { longTailType, nativeArgs } from "../../src/kinds/cloudformation-types.js";
import { nothingToCheck } from "../../src/kinds/nothing-to-check.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox({ deployDelayMs: 0 });
const env = () => sandboxEnv(sandbox);
const STAGE = "subs";
const FILES = "acme-subs-files";
const SITE = "acme-subs-site";
const BARE = "acme-subs-bare";
const RULE = "acme-subs-Nightly";
const urns: Record<string, string> = {};
let certArn = "";

interface Doc {
  findings: {
    rule: string;
    resources: { type: string; name: string; urn?: string }[];
    fix: string[];
    evidence: string;
  }[];
  coverage: {
    checked: number;
    total: number;
    unchecked: { type: string; count: number; reason?: string }[];
    nothingToCheck?: { type: string; count: number; reason: string }[];
  };
  incomplete: { kind: string; region: string; error: string }[];
}

async function doctor(stage = STAGE): Promise<{ code: number; doc: Doc; text: string }> {
  const r = await cli(["doctor", "--app", "acme", "--stage", stage, "--json"], env());
  const t = await cli(["doctor", "--app", "acme", "--stage", stage], env());
  return { code: r.code, doc: JSON.parse(r.stdout) as Doc, text: t.stdout };
}

const obj = (bucket: string, key: string) => ({ bucket, key, id: key });
const setting = (bucket: string) => ({ bucket, id: bucket });

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const region = ACME.homeRegion;
  const s3 = new S3Client(sandbox.config(region));
  const eb = new EventBridgeClient(sandbox.config(region));
  const acm = new ACMClient(sandbox.config(region));
  try {
    for (const Bucket of [FILES, SITE, BARE]) await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket: FILES, Key: "assets/a.zip", Body: "PK" }));
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: SITE,
        CORSConfiguration: { CORSRules: [{ AllowedMethods: ["GET"], AllowedOrigins: ["*"] }] },
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: SITE,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true },
      }),
    );
    const fn = `arn:aws:lambda:${region}:${sandbox.server().accountId}:function:acme-subs-Resize`;
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: SITE,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            { Id: "Resized", LambdaFunctionArn: fn, Events: ["s3:ObjectCreated:*"] },
          ],
        },
      }),
    );
    await eb.send(new PutRuleCommand({ Name: RULE, ScheduleExpression: "cron(0 3 * * ? *)" }));
    await eb.send(new PutTargetsCommand({ Rule: RULE, Targets: [{ Id: "Job", Arn: fn }] }));
    certArn = (
      await acm.send(
        new RequestCertificateCommand({ DomainName: "subs.acme.example", ValidationMethod: "DNS" }),
      )
    ).CertificateArn!;
  } finally {
    s3.destroy();
    eb.destroy();
    acm.destroy();
  }

  const b = new SstStateBuilder({ app: "acme", stage: STAGE, account: sandbox.server().accountId });
  const c = b.component("sst:aws:Bucket", "Site");
  const add = (key: string, type: string, name: string, outputs: Record<string, string>) => {
    urns[key] = b.custom(type, name, c, { id: outputs.id!, inputs: { ...outputs }, outputs }).urn;
  };
  // Present ones.
  add("object", "aws:s3/bucketObjectv2:BucketObjectv2", "Code", obj(FILES, "assets/a.zip"));
  add("cors", "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "SiteCors", setting(SITE));
  add("pab", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "SitePab", setting(SITE));
  add("notif", "aws:s3/bucketNotification:BucketNotification", "SiteNotif", setting(SITE));
  add("target", "aws:cloudwatch/eventTarget:EventTarget", "Target", {
    id: `${RULE}-Job`,
    rule: RULE,
    targetId: "Job",
    eventBusName: "default",
  });
  add("validation", "aws:acm/certificateValidation:CertificateValidation", "Validation", {
    id: "2026-12-03 10:00:00.000000000 +0000 UTC",
    certificateArn: certArn,
  });
  // Gone ones (deleted by hand, or never there).
  add("objectGone", "aws:s3/bucketObjectv2:BucketObjectv2", "OldCode", obj(FILES, "assets/old.zip"));
  add("corsGone", "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "BareCors", setting(BARE));
  add("pabGone", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "BarePab", setting(BARE));
  add("notifGone", "aws:s3/bucketNotification:BucketNotification", "BareNotif", setting(BARE));
  add("targetGone", "aws:cloudwatch/eventTarget:EventTarget", "OldTarget", {
    id: `${RULE}-Old`,
    rule: RULE,
    targetId: "Old",
  });
  add("validationGone", "aws:acm/certificateValidation:CertificateValidation", "OldValidation", {
    id: "2026-01-01 10:00:00.000000000 +0000 UTC",
    certificateArn: certArn.replace(/[0-9a-f]{8}-/, "00000000-"),
  });
  // Nothing to check: an invocation, and one of SST's dynamic helpers.
  add("invocation", "aws:lambda/invocation:Invocation", "Seed", { id: "acme-subs-Resize,$LATEST,abc" });
  urns.kv = b.custom("pulumi-nodejs:dynamic:Resource", "SiteKvKeys.sst.aws.KvKeys", c, {
    id: "0c8f1f0e",
    inputs: { store: "arn:aws:cloudfront::1:key-value-store/x" },
    outputs: { store: "arn:aws:cloudfront::1:key-value-store/x" },
  }).urn;
  await putStageState(sandbox, "acme", STAGE, b);
}, 60_000);

const GONE = ["objectGone", "corsGone", "pabGone", "notifGone", "targetGone", "validationGone"];

describe("native checks of the long tail", () => {
  it("the table says which check and reads its arguments from the entry", () => {
    const entry = (type: string, outputs: Record<string, string>): ResourceV3 => ({
      urn: `urn:pulumi:s::a::${type}::x`,
      custom: true,
      type,
      id: outputs.id ?? "",
      outputs,
    });
    const target = longTailType("aws:cloudwatch/eventTarget:EventTarget")!;
    expect(target.native?.check).toBe("event-target");
    // The bus AWS assumes when the state leaves it out.
    expect(nativeArgs(target, entry(target.token, { rule: "r", targetId: "t" }))).toEqual({
      rule: "r",
      targetId: "t",
      eventBusName: "default",
    });
    const object = longTailType("aws:s3/bucketObjectv2:BucketObjectv2")!;
    expect(nativeArgs(object, entry(object.token, { bucket: "b", key: "k" }))).toEqual({
      bucket: "b",
      key: "k",
    });
    // A missing argument: not checkable (undefined), never a guess.
    expect(nativeArgs(object, entry(object.token, { bucket: "b" }))).toBeUndefined();
    expect(longTailType("aws:s3/bucketPolicy:BucketPolicy")?.native).toBeUndefined();
    expect(nothingToCheck({ type: "aws:lambda/invocation:Invocation" })).toMatch(/nothing stays in AWS/);
    expect(
      nothingToCheck({
        type: "pulumi-nodejs:dynamic:Resource",
        urn: "urn:pulumi:s::a::pulumi-nodejs:dynamic:Resource::XKvKeys.sst.aws.KvKeys",
      }),
    ).toMatch(/^SST's KvKeys: writes keys into a CloudFront KeyValueStore/);
    // Not SST's, or SST's OAC (a kind): not "nothing to check".
    expect(
      nothingToCheck({
        type: "pulumi-nodejs:dynamic:Resource",
        urn: "urn:pulumi:s::a::pulumi-nodejs:dynamic:Resource::Mine",
      }),
    ).toBeUndefined();
    expect(
      nothingToCheck({
        type: "pulumi-nodejs:dynamic:Resource",
        urn: "urn:pulumi:s::a::pulumi-nodejs:dynamic:Resource::WebOac.sst.aws.OriginAccessControl",
      }),
    ).toBeUndefined();
  });

  it("doctor: present ones checked, deleted ones stale, the invocation and SST's helper 'nothing to check'", async () => {
    const { code, doc, text } = await doctor();
    expect(doc.incomplete).toEqual([]);
    const stale = doc.findings.filter((f) => f.rule === "stale");
    expect(stale.flatMap((f) => f.resources.map((r) => r.urn)).sort()).toEqual(
      GONE.map((k) => urns[k]).sort(),
    );
    expect(doc.findings.filter((f) => f.rule !== "stale")).toEqual([]);
    expect(code).toBe(4); // warnings only
    expect(stale.map((f) => f.evidence).join("\n")).toContain("S3 object assets/old.zip");
    // 12 to check, all checked; 2 with nothing to check, outside the share.
    expect(doc.coverage).toMatchObject({ checked: 12, total: 12, unchecked: [] });
    expect(doc.coverage.nothingToCheck?.map((u) => `${u.count} ${u.type}`).sort()).toEqual([
      "1 aws:lambda/invocation:Invocation",
      "1 pulumi-nodejs:dynamic:Resource",
    ]);
    expect(text).toContain("Checked all 12 resources; 2 entries have nothing in AWS to check");
    expect(text).toContain("nothing to check: pulumi-nodejs:dynamic:Resource (1): SST's KvKeys:");
    const scan = await cli(["scan", "--app", "acme", "--stage", STAGE], env());
    expect(scan.stdout).toContain("2 state entries with nothing in AWS to check:");
    const md = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--format", "markdown"], env());
    expect(md.stdout).toContain("- nothing to check: aws:lambda/invocation:Invocation (1): an invocation");
    const sarif = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--format", "sarif"], env());
    expect(sarif.stdout).toContain(
      "1 state entry of type aws:lambda/invocation:Invocation has nothing in AWS to check: an invocation",
    );
  });

  it("each stale entry's pasted forget works: afterwards doctor is clean", async () => {
    const { doc } = await doctor();
    const lines = doc.findings
      .filter((x) => x.rule === "stale")
      .flatMap((f) => f.fix.filter((l) => l.includes("stateward forget")));
    expect(lines).toHaveLength(GONE.length);
    for (const line of lines) {
      const args = line
        .replace(/^# or drop it.*?: /, "")
        .replace(/^stateward /, "")
        .match(/'[^']*'|\S+/g)!
        .map((a) => a.replace(/^'|'$/g, ""));
      expect((await cli([...args, "--yes"], env())).code).toBe(0);
    }
    const after = await doctor();
    expect(after.doc.findings).toEqual([]);
    expect(after.code).toBe(0);
    expect(after.doc.coverage).toMatchObject({ checked: 6, total: 6 });
  }, 120_000);

  it("a failing read makes the scan incomplete: exit 5, never clean", async () => {
    sandbox.server().faults.configure({ rules: [{ service: "events", errorRate: 1 }] });
    try {
      const { code, doc } = await doctor();
      expect(code).toBe(5);
      expect(doc.incomplete.map((i) => i.kind)).toContain("event-target (native check)");
      expect(doc.coverage.checked).toBeLessThan(doc.coverage.total);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 120_000);
});
