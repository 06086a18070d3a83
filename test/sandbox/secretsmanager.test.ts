import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListSecrets,
} from "@aws-sdk/client-secrets-manager";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

let clock = new Date("2025-04-01T12:00:00.000Z");
const sandbox = useSandbox({ accountId: "210987654321", now: () => clock });
const client = (region = "us-east-1") => new SecretsManagerClient(sandbox.config(region));

describe("Secrets Manager secrets (awsJson 1.1)", () => {
  it("creates a secret with AWS's ARN suffix, describes it and returns its value", async () => {
    const out = await client().send(
      new CreateSecretCommand({ Name: "acme/dev/db", SecretString: "hunter2", Description: "db password" }),
    );
    expect(out.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:210987654321:secret:acme\/dev\/db-[A-Za-z0-9]{6}$/,
    );
    expect(out.Name).toBe("acme/dev/db");
    expect(out.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    const d = await client().send(new DescribeSecretCommand({ SecretId: "acme/dev/db" }));
    expect(d).toMatchObject({ ARN: out.ARN, Name: "acme/dev/db", Description: "db password" });
    expect(d.CreatedDate).toEqual(clock);
    expect(d.VersionIdsToStages).toEqual({ [out.VersionId!]: ["AWSCURRENT"] });
    expect(d).not.toHaveProperty("SecretString");
    // By full ARN and by the ARN without its suffix.
    const byArn = await client().send(new GetSecretValueCommand({ SecretId: out.ARN }));
    expect(byArn.SecretString).toBe("hunter2");
    const partial = out.ARN!.slice(0, -7);
    const byPartial = await client().send(new GetSecretValueCommand({ SecretId: partial }));
    expect(byPartial.VersionStages).toEqual(["AWSCURRENT"]);
  });

  it("refuses an existing name with ResourceExistsException and AWS's text", async () => {
    await client().send(new CreateSecretCommand({ Name: "myAwesomeName", SecretString: "a" }));
    const e = await sdkError(() =>
      client().send(new CreateSecretCommand({ Name: "myAwesomeName", SecretString: "a" })),
    );
    expect(e).toEqual({
      name: "ResourceExistsException",
      status: 400,
      message: "The operation failed because the secret myAwesomeName already exists.",
    });
    expect(fixture("secretsmanager-secret-exists.log")).toContain(`${e.name}: ${e.message}`);
  });

  it("schedules deletion, refuses the name meanwhile, restores, and force-deletes", async () => {
    const { ARN } = await client().send(new CreateSecretCommand({ Name: "doomed", SecretString: "x" }));
    const del = await client().send(new DeleteSecretCommand({ SecretId: "doomed", RecoveryWindowInDays: 7 }));
    expect(del.DeletionDate).toEqual(new Date(clock.getTime() + 7 * 24 * 3600 * 1000));
    const e = await sdkError(() => client().send(new CreateSecretCommand({ Name: "doomed" })));
    expect(e).toEqual({
      name: "InvalidRequestException",
      status: 400,
      message:
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
    });
    expect(fixture("secretsmanager-secret-scheduled-for-deletion.log")).toContain(`${e.name}: ${e.message}`);
    // Still described (with DeletedDate), not listed unless asked, its value not readable.
    const d = await client().send(new DescribeSecretCommand({ SecretId: ARN }));
    expect(d.DeletedDate).toEqual(clock);
    const listed = await client().send(
      new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["doomed"] }] }),
    );
    expect(listed.SecretList).toEqual([]);
    const planned = await client().send(
      new ListSecretsCommand({
        IncludePlannedDeletion: true,
        Filters: [{ Key: "name", Values: ["doomed"] }],
      }),
    );
    expect(planned.SecretList?.map((s) => s.Name)).toEqual(["doomed"]);
    const v = await sdkError(() => client().send(new GetSecretValueCommand({ SecretId: "doomed" })));
    expect(v).toEqual({
      name: "InvalidRequestException",
      status: 400,
      message: "You can't perform this operation on the secret because it was marked for deletion.",
    });
    await client().send(new RestoreSecretCommand({ SecretId: "doomed" }));
    expect((await client().send(new GetSecretValueCommand({ SecretId: "doomed" }))).SecretString).toBe("x");

    await client().send(new DeleteSecretCommand({ SecretId: "doomed" }));
    await client().send(new DeleteSecretCommand({ SecretId: "doomed", ForceDeleteWithoutRecovery: true }));
    const gone = await sdkError(() => client().send(new DescribeSecretCommand({ SecretId: "doomed" })));
    expect(gone).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
      message: "Secrets Manager can't find the specified secret.",
    });
    const recreated = await client().send(new CreateSecretCommand({ Name: "doomed" }));
    expect(recreated.ARN).not.toBe(ARN);
  });

  it("forgets a secret once its recovery window has passed", async () => {
    await client().send(new CreateSecretCommand({ Name: "window" }));
    await client().send(new DeleteSecretCommand({ SecretId: "window" }));
    const before = clock;
    clock = new Date(before.getTime() + 31 * 24 * 3600 * 1000);
    try {
      const e = await sdkError(() => client().send(new DescribeSecretCommand({ SecretId: "window" })));
      expect(e.name).toBe("ResourceNotFoundException");
      await client().send(new CreateSecretCommand({ Name: "window" }));
    } finally {
      clock = before;
    }
  });

  it("validates DeleteSecret's options", async () => {
    await client().send(new CreateSecretCommand({ Name: "opts" }));
    const both = await sdkError(() =>
      client().send(
        new DeleteSecretCommand({
          SecretId: "opts",
          RecoveryWindowInDays: 7,
          ForceDeleteWithoutRecovery: true,
        }),
      ),
    );
    expect(both.name).toBe("InvalidParameterException");
    const short = await sdkError(() =>
      client().send(new DeleteSecretCommand({ SecretId: "opts", RecoveryWindowInDays: 3 })),
    );
    expect(short.name).toBe("InvalidParameterException");
  });

  it("lists with a name filter (prefix, case-sensitive, negation) and pages", async () => {
    const region = "eu-west-1";
    for (let i = 0; i < 5; i++) {
      clock = new Date(clock.getTime() + 1000);
      await client(region).send(new CreateSecretCommand({ Name: `app/s${i}` }));
    }
    await client(region).send(new CreateSecretCommand({ Name: "other" }));
    const byName = await client(region).send(
      new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["app/"] }] }),
    );
    expect(byName.SecretList?.map((s) => s.Name)).toEqual(["app/s0", "app/s1", "app/s2", "app/s3", "app/s4"]);
    const upper = await client(region).send(
      new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["APP/"] }] }),
    );
    expect(upper.SecretList).toEqual([]);
    const negated = await client(region).send(
      new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["!app/"] }] }),
    );
    expect(negated.SecretList?.map((s) => s.Name)).toEqual(["other"]);
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListSecrets(
      { client: client(region), pageSize: 2 },
      { Filters: [{ Key: "name", Values: ["app/"] }] },
    )) {
      pages++;
      names.push(...(page.SecretList ?? []).map((s) => s.Name!));
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["app/s0", "app/s1", "app/s2", "app/s3", "app/s4"]);
  });

  it("tags secrets and reports them to the tagging API", async () => {
    const { ARN } = await client().send(
      new CreateSecretCommand({ Name: "tagged", Tags: [{ Key: "sst:app", Value: "acme" }] }),
    );
    await client().send(
      new TagResourceCommand({ SecretId: ARN, Tags: [{ Key: "sst:stage", Value: "dev" }] }),
    );
    await client().send(new UntagResourceCommand({ SecretId: "tagged", TagKeys: ["sst:app"] }));
    const d = await client().send(new DescribeSecretCommand({ SecretId: "tagged" }));
    expect(d.Tags).toEqual([{ Key: "sst:stage", Value: "dev" }]);
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config("us-east-1"));
    const found = await tagging.send(
      new GetResourcesCommand({
        TagFilters: [{ Key: "sst:stage", Values: ["dev"] }],
        ResourceTypeFilters: ["secretsmanager"],
      }),
    );
    expect(found.ResourceTagMappingList?.map((r) => r.ResourceARN)).toEqual([ARN]);
  });
});
