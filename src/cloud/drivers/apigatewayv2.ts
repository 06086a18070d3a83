/**
 * API Gateway v2, the driver for custom domain names (src/kinds/apigatewayv2-domain.ts) and their API
 * mappings (src/kinds/apigatewayv2-api-mapping.ts), through the generic client (endpoint id `APIGATEWAYV2`).
 *
 * Domains: GetDomainName; GetDomainNames (paged with NextToken) for the names states give; tags come
 * with the domain. Deleting a domain deletes its API mappings first (GetApiMappings, DeleteApiMapping:
 * each a step of the gated delete), then DeleteDomainName — the order pulumi-aws keeps, and what leaves
 * nothing half done if the domain's delete fails.
 * Mappings: GetApiMapping by id (with its domain), else the domain's mappings (GetApiMappings, paged)
 * by key; listed per domain the states name (the domain is their group). DeleteApiMapping.
 * Adopting (at the end): the entries pulumi-aws writes.
 */
import {
  ApiGatewayV2Client,
  DeleteApiMappingCommand,
  DeleteDomainNameCommand,
  type DomainName,
  GetApiMappingCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
} from "@aws-sdk/client-apigatewayv2";
import { apigatewayv2Domain as domainKind, domainArn } from "../../kinds/apigatewayv2-domain.js";
import {
  apigatewayv2ApiMapping as mappingKind,
  mappingImportId,
  mappingName,
  parseMappingRef,
} from "../../kinds/apigatewayv2-api-mapping.js";
import { nameMatches, type CloudResource, type Identity, type NameFilter } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  type CloudContext,
  type KindDriver,
  type Sighting,
  callUnlessMissing,
  found,
  gatedDelete,
  unlessMissing,
} from "./types.js";
import { t } from "../../i18n/index.js";

const MISSING = ["NotFoundException"];

interface Mapping {
  ApiMappingId?: string | undefined;
  ApiId?: string | undefined;
  ApiMappingKey?: string | undefined;
  Stage?: string | undefined;
}

const client = (ctx: CloudContext, region: string) =>
  ctx.clients.client(ApiGatewayV2Client, "APIGATEWAYV2", region);

/** pulumi-aws's `__meta` for a domain name: the Terraform resource's timeouts (create 10 min, update 60). */
const DOMAIN_META = JSON.stringify({
  "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": { create: 600_000_000_000, update: 3_600_000_000_000 },
});

/* Domains ------------------------------------------------------------------------------------------ */

function domainResource(d: DomainName, seen: Pick<Sighting, "region" | "foundBy">): CloudResource {
  const c = d.DomainNameConfigurations?.[0];
  return found(domainKind, {
    name: d.DomainName!,
    arn: domainArn(seen.region, d.DomainName!),
    tags: { ...(d.Tags ?? {}) },
    detail: {
      certificateArn: c?.CertificateArn ?? "",
      endpointType: c?.EndpointType ?? "",
      securityPolicy: c?.SecurityPolicy ?? "",
      status: c?.DomainNameStatus ?? "",
    },
    ...seen,
  });
}

async function getDomain(ctx: CloudContext, region: string, name: string): Promise<DomainName | undefined> {
  const got = await callUnlessMissing(ctx, MISSING, "apigatewayv2", `GetDomainName ${name}`, (signal) =>
    client(ctx, region).send(new GetDomainNameCommand({ DomainName: name }), { abortSignal: signal }),
  );
  return got?.DomainName === undefined ? undefined : { ...got, DomainName: got.DomainName };
}

