/**
 * CloudFront cache policies (src/kinds/cloudfront-cache-policy.ts), served from the cloudfront driver
 * module (`drivers` of ./cloudfront.ts). CloudFront is global: every call goes to the one client
 * signed for us-east-1. GetCachePolicy by id; ListCachePolicies with `Type=custom` (AWS's managed
 * policies are nobody's to clean up; no name filter: every custom policy of the account, page by
 * page, kept by name); the gated DeleteCachePolicy with the ETag Get answers (If-Match). An identity
 * without a policy id (a pending create, named by its input) is found by listing for its name.
 */
import {
  DeleteCachePolicyCommand,
  GetCachePolicyCommand,
  ListCachePoliciesCommand,
  type CachePolicy,
} from "@aws-sdk/client-cloudfront";
import { CLOUDFRONT_REGION as REGION } from "../../kinds/cloudfront-function.js";
import { CACHE_POLICY_ID, cloudfrontCachePolicy } from "../../kinds/cloudfront-cache-policy.js";
import { nameMatches, type CloudResource, type Identity } from "../../kinds/types.js";
import type { JsonValue, PropertyMap } from "../../state/index.js";
import {
  awsCode,
  callUnlessMissing,
  deletedOrGone,
  found,
  gatedDelete,
  type Adopter,
  type CloudContext,
  type KindDriver,
} from "./types.js";
import { t } from "../../i18n/index.js";

const SERVICE = "cloudfront";
const NO_POLICY = ["NoSuchCachePolicy"];

/** One policy as CloudFront describes it, and (from Get) its ETag. */
interface Policy {
  policy: CachePolicy & { Id: string };
  etag?: string;
}

const nameOf = (p: CachePolicy): string => p.CachePolicyConfig?.Name ?? "";

/** Every custom cache policy of the account (ListCachePolicies, Type=custom, paged by marker). */
async function listPolicies(ctx: CloudContext): Promise<Policy[]> {
  const client = ctx.clients.cloudfront();
  const all: Policy[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.call(SERVICE, "ListCachePolicies", (signal) =>
      client.send(new ListCachePoliciesCommand({ Type: "custom", Marker: marker }), {
        abortSignal: signal,
      }),
    );
    const list = page.CachePolicyList;
    for (const s of list?.Items ?? []) {
      const p = s.CachePolicy;
      if (p?.Id !== undefined) all.push({ policy: { ...p, Id: p.Id } });
    }
    // ListCachePolicies has no IsTruncated: a NextMarker means there is another page.
    marker = list?.NextMarker || undefined;
  } while (marker !== undefined);
  return all;
}

/** GetCachePolicy: config and ETag; undefined when there is no such policy. */
async function getPolicy(ctx: CloudContext, id: string): Promise<Policy | undefined> {
  const client = ctx.clients.cloudfront();
  const got = await callUnlessMissing(ctx, NO_POLICY, SERVICE, `GetCachePolicy ${id}`, (signal) =>
    client.send(new GetCachePolicyCommand({ Id: id }), { abortSignal: signal }),
  );
  const p = got?.CachePolicy;
  if (got === undefined || p === undefined) return undefined;
  return { policy: { ...p, Id: p.Id ?? id }, ...(got.ETag === undefined ? {} : { etag: got.ETag }) };
}

/**
 * The policy an identity names: by its id when it has one (Get), else by listing for its name. An
 * id whose policy now has another name is still that policy (names are updatable in place).
 */
export async function findCachePolicy(ctx: CloudContext, identity: Identity): Promise<Policy | undefined> {
  const id = [identity.id, identity.name].find((x) => CACHE_POLICY_ID.test(x));
  if (id !== undefined) return getPolicy(ctx, id);
  const listed = (await listPolicies(ctx)).find((p) => nameOf(p.policy) === identity.name);
  return listed === undefined ? undefined : getPolicy(ctx, listed.policy.Id);
}

function policyResource({ policy }: Policy, foundBy: CloudResource["foundBy"]): CloudResource {
  const c = policy.CachePolicyConfig;
  return found(cloudfrontCachePolicy, {
    name: nameOf(policy),
    id: policy.Id,
    region: REGION,
    foundBy,
    detail: {
      comment: c?.Comment ?? "",
      defaultTtl: c?.DefaultTTL ?? null,
      maxTtl: c?.MaxTTL ?? null,
      minTtl: c?.MinTTL ?? null,
    },
  });
}

