import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  paginateListRoles,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "210987654321" });
const client = (region = "us-east-1") => new IAMClient(sandbox.config(region));

const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const permissions = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/some key+x" }],
});

const create = (RoleName: string, extra: Partial<ConstructorParameters<typeof CreateRoleCommand>[0]> = {}) =>
  client().send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust, ...extra }));

describe("IAM roles", () => {
  it("creates a role with the documented fields and reads it back from any region", async () => {
    const out = await create("acme-api-role", {
      Path: "/service-role/",
      Description: "API handler",
      MaxSessionDuration: 7200,
      Tags: [{ Key: "sst:app", Value: "acme" }],
    });
    const role = out.Role!;
    expect(role.RoleName).toBe("acme-api-role");
    expect(role.Path).toBe("/service-role/");
    expect(role.Arn).toBe("arn:aws:iam::210987654321:role/service-role/acme-api-role");
    expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role.CreateDate).toBeInstanceOf(Date);
    expect(role.CreateDate!.getMilliseconds()).toBe(0);
    expect(role.MaxSessionDuration).toBe(7200);
    expect(role.Tags).toEqual([{ Key: "sst:app", Value: "acme" }]);
    // Real IAM percent-encodes policy documents and the SDK hands them over undecoded.
    expect(role.AssumeRolePolicyDocument).toBe(encodeURIComponent(trust));

    // IAM is global: a client configured for another region sees the same role.
    const got = await client("eu-west-3").send(new GetRoleCommand({ RoleName: "acme-api-role" }));
    expect(got.Role).toMatchObject({
      RoleName: "acme-api-role",
      RoleId: role.RoleId,
      Description: "API handler",
      Tags: [{ Key: "sst:app", Value: "acme" }],
    });
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trust));
    expect(got.Role!.CreateDate!.toISOString()).toBe(role.CreateDate!.toISOString());
  });

  it("defaults Path to / and MaxSessionDuration to 3600", async () => {
    const out = await create("plain-role");
    expect(out.Role).toMatchObject({
      Path: "/",
      Arn: "arn:aws:iam::210987654321:role/plain-role",
      MaxSessionDuration: 3600,
    });
    expect(out.Role!.Description).toBeUndefined();
  });

  it("refuses a duplicate name (case-insensitively) with EntityAlreadyExists (409)", async () => {
    await create("Dup-Role");
    for (const name of ["Dup-Role", "dup-role"]) {
      const e = await sdkError(() => create(name));
      expect(e).toMatchObject({
        name: "EntityAlreadyExistsException",
        status: 409,
        message: `Role with name ${name} already exists.`,
      });
    }
  });

  it("refuses a trust policy that is not JSON with MalformedPolicyDocument (400)", async () => {
    const e = await sdkError(() => create("bad-trust", { AssumeRolePolicyDocument: "{not json" }));
    expect(e).toMatchObject({
      name: "MalformedPolicyDocumentException",
      status: 400,
      message: "This policy contains invalid Json",
    });
    const missing = await sdkError(() => client().send(new GetRoleCommand({ RoleName: "bad-trust" })));
    expect(missing.name).toBe("NoSuchEntityException");
  });

  it("validates the name, path and session duration like IAM (ValidationError, 400)", async () => {
    const badName = await sdkError(() => create("has space"));
    expect(badName).toMatchObject({ name: "ValidationError", status: 400 });
    const badPath = await sdkError(() => create("path-role", { Path: "no-slash" }));
    expect(badPath).toMatchObject({ name: "ValidationError", status: 400 });
    const badDuration = await sdkError(() => create("short-role", { MaxSessionDuration: 60 }));
    expect(badDuration).toMatchObject({ name: "ValidationError", status: 400 });
    expect(badDuration.message).toMatch(/maxSessionDuration.*greater than or equal to 3600/);
  });

  it("reports a missing role with NoSuchEntity (404)", async () => {
    const e = await sdkError(() => client().send(new GetRoleCommand({ RoleName: "ghost" })));
    expect(e).toMatchObject({
      name: "NoSuchEntityException",
      status: 404,
      message: "The role with name ghost cannot be found.",
    });
  });

  it("updates the description, session duration and trust policy", async () => {
    await create("updatable");
    await client().send(
      new UpdateRoleCommand({ RoleName: "updatable", Description: "new", MaxSessionDuration: 43200 }),
    );
    const newTrust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    await client().send(
      new UpdateAssumeRolePolicyCommand({ RoleName: "updatable", PolicyDocument: newTrust }),
    );
    const got = await client().send(new GetRoleCommand({ RoleName: "updatable" }));
    expect(got.Role).toMatchObject({ Description: "new", MaxSessionDuration: 43200 });
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toBe(newTrust);
  });
});

