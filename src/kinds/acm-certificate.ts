/**
 * ACM certificate (`aws:acm/certificate:Certificate`): regional (SST requests the ones CloudFront uses
 * in us-east-1, through a provider of that region, and an API's in the API's region); the state id is
 * its ARN, `arn:aws:acm:<region>:<account>:certificate/<uuid>`. It has no name of its own: its
 * `domainName` is what a report shows, but ACM allows any number of certificates for one domain, so
 * certificates are told apart by ARN (`keyedById`) and RequestCertificate never fails with "already
 * exists" (docs/coverage/sst-resources.md §4; no such text in any thread). What matters is leftovers
 * (found by their stage tags: the tagging API lists them as `acm:certificate`) and stale entries.
 *
 * A certificate in use (by a custom domain name or a CloudFront distribution) cannot be deleted:
 * DeleteCertificate fails with ResourceInUseException until they are gone — and ACM notices that with
 * a delay (aws/aws-cdk#36265) — so it is last among these in a deletion.
 */
import { t } from "../i18n/index.js";
import { prop, splitArn, type DriftItem, type Kind } from "./types.js";

export const CERTIFICATE_TOKEN = "aws:acm/certificate:Certificate";

/** Whether an ARN is an ACM certificate's; its region when so. */
export function certificateRegion(arn: string): string | undefined {
  const a = splitArn(arn);
  return a?.service === "acm" && /^certificate\/[\w-]+$/.test(a.resource) ? a.region : undefined;
}

export const acmCertificate: Kind = {
  kind: "acm-certificate",
  get label() {
    return t("kinds.acm-certificate.label");
  },
  types: [CERTIFICATE_TOKEN],
  cfnType: "AWS::CertificateManager::Certificate",
  service: "acm",
  global: false,
  taggable: true,
  tagType: "acm:certificate",
  // Many certificates may share a domain name: each is its ARN.
  keyedById: true,
  // No physical name: ACM chose its ARN.
  nameFields: [],
  wording: {
    get label() {
      return t("kinds.acm-certificate.label");
    },
    // `creating ACM Certificate (…)`, `deleting ACM Certificate (arn…)` (terraform-provider-aws).
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["acm certificate"],
  },
  // Last among what stateward deletes: custom domains (1.3) and distributions (0) use it.
  deleteRank: 11,
  deleteAfter: ["apigatewayv2-domain", "cloudfront-distribution"],

  fromArn(arn) {
    const region = certificateRegion(arn);
    return region === undefined ? undefined : { name: arn, id: arn, region, arn };
  },

  identify(resource, region) {
    const arn = [resource.id, prop(resource, "arn")].find(
      (v): v is string => v !== undefined && certificateRegion(v) !== undefined,
    );
    const name = prop(resource, "domainName") ?? arn;
    if (name === undefined) return undefined;
    // A pending create has no ARN yet: its domain name stands for it (it can meet no certificate).
    return arn === undefined ? { name, id: name, region } : { name, id: arn, region, arn };
  },

  drift(resource, cloud) {
    const items: DriftItem[] = [];
    const domain = prop(resource, "domainName");
    const actual = cloud.detail?.domainName;
    if (domain !== undefined && typeof actual === "string" && actual !== domain) {
      items.push({ property: "domainName", state: domain, cloud: actual });
    }
    // A certificate that expired, was revoked or failed validation no longer serves its domain.
    const status = cloud.detail?.status;
    const was = prop(resource, "status");
    if (typeof status === "string" && status !== "ISSUED" && status !== "PENDING_VALIDATION") {
      items.push({ property: "status", state: was ?? "ISSUED", cloud: status });
    }
    return items;
  },
};
