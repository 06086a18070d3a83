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
import { found, gatedDelete, namesFromPages, type KindDriver } from "./types.js";
import { t } from "../../i18n/index.js";

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
    return found(sesClassicIdentity, {
      type: classicType(identity.name),
      name: identity.name,
      region: identity.region,
      // No call answers the ARN, and nothing needs it for an untaggable identity: only state's is kept.
      arn: identity.arn,
      foundBy: "read",
      detail: { verificationStatus: attributes.VerificationStatus ?? null },
    });
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
    return names.map((name) =>
      found(sesClassicIdentity, { type: classicType(name), name, region, foundBy: "name" }),
    );
  },

  delete: gatedDelete(sesClassicIdentity.kind, async (ctx, identity) => {
    const client = ctx.clients.ses(identity.region);
    // DeleteIdentity succeeds for an identity that does not exist, so "already gone" cannot be told apart.
    await ctx.call("ses", `DeleteIdentity ${identity.name}`, (signal) =>
      client.send(new DeleteIdentityCommand({ Identity: identity.name }), { abortSignal: signal }),
    );
    return {
      deleted: true,
      steps: [t("cloud.step.deleted", { what: t("cloud.what.ses-identity", { name: identity.name }) })],
    };
  }),
};

export const drivers: readonly KindDriver[] = [sesClassicIdentityDriver];