describe("ListRoles", () => {
  it("pages 120 roles with Marker/MaxItems (100 by default) and filters by PathPrefix", async () => {
    for (let i = 0; i < 120; i++) {
      await create(`paged-${String(i).padStart(3, "0")}`, { Path: "/paged/" });
    }
    const first = await client().send(new ListRolesCommand({ PathPrefix: "/paged/" }));
    expect(first.Roles).toHaveLength(100);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toEqual(expect.any(String));
    expect(first.Roles![0]).toMatchObject({
      RoleName: "paged-000",
      Path: "/paged/",
      MaxSessionDuration: 3600,
    });
    // ListRoles does not return tags (documented).
    expect(first.Roles![0]!.Tags).toBeUndefined();

    const second = await client().send(new ListRolesCommand({ PathPrefix: "/paged/", Marker: first.Marker }));
    expect(second.Roles!.map((r) => r.RoleName)).toEqual(
      Array.from({ length: 20 }, (_, i) => `paged-${String(i + 100).padStart(3, "0")}`),
    );
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();

    const names: string[] = [];
    for await (const p of paginateListRoles({ client: client(), pageSize: 7 }, { PathPrefix: "/paged/" })) {
      expect(p.Roles!.length).toBeLessThanOrEqual(7);
      names.push(...p.Roles!.map((r) => r.RoleName!));
    }
    expect(names).toHaveLength(120);
    expect(new Set(names).size).toBe(120);

    const all: string[] = [];
    for await (const p of paginateListRoles({ client: client() }, {}))
      all.push(...p.Roles!.map((r) => r.RoleName!));
    expect(all.length).toBeGreaterThan(120);
    expect(all).toContain("plain-role");
  });

  it("rejects MaxItems out of range with ValidationError", async () => {
    const e = await sdkError(() => client().send(new ListRolesCommand({ MaxItems: 1001 })));
    expect(e).toMatchObject({ name: "ValidationError", status: 400 });
  });
});

