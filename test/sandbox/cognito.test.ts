/**
 * Cognito user pools and domains in the local cloud, driven by the real SDK client: pools created,
 * described, listed over pages (MaxResults ≤ 60) and deleted; a domain taken by another pool refused
 * with the real text; an unknown domain described as an empty description; delete order (domain
 * before pool); tags and the tagging API.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
  TagResourceCommand,
  paginateListUserPools,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "210987654321" });
const client = (region = "us-east-1") => new CognitoIdentityProviderClient(sandbox.config(region));

async function pool(name: string, region = "us-east-1", tags?: Record<string, string>) {
  const out = await client(region).send(
    new CreateUserPoolCommand({ PoolName: name, ...(tags && { UserPoolTags: tags }) }),
  );
  return out.UserPool!;
}

describe("Cognito user pools (awsJson 1.1)", () => {
  it("creates a pool with a region-prefixed id and its ARN, and describes it", async () => {
    const p = await pool("acme-dev-AuthUserPool-abcdefgh", "eu-west-1");
    expect(p.Id).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(p.Arn).toBe(`arn:aws:cognito-idp:eu-west-1:210987654321:userpool/${p.Id}`);
    const d = await client("eu-west-1").send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    expect(d.UserPool).toMatchObject({ Id: p.Id, Name: "acme-dev-AuthUserPool-abcdefgh" });
    expect(d.UserPool!.Domain).toBeUndefined();
    // Another region does not know it.
    const e = await sdkError(() =>
      client("us-west-2").send(new DescribeUserPoolCommand({ UserPoolId: p.Id })),
    );
    expect(e).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
      message: `User pool ${p.Id} does not exist.`,
    });
  });

  it("lists pools over pages of at most 60, and refuses a bigger page", async () => {
    const region = "ap-south-1";
    for (let i = 0; i < 7; i++) await pool(`paged-${i}`, region);
    const first = await client(region).send(new ListUserPoolsCommand({ MaxResults: 3 }));
    expect(first.UserPools).toHaveLength(3);
    expect(first.NextToken).toBeDefined();
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListUserPools(
      { client: client(region), pageSize: 3 },
      { MaxResults: 3 },
    )) {
      pages++;
      names.push(...(page.UserPools ?? []).map((p) => p.Name!));
    }
    expect(pages).toBe(3);
    expect(names.sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `paged-${i}`));
    const e = await sdkError(() => client(region).send(new ListUserPoolsCommand({ MaxResults: 61 })));
    expect(e.name).toBe("InvalidParameterException");
    expect(e.message).toMatch(/maxResults.*less than or equal to 60/);
  });

  it("gives a domain to one pool only, with the text users hit", async () => {
    const a = await pool("a-pool");
    const b = await pool("b-pool");
    const made = await client().send(
      new CreateUserPoolDomainCommand({ Domain: "dcv-portal-dev-auth", UserPoolId: a.Id }),
    );
    expect(made.CloudFrontDomain).toBeUndefined();
    const d = await client().send(new DescribeUserPoolCommand({ UserPoolId: a.Id }));
    expect(d.UserPool!.Domain).toBe("dcv-portal-dev-auth");
    const taken = await sdkError(() =>
      client().send(new CreateUserPoolDomainCommand({ Domain: "dcv-portal-dev-auth", UserPoolId: b.Id })),
    );
    expect(taken).toEqual({
      name: "InvalidParameterException",
      status: 400,
      message: "Domain already associated with another user pool.",
    });
    expect(fixture("cognito-user-pool-domain.log")).toContain(`${taken.name}: ${taken.message}`);
    const second = await sdkError(() =>
      client().send(new CreateUserPoolDomainCommand({ Domain: "another-prefix", UserPoolId: a.Id })),
    );
    expect(second.message).toBe("User pool already has a domain configured.");
    // A prefix is per region: the same prefix is free elsewhere.
    const west = await pool("west-pool", "us-west-2");
    await client("us-west-2").send(
      new CreateUserPoolDomainCommand({ Domain: "dcv-portal-dev-auth", UserPoolId: west.Id }),
    );
  });

  it("describes a domain, and an unknown one as an empty description (no error)", async () => {
    const p = await pool("described");
    await client().send(new CreateUserPoolDomainCommand({ Domain: "acme-login", UserPoolId: p.Id }));
    const got = await client().send(new DescribeUserPoolDomainCommand({ Domain: "acme-login" }));
    expect(got.DomainDescription).toMatchObject({
      Domain: "acme-login",
      UserPoolId: p.Id,
      AWSAccountId: "210987654321",
      Status: "ACTIVE",
    });
    const none = await client().send(new DescribeUserPoolDomainCommand({ Domain: "nobody-has-this" }));
    expect(none.DomainDescription).toEqual({});
  });

  it("custom domains need a certificate and answer with their CloudFront domain", async () => {
    const p = await pool("custom");
    const e = await sdkError(() =>
      client().send(
        new CreateUserPoolDomainCommand({
          Domain: "auth.example.com",
          UserPoolId: p.Id,
          CustomDomainConfig: {} as never,
        }),
      ),
    );
    expect(e.name).toBe("InvalidParameterException");
    const made = await client().send(
      new CreateUserPoolDomainCommand({
        Domain: "auth.example.com",
        UserPoolId: p.Id,
        CustomDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:210987654321:certificate/abc" },
      }),
    );
    expect(made.CloudFrontDomain).toMatch(/^d[0-9a-f]+\.cloudfront\.net$/);
    const d = await client().send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    expect(d.UserPool!.CustomDomain).toBe("auth.example.com");
  });

  it("deletes a domain before its pool; a pool with a domain or deletion protection is refused", async () => {
    const p = await pool("doomed");
    await client().send(new CreateUserPoolDomainCommand({ Domain: "doomed-login", UserPoolId: p.Id }));
    const refused = await sdkError(() => client().send(new DeleteUserPoolCommand({ UserPoolId: p.Id })));
    expect(refused).toEqual({
      name: "InvalidParameterException",
      status: 400,
      message: "User pool cannot be deleted. It has a domain configured that should be deleted first.",
    });
    const other = await pool("other");
    const wrongPool = await sdkError(() =>
      client().send(new DeleteUserPoolDomainCommand({ Domain: "doomed-login", UserPoolId: other.Id })),
    );
    expect(wrongPool.message).toBe("No such domain or user pool exists.");
    await client().send(new DeleteUserPoolDomainCommand({ Domain: "doomed-login", UserPoolId: p.Id }));
    expect(
      (await client().send(new DescribeUserPoolDomainCommand({ Domain: "doomed-login" }))).DomainDescription,
    ).toEqual({});
    await client().send(new DeleteUserPoolCommand({ UserPoolId: p.Id }));
    const gone = await sdkError(() => client().send(new DescribeUserPoolCommand({ UserPoolId: p.Id })));
    expect(gone.name).toBe("ResourceNotFoundException");

    const guarded = (
      await client().send(new CreateUserPoolCommand({ PoolName: "guarded", DeletionProtection: "ACTIVE" }))
    ).UserPool!;
    const e = await sdkError(() => client().send(new DeleteUserPoolCommand({ UserPoolId: guarded.Id })));
    expect(e.message).toMatch(/deletion protection is activated/);
  });

  it("tags pools and reports them to the tagging API as cognito-idp:userpool", async () => {
    const region = "ca-central-1";
    const p = await pool("tagged", region, { "sst:app": "acme" });
    await client(region).send(new TagResourceCommand({ ResourceArn: p.Arn, Tags: { "sst:stage": "dev" } }));
    const tags = await client(region).send(new ListTagsForResourceCommand({ ResourceArn: p.Arn }));
    expect(tags.Tags).toEqual({ "sst:app": "acme", "sst:stage": "dev" });
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config(region));
    const got = await tagging.send(
      new GetResourcesCommand({ ResourceTypeFilters: ["cognito-idp:userpool"] }),
    );
    expect(got.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([p.Arn]);
  });
});
