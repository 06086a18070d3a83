import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  SSMClient,
  paginateDescribeParameters,
  paginateGetParametersByPath,
  type PutParameterCommandInput,
} from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "135792468013" });
const client = (region = "us-east-1", extra = {}) => new SSMClient(sandbox.config(region, extra));

const putParam = (input: PutParameterCommandInput, region?: string) =>
  client(region).send(new PutParameterCommand(input));

describe("PutParameter / GetParameter", () => {
  it("stores a String and returns the documented shape", async () => {
    const put = await putParam({ Name: "/acme/dev/url", Value: "https://x", Type: "String" });
    expect(put).toMatchObject({ Version: 1, Tier: "Standard" });
    const { Parameter } = await client().send(new GetParameterCommand({ Name: "/acme/dev/url" }));
    expect(Parameter).toMatchObject({
      Name: "/acme/dev/url",
      Type: "String",
      Value: "https://x",
      Version: 1,
      ARN: "arn:aws:ssm:us-east-1:135792468013:parameter/acme/dev/url",
      DataType: "text",
    });
    expect(Parameter!.LastModifiedDate).toBeInstanceOf(Date);
    expect(Parameter!.Selector).toBeUndefined();
  });

  it("refuses an existing name without Overwrite (ParameterAlreadyExists, 400) and versions with it", async () => {
    await putParam({ Name: "/acme/dev/count", Value: "1", Type: "String" });
    const e = await sdkError(() => putParam({ Name: "/acme/dev/count", Value: "2", Type: "String" }));
    expect(e).toMatchObject({
      name: "ParameterAlreadyExists",
      status: 400,
      message:
        "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.",
    });
    // Type may be left out when overwriting: the parameter keeps its type.
    const v2 = await putParam({ Name: "/acme/dev/count", Value: "2", Overwrite: true });
    expect(v2).toEqual(expect.objectContaining({ Version: 2, Tier: "Standard" }));
    const v3 = await putParam({ Name: "/acme/dev/count", Value: "3", Type: "String", Overwrite: true });
    expect(v3.Version).toBe(3);
    const latest = await client().send(new GetParameterCommand({ Name: "/acme/dev/count" }));
    expect(latest.Parameter).toMatchObject({ Value: "3", Version: 3, Type: "String" });
    const old = await client().send(new GetParameterCommand({ Name: "/acme/dev/count:1" }));
    expect(old.Parameter).toMatchObject({ Name: "/acme/dev/count", Value: "1", Version: 1, Selector: ":1" });
    const none = await sdkError(() => client().send(new GetParameterCommand({ Name: "/acme/dev/count:9" })));
    expect(none).toMatchObject({ name: "ParameterVersionNotFound", status: 400 });
  });

  it("returns a SecureString decrypted only WithDecryption, otherwise an opaque ciphertext", async () => {
    await putParam({ Name: "/acme/dev/secret", Value: "hunter2", Type: "SecureString" });
    const plain = await client().send(
      new GetParameterCommand({ Name: "/acme/dev/secret", WithDecryption: true }),
    );
    expect(plain.Parameter).toMatchObject({ Type: "SecureString", Value: "hunter2" });
    const sealed = await client().send(new GetParameterCommand({ Name: "/acme/dev/secret" }));
    const blob = sealed.Parameter!.Value!;
    expect(blob).not.toContain("hunter2");
    expect(blob).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(blob, "base64").toString("utf8")).not.toContain("hunter2");
    // The ciphertext belongs to the stored version: reading again gives the same blob.
    const again = await client().send(
      new GetParameterCommand({ Name: "/acme/dev/secret", WithDecryption: false }),
    );
    expect(again.Parameter!.Value).toBe(blob);
    const described = await client().send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Values: ["/acme/dev/secret"] }] }),
    );
    expect(described.Parameters).toEqual([
      expect.objectContaining({ Name: "/acme/dev/secret", Type: "SecureString", KeyId: "alias/aws/ssm" }),
    ]);
  });

  it("keeps a StringList value as sent", async () => {
    await putParam({ Name: "/acme/dev/list", Value: "a,b,c", Type: "StringList" });
    const { Parameter } = await client().send(new GetParameterCommand({ Name: "/acme/dev/list" }));
    expect(Parameter).toMatchObject({ Type: "StringList", Value: "a,b,c" });
  });

  it("reports a missing parameter as ParameterNotFound (400), also by ARN", async () => {
    const e = await sdkError(() => client().send(new GetParameterCommand({ Name: "/nope" })));
    expect(e).toMatchObject({ name: "ParameterNotFound", status: 400 });
    const byArn = await client().send(
      new GetParameterCommand({ Name: "arn:aws:ssm:us-east-1:135792468013:parameter/acme/dev/url" }),
    );
    expect(byArn.Parameter?.Name).toBe("/acme/dev/url");
  });

  it("treats /top and top as one parameter", async () => {
    await putParam({ Name: "toplevel", Value: "x", Type: "String" });
    const e = await sdkError(() => putParam({ Name: "/toplevel", Value: "y", Type: "String" }));
    expect(e.name).toBe("ParameterAlreadyExists");
    const got = await client().send(new GetParameterCommand({ Name: "/toplevel" }));
    expect(got.Parameter).toMatchObject({
      Name: "toplevel",
      ARN: "arn:aws:ssm:us-east-1:135792468013:parameter/toplevel",
    });
  });

  it("validates names, types, tags with overwrite and the standard-tier size", async () => {
    const noType = await sdkError(() => putParam({ Name: "/acme/untyped", Value: "x" }));
    expect(noType).toMatchObject({
      name: "ValidationException",
      status: 400,
      message: "A parameter type is required when you create a parameter.",
    });
    const reserved = await sdkError(() => putParam({ Name: "ssm-thing", Value: "x", Type: "String" }));
    expect(reserved).toMatchObject({ name: "ValidationException", status: 400 });
    const relative = await sdkError(() => putParam({ Name: "a/b", Value: "x", Type: "String" }));
    expect(relative.message).toBe("Parameter name must be a fully qualified name.");
    const tagsAndOverwrite = await sdkError(() =>
      putParam({
        Name: "/acme/t",
        Value: "x",
        Type: "String",
        Overwrite: true,
        Tags: [{ Key: "a", Value: "b" }],
      }),
    );
    expect(tagsAndOverwrite).toMatchObject({ name: "ValidationException", status: 400 });
    expect(tagsAndOverwrite.message).toMatch(/tags and overwrite can't be used together/);
    const big = await sdkError(() =>
      putParam({ Name: "/acme/big", Value: "x".repeat(4097), Type: "String" }),
    );
    expect(big).toMatchObject({ name: "ValidationException", status: 400 });
    const advanced = await putParam({
      Name: "/acme/big",
      Value: "x".repeat(4097),
      Type: "String",
      Tier: "Advanced",
    });
    expect(advanced.Tier).toBe("Advanced");
    const levels = await sdkError(() =>
      putParam({
        Name: `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join("/")}`,
        Value: "x",
        Type: "String",
      }),
    );
    expect(levels).toMatchObject({ name: "HierarchyLevelLimitExceededException", status: 400 });
    const pattern = await sdkError(() =>
      putParam({ Name: "/acme/port", Value: "abc", Type: "String", AllowedPattern: "^\\d+$" }),
    );
    expect(pattern).toMatchObject({ name: "ParameterPatternMismatchException", status: 400 });
  });

  it("keeps regions apart", async () => {
    await putParam({ Name: "/regional", Value: "eu", Type: "String" }, "eu-west-1");
    const e = await sdkError(() => client("us-east-1").send(new GetParameterCommand({ Name: "/regional" })));
    expect(e.name).toBe("ParameterNotFound");
    const eu = await client("eu-west-1").send(new GetParameterCommand({ Name: "/regional" }));
    expect(eu.Parameter?.ARN).toBe("arn:aws:ssm:eu-west-1:135792468013:parameter/regional");
  });
});

