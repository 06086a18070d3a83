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
import type { CloudResource, Identity } from "../../kinds/types.js";
import { sesv2IdentityAdopter } from "./adopt/ses-identity.js";
import {
  gatedDelete,
  listedByName,
  namesFromPages,
  tagMap,
  unlessMissing,
  type CloudContext,
  type KindDriver,
} from "./types.js";

const V2_TYPE = sesIdentity.types[0]!;

const MISSING = ["NotFoundException"];

/** The ARN of an SESv2 identity: the one already known when it names the same identity, else built. */
async function v2Arn(ctx: CloudContext, identity: Identity): Promise<string | undefined> {
  const known = identityInArn(identity.arn);
  if (known?.name === identity.name && known.region === identity.region) return identity.arn;
  // GetEmailIdentity does not answer the ARN; the account comes from STS (asked once, cached).
  const { account } = await ctx.clients.callerIdentity(ctx.signal);
  return account === "unknown"
    ? undefined
    : `arn:aws:ses:${identity.region}:${account}:identity/${identity.name}`;
}

export const sesIdentityDriver: KindDriver = {
  ...sesIdentity,

  async read(ctx, identity) {
    const client = ctx.clients.sesv2(identity.region);
    const got = await unlessMissing(MISSING, () =>
      ctx.call("sesv2", `GetEmailIdentity ${identity.name}`, (signal) =>
        client.send(new GetEmailIdentityCommand({ EmailIdentity: identity.name }), { abortSignal: signal }),
      ),
    );
    if (got === undefined) return undefined;
    const resource: CloudResource = {
      kind: sesIdentity.kind,
      type: V2_TYPE,
      name: identity.name,
      id: identity.name,
      region: identity.region,
      tags: tagMap(got.Tags),
      foundBy: "read",
      detail: {
        identityType: got.IdentityType ?? null,
        verifiedForSendingStatus: got.VerifiedForSendingStatus ?? false,
      },
    };
    const arn = await v2Arn(ctx, identity);
    if (arn !== undefined) resource.arn = arn;
    return resource;
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
    return names.map((name) => listedByName(sesIdentity.kind, V2_TYPE, name, region));
  },

  delete: gatedDelete(sesIdentity.kind, async (ctx, identity) => {
    const client = ctx.clients.sesv2(identity.region);
    const done = await unlessMissing(MISSING, () =>
      ctx.call("sesv2", `DeleteEmailIdentity ${identity.name}`, (signal) =>
        client.send(new DeleteEmailIdentityCommand({ EmailIdentity: identity.name }), {
          abortSignal: signal,
        }),
      ),
    );
    return {
      deleted: true,
      steps: [done === undefined ? "already gone" : `deleted SES identity ${identity.name}`],
    };
  }),
  adopt: (ctx, identity) => sesv2IdentityAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [sesIdentityDriver];
