/**
 * SES classic (awsQuery): verified identities, email addresses and domains.
 *
 * In real AWS these are the same identities SESv2 calls email identities; here the two APIs keep
 * separate state, so an identity created through one is not seen by the other. SES classic has no
 * tagging operations, so nothing is reported to the tagging API from here.
 *
 * Nobody clicks the verification link or publishes the TXT record, so identities stay `Pending`
 * and turn `Failed` when the documented window passes (24 hours for an address, 72 for a domain).
 * Tests that need a verified identity set `status: "Success"` in the state.
 */
import { randomBytes } from "node:crypto";
import { paginate, queryService } from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";
import { constraintError, optionalString as str, requireString } from "../core/service.js";

const validation = (field: string, value: unknown, rule: string) =>
  constraintError("ValidationError", field, value, rule);
const required = (input: Record<string, unknown>, name: string) =>
  requireString(input, name, "ValidationError");

type IdentityType = "EmailAddress" | "Domain";

interface Identity {
  identity: string;
  type: IdentityType;
  /** Domains only: the value of the `_amazonses` TXT record. */
  verificationToken?: string;
  status: "Pending" | "Success" | "Failed" | "TemporaryFailure" | "NotStarted";
  /** When verification (re)started, to expire a pending request. */
  requestedAt: string;
}

interface State {
  identities: Record<string, Identity>;
}

const HOUR = 3600 * 1000;
const PENDING_WINDOW: Record<IdentityType, number> = { EmailAddress: 24 * HOUR, Domain: 72 * HOUR };
const DOMAIN =
  /^(?=.{1,253}\.?$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

function status(identity: Identity, ctx: ServiceContext): Identity["status"] {
  if (identity.status !== "Pending") return identity.status;
  const age = ctx.now().getTime() - Date.parse(identity.requestedAt);
  return age > PENDING_WINDOW[identity.type] ? "Failed" : "Pending";
}

/** Asking again restarts a verification that has not succeeded. */
function restart(identity: Identity, ctx: ServiceContext): void {
  if (identity.status === "Success") return;
  identity.status = "Pending";
  identity.requestedAt = ctx.now().toISOString();
}

export const ses = queryService<State>({
  id: "ses",
  signingNames: ["ses"],
  // SESv2 shares the signing name and owns every `/v2/…` path.
  accepts: (req) => !req.path.startsWith("/v2/"),
  xmlns: "http://ses.amazonaws.com/doc/2010-12-01/",
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({ identities: {} }),
  operations: (svc) => ({
    VerifyEmailIdentity(input, ctx) {
      const email = required(input, "EmailAddress");
      const at = email.lastIndexOf("@");
      if (at <= 0 || /\s/.test(email) || !DOMAIN.test(email.slice(at + 1))) {
        throw new AwsError("InvalidParameterValue", `Invalid email address<${email}>.`);
      }
      const existing = own(svc.state.identities, email);
      if (existing !== undefined) {
        restart(existing, ctx);
      } else {
        put(svc.state.identities, email, {
          identity: email,
          type: "EmailAddress",
          status: "Pending",
          requestedAt: ctx.now().toISOString(),
        });
      }
      return {};
    },

    VerifyDomainIdentity(input, ctx) {
      const domain = required(input, "Domain");
      if (!DOMAIN.test(domain)) throw new AwsError("InvalidParameterValue", `Invalid domain name ${domain}.`);
      let identity = own(svc.state.identities, domain);
      if (identity === undefined) {
        identity = {
          identity: domain,
          type: "Domain",
          verificationToken: randomBytes(32).toString("base64"),
          status: "Pending",
          requestedAt: ctx.now().toISOString(),
        };
        put(svc.state.identities, domain, identity);
      } else {
        restart(identity, ctx);
        identity.verificationToken ??= randomBytes(32).toString("base64");
      }
      return { VerificationToken: identity.verificationToken };
    },

    ListIdentities(input) {
      const type = str(input, "IdentityType");
      if (type !== undefined && type !== "EmailAddress" && type !== "Domain") {
        throw validation("identityType", type, "Member must satisfy enum value set: [Domain, EmailAddress]");
      }
      const rawMax = str(input, "MaxItems");
      const max = rawMax === undefined || rawMax === "" ? 1000 : Number(rawMax);
      if (!Number.isInteger(max)) throw validation("maxItems", rawMax, "Member must be an integer");
      if (max < 1) throw validation("maxItems", rawMax, "Member must have value greater than or equal to 1");
      if (max > 1000)
        throw validation("maxItems", rawMax, "Member must have value less than or equal to 1000");
      const names = Object.values(svc.state.identities)
        .filter((i) => type === undefined || i.type === type)
        .map((i) => i.identity)
        .sort();
      const { page, next } = paginate(names, (n) => n, str(input, "NextToken"), max);
      return { Identities: { member: page }, NextToken: next };
    },

    GetIdentityVerificationAttributes(input, ctx) {
      const raw = input.Identities;
      const identities = Array.isArray(raw) ? raw.filter((i): i is string => typeof i === "string") : [];
      if (raw === undefined) throw validation("identities", undefined, "Member must not be null");
      if (identities.length > 100) {
        throw validation(
          "identities",
          `[${identities.join(", ")}]`,
          "Member must have length less than or equal to 100",
        );
      }
      // Identities that are not known are left out of the map, not reported as errors.
      const entries = identities.flatMap((name) => {
        const i = own(svc.state.identities, name);
        if (i === undefined) return [];
        return [
          {
            key: name,
            value: { VerificationStatus: status(i, ctx), VerificationToken: i.verificationToken },
          },
        ];
      });
      return { VerificationAttributes: { entry: entries } };
    },

    DeleteIdentity(input) {
      const identity = required(input, "Identity");
      // Deleting an identity that does not exist succeeds, as in SES.
      if (own(svc.state.identities, identity) !== undefined) delete svc.state.identities[identity];
      return {};
    },
  }),
});