describe("GetParameters", () => {
  it("returns the found ones and lists the rest as InvalidParameters", async () => {
    const out = await client().send(
      new GetParametersCommand({
        Names: ["/acme/dev/url", "/missing/one", "/acme/dev/secret"],
        WithDecryption: true,
      }),
    );
    expect(out.Parameters!.map((p) => [p.Name, p.Value])).toEqual([
      ["/acme/dev/url", "https://x"],
      ["/acme/dev/secret", "hunter2"],
    ]);
    expect(out.InvalidParameters).toEqual(["/missing/one"]);
    const tooMany = await sdkError(() =>
      client().send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/n${i}`) })),
    );
    expect(tooMany).toMatchObject({ name: "ValidationException", status: 400 });
  });
});

describe("GetParametersByPath", () => {
  it("returns one level, or the whole tree with Recursive, paging by at most 10", async () => {
    const region = "ap-southeast-2";
    for (let i = 0; i < 12; i++) {
      await putParam(
        { Name: `/tree/leaf${String(i).padStart(2, "0")}`, Value: `${i}`, Type: "String" },
        region,
      );
    }
    await putParam({ Name: "/tree/deep/er", Value: "deep", Type: "SecureString" }, region);
    await putParam({ Name: "/treetop", Value: "no", Type: "String" }, region);

    const first = await client(region).send(new GetParametersByPathCommand({ Path: "/tree" }));
    expect(first.Parameters).toHaveLength(10);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await client(region).send(
      new GetParametersByPathCommand({ Path: "/tree", NextToken: first.NextToken }),
    );
    expect(second.Parameters!.map((p) => p.Name)).toEqual(["/tree/leaf10", "/tree/leaf11"]);
    expect(second.NextToken).toBeUndefined();

    const all: { Name?: string; Value?: string }[] = [];
    for await (const page of paginateGetParametersByPath(
      { client: client(region) },
      { Path: "/tree/", Recursive: true, WithDecryption: true, MaxResults: 5 },
    )) {
      all.push(...page.Parameters!);
    }
    expect(all).toHaveLength(13);
    expect(all.find((p) => p.Name === "/tree/deep/er")?.Value).toBe("deep");
    expect(all.map((p) => p.Name)).not.toContain("/treetop");

    const secure = await client(region).send(
      new GetParametersByPathCommand({
        Path: "/tree",
        Recursive: true,
        ParameterFilters: [{ Key: "Type", Values: ["SecureString"] }],
      }),
    );
    expect(secure.Parameters!.map((p) => p.Name)).toEqual(["/tree/deep/er"]);
    expect(secure.Parameters![0]!.Value).not.toBe("deep");
  });

  it("rejects MaxResults over 10 and paths without a leading slash (ValidationException)", async () => {
    const over = await sdkError(() =>
      client().send(new GetParametersByPathCommand({ Path: "/acme", MaxResults: 11 })),
    );
    expect(over).toMatchObject({ name: "ValidationException", status: 400 });
    expect(over.message).toMatch(/maxResults.*less than or equal to 10/);
    const relative = await sdkError(() => client().send(new GetParametersByPathCommand({ Path: "acme" })));
    expect(relative).toMatchObject({ name: "ValidationException", status: 400 });
    const badFilter = await sdkError(() =>
      client().send(
        new GetParametersByPathCommand({ Path: "/acme", ParameterFilters: [{ Key: "Name", Values: ["x"] }] }),
      ),
    );
    expect(badFilter).toMatchObject({ name: "InvalidFilterKey", status: 400 });
  });
});

describe("DescribeParameters", () => {
  it("filters by Name (Equals, BeginsWith), Path and tags, and paginates", async () => {
    const region = "ca-central-1";
    for (let i = 0; i < 23; i++) {
      await putParam({ Name: `/svc/p${String(i).padStart(2, "0")}`, Value: "v", Type: "String" }, region);
    }
    await putParam(
      {
        Name: "/svc/sub/x",
        Value: "v",
        Type: "String",
        Description: "nested",
        Tags: [{ Key: "team", Value: "a" }],
      },
      region,
    );
    await putParam({ Name: "/other", Value: "v", Type: "String" }, region);

    const eq = await client(region).send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: "Name", Option: "Equals", Values: ["/svc/p03"] }],
      }),
    );
    expect(eq.Parameters).toHaveLength(1);
    expect(eq.Parameters![0]).toMatchObject({
      Name: "/svc/p03",
      ARN: "arn:aws:ssm:ca-central-1:135792468013:parameter/svc/p03",
      Type: "String",
      Version: 1,
      Tier: "Standard",
      DataType: "text",
      LastModifiedUser: "arn:aws:iam::135792468013:user/AKIASANDBOXTEST",
    });
    expect(eq.Parameters![0]!.LastModifiedDate).toBeInstanceOf(Date);

    const begins: string[] = [];
    for await (const page of paginateDescribeParameters(
      { client: client(region) },
      { ParameterFilters: [{ Key: "Name", Option: "BeginsWith", Values: ["/svc/p1"] }], MaxResults: 4 },
    )) {
      expect(page.Parameters!.length).toBeLessThanOrEqual(4);
      begins.push(...page.Parameters!.map((p) => p.Name!));
    }
    expect(begins).toEqual(Array.from({ length: 10 }, (_, i) => `/svc/p1${i}`));

    const oneLevel = await client(region).send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: "Path", Values: ["/svc/sub"] }] }),
    );
    expect(oneLevel.Parameters).toEqual([
      expect.objectContaining({ Name: "/svc/sub/x", Description: "nested" }),
    ]);

    const recursive: string[] = [];
    for await (const page of paginateDescribeParameters(
      { client: client(region) },
      { ParameterFilters: [{ Key: "Path", Option: "Recursive", Values: ["/svc"] }] },
    )) {
      recursive.push(...page.Parameters!.map((p) => p.Name!));
    }
    expect(recursive).toHaveLength(24);
    expect(recursive).not.toContain("/other");

    const byTag = await client(region).send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: "tag:team", Values: ["a"] }] }),
    );
    expect(byTag.Parameters!.map((p) => p.Name)).toEqual(["/svc/sub/x"]);

    const firstPage = await client(region).send(new DescribeParametersCommand({}));
    expect(firstPage.Parameters).toHaveLength(10);
    expect(firstPage.NextToken).toEqual(expect.any(String));
  });

  it("rejects bad filter options and keys", async () => {
    const option = await sdkError(() =>
      client().send(
        new DescribeParametersCommand({
          ParameterFilters: [{ Key: "Path", Option: "Equals", Values: ["/a"] }],
        }),
      ),
    );
    expect(option).toMatchObject({ name: "InvalidFilterOption", status: 400 });
    const label = await sdkError(() =>
      client().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: "Label", Values: ["x"] }] })),
    );
    expect(label).toMatchObject({ name: "InvalidFilterKey", status: 400 });
    const max = await sdkError(() => client().send(new DescribeParametersCommand({ MaxResults: 51 })));
    expect(max).toMatchObject({ name: "ValidationException", status: 400 });
  });
});

describe("DeleteParameter", () => {
  it("deletes, then reports ParameterNotFound (400)", async () => {
    await putParam({ Name: "/to/delete", Value: "x", Type: "String" });
    await client().send(new DeleteParameterCommand({ Name: "/to/delete" }));
    const get = await sdkError(() => client().send(new GetParameterCommand({ Name: "/to/delete" })));
    expect(get.name).toBe("ParameterNotFound");
    const e = await sdkError(() => client().send(new DeleteParameterCommand({ Name: "/to/delete" })));
    expect(e).toMatchObject({ name: "ParameterNotFound", status: 400 });
  });

  it("deletes several with DeleteParameters", async () => {
    await putParam({ Name: "/bulk/a", Value: "x", Type: "String" });
    const out = await client().send(new DeleteParametersCommand({ Names: ["/bulk/a", "/bulk/missing"] }));
    expect(out).toMatchObject({ DeletedParameters: ["/bulk/a"], InvalidParameters: ["/bulk/missing"] });
  });
});

describe("tags", () => {
  it("tags at creation, adds, lists and removes, and reports to the tagging API", async () => {
    await putParam({
      Name: "/tagged/p",
      Value: "x",
      Type: "String",
      Tags: [{ Key: "sst:app", Value: "acme" }],
    });
    await client().send(
      new AddTagsToResourceCommand({
        ResourceType: "Parameter",
        ResourceId: "/tagged/p",
        Tags: [
          { Key: "stage", Value: "dev" },
          { Key: "sst:app", Value: "acme2" },
        ],
      }),
    );
    const listed = await client().send(
      new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: "/tagged/p" }),
    );
    expect(listed.TagList).toEqual([
      { Key: "stage", Value: "dev" },
      { Key: "sst:app", Value: "acme2" },
    ]);
    await client().send(
      new RemoveTagsFromResourceCommand({
        ResourceType: "Parameter",
        ResourceId: "/tagged/p",
        TagKeys: ["stage"],
      }),
    );
    const after = await client().send(
      new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: "/tagged/p" }),
    );
    expect(after.TagList).toEqual([{ Key: "sst:app", Value: "acme2" }]);

    expect(sandbox.server().taggedResources("us-east-1")).toContainEqual({
      arn: "arn:aws:ssm:us-east-1:135792468013:parameter/tagged/p",
      resourceType: "ssm:parameter",
      tags: { "sst:app": "acme2" },
    });
  });

  it("reports unknown parameters as InvalidResourceId (400)", async () => {
    const e = await sdkError(() =>
      client().send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: "/ghost" })),
    );
    expect(e).toMatchObject({ name: "InvalidResourceId", status: 400 });
  });

  it("caps tags at 50 (TooManyTagsError)", async () => {
    await putParam({ Name: "/tagged/many", Value: "x", Type: "String" });
    const e = await sdkError(() =>
      client().send(
        new AddTagsToResourceCommand({
          ResourceType: "Parameter",
          ResourceId: "/tagged/many",
          Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" })),
        }),
      ),
    );
    expect(e).toMatchObject({ name: "TooManyTagsError", status: 400 });
  });
});

describe("SSM throttling", () => {
  it("throttles with ThrottlingException (400, Rate exceeded)", async () => {
    const admin = `${sandbox.server().url}/_sandbox/faults`;
    await fetch(admin, {
      method: "PUT",
      body: JSON.stringify({ rules: [{ service: "ssm", operation: "GetParameter", throttleRate: 1 }] }),
    });
    try {
      const e = await sdkError(() =>
        client("us-east-1", { maxAttempts: 1 }).send(new GetParameterCommand({ Name: "/acme/dev/url" })),
      );
      expect(e).toMatchObject({ name: "ThrottlingException", status: 400, message: "Rate exceeded" });
    } finally {
      await fetch(admin, { method: "PUT", body: JSON.stringify({ rules: [] }) });
    }
  });
});
