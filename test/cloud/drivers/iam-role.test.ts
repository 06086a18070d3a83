import { gated } from "../../helpers.js";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type ListRolesCommandInput,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { iamRoleDriver } from "../../../src/cloud/drivers/iam.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { sdkError, useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "210987654321";
const sandbox = useSandbox({ accountId: ACCOUNT });

const made: AwsClients[] = [];
/** stateward's clients, pointed at the local cloud the way a user's environment would. */
function awsClients(): AwsClients {
  const clients = new AwsClients(
    { region: "us-east-1" },
    {
      AWS_ENDPOINT_URL: sandbox.server().url,
      AWS_ACCESS_KEY_ID: "AKIATEST",
      AWS_SECRET_ACCESS_KEY: "x",
    },
  );
  made.push(clients);
  return clients;
}

type Sent = { command: string; input: Record<string, unknown> }[];

/**
 * Clients that record the IAM calls the handler sends (into `seen`) and, given `pageSize`, make every
 * list call ask for that many items a page, so paging shows with a few roles instead of a thousand.
 */
function recording(seen: Sent, pageSize?: number): AwsClients {
  const clients = awsClients();
  clients.iam().middlewareStack.add(
    (next, context) => (args) => {
      const input = args.input as Record<string, unknown>;
      seen.push({ command: context.commandName ?? "", input: { ...input } });
      if (pageSize !== undefined && context.commandName?.startsWith("List") === true)
        input.MaxItems = pageSize;
      return next(args);
    },
    { step: "initialize", name: "recordForTest" },
  );
  return clients;
}

let iam: IAMClient;
beforeAll(() => {
  iam = new IAMClient(sandbox.config("us-east-1"));
});
afterAll(() => {
  iam.destroy();
  for (const c of made) c.destroy();
});

const lambdaTrust = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
/** What the handler should report for `lambdaTrust`: keys sorted, no whitespace. */
const lambdaTrustNormalized =
  '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}';
const permissions = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }],
});

async function createRole(
  name: string,
  extra: Partial<ConstructorParameters<typeof CreateRoleCommand>[0]> = {},
): Promise<void> {
  await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify(lambdaTrust),
      ...extra,
    }),
  );
}

/** A role entry as Pulumi stores it, from the SST builder. */
function roleEntry(app: string): ResourceV3 {
  return new SstStateBuilder({ app, stage: "dev", account: ACCOUNT }).addFunction("Api")
    .role as unknown as ResourceV3;
}

