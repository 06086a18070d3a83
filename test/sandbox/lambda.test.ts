import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListFunctions,
  type CreateFunctionCommandInput,
} from "@aws-sdk/client-lambda";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "135792468013";
const clock = new Date("2025-05-06T07:08:09.123Z");
const sandbox = useSandbox({ accountId: ACCOUNT, now: () => clock });
const client = (region = "us-east-1", extra = {}) => new LambdaClient(sandbox.config(region, extra));
const arnOf = (name: string, region = "us-east-1") => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dev-ApiRole`;
/** An empty zip archive: just the end-of-central-directory record. */
const ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");

const create = (name: string, extra: Partial<CreateFunctionCommandInput> = {}, region?: string) =>
  client(region).send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: ROLE,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: ZIP },
      ...extra,
    }),
  );

describe("Lambda functions", () => {
  it("creates a function, answering Pending with the code's size and hash", async () => {
    const out = await create("acme-dev-api", {
      MemorySize: 1024,
      Timeout: 20,
      Environment: { Variables: { STAGE: "dev" } },
      Architectures: ["arm64"],
      Tags: { "sst:app": "acme" },
    });
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out).toMatchObject({
      FunctionName: "acme-dev-api",
      FunctionArn: arnOf("acme-dev-api"),
      Runtime: "nodejs20.x",
      Role: ROLE,
      Handler: "index.handler",
      CodeSize: ZIP.length,
      CodeSha256: createHash("sha256").update(ZIP).digest("base64"),
      Description: "",
      Timeout: 20,
      MemorySize: 1024,
      LastModified: "2025-05-06T07:08:09.123+0000",
      Version: "$LATEST",
      Environment: { Variables: { STAGE: "dev" } },
      State: "Pending",
      StateReasonCode: "Creating",
      PackageType: "Zip",
      Architectures: ["arm64"],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: "Text", LogGroup: "/aws/lambda/acme-dev-api" },
    });
    expect(out.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reads it back Active, with its code location and tags", async () => {
    const got = await client().send(new GetFunctionCommand({ FunctionName: "acme-dev-api" }));
    expect(got.Configuration).toMatchObject({
      FunctionArn: arnOf("acme-dev-api"),
      State: "Active",
      LastUpdateStatus: "Successful",
      MemorySize: 1024,
    });
    expect(got.Code?.RepositoryType).toBe("S3");
    expect(got.Code?.Location).toMatch(/^https:\/\//);
    expect(got.Tags).toEqual({ "sst:app": "acme" });

    const byArn = await client().send(
      new GetFunctionConfigurationCommand({ FunctionName: arnOf("acme-dev-api") }),
    );
    expect(byArn).toMatchObject({ FunctionName: "acme-dev-api", Timeout: 20, State: "Active" });
    const partial = await client().send(
      new GetFunctionConfigurationCommand({ FunctionName: `${ACCOUNT}:function:acme-dev-api` }),
    );
    expect(partial.FunctionName).toBe("acme-dev-api");
  });

  it("defaults memory, timeout and architecture, and takes code from S3", async () => {
    const out = await create("from-s3", { Code: { S3Bucket: "artifacts", S3Key: "fn.zip" } });
    expect(out).toMatchObject({ MemorySize: 128, Timeout: 3, Architectures: ["x86_64"] });
    expect(out.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("refuses a duplicate with ResourceConflictException (409)", async () => {
    await create("dup-fn");
    const e = await sdkError(() => create("dup-fn"));
    expect(e).toEqual({
      name: "ResourceConflictException",
      status: 409,
      message: "Function already exist: dup-fn",
    });
  });

  it("reports a missing function with ResourceNotFoundException (404) naming its ARN", async () => {
    const e = await sdkError(() => client().send(new GetFunctionCommand({ FunctionName: "ghost" })));
    expect(e).toEqual({
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${arnOf("ghost")}`,
    });
    const cfg = await sdkError(() =>
      client().send(new GetFunctionConfigurationCommand({ FunctionName: arnOf("ghost") })),
    );
    expect(cfg).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    const version = await sdkError(() =>
      client().send(new GetFunctionCommand({ FunctionName: "acme-dev-api", Qualifier: "7" })),
    );
    expect(version.message).toBe(`Function not found: ${arnOf("acme-dev-api")}:7`);
  });

  it("refuses bad input the way Lambda does", async () => {
    const notZip = await sdkError(() => create("bad-zip", { Code: { ZipFile: Buffer.from("not a zip") } }));
    expect(notZip).toMatchObject({ name: "InvalidParameterValueException", status: 400 });
    expect(notZip.message).toContain("Could not unzip uploaded file");
    const noRuntime = await sdkError(() => create("no-runtime", { Runtime: undefined }));
    expect(noRuntime).toMatchObject({ name: "InvalidParameterValueException", status: 400 });
    const memory = await sdkError(() => create("tiny", { MemorySize: 64 }));
    expect(memory).toMatchObject({ name: "ValidationException", status: 400 });
    expect(memory.message).toContain("at 'memorySize' failed to satisfy constraint");
    const timeout = await sdkError(() => create("slow", { Timeout: 901 }));
    expect(timeout.message).toContain("Member must have value less than or equal to 900");
    const role = await sdkError(() => create("bad-role", { Role: "not-a-role" }));
    expect(role).toMatchObject({ name: "ValidationException", status: 400 });
    const name = await sdkError(() => create("bad name"));
    expect(name).toMatchObject({ name: "ValidationException", status: 400 });
  });

  it("lists 50 functions per page at most, whatever MaxItems says", async () => {
    const region = "sa-east-1";
    const names = Array.from({ length: 120 }, (_, i) => `fn-${String(i).padStart(3, "0")}`);
    for (const n of names) await create(n, {}, region);
    const first = await client(region).send(new ListFunctionsCommand({ MaxItems: 500 }));
    expect(first.Functions).toHaveLength(50);
    expect(first.Functions?.[0]).toMatchObject({
      FunctionName: "fn-000",
      FunctionArn: arnOf("fn-000", region),
    });
    expect(first.NextMarker).toEqual(expect.any(String));

    const sizes: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateListFunctions({ client: client(region) }, {})) {
      sizes.push(page.Functions?.length ?? 0);
      seen.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toEqual(names);

    let pages = 0;
    for await (const page of paginateListFunctions({ client: client(region), pageSize: 30 }, {})) {
      expect(page.Functions!.length).toBeLessThanOrEqual(30);
      pages++;
    }
    expect(pages).toBe(4);
  });

  it("tags by ARN under /2017-03-31/tags", async () => {
    await create("tagged-fn", { Tags: { a: "1" } });
    const arn = arnOf("tagged-fn");
    const tagged = await client().send(new TagResourceCommand({ Resource: arn, Tags: { b: "2" } }));
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    await client().send(new UntagResourceCommand({ Resource: arn, TagKeys: ["a"] }));
    const out = await client().send(new ListTagsCommand({ Resource: arn }));
    expect(out.Tags).toEqual({ b: "2" });

    const missing = await sdkError(() => client().send(new ListTagsCommand({ Resource: arnOf("ghost") })));
    expect(missing).toEqual({
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${arnOf("ghost")}`,
    });
    const notArn = await sdkError(() => client().send(new ListTagsCommand({ Resource: "tagged-fn" })));
    expect(notArn).toMatchObject({ name: "ValidationException", status: 400 });
  });

  it("deletes with 204, by name or ARN, then reports the function missing", async () => {
    await create("short-lived");
    const out = await client().send(new DeleteFunctionCommand({ FunctionName: arnOf("short-lived") }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect(out.StatusCode).toBe(204);
    const e = await sdkError(() => client().send(new DeleteFunctionCommand({ FunctionName: "short-lived" })));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });

  it("keeps regions apart", async () => {
    await create("eu-only", {}, "eu-west-3");
    const e = await sdkError(() => client().send(new GetFunctionCommand({ FunctionName: "eu-only" })));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    // An ARN naming another region is not found from this one either.
    const cross = await sdkError(() =>
      client().send(new GetFunctionCommand({ FunctionName: arnOf("eu-only", "eu-west-3") })),
    );
    expect(cross).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    const eu = await client("eu-west-3").send(new GetFunctionCommand({ FunctionName: "eu-only" }));
    expect(eu.Configuration?.FunctionArn).toBe(arnOf("eu-only", "eu-west-3"));
  });

  it("reports functions to the tagging API", () => {
    const mine = sandbox
      .server()
      .taggedResources("us-east-1")
      .find((r) => r.arn === arnOf("tagged-fn"));
    expect(mine).toEqual({ arn: arnOf("tagged-fn"), resourceType: "lambda:function", tags: { b: "2" } });
  });

  it("keeps its state as plain JSON", () => {
    const state = sandbox.server().service("lambda", "us-east-1").snapshot();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("throttles with TooManyRequestsException (429) and its Reason", async () => {
    sandbox.server().faults.configure({
      rules: [{ service: "lambda", operation: "ListFunctions", throttleRate: 1 }],
    });
    try {
      let caught: unknown;
      try {
        await client("us-east-1", { maxAttempts: 1 }).send(new ListFunctionsCommand({}));
      } catch (err) {
        caught = err;
      }
      expect(caught).toMatchObject({
        name: "TooManyRequestsException",
        message: "Rate exceeded",
        Reason: "CallerRateLimitExceeded",
        Type: "User",
        $metadata: { httpStatusCode: 429 },
      });
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  });
});
