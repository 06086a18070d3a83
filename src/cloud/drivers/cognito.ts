/**
 * Amazon Cognito user pools, the driver for user pool domains (src/kinds/cognito-user-pool-domain.ts).
 *
 * Reading: DescribeUserPoolDomain by domain — an unknown domain is answered with an empty
 * `DomainDescription`, not an error (terraform-provider-aws `findUserPoolDomain` treats a description
 * without `Status` as not found; so does this driver); then DescribeUserPool of its pool, for the
 * pool's tags (a domain has none of its own: the pool's stage tag is what says whose it is).
 *
 * Listing: domains have no listing of their own. Each domain a state names is read; then the stage's
 * user pools are walked — ListUserPools (MaxResults 60, the largest page) kept by the stage's name
 * prefix, and one DescribeUserPool per kept pool for its `Domain` and `CustomDomain` — so the calls
 * grow with list pages and with the stage's own pools, not with the account's.
 *
 * Deleting: DeleteUserPoolDomain needs the pool id, which the read gives; "No such domain or user
 * pool exists." means it is gone already. The pool itself is never deleted here.
 */
import {
  CognitoIdentityProviderClient,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolsCommand,
  type DomainDescriptionType,
  type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { cognitoUserPoolDomain as kind } from "../../kinds/cognito-user-pool-domain.js";
import type { CloudResource, Identity, NameFilter } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  awsCode,
  callUnlessMissing,
  found,
  gatedDelete,
  type Adopter,
  type CloudContext,
  type KindDriver,
} from "./types.js";
import { t } from "../../i18n/index.js";

const SERVICE = "cognito-idp";
const ENDPOINT = "COGNITO_IDENTITY_PROVIDER";
const NO_POOL = ["ResourceNotFoundException"];
/** API_ListUserPools, MaxResults: 1 to 60. */
const PAGE = 60;
/** The hosted zone of every CloudFront distribution (what pulumi-aws records as the zone id). */
const CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

const client = (ctx: CloudContext, region: string) =>
  ctx.clients.client(CognitoIdentityProviderClient, ENDPOINT, region);

/** A found domain, with the stage tag of its pool (how the scan tells whose an untagged domain is). */
type FoundDomain = CloudResource & { stageTag?: string };

/** The domain's description; undefined when Cognito answers the empty one (no such domain). */
async function describeDomain(
  ctx: CloudContext,
  region: string,
  domain: string,
): Promise<DomainDescriptionType | undefined> {
  const got = await ctx.call(SERVICE, `DescribeUserPoolDomain ${domain}`, (signal) =>
    client(ctx, region).send(new DescribeUserPoolDomainCommand({ Domain: domain }), { abortSignal: signal }),
  );
  const d = got.DomainDescription;
  return d?.Status === undefined || d.UserPoolId === undefined ? undefined : d;
}

async function describePool(
  ctx: CloudContext,
  region: string,
  id: string,
): Promise<UserPoolType | undefined> {
  const got = await callUnlessMissing(ctx, NO_POOL, SERVICE, `DescribeUserPool ${id}`, (signal) =>
    client(ctx, region).send(new DescribeUserPoolCommand({ UserPoolId: id }), { abortSignal: signal }),
  );
  return got?.UserPool;
}

function toResource(
  domain: string,
  region: string,
  detail: { userPoolId: string; certificateArn: string; status?: string },
  pool: UserPoolType | undefined,
  foundBy: CloudResource["foundBy"],
): FoundDomain {
  const tags = { ...(pool?.UserPoolTags ?? {}) };
  const r: FoundDomain = found(kind, { name: domain, region, tags, foundBy, detail: { ...detail } });
  if (tags["sst:stage"] !== undefined) r.stageTag = tags["sst:stage"];
  return r;
}

/** Every user pool of the region whose name starts with one of `prefixes` (ListUserPools, paged). */
async function stagePools(ctx: CloudContext, region: string, prefixes: string[]): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call(
      SERVICE,
      t("cloud.call.in-region", { call: "ListUserPools", region }),
      (signal) =>
        client(ctx, region).send(new ListUserPoolsCommand({ MaxResults: PAGE, NextToken: token }), {
          abortSignal: signal,
        }),
    );
    for (const p of page.UserPools ?? []) {
      const name = (p.Name ?? "").toLowerCase();
      if (p.Id !== undefined && prefixes.some((x) => name.startsWith(x.toLowerCase()))) ids.push(p.Id);
    }
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return ids;
}