export const cloudfrontCachePolicyDriver: KindDriver = {
  ...cloudfrontCachePolicy,

  async read(ctx, identity) {
    const p = await findCachePolicy(ctx, identity);
    return p === undefined ? undefined : policyResource(p, "read");
  },

  async listByName(ctx, _region, filter) {
    return (await listPolicies(ctx))
      .filter((p) => nameMatches(filter, nameOf(p.policy)))
      .map((p) => policyResource(p, "name"));
  },

  /**
   * DeleteCachePolicy needs the ETag Get answers (If-Match). While a distribution's cache behavior
   * still names the policy, CloudFront refuses with `CachePolicyInUse`: reported as pending (the
   * distribution goes first — it is slow to go — and a later cleanup deletes the policy). Nothing
   * to wait for afterwards: the name and the quota slot are free once the call returns.
   */
  delete: gatedDelete(cloudfrontCachePolicy.kind, async (ctx, identity) => {
    const current = await findCachePolicy(ctx, identity);
    if (current === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const { Id } = current.policy;
    const client = ctx.clients.cloudfront();
    try {
      const done = await callUnlessMissing(ctx, NO_POLICY, SERVICE, `DeleteCachePolicy ${Id}`, (signal) =>
        client.send(new DeleteCachePolicyCommand({ Id, IfMatch: current.etag }), { abortSignal: signal }),
      );
      return deletedOrGone(
        done,
        t("cloud.what.cf-cache-policy", { name: nameOf(current.policy), id: Id ?? "" }),
      );
    } catch (e) {
      if (awsCode(e) !== "CachePolicyInUse") throw e;
      return {
        deleted: false,
        pending: t("cloud.cf-cache-policy.in-use"),
        steps: [],
      };
    }
  }),

  adopt: (ctx, identity) => cloudfrontCachePolicyAdopter.read(ctx, identity),
};

/* Adopting ------------------------------------------------------------------------------------------ */

/** `{ items }` only when there are items, as the provider flattens CookieNames/Headers/QueryStringNames. */
function named(items: string[] | undefined): { items: JsonValue } | undefined {
  return items !== undefined && items.length > 0 ? { items: [...items].sort() } : undefined;
}

/** The provider's `parametersInCacheKeyAndForwardedToOrigin` from CloudFront's config. */
function parameters(p: CachePolicy): PropertyMap {
  const k = p.CachePolicyConfig?.ParametersInCacheKeyAndForwardedToOrigin;
  const block = (behaviorKey: string, behavior: string | undefined, listKey: string, list: unknown) => ({
    [behaviorKey]: behavior ?? "",
    ...(list === undefined ? {} : { [listKey]: list as JsonValue }),
  });
  return {
    cookiesConfig: block(
      "cookieBehavior",
      k?.CookiesConfig?.CookieBehavior,
      "cookies",
      named(k?.CookiesConfig?.Cookies?.Items),
    ),
    enableAcceptEncodingBrotli: k?.EnableAcceptEncodingBrotli ?? false,
    enableAcceptEncodingGzip: k?.EnableAcceptEncodingGzip ?? false,
    headersConfig: block(
      "headerBehavior",
      k?.HeadersConfig?.HeaderBehavior,
      "headers",
      named(k?.HeadersConfig?.Headers?.Items),
    ),
    queryStringsConfig: block(
      "queryStringBehavior",
      k?.QueryStringsConfig?.QueryStringBehavior,
      "queryStrings",
      named(k?.QueryStringsConfig?.QueryStrings?.Items),
    ),
  };
}

/**
 * Adopting a cache policy (`aws:cloudfront/cachePolicy:CachePolicy`): the entry pulumi-aws writes,
 * from GetCachePolicy. No pulumi-aws export of the type is in ../shared/fixtures/pulumi-aws/; the
 * fields come from pulumi-aws's generated SDK (sdk/python/pulumi_aws/cloudfront/cache_policy.py,
 * read with the search tools): inputs `comment`, `defaultTtl`, `maxTtl`, `minTtl`, `name`,
 * `parametersInCacheKeyAndForwardedToOrigin`; outputs those, `etag` and `id` (the policy id). The
 * nested blocks follow terraform-provider-aws's flatten (internal/service/cloudfront/
 * cache_policy.go): `cookies`/`headers`/`queryStrings` `{ items }` only when the policy lists some.
 * By version: that SDK (pulumi-aws 6, SST 3's) has no `arn`; later releases may add one (not
 * checked). No `region` (CloudFront is global), no `__meta` (no timeouts).
 */
export const cloudfrontCachePolicyAdopter: Adopter = {
  kind: cloudfrontCachePolicy.kind,

  async read(ctx, identity) {
    const p = await findCachePolicy(ctx, identity);
    if (p === undefined) return undefined;
    const c = p.policy.CachePolicyConfig;
    const settings: PropertyMap = {
      comment: c?.Comment ?? "",
      defaultTtl: c?.DefaultTTL ?? 0,
      maxTtl: c?.MaxTTL ?? 0,
      minTtl: c?.MinTTL ?? 0,
      name: nameOf(p.policy),
      parametersInCacheKeyAndForwardedToOrigin: parameters(p.policy),
    };
    const inputs: PropertyMap = { __defaults: [], ...settings };
    const outputs: PropertyMap = Object.fromEntries(
      Object.entries({ ...settings, etag: p.etag ?? "", id: p.policy.Id }).sort(([x], [y]) =>
        x < y ? -1 : 1,
      ),
    );
    return { id: p.policy.Id, inputs, outputs };
  },
};

export const drivers: readonly KindDriver[] = [cloudfrontCachePolicyDriver];
