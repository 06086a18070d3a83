/**
 * AWS Certificate Manager (awsJson 1.1, `X-Amz-Target: CertificateManager.<Operation>`, signing name
 * `acm`): RequestCertificate, DescribeCertificate, ListCertificates (paged with MaxItems/NextToken),
 * DeleteCertificate, and tags (AddTagsToCertificate, ListTagsForCertificate, RemoveTagsFromCertificate).
 * Certificates are reported to the tagging API as `acm:certificate`.
 *
 * Validation: a certificate is PENDING_VALIDATION when requested and ISSUED once the local cloud's
 * `deployDelayMs` has passed (at once by default) — the DNS record it asks for is not looked up. Its
 * DomainValidationOptions carry the CNAME ACM would ask for (the same name for the same domain and
 * account, as ACM does).
 * In use: a certificate an API Gateway custom domain of this local cloud names (`certificateUse`,
 * filled by the apigatewayv2 service on the resources it reports) is `InUseBy` that domain, and
 * DeleteCertificate answers ResourceInUseException "Certificate <arn> in account <account> is in use."
 * (the text in terraform-provider-aws users' logs, e.g. dfds/infrastructure-modules#5).
 * An unknown ARN: ResourceNotFoundException "Could not find certificate <arn>." (a pulumi-aws log).
 * Imported and private certificates, renewal and export are not served.
 */
import { createHash, randomUUID } from "node:crypto";
import { jsonService, paginate, tagList, toTagList, epochSeconds } from "../core/service.js";
import { AwsError, type ServiceContext, type TaggedResource } from "../core/types.js";
import { own, put } from "../core/records.js";

interface Certificate {
  arn: string;
  domainName: string;
  subjectAlternativeNames: string[];
  validationMethod: string;
  keyAlgorithm: string;
  transparency: string;
  createdAt: string;
  tags: Record<string, string>;
}

interface State {
  certificates: Record<string, Certificate>;
}

/** The certificate ARN a resource another service reports uses (its custom domain's certificate). */
export const certificateUse = new WeakMap<TaggedResource, string>();

const ARN = /^arn:aws[\w-]*:acm:[\w-]+:\d{12}:certificate\/[\w-]+$/;
const MAX_TAGS = 50;

/** A certificate's status, kept off the objects the tagging API sees. */
const certificateStatus = new WeakMap<TaggedResource, string>();

/** A certificate's status in the caller's region (for the services that name one); undefined when none. */
export function certificateState(ctx: ServiceContext, arn: string): string | undefined {
  const r = ctx
    .taggedResources(ctx.region)
    .find((x) => x.resourceType === "acm:certificate" && x.arn === arn);
  return r === undefined ? undefined : certificateStatus.get(r);
}

/** The ARNs of what uses a certificate (API Gateway custom domains), from what the services report. */
function usersOf(ctx: ServiceContext, arn: string): string[] {
  return ctx
    .taggedResources(ctx.region)
    .filter((r) => certificateUse.get(r) === arn)
    .map((r) => r.arn)
    .sort();
}

