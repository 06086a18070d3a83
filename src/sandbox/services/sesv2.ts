/**
 * SESv2 email identities (restJson under `/v2/email/…`): create, get, list, delete and tags.
 *
 * In real AWS these are the same identities SES classic verifies; here the two APIs keep separate
 * state (see ses.ts). Nobody clicks the verification link or publishes the DKIM records, so an
 * identity stays PENDING and turns FAILED when the documented window passes (24 hours for an
 * address, 72 for a domain). Tests that need a verified identity set `verified: true` in the state.
 * Configuration sets: create (AlreadyExistsException for a name the region holds), get, list (paged),
 * delete (its event destinations go with it), tags, and event destinations (SST's `Email` with
 * `events` adds one per event, §2.8 of docs/coverage/sst-resources.md). An identity's
 * `ConfigurationSetName` is recorded without being checked against them.
 */
import { randomBytes } from "node:crypto";
import { restJsonResponse } from "../core/protocols.js";
import { paginate, restJsonError, restService, type RestHandler } from "../core/service.js";
import type { RestRoute } from "../core/protocols.js";
import { AwsError, type SandboxRequest, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";
import { restJsonBody } from "../core/protocols.js";
import { constraintError } from "../core/service.js";

const validation = (field: string, value: unknown, rule: string) =>
  constraintError("BadRequestException", field, value, rule);
const body = (req: SandboxRequest) =>
  restJsonBody(
    req,
    () => new AwsError("SerializationException", "Unable to parse the request body as JSON."),
  );

type IdentityType = "EMAIL_ADDRESS" | "DOMAIN";

interface Tag {
  Key: string;
  Value: string;
}

interface Identity {
  name: string;
  type: IdentityType;
  createdAt: string;
  /** Set by tests (or a future verification flow): the identity can send. */
  verified?: boolean;
  dkim?: {
    origin: "AWS_SES" | "EXTERNAL";
    tokens: string[];
    nextKeyLength?: string;
    currentKeyLength?: string;
    generatedAt?: string;
  };
  configurationSetName?: string;
  tags: Tag[];
}

interface EventDestination {
  Name: string;
  Enabled: boolean;
  MatchingEventTypes: string[];
  [key: string]: unknown;
}

interface ConfigurationSet {
  name: string;
  createdAt: string;
  /** The option blocks as sent (TrackingOptions, DeliveryOptions, …), answered back by Get. */
  options: Record<string, unknown>;
  tags: Tag[];
  destinations: EventDestination[];
}

interface State {
  identities: Record<string, Identity>;
  configurationSets?: Record<string, ConfigurationSet>;
}

/** API_CreateConfigurationSet's option blocks, as GetConfigurationSet answers them. */
const SET_OPTIONS = [
  "TrackingOptions",
  "DeliveryOptions",
  "ReputationOptions",
  "SendingOptions",
  "SuppressionOptions",
  "VdmOptions",
  "ArchivingOptions",
];
/** API_EventDestinationDefinition, MatchingEventTypes. */
const EVENT_TYPES = [
  "SEND",
  "REJECT",
  "BOUNCE",
  "COMPLAINT",
  "DELIVERY",
  "OPEN",
  "CLICK",
  "RENDERING_FAILURE",
  "DELIVERY_DELAY",
  "SUBSCRIPTION",
];

const HOUR = 3600 * 1000;
const PENDING_WINDOW: Record<IdentityType, number> = { EMAIL_ADDRESS: 24 * HOUR, DOMAIN: 72 * HOUR };
const DOMAIN =
  /^(?=.{1,253}\.?$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const KEY_LENGTHS = ["RSA_1024_BIT", "RSA_2048_BIT"];
const MAX_TAGS = 50;

function badRequest(message: string): AwsError {
  return new AwsError("BadRequestException", message);
}

function tagList(value: unknown, field: string): Tag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AwsError("SerializationException", `Expected a list for ${field}.`);
  return value.map((t: unknown) => {
    const { Key, Value } = (t ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key !== "string" || Key.length < 1 || Key.length > 128) {
      throw validation(`${field}.member.key`, Key, "Member must have length between 1 and 128");
    }
    if (Value !== undefined && typeof Value !== "string") {
      throw new AwsError("SerializationException", `Expected a string for ${field}.member.value.`);
    }
    return { Key, Value: Value ?? "" };
  });
}

/** Later tags with the same key replace earlier ones, in place. */
function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const t of added) {
    const at = out.findIndex((o) => o.Key === t.Key);
    if (at >= 0) out[at] = { ...t };
    else out.push({ ...t });
  }
  return out;
}

function configurationSetArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:ses:${ctx.region}:${ctx.accountId}:configuration-set/${name}`;
}

function identityArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:ses:${ctx.region}:${ctx.accountId}:identity/${name}`;
}

function expired(i: Identity, ctx: ServiceContext): boolean {
  return ctx.now().getTime() - Date.parse(i.createdAt) > PENDING_WINDOW[i.type];
}

function verificationStatus(i: Identity, ctx: ServiceContext): string {
  if (i.verified === true) return "SUCCESS";
  return expired(i, ctx) ? "FAILED" : "PENDING";
}

/** SES only starts looking for the DKIM records after the create call returns. */
function dkimAttributes(i: Identity, ctx: ServiceContext, justCreated = false) {
  if (i.dkim === undefined) {
    return { SigningEnabled: false, Status: "NOT_STARTED", Tokens: [], SigningAttributesOrigin: "AWS_SES" };
  }
  const status =
    i.verified === true ? "SUCCESS" : justCreated ? "NOT_STARTED" : expired(i, ctx) ? "FAILED" : "PENDING";
  return {
    SigningEnabled: true,
    Status: status,
    Tokens: [...i.dkim.tokens],
    SigningAttributesOrigin: i.dkim.origin,
    ...(i.dkim.nextKeyLength === undefined ? {} : { NextSigningKeyLength: i.dkim.nextKeyLength }),
    ...(i.dkim.currentKeyLength === undefined ? {} : { CurrentSigningKeyLength: i.dkim.currentKeyLength }),
    ...(i.dkim.generatedAt === undefined
      ? {}
      : { LastKeyGenerationTimestamp: Date.parse(i.dkim.generatedAt) / 1000 }),
  };
}

/** Easy DKIM's three selectors: 32 lower-case base-32 characters each. */
function dkimToken(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  return [...randomBytes(32)].map((b) => alphabet[b % 32]).join("");
}

function pageSize(raw: unknown): number {
  if (raw === undefined || raw === null || raw === "") return 100;
  const n = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isInteger(n)) throw validation("pageSize", raw, "Member must be an integer");
  if (n < 0 || n > 1000) throw badRequest("PageSize must be between 0 and 1000.");
  // The API accepts 0, but an empty page would never advance a paginator.
  return Math.max(n, 1);
}

