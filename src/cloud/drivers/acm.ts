/**
 * ACM, the driver for certificates (src/kinds/acm-certificate.ts), through the generic client
 * (`ACM`): DescribeCertificate and ListTagsForCertificate by ARN; ListCertificates (paged) for the
 * domain names asked about; DeleteCertificate. A certificate is only ever read by its ARN: a name
 * (domain) is never enough to say which of several certificates for it is meant.
 *
 * Deleting: a certificate still in use (DescribeCertificate's InUseBy: a custom domain name, a
 * distribution) is not deleted — the result is pending and names the users, which go first in a
 * cleanup's order. ACM notices with a delay that a user is gone (aws/aws-cdk#36265), so a
 * ResourceInUseException from DeleteCertificate is reported the same way: run the cleanup again later.
 * Adopting (at the end): the entry pulumi-aws writes.
 */
import {
  ACMClient,
  type CertificateDetail,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
} from "@aws-sdk/client-acm";
import { acmCertificate as kind, certificateRegion } from "../../kinds/acm-certificate.js";
import { nameMatches, type CloudResource, type Identity } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  awsCode,
  type CloudContext,
  type KindDriver,
  type Sighting,
  callUnlessMissing,
  found,
  gatedDelete,
  tagMap,
} from "./types.js";
import { t, items } from "../../i18n/index.js";

const MISSING = ["ResourceNotFoundException"];

const client = (ctx: CloudContext, region: string) => ctx.clients.client(ACMClient, "ACM", region);

/** The certificate ARN an identity gives (its arn, id or name), if any. */
function arnOf(identity: Identity): string | undefined {
  return [identity.arn, identity.id, identity.name].find(
    (v): v is string => v !== undefined && certificateRegion(v) !== undefined,
  );
}

const iso = (d: Date | undefined) => (d === undefined ? "" : d.toISOString());

function toResource(
  c: CertificateDetail,
  seen: Pick<Sighting, "region" | "foundBy" | "tags">,
): CloudResource {
  return found(kind, {
    name: c.DomainName ?? c.CertificateArn!,
    id: c.CertificateArn!,
    arn: c.CertificateArn,
    detail: {
      domainName: c.DomainName ?? "",
      status: c.Status ?? "",
      inUseBy: [...(c.InUseBy ?? [])],
    },
    ...seen,
  });
}

async function describe(ctx: CloudContext, arn: string): Promise<CertificateDetail | undefined> {
  const region = certificateRegion(arn)!;
  const got = await callUnlessMissing(ctx, MISSING, "acm", `DescribeCertificate ${arn}`, (signal) =>
    client(ctx, region).send(new DescribeCertificateCommand({ CertificateArn: arn }), {
      abortSignal: signal,
    }),
  );
  return got?.Certificate?.CertificateArn === undefined ? undefined : got.Certificate;
}

async function tagsOf(ctx: CloudContext, arn: string): Promise<Record<string, string>> {
  const got = await callUnlessMissing(ctx, MISSING, "acm", `ListTagsForCertificate ${arn}`, (signal) =>
    client(ctx, certificateRegion(arn)!).send(new ListTagsForCertificateCommand({ CertificateArn: arn }), {
      abortSignal: signal,
    }),
  );
  return tagMap(got?.Tags);
}