function notFound(arn: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Could not find certificate ${arn}.`);
}

function arnOf(input: Record<string, unknown>): string {
  const arn = input.CertificateArn;
  if (typeof arn !== "string" || arn === "") {
    throw new AwsError(
      "ValidationException",
      "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!ARN.test(arn)) throw new AwsError("InvalidArnException", `String '${arn}' is not a valid ARN.`);
  return arn;
}

/** ISSUED once the local cloud's deploy delay has passed since the request. */
function statusOf(c: Certificate, ctx: ServiceContext): "ISSUED" | "PENDING_VALIDATION" {
  return ctx.now().getTime() - Date.parse(c.createdAt) >= ctx.deployDelayMs ? "ISSUED" : "PENDING_VALIDATION";
}

/** The CNAME ACM asks for to validate a domain: the same for the same account and domain. */
function validationRecord(ctx: ServiceContext, domain: string) {
  const h = createHash("sha256")
    .update(`${ctx.accountId}/${domain.replace(/^\*\./, "")}`)
    .digest("hex");
  const base = domain.replace(/^\*\./, "");
  return {
    Name: `_${h.slice(0, 32)}.${base}.`,
    Type: "CNAME",
    Value: `_${h.slice(32, 64)}.${h.slice(0, 10)}.acm-validations.aws.`,
  };
}

function detail(c: Certificate, ctx: ServiceContext) {
  const status = statusOf(c, ctx);
  const issued = status === "ISSUED";
  const issuedAt = Date.parse(c.createdAt) + ctx.deployDelayMs;
  const domains = [c.domainName, ...c.subjectAlternativeNames.filter((n) => n !== c.domainName)];
  return {
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNames: domains,
    DomainValidationOptions: domains.map((d) => ({
      DomainName: d,
      ValidationDomain: d,
      ValidationStatus: issued ? "SUCCESS" : "PENDING_VALIDATION",
      ValidationMethod: c.validationMethod,
      ...(c.validationMethod === "DNS" ? { ResourceRecord: validationRecord(ctx, d) } : {}),
    })),
    Subject: `CN=${c.domainName}`,
    Issuer: "Amazon",
    CreatedAt: epochSeconds(c.createdAt),
    ...(issued
      ? {
          IssuedAt: issuedAt / 1000,
          NotBefore: issuedAt / 1000,
          NotAfter: issuedAt / 1000 + 395 * 24 * 3600,
          Serial: createHash("md5")
            .update(c.arn)
            .digest("hex")
            .replace(/(..)(?!$)/g, "$1:"),
        }
      : {}),
    Status: status,
    KeyAlgorithm: c.keyAlgorithm,
    SignatureAlgorithm: "SHA256WITHRSA",
    InUseBy: usersOf(ctx, c.arn),
    Type: "AMAZON_ISSUED",
    RenewalEligibility: "INELIGIBLE",
    Options: { CertificateTransparencyLoggingPreference: c.transparency },
  };
}

function strings(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new AwsError("ValidationException", `${field} must be a list of strings.`);
  }
  return value as string[];
}

export const acm = jsonService<State>({
  signingNames: ["acm"],
  targetPrefix: "CertificateManager",
  version: "1.1",
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  initial: () => ({ certificates: {} }),
  tagged: (state, _region, ctx) =>
    Object.values(state.certificates).map((c) => {
      const r: TaggedResource = { arn: c.arn, resourceType: "acm:certificate", tags: { ...c.tags } };
      const status = statusOf(c, ctx);
      certificateStatus.set(r, status);
      // Issued once the delay has passed: the status this entry carries holds until then.
      if (status === "PENDING_VALIDATION") r.until = Date.parse(c.createdAt) + ctx.deployDelayMs;
      return r;
    }),
  operations: (svc) => {
    const get = (arn: string): Certificate => {
      const c = own(svc.state.certificates, arn);
      if (c === undefined) throw notFound(arn);
      return c;
    };
    return {
      RequestCertificate(input, ctx) {
        const domain = input.DomainName;
        if (typeof domain !== "string" || !/^(\*\.)?[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/.test(domain)) {
          throw new AwsError(
            "ValidationException",
            `1 validation error detected: Value '${String(domain)}' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$`,
          );
        }
        const tags = tagList(input.Tags);
        if (Object.keys(tags).length > MAX_TAGS) {
          throw new AwsError("TooManyTagsException", "the TagSet: {...} contains too many Tags");
        }
        const options = (input.Options ?? {}) as { CertificateTransparencyLoggingPreference?: unknown };
        const c: Certificate = {
          arn: `arn:aws:acm:${ctx.region}:${ctx.accountId}:certificate/${randomUUID()}`,
          domainName: domain,
          subjectAlternativeNames: strings(input.SubjectAlternativeNames, "SubjectAlternativeNames"),
          validationMethod: input.ValidationMethod === "EMAIL" ? "EMAIL" : "DNS",
          keyAlgorithm: typeof input.KeyAlgorithm === "string" ? input.KeyAlgorithm : "RSA_2048",
          transparency:
            options.CertificateTransparencyLoggingPreference === "DISABLED" ? "DISABLED" : "ENABLED",
          createdAt: ctx.now().toISOString(),
          tags,
        };
        put(svc.state.certificates, c.arn, c);
        return { CertificateArn: c.arn };
      },

      DescribeCertificate(input, ctx) {
        return { Certificate: detail(get(arnOf(input)), ctx) };
      },

      ListCertificates(input, ctx) {
        const max = input.MaxItems;
        if (
          max !== undefined &&
          (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 1000)
        ) {
          throw new AwsError(
            "ValidationException",
            `1 validation error detected: Value '${JSON.stringify(max)}' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000`,
          );
        }
        const statuses = strings(input.CertificateStatuses, "CertificateStatuses");
        const all = Object.values(svc.state.certificates)
          .filter((c) => statuses.length === 0 || statuses.includes(statusOf(c, ctx)))
          .sort((a, b) => (a.arn < b.arn ? -1 : 1));
        const token =
          typeof input.NextToken === "string" && input.NextToken !== "" ? input.NextToken : undefined;
        const { page, next } = paginate(all, (c) => c.arn, token, typeof max === "number" ? max : 1000);
        return {
          CertificateSummaryList: page.map((c) => {
            const d = detail(c, ctx);
            return {
              CertificateArn: c.arn,
              DomainName: c.domainName,
              SubjectAlternativeNameSummaries: d.SubjectAlternativeNames,
              HasAdditionalSubjectAlternativeNames: false,
              Status: d.Status,
              Type: d.Type,
              KeyAlgorithm: c.keyAlgorithm,
              InUse: d.InUseBy.length > 0,
              RenewalEligibility: d.RenewalEligibility,
              CreatedAt: d.CreatedAt,
              ...(d.IssuedAt === undefined ? {} : { IssuedAt: d.IssuedAt, NotAfter: d.NotAfter }),
            };
          }),
          ...(next === undefined ? {} : { NextToken: next }),
        };
      },

      DeleteCertificate(input, ctx) {
        const arn = arnOf(input);
        get(arn);
        if (usersOf(ctx, arn).length > 0) {
          throw new AwsError(
            "ResourceInUseException",
            `Certificate ${arn} in account ${ctx.accountId} is in use.`,
          );
        }
        delete svc.state.certificates[arn];
        return {};
      },

      AddTagsToCertificate(input) {
        const c = get(arnOf(input));
        const tags = tagList(input.Tags);
        if (Object.keys({ ...c.tags, ...tags }).length > MAX_TAGS) {
          throw new AwsError("TooManyTagsException", "the TagSet: {...} contains too many Tags");
        }
        Object.assign(c.tags, tags);
        return {};
      },

      RemoveTagsFromCertificate(input) {
        const c = get(arnOf(input));
        for (const key of Object.keys(tagList(input.Tags))) delete c.tags[key];
        return {};
      },

      ListTagsForCertificate(input) {
        return { Tags: toTagList(get(arnOf(input)).tags) };
      },
    };
  },
});
