/**
 * API Gateway v2 API mapping (`aws:apigatewayv2/apiMapping:ApiMapping`): what routes a custom domain
 * (or a path of it) to an API's stage — SST's `${name}DomainMapping`, with `apiMappingKey` =
 * `domain.path` (docs/coverage/sst-resources.md §2.10). Its Pulumi id is the mapping id API Gateway
 * chose; pulumi-aws imports it as `<mapping id>/<domain name>`, since a mapping is read through its
 * domain.
 *
 * What collides is the pair (domain, key): a domain has at most one mapping per key, and a second
 * CreateApiMapping for it fails with `ConflictException: ApiMapping key already exists for this domain
 * name` (aws/aws-cdk#22660, test/fixtures/already-exists/apigatewayv2-api-mapping.log). So stateward
 * names a mapping by that pair, `<domain>/<key>` (the root mapping, key "", is `<domain>/`: what the
 * URL looks like), and keys it by that name: a pending create (no mapping id yet) meets the mapping
 * that blocks it. Its stateward id is pulumi-aws's import id, `<mapping id>/<domain>` (`adopt` takes
 * it as printed); a pending create's id is its name until then.
 *
 * Mappings take no tags and have no ARN the tagging API lists: they are found by listing the mappings
 * of each domain a stage's states name (the domain is their group, as a zone is for records). A
 * mapping goes before its domain in a deletion.
 */
import { t } from "../i18n/index.js";
import { prop, type Identity, type Kind } from "./types.js";

export const MAPPING_TOKEN = "aws:apigatewayv2/apiMapping:ApiMapping";

/** How stateward names a mapping: `<domain>/<key>` (the root mapping, key "", is `<domain>/`). */
export function mappingName(domain: string, key: string): string {
  return `${domain}/${key}`;
}

/** The import id pulumi-aws takes for a mapping: `<mapping id>/<domain name>`. */
export function mappingImportId(mappingId: string, domain: string): string {
  return `${mappingId}/${domain}`;
}

/**
 * What a mapping's name or id says: the domain always; the key from a name (`<domain>/<key>`), the
 * mapping id from an import id (`<mapping id>/<domain>`). A domain has a dot, a mapping id none.
 */
export function parseMappingRef(
  text: string,
): { domain: string; key?: string; mappingId?: string } | undefined {
  const i = text.indexOf("/");
  if (i <= 0) return undefined;
  const head = text.slice(0, i);
  const tail = text.slice(i + 1);
  if (head.includes(".")) return { domain: head, key: tail };
  if (/^[a-z0-9]+$/i.test(head) && tail.includes(".") && !tail.includes("/")) {
    return { domain: tail, mappingId: head };
  }
  return undefined;
}

export const apigatewayv2ApiMapping: Kind = {
  kind: "apigatewayv2-api-mapping",
  get label() {
    return t("kinds.apigatewayv2-api-mapping.label");
  },
  types: [MAPPING_TOKEN],
  cfnType: "AWS::ApiGatewayV2::ApiMapping",
  service: "apigatewayv2",
  global: false,
  // No tags, no ARN in the tagging API: found by listing its domain's mappings.
  taggable: false,
  // No name of its own: API Gateway chose its id; the key is only unique within the domain.
  nameFields: [],
  wording: {
    get label() {
      return t("kinds.apigatewayv2-api-mapping.label");
    },
    // `creating API Gateway v2 API Mapping: …` (terraform-provider-aws, pulumi-aws 6; no name in it).
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["api gateway v2 api mapping", "apigatewayv2 api mapping"],
    alreadyExists: [
      {
        // CDK/CloudFormation (aws/aws-cdk#22660) and the SDKs: API Gateway's own text, no name in it.
        re: /ApiMapping key already exists for this domain name/,
        code: "ConflictException",
      },
    ],
    // What `pulumi import` takes, when the name given is already the import id.
    importId: (name) => (parseMappingRef(name)?.mappingId === undefined ? undefined : name),
  },
  // Before its domain (1.3): it refers to it.
  deleteRank: 1.2,

  // The group a listing walks whole: the mappings of one domain.
  groupPrefix(id) {
    const ref = parseMappingRef(id);
    return ref === undefined ? undefined : `${ref.domain}/`;
  },
  foundInGroup: (stage) => t("kinds.apigatewayv2-api-mapping.found-in-group", { stage }),

  fromArn() {
    // Mappings have no ARN the tagging API lists.
    return undefined;
  },

  identify(resource, region) {
    const domain = prop(resource, "domainName");
    const mappingId = resource.id ?? prop(resource, "id");
    if (domain === undefined) {
      // An imported entry may have only its id; its import id form names the domain.
      const ref = mappingId === undefined ? undefined : parseMappingRef(mappingId);
      if (ref?.mappingId === undefined) return undefined;
      return { name: mappingId!, id: mappingId!, region };
    }
    const key = prop(resource, "apiMappingKey") ?? "";
    const name = mappingName(domain, key);
    const identity: Identity = {
      name,
      id: mappingId === undefined ? name : mappingImportId(mappingId, domain),
      region,
    };
    return identity;
  },

  drift(resource, cloud) {
    const items = [];
    for (const property of ["apiId", "stage"]) {
      const state = prop(resource, property);
      const actual = cloud.detail?.[property];
      if (state !== undefined && typeof actual === "string" && actual !== state) {
        items.push({ property, state, cloud: actual });
      }
    }
    return items;
  },
};
