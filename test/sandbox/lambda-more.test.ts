import {
  AddPermissionCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  DeleteFunctionUrlConfigCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionUrlConfigsCommand,
  RemovePermissionCommand,
  UpdateFunctionUrlConfigCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "111122223333";
const DELAY_MS = 100;
const sandbox = useSandbox({ accountId: ACCOUNT, deployDelayMs: DELAY_MS });
const client = () => new LambdaClient(sandbox.config("us-east-1"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dev-ApiRole`;
/** An empty zip archive: just the end-of-central-directory record. */
const ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");
const arn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

async function createFunction(name: string) {
  await client().send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: ROLE,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: ZIP },
    }),
  );
}

describe("Lambda function URLs", () => {
  it("creates, reads, updates, lists and deletes a function URL", async () => {
    await createFunction("url-fn");
    const out = await client().send(
      new CreateFunctionUrlConfigCommand({
        FunctionName: "url-fn",
        AuthType: "NONE",
        Cors: { AllowOrigins: ["*"], AllowMethods: ["GET"] },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.FunctionUrl).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    expect(out).toMatchObject({
      FunctionArn: arn("url-fn"),
      AuthType: "NONE",
      InvokeMode: "BUFFERED",
      Cors: { AllowOrigins: ["*"], AllowMethods: ["GET"] },
    });
    expect(out.CreationTime).toBeTypeOf("string");
    const got = await client().send(new GetFunctionUrlConfigCommand({ FunctionName: arn("url-fn") }));
    expect(got.FunctionUrl).toBe(out.FunctionUrl);
    expect(got.LastModifiedTime).toBeTypeOf("string");
    const upd = await client().send(
      new UpdateFunctionUrlConfigCommand({ FunctionName: "url-fn", AuthType: "AWS_IAM" }),
    );
    expect(upd).toMatchObject({ AuthType: "AWS_IAM", FunctionUrl: out.FunctionUrl });
    const list = await client().send(new ListFunctionUrlConfigsCommand({ FunctionName: "url-fn" }));
    expect(list.FunctionUrlConfigs!.map((c) => c.FunctionUrl)).toEqual([out.FunctionUrl]);
    expect(list.NextMarker).toBeUndefined();
    await client().send(new DeleteFunctionUrlConfigCommand({ FunctionName: "url-fn" }));
    const gone = await sdkError(() =>
      client().send(new GetFunctionUrlConfigCommand({ FunctionName: "url-fn" })),
    );
    expect(gone).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    const none = await client().send(new ListFunctionUrlConfigsCommand({ FunctionName: "url-fn" }));
    expect(none.FunctionUrlConfigs).toEqual([]);
  });

  it("answers a second create with ResourceConflictException (409) and AWS's message", async () => {
    await createFunction("psoxy-outlook-mail");
    await client().send(
      new CreateFunctionUrlConfigCommand({ FunctionName: "psoxy-outlook-mail", AuthType: "AWS_IAM" }),
    );
    const e = await sdkError(() =>
      client().send(
        new CreateFunctionUrlConfigCommand({ FunctionName: "psoxy-outlook-mail", AuthType: "AWS_IAM" }),
      ),
    );
    expect(e).toEqual({
      name: "ResourceConflictException",
      status: 409,
      message: `Failed to create function url config for [functionArn = ${arn("psoxy-outlook-mail")}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
    });
  });

  it("refuses a missing AuthType and an unknown function", async () => {
    const e = await sdkError(() =>
      client().send(new CreateFunctionUrlConfigCommand({ FunctionName: "no-such-fn", AuthType: "NONE" })),
    );
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    await createFunction("url-bad");
    const bad = await sdkError(() =>
      client().send(
        new CreateFunctionUrlConfigCommand({
          FunctionName: "url-bad",
          AuthType: "PUBLIC" as "NONE",
        }),
      ),
    );
    expect(bad).toMatchObject({ name: "ValidationException", status: 400 });
  });
});

