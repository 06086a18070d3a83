/**
 * Amazon Cognito user pools and their domains (awsJson 1.1, `X-Amz-Target:
 * AWSCognitoIdentityProviderService.<Operation>`, signing name `cognito-idp`): create, describe, list
 * (paged, MaxResults 1–60) and delete pools; create, describe and delete a pool's domain; tags.
 *
 * What AWS does and the sandbox follows (API reference, and the texts users and emulators quote):
 * - A pool id is `<region>_<9 letters and digits>`, its ARN `arn:aws:cognito-idp:<region>:<account>:userpool/<id>`.
 * - Unknown pool: `ResourceNotFoundException` "User pool <id> does not exist.".
 * - A domain (a prefix, unique per region across every account, or a custom domain with a
 *   certificate) belongs to one pool; a taken one fails with `InvalidParameterException` "Domain
 *   already associated with another user pool." (aws-samples/dcv-web-portal#16,
 *   aws-samples/aws-cdk-examples#402), a second on the same pool with "User pool already has a domain
 *   configured." (aws/aws-cdk#10062).
 * - DescribeUserPoolDomain on an unknown domain answers `{"DomainDescription": {}}`, not an error
 *   (terraform-provider-aws `findUserPoolDomain`); a new domain is `CREATING` for a while, then
 *   `ACTIVE` (here: for the sandbox's deploy delay).
 * - DeleteUserPoolDomain of a domain the pool does not hold: `InvalidParameterException` "No such
 *   domain or user pool exists."; DeleteUserPool of a pool that still has a domain:
 *   `InvalidParameterException` "User pool cannot be deleted. It has a domain configured that should
 *   be deleted first.", and with deletion protection on "The user pool cannot be deleted because
 *   deletion protection is activated. Deletion protection must be inactivated first.".
 * Users, clients, identity providers and the rest of the pool's settings are not served.
 */
import { randomBytes } from "node:crypto";
import { constraintError, epochSeconds, jsonService } from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";

interface Pool {
  id: string;
  name: string;
  arn: string;
  createdAt: string;
  changedAt: string;
  deletionProtection: "ACTIVE" | "INACTIVE";
  tags: Record<string, string>;
  /** The prefix domain, if any. */
  domain?: string;
  /** The custom domain, if any. */
  customDomain?: string;
}

interface Domain {
  domain: string;
  poolId: string;
  region: string;
  account: string;
  createdAt: string;
  certificateArn?: string;
  cloudFront: string;
}