export const certificateDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const arn = arnOf(identity);
    const c = arn === undefined ? undefined : await describe(ctx, arn);
    if (c === undefined) return undefined;
    return toResource(c, { region: identity.region, foundBy: "read", tags: await tagsOf(ctx, arn!) });
  },

  async listByName(ctx, region, filter) {
    const out: CloudResource[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.call("acm", `ListCertificates ${region}`, (signal) =>
        client(ctx, region).send(new ListCertificatesCommand({ NextToken: token, MaxItems: 1000 }), {
          abortSignal: signal,
        }),
      );
      for (const s of page.CertificateSummaryList ?? []) {
        if (s.CertificateArn === undefined || s.DomainName === undefined) continue;
        if (!nameMatches(filter, s.DomainName)) continue;
        out.push(
          found(kind, {
            name: s.DomainName,
            id: s.CertificateArn,
            arn: s.CertificateArn,
            region,
            foundBy: "name",
            detail: { domainName: s.DomainName, status: s.Status ?? "" },
          }),
        );
      }
      token = page.NextToken || undefined;
    } while (token !== undefined);
    return out;
  },

  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const arn = arnOf(identity);
    const c = arn === undefined ? undefined : await describe(ctx, arn);
    if (c === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const inUse = (users: readonly string[]) => ({
      deleted: false,
      pending:
        users.length === 0
          ? t("cloud.acm.in-use", { arn: arn ?? "" })
          : t("cloud.acm.in-use-by", { arn: arn ?? "", users: items(users) }),
      steps: [] as string[],
    });
    if ((c.InUseBy ?? []).length > 0) return inUse(c.InUseBy!);
    try {
      const done = await callUnlessMissing(ctx, MISSING, "acm", `DeleteCertificate ${arn}`, (signal) =>
        client(ctx, identity.region).send(new DeleteCertificateCommand({ CertificateArn: arn }), {
          abortSignal: signal,
        }),
      );
      return {
        deleted: true,
        steps: [
          done === undefined
            ? t("cloud.step.already-gone")
            : t("cloud.step.deleted", { what: t("cloud.what.acm-certificate", { arn: arn ?? "" }) }),
        ],
      };
    } catch (e) {
      if (awsCode(e) === "ResourceInUseException") return inUse([]);
      throw e;
    }
  }),

  /**
   * The entry pulumi-aws 6 writes for `aws:acm/certificate:Certificate` (terraform-provider-aws's
   * `aws_acm_certificate`, an ACM-issued certificate): id and `arn` = the ARN; inputs `domainName`,
   * `validationMethod`, `subjectAlternativeNames` when more than the domain, `keyAlgorithm` and the
   * tags; outputs every attribute of the resource, with `domainValidationOptions` as the validation
   * records (name, type, value), `notBefore`/`notAfter` as RFC 3339, `pendingRenewal` false, and the
   * imported-certificate fields empty.
   */
  async adopt(ctx, identity) {
    const arn = arnOf(identity);
    const c = arn === undefined ? undefined : await describe(ctx, arn);
    if (c === undefined || arn === undefined) return undefined;
    const tags = await tagsOf(ctx, arn);
    const domain = c.DomainName ?? "";
    const sans = [...(c.SubjectAlternativeNames ?? [domain])];
    const method = c.DomainValidationOptions?.[0]?.ValidationMethod ?? "DNS";
    const inputs: PropertyMap = {
      __defaults: [],
      domainName: domain,
      keyAlgorithm: c.KeyAlgorithm ?? "RSA_2048",
      ...(sans.some((s) => s !== domain) ? { subjectAlternativeNames: sans } : {}),
      ...(Object.keys(tags).length === 0 ? {} : { tags: { ...tags } }),
      validationMethod: method,
    };
    const outputs: PropertyMap = {
      arn,
      certificateAuthorityArn: c.CertificateAuthorityArn ?? "",
      domainName: domain,
      domainValidationOptions: (c.DomainValidationOptions ?? [])
        .filter((o) => o.ResourceRecord !== undefined)
        .map((o) => ({
          domainName: o.DomainName ?? "",
          resourceRecordName: o.ResourceRecord!.Name ?? "",
          resourceRecordType: o.ResourceRecord!.Type ?? "",
          resourceRecordValue: o.ResourceRecord!.Value ?? "",
        })),
      earlyRenewalDuration: "",
      id: arn,
      keyAlgorithm: c.KeyAlgorithm ?? "RSA_2048",
      notAfter: iso(c.NotAfter),
      notBefore: iso(c.NotBefore),
      options: {
        certificateTransparencyLoggingPreference:
          c.Options?.CertificateTransparencyLoggingPreference ?? "ENABLED",
      },
      pendingRenewal: false,
      renewalEligibility: c.RenewalEligibility ?? "",
      renewalSummaries: [],
      status: c.Status ?? "",
      subjectAlternativeNames: sans,
      tags: { ...tags },
      tagsAll: { ...tags },
      type: c.Type ?? "AMAZON_ISSUED",
      validationEmails: [],
      validationMethod: method,
      validationOptions: [],
    };
    return { id: arn, inputs, outputs };
  },
};

export const drivers: readonly KindDriver[] = [certificateDriver];
