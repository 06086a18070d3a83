/**
 * Adopted entries against what pulumi-aws itself writes: each handled type is adopted from the local
 * cloud and its entry's shape (output keys, `__meta`, `__defaults` in inputs and in nested input
 * objects, the keys of nested output objects) compared with a real entry of the same type, read at run
 * time from pulumi-aws's own recorded test exports in ../shared/fixtures/pulumi-aws (SOURCES.md there
 * says where each came from). Values are not compared: they describe other resources.
 */
import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import {
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamodbTableAdopter } from "../../../src/cloud/drivers/dynamodb.js";
import { adopterFor } from "../../../src/cloud/drivers/index.js";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { kindForType } from "../../../src/kinds/registry.js";
import { Clients } from "../../../src/sandbox/scenarios/clients.js";
import { materialize } from "../../../src/sandbox/scenarios/materialize.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { SstStateBuilder, type Resource } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURES = path.resolve(REPO, "../shared/fixtures/pulumi-aws");
const REGION = "us-east-1";

type Props = Record<string, unknown>;

/** The first entry of `type` in a pulumi-aws fixture. */
function realEntry(file: string, type: string): { inputs: Props; outputs: Props } {
  const doc = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as {
    deployment?: { resources: ResourceV3[] };
    checkpoint?: { latest: { resources: ResourceV3[] } };
  };
  const resources = doc.deployment?.resources ?? doc.checkpoint?.latest.resources ?? [];
  const r = resources.find((x) => x.type === type);
  if (r === undefined) throw new Error(`${file} has no ${type}`);
  return { inputs: r.inputs ?? {}, outputs: r.outputs ?? {} };
}

/** Free-form maps, whose keys are the program's, not the schema's. */
const MAPS = new Set(["tags", "tagsAll", "code", "environment"]);

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/** The keys of a nested object, or of the first object in a list; undefined for anything else. */
function nestedKeys(v: unknown): string[] | undefined {
  const o = Array.isArray(v) ? v.find(isObject) : v;
  return isObject(o) ? Object.keys(o).sort() : undefined;
}

