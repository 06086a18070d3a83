/**
 * SESv2, the driver for email identities (src/kinds/ses-identity.ts): GetEmailIdentity, tags,
 * ListEmailIdentities by name, DeleteEmailIdentity. It uses only its own API (SES classic: ses.ts).
 */
import {
  DeleteEmailIdentityCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
} from "@aws-sdk/client-sesv2";
import { identityInArn, sesIdentity } from "../../kinds/ses-identity.js";
import { drivers as configurationSetDrivers } from "./ses-configuration-set.js";
import { type Identity, splitArn } from "../../kinds/types.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  deletedOrGone,
  found,
  gatedDelete,
  namesFromPages,
  tagMap,
} from "./types.js";
import type { PropertyMap } from "../../state/index.js";

const MISSING = ["NotFoundException"];

/** The ARN of an SESv2 identity: the one already known when it names the same identity, else built. */
async function v2Arn(ctx: CloudContext, identity: Identity): Promise<string | undefined> {
  const known = identityInArn(identity.arn);
  if (known?.name === identity.name && known.region === identity.region) return identity.arn;
  // GetEmailIdentity does not answer the ARN; the account comes from STS (asked once, cached).
  const { account } = await ctx.clients.callerIdentity(ctx.signal);
  return account === "unknown"
    ? undefined
    : // i18n-exempt: an ARN
      `arn:aws:ses:${identity.region}:${account}:identity/${identity.name}`;
}

/** GetEmailIdentity; undefined when there is no such identity. */
function getIdentity(ctx: CloudContext, identity: Identity) {
  const client = ctx.clients.sesv2(identity.region);
  return callUnlessMissing(ctx, MISSING, "sesv2", `GetEmailIdentity ${identity.name}`, (signal) =>
    client.send(new GetEmailIdentityCommand({ EmailIdentity: identity.name }), { abortSignal: signal }),
  );
}

export const sesIdentityDriver: KindDriver = {
  ...sesIdentity,

  async read(ctx, identity) {
    const got = await getIdentity(ctx, identity);
    if (got === undefined) return undefined;
    return found(sesIdentity, {
      name: identity.name,
      region: identity.region,
      arn: await v2Arn(ctx, identity),
      tags: tagMap(got.Tags),
      foundBy: "read",
      detail: {
        identityType: got.IdentityType ?? null,
        verifiedForSendingStatus: got.VerifiedForSendingStatus ?? false,
      },
    });
  },

  async listByName(ctx, region, filter) {
    if (filter.prefixes.length === 0 && filter.names.size === 0) return [];
    // One walk over the region's identities (there are few); tags would cost a call each, so none.
    const client = ctx.clients.sesv2(region);
    const names = await namesFromPages(async (token) => {
      const page = await ctx.call("sesv2", `ListEmailIdentities ${region}`, (signal) =>
        client.send(new ListEmailIdentitiesCommand({ NextToken: token, PageSize: 1000 }), {
          abortSignal: signal,
        }),
      );
      return { names: (page.EmailIdentities ?? []).map((i) => i.IdentityName), next: page.NextToken };
    }, filter);
    return names.map((name) => found(sesIdentity, { name, region, foundBy: "name" }));
  },

  delete: gatedDelete(sesIdentity.kind, async (ctx, identity) => {
    const client = ctx.clients.sesv2(identity.region);
    const done = await callUnlessMissing(
      ctx,
      MISSING,
      "sesv2",
      `DeleteEmailIdentity ${identity.name}`,
      (signal) =>
        client.send(new DeleteEmailIdentityCommand({ EmailIdentity: identity.name }), {
          abortSignal: signal,
        }),
    );
    return deletedOrGone(done, `SES identity ${identity.name}`);
  }),
  adopt: (ctx, identity) => sesv2IdentityAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [sesIdentityDriver, ...configurationSetDrivers];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting an SESv2 email identity (`aws:sesv2/emailIdentity:EmailIdentity`, what SST's `Email`
 * component creates) as pulumi-aws v6 records it. The id is the identity itself (an address or a
 * domain). One GetEmailIdentity call; the ARN is the one already known for the identity, else built
 * from the account STS names (GetEmailIdentity does not answer it).
 *
 * - inputs: `emailIdentity`, `configurationSetName` (when the identity has one), `tags`/`tagsAll`
 *   and an empty `__defaults`, as `SstStateBuilder.addEmail` writes them.
 * - outputs: `arn`, `configurationSetName` (`""` when none, as the provider sets it),
 *   `dkimSigningAttributes` (the provider's flattening of `DkimAttributes`: key lengths, origin,
 *   status, tokens, and `lastKeyGenerationTimestamp` when SES has one), `emailIdentity`, `id`,
 *   `identityType`, `tags`, `tagsAll`, `verifiedForSendingStatus`. The BYODKIM private key and selector
 *   only echo the program's configuration (the key is a secret), so they are not written.
 */
function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The identity's ARN: the known one when it names this identity in this region, else built. */
async function identityArn(ctx: CloudContext, identity: Identity): Promise<string> {
  const known = identity.arn === undefined ? undefined : splitArn(identity.arn);
  if (
    known?.service === "ses" &&
    known.region === identity.region &&
    known.resource === `identity/${identity.name}`
  ) {
    return identity.arn!;
  }
  const { account } = await ctx.clients.callerIdentity(ctx.signal);
  return `arn:${partitionOf(identity.region)}:ses:${identity.region}:${account}:identity/${identity.name}`;
}

/** RFC 3339 to the second, as the provider formats times. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const sesv2IdentityAdopter: Adopter = {
  kind: sesIdentity.kind,

  async read(ctx, identity) {
    const got = await getIdentity(ctx, identity);
    if (got === undefined) return undefined;
    const name = identity.name;
    const tags = tagMap(got.Tags);
    const configurationSetName = got.ConfigurationSetName ?? "";

    const inputs: PropertyMap = { __defaults: [] };
    if (configurationSetName !== "") inputs.configurationSetName = configurationSetName;
    Object.assign(inputs, { emailIdentity: name, tags: { ...tags }, tagsAll: { ...tags } });

    const outputs: PropertyMap = {
      arn: await identityArn(ctx, identity),
      configurationSetName,
    };
    const dkim = got.DkimAttributes;
    if (dkim !== undefined) {
      const attributes: PropertyMap = { currentSigningKeyLength: dkim.CurrentSigningKeyLength ?? "" };
      if (dkim.LastKeyGenerationTimestamp !== undefined) {
        attributes.lastKeyGenerationTimestamp = rfc3339(dkim.LastKeyGenerationTimestamp);
      }
      Object.assign(attributes, {
        nextSigningKeyLength: dkim.NextSigningKeyLength ?? "",
        signingAttributesOrigin: dkim.SigningAttributesOrigin ?? "",
        status: dkim.Status ?? "",
        tokens: [...(dkim.Tokens ?? [])],
      });
      outputs.dkimSigningAttributes = attributes;
    }
    Object.assign(outputs, {
      emailIdentity: name,
      id: name,
      identityType: got.IdentityType ?? (name.includes("@") ? "EMAIL_ADDRESS" : "DOMAIN"),
      tags: { ...tags },
      tagsAll: { ...tags },
      verifiedForSendingStatus: got.VerifiedForSendingStatus ?? false,
    });
    return { id: name, inputs, outputs };
  },
};