async function listByName(ctx: CloudContext, region: string, filter: NameFilter): Promise<CloudResource[]> {
  const out = new Map<string, FoundDomain>();
  for (const name of filter.names) {
    const d = await describeDomain(ctx, region, name);
    if (d === undefined) continue;
    const pool = await describePool(ctx, region, d.UserPoolId!);
    const detail = { userPoolId: d.UserPoolId!, certificateArn: d.CustomDomainConfig?.CertificateArn ?? "" };
    out.set(name, toResource(name, region, detail, pool, "name"));
  }
  if (filter.prefixes.length === 0) return [...out.values()];
  for (const id of await stagePools(ctx, region, filter.prefixes)) {
    const pool = await describePool(ctx, region, id);
    for (const domain of [pool?.Domain, pool?.CustomDomain]) {
      if (domain === undefined || domain === "" || out.has(domain)) continue;
      // The certificate is not in the pool's description; a read of the domain gives it.
      out.set(domain, toResource(domain, region, { userPoolId: id, certificateArn: "" }, pool, "name"));
    }
  }
  return [...out.values()];
}

export const cognitoUserPoolDomainDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const d = await describeDomain(ctx, identity.region, identity.name);
    if (d === undefined) return undefined;
    const pool = await describePool(ctx, identity.region, d.UserPoolId!);
    const detail = {
      userPoolId: d.UserPoolId!,
      certificateArn: d.CustomDomainConfig?.CertificateArn ?? "",
      status: d.Status!,
    };
    return toResource(identity.name, identity.region, detail, pool, "read");
  },

  listByName,

  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const d = await describeDomain(ctx, identity.region, identity.name);
    if (d === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    try {
      await ctx.call(SERVICE, `DeleteUserPoolDomain ${identity.name}`, (signal) =>
        client(ctx, identity.region).send(
          new DeleteUserPoolDomainCommand({ Domain: identity.name, UserPoolId: d.UserPoolId }),
          { abortSignal: signal },
        ),
      );
    } catch (e) {
      // terraform-provider-aws reads this answer as "already gone" too.
      const said = (e as { cause?: { message?: unknown } }).cause?.message;
      if (awsCode(e) === "InvalidParameterException" && /No such domain/.test(String(said ?? e))) {
        return { deleted: true, steps: [t("cloud.step.already-gone")] };
      }
      throw e;
    }
    const step = t("cloud.cognito.deleted-domain", { name: identity.name, pool: d.UserPoolId ?? "" });
    const after = await describeDomain(ctx, identity.region, identity.name);
    if (after === undefined) return { deleted: true, steps: [step] };
    return {
      deleted: false,
      pending: t("cloud.cognito.removing", { name: identity.name, status: after.Status ?? "" }),
      steps: [step],
    };
  }),

  adopt: (ctx, identity) => cognitoUserPoolDomainAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [cognitoUserPoolDomainDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a user pool domain (`aws:cognito/userPoolDomain:UserPoolDomain`): what pulumi-aws records
 * after a read, from DescribeUserPoolDomain — field by field as terraform-provider-aws's
 * `resourceUserPoolDomainRead` sets them (internal/service/cognitoidp/user_pool_domain.go):
 * `awsAccountId`, `certificateArn` ("" for a prefix domain), `cloudfrontDistribution` and
 * `cloudfrontDistributionArn` (both the distribution's domain name, as the provider sets them),
 * `cloudfrontDistributionZoneId` (CloudFront's hosted zone), `domain` (the id), `s3Bucket`,
 * `userPoolId`, `version`. No `__meta`: the resource has no timeouts block. There is no
 * pulumi-aws export of this type in ../shared/fixtures/pulumi-aws/. Newer providers (Terraform 5.80+,
 * pulumi-aws 6.6x+) also record `managedLoginVersion`; it is not written here — the next refresh
 * fills it in. Inputs are what the program must have said (`domain`, `userPoolId`, and the
 * certificate for a custom domain), with an empty `__defaults`.
 */
export const cognitoUserPoolDomainAdopter: Adopter = {
  kind: kind.kind,

  async read(ctx, identity: Identity) {
    const d = await describeDomain(ctx, identity.region, identity.name);
    if (d === undefined) return undefined;
    const certificateArn = d.CustomDomainConfig?.CertificateArn ?? "";
    const inputs: PropertyMap = {
      __defaults: [],
      ...(certificateArn === "" ? {} : { certificateArn }),
      domain: identity.name,
      userPoolId: d.UserPoolId!,
    };
    const outputs: PropertyMap = {
      awsAccountId: d.AWSAccountId ?? "",
      certificateArn,
      cloudfrontDistribution: d.CloudFrontDistribution ?? "",
      cloudfrontDistributionArn: d.CloudFrontDistribution ?? "",
      cloudfrontDistributionZoneId: CLOUDFRONT_ZONE,
      domain: identity.name,
      id: identity.name,
      s3Bucket: d.S3Bucket ?? "",
      userPoolId: d.UserPoolId!,
      version: d.Version ?? "",
    };
    return { id: identity.name, inputs, outputs };
  },
};