describe("iam-role read", () => {
  it("reads a role with its tags (all pages) and its trust policy, decoded and normalized", async () => {
    // Whitespace and key order as a person might write them; IAM keeps them and percent-encodes.
    const trust = `{
      "Statement": [ { "Principal": { "Service": "lambda.amazonaws.com" }, "Effect": "Allow",
                       "Action": "sts:AssumeRole" } ],
      "Version": "2012-10-17"
    }`;
    const tags = Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}`, Value: `v ${i}+%` }));
    await createRole("read-role", { Path: "/service-role/", AssumeRolePolicyDocument: trust, Tags: tags });

    const seen: Sent = [];
    const ctx = cloudContext(recording(seen, 2));
    const got = await iamRoleDriver.read(ctx, { name: "read-role", id: "read-role", region: "eu-west-1" });
    expect(got).toEqual({
      kind: "iam-role",
      type: "aws:iam/role:Role",
      name: "read-role",
      id: "read-role",
      region: "us-east-1",
      arn: `arn:aws:iam::${ACCOUNT}:role/service-role/read-role`,
      tags: { k0: "v 0+%", k1: "v 1+%", k2: "v 2+%", k3: "v 3+%", k4: "v 4+%" },
      foundBy: "read",
      detail: { assumeRolePolicy: lambdaTrustNormalized },
    });
    // Five tags two a page: three ListRoleTags calls, following the marker.
    expect(seen.filter((s) => s.command === "ListRoleTagsCommand")).toHaveLength(3);
  });

  it("keeps a trust policy that is not JSON as its decoded text", async () => {
    // The local cloud refuses such a document, so the answer is rewritten on its way to the handler.
    const clients = awsClients();
    clients.iam().middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === "GetRoleCommand") {
          (out.output as { Role: { AssumeRolePolicyDocument: string } }).Role.AssumeRolePolicyDocument =
            encodeURIComponent("not json 100%");
        }
        return out;
      },
      { step: "initialize", name: "rewriteForTest" },
    );
    await createRole("read-odd-role");
    const got = await iamRoleDriver.read(cloudContext(clients), {
      name: "read-odd-role",
      id: "read-odd-role",
      region: "us-east-1",
    });
    expect(got?.detail).toEqual({ assumeRolePolicy: "not json 100%" });
  });

  it("answers undefined for a role that does not exist", async () => {
    const ctx = cloudContext(awsClients());
    expect(await iamRoleDriver.read(ctx, { name: "read-ghost", id: "read-ghost", region: "us-east-1" })).toBe(
      undefined,
    );
  });
});

describe("iam-role listByName", () => {
  it("keeps only the roles whose names pass the filter, in one ListRoles walk", async () => {
    for (const name of [
      "acme-dev-ApiRole-x",
      "acme-dev-WebRole-y",
      "acme-prod-ApiRole-z",
      "other-dev-Role",
      "acme-WebRewrite",
      "acme-WebRewrite-2",
    ]) {
      await createRole(name, name === "acme-dev-WebRole-y" ? { Path: "/sst/" } : {});
    }
    const seen: Sent = [];
    const ctx = cloudContext(recording(seen));
    const found = await iamRoleDriver.listByName!(ctx, "eu-west-1", {
      prefixes: ["acme-dev-"],
      names: new Set(["acme-WebRewrite"]),
    });
    expect(found.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {
        kind: "iam-role",
        type: "aws:iam/role:Role",
        name: "acme-dev-ApiRole-x",
        id: "acme-dev-ApiRole-x",
        region: "us-east-1",
        arn: `arn:aws:iam::${ACCOUNT}:role/acme-dev-ApiRole-x`,
        tags: {},
        foundBy: "name",
      },
      {
        kind: "iam-role",
        type: "aws:iam/role:Role",
        name: "acme-dev-WebRole-y",
        id: "acme-dev-WebRole-y",
        region: "us-east-1",
        arn: `arn:aws:iam::${ACCOUNT}:role/sst/acme-dev-WebRole-y`,
        tags: {},
        foundBy: "name",
      },
      {
        kind: "iam-role",
        type: "aws:iam/role:Role",
        name: "acme-WebRewrite",
        id: "acme-WebRewrite",
        region: "us-east-1",
        arn: `arn:aws:iam::${ACCOUNT}:role/acme-WebRewrite`,
        tags: {},
        foundBy: "name",
      },
    ]);
    // One page of up to 1000 roles, and no call per role.
    expect(seen).toEqual([{ command: "ListRolesCommand", input: { MaxItems: 1000 } }]);
    expect(ctx.counts.byService).toEqual({ iam: 1 });
  });

  it("follows the marker through every page", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `paging-${String(i).padStart(2, "0")}`);
    for (const name of names) await createRole(name);
    const seen: Sent = [];
    const ctx = cloudContext(recording(seen, 7));
    const found = await iamRoleDriver.listByName!(ctx, "us-east-1", {
      prefixes: ["paging-"],
      names: new Set(),
    });
    expect(found.map((r) => r.name).sort()).toEqual(names);

    let total = 0;
    let Marker: string | undefined;
    do {
      const page = await iam.send(new ListRolesCommand({ Marker } satisfies ListRolesCommandInput));
      total += page.Roles?.length ?? 0;
      Marker = page.IsTruncated === true ? page.Marker : undefined;
    } while (Marker !== undefined);
    expect(seen).toHaveLength(Math.ceil(total / 7));
    expect(seen.slice(1).every((s) => typeof s.input.Marker === "string")).toBe(true);
  });
});

describe("iam-role identify and fromArn", () => {
  it("names a role entry from the SST builder, always in us-east-1", () => {
    const role = roleEntry("acme");
    const outputs = role.outputs as { name: string; arn: string };
    expect(outputs.name).toMatch(/^acme-dev-ApiRole-/);
    expect(iamRoleDriver.identify(role, "eu-west-1")).toEqual({
      name: outputs.name,
      id: role.id,
      region: "us-east-1",
      arn: outputs.arn,
    });
    expect(role.id).toBe(outputs.name);
    expect(outputs.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/${outputs.name}`);
  });

  it("names a role still being created from its inputs, and nothing without a name or id", () => {
    const role = roleEntry("acme");
    const pending: ResourceV3 = { urn: role.urn, custom: true, type: role.type, inputs: role.inputs! };
    const name = (role.inputs as { name: string }).name;
    expect(iamRoleDriver.identify(pending, "us-west-2")).toEqual({ name, id: name, region: "us-east-1" });
    expect(iamRoleDriver.identify({ urn: role.urn, custom: true, type: role.type }, "us-east-1")).toBe(
      undefined,
    );
  });

  it("reads role ARNs with and without a path, and nothing else", () => {
    expect(iamRoleDriver.fromArn(`arn:aws:iam::${ACCOUNT}:role/acme-dev-ApiRole`)).toEqual({
      name: "acme-dev-ApiRole",
      id: "acme-dev-ApiRole",
      region: "us-east-1",
      arn: `arn:aws:iam::${ACCOUNT}:role/acme-dev-ApiRole`,
    });
    expect(iamRoleDriver.fromArn(`arn:aws:iam::${ACCOUNT}:role/service-role/sst/acme-dev-WebRole`)).toEqual({
      name: "acme-dev-WebRole",
      id: "acme-dev-WebRole",
      region: "us-east-1",
      arn: `arn:aws:iam::${ACCOUNT}:role/service-role/sst/acme-dev-WebRole`,
    });
    for (const arn of [
      `arn:aws:iam::${ACCOUNT}:policy/acme-dev-ApiRole`,
      `arn:aws:iam::${ACCOUNT}:user/role`,
      `arn:aws:iam::${ACCOUNT}:instance-profile/role/x`,
      `arn:aws:iam::${ACCOUNT}:role/`,
      `arn:aws:sts::${ACCOUNT}:assumed-role/acme-dev-ApiRole/session`,
      `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/role/x`,
      "role/acme-dev-ApiRole",
    ]) {
      expect(iamRoleDriver.fromArn(arn), arn).toBe(undefined);
    }
  });
});

