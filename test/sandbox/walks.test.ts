/**
 * Walks over long lists, page by page, while the cloud changes: the lists the sandbox keeps between
 * the pages of a walk (tagging GetResources, DynamoDB ListTables, SSM, S3 listings) must never
 * answer a page from a list that no longer holds. Every walk here changes the cloud after its first
 * page and checks the whole walk against what AWS gives: what sorts after the last page's end and
 * was added is listed, what was removed or no longer matches is not, nothing twice.
 */
import {
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-dynamodb";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  type GetResourcesCommandInput,
} from "@aws-sdk/client-resource-groups-tagging-api";
import {
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { createTable, useSandbox } from "./harness.js";

const ACCOUNT = "864213579024";
let clock = new Date("2026-03-01T09:00:00.000Z");
const sandbox = useSandbox({ accountId: ACCOUNT, now: () => clock });
const tagging = (region: string) => new ResourceGroupsTaggingAPIClient(sandbox.config(region));
const dynamo = (region: string) => new DynamoDBClient(sandbox.config(region));
const tableArn = (name: string, region: string) => `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}`;
const pad = (i: number) => String(i).padStart(4, "0");

/** A GetResources walk, one page per call of `next()`, as discovery walks it. */
function walk(region: string, input: GetResourcesCommandInput) {
  const client = tagging(region);
  let token: string | undefined;
  let done = false;
  const seen: string[] = [];
  return {
    seen,
    get done() {
      return done;
    },
    last: () => seen[seen.length - 1]!,
    async next(): Promise<void> {
      const page = await client.send(
        new GetResourcesCommand({ ...input, ResourcesPerPage: 100, PaginationToken: token }),
      );
      seen.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN!));
      token = page.PaginationToken === "" ? undefined : page.PaginationToken;
      done = token === undefined;
    },
    async rest(): Promise<string[]> {
      while (!done) await this.next();
      return seen;
    },
  };
}

const sorted = (xs: string[]) => [...xs].sort();

