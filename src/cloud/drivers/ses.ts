/**
 * SES identities: email addresses and domains that mail is sent from. Two handlers, one per API.
 *
 * - `sesv2Identity` (`aws:sesv2/emailIdentity:EmailIdentity`, what SST's `Email` component creates):
 *   id and name are the identity itself (`alerts@acme.example`, `acme.example`). SESv2 identities
 *   carry tags and come back from the tagging API as `arn:aws:ses:<region>:<account>:identity/<name>`.
 * - `sesClassicIdentity` (`aws:ses/emailIdentity:EmailIdentity`, `aws:ses/domainIdentity:DomainIdentity`):
 *   the SES classic API has no tags, so these are only read and listed by name.
 *
 * In real AWS both APIs see the same identities; the local cloud keeps them apart. Neither handler
 * relies on either behaviour: each uses only its own API. Verification is not drift (it changes on its
 * own, when someone clicks a link or publishes DNS records), so neither handler reports any.
 */
import {
  DeleteIdentityCommand,
  GetIdentityVerificationAttributesCommand,
  ListIdentitiesCommand,
} from "@aws-sdk/client-ses";
import {
  DeleteEmailIdentityCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
} from "@aws-sdk/client-sesv2";
import {
  listedByName,
  namesFromPages,
  namedIdentity,
  splitArn,
  tagMap,
  unlessMissing,
  type CloudContext,
  type CloudResource,
  type Identity,
  type ResourceHandler,
  gatedDelete,
} from "./handler.js";

const V2_TYPE = "aws:sesv2/emailIdentity:EmailIdentity";
const CLASSIC_EMAIL_TYPE = "aws:ses/emailIdentity:EmailIdentity";
const CLASSIC_DOMAIN_TYPE = "aws:ses/domainIdentity:DomainIdentity";

const MISSING = ["NotFoundException"];

/** `identity/<name>` in an SES ARN, for this region; undefined for anything else. */
function identityInArn(arn: string | undefined): { name: string; region: string } | undefined {
  const a = arn === undefined ? undefined : splitArn(arn);
  if (a?.service !== "ses" || !a.resource.startsWith("identity/")) return undefined;
  const name = a.resource.slice("identity/".length);
  return name === "" ? undefined : { name, region: a.region };
}

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

export const sesv2Identity: ResourceHandler = {
  kind: "ses-identity",
  label: "SES identity",
  types: [V2_TYPE],
  service: "sesv2",
  global: false,
  taggable: true,
  tagType: "ses:identity",

  fromArn(arn) {
    const found = identityInArn(arn);
    if (found === undefined) return undefined;
    return { name: found.name, id: found.name, region: found.region, arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, ["emailIdentity"]);
  },

  async read(ctx, identity) {
    const client = ctx.clients.sesv2(identity.region);
    const got = await unlessMissing(MISSING, () =>
      ctx.call("sesv2", `GetEmailIdentity ${identity.name}`, (signal) =>
        client.send(new GetEmailIdentityCommand({ EmailIdentity: identity.name }), { abortSignal: signal }),
      ),
    );
    if (got === undefined) return undefined;
    const resource: CloudResource = {
      kind: "ses-identity",
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
    return names.map((name) => listedByName("ses-identity", V2_TYPE, name, region));
  },

  drift() {
    // Nothing here is drift: the identity is its name, and its verification status changes by itself
    // (a link clicked, DNS records published), not because someone edited it outside Pulumi.
    return [];
  },

  delete: gatedDelete("ses-identity", async (ctx, identity) => {
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
};

/** An SES classic identity is an email address when it has an `@`, a domain otherwise. */
function classicType(name: string): string {
  return name.includes("@") ? CLASSIC_EMAIL_TYPE : CLASSIC_DOMAIN_TYPE;
}

export const sesClassicIdentity: ResourceHandler = {
  kind: "ses-classic-identity",
  label: "SES identity (classic)",
  types: [CLASSIC_EMAIL_TYPE, CLASSIC_DOMAIN_TYPE],
  service: "ses",
  global: false,
  taggable: false,

  fromArn() {
    // SES classic identities carry no tags, so the tagging API never answers one; an
    // `arn:…:ses:…:identity/…` ARN from it is an SESv2 identity (sesv2Identity claims it).
    return undefined;
  },

  identify(resource, region) {
    return namedIdentity(resource, region, ["email", "domain"]);
  },

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
      kind: "ses-classic-identity",
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
    return names.map((name) => listedByName("ses-classic-identity", classicType(name), name, region));
  },

  drift() {
    // As for SESv2: the identity is its name, and verification is not something edited outside Pulumi.
    return [];
  },

  delete: gatedDelete("ses-classic-identity", async (ctx, identity) => {
    const client = ctx.clients.ses(identity.region);
    // DeleteIdentity succeeds for an identity that does not exist, so "already gone" cannot be told apart.
    await ctx.call("ses", `DeleteIdentity ${identity.name}`, (signal) =>
      client.send(new DeleteIdentityCommand({ Identity: identity.name }), { abortSignal: signal }),
    );
    return { deleted: true, steps: [`deleted SES identity ${identity.name}`] };
  }),
};
