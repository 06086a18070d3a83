/**
 * The local cloud's Cloud Control API, driven by the real @aws-sdk/client-cloudcontrol: a generic
 * store seeded through CreateResource, read by GetResource/ListResources, and AWS's error shapes.
 */
import {
  CloudControlClient,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourcesCommand,
  paginateListResources,
} from "@aws-sdk/client-cloudcontrol";
import { describe, expect, it } from "vitest";
import { cloudControlIdentifier, longTailType } from "../../src/kinds/cloudformation-types.js";
import { cloudControlSeed } from "../../src/sandbox/services/cloudcontrol.js";
import type { ResourceV3 } from "../../src/state/index.js";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "210987654321" });
const client = (region = "us-east-1") => new CloudControlClient(sandbox.config(region));

describe("Cloud Control API (awsJson 1.0, CloudApiService)", () => {
  it("creates a resource (a SUCCESS ProgressEvent), reads it back and tracks the request", async () => {
    const created = await client().send(
      new CreateResourceCommand({
        TypeName: "AWS::EC2::VPC",
        DesiredState: JSON.stringify({ CidrBlock: "10.0.0.0/16" }),
      }),
    );
    const p = created.ProgressEvent!;
    expect(p).toMatchObject({ TypeName: "AWS::EC2::VPC", Operation: "CREATE", OperationStatus: "SUCCESS" });
    // AWS generates a VPC's id: the sandbox too, in AWS's shape.
    expect(p.Identifier).toMatch(/^vpc-[0-9a-f]{17}$/);
    const got = await client().send(
      new GetResourceCommand({ TypeName: "AWS::EC2::VPC", Identifier: p.Identifier }),
    );
    expect(got.TypeName).toBe("AWS::EC2::VPC");
    expect(got.ResourceDescription!.Identifier).toBe(p.Identifier);
    expect(JSON.parse(got.ResourceDescription!.Properties!)).toEqual({
      CidrBlock: "10.0.0.0/16",
      VpcId: p.Identifier,
    });
    const status = await client().send(new GetResourceRequestStatusCommand({ RequestToken: p.RequestToken }));
    expect(status.ProgressEvent).toMatchObject({ OperationStatus: "SUCCESS", Identifier: p.Identifier });
    // Regions are apart.
    const elsewhere = await sdkError(() =>
      client("eu-west-1").send(
        new GetResourceCommand({ TypeName: "AWS::EC2::VPC", Identifier: p.Identifier }),
      ),
    );
    expect(elsewhere.name).toBe("ResourceNotFoundException");
  });

  it("joins a compound primary identifier with | in the schema's order", async () => {
    const created = await client().send(
      new CreateResourceCommand({
        TypeName: "AWS::IAM::RolePolicy",
        DesiredState: JSON.stringify({ RoleName: "acme-dev-Role", PolicyName: "inline", PolicyDocument: {} }),
      }),
    );
    expect(created.ProgressEvent!.Identifier).toBe("inline|acme-dev-Role");
    const got = await client().send(
      new GetResourceCommand({ TypeName: "AWS::IAM::RolePolicy", Identifier: "inline|acme-dev-Role" }),
    );
    expect(got.ResourceDescription!.Identifier).toBe("inline|acme-dev-Role");
  });

  it("answers AWS's errors: not found (404), unknown type (404), unsupported type (405), bad token (404)", async () => {
    const missing = await sdkError(() =>
      client().send(new GetResourceCommand({ TypeName: "AWS::KMS::Key", Identifier: "no-such-key" })),
    );
    expect(missing).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    expect(missing.message).toContain("no-such-key");
    const unknown = await sdkError(() =>
      client().send(new GetResourceCommand({ TypeName: "AWS::Nope::Thing", Identifier: "x" })),
    );
    expect(unknown).toMatchObject({ name: "TypeNotFoundException", status: 404 });
    const unsupported = await sdkError(() =>
      client().send(new GetResourceCommand({ TypeName: "AWS::SQS::QueuePolicy", Identifier: "x" })),
    );
    expect(unsupported).toMatchObject({ name: "UnsupportedActionException", status: 405 });
    const token = await sdkError(() =>
      client().send(new GetResourceRequestStatusCommand({ RequestToken: "0000" })),
    );
    expect(token).toMatchObject({ name: "RequestTokenNotFoundException", status: 404 });
    const bad = await sdkError(() =>
      client().send(new ListResourcesCommand({ TypeName: "AWS::KMS::Key", MaxResults: 101 })),
    );
    expect(bad).toMatchObject({ name: "ValidationException", status: 400 });
  });

  it("a second create of the same identifier fails the request (AlreadyExists), the first stays", async () => {
    const state = JSON.stringify({ Name: "/acme/dev/flag", Type: "String", Value: "on" });
    await client().send(new CreateResourceCommand({ TypeName: "AWS::SSM::Parameter", DesiredState: state }));
    const again = await client().send(
      new CreateResourceCommand({ TypeName: "AWS::SSM::Parameter", DesiredState: state }),
    );
    expect(again.ProgressEvent).toMatchObject({ OperationStatus: "FAILED", ErrorCode: "AlreadyExists" });
  });

  it("lists a type's resources in pages (MaxResults, NextToken) and deletes one", async () => {
    for (let i = 0; i < 5; i++) {
      await client().send(
        new CreateResourceCommand({
          TypeName: "AWS::Kinesis::Stream",
          DesiredState: JSON.stringify({ Name: `acme-dev-stream-${i}`, ShardCount: 1 }),
        }),
      );
    }
    const first = await client().send(
      new ListResourcesCommand({ TypeName: "AWS::Kinesis::Stream", MaxResults: 2 }),
    );
    expect(first.ResourceDescriptions!.map((r) => r.Identifier)).toEqual([
      "acme-dev-stream-0",
      "acme-dev-stream-1",
    ]);
    expect(first.NextToken).toBeTruthy();
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListResources(
      { client: client(), pageSize: 2 },
      { TypeName: "AWS::Kinesis::Stream" },
    )) {
      pages++;
      names.push(...page.ResourceDescriptions!.map((r) => r.Identifier!));
    }
    expect(pages).toBe(3);
    expect(names).toHaveLength(5);
    const del = await client().send(
      new DeleteResourceCommand({ TypeName: "AWS::Kinesis::Stream", Identifier: "acme-dev-stream-3" }),
    );
    expect(del.ProgressEvent).toMatchObject({ Operation: "DELETE", OperationStatus: "SUCCESS" });
    const gone = await sdkError(() =>
      client().send(
        new GetResourceCommand({ TypeName: "AWS::Kinesis::Stream", Identifier: "acme-dev-stream-3" }),
      ),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
    const twice = await client().send(
      new DeleteResourceCommand({ TypeName: "AWS::Kinesis::Stream", Identifier: "acme-dev-stream-3" }),
    );
    expect(twice.ProgressEvent).toMatchObject({ OperationStatus: "FAILED", ErrorCode: "NotFound" });
  });

  it("cloudControlSeed: a scenario's state entry of a long-tail type is then found by the identifier the scan asks for", async () => {
    const stage = {
      urn: "urn:pulumi:dev::shop::sst:aws:ApiGatewayV2$aws:apigatewayv2/stage:Stage::BackendStage",
      custom: true,
      type: "aws:apigatewayv2/stage:Stage",
      id: "$default",
      inputs: { apiId: "a1b2c3d4e5", name: "$default" },
      outputs: { apiId: "a1b2c3d4e5", name: "$default" },
    } as ResourceV3;
    const seed = cloudControlSeed(stage)!;
    expect(seed.TypeName).toBe("AWS::ApiGatewayV2::Stage");
    expect(JSON.parse(seed.DesiredState)).toEqual({ ApiId: "a1b2c3d4e5", StageName: "$default" });
    const made = await client().send(new CreateResourceCommand(seed));
    const asked = cloudControlIdentifier(longTailType(stage.type)!, stage)!;
    expect(made.ProgressEvent!.Identifier).toBe(asked);
    const got = await client().send(new GetResourceCommand({ TypeName: seed.TypeName, Identifier: asked }));
    expect(got.ResourceDescription!.Identifier).toBe("a1b2c3d4e5|$default");
    // Types not checked through Cloud Control have no seed.
    expect(cloudControlSeed({ ...stage, type: "aws:sqs/queuePolicy:QueuePolicy" })).toBeUndefined();
    expect(cloudControlSeed({ ...stage, type: "aws:dynamodb/table:Table" })).toBeUndefined();
  });
});