describe("tagging GetResources walks", () => {
  const R = "ca-central-1";
  const app = { Key: "sst:app", Values: ["walk"] };

  it("goes on after the last ARN when tables come and go mid-walk, and drops what no longer matches", async () => {
    for (let i = 0; i < 250; i++) await createTable(dynamo(R), `walk-T${pad(i * 2)}`, { "sst:app": "walk" });
    await createTable(dynamo(R), "walk-T0300x", { "sst:app": "other" });
    const w = walk(R, { TagFilters: [app], ResourceTypeFilters: ["dynamodb:table"] });
    await w.next();
    expect(w.seen).toHaveLength(100);
    expect(w.last()).toBe(tableArn("walk-T0198", R));
    // Before the token (not listed by this walk), after it (listed), removed, retagged both ways.
    await createTable(dynamo(R), "walk-T0001", { "sst:app": "walk" });
    await createTable(dynamo(R), "walk-T0201", { "sst:app": "walk" });
    await dynamo(R).send(new DeleteTableCommand({ TableName: "walk-T0300" }));
    await dynamo(R).send(
      new UntagResourceCommand({ ResourceArn: tableArn("walk-T0302", R), TagKeys: ["sst:app"] }),
    );
    await dynamo(R).send(
      new TagResourceCommand({
        ResourceArn: tableArn("walk-T0300x", R),
        Tags: [{ Key: "sst:app", Value: "walk" }],
      }),
    );
    const all = await w.rest();
    const expected = [
      ...Array.from({ length: 250 }, (_, i) => tableArn(`walk-T${pad(i * 2)}`, R)).filter(
        (a) => a !== tableArn("walk-T0300", R) && a !== tableArn("walk-T0302", R),
      ),
      tableArn("walk-T0201", R),
      tableArn("walk-T0300x", R),
    ];
    expect(all).toEqual(sorted(expected));
    // A new walk sees the table added before the first one's token too.
    expect(await walk(R, { TagFilters: [app], ResourceTypeFilters: ["dynamodb:table"] }).rest()).toEqual(
      sorted([...expected, tableArn("walk-T0001", R)]),
    );
  });

  it("keeps walks with other filters apart when their pages interleave", async () => {
    const region = "eu-north-1";
    for (let i = 0; i < 150; i++) {
      await createTable(dynamo(region), `a-${pad(i)}`, {
        "sst:app": "a",
        "sst:stage": i % 2 === 0 ? "dev" : "prod",
      });
      await createTable(dynamo(region), `b-${pad(i)}`, { "sst:app": "b", "sst:stage": "dev" });
    }
    const walks = {
      a: walk(region, { TagFilters: [{ Key: "sst:app", Values: ["a"] }] }),
      aProd: walk(region, {
        TagFilters: [
          { Key: "sst:app", Values: ["a"] },
          { Key: "sst:stage", Values: ["prod"] },
        ],
      }),
      b: walk(region, { TagFilters: [{ Key: "sst:app", Values: ["b"] }], ResourceTypeFilters: ["dynamodb"] }),
      logs: walk(region, {
        TagFilters: [{ Key: "sst:app", Values: ["b"] }],
        ResourceTypeFilters: ["logs:log-group"],
      }),
      dev: walk(region, { TagFilters: [{ Key: "sst:stage", Values: ["dev"] }] }),
    };
    while (Object.values(walks).some((w) => !w.done))
      for (const w of Object.values(walks)) if (!w.done) await w.next();
    const names = (p: string, f: (i: number) => boolean) =>
      Array.from({ length: 150 }, (_, i) => i)
        .filter(f)
        .map((i) => tableArn(`${p}-${pad(i)}`, region));
    expect(walks.a.seen).toEqual(names("a", () => true));
    expect(walks.aProd.seen).toEqual(names("a", (i) => i % 2 === 1));
    expect(walks.b.seen).toEqual(names("b", () => true));
    expect(walks.logs.seen).toEqual([]);
    expect(walks.dev.seen).toEqual([...names("a", (i) => i % 2 === 0), ...names("b", () => true)]);
  });

  it("answers reads from the list it kept, and builds it again after a change or when the clock passes an entry's end", async () => {
    const region = "ap-northeast-3";
    const server = sandbox.server();
    await createTable(dynamo(region), "kept-1", { "sst:app": "kept" });
    // The region's first tagging request makes its service: a change, like any new service.
    await tagging(region).send(new GetResourcesCommand({}));
    const first = server.taggedResources(region);
    await dynamo(region).send(new DescribeTableCommand({ TableName: "kept-1" }));
    await tagging(region).send(new GetResourcesCommand({ TagFilters: [{ Key: "sst:app" }] }));
    expect(server.taggedResources(region)).toBe(first);
    await dynamo(region).send(
      new TagResourceCommand({ ResourceArn: tableArn("kept-1", region), Tags: [{ Key: "k", Value: "v" }] }),
    );
    const second = server.taggedResources(region);
    expect(second).not.toBe(first);
    expect(second.find((r) => r.arn === tableArn("kept-1", region))?.tags).toEqual({
      "sst:app": "kept",
      k: "v",
    });

    // A secret scheduled for deletion leaves the tagging API when its date comes, with no request between.
    const secrets = new SecretsManagerClient(sandbox.config(region));
    await secrets.send(
      new CreateSecretCommand({
        Name: "kept-s",
        SecretString: "x",
        Tags: [{ Key: "sst:app", Value: "kept" }],
      }),
    );
    await secrets.send(new DeleteSecretCommand({ SecretId: "kept-s", RecoveryWindowInDays: 7 }));
    const arns = async () =>
      (await walk(region, { TagFilters: [{ Key: "sst:app", Values: ["kept"] }] }).rest()).map(
        (a) => a.split(":")[5],
      );
    expect(await arns()).toEqual(["table/kept-1", "secret"]);
    const before = clock;
    try {
      clock = new Date(before.getTime() + 8 * 24 * 3600 * 1000);
      expect(await arns()).toEqual(["table/kept-1"]);
    } finally {
      clock = before;
    }
  });
});

