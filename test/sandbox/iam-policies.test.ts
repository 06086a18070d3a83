/**
 * IAM customer managed policies in the local cloud, through the real SDK: CreatePolicy (names unique
 * in the account whatever the path and case: EntityAlreadyExists, 409, with IAM's text), GetPolicy and
 * GetPolicyVersion (the document percent-encoded, as IAM sends it), attaching to a role (the policy's
 * AttachmentCount follows), DeletePolicy refused while attached (DeleteConflict, 409) and allowed once
 * detached, and NoSuchEntity (404) for a policy that is not there.
 */
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { afterAll, describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "210987654321";
const sandbox = useSandbox({ accountId: ACCOUNT });
const clients: IAMClient[] = [];
const client = (region = "us-east-1") => {
  const c = new IAMClient(sandbox.config(region));
  clients.push(c);
  return c;
};
afterAll(() => clients.forEach((c) => c.destroy()));

const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const doc = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/some key+x" }],
});

describe("IAM managed policies", () => {
  it("creates a policy with IAM's fields and reads it (and its document) back from any region", async () => {
    const created = await client().send(
      new CreatePolicyCommand({
        PolicyName: "AcmeRead",
        PolicyDocument: doc,
        Path: "/acme/",
        Description: "read",
      }),
    );
    const arn = `arn:aws:iam::${ACCOUNT}:policy/acme/AcmeRead`;
    expect(created.Policy).toMatchObject({
      PolicyName: "AcmeRead",
      Arn: arn,
      Path: "/acme/",
      DefaultVersionId: "v1",
      AttachmentCount: 0,
      IsAttachable: true,
    });
    expect(created.Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(created.Policy?.CreateDate).toBeInstanceOf(Date);

    const got = await client("eu-west-1").send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(got.Policy).toMatchObject({ PolicyName: "AcmeRead", Arn: arn, Description: "read" });
    const version = await client().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }));
    expect(version.PolicyVersion?.IsDefaultVersion).toBe(true);
    // IAM sends the document percent-encoded; the SDK leaves it so.
    expect(decodeURIComponent(version.PolicyVersion!.Document!)).toBe(doc);
  });

  it("refuses a duplicate name, whatever its path or case (EntityAlreadyExists, 409)", async () => {
    await client().send(new CreatePolicyCommand({ PolicyName: "Dup-Policy", PolicyDocument: doc }));
    for (const [PolicyName, Path] of [
      ["Dup-Policy", "/"],
      ["dup-policy", "/other/"],
    ] as const) {
      const err = await sdkError(() =>
        client().send(new CreatePolicyCommand({ PolicyName, PolicyDocument: doc, Path })),
      );
      expect(err).toMatchObject({
        name: "EntityAlreadyExistsException",
        status: 409,
        message: `A policy called ${PolicyName} already exists. Duplicate names are not allowed.`,
      });
    }
  });

  it("refuses a malformed document, a principal in it, and a bad name", async () => {
    const notJson = await sdkError(() =>
      client().send(new CreatePolicyCommand({ PolicyName: "bad-json", PolicyDocument: "{" })),
    );
    expect(notJson).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    const principal = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }],
    });
    const withPrincipal = await sdkError(() =>
      client().send(new CreatePolicyCommand({ PolicyName: "bad-principal", PolicyDocument: principal })),
    );
    expect(withPrincipal).toMatchObject({ name: "MalformedPolicyDocumentException" });
    const badName = await sdkError(() =>
      client().send(new CreatePolicyCommand({ PolicyName: "bad name", PolicyDocument: doc })),
    );
    expect(badName).toMatchObject({ name: "ValidationError", status: 400 });
  });

  it("counts attachments, refuses DeletePolicy while attached (DeleteConflict), deletes once detached", async () => {
    const created = await client().send(
      new CreatePolicyCommand({ PolicyName: "AcmeWrite", PolicyDocument: doc }),
    );
    const arn = created.Policy!.Arn!;
    await client().send(new CreateRoleCommand({ RoleName: "acme-dev-Api", AssumeRolePolicyDocument: trust }));
    await client().send(new AttachRolePolicyCommand({ RoleName: "acme-dev-Api", PolicyArn: arn }));
    const attached = await client().send(new ListAttachedRolePoliciesCommand({ RoleName: "acme-dev-Api" }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: "AcmeWrite", PolicyArn: arn }]);
    expect((await client().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(1);

    const conflict = await sdkError(() => client().send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(conflict).toMatchObject({
      name: "DeleteConflictException",
      status: 409,
      message: "Cannot delete a policy attached to entities.",
    });

    await client().send(new DetachRolePolicyCommand({ RoleName: "acme-dev-Api", PolicyArn: arn }));
    await client().send(new DeletePolicyCommand({ PolicyArn: arn }));
    const gone = await sdkError(() => client().send(new GetPolicyCommand({ PolicyArn: arn })));
    expect(gone).toMatchObject({
      name: "NoSuchEntityException",
      status: 404,
      message: `Policy ${arn} was not found.`,
    });
    const again = await sdkError(() => client().send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(again).toMatchObject({ name: "NoSuchEntityException", status: 404 });
    // The name is free again.
    await client().send(new CreatePolicyCommand({ PolicyName: "AcmeWrite", PolicyDocument: doc }));
  });

  it("answers NoSuchEntity for another account's policy and InvalidInput for a non-ARN", async () => {
    const theirs = await sdkError(() =>
      client().send(new GetPolicyCommand({ PolicyArn: "arn:aws:iam::999999999999:policy/Theirs" })),
    );
    expect(theirs).toMatchObject({ name: "NoSuchEntityException", status: 404 });
    const invalid = await sdkError(() => client().send(new GetPolicyCommand({ PolicyArn: "not-an-arn" })));
    expect(invalid).toMatchObject({ name: "InvalidInputException", status: 400 });
  });
});