describe("iam-role drift", () => {
  it("finds none when the trust policies differ only in key order and whitespace", async () => {
    const role = roleEntry("drifty");
    const name = (role.outputs as { name: string }).name;
    // The same document, spelled differently from the builder's sorted, compact string.
    await createRole(name, { AssumeRolePolicyDocument: JSON.stringify(lambdaTrust, null, 4) });
    const ctx = cloudContext(awsClients());
    const cloud = (await iamRoleDriver.read(ctx, iamRoleDriver.identify(role, "us-east-1")!))!;
    expect(cloud.detail).toEqual({ assumeRolePolicy: lambdaTrustNormalized });
    expect(iamRoleDriver.drift(role, cloud)).toEqual([]);
  });

  it("reports the trust policy when its principal changed in the cloud", async () => {
    const role = roleEntry("drifted");
    const name = (role.outputs as { name: string }).name;
    await createRole(name);
    const ecsTrust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: ecsTrust }));
    const ctx = cloudContext(awsClients());
    const cloud = (await iamRoleDriver.read(ctx, iamRoleDriver.identify(role, "us-east-1")!))!;
    expect(iamRoleDriver.drift(role, cloud)).toEqual([
      {
        property: "assumeRolePolicy",
        state: lambdaTrustNormalized,
        cloud: lambdaTrustNormalized.replace("lambda.amazonaws.com", "ecs.amazonaws.com"),
      },
    ]);
  });

  it("cannot compare a secret or a missing trust policy, so reports nothing", async () => {
    const role = roleEntry("secretive");
    const name = (role.outputs as { name: string }).name;
    await createRole(name, {
      AssumeRolePolicyDocument: JSON.stringify({ ...lambdaTrust, Version: "2008-10-17" }),
    });
    const cloud = (await iamRoleDriver.read(
      cloudContext(awsClients()),
      iamRoleDriver.identify(role, "us-east-1")!,
    ))!;
    expect(iamRoleDriver.drift(role, cloud)).toHaveLength(1);
    const secret = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "v1:abc",
    };
    const hidden: ResourceV3 = {
      ...role,
      inputs: { ...role.inputs, assumeRolePolicy: secret },
      outputs: { ...role.outputs, assumeRolePolicy: secret },
    };
    expect(iamRoleDriver.drift(hidden, cloud)).toEqual([]);
    const without: ResourceV3 = { ...role, inputs: { name }, outputs: { name } };
    expect(iamRoleDriver.drift(without, cloud)).toEqual([]);
  });
});