describe("Lambda permissions", () => {
  it("adds statements, returns the policy, and removes them", async () => {
    await createFunction("perm-fn");
    const none = await sdkError(() => client().send(new GetPolicyCommand({ FunctionName: "perm-fn" })));
    expect(none).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    const added = await client().send(
      new AddPermissionCommand({
        FunctionName: "perm-fn",
        StatementId: "AllowExecutionFromCloudWatch",
        Action: "lambda:InvokeFunction",
        Principal: "events.amazonaws.com",
        SourceArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/cron`,
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(added.Statement!)).toEqual({
      Sid: "AllowExecutionFromCloudWatch",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: arn("perm-fn"),
      Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:events:us-east-1:${ACCOUNT}:rule/cron` } },
    });
    await client().send(
      new AddPermissionCommand({
        FunctionName: "perm-fn",
        StatementId: "FunctionURLAllowPublicAccess",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    const policy = await client().send(new GetPolicyCommand({ FunctionName: "perm-fn" }));
    const fn = await client().send(new GetFunctionCommand({ FunctionName: "perm-fn" }));
    expect(policy.RevisionId).toBe(fn.Configuration!.RevisionId);
    const doc = JSON.parse(policy.Policy!) as {
      Version: string;
      Statement: { Sid: string; Condition?: unknown }[];
    };
    expect(doc.Version).toBe("2012-10-17");
    expect(doc.Statement.map((s) => s.Sid)).toEqual([
      "AllowExecutionFromCloudWatch",
      "FunctionURLAllowPublicAccess",
    ]);
    expect(doc.Statement[1]!.Condition).toEqual({
      StringEquals: { "lambda:FunctionUrlAuthType": "NONE" },
    });
    await client().send(
      new RemovePermissionCommand({ FunctionName: "perm-fn", StatementId: "AllowExecutionFromCloudWatch" }),
    );
    const missing = await sdkError(() =>
      client().send(
        new RemovePermissionCommand({ FunctionName: "perm-fn", StatementId: "AllowExecutionFromCloudWatch" }),
      ),
    );
    expect(missing).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    const after = await client().send(new GetPolicyCommand({ FunctionName: "perm-fn" }));
    expect((JSON.parse(after.Policy!) as { Statement: unknown[] }).Statement).toHaveLength(1);
  });

  it("answers a duplicate StatementId with ResourceConflictException (409), as in the real logs", async () => {
    await createFunction("perm-dup");
    const add = (sid: string) =>
      client().send(
        new AddPermissionCommand({
          FunctionName: "perm-dup",
          StatementId: sid,
          Action: "lambda:InvokeFunction",
          Principal: "events.amazonaws.com",
        }),
      );
    for (const [sid, file] of [
      ["AllowExecutionFromCloudWatch", "lambda-permission.log"],
      ["FunctionURLAllowPublicAccess", "lambda-function-url.log"],
    ] as const) {
      await add(sid);
      const e = await sdkError(() => add(sid));
      expect(e.name).toBe("ResourceConflictException");
      expect(e.status).toBe(409);
      expect(e.message).toBe(
        `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
      expect(fixture(file)).toContain(`ResourceConflictException: ${e.message}`);
    }
  });

  it("checks RevisionId (PreconditionFailedException, 412)", async () => {
    await createFunction("perm-rev");
    const e = await sdkError(() =>
      client().send(
        new AddPermissionCommand({
          FunctionName: "perm-rev",
          StatementId: "s1",
          Action: "lambda:InvokeFunction",
          Principal: "sns.amazonaws.com",
          RevisionId: "not-the-revision",
        }),
      ),
    );
    expect(e).toMatchObject({ name: "PreconditionFailedException", status: 412 });
    const fn = await client().send(new GetFunctionCommand({ FunctionName: "perm-rev" }));
    await client().send(
      new AddPermissionCommand({
        FunctionName: "perm-rev",
        StatementId: "s1",
        Action: "lambda:InvokeFunction",
        Principal: "sns.amazonaws.com",
        RevisionId: fn.Configuration!.RevisionId!,
      }),
    );
  });

  it("drops the URL and the policy with the function", async () => {
    await createFunction("perm-gone");
    await client().send(new CreateFunctionUrlConfigCommand({ FunctionName: "perm-gone", AuthType: "NONE" }));
    await client().send(
      new AddPermissionCommand({
        FunctionName: "perm-gone",
        StatementId: "FunctionURLAllowPublicAccess",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    await client().send(new DeleteFunctionCommand({ FunctionName: "perm-gone" }));
    await createFunction("perm-gone");
    await client().send(new CreateFunctionUrlConfigCommand({ FunctionName: "perm-gone", AuthType: "NONE" }));
    const e = await sdkError(() => client().send(new GetPolicyCommand({ FunctionName: "perm-gone" })));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });
});

describe("Lambda event source mappings", () => {
  const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:acme-dev-jobs`;
  const STREAM = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/acme-dev-table/stream/2026-01-01T00:00:00.000`;

  it("creates a mapping Creating, reads it Enabled, lists and deletes it", async () => {
    await createFunction("esm-fn");
    const out = await client().send(
      new CreateEventSourceMappingCommand({ FunctionName: "esm-fn", EventSourceArn: QUEUE }),
    );
    expect(out.$metadata.httpStatusCode).toBe(202);
    expect(out).toMatchObject({
      EventSourceArn: QUEUE,
      FunctionArn: arn("esm-fn"),
      BatchSize: 10,
      State: "Creating",
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:event-source-mapping:${out.UUID}`,
    });
    expect(out.LastModified).toBeInstanceOf(Date);
    await sleep(DELAY_MS + 50);
    const got = await client().send(new GetEventSourceMappingCommand({ UUID: out.UUID! }));
    expect(got.State).toBe("Enabled");
    const list = await client().send(new ListEventSourceMappingsCommand({ FunctionName: arn("esm-fn") }));
    expect(list.EventSourceMappings!.map((m) => m.UUID)).toEqual([out.UUID]);
    const del = await client().send(new DeleteEventSourceMappingCommand({ UUID: out.UUID! }));
    expect(del.$metadata.httpStatusCode).toBe(202);
    expect(del.State).toBe("Deleting");
    const gone = await sdkError(() => client().send(new GetEventSourceMappingCommand({ UUID: out.UUID! })));
    expect(gone).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });

  it("answers a duplicate SQS mapping with ResourceConflictException (409) in the SQS wording", async () => {
    await createFunction("esm-dup");
    const first = await client().send(
      new CreateEventSourceMappingCommand({ FunctionName: "esm-dup", EventSourceArn: QUEUE }),
    );
    const e = await sdkError(() =>
      client().send(
        new CreateEventSourceMappingCommand({ FunctionName: arn("esm-dup"), EventSourceArn: QUEUE }),
      ),
    );
    expect(e).toEqual({
      name: "ResourceConflictException",
      status: 409,
      message: `An event source mapping with SQS arn (" ${QUEUE} ") and function (" esm-dup ") already exists. Please update or delete the existing mapping with UUID ${first.UUID}`,
    });
    // The same wording as the real log, apart from the names.
    const real = /ResourceConflictException: (.+)$/m.exec(
      fixture("lambda-event-source-mapping-sqs.log"),
    )![1]!;
    const shape = (m: string) => m.replace(/\(" [^"]+ "\)/g, '(" X ")').replace(/UUID \S+$/, "UUID U");
    expect(shape(e.message)).toBe(shape(real));
  });

  it("answers a duplicate stream mapping in the stream wording", async () => {
    await createFunction("esm-stream");
    const first = await client().send(
      new CreateEventSourceMappingCommand({
        FunctionName: "esm-stream",
        EventSourceArn: STREAM,
        StartingPosition: "LATEST",
      }),
    );
    expect(first).toMatchObject({ BatchSize: 100, StartingPosition: "LATEST" });
    const e = await sdkError(() =>
      client().send(
        new CreateEventSourceMappingCommand({
          FunctionName: "esm-stream",
          EventSourceArn: STREAM,
          StartingPosition: "LATEST",
        }),
      ),
    );
    expect(e).toMatchObject({ name: "ResourceConflictException", status: 409 });
    const real = /ResourceConflictException: (.+)$/m.exec(fixture("lambda-event-source-mapping.log"))![1]!;
    const shape = (m: string) => m.replace(/\(" [^"]+ "\)/g, '(" X ")').replace(/UUID \S+$/, "UUID U");
    expect(shape(e.message)).toBe(shape(real));
    expect(e.message).toContain(`UUID ${first.UUID}`);
  });

  it("refuses a mapping without a source, and a StartingPosition on a queue", async () => {
    await createFunction("esm-bad");
    const none = await sdkError(() =>
      client().send(new CreateEventSourceMappingCommand({ FunctionName: "esm-bad" })),
    );
    expect(none).toEqual({
      name: "InvalidParameterValueException",
      status: 400,
      message: "Unrecognized event source.",
    });
    const position = await sdkError(() =>
      client().send(
        new CreateEventSourceMappingCommand({
          FunctionName: "esm-bad",
          EventSourceArn: QUEUE,
          StartingPosition: "LATEST",
        }),
      ),
    );
    expect(position).toEqual({
      name: "InvalidParameterValueException",
      status: 400,
      message: "StartingPosition is not valid for SQS event sources.",
    });
  });

  it("keeps mappings after their function is deleted, as AWS does", async () => {
    await createFunction("esm-orphan");
    const out = await client().send(
      new CreateEventSourceMappingCommand({ FunctionName: "esm-orphan", EventSourceArn: `${QUEUE}-orphan` }),
    );
    await client().send(new DeleteFunctionCommand({ FunctionName: "esm-orphan" }));
    const got = await client().send(new GetEventSourceMappingCommand({ UUID: out.UUID! }));
    expect(got.FunctionArn).toBe(arn("esm-orphan"));
    await client().send(new DeleteEventSourceMappingCommand({ UUID: out.UUID! }));
  });

  it("pages with MaxItems and an opaque NextMarker, filtered by source", async () => {
    const uuids: string[] = [];
    for (let i = 0; i < 5; i++) {
      await createFunction(`esm-page-${i}`);
      const out = await client().send(
        new CreateEventSourceMappingCommand({
          FunctionName: `esm-page-${i}`,
          EventSourceArn: `${QUEUE}-paged`,
        }),
      );
      uuids.push(out.UUID!);
    }
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await client().send(
        new ListEventSourceMappingsCommand({ EventSourceArn: `${QUEUE}-paged`, MaxItems: 2, Marker: marker }),
      );
      expect(out.EventSourceMappings!.length).toBeLessThanOrEqual(2);
      seen.push(...out.EventSourceMappings!.map((m) => m.UUID!));
      marker = out.NextMarker;
      pages++;
    } while (marker !== undefined);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(uuids.sort());
  });
});
