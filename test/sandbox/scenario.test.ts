/**
 * The acme scenario: every case in acme.expected.json is really there in the seeded cloud and state,
 * and every other resource the stages' states hold exists in the cloud (the ground truth `doctor`
 * will be tested against).
 */
import { gunzipSync } from "node:zlib";
import { DescribeFunctionCommand, CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { DescribeLogGroupsCommand, CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import {
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import {
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import {
  updateIdTime,
  type DeploymentV3,
  type ResourceV3,
  type SstLock,
  type SstUpdate,
} from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { ROOT } from "../helpers.js";
import { useSandbox } from "./harness.js";

interface Expected {
  findings: {
    case: number;
    rule: string;
    severity: string;
    stage: string;
    resources: {
      type: string;
      name: string | null;
      region: string;
      urn?: string;
      tags?: Record<string, string>;
    }[];
  }[];
}

const expected = JSON.parse(
  readFileSync(path.join(ROOT, "src/sandbox/scenarios/acme.expected.json"), "utf8"),
) as Expected;
const sandbox = useSandbox({ accountId: "123456789012" });
const cfg = (region = "us-east-1") => sandbox.config(region);
const s3 = (region = "us-east-1") => new S3Client(cfg(region));
const HOME = ACME.stateBucket;

/** An object's bytes, gunzipped when they are gzip (as SST reads them: it sniffs 1f 8b). */
async function object(key: string, bucket = HOME, region = "us-east-1"): Promise<Uint8Array> {
  const { bytes } = await stored(key, bucket, region);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

async function stored(
  key: string,
  bucket = HOME,
  region = "us-east-1",
): Promise<{ bytes: Uint8Array; encoding: string | undefined }> {
  const out = await s3(region).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { bytes: await out.Body!.transformToByteArray(), encoding: out.ContentEncoding };
}

async function state(stage: string, bucket = HOME, region = "us-east-1"): Promise<DeploymentV3> {
  return parseState(await object(`app/acme/${stage}.json`, bucket, region)).deployment!;
}

function finding(caseId: number, rule: string) {
  const f = expected.findings.find((x) => x.case === caseId && x.rule === rule);
  if (f === undefined) throw new Error(`acme.expected.json has no ${rule} for case ${caseId}`);
  return f;
}

const urns = (d: DeploymentV3) => new Set(d.resources!.map((r) => r.urn));

/** Whether the cloud has what a state entry (or an expected resource) names. */
async function exists(type: string, name: string, region: string): Promise<boolean> {
  const r = region === "global" ? "us-east-1" : region;
  const missing = (e: { name?: string }) => {
    if (/NotFound|NoSuch/.test(e.name ?? "")) return false;
    throw e as Error;
  };
  switch (type) {
    case "aws:iam/role:Role":
      return new IAMClient(cfg()).send(new GetRoleCommand({ RoleName: name })).then(() => true, missing);
    case "aws:lambda/function:Function":
      return new LambdaClient(cfg(r))
        .send(new GetFunctionCommand({ FunctionName: name }))
        .then(() => true, missing);
    case "aws:dynamodb/table:Table":
      return new DynamoDBClient(cfg(r))
        .send(new DescribeTableCommand({ TableName: name }))
        .then(() => true, missing);
    case "aws:cloudwatch/logGroup:LogGroup": {
      const out = await new CloudWatchLogsClient(cfg(r)).send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
      );
      return (out.logGroups ?? []).some((g) => g.logGroupName === name);
    }
    case "aws:cloudfront/function:Function":
      return new CloudFrontClient(cfg())
        .send(new DescribeFunctionCommand({ Name: name }))
        .then(() => true, missing);
    case "aws:sesv2/emailIdentity:EmailIdentity":
      return new SESv2Client(cfg(r))
        .send(new GetEmailIdentityCommand({ EmailIdentity: name }))
        .then(() => true, missing);
    case "aws:s3/bucketV2:BucketV2":
      return s3(r)
        .send(new ListObjectsV2Command({ Bucket: name, MaxKeys: 1 }))
        .then(() => true, missing);
    default:
      throw new Error(`no existence check for ${type}`);
  }
}

const CHECKED_TYPES = new Set([
  "aws:iam/role:Role",
  "aws:lambda/function:Function",
  "aws:dynamodb/table:Table",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudfront/function:Function",
  "aws:sesv2/emailIdentity:EmailIdentity",
  "aws:s3/bucketV2:BucketV2",
]);

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
});

describe("the acme scenario", () => {
  it("has an SST home: /sst/bootstrap naming a versioned state bucket with several versions of each stage", async () => {
    const param = await new SSMClient(cfg()).send(new GetParameterCommand({ Name: "/sst/bootstrap" }));
    expect(JSON.parse(param.Parameter!.Value!)).toMatchObject({ version: 5, state: HOME });
    const versions = await s3().send(new ListObjectVersionsCommand({ Bucket: HOME, Prefix: "app/acme/" }));
    for (const stage of ACME.stages) {
      expect(
        versions.Versions!.filter((v) => v.Key === `app/acme/${stage}.json`).length,
      ).toBeGreaterThanOrEqual(2);
      const snapshots = await s3().send(
        new ListObjectsV2Command({ Bucket: HOME, Prefix: `snapshot/acme/${stage}/` }),
      );
      const updates = await s3().send(
        new ListObjectsV2Command({ Bucket: HOME, Prefix: `update/acme/${stage}/` }),
      );
      expect(snapshots.KeyCount).toBeGreaterThanOrEqual(2);
      expect(updates.KeyCount).toBeGreaterThanOrEqual(snapshots.KeyCount!);
    }
  });

  it("lists nine cases, each with a rule and severity", () => {
    expect(new Set(expected.findings.map((f) => f.case))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    for (const f of expected.findings) expect(["blocker", "warning", "info"]).toContain(f.severity);
  });

  it("every healthy state entry exists in the cloud (no false positives to find)", async () => {
    const stale = new Set(finding(6, "stale").resources.map((r) => r.urn));
    for (const stage of ACME.stages) {
      const d = await state(stage);
      for (const r of d.resources!) {
        if (!r.custom || !CHECKED_TYPES.has(r.type) || stale.has(r.urn)) continue;
        expect(await exists(r.type, r.id!, "us-east-1"), `${stage} ${r.urn}`).toBe(true);
      }
    }
  });

  it("case 1: dev has a pending create whose log group exists", async () => {
    const f = finding(1, "pending-create");
    const d = await state("dev");
    const op = d.pending_operations!.find((p) => p.resource.urn === f.resources[0]!.urn)!;
    expect(op.type).toBe("creating");
    expect(op.resource.inputs!.name).toBe(f.resources[0]!.name);
    expect(await exists(f.resources[0]!.type, f.resources[0]!.name!, "us-east-1")).toBe(true);
  });

  it("case 2: the retained Sessions table is in the cloud, not in state, and was held with retainOnDelete", async () => {
    const r = finding(2, "retained-leftover").resources[0]!;
    expect(urns(await state("production")).has(r.urn!)).toBe(false);
    expect(await exists(r.type, r.name!, r.region)).toBe(true);
    const versions = await s3().send(
      new ListObjectVersionsCommand({ Bucket: HOME, Prefix: "app/acme/production.json" }),
    );
    let held: ResourceV3 | undefined;
    for (const v of versions.Versions!) {
      const out = await s3().send(new GetObjectCommand({ Bucket: HOME, Key: v.Key, VersionId: v.VersionId }));
      const d = parseState(await out.Body!.transformToByteArray()).deployment!;
      held ??= d.resources!.find((x) => x.urn === r.urn);
    }
    expect(held?.retainOnDelete).toBe(true);
  });

  it("staging is written as SST writes with state: { compress: true }: every object gzipped, marked gzip", async () => {
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: HOME }));
    const keys = listed
      .Contents!.map((c) => c.Key!)
      .filter((k) => /^(app|lock|update|snapshot)\/acme\/staging(\.json|\/)/.test(k));
    expect(keys.some((k) => k.startsWith("lock/"))).toBe(true);
    expect(keys.some((k) => k.startsWith("snapshot/"))).toBe(true);
    for (const key of keys) {
      const { bytes, encoding } = await stored(key);
      expect([key, bytes[0], bytes[1], encoding]).toEqual([key, 0x1f, 0x8b, "gzip"]);
    }
    const plain = await stored("app/acme/production.json");
    expect(plain.encoding).toBeUndefined();
  });

  it("update ids are SST 4.x's: 12 hex of descending time, then 12 random", async () => {
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: HOME, Prefix: "update/acme/" }));
    const ids = listed.Contents!.map((c) => c.Key!.replace(/^.*\//, "").replace(/\.json$/, ""));
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{24}$/);
      // Go's id.Descending(): the low 48 bits of ^UnixMilli, computed here on its own.
      const ms = Number(~BigInt(`0x${id.slice(0, 12)}`) & 0xffffffffffffn);
      expect(Math.abs(Date.now() - ms)).toBeLessThan(61 * 24 * 3_600_000);
    }
  });

  it("case 3: staging's lock is hours old and its update never completed", async () => {
    const lock = JSON.parse(Buffer.from(await object("lock/acme/staging.json")).toString()) as SstLock;
    expect(Date.now() - Date.parse(lock.created)).toBeGreaterThan(2 * 3_600_000);
    expect(updateIdTime(lock.updateID)?.toISOString()).toBe(new Date(lock.created).toISOString());
    const update = JSON.parse(
      Buffer.from(await object(`update/acme/staging/${lock.updateID}.json`)).toString(),
    ) as SstUpdate;
    expect(update.command).toBe("deploy");
    expect(update.timeCompleted).toBeUndefined();
  });

  it("case 4: production's state is an older copy; the newest snapshot holds the Reports resources, which exist", async () => {
    const f = finding(4, "rolled-back");
    const current = urns(await state("production"));
    const snapshots = await s3().send(
      new ListObjectsV2Command({ Bucket: HOME, Prefix: "snapshot/acme/production/" }),
    );
    const newest = snapshots.Contents!.map((c) => c.Key!).sort()[0]!;
    const newestUrns = urns(parseState(await object(newest)).deployment!);
    for (const r of f.resources) {
      expect(current.has(r.urn!)).toBe(false);
      expect(newestUrns.has(r.urn!)).toBe(true);
      expect(await exists(r.type, r.name!, r.region)).toBe(true);
    }
  });

  it("case 5: staging wants the CloudFront function name that dev holds and the cloud has", async () => {
    const taken = finding(5, "name-taken").resources[0]!;
    const staging = await state("staging");
    expect(staging.pending_operations!.find((p) => p.resource.urn === taken.urn)!.resource.inputs!.name).toBe(
      taken.name,
    );
    const dev = await state("dev");
    expect(dev.resources!.find((r) => r.urn === finding(5, "name-collision").resources[0]!.urn)!.id).toBe(
      taken.name,
    );
    expect(await exists(taken.type, taken.name!, "global")).toBe(true);
  });

  it("case 6: staging holds a role the cloud no longer has", async () => {
    const r = finding(6, "stale").resources[0]!;
    expect((await state("staging")).resources!.find((x) => x.urn === r.urn)!.id).toBe(r.name);
    expect(await exists(r.type, r.name!, r.region)).toBe(false);
  });

  it("case 7: an SES identity tagged for production and a DNS record that no state holds", async () => {
    const [identity, record] = finding(7, "orphan").resources;
    const out = await new SESv2Client(cfg()).send(
      new GetEmailIdentityCommand({ EmailIdentity: identity!.name! }),
    );
    expect(out.Tags).toEqual(expect.arrayContaining([{ Key: "sst:stage", Value: "production" }]));
    const zones = await new Route53Client(cfg()).send(
      new ListHostedZonesByNameCommand({ DNSName: ACME.zone }),
    );
    const sets = await new Route53Client(cfg()).send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zones.HostedZones![0]!.Id }),
    );
    expect(sets.ResourceRecordSets!.map((s) => `${s.Name} ${s.Type}`)).toContain(`${record!.name}. CNAME`);
    for (const stage of ACME.stages) {
      const text = JSON.stringify(await state(stage));
      expect(text).not.toContain(identity!.name);
      expect(text).not.toContain(record!.name);
    }
  });

  it("case 8: a second SST home in us-west-2 holds dev, deployed there", async () => {
    const param = await new SSMClient(cfg(ACME.strayRegion)).send(
      new GetParameterCommand({ Name: "/sst/bootstrap" }),
    );
    const bucket = (JSON.parse(param.Parameter!.Value!) as { state: string }).state;
    const stray = await state("dev", bucket, ACME.strayRegion);
    const provider = stray.resources!.find((r) => r.type === "pulumi:providers:aws")!;
    expect(provider.inputs!.region).toBe(ACME.strayRegion);
    const homeProvider = (await state("dev")).resources!.find((r) => r.type === "pulumi:providers:aws")!;
    expect(homeProvider.inputs!.region).toBe("us-east-1");
    for (const r of finding(8, "region-mismatch").resources) {
      expect(stray.resources!.some((x) => x.id === r.name)).toBe(true);
      expect(await exists(r.type, r.name!, r.region)).toBe(true);
    }
  });

  it("case 9: pr-42's state is deleted, its distribution and function remain", async () => {
    const versions = await s3().send(
      new ListObjectVersionsCommand({ Bucket: HOME, Prefix: "app/acme/pr-42.json" }),
    );
    expect(versions.DeleteMarkers!.some((m) => m.IsLatest)).toBe(true);
    expect(versions.Versions!.length).toBeGreaterThan(0);
    const [distribution, fn] = finding(9, "cloudfront-leftover").resources;
    const tagged = await new ResourceGroupsTaggingAPIClient(cfg()).send(
      new GetResourcesCommand({
        ResourceTypeFilters: ["cloudfront:distribution"],
        TagFilters: Object.entries(distribution!.tags!).map(([Key, v]) => ({ Key, Values: [v] })),
      }),
    );
    expect(tagged.ResourceTagMappingList).toHaveLength(1);
    expect(await exists(fn!.type, fn!.name!, "global")).toBe(true);
  });
});
