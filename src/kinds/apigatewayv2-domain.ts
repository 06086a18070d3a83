/**
 * API Gateway v2 custom domain name (`aws:apigatewayv2/domainName:DomainName`): regional; the state
 * id and the physical name are the `domainName` input (what SST's `ApiGatewayV2` `domain.name` says,
 * docs/coverage/sst-resources.md §2.10). Its ARN has no account:
 * `arn:aws:apigateway:<region>::/domainnames/<name>` — the tags are read and written by that ARN,
 * and the tagging API lists it as `apigateway:domainnames`.
 *
 * Custom domain names are unique per region and account (REST and HTTP APIs share them): creating one
 * that exists fails with `ConflictException: The domain name you provided already exists.` (the v2 API's
 * code; the REST API answers BadRequestException with the same text). A domain is deleted after its
 * API mappings (apigatewayv2-api-mapping) and before its certificate (acm-certificate), which ACM
 * refuses to delete while the domain uses it.
 */
import { t } from "../i18n/index.js";
import { prop, splitArn, type DriftItem, type Kind } from "./types.js";

export const DOMAIN_TOKEN = "aws:apigatewayv2/domainName:DomainName";

/** The ARN API Gateway gives a custom domain name (no account in it). */
export function domainArn(region: string, name: string): string {
  return `arn:aws:apigateway:${region}::/domainnames/${name}`;
}

/** The domain name in a custom domain's ARN (`…::/domainnames/api.example.com`), else undefined. */
export function domainOfArn(arn: string): string | undefined {
  const a = splitArn(arn);
  const m = /^\/domainnames\/([^/]+)$/.exec(a?.resource ?? "");
  return a?.service === "apigateway" && a.account === "" && m !== null ? m[1] : undefined;
}

/** Its certificate, as state records it (`domainNameConfiguration.certificateArn`). */
function stateCertificate(resource: Parameters<Kind["drift"]>[0]): string | undefined {
  for (const source of [resource.outputs, resource.inputs]) {
    const config = source?.domainNameConfiguration;
    if (config !== null && typeof config === "object" && !Array.isArray(config)) {
      const arn = (config as Record<string, unknown>).certificateArn;
      if (typeof arn === "string" && arn !== "") return arn;
    }
  }
  return undefined;
}

/** What to do about a domain name a CloudFront distribution holds as an alias (the fix `explain` prints). */
function cloudfrontAliasFix(_logical: string, doctor: string): string[] {
  return [
    doctor,
    t("kinds.apigatewayv2-domain.cloudfront-alias.find", {
      command:
        "aws cloudfront list-distributions --query \"DistributionList.Items[?Aliases.Items && contains(Aliases.Items, '<domain>')].Id\"",
    }),
    t("kinds.apigatewayv2-domain.cloudfront-alias.remove"),
  ];
}

export const apigatewayv2Domain: Kind = {
  kind: "apigatewayv2-domain",
  get label() {
    return t("kinds.apigatewayv2-domain.label");
  },
  types: [DOMAIN_TOKEN],
  cfnType: "AWS::ApiGatewayV2::DomainName",
  service: "apigatewayv2",
  global: false,
  taggable: true,
  tagType: "apigateway:domainnames",
  // Also listed by the names the states give (GetDomainNames, paged): one listing settles them all.
  nameListed: true,
  nameFields: ["domainName"],
  wording: {
    get label() {
      return t("kinds.apigatewayv2-domain.label");
    },
    // `creating API Gateway v2 Domain Name (<name>): …` (terraform-provider-aws, pulumi-aws 6).
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["api gateway v2 domain name", "apigatewayv2 domain name"],
    alreadyExists: [
      {
        // ApiGatewayV2 CreateDomainName (and the REST API's CreateDomainName, same text).
        re: /(?:ConflictException|BadRequestException):? ?The domain name you provided already exists/,
        code: "ConflictException",
      },
      {
        // The name is a CloudFront distribution's alias (here or in another account): API Gateway
        // refuses it (amplify-education/serverless-domain-manager#24, #58).
        re: /BadRequestException:? ?The domain name you provided is already associated with an existing CloudFront distribution/,
        code: "BadRequestException",
        takenElsewhere: {
          cause: (what) => t("kinds.apigatewayv2-domain.cloudfront-alias.cause", { what }),
          fix: cloudfrontAliasFix,
        },
      },
      {
        // CloudFormation's generic form: the identifier is the domain name.
        re: /Resource of type 'AWS::ApiGatewayV2::DomainName' with identifier '([^']+)' already exists/,
        code: "AlreadyExists",
        nameGroup: 1,
      },
    ],
    nameInMessage: /creating API Gateway v2 Domain Name \(([^)]+)\)/i,
  },
  // After its API mappings (1.2), before its certificate (last): ACM refuses to delete a certificate
  // a domain still uses.
  deleteRank: 1.3,
  deleteAfter: ["apigatewayv2-api-mapping"],

  fromArn(arn) {
    const name = domainOfArn(arn);
    return name === undefined ? undefined : { name, id: name, region: splitArn(arn)!.region, arn };
  },

  identify(resource, region) {
    const name = prop(resource, "domainName") ?? resource.id;
    if (name === undefined || name === "") return undefined;
    return { name, id: resource.id ?? name, region, arn: prop(resource, "arn") ?? domainArn(region, name) };
  },

  drift(resource, cloud) {
    const items: DriftItem[] = [];
    const state = stateCertificate(resource);
    const actual = cloud.detail?.certificateArn;
    if (state !== undefined && typeof actual === "string" && actual !== state) {
      items.push({ property: "domainNameConfiguration.certificateArn", state, cloud: actual });
    }
    return items;
  },
};