export const sesv2 = restService<State>({
  id: "sesv2",
  signingNames: ["ses"],
  // SES classic shares the signing name; every `/v2/…` path is SESv2's.
  accepts: (req) => req.path.startsWith("/v2/"),
  throttle: { code: "TooManyRequestsException", status: 429, message: "Too many requests." },
  initial: () => ({ identities: {} }),
  tagged: (state, _region, ctx) => [
    ...Object.values(state.identities).map((i) => ({
      arn: identityArn(ctx, i.name),
      resourceType: "ses:identity",
      tags: Object.fromEntries(i.tags.map((t) => [t.Key, t.Value])),
    })),
    ...Object.values(state.configurationSets ?? {})
      .filter((c) => c.tags.length > 0)
      .map((c) => ({
        arn: configurationSetArn(ctx, c.name),
        resourceType: "ses:configuration-set",
        tags: Object.fromEntries(c.tags.map((t) => [t.Key, t.Value])),
      })),
  ],
  formatError: (error) => restJsonError(error),
  routes: (svc) => {
    const identity = (name: string, message: string): Identity => {
      const i = own(svc.state.identities, name);
      if (i === undefined) throw new AwsError("NotFoundException", message, 404);
      return i;
    };
    const sets = (): Record<string, ConfigurationSet> => (svc.state.configurationSets ??= {});
    const configurationSet = (name: string): ConfigurationSet => {
      const c = own(sets(), name);
      if (c === undefined)
        throw new AwsError("NotFoundException", `Configuration set ${name} does not exist.`, 404);
      return c;
    };
    /**
     * `arn:aws:ses:<region>:<account>:identity/<name>` or `…:configuration-set/<name>`, looked up in
     * the caller's region.
     */
    const byArn = (arn: string | null, ctx: ServiceContext, verb: string): { tags: Tag[] } => {
      if (arn === null || arn === "") throw validation("resourceArn", undefined, "Member must not be null");
      const set = /^arn:aws[a-z-]*:ses:([a-z0-9-]+):(\d{12}):configuration-set\/(.+)$/.exec(arn);
      if (set !== null) {
        if (set[1] !== ctx.region || set[2] !== ctx.accountId) throw badRequest(`Failed to ${verb} resource`);
        return configurationSet(set[3]!);
      }
      const m = /^arn:aws[a-z-]*:ses:([a-z0-9-]+):(\d{12}):identity\/(.+)$/.exec(arn);
      if (m === null) {
        if (/^arn:aws[a-z-]*:ses:/.test(arn)) {
          throw new AwsError("NotFoundException", `Resource ${arn} was not found.`, 404);
        }
        throw badRequest(`Invalid ARN: ${arn}`);
      }
      if (m[1] !== ctx.region || m[2] !== ctx.accountId) throw badRequest(`Failed to ${verb} resource`);
      return identity(m[3]!, `No EmailIdentity present with name: ${m[3]!}`);
    };
    const list = (
      token: string | undefined,
      size: number,
      filter: Record<string, unknown>,
      ctx: ServiceContext,
    ) => {
      const contains = typeof filter.IDENTITY_NAME_CONTAINS === "string" ? filter.IDENTITY_NAME_CONTAINS : "";
      const type = typeof filter.IDENTITY_TYPE === "string" ? filter.IDENTITY_TYPE : undefined;
      const status = typeof filter.VERIFICATION_STATUS === "string" ? filter.VERIFICATION_STATUS : undefined;
      const all = Object.values(svc.state.identities)
        .filter((i) => i.name.includes(contains))
        .filter((i) => type === undefined || i.type === type)
        .filter((i) => status === undefined || verificationStatus(i, ctx) === status)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const { page, next } = paginate(all, (i) => i.name, token, size);
      const EmailIdentities = page.map((i) => ({
        IdentityType: i.type,
        IdentityName: i.name,
        SendingEnabled: i.verified === true,
        VerificationStatus: verificationStatus(i, ctx),
      }));
      return restJsonResponse(
        next === undefined ? { EmailIdentities } : { EmailIdentities, NextToken: next },
      );
    };

    return [
      ...configurationSetRoutes(sets, configurationSet),
      {
        method: "POST",
        path: "/v2/email/identities",
        operation: "CreateEmailIdentity",
        handler: (_labels, req, ctx) => {
          const input = body(req);
          const name = input.EmailIdentity;
          if (typeof name !== "string" || name === "") {
            throw validation("emailIdentity", undefined, "Member must not be null");
          }
          const at = name.lastIndexOf("@");
          const type: IdentityType = at >= 0 ? "EMAIL_ADDRESS" : "DOMAIN";
          if (type === "EMAIL_ADDRESS" && (at === 0 || /\s/.test(name) || !DOMAIN.test(name.slice(at + 1)))) {
            throw badRequest(`Invalid email address ${name}.`);
          }
          if (type === "DOMAIN" && !DOMAIN.test(name)) throw badRequest(`Invalid domain name ${name}.`);
          const tags = tagList(input.Tags, "tags");
          if (tags.length > MAX_TAGS) {
            throw validation(
              "tags",
              `${tags.length} tags`,
              `Member must have length less than or equal to ${MAX_TAGS}`,
            );
          }
          if (own(svc.state.identities, name) !== undefined) {
            throw new AwsError("AlreadyExistsException", `Email identity ${name} already exist.`);
          }
          const i: Identity = { name, type, createdAt: ctx.now().toISOString(), tags: mergeTags([], tags) };
          if (typeof input.ConfigurationSetName === "string" && input.ConfigurationSetName !== "") {
            i.configurationSetName = input.ConfigurationSetName;
          }
          if (type === "DOMAIN") {
            const signing = (input.DkimSigningAttributes ?? {}) as Record<string, unknown>;
            const selector = signing.DomainSigningSelector;
            if (typeof selector === "string" && selector !== "") {
              if (
                typeof signing.DomainSigningPrivateKey !== "string" ||
                signing.DomainSigningPrivateKey === ""
              ) {
                throw badRequest(
                  "DomainSigningPrivateKey is required when DomainSigningSelector is provided.",
                );
              }
              // Bring-your-own DKIM: the selector is the one token; the key is not kept.
              i.dkim = { origin: "EXTERNAL", tokens: [selector] };
            } else {
              const length = signing.NextSigningKeyLength ?? "RSA_2048_BIT";
              if (typeof length !== "string" || !KEY_LENGTHS.includes(length)) {
                throw validation(
                  "dkimSigningAttributes.nextSigningKeyLength",
                  length,
                  `Member must satisfy enum value set: [${KEY_LENGTHS.join(", ")}]`,
                );
              }
              i.dkim = {
                origin: "AWS_SES",
                tokens: [dkimToken(), dkimToken(), dkimToken()],
                nextKeyLength: length,
                currentKeyLength: length,
                generatedAt: ctx.now().toISOString(),
              };
            }
          }
          put(svc.state.identities, name, i);
          return restJsonResponse({
            IdentityType: type,
            VerifiedForSendingStatus: false,
            DkimAttributes: dkimAttributes(i, ctx, true),
          });
        },
      },
      {
        // Current SDKs list with a POST; older ones used the GET below.
        method: "POST",
        path: "/v2/email/list-identities",
        operation: "ListEmailIdentities",
        handler: (_labels, req, ctx) => {
          const input = body(req);
          const filter = (input.Filter ?? {}) as Record<string, unknown>;
          const token = typeof input.NextToken === "string" ? input.NextToken : undefined;
          return list(token, pageSize(input.PageSize), filter, ctx);
        },
      },
      {
        method: "GET",
        path: "/v2/email/identities",
        operation: "ListEmailIdentities",
        handler: (_labels, req, ctx) =>
          list(
            req.query.get("NextToken") ?? undefined,
            pageSize(req.query.get("PageSize") ?? undefined),
            {},
            ctx,
          ),
      },
      {
        method: "GET",
        path: "/v2/email/identities/{EmailIdentity}",
        operation: "GetEmailIdentity",
        handler: ({ EmailIdentity }, _req, ctx) => {
          const i = identity(EmailIdentity!, `Identity ${EmailIdentity!} does not exist.`);
          return restJsonResponse({
            IdentityType: i.type,
            FeedbackForwardingStatus: true,
            VerifiedForSendingStatus: i.verified === true,
            DkimAttributes: dkimAttributes(i, ctx),
            MailFromAttributes: { BehaviorOnMxFailure: "USE_DEFAULT_VALUE" },
            Policies: {},
            Tags: i.tags.map((t) => ({ ...t })),
            ...(i.configurationSetName === undefined ? {} : { ConfigurationSetName: i.configurationSetName }),
            VerificationStatus: verificationStatus(i, ctx),
          });
        },
      },
      {
        method: "DELETE",
        path: "/v2/email/identities/{EmailIdentity}",
        operation: "DeleteEmailIdentity",
        handler: ({ EmailIdentity }) => {
          identity(EmailIdentity!, `Email identity ${EmailIdentity!} does not exist.`);
          delete svc.state.identities[EmailIdentity!];
          return restJsonResponse({});
        },
      },
      {
        method: "POST",
        path: "/v2/email/tags",
        operation: "TagResource",
        handler: (_labels, req, ctx) => {
          const input = body(req);
          const arn = typeof input.ResourceArn === "string" ? input.ResourceArn : null;
          const tags = tagList(input.Tags, "tags");
          if (tags.length === 0) {
            throw validation("tags", undefined, "Member must have length greater than or equal to 1");
          }
          const i = byArn(arn, ctx, "tag");
          const merged = mergeTags(i.tags, tags);
          if (merged.length > MAX_TAGS) throw badRequest(`Tags cannot exceed ${MAX_TAGS}.`);
          i.tags = merged;
          return restJsonResponse({});
        },
      },
      {
        method: "DELETE",
        path: "/v2/email/tags",
        operation: "UntagResource",
        handler: (_labels, req, ctx) => {
          const keys = req.query.getAll("TagKeys");
          if (keys.length === 0) {
            throw validation("tagKeys", undefined, "Member must have length greater than or equal to 1");
          }
          const i = byArn(req.query.get("ResourceArn"), ctx, "untag");
          i.tags = i.tags.filter((t) => !keys.includes(t.Key));
          return restJsonResponse({});
        },
      },
      {
        method: "GET",
        path: "/v2/email/tags",
        operation: "ListTagsForResource",
        handler: (_labels, req, ctx) => {
          const i = byArn(req.query.get("ResourceArn"), ctx, "list tags for");
          return restJsonResponse({ Tags: i.tags.map((t) => ({ ...t })) });
        },
      },
    ];
  },
});