/** Every custom domain name of the region (paged). */
async function listDomains(ctx: CloudContext, region: string): Promise<DomainName[]> {
  const out: DomainName[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call("apigatewayv2", `GetDomainNames ${region}`, (signal) =>
      client(ctx, region).send(new GetDomainNamesCommand({ NextToken: token, MaxResults: "100" }), {
        abortSignal: signal,
      }),
    );
    out.push(...(page.Items ?? []));
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return out;
}

/** Every API mapping of a domain (paged); undefined when the domain is gone. */
async function listMappings(
  ctx: CloudContext,
  region: string,
  domain: string,
): Promise<Mapping[] | undefined> {
  return unlessMissing(MISSING, async () => {
    const out: Mapping[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.call("apigatewayv2", `GetApiMappings ${domain}`, (signal) =>
        client(ctx, region).send(
          new GetApiMappingsCommand({ DomainName: domain, NextToken: token, MaxResults: "100" }),
          { abortSignal: signal },
        ),
      );
      out.push(...(page.Items ?? []));
      token = page.NextToken || undefined;
    } while (token !== undefined);
    return out;
  });
}

export const domainDriver: KindDriver = {
  ...domainKind,

  async read(ctx, identity) {
    const d = await getDomain(ctx, identity.region, identity.name);
    return d === undefined ? undefined : domainResource(d, { region: identity.region, foundBy: "read" });
  },

  async listByName(ctx, region, filter) {
    const all = await listDomains(ctx, region);
    return all
      .filter((d) => d.DomainName !== undefined && nameMatches(filter, d.DomainName))
      .map((d) => domainResource(d, { region, foundBy: "name" }));
  },

  delete: gatedDelete(domainKind.kind, async (ctx, identity) => {
    const steps: string[] = [];
    // Its mappings first: nothing keeps routing to the domain while it goes.
    for (const m of (await listMappings(ctx, identity.region, identity.name)) ?? []) {
      const gone = await callUnlessMissing(
        ctx,
        MISSING,
        "apigatewayv2",
        `DeleteApiMapping ${m.ApiMappingId}`,
        (signal) =>
          client(ctx, identity.region).send(
            new DeleteApiMappingCommand({ DomainName: identity.name, ApiMappingId: m.ApiMappingId }),
            { abortSignal: signal },
          ),
      );
      if (gone !== undefined)
        steps.push(
          t("cloud.step.deleted", {
            what: t("cloud.what.api-mapping", { name: mappingName(identity.name, m.ApiMappingKey ?? "") }),
          }),
        );
    }
    const done = await callUnlessMissing(
      ctx,
      MISSING,
      "apigatewayv2",
      `DeleteDomainName ${identity.name}`,
      (signal) =>
        client(ctx, identity.region).send(new DeleteDomainNameCommand({ DomainName: identity.name }), {
          abortSignal: signal,
        }),
    );
    steps.push(
      done === undefined
        ? t("cloud.step.already-gone")
        : t("cloud.step.deleted", { what: t("cloud.what.api-domain", { name: identity.name }) }),
    );
    return { deleted: true, steps };
  }),

  async adopt(ctx, identity) {
    const d = await getDomain(ctx, identity.region, identity.name);
    if (d?.DomainName === undefined) return undefined;
    return adoptedDomain(d, identity.region);
  },
};

/**
 * The entry pulumi-aws 6 writes for `aws:apigatewayv2/domainName:DomainName` (terraform-provider-aws's
 * `aws_apigatewayv2_domain_name`, its list-of-one blocks as objects): id = the domain name; inputs
 * `domainName`, `domainNameConfiguration` {certificateArn, endpointType, securityPolicy} and the tags;
 * outputs the computed `apiMappingSelectionExpression`, `arn` (no account), the configuration with
 * `hostedZoneId` and `targetDomainName`, `mutualTlsAuthentication` (null when off), `tags`, `tagsAll`,
 * and `__meta` with the resource's timeouts. Not read: ownership-verification certificates (SST sets none).
 */
function adoptedDomain(d: DomainName, region: string) {
  const c = d.DomainNameConfigurations?.[0];
  const name = d.DomainName!;
  const tags = { ...(d.Tags ?? {}) };
  const config: PropertyMap = {
    certificateArn: c?.CertificateArn ?? "",
    endpointType: c?.EndpointType ?? "REGIONAL",
    securityPolicy: c?.SecurityPolicy ?? "TLS_1_2",
  };
  const mtls = d.MutualTlsAuthentication;
  const inputs: PropertyMap = {
    __defaults: [],
    domainName: name,
    domainNameConfiguration: { __defaults: [], ...config },
    ...(Object.keys(tags).length === 0 ? {} : { tags: { ...tags } }),
  };
  const outputs: PropertyMap = {
    __meta: DOMAIN_META,
    apiMappingSelectionExpression: d.ApiMappingSelectionExpression ?? "$request.basepath",
    arn: domainArn(region, name),
    domainName: name,
    domainNameConfiguration: {
      ...config,
      hostedZoneId: c?.HostedZoneId ?? "",
      ownershipVerificationCertificateArn: c?.OwnershipVerificationCertificateArn ?? "",
      targetDomainName: c?.ApiGatewayDomainName ?? "",
    },
    id: name,
    mutualTlsAuthentication:
      mtls?.TruststoreUri === undefined
        ? null
        : { truststoreUri: mtls.TruststoreUri, truststoreVersion: mtls.TruststoreVersion ?? "" },
    tags,
    tagsAll: { ...tags },
  };
  return { id: name, inputs, outputs };
}

/* API mappings -------------------------------------------------------------------------------------- */

function mappingResource(
  domain: string,
  m: Mapping,
  seen: Pick<Sighting, "region" | "foundBy">,
): CloudResource {
  return found(mappingKind, {
    name: mappingName(domain, m.ApiMappingKey ?? ""),
    id: mappingImportId(m.ApiMappingId!, domain),
    detail: { apiId: m.ApiId ?? "", stage: m.Stage ?? "", apiMappingKey: m.ApiMappingKey ?? "" },
    ...seen,
  });
}

/** The mapping an identity names: by id (import id), else by its domain and key; and its domain. */
async function getMapping(
  ctx: CloudContext,
  identity: Identity,
): Promise<{ domain: string; mapping: Mapping } | undefined> {
  const ref = parseMappingRef(identity.id) ?? parseMappingRef(identity.name);
  if (ref === undefined) return undefined;
  const key = ref.key ?? parseMappingRef(identity.name)?.key;
  if (ref.mappingId !== undefined) {
    const got = await callUnlessMissing(
      ctx,
      MISSING,
      "apigatewayv2",
      `GetApiMapping ${ref.mappingId}`,
      (signal) =>
        client(ctx, identity.region).send(
          new GetApiMappingCommand({ DomainName: ref.domain, ApiMappingId: ref.mappingId }),
          { abortSignal: signal },
        ),
    );
    if (got?.ApiMappingId !== undefined) return { domain: ref.domain, mapping: got };
    if (key === undefined) return undefined;
  }
  const all = await listMappings(ctx, identity.region, ref.domain);
  const m = all?.find((x) => (x.ApiMappingKey ?? "") === key);
  return m?.ApiMappingId === undefined ? undefined : { domain: ref.domain, mapping: m };
}

/** The domains a name filter asks about (its group prefixes `<domain>/` and the names' domains). */
function domainsOf(filter: NameFilter): string[] {
  const domains = [...filter.prefixes, ...filter.names].map(
    (n) => parseMappingRef(n)?.domain ?? n.replace(/\/$/, ""),
  );
  return [...new Set(domains)].filter((d) => d.includes("."));
}

export const mappingDriver: KindDriver = {
  ...mappingKind,

  async read(ctx, identity) {
    const got = await getMapping(ctx, identity);
    return got === undefined
      ? undefined
      : mappingResource(got.domain, got.mapping, { region: identity.region, foundBy: "read" });
  },

  async listByName(ctx, region, filter) {
    const out: CloudResource[] = [];
    for (const domain of domainsOf(filter)) {
      for (const m of (await listMappings(ctx, region, domain)) ?? []) {
        const r =
          m.ApiMappingId === undefined ? undefined : mappingResource(domain, m, { region, foundBy: "name" });
        if (r !== undefined && nameMatches(filter, r.name)) out.push(r);
      }
    }
    return out;
  },

  delete: gatedDelete(mappingKind.kind, async (ctx, identity) => {
    const got = await getMapping(ctx, identity);
    if (got === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const done = await callUnlessMissing(
      ctx,
      MISSING,
      "apigatewayv2",
      `DeleteApiMapping ${identity.name}`,
      (signal) =>
        client(ctx, identity.region).send(
          new DeleteApiMappingCommand({ DomainName: got.domain, ApiMappingId: got.mapping.ApiMappingId }),
          { abortSignal: signal },
        ),
    );
    return {
      deleted: true,
      steps: [
        done === undefined
          ? t("cloud.step.already-gone")
          : t("cloud.step.deleted", { what: t("cloud.what.api-mapping", { name: identity.name }) }),
      ],
    };
  }),

  /**
   * The entry pulumi-aws 6 writes for `aws:apigatewayv2/apiMapping:ApiMapping`
   * (`aws_apigatewayv2_api_mapping`): id = the mapping id; inputs `apiId`, `domainName`, `stage` and
   * `apiMappingKey` when not the root; outputs the same with `apiMappingKey` ("" for the root) and `id`.
   * Takes the import id (`<mapping id>/<domain>`, what doctor prints) or stateward's `<domain>/<key>`.
   */
  async adopt(ctx, identity) {
    const got = await getMapping(ctx, identity);
    if (got === undefined) return undefined;
    const { domain, mapping: m } = got;
    const key = m.ApiMappingKey ?? "";
    const shared: PropertyMap = { apiId: m.ApiId ?? "", domainName: domain, stage: m.Stage ?? "" };
    const inputs: PropertyMap = { __defaults: [], ...(key === "" ? {} : { apiMappingKey: key }), ...shared };
    const outputs: PropertyMap = { apiMappingKey: key, ...shared, id: m.ApiMappingId! };
    return { id: m.ApiMappingId!, inputs, outputs };
  },
};

export const drivers: readonly KindDriver[] = [domainDriver, mappingDriver];
