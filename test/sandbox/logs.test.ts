import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogGroupDeletionProtectionCommand,
  PutRetentionPolicyCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
  paginateDescribeLogGroups,
} from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const clock = new Date("2025-04-01T12:00:00.000Z");
const sandbox = useSandbox({ accountId: "210987654321", now: () => clock });
const client = (region = "us-east-1", extra = {}) => new CloudWatchLogsClient(sandbox.config(region, extra));
const arnOf = (name: string, region = "us-east-1") => `arn:aws:logs:${region}:210987654321:log-group:${name}`;

const describeOne = async (name: string, region = "us-east-1") => {
  const out = await client(region).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  return out.logGroups?.find((g) => g.logGroupName === name);
};

describe("CloudWatch Logs log groups", () => {
  it("creates a log group and describes it with both ARNs", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/acme-dev-api" }));
    const out = await client().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/acme" }));
    expect(out.logGroups).toEqual([
      {
        logGroupName: "/aws/lambda/acme-dev-api",
        creationTime: clock.getTime(),
        metricFilterCount: 0,
        arn: `${arnOf("/aws/lambda/acme-dev-api")}:*`,
        logGroupArn: arnOf("/aws/lambda/acme-dev-api"),
        storedBytes: 0,
        logGroupClass: "STANDARD",
        deletionProtectionEnabled: false,
      },
    ]);
    // Never-expire is the absence of retentionInDays, not 0.
    expect(out.logGroups?.[0]).not.toHaveProperty("retentionInDays");
    expect(out.nextToken).toBeUndefined();
  });

  it("refuses a duplicate with ResourceAlreadyExistsException (400)", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "dup-group" }));
    const e = await sdkError(() => client().send(new CreateLogGroupCommand({ logGroupName: "dup-group" })));
    expect(e).toEqual({
      name: "ResourceAlreadyExistsException",
      status: 400,
      message: "The specified log group already exists",
    });
  });

  it("validates the name with InvalidParameterException (400)", async () => {
    const e = await sdkError(() =>
      client().send(new CreateLogGroupCommand({ logGroupName: "has spaces in it" })),
    );
    expect(e.name).toBe("InvalidParameterException");
    expect(e.status).toBe(400);
    expect(e.message).toContain("at 'logGroupName' failed to satisfy constraint");
  });

  it("keeps the class and the create-time tags", async () => {
    await client().send(
      new CreateLogGroupCommand({
        logGroupName: "cheap-logs",
        logGroupClass: "INFREQUENT_ACCESS",
        tags: { "sst:app": "acme", "sst:stage": "dev" },
      }),
    );
    expect((await describeOne("cheap-logs"))?.logGroupClass).toBe("INFREQUENT_ACCESS");
    const tags = await client().send(new ListTagsForResourceCommand({ resourceArn: arnOf("cheap-logs") }));
    expect(tags.tags).toEqual({ "sst:app": "acme", "sst:stage": "dev" });
    const byClass = await client().send(new DescribeLogGroupsCommand({ logGroupClass: "INFREQUENT_ACCESS" }));
    expect(byClass.logGroups?.map((g) => g.logGroupName)).toEqual(["cheap-logs"]);
  });

  it("pages DescribeLogGroups 50 at a time, in ASCII order", async () => {
    const region = "eu-central-1";
    const names = Array.from({ length: 120 }, (_, i) => `/page/g-${String(i).padStart(3, "0")}`);
    // Created out of order: the listing must sort them.
    for (const name of [...names].reverse()) {
      await client(region).send(new CreateLogGroupCommand({ logGroupName: name }));
    }
    await client(region).send(new CreateLogGroupCommand({ logGroupName: "/other/x" }));
    const first = await client(region).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/page/" }));
    expect(first.logGroups).toHaveLength(50);
    expect(first.logGroups?.[0]?.logGroupName).toBe("/page/g-000");
    expect(first.nextToken).toEqual(expect.any(String));

    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateDescribeLogGroups(
      { client: client(region) },
      { logGroupNamePrefix: "/page/" },
    )) {
      pages.push(page.logGroups?.length ?? 0);
      seen.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(seen).toEqual(names);

    const small: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: client(region), pageSize: 7 }, {})) {
      expect(page.logGroups!.length).toBeLessThanOrEqual(7);
      small.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    }
    expect(small).toEqual([...names, "/other/x"].sort());
  });

  it("refuses a limit above 50 with InvalidParameterException", async () => {
    const e = await sdkError(() => client().send(new DescribeLogGroupsCommand({ limit: 51 })));
    expect(e).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(e.message).toContain("Member must have value less than or equal to 50");
  });

  it("filters by substring pattern and returns only name, ARN and creation time", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "/svc/DataLogs-1" }));
    const out = await client().send(new DescribeLogGroupsCommand({ logGroupNamePattern: "DataLogs" }));
    expect(out.logGroups).toEqual([
      {
        logGroupName: "/svc/DataLogs-1",
        arn: `${arnOf("/svc/DataLogs-1")}:*`,
        creationTime: clock.getTime(),
      },
    ]);
    const e = await sdkError(() =>
      client().send(new DescribeLogGroupsCommand({ logGroupNamePattern: "x", logGroupNamePrefix: "y" })),
    );
    expect(e).toMatchObject({ name: "InvalidParameterException", status: 400 });
  });

  it("sets and removes the retention policy", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "retained" }));
    await client().send(new PutRetentionPolicyCommand({ logGroupName: "retained", retentionInDays: 14 }));
    expect((await describeOne("retained"))?.retentionInDays).toBe(14);
    await client().send(new DeleteRetentionPolicyCommand({ logGroupName: "retained" }));
    expect(await describeOne("retained")).not.toHaveProperty("retentionInDays");

    const bad = await sdkError(() =>
      client().send(new PutRetentionPolicyCommand({ logGroupName: "retained", retentionInDays: 2 })),
    );
    expect(bad).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(bad.message).toContain("Member must satisfy enum value set: [1, 3, 5, 7, 14");
    const missing = await sdkError(() =>
      client().send(new PutRetentionPolicyCommand({ logGroupName: "nope", retentionInDays: 7 })),
    );
    expect(missing).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
      message: "The specified log group does not exist.",
    });
  });

  it("tags by the ARN without :*, and refuses the :* form", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "tagged", tags: { a: "1" } }));
    const arn = arnOf("tagged");
    await client().send(new TagResourceCommand({ resourceArn: arn, tags: { b: "2", a: "one" } }));
    await client().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["b"] }));
    expect((await client().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({
      a: "one",
    });

    const star = await sdkError(() =>
      client().send(new ListTagsForResourceCommand({ resourceArn: `${arn}:*` })),
    );
    expect(star).toEqual({ name: "ValidationException", status: 400, message: "Invalid resourceArn" });
    const gone = await sdkError(() =>
      client().send(new TagResourceCommand({ resourceArn: arnOf("no-such-group"), tags: { a: "1" } })),
    );
    expect(gone).toMatchObject({ name: "ResourceNotFoundException", status: 400 });
  });

  it("supports the legacy by-name tag operations", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "legacy" }));
    await client().send(new TagLogGroupCommand({ logGroupName: "legacy", tags: { team: "core", x: "y" } }));
    await client().send(new UntagLogGroupCommand({ logGroupName: "legacy", tags: ["x"] }));
    const out = await client().send(new ListTagsLogGroupCommand({ logGroupName: "legacy" }));
    expect(out.tags).toEqual({ team: "core" });
    const e = await sdkError(() => client().send(new ListTagsLogGroupCommand({ logGroupName: "nope" })));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 400 });
  });

  it("refuses more than 50 tags with TooManyTagsException", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "many-tags" }));
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const e = await sdkError(() =>
      client().send(new TagResourceCommand({ resourceArn: arnOf("many-tags"), tags })),
    );
    expect(e).toMatchObject({ name: "TooManyTagsException", status: 400 });
  });

  it("deletes, then reports the log group missing", async () => {
    await client().send(new CreateLogGroupCommand({ logGroupName: "to-delete" }));
    await client().send(new DeleteLogGroupCommand({ logGroupName: "to-delete" }));
    expect(await describeOne("to-delete")).toBeUndefined();
    const e = await sdkError(() => client().send(new DeleteLogGroupCommand({ logGroupName: "to-delete" })));
    expect(e).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
      message: "The specified log group does not exist.",
    });
  });

  it("blocks deletion while deletion protection is on", async () => {
    await client().send(
      new CreateLogGroupCommand({ logGroupName: "protected", deletionProtectionEnabled: true }),
    );
    const e = await sdkError(() => client().send(new DeleteLogGroupCommand({ logGroupName: "protected" })));
    expect(e).toMatchObject({ name: "ValidationException", status: 400 });
    expect(e.message).toContain("deletion protection enabled");
    await client().send(
      new PutLogGroupDeletionProtectionCommand({
        logGroupIdentifier: arnOf("protected"),
        deletionProtectionEnabled: false,
      }),
    );
    await client().send(new DeleteLogGroupCommand({ logGroupName: "protected" }));
  });

  it("keeps regions apart", async () => {
    await client("ap-southeast-2").send(new CreateLogGroupCommand({ logGroupName: "sydney-only" }));
    expect(await describeOne("sydney-only")).toBeUndefined();
    expect((await describeOne("sydney-only", "ap-southeast-2"))?.logGroupArn).toBe(
      arnOf("sydney-only", "ap-southeast-2"),
    );
  });

  it("reports log groups to the tagging API without :*", () => {
    const mine = sandbox
      .server()
      .taggedResources("us-east-1")
      .find((r) => r.arn === arnOf("tagged"));
    expect(mine).toEqual({ arn: arnOf("tagged"), resourceType: "logs:log-group", tags: { a: "one" } });
  });

  it("keeps its state as plain JSON", () => {
    const state = sandbox.server().service("logs", "us-east-1").snapshot();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("throttles with ThrottlingException (400, Rate exceeded)", async () => {
    sandbox.server().faults.configure({
      rules: [{ service: "logs", operation: "DescribeLogGroups", throttleRate: 1 }],
    });
    try {
      const e = await sdkError(() =>
        client("us-east-1", { maxAttempts: 1 }).send(new DescribeLogGroupsCommand({})),
      );
      expect(e).toEqual({ name: "ThrottlingException", status: 400, message: "Rate exceeded" });
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  });
});