/** The configuration set and event destination routes (`/v2/email/configuration-sets…`). */
function configurationSetRoutes(
  sets: () => Record<string, ConfigurationSet>,
  configurationSet: (name: string) => ConfigurationSet,
): RestRoute<RestHandler>[] {
  const listSets = (token: string | undefined, size: number) => {
    const { page, next } = paginate(Object.keys(sets()).sort(), (n) => n, token, size);
    return restJsonResponse(
      next === undefined ? { ConfigurationSets: page } : { ConfigurationSets: page, NextToken: next },
    );
  };
  return [
    {
      method: "POST",
      path: "/v2/email/configuration-sets",
      operation: "CreateConfigurationSet",
      handler: (_labels, req, ctx) => {
        const input = body(req);
        const name = input.ConfigurationSetName;
        if (typeof name !== "string" || name === "") {
          throw validation("configurationSetName", undefined, "Member must not be null");
        }
        // API_CreateConfigurationSet: letters, digits, `_` and `-`, at most 64 characters.
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
          throw badRequest(`Invalid configuration set name ${name}.`);
        }
        const tags = tagList(input.Tags, "tags");
        if (own(sets(), name) !== undefined) {
          // AlreadyExistsException (400), the modelled error; its text follows SES classic's
          // ConfigurationSetAlreadyExists (hashicorp/terraform-provider-aws#9186).
          throw new AwsError("AlreadyExistsException", `Configuration set ${name} already exists.`);
        }
        const options: Record<string, unknown> = {};
        for (const k of SET_OPTIONS) if (input[k] !== undefined && input[k] !== null) options[k] = input[k];
        put(sets(), name, {
          name,
          createdAt: ctx.now().toISOString(),
          options,
          tags: mergeTags([], tags),
          destinations: [],
        });
        return restJsonResponse({});
      },
    },
    {
      // Current SDKs list with a POST; older ones used the GET below.
      method: "POST",
      path: "/v2/email/list-configuration-sets",
      operation: "ListConfigurationSets",
      handler: (_labels, req) => {
        const input = body(req);
        const token = typeof input.NextToken === "string" ? input.NextToken : undefined;
        return listSets(token, pageSize(input.PageSize));
      },
    },
    {
      method: "GET",
      path: "/v2/email/configuration-sets",
      operation: "ListConfigurationSets",
      handler: (_labels, req) =>
        listSets(req.query.get("NextToken") ?? undefined, pageSize(req.query.get("PageSize") ?? undefined)),
    },
    {
      method: "GET",
      path: "/v2/email/configuration-sets/{ConfigurationSetName}",
      operation: "GetConfigurationSet",
      handler: ({ ConfigurationSetName }) => {
        const c = configurationSet(ConfigurationSetName!);
        return restJsonResponse({
          ConfigurationSetName: c.name,
          // The sending and reputation blocks with their API defaults (SendingEnabled true, reputation
          // metrics off) when none was sent — not confirmed from a recorded AWS answer.
          SendingOptions: { SendingEnabled: true },
          ReputationOptions: { ReputationMetricsEnabled: false },
          ...c.options,
          Tags: c.tags.map((t) => ({ ...t })),
        });
      },
    },
    {
      method: "DELETE",
      path: "/v2/email/configuration-sets/{ConfigurationSetName}",
      operation: "DeleteConfigurationSet",
      handler: ({ ConfigurationSetName }) => {
        configurationSet(ConfigurationSetName!);
        delete sets()[ConfigurationSetName!];
        return restJsonResponse({});
      },
    },
    {
      method: "POST",
      path: "/v2/email/configuration-sets/{ConfigurationSetName}/event-destinations",
      operation: "CreateConfigurationSetEventDestination",
      handler: ({ ConfigurationSetName }, req) => {
        const c = configurationSet(ConfigurationSetName!);
        const input = body(req);
        const name = input.EventDestinationName;
        if (typeof name !== "string" || name === "") {
          throw validation("eventDestinationName", undefined, "Member must not be null");
        }
        if (c.destinations.some((d) => d.Name === name)) {
          throw new AwsError("AlreadyExistsException", `Event destination ${name} already exists.`);
        }
        const definition = (input.EventDestination ?? {}) as Record<string, unknown>;
        const types = Array.isArray(definition.MatchingEventTypes) ? definition.MatchingEventTypes : [];
        for (const t of types) {
          if (typeof t !== "string" || !EVENT_TYPES.includes(t)) {
            throw validation(
              "eventDestination.matchingEventTypes.member",
              t,
              `Member must satisfy enum value set: [${EVENT_TYPES.join(", ")}]`,
            );
          }
        }
        c.destinations.push({
          ...definition,
          Name: name,
          Enabled: definition.Enabled === true,
          MatchingEventTypes: types as string[],
        });
        return restJsonResponse({});
      },
    },
    {
      method: "GET",
      path: "/v2/email/configuration-sets/{ConfigurationSetName}/event-destinations",
      operation: "GetConfigurationSetEventDestinations",
      handler: ({ ConfigurationSetName }) =>
        restJsonResponse({
          EventDestinations: configurationSet(ConfigurationSetName!).destinations.map((d) => ({ ...d })),
        }),
    },
    {
      method: "DELETE",
      path: "/v2/email/configuration-sets/{ConfigurationSetName}/event-destinations/{EventDestinationName}",
      operation: "DeleteConfigurationSetEventDestination",
      handler: ({ ConfigurationSetName, EventDestinationName }) => {
        const c = configurationSet(ConfigurationSetName!);
        if (!c.destinations.some((d) => d.Name === EventDestinationName)) {
          throw new AwsError(
            "NotFoundException",
            `Event destination ${EventDestinationName!} does not exist.`,
            404,
          );
        }
        c.destinations = c.destinations.filter((d) => d.Name !== EventDestinationName);
        return restJsonResponse({});
      },
    },
  ];
}