interface State {
  pools: Record<string, Pool>;
  /** Domains by name; a prefix is unique per region, so the key is `<region>|<domain>`. */
  domains: Record<string, Domain>;
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** API_ListUserPools, MaxResults: 1 to 60. */
const MAX_PAGE = 60;
/** API_CreateUserPoolDomain, Domain: 1–63, `^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$` for a prefix. */
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A custom domain is a fully qualified name. */
const CUSTOM = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function invalid(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}

function poolId(region: string): string {
  let out = "";
  for (const b of randomBytes(9)) out += ID_CHARS[b % ID_CHARS.length];
  return `${region}_${out}`;
}

function required(input: Record<string, unknown>, name: string): string {
  const v = input[name];
  if (typeof v !== "string" || v === "") {
    throw constraintError(
      "InvalidParameterException",
      name.charAt(0).toLowerCase() + name.slice(1),
      undefined,
      "Member must not be null",
    );
  }
  return v;
}

function poolShape(p: Pool) {
  return {
    Id: p.id,
    Name: p.name,
    Arn: p.arn,
    CreationDate: epochSeconds(p.createdAt),
    LastModifiedDate: epochSeconds(p.changedAt),
    DeletionProtection: p.deletionProtection,
    EstimatedNumberOfUsers: 0,
    UserPoolTags: { ...p.tags },
    ...(p.domain === undefined ? {} : { Domain: p.domain }),
    ...(p.customDomain === undefined ? {} : { CustomDomain: p.customDomain }),
  };
}

function domainShape(d: Domain, ctx: ServiceContext) {
  const ready = ctx.now().getTime() - Date.parse(d.createdAt) >= ctx.deployDelayMs;
  return {
    UserPoolId: d.poolId,
    AWSAccountId: d.account,
    Domain: d.domain,
    CloudFrontDistribution: d.cloudFront,
    Version: "1",
    Status: ready ? "ACTIVE" : "CREATING",
    ...(d.certificateArn === undefined ? {} : { CustomDomainConfig: { CertificateArn: d.certificateArn } }),
  };
}

export const cognito = jsonService<State>({
  signingNames: ["cognito-idp"],
  targetPrefix: "AWSCognitoIdentityProviderService",
  version: "1.1",
  throttle: { code: "TooManyRequestsException", status: 400, message: "Rate exceeded" },
  initial: () => ({ pools: {}, domains: {} }),
  tagged: (state, region) =>
    Object.values(state.pools)
      .filter((p) => p.id.startsWith(`${region}_`) && Object.keys(p.tags).length > 0)
      .map((p) => ({ arn: p.arn, resourceType: "cognito-idp:userpool", tags: p.tags })),
  operations: (svc) => {
    const pool = (id: string, ctx: ServiceContext): Pool => {
      const p = own(svc.state.pools, id);
      if (p === undefined || !id.startsWith(`${ctx.region}_`)) {
        throw new AwsError("ResourceNotFoundException", `User pool ${id} does not exist.`);
      }
      return p;
    };
    const byArn = (input: Record<string, unknown>, ctx: ServiceContext): Pool => {
      const arn = required(input, "ResourceArn");
      const m = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/(.+)$/.exec(arn);
      if (m === null) throw invalid(`Invalid ARN: ${arn}`);
      return pool(m[1]!, ctx);
    };
    const domainKey = (region: string, domain: string) => `${region}|${domain}`;

    return {
      CreateUserPool(input, ctx) {
        const name = required(input, "PoolName");
        if (name.length > 128) {
          throw constraintError(
            "InvalidParameterException",
            "poolName",
            name,
            "Member must have length less than or equal to 128",
          );
        }
        const id = poolId(ctx.region);
        const now = ctx.now().toISOString();
        const p: Pool = {
          id,
          name,
          arn: `arn:aws:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/${id}`,
          createdAt: now,
          changedAt: now,
          deletionProtection: input.DeletionProtection === "ACTIVE" ? "ACTIVE" : "INACTIVE",
          tags: {},
        };
        const tags = input.UserPoolTags;
        if (tags !== undefined && tags !== null && typeof tags === "object") {
          for (const [k, v] of Object.entries(tags)) if (typeof v === "string") put(p.tags, k, v);
        }
        put(svc.state.pools, id, p);
        return { UserPool: poolShape(p) };
      },

      DescribeUserPool(input, ctx) {
        return { UserPool: poolShape(pool(required(input, "UserPoolId"), ctx)) };
      },

      ListUserPools(input, ctx) {
        const max = input.MaxResults;
        if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > MAX_PAGE) {
          throw constraintError(
            "InvalidParameterException",
            "maxResults",
            max,
            max === undefined || max === null
              ? "Member must not be null"
              : `Member must have value ${typeof max === "number" && max < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_PAGE}`}`,
          );
        }
        const all = Object.values(svc.state.pools)
          .filter((p) => p.id.startsWith(`${ctx.region}_`))
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const token = typeof input.NextToken === "string" ? input.NextToken : undefined;
        let start = 0;
        if (token !== undefined && token !== "") {
          const after = Buffer.from(token, "base64url").toString("utf8");
          if (!after.startsWith(`${ctx.region}_`)) throw invalid("Invalid pagination token.");
          start = all.findIndex((p) => p.id > after);
          if (start < 0) start = all.length;
        }
        const page = all.slice(start, start + max);
        const UserPools = page.map((p) => ({
          Id: p.id,
          Name: p.name,
          CreationDate: epochSeconds(p.createdAt),
          LastModifiedDate: epochSeconds(p.changedAt),
        }));
        return start + max < all.length
          ? { UserPools, NextToken: Buffer.from(page[page.length - 1]!.id).toString("base64url") }
          : { UserPools };
      },

      DeleteUserPool(input, ctx) {
        const p = pool(required(input, "UserPoolId"), ctx);
        if (p.deletionProtection === "ACTIVE") {
          throw invalid(
            "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
          );
        }
        if (p.domain !== undefined || p.customDomain !== undefined) {
          throw invalid(
            "User pool cannot be deleted. It has a domain configured that should be deleted first.",
          );
        }
        delete svc.state.pools[p.id];
        return {};
      },

      CreateUserPoolDomain(input, ctx) {
        const name = required(input, "Domain");
        const p = pool(required(input, "UserPoolId"), ctx);
        const config = input.CustomDomainConfig as { CertificateArn?: unknown } | null | undefined;
        const custom = config !== undefined && config !== null;
        if (custom && (typeof config.CertificateArn !== "string" || config.CertificateArn === "")) {
          throw constraintError(
            "InvalidParameterException",
            "customDomainConfig.certificateArn",
            undefined,
            "Member must not be null",
          );
        }
        if (!(custom ? CUSTOM : PREFIX).test(name)) {
          throw constraintError(
            "InvalidParameterException",
            "domain",
            name,
            "Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
          );
        }
        // Prefix domains are unique in the region across accounts; custom ones anywhere.
        const key = domainKey(custom ? "*" : ctx.region, name);
        if (own(svc.state.domains, key) !== undefined) {
          throw invalid("Domain already associated with another user pool.");
        }
        if ((custom ? p.customDomain : p.domain) !== undefined) {
          throw invalid("User pool already has a domain configured.");
        }
        const cloudFront = `d${randomBytes(7).toString("hex").slice(0, 13)}.cloudfront.net`;
        const d: Domain = {
          domain: name,
          poolId: p.id,
          region: ctx.region,
          account: ctx.accountId,
          createdAt: ctx.now().toISOString(),
          cloudFront,
        };
        if (custom) d.certificateArn = config.CertificateArn as string;
        put(svc.state.domains, key, d);
        if (custom) p.customDomain = name;
        else p.domain = name;
        p.changedAt = d.createdAt;
        return custom ? { CloudFrontDomain: cloudFront } : {};
      },

      DescribeUserPoolDomain(input, ctx) {
        const name = required(input, "Domain");
        const d =
          own(svc.state.domains, domainKey(ctx.region, name)) ?? own(svc.state.domains, domainKey("*", name));
        // Custom domains are account-wide; one set up from another region is not this region's.
        if (d === undefined || d.region !== ctx.region) return { DomainDescription: {} };
        return { DomainDescription: domainShape(d, ctx) };
      },

      DeleteUserPoolDomain(input, ctx) {
        const name = required(input, "Domain");
        const id = required(input, "UserPoolId");
        const p = own(svc.state.pools, id);
        const key = [domainKey(ctx.region, name), domainKey("*", name)].find(
          (k) => own(svc.state.domains, k)?.poolId === id,
        );
        if (p === undefined || key === undefined || svc.state.domains[key]!.region !== ctx.region) {
          throw invalid("No such domain or user pool exists.");
        }
        delete svc.state.domains[key];
        if (p.domain === name) delete p.domain;
        if (p.customDomain === name) delete p.customDomain;
        p.changedAt = ctx.now().toISOString();
        return {};
      },

      TagResource(input, ctx) {
        const p = byArn(input, ctx);
        const tags = input.Tags;
        if (tags !== null && typeof tags === "object") {
          for (const [k, v] of Object.entries(tags)) if (typeof v === "string") put(p.tags, k, v);
        }
        return {};
      },

      UntagResource(input, ctx) {
        const p = byArn(input, ctx);
        const keys = Array.isArray(input.TagKeys) ? input.TagKeys : [];
        for (const k of keys) if (typeof k === "string") delete p.tags[k];
        return {};
      },

      ListTagsForResource(input, ctx) {
        return { Tags: { ...byArn(input, ctx).tags } };
      },
    };
  },
});