/** Whether every object inside inputs (nested, list elements) carries `__defaults`, as pulumi-aws writes. */
function nestedDefaults(inputs: Props): string[] {
  const missing: string[] = [];
  const visit = (v: unknown, at: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${at}[${i}]`));
    else if (isObject(v)) {
      if (at !== "" && !("__defaults" in v) && !at.startsWith(".tags")) missing.push(at);
      for (const [k, x] of Object.entries(v)) if (k !== "__defaults") visit(x, `${at}.${k}`);
    }
  };
  for (const [k, v] of Object.entries(inputs)) {
    // Maps (tags), JSON documents and asset archives are not schema objects: no __defaults in them.
    if (k === "tags" || k === "tagsAll" || k === "code" || k === "environment") continue;
    visit(v, `.${k}`);
  }
  return missing;
}

interface Case {
  type: string;
  /** The fixture's type, when it records the same resource under an older token. */
  fixtureType?: string;
  file: string;
  /** The builder's entries to make in the local cloud, in order; the last one is adopted. */
  make: (b: SstStateBuilder, zoneId: string) => Resource[];
  /** Output keys of the fixture that the adopted entry does not have, each with the reason. */
  notFromAws?: Record<string, string>;
}

const CASES: Case[] = [
  {
    type: "aws:dynamodb/table:Table",
    file: "dynamodb-table-5.42.0-stack.json",
    make: (b) => [b.addDynamo("Orders").table],
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    file: "cloudwatch-loggroup-5.42.0-stack.json",
    make: (b) => [b.addFunction("Logs").logGroup],
  },
  {
    type: "aws:iam/role:Role",
    file: "eventbus-5.42.0-state.json",
    make: (b) => [b.addFunction("Roles").role],
  },
  {
    type: "aws:lambda/function:Function",
    file: "queue-5.42.0-stack.json",
    make: (b) => {
      const f = b.addFunction("Api");
      return [f.role, f.fn];
    },
    notFromAws: {
      code: "the code's source (an archive here; SST's s3Bucket/s3Key) is not returned by GetFunction: a pending create's inputs supply it",
    },
  },
  {
    type: "aws:cloudfront/distribution:Distribution",
    file: "cloudfront-distribution-6.10.0-state.json",
    make: (b) => {
      const web = b.addNextjs("Web");
      return [web.cfFunction, web.distribution];
    },
  },
  {
    // pulumi-aws 6's BucketV2 against 5.42's Bucket: the same Terraform resource (aws_s3_bucket).
    type: "aws:s3/bucketV2:BucketV2",
    fixtureType: "aws:s3/bucket:Bucket",
    file: "bucket-5.42.0-stack.json",
    make: (b) => [b.addNextjs("Files").bucket],
    notFromAws: Object.fromEntries(
      [
        "accelerationStatus",
        "acl",
        "corsRules",
        "grants",
        "lifecycleRules",
        "loggings",
        "objectLockConfiguration",
        "replicationConfiguration",
        "requestPayer",
        "serverSideEncryptionConfiguration",
        "versioning",
        "website",
      ].map((k) => [
        k,
        "a bucket configuration block the adopter does not read yet (one S3 call each, which the local S3 does not all serve); the next refresh fills it in",
      ]),
    ),
  },
  {
    type: "aws:route53/record:Record",
    file: "route53-5.42.0-stack.json",
    make: (b, zoneId) => {
      const web = b.addNextjs("Site");
      return [b.addDnsRecord(web.cdn, "SiteCdn", { zoneId, recordName: "www.shape.example.com" }).record];
    },
    notFromAws: {
      weightedRoutingPolicies:
        "the fixture's record is weighted; a simple record has no routing policy, which pulumi-aws leaves out",
    },
  },
];

const sandbox = useSandbox();
let clients: AwsClients;
let seed: Clients;
let zoneId = "";
beforeAll(async () => {
  const r53 = new Route53Client(sandbox.config());
  const zone = await r53.send(
    new CreateHostedZoneCommand({ Name: "shape.example.com", CallerReference: "shape" }),
  );
  zoneId = zone.HostedZone!.Id!.replace(/^\/hostedzone\//, "");
  r53.destroy();
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  seed = new Clients({ url: sandbox.server().url });
});
afterAll(() => {
  clients.destroy();
  seed.destroy();
});

describe("adopted entries have the shape pulumi-aws writes", () => {
  CASES.forEach((c, n) => {
    it(`${c.type} (compared with ${c.file})`, async () => {
      const b = new SstStateBuilder({ app: "shape", stage: "test", region: REGION, seed: 40 + n });
      const all = c.make(b, zoneId);
      for (const r of all) await materialize(r, REGION, seed);
      const made = all.at(-1)!;
      const kind = kindForType(c.type)!;
      const identity = kind.identify(made as unknown as ResourceV3, REGION)!;
      const adopted = await (await adopterFor(kind.kind))!.read(cloudContext(clients), identity);
      expect(adopted).toBeDefined();
      const real = realEntry(c.file, c.fixtureType ?? c.type);
      const gone = new Set(Object.keys(c.notFromAws ?? {}));

      // Every output pulumi-aws records is there, __meta included.
      const missing = Object.keys(real.outputs).filter((k) => !(k in adopted!.outputs) && !gone.has(k));
      expect(missing, "outputs missing").toEqual([]);
      expect("__meta" in adopted!.outputs, "__meta").toBe("__meta" in real.outputs);
      if ("__meta" in real.outputs) {
        expect(JSON.parse(adopted!.outputs.__meta as string)).toEqual(
          JSON.parse(real.outputs.__meta as string),
        );
      }
      // Nested outputs have the same keys where both have an object.
      for (const [k, v] of Object.entries(real.outputs)) {
        if (MAPS.has(k)) continue;
        const want = nestedKeys(v);
        const got = nestedKeys(adopted!.outputs[k]);
        if (want !== undefined && got !== undefined) expect(got, `outputs.${k}`).toEqual(want);
        if (v === null && !gone.has(k)) expect(adopted!.outputs[k], `outputs.${k}`).toBeNull();
      }
      // Inputs: __defaults at the top and in every nested object, as pulumi-aws writes them.
      expect(Array.isArray(adopted!.inputs.__defaults)).toBe(true);
      expect(nestedDefaults(adopted!.inputs), "nested inputs without __defaults").toEqual(
        nestedDefaults(real.inputs),
      );
      // Nested inputs use the schema's keys: those of the same object among the real outputs.
      for (const [k, v] of Object.entries(adopted!.inputs)) {
        if (MAPS.has(k)) continue;
        const got = nestedKeys(v);
        const schema = nestedKeys(real.outputs[k]);
        if (got !== undefined && schema !== undefined)
          expect(
            got.filter((x) => !schema.includes(x) && x !== "__defaults"),
            `inputs.${k}`,
          ).toEqual([]);
      }
    });
  });
});

describe("DynamoDB point-in-time recovery and TTL", () => {
  it("are read from the table (DescribeContinuousBackups, DescribeTimeToLive), as pulumi-aws records them", async () => {
    const b = new SstStateBuilder({ app: "shape", stage: "pitr", region: REGION, seed: 90 });
    const { table } = b.addDynamo("Events");
    await materialize(table, REGION, seed);
    const name = table.id as string;
    const dynamo = new DynamoDBClient(sandbox.config(REGION));
    const ctx = cloudContext(clients);
    const read = () => dynamodbTableAdopter.read(ctx, { name, id: name, region: REGION });
    const before = await read();
    expect(before?.outputs.pointInTimeRecovery).toEqual({ enabled: false });
    expect(before?.outputs.ttl).toEqual({ attributeName: "", enabled: false });
    expect(before?.inputs).not.toHaveProperty("pointInTimeRecovery");
    await dynamo.send(
      new UpdateContinuousBackupsCommand({
        TableName: name,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      }),
    );
    dynamo.destroy();
    const after = await read();
    expect(after?.outputs.pointInTimeRecovery).toEqual({ enabled: true });
    expect(after?.inputs.pointInTimeRecovery).toEqual({ __defaults: [], enabled: true });
    expect(after?.outputs.ttl).toEqual({ attributeName: "expiresAt", enabled: true });
    expect(after?.inputs.ttl).toEqual({ __defaults: [], attributeName: "expiresAt", enabled: true });
    // The shape of the real entry's pointInTimeRecovery.
    const real = realEntry("dynamodb-table-5.42.0-stack.json", "aws:dynamodb/table:Table");
    expect(nestedKeys(after?.outputs.pointInTimeRecovery)).toEqual(
      nestedKeys(real.outputs.pointInTimeRecovery),
    );
  });
});
