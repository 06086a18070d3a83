/**
 * SES classic, the driver for classic identities (src/kinds/ses-classic-identity.ts): verification
 * attributes, ListIdentities by name, DeleteIdentity. It uses only its own API (SESv2: sesv2.ts).
 */
import {
  DeleteIdentityCommand,
  GetIdentityVerificationAttributesCommand,
  ListIdentitiesCommand,
} from "@aws-sdk/client-ses";
import { classicType, sesClassicIdentity } from "../../kinds/ses-classic-identity.js";
import type { CloudResource } from "../../kinds/types.js";
import { gatedDelete, listedByName, namesFromPages, type KindDriver } from "./types.js";

export const sesClassicIdentityDriver: KindDriver = {
  ...sesClassicIdentity,

  async read(ctx, identity) {
    const client = ctx.clients.ses(identity.region);
    const got = await ctx.call("ses", `GetIdentityVerificationAttributes ${identity.name}`, (signal) =>
      client.send(new GetIdentityVerificationAttributesCommand({ Identities: [identity.name] }), {
        abortSignal: signal,
      }),
    );
    // Identities SES does not know are left out of the answer (no error).
    const attributes = got.VerificationAttributes?.[identity.name];
    if (attributes === undefined) return undefined;
    const resource: CloudResource = {
      kind: sesClassicIdentity.kind,
      type: classicType(identity.name),
      name: identity.name,
      id: identity.name,
      region: identity.region,
      tags: {},
      foundBy: "read",
      detail: { verificationStatus: attributes.VerificationStatus ?? null },
    };
    // No call answers the ARN, and nothing needs it for an untaggable identity: only state's is kept.
    if (identity.arn !== undefined) resource.arn = identity.arn;
    return resource;
  },

  async listByName(ctx, region, filter) {
    if (filter.prefixes.length === 0 && filter.names.size === 0) return [];
    const client = ctx.clients.ses(region);
    const names = await namesFromPages(async (token) => {
      const page = await ctx.call("ses", `ListIdentities ${region}`, (signal) =>
        client.send(new ListIdentitiesCommand({ NextToken: token, MaxItems: 1000 }), { abortSignal: signal }),
      );
      return { names: page.Identities ?? [], next: page.NextToken };
    }, filter);
    return names.map((name) => listedByName(sesClassicIdentity.kind, classicType(name), name, region));
  },

  delete: gatedDelete(sesClassicIdentity.kind, async (ctx, identity) => {
    const client = ctx.clients.ses(identity.region);
    // DeleteIdentity succeeds for an identity that does not exist, so "already gone" cannot be told apart.
    await ctx.call("ses", `DeleteIdentity ${identity.name}`, (signal) =>
      client.send(new DeleteIdentityCommand({ Identity: identity.name }), { abortSignal: signal }),
    );
    return { deleted: true, steps: [`deleted SES identity ${identity.name}`] };
  }),
};

export const drivers: readonly KindDriver[] = [sesClassicIdentityDriver];