describe("iam-role delete", () => {
  const basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  const own = `arn:aws:iam::${ACCOUNT}:policy/acme/AcmeRead`;

  async function busyRole(name: string, attached: string[], inline: string[]): Promise<void> {
    await createRole(name);
    for (const PolicyArn of attached)
      await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn }));
    for (const PolicyName of inline) {
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName, PolicyDocument: permissions }));
    }
  }

  it("detaches managed policies, deletes inline ones, then the role; again is already gone", async () => {
    await busyRole("del-role", [basic, readOnly], ["inline-read"]);
    const ctx = cloudContext(awsClients());
    const identity = { name: "del-role", id: "del-role", region: "us-east-1" };
    expect(await gated(iamRoleDriver).delete(ctx, identity)).toEqual({
      deleted: true,
      steps: [
        `detached ${readOnly}`,
        `detached ${basic}`,
        "deleted inline policy inline-read",
        "deleted role del-role",
      ],
    });
    const gone = await sdkError(() => iam.send(new GetRoleCommand({ RoleName: "del-role" })));
    expect(gone.name).toBe("NoSuchEntityException");
    expect(await iamRoleDriver.read(ctx, identity)).toBe(undefined);

    expect(await gated(iamRoleDriver).delete(ctx, identity)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("lists every page of policies before removing them", async () => {
    await busyRole("del-paged-role", [basic, readOnly, own], ["a", "b", "c"]);
    const seen: Sent = [];
    const ctx = cloudContext(recording(seen, 1));
    const result = await gated(iamRoleDriver).delete(ctx, {
      name: "del-paged-role",
      id: "del-paged-role",
      region: "us-east-1",
    });
    expect(result).toEqual({
      deleted: true,
      steps: [
        `detached ${own}`,
        `detached ${readOnly}`,
        `detached ${basic}`,
        "deleted inline policy a",
        "deleted inline policy b",
        "deleted inline policy c",
        "deleted role del-paged-role",
      ],
    });
    expect(seen.map((s) => s.command)).toEqual([
      ...Array<string>(3).fill("ListAttachedRolePoliciesCommand"),
      ...Array<string>(3).fill("DetachRolePolicyCommand"),
      ...Array<string>(3).fill("ListRolePoliciesCommand"),
      ...Array<string>(3).fill("DeleteRolePolicyCommand"),
      "DeleteRoleCommand",
    ]);
    const gone = await sdkError(() => iam.send(new GetRoleCommand({ RoleName: "del-paged-role" })));
    expect(gone.name).toBe("NoSuchEntityException");
  });

  it("is needed: DeleteRole alone refuses a role with an attached policy (DeleteConflict)", async () => {
    await busyRole("del-conflict-role", [basic], []);
    const refused = await sdkError(() => iam.send(new DeleteRoleCommand({ RoleName: "del-conflict-role" })));
    expect(refused).toMatchObject({ name: "DeleteConflictException", status: 409 });
    const ctx = cloudContext(awsClients());
    expect(
      await gated(iamRoleDriver).delete(ctx, {
        name: "del-conflict-role",
        id: "del-conflict-role",
        region: "us-east-1",
      }),
    ).toEqual({ deleted: true, steps: [`detached ${basic}`, "deleted role del-conflict-role"] });
  });

  it("passes on failures other than NoSuchEntity", async () => {
    await createRole("del-denied-role");
    const clients = awsClients();
    clients.iam().middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === "DeleteRoleCommand") {
          throw Object.assign(
            new Error("Cannot delete entity, must remove roles from instance profile first."),
            {
              name: "DeleteConflictException",
              $metadata: { httpStatusCode: 409 },
            },
          );
        }
        return next(args);
      },
      { step: "initialize", name: "failForTest" },
    );
    await expect(
      gated(iamRoleDriver).delete(cloudContext(clients), {
        name: "del-denied-role",
        id: "del-denied-role",
        region: "us-east-1",
      }),
    ).rejects.toThrow(/DeleteRole del-denied-role failed: DeleteConflictException/);
  });
});
