/**
 * CloudFront KeyValueStores (src/kinds/cloudfront-key-value-store.ts), served from the cloudfront
 * driver module (`drivers` of ./cloudfront.ts). The store itself is on the CloudFront API (its keys
 * are on the separate `cloudfront-keyvaluestore` API, which stateward does not need). CloudFront is
 * global: every call goes to the one client signed for us-east-1. DescribeKeyValueStore by name;
 * ListKeyValueStores (no name filter: every store of the account, page by page, kept by name); the
 * gated DeleteKeyValueStore with the ETag Describe answers (If-Match).
 */
import {
  DeleteKeyValueStoreCommand,
  DescribeKeyValueStoreCommand,
  ListKeyValueStoresCommand,
  type KeyValueStore,
} from "@aws-sdk/client-cloudfront";
import { CLOUDFRONT_REGION as REGION } from "../../kinds/cloudfront-function.js";
import { cloudfrontKeyValueStore } from "../../kinds/cloudfront-key-value-store.js";
import { nameMatches, type CloudResource } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
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
const NO_STORE = ["EntityNotFound"];
/**
 * A function still associates the store: `CannotDeleteEntityWhileInUse` in the SDK's model
 * (@aws-sdk/client-cloudfront, DeleteKeyValueStoreCommand's errors; no `EntityInUse` code exists
 * in CloudFront's model).
 */
const IN_USE = ["CannotDeleteEntityWhileInUse"];

type Store = KeyValueStore & { Name: string; etag?: string };

/** Every KeyValueStore of the account (ListKeyValueStores, paged by marker). */
async function listStores(ctx: CloudContext): Promise<Store[]> {
  const client = ctx.clients.cloudfront();
  const all: Store[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.call(SERVICE, "ListKeyValueStores", (signal) =>
      client.send(new ListKeyValueStoresCommand({ Marker: marker }), { abortSignal: signal }),
    );
    const list = page.KeyValueStoreList;
    for (const k of list?.Items ?? []) if (k.Name !== undefined) all.push({ ...k, Name: k.Name });
    marker = list?.NextMarker || undefined;
  } while (marker !== undefined);
  return all;
}

/** DescribeKeyValueStore: the store and its ETag; undefined when there is no such store. */
export async function describeStore(ctx: CloudContext, name: string): Promise<Store | undefined> {
  const client = ctx.clients.cloudfront();
  const got = await callUnlessMissing(ctx, NO_STORE, SERVICE, `DescribeKeyValueStore ${name}`, (signal) =>
    client.send(new DescribeKeyValueStoreCommand({ Name: name }), { abortSignal: signal }),
  );
  const k = got?.KeyValueStore;
  if (got === undefined || k === undefined) return undefined;
  return { ...k, Name: k.Name ?? name, ...(got.ETag === undefined ? {} : { etag: got.ETag }) };
}

function storeResource(k: Store, foundBy: CloudResource["foundBy"]): CloudResource {
  return found(cloudfrontKeyValueStore, {
    name: k.Name,
    region: REGION,
    arn: k.ARN,
    foundBy,
    detail: { comment: k.Comment ?? "", status: k.Status ?? "" },
  });
}

export const cloudfrontKvsDriver: KindDriver = {
  ...cloudfrontKeyValueStore,

  async read(ctx, identity) {
    const k = await describeStore(ctx, identity.name);
    return k === undefined ? undefined : storeResource(k, "read");
  },

  async listByName(ctx, _region, filter) {
    return (await listStores(ctx))
      .filter((k) => nameMatches(filter, k.Name))
      .map((k) => storeResource(k, "name"));
  },

  /**
   * DeleteKeyValueStore needs the ETag Describe answers (If-Match). While a CloudFront function
   * still associates the store, CloudFront refuses (CannotDeleteEntityWhileInUse): reported as
   * pending — the function (after its distribution) goes first, and a later cleanup deletes the
   * store. The name is free once the call returns.
   */
  delete: gatedDelete(cloudfrontKeyValueStore.kind, async (ctx, identity) => {
    const current = await describeStore(ctx, identity.name);
    if (current === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const client = ctx.clients.cloudfront();
    try {
      const done = await callUnlessMissing(
        ctx,
        NO_STORE,
        SERVICE,
        `DeleteKeyValueStore ${current.Name}`,
        (signal) =>
          client.send(new DeleteKeyValueStoreCommand({ Name: current.Name, IfMatch: current.etag }), {
            abortSignal: signal,
          }),
      );
      return deletedOrGone(done, t("cloud.what.cf-kvs", { name: current.Name ?? "" }));
    } catch (e) {
      if (!IN_USE.includes(awsCode(e) ?? "")) throw e;
      return {
        deleted: false,
        pending: t("cloud.cf-kvs.in-use"),
        steps: [],
      };
    }
  }),

  adopt: (ctx, identity) => cloudfrontKvsAdopter.read(ctx, identity),
};

/* Adopting ------------------------------------------------------------------------------------------ */

/** RFC 3339 the way the provider's `timetypes.RFC3339` prints a whole-second time (no milliseconds). */
function rfc3339(d: Date | undefined): string {
  return d === undefined ? "" : d.toISOString().replace(/\.000Z$/, "Z");
}

/**
 * Adopting a KeyValueStore (`aws:cloudfront/keyValueStore:KeyValueStore`): the entry pulumi-aws
 * writes, from DescribeKeyValueStore. No pulumi-aws export of the type is in
 * ../shared/fixtures/pulumi-aws/; the fields come from pulumi-aws's generated SDK
 * (sdk/python/pulumi_aws/cloudfront/key_value_store.py, read with the search tools): inputs
 * `comment`, `name` (and `timeouts`, left out: none set); outputs those, `arn`, `etag`,
 * `lastModifiedTime` and `id` — the name (terraform-provider-aws's `setID`, see the kind). A store
 * made without a comment gets none. No `region` (CloudFront is global).
 */
export const cloudfrontKvsAdopter: Adopter = {
  kind: cloudfrontKeyValueStore.kind,

  async read(ctx, identity) {
    const k = await describeStore(ctx, identity.name);
    if (k === undefined) return undefined;
    const comment: PropertyMap = k.Comment === undefined || k.Comment === "" ? {} : { comment: k.Comment };
    const inputs: PropertyMap = { __defaults: [], ...comment, name: k.Name };
    const outputs: PropertyMap = {
      arn: k.ARN ?? "",
      ...comment,
      etag: k.etag ?? "",
      id: k.Name,
      lastModifiedTime: rfc3339(k.LastModifiedTime),
      name: k.Name,
    };
    return { id: k.Name, inputs, outputs };
  },
};

export const drivers: readonly KindDriver[] = [cloudfrontKvsDriver];
