/**
 * Lambda UpdateFunctionCode in the local cloud, through the real SDK: a new zip changes the code's
 * size and SHA-256 and the revision (the answer says LastUpdateStatus InProgress, a read says
 * Successful), an S3 location is recorded as given, DryRun changes nothing, a stale RevisionId is
 * PreconditionFailedException (412), and a package of the wrong type or not a zip is refused with
 * InvalidParameterValueException (400).
 */
import { createHash } from "node:crypto";
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "123456789012";
const sandbox = useSandbox({ accountId: ACCOUNT });
const EMPTY_ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");
// An empty archive with a comment: another valid zip with other bytes.
const OTHER_ZIP = Buffer.concat([
  Buffer.from("504b05060000000000000000000000000000000000000300", "hex"),
  Buffer.from("abc"),
]);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("base64");

let lambda: LambdaClient;
beforeAll(() => {
  lambda = new LambdaClient(sandbox.config("us-east-1"));
});
afterAll(() => lambda.destroy());

async function fn(name: string, image = false) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: `arn:aws:iam::${ACCOUNT}:role/r`,
      ...(image
        ? { PackageType: "Image", Code: { ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1` } }
        : { Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: EMPTY_ZIP } }),
    }),
  );
}

describe("Lambda UpdateFunctionCode", () => {
  it("replaces a zip: new size, SHA-256 and revision; InProgress in the answer, Successful on read", async () => {
    const created = await fn("code-dev-Api");
    expect(created.CodeSha256).toBe(sha(EMPTY_ZIP));
    const updated = await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: "code-dev-Api", ZipFile: OTHER_ZIP }),
    );
    expect(updated).toMatchObject({
      FunctionName: "code-dev-Api",
      CodeSize: OTHER_ZIP.length,
      CodeSha256: sha(OTHER_ZIP),
      LastUpdateStatus: "InProgress",
      Version: "$LATEST",
    });
    expect(updated.RevisionId).not.toBe(created.RevisionId);
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "code-dev-Api" }));
    expect(got.Configuration).toMatchObject({ CodeSha256: sha(OTHER_ZIP), LastUpdateStatus: "Successful" });
    expect(got.Configuration?.RevisionId).toBe(updated.RevisionId);
  });

  it("records an S3 location; DryRun changes nothing; a stale RevisionId is refused (412)", async () => {
    const created = await fn("code-dev-S3");
    const dry = await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: "code-dev-S3", ZipFile: OTHER_ZIP, DryRun: true }),
    );
    expect(dry.CodeSha256).toBe(sha(EMPTY_ZIP));
    expect(dry.RevisionId).toBe(created.RevisionId);
    const stale = await sdkError(() =>
      lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: "code-dev-S3",
          S3Bucket: "b",
          S3Key: "k.zip",
          RevisionId: "00000000-0000-4000-8000-000000000000",
        }),
      ),
    );
    expect(stale).toMatchObject({ name: "PreconditionFailedException", status: 412 });
    const updated = await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "code-dev-S3",
        S3Bucket: "b",
        S3Key: "k.zip",
        RevisionId: created.RevisionId,
      }),
    );
    expect(updated.CodeSha256).not.toBe(created.CodeSha256);
    expect(updated.CodeSize).toBe(0);
  });

  it("refuses the wrong package type, a file that is not a zip, and an unknown function", async () => {
    await fn("code-dev-Zip");
    await fn("code-dev-Image", true);
    const imageOnZip = await sdkError(() =>
      lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "code-dev-Zip", ImageUri: "x.dkr.ecr/a:1" })),
    );
    expect(imageOnZip).toMatchObject({
      name: "InvalidParameterValueException",
      status: 400,
      message: "Please don't provide ImageUri when updating a function with packageType Zip.",
    });
    const zipOnImage = await sdkError(() =>
      lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "code-dev-Image", ZipFile: EMPTY_ZIP })),
    );
    expect(zipOnImage).toMatchObject({
      name: "InvalidParameterValueException",
      message: "Please provide ImageUri when updating a function with packageType Image.",
    });
    const image = await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "code-dev-Image",
        ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:2`,
      }),
    );
    expect(image.PackageType).toBe("Image");
    const notZip = await sdkError(() =>
      lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName: "code-dev-Zip", ZipFile: Buffer.from("hello") }),
      ),
    );
    expect(notZip).toMatchObject({ name: "InvalidParameterValueException", status: 400 });
    expect(notZip.message).toMatch(/^Could not unzip uploaded file\./);
    const none = await sdkError(() =>
      lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "code-dev-Missing", ZipFile: EMPTY_ZIP })),
    );
    expect(none).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });
});
