/**
 * SES configuration sets (src/kinds/ses-configuration-set.ts), served from the sesv2 driver module
 * (`drivers` of ./sesv2.ts): GetConfigurationSet (its options and tags in one call),
 * ListConfigurationSets (no name filter: every set of the region, page by page, kept by name), and the
 * gated DeleteConfigurationSet — which deletes the set's event destinations with it, counted first
 * (GetConfigurationSetEventDestinations) so the step says what went.
 */
import {
  DeleteConfigurationSetCommand,
  GetConfigurationSetCommand,
  type GetConfigurationSetCommandOutput,
  GetConfigurationSetEventDestinationsCommand,
  ListConfigurationSetsCommand,
} from "@aws-sdk/client-sesv2";
import { sesConfigurationSet as kind } from "../../kinds/ses-configuration-set.js";
import type { Identity } from "../../kinds/types.js";
import type { JsonValue, PropertyMap } from "../../state/index.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
  namesFromPages,
  tagMap,
} from "./types.js";
import { t } from "../../i18n/index.js";

const SERVICE = "sesv2";
const MISSING = ["NotFoundException"];

/** GetConfigurationSet; undefined when the region has no set of that name. */
function getSet(ctx: CloudContext, identity: Identity) {
  const client = ctx.clients.sesv2(identity.region);
  return callUnlessMissing(ctx, MISSING, SERVICE, `GetConfigurationSet ${identity.name}`, (signal) =>
    client.send(new GetConfigurationSetCommand({ ConfigurationSetName: identity.name }), {
      abortSignal: signal,
    }),
  );
}

/** The set's ARN, which no SESv2 answer carries: from the caller's account (STS, cached). */
async function setArn(ctx: CloudContext, identity: Identity): Promise<string> {
  if (identity.arn?.endsWith(`:configuration-set/${identity.name}`) === true) return identity.arn;
  const caller = await ctx.clients.callerIdentity(ctx.signal);
  const partition = caller.arn.split(":")[1] || "aws";
  return `arn:${partition}:ses:${identity.region}:${caller.account}:configuration-set/${identity.name}`;
}

export const sesConfigurationSetDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const got = await getSet(ctx, identity);
    if (got === undefined) return undefined;
    return found(kind, {
      name: identity.name,
      region: identity.region,
      arn: await setArn(ctx, identity),
      tags: tagMap(got.Tags),
      foundBy: "read",
      detail: { sendingOptions: { sendingEnabled: got.SendingOptions?.SendingEnabled ?? true } },
    });
  },

  async listByName(ctx, region, filter) {
    if (filter.prefixes.length === 0 && filter.names.size === 0) return [];
    const client = ctx.clients.sesv2(region);
    const names = await namesFromPages(async (token) => {
      const page = await ctx.call(SERVICE, `ListConfigurationSets ${region}`, (signal) =>
        client.send(new ListConfigurationSetsCommand({ NextToken: token, PageSize: 1000 }), {
          abortSignal: signal,
        }),
      );
      return { names: page.ConfigurationSets ?? [], next: page.NextToken };
    }, filter);
    return names.map((name) => found(kind, { name, region, foundBy: "name" }));
  },

  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const client = ctx.clients.sesv2(identity.region);
    const destinations = await callUnlessMissing(
      ctx,
      MISSING,
      SERVICE,
      `GetConfigurationSetEventDestinations ${identity.name}`,
      (signal) =>
        client.send(
          new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: identity.name }),
          {
            abortSignal: signal,
          },
        ),
    );
    if (destinations === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const done = await callUnlessMissing(
      ctx,
      MISSING,
      SERVICE,
      `DeleteConfigurationSet ${identity.name}`,
      (signal) =>
        client.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: identity.name }), {
          abortSignal: signal,
        }),
    );
    if (done === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const n = destinations.EventDestinations?.length ?? 0;
    const what = t("cloud.what.ses-configuration-set", { name: identity.name });
    return {
      deleted: true,
      steps: [
        n > 0
          ? t("cloud.step.deleted-with-destinations", { what, count: n })
          : t("cloud.step.deleted", { what }),
      ],
    };
  }),

  adopt: (ctx, identity) => sesConfigurationSetAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [sesConfigurationSetDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/** RFC 3339 to the second, as the provider formats times (`time.RFC3339`). */
function rfc3339(d: Date | undefined): string {
  return d === undefined ? "" : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The option blocks as pulumi-aws records them: an object per block SES answers, null for one it does not. */
function blocks(got: GetConfigurationSetCommandOutput): Record<string, JsonValue> {
  const d = got.DeliveryOptions;
  const r = got.ReputationOptions;
  const s = got.SendingOptions;
  const x = got.SuppressionOptions;
  const t = got.TrackingOptions;
  return {
    deliveryOptions:
      d === undefined ? null : { sendingPoolName: d.SendingPoolName ?? "", tlsPolicy: d.TlsPolicy ?? "" },
    reputationOptions:
      r === undefined
        ? null
        : {
            lastFreshStart: rfc3339(r.LastFreshStart),
            reputationMetricsEnabled: r.ReputationMetricsEnabled ?? false,
          },
    sendingOptions: s === undefined ? null : { sendingEnabled: s.SendingEnabled ?? false },
    suppressionOptions: x === undefined ? null : { suppressedReasons: [...(x.SuppressedReasons ?? [])] },
    trackingOptions: t === undefined ? null : { customRedirectDomain: t.CustomRedirectDomain ?? "" },
  };
}

/**
 * Adopting a configuration set (`aws:sesv2/configurationSet:ConfigurationSet`): the entry pulumi-aws
 * writes, from GetConfigurationSet. No pulumi-aws export of this type was available: the fields are the
 * Terraform resource's read (hashicorp/terraform-provider-aws internal/service/sesv2/
 * configuration_set.go, `resourceConfigurationSetRead` and its `flatten…` functions) under pulumi-aws's
 * names, its one-element blocks as objects. Id and `configurationSetName` are the name; `arn` built
 * from the account (`configuration-set/<name>`, as the provider builds it). Inputs carry the name,
 * the blocks SES answered and the tags, `__defaults` empty (SST's `Email` sets only the name: the
 * blocks SES fills in are what the next refresh reads anyway). By version: newer providers add
 * `vdmOptions` (and `deliveryOptions.maxDeliverySeconds`), pulumi-aws 7 a `region` output — not written.
 */
export const sesConfigurationSetAdopter: Adopter = {
  kind: kind.kind,

  async read(ctx, identity) {
    const got = await getSet(ctx, identity);
    if (got === undefined) return undefined;
    const name = got.ConfigurationSetName ?? identity.name;
    const tags = tagMap(got.Tags);
    const b = blocks(got);
    const present = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== null));
    const inputs: PropertyMap = {
      __defaults: [],
      configurationSetName: name,
      ...present,
      ...(Object.keys(tags).length === 0 ? {} : { tags: { ...tags } }),
    };
    const outputs: PropertyMap = {
      arn: await setArn(ctx, { ...identity, name }),
      configurationSetName: name,
      ...b,
      id: name,
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    const sort = (m: PropertyMap) =>
      Object.fromEntries(Object.entries(m).sort(([x], [y]) => (x < y ? -1 : 1)));
    return { id: name, inputs: sort(inputs), outputs: sort(outputs) };
  },
};