describe("role policies", () => {
  it("puts, reads (percent-encoded), lists and deletes inline policies", async () => {
    await create("inline-role");
    await client().send(
      new PutRolePolicyCommand({ RoleName: "inline-role", PolicyName: "read", PolicyDocument: permissions }),
    );
    await client().send(
      new PutRolePolicyCommand({
        RoleName: "inline-role",
        PolicyName: "another",
        PolicyDocument: permissions,
      }),
    );
    const got = await client().send(
      new GetRolePolicyCommand({ RoleName: "inline-role", PolicyName: "read" }),
    );
    expect(got).toMatchObject({ RoleName: "inline-role", PolicyName: "read" });
    expect(got.PolicyDocument).toBe(encodeURIComponent(permissions));
    expect(got.PolicyDocument).toContain("%20key%2Bx");
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(permissions);

    const listed = await client().send(new ListRolePoliciesCommand({ RoleName: "inline-role" }));
    expect(listed).toMatchObject({ PolicyNames: ["another", "read"], IsTruncated: false });
    const paged = await client().send(new ListRolePoliciesCommand({ RoleName: "inline-role", MaxItems: 1 }));
    expect(paged).toMatchObject({ PolicyNames: ["another"], IsTruncated: true });

    await client().send(new DeleteRolePolicyCommand({ RoleName: "inline-role", PolicyName: "read" }));
    const gone = await sdkError(() =>
      client().send(new GetRolePolicyCommand({ RoleName: "inline-role", PolicyName: "read" })),
    );
    expect(gone).toMatchObject({
      name: "NoSuchEntityException",
      status: 404,
      message: "The role policy with name read cannot be found.",
    });
    const again = await sdkError(() =>
      client().send(new DeleteRolePolicyCommand({ RoleName: "inline-role", PolicyName: "read" })),
    );
    expect(again).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });

  it("refuses malformed inline policies and policies on missing roles", async () => {
    await create("strict-role");
    const bad = await sdkError(() =>
      client().send(
        new PutRolePolicyCommand({ RoleName: "strict-role", PolicyName: "p", PolicyDocument: "[" }),
      ),
    );
    expect(bad).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    const principal = await sdkError(() =>
      client().send(
        new PutRolePolicyCommand({ RoleName: "strict-role", PolicyName: "p", PolicyDocument: trust }),
      ),
    );
    expect(principal).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    const noRole = await sdkError(() =>
      client().send(
        new PutRolePolicyCommand({ RoleName: "nobody", PolicyName: "p", PolicyDocument: permissions }),
      ),
    );
    expect(noRole).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });

  it("attaches, lists and detaches managed policies", async () => {
    await create("managed-role");
    const lambdaBasic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    const own = "arn:aws:iam::210987654321:policy/acme/AcmeRead";
    for (const PolicyArn of [lambdaBasic, own, lambdaBasic]) {
      await client().send(new AttachRolePolicyCommand({ RoleName: "managed-role", PolicyArn }));
    }
    const listed = await client().send(new ListAttachedRolePoliciesCommand({ RoleName: "managed-role" }));
    expect(listed.AttachedPolicies).toEqual([
      { PolicyName: "AcmeRead", PolicyArn: own },
      { PolicyName: "AWSLambdaBasicExecutionRole", PolicyArn: lambdaBasic },
    ]);
    expect(listed.IsTruncated).toBe(false);
    const filtered = await client().send(
      new ListAttachedRolePoliciesCommand({ RoleName: "managed-role", PathPrefix: "/service-role/" }),
    );
    expect(filtered.AttachedPolicies).toEqual([
      { PolicyName: "AWSLambdaBasicExecutionRole", PolicyArn: lambdaBasic },
    ]);

    await client().send(new DetachRolePolicyCommand({ RoleName: "managed-role", PolicyArn: own }));
    const notAttached = await sdkError(() =>
      client().send(new DetachRolePolicyCommand({ RoleName: "managed-role", PolicyArn: own })),
    );
    expect(notAttached).toMatchObject({
      name: "NoSuchEntityException",
      status: 404,
      message: `Policy ${own} was not found.`,
    });
    const invalid = await sdkError(() =>
      client().send(new AttachRolePolicyCommand({ RoleName: "managed-role", PolicyArn: "not-an-arn" })),
    );
    expect(invalid).toMatchObject({ name: "InvalidInputException", status: 400 });
    const foreign = await sdkError(() =>
      client().send(
        new AttachRolePolicyCommand({
          RoleName: "managed-role",
          PolicyArn: "arn:aws:iam::999999999999:policy/Theirs",
        }),
      ),
    );
    expect(foreign).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });

  it("refuses to delete a role while policies remain (DeleteConflict, 409)", async () => {
    await create("busy-role");
    await client().send(
      new PutRolePolicyCommand({ RoleName: "busy-role", PolicyName: "inline", PolicyDocument: permissions }),
    );
    await client().send(
      new AttachRolePolicyCommand({
        RoleName: "busy-role",
        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );
    const inline = await sdkError(() => client().send(new DeleteRoleCommand({ RoleName: "busy-role" })));
    expect(inline).toMatchObject({
      name: "DeleteConflictException",
      status: 409,
      message: "Cannot delete entity, must delete policies first.",
    });
    await client().send(new DeleteRolePolicyCommand({ RoleName: "busy-role", PolicyName: "inline" }));
    const attached = await sdkError(() => client().send(new DeleteRoleCommand({ RoleName: "busy-role" })));
    expect(attached).toMatchObject({
      name: "DeleteConflictException",
      status: 409,
      message: "Cannot delete entity, must detach all policies first.",
    });
    await client().send(
      new DetachRolePolicyCommand({
        RoleName: "busy-role",
        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );
    await client().send(new DeleteRoleCommand({ RoleName: "busy-role" }));
    const gone = await sdkError(() => client().send(new DeleteRoleCommand({ RoleName: "busy-role" })));
    expect(gone).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });
});

describe("role tags", () => {
  it("tags, lists and untags (keys are case-insensitive)", async () => {
    await create("tag-role", { Tags: [{ Key: "Env", Value: "dev" }] });
    await client().send(
      new TagRoleCommand({
        RoleName: "tag-role",
        Tags: [
          { Key: "team", Value: "core" },
          { Key: "env", Value: "prod" },
        ],
      }),
    );
    const listed = await client().send(new ListRoleTagsCommand({ RoleName: "tag-role" }));
    expect(listed.Tags).toEqual([
      { Key: "team", Value: "core" },
      { Key: "env", Value: "prod" },
    ]);
    expect(listed.IsTruncated).toBe(false);
    await client().send(new UntagRoleCommand({ RoleName: "tag-role", TagKeys: ["TEAM"] }));
    const after = await client().send(new ListRoleTagsCommand({ RoleName: "tag-role" }));
    expect(after.Tags).toEqual([{ Key: "env", Value: "prod" }]);

    const dup = await sdkError(() =>
      client().send(
        new TagRoleCommand({
          RoleName: "tag-role",
          Tags: [
            { Key: "a", Value: "1" },
            { Key: "A", Value: "2" },
          ],
        }),
      ),
    );
    expect(dup).toMatchObject({ name: "InvalidInputException", status: 400 });
    const missing = await sdkError(() =>
      client().send(new TagRoleCommand({ RoleName: "ghost", Tags: [{ Key: "a", Value: "1" }] })),
    );
    expect(missing).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });

  it("pages tags and caps them at 50 (LimitExceeded, 409)", async () => {
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    await create("many-tags", { Tags: tags });
    const first = await client().send(new ListRoleTagsCommand({ RoleName: "many-tags", MaxItems: 30 }));
    expect(first.Tags).toHaveLength(30);
    expect(first.IsTruncated).toBe(true);
    const second = await client().send(
      new ListRoleTagsCommand({ RoleName: "many-tags", MaxItems: 30, Marker: first.Marker }),
    );
    expect(second.Tags!.map((t) => t.Key)).toEqual(tags.slice(30).map((t) => t.Key));
    // The SDK retries LimitExceeded as a throttling error, so one attempt keeps the test quick.
    const once = new IAMClient(sandbox.config("us-east-1", { maxAttempts: 1 }));
    const over = await sdkError(() =>
      once.send(new TagRoleCommand({ RoleName: "many-tags", Tags: [{ Key: "one-more", Value: "x" }] })),
    );
    expect(over).toMatchObject({ name: "LimitExceededException", status: 409 });
  });
});

describe("IAM throttling", () => {
  it("throttles with Throttling (400, Rate exceeded)", async () => {
    const admin = `${sandbox.server().url}/_sandbox/faults`;
    await fetch(admin, {
      method: "PUT",
      body: JSON.stringify({ rules: [{ service: "iam", operation: "ListRoles", throttleRate: 1 }] }),
    });
    try {
      const e = await sdkError(() =>
        new IAMClient(sandbox.config("us-east-1", { maxAttempts: 1 })).send(new ListRolesCommand({})),
      );
      expect(e).toMatchObject({ name: "Throttling", status: 400, message: "Rate exceeded" });
    } finally {
      await fetch(admin, { method: "PUT", body: JSON.stringify({ rules: [] }) });
    }
  });

  it("reports no IAM roles to the tagging API (GetResources does not support them)", () => {
    expect(
      sandbox
        .server()
        .taggedResources("us-east-1")
        .filter((r) => r.arn.startsWith("arn:aws:iam:")),
    ).toEqual([]);
  });
});