describe("other walks", () => {
  it("DynamoDB ListTables goes on after ExclusiveStartTableName when tables come and go", async () => {
    const region = "sa-east-1";
    for (let i = 0; i < 120; i++) await createTable(dynamo(region), `lt-${pad(i * 2)}`, {});
    const first = await dynamo(region).send(new ListTablesCommand({ Limit: 50 }));
    expect(first.LastEvaluatedTableName).toBe("lt-0098");
    await createTable(dynamo(region), "lt-0001", {});
    await createTable(dynamo(region), "lt-0101", {});
    await dynamo(region).send(new DeleteTableCommand({ TableName: "lt-0100" }));
    const rest: string[] = [];
    let start = first.LastEvaluatedTableName;
    while (start !== undefined) {
      const page = await dynamo(region).send(
        new ListTablesCommand({ Limit: 50, ExclusiveStartTableName: start }),
      );
      rest.push(...page.TableNames!);
      start = page.LastEvaluatedTableName;
    }
    expect(rest).toEqual(
      sorted([
        ...Array.from({ length: 70 }, (_, i) => `lt-${pad(100 + i * 2)}`).filter((n) => n !== "lt-0100"),
        "lt-0101",
      ]),
    );
  });

  it("builds a kept list again after a state handed out by server.service() was changed directly", async () => {
    const region = "af-south-1";
    for (const n of ["direct-a", "direct-b", "direct-c"]) await createTable(dynamo(region), n, {});
    const names = async () => (await dynamo(region).send(new ListTablesCommand({}))).TableNames;
    expect(await names()).toEqual(["direct-a", "direct-b", "direct-c"]);
    // As seeding and tests do: take the state, change it at once, with no request between.
    const dynamodb = sandbox.server().service("dynamodb", region) as unknown as {
      state: { tables: Record<string, unknown> };
    };
    delete dynamodb.state.tables["direct-b"];
    expect(await names()).toEqual(["direct-a", "direct-c"]);
  });

  it("SSM GetParametersByPath and DescribeParameters go on after their token when parameters come and go", async () => {
    const ssm = new SSMClient(sandbox.config("us-east-2"));
    for (let i = 0; i < 30; i++)
      await ssm.send(new PutParameterCommand({ Name: `/walk/p${pad(i * 2)}`, Value: "v", Type: "String" }));
    await ssm.send(new PutParameterCommand({ Name: "/elsewhere/x", Value: "v", Type: "String" }));
    const first = await ssm.send(new GetParametersByPathCommand({ Path: "/walk", MaxResults: 10 }));
    const described = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: "Name", Option: "BeginsWith", Values: ["/walk/"] }],
        MaxResults: 10,
      }),
    );
    expect(first.Parameters!.map((p) => p.Name).at(-1)).toBe("/walk/p0018");
    await ssm.send(new PutParameterCommand({ Name: "/walk/p0003", Value: "v", Type: "String" }));
    await ssm.send(new PutParameterCommand({ Name: "/walk/p0021", Value: "v", Type: "String" }));
    await ssm.send(new DeleteParameterCommand({ Name: "/walk/p0020" }));
    const expected = [
      ...Array.from({ length: 20 }, (_, i) => `/walk/p${pad(20 + i * 2)}`).filter((n) => n !== "/walk/p0020"),
      "/walk/p0021",
    ].sort();
    const byPath: string[] = [];
    for (let token = first.NextToken; token !== undefined;) {
      const page = await ssm.send(
        new GetParametersByPathCommand({ Path: "/walk", MaxResults: 10, NextToken: token }),
      );
      byPath.push(...page.Parameters!.map((p) => p.Name!));
      token = page.NextToken;
    }
    expect(byPath).toEqual(expected);
    const byDescribe: string[] = [];
    for (let token = described.NextToken; token !== undefined;) {
      const page = await ssm.send(
        new DescribeParametersCommand({
          ParameterFilters: [{ Key: "Name", Option: "BeginsWith", Values: ["/walk/"] }],
          MaxResults: 10,
          NextToken: token,
        }),
      );
      byDescribe.push(...page.Parameters!.map((p) => p.Name!));
      token = page.NextToken;
    }
    expect(byDescribe).toEqual(expected);
  });

  it("S3 ListObjectsV2 and ListObjectVersions go on after their marker when objects come and go", async () => {
    const s3 = new S3Client(sandbox.config("us-west-1"));
    const Bucket = "walk-objects";
    await s3.send(
      new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: "us-west-1" } }),
    );
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: "Enabled" } }));
    for (let i = 0; i < 40; i++)
      await s3.send(new PutObjectCommand({ Bucket, Key: `k/${pad(i * 2)}`, Body: "x" }));
    await s3.send(new PutObjectCommand({ Bucket, Key: "l/0000", Body: "x" }));
    await s3.send(new PutObjectCommand({ Bucket, Key: "j/9999", Body: "x" }));
    const first = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "k/", MaxKeys: 10 }));
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: "k/", MaxKeys: 10 }));
    expect(first.Contents!.at(-1)!.Key).toBe("k/0018");
    expect(versions.NextKeyMarker).toBe("k/0018");
    await s3.send(new PutObjectCommand({ Bucket, Key: "k/0001", Body: "x" }));
    await s3.send(new PutObjectCommand({ Bucket, Key: "k/0021", Body: "x" }));
    // A new version of the marker's key sorts before its older ones: not listed after the marker.
    await s3.send(new PutObjectCommand({ Bucket, Key: "k/0018", Body: "y" }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: "k/0020" }));
    const listed: string[] = [];
    for (let token = first.NextContinuationToken; token !== undefined;) {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket, Prefix: "k/", MaxKeys: 10, ContinuationToken: token }),
      );
      listed.push(...(page.Contents ?? []).map((c) => c.Key!));
      token = page.NextContinuationToken;
    }
    const after = Array.from({ length: 30 }, (_, i) => `k/${pad(20 + i * 2)}`);
    expect(listed).toEqual([...after.filter((k) => k !== "k/0020"), "k/0021"].sort());
    const entries: string[] = [];
    let keyMarker = versions.NextKeyMarker;
    let versionIdMarker = versions.NextVersionIdMarker;
    while (keyMarker !== undefined) {
      const page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket,
          Prefix: "k/",
          MaxKeys: 10,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      entries.push(
        ...(page.Versions ?? []).map((v) => v.Key!),
        ...(page.DeleteMarkers ?? []).map((m) => `${m.Key!} (deleted)`),
      );
      keyMarker = page.IsTruncated === true ? page.NextKeyMarker : undefined;
      versionIdMarker = page.NextVersionIdMarker;
    }
    expect(entries.sort()).toEqual([...after, "k/0020 (deleted)", "k/0021"].sort());
  });
});
