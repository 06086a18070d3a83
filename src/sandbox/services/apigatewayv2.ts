/**
 * Amazon API Gateway v2 (restJson under `/v2`, signing name `apigateway`): custom domain names
 * (`/v2/domainnames`), their API mappings (`/v2/domainnames/{domainName}/apimappings`), a minimal API
 * (`/v2/apis`: create, get, delete — so that a mapping has an API to point at), and tags by ARN
 * (`/v2/tags/{resource-arn}`). Member names on the wire are the model's camelCase `jsonName`s.
 *
 * As AWS answers (texts from real logs and moto's apigatewayv2 tests):
 * - a domain name that exists: ConflictException 409 "The domain name you provided already exists."
 *   (the ACK controller's log of ApiGatewayV2 CreateDomainName);
 * - a mapping key the domain already has: ConflictException 409 "ApiMapping key already exists for this
 *   domain name" (aws/aws-cdk#22660);
 * - unknown domain: NotFoundException 404 "The domain name resource specified in the request was not
 *   found."; unknown mapping: "The api mapping resource specified in the request was not found.";
 *   unknown API: "Invalid API identifier specified <id>";
 * - a certificate ACM (this local cloud's) does not hold in the region: BadRequestException
 *   "The provided certificate does not exist."; one not ISSUED yet: BadRequestException "Certificate <arn>
 *   in account <account> not yet issued (… Error Code: RequestInProgressException …)" (both from
 *   terraform-provider-aws users' logs).
 * Listings page with `maxResults` (a string on the wire, as the model says) and `nextToken`.
 * A domain is AVAILABLE at once. DeleteDomainName removes the domain's API mappings with it (the
 * console warns so); stateward's driver deletes them first anyway. The domain names a certificate is
 * used by are reported to ACM (`certificateUsers`), which then refuses to delete it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { paginate, restJsonError, restService } from "../core/service.js";
import { restJsonBody, restJsonResponse } from "../core/protocols.js";
import { AwsError, type SandboxRequest, type ServiceContext, type TaggedResource } from "../core/types.js";
import { own, put } from "../core/records.js";
import { certificateState, certificateUse } from "./acm.js";

interface DomainName {
  domainName: string;
  certificateArn: string;
  endpointType: string;
  securityPolicy: string;
  ipAddressType: string;
  targetDomainName: string;
  hostedZoneId: string;
  mutualTlsAuthentication?: { truststoreUri: string; truststoreVersion?: string };
  tags: Record<string, string>;
  /** Keyed by mapping id. */
  mappings: Record<string, ApiMapping>;
}

interface ApiMapping {
  apiMappingId: string;
  apiId: string;
  apiMappingKey: string;
  stage: string;
}

interface Api {
  apiId: string;
  name: string;
  protocolType: string;
  createdDate: string;
  tags: Record<string, string>;
}

interface State {
  domains: Record<string, DomainName>;
  apis: Record<string, Api>;
}

const V = "/v2";
const MAX_PAGE = 500;
/** The hosted zone API Gateway's regional endpoints answer from (one per region on AWS). */
const REGIONAL_ZONE = "Z1UJRXOUMOOFQ8";
const ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

const bad = (message: string) => new AwsError("BadRequestException", message);
const notFound = (message: string) => new AwsError("NotFoundException", message, 404);
const domainNotFound = () => notFound("The domain name resource specified in the request was not found.");

function randomId(length: number): string {
  return [...randomBytes(length)].map((b) => ID_CHARS[b % ID_CHARS.length]).join("");
}

const body = (req: SandboxRequest) => restJsonBody(req, () => bad("Could not parse request body into json"));

export function domainArnOf(region: string, name: string): string {
  return `arn:aws:apigateway:${region}::/domainnames/${name}`;
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

/** `maxResults` (a string on the wire) in [1, 500]; AWS's page size when absent. */
function pageSize(req: SandboxRequest): number {
  const raw = req.query.get("maxResults");
  if (raw === null || raw === "") return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE)
    throw bad(`maxResults must be between 1 and ${MAX_PAGE}`);
  return n;
}

function nextToken(req: SandboxRequest): string | undefined {
  const t = req.query.get("nextToken");
  return t === null || t === "" ? undefined : t;
}

/** What a mapping key may be (moto's apigatewayv2 tests quote these texts). */
function checkKey(key: string): void {
  if (key.startsWith("/") || key.includes("//")) {
    throw bad("API mapping key should not start with a '/' or have consecutive '/'s.");
  }
  if (key.endsWith("/")) throw bad("API mapping key should not end with a '/'.");
}

function domainView(d: DomainName, region: string) {
  return {
    apiMappingSelectionExpression: "$request.basepath",
    domainName: d.domainName,
    domainNameArn: domainArnOf(region, d.domainName),
    domainNameConfigurations: [
      {
        apiGatewayDomainName: d.targetDomainName,
        certificateArn: d.certificateArn,
        domainNameStatus: "AVAILABLE",
        endpointType: d.endpointType,
        hostedZoneId: d.hostedZoneId,
        ipAddressType: d.ipAddressType,
        securityPolicy: d.securityPolicy,
      },
    ],
    ...(d.mutualTlsAuthentication === undefined
      ? {}
      : { mutualTlsAuthentication: d.mutualTlsAuthentication }),
    tags: { ...d.tags },
  };
}

/** The first (and, for a regional name, only) configuration of a CreateDomainName. */
function configurationOf(input: Record<string, unknown>, region: string, ctx: ServiceContext) {
  const list = input.domainNameConfigurations;
  const c = (Array.isArray(list) ? list[0] : undefined) as Record<string, unknown> | undefined;
  const certificateArn = typeof c?.certificateArn === "string" ? c.certificateArn : undefined;
  if (certificateArn === undefined) {
    throw bad("A certificate is required for a regional domain name: set certificateArn.");
  }
  const status = certificateState(ctx, certificateArn);
  if (status === undefined) throw bad("The provided certificate does not exist.");
  if (status !== "ISSUED") {
    // API Gateway passes on ACM's RequestInProgressException (a terraform-provider-aws user's log).
    throw bad(
      `Certificate ${certificateArn} in account ${ctx.accountId} not yet issued (Service: AWSCertificateManager; Status Code: 400; Error Code: RequestInProgressException; Request ID: ${randomUUID()}; Proxy: null)`,
    );
  }
  const endpointType = typeof c?.endpointType === "string" ? c.endpointType : "REGIONAL";
  if (endpointType !== "REGIONAL") throw bad("Invalid endpoint type: HTTP APIs support REGIONAL only.");
  return {
    certificateArn,
    endpointType,
    securityPolicy: typeof c?.securityPolicy === "string" ? c.securityPolicy : "TLS_1_2",
    ipAddressType: typeof c?.ipAddressType === "string" ? c.ipAddressType : "ipv4",
    targetDomainName: `d-${randomId(10)}.execute-api.${region}.amazonaws.com`,
    hostedZoneId: REGIONAL_ZONE,
  };
}

export const apigatewayv2 = restService<State>({
  id: "apigatewayv2",
  signingNames: ["apigateway"],
  throttle: { code: "TooManyRequestsException", status: 429, message: "Too Many Requests" },
  initial: () => ({ domains: {}, apis: {} }),
  tagged: (state, region) =>
    Object.values(state.domains).map((d) => {
      const resource: TaggedResource = {
        arn: domainArnOf(region, d.domainName),
        resourceType: "apigateway:domainnames",
        tags: { ...d.tags },
      };
      certificateUse.set(resource, d.certificateArn);
      return resource;
    }),
  formatError: (error) => restJsonError(error),
  notFound: (req) => notFound(`No operation for ${req.method} ${req.path}`),
  routes: (svc) => {
    const domain = (name: string): DomainName => {
      const d = own(svc.state.domains, name);
      if (d === undefined) throw domainNotFound();
      return d;
    };
    const mapping = (d: DomainName, id: string): ApiMapping => {
      const m = own(d.mappings, id);
      if (m === undefined) throw notFound("The api mapping resource specified in the request was not found.");
      return m;
    };
    /** The domain a tag ARN names (only domains are tagged here). */
    const byArn = (arn: string, ctx: ServiceContext): DomainName => {
      const m = /^arn:aws[\w-]*:apigateway:([\w-]+)::\/domainnames\/([^/]+)$/.exec(arn);
      if (m === null || m[1] !== ctx.region) throw notFound(`Invalid resource identifier specified ${arn}`);
      return domain(m[2]!);
    };
    return [
      {
        method: "POST",
        path: `${V}/apis`,
        operation: "CreateApi",
        handler: (_l, req, ctx) => {
          const input = body(req);
          if (typeof input.name !== "string" || input.name === "") throw bad("Name is required");
          const protocolType = input.protocolType;
          if (protocolType !== "HTTP" && protocolType !== "WEBSOCKET") {
            throw bad("Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]");
          }
          const api: Api = {
            apiId: randomId(10),
            name: input.name,
            protocolType,
            createdDate: ctx.now().toISOString(),
            tags: strings(input.tags),
          };
          put(svc.state.apis, api.apiId, api);
          return restJsonResponse(apiView(api, ctx.region), 201);
        },
      },
      {
        method: "GET",
        path: `${V}/apis/{apiId}`,
        operation: "GetApi",
        handler: (l, _req, ctx) => restJsonResponse(apiView(apiOf(svc.state, l.apiId!), ctx.region)),
      },
      {
        method: "DELETE",
        path: `${V}/apis/{apiId}`,
        operation: "DeleteApi",
        handler: (l) => {
          apiOf(svc.state, l.apiId!);
          delete svc.state.apis[l.apiId!];
          return restJsonResponse(undefined, 204);
        },
      },
      {
        method: "POST",
        path: `${V}/domainnames`,
        operation: "CreateDomainName",
        handler: (_l, req, ctx) => {
          const input = body(req);
          const name = input.domainName;
          if (typeof name !== "string" || name === "") throw bad("DomainName is required");
          if (!/^[a-z0-9*.-]+\.[a-z0-9-]+$/.test(name) || name.length > 512) {
            throw bad(`Invalid domain name identifier specified ${name}`);
          }
          if (own(svc.state.domains, name) !== undefined) {
            throw new AwsError("ConflictException", "The domain name you provided already exists.", 409);
          }
          const mtls = input.mutualTlsAuthentication as { truststoreUri?: unknown } | undefined;
          const d: DomainName = {
            domainName: name,
            ...configurationOf(input, ctx.region, ctx),
            ...(typeof mtls?.truststoreUri === "string"
              ? { mutualTlsAuthentication: { truststoreUri: mtls.truststoreUri } }
              : {}),
            tags: strings(input.tags),
            mappings: {},
          };
          put(svc.state.domains, name, d);
          return restJsonResponse(domainView(d, ctx.region), 201);
        },
      },
      {
        method: "GET",
        path: `${V}/domainnames`,
        operation: "GetDomainNames",
        handler: (_l, req, ctx) => {
          const all = Object.values(svc.state.domains).sort((a, b) => (a.domainName < b.domainName ? -1 : 1));
          const { page, next } = paginate(all, (d) => d.domainName, nextToken(req), pageSize(req));
          return restJsonResponse({
            items: page.map((d) => domainView(d, ctx.region)),
            ...(next === undefined ? {} : { nextToken: next }),
          });
        },
      },
      {
        method: "GET",
        path: `${V}/domainnames/{domainName}`,
        operation: "GetDomainName",
        handler: (l, _req, ctx) => restJsonResponse(domainView(domain(l.domainName!), ctx.region)),
      },
      {
        method: "DELETE",
        path: `${V}/domainnames/{domainName}`,
        operation: "DeleteDomainName",
        handler: (l) => {
          domain(l.domainName!);
          delete svc.state.domains[l.domainName!];
          return restJsonResponse(undefined, 204);
        },
      },
      {
        method: "POST",
        path: `${V}/domainnames/{domainName}/apimappings`,
        operation: "CreateApiMapping",
        handler: (l, req) => {
          const d = domain(l.domainName!);
          const input = body(req);
          if (typeof input.apiId !== "string" || input.apiId === "") throw bad("ApiId is required");
          if (typeof input.stage !== "string" || input.stage === "") throw bad("Stage is required");
          const key = typeof input.apiMappingKey === "string" ? input.apiMappingKey : "";
          checkKey(key);
          if (own(svc.state.apis, input.apiId) === undefined) {
            throw notFound(
              `Invalid API identifier specified ${input.apiId} The resource specified in the request was not found.`,
            );
          }
          if (Object.values(d.mappings).some((m) => m.apiMappingKey === key)) {
            throw new AwsError(
              "ConflictException",
              "ApiMapping key already exists for this domain name",
              409,
            );
          }
          const m: ApiMapping = {
            apiMappingId: randomId(6),
            apiId: input.apiId,
            apiMappingKey: key,
            stage: input.stage,
          };
          put(d.mappings, m.apiMappingId, m);
          return restJsonResponse({ ...m }, 201);
        },
      },
      {
        method: "GET",
        path: `${V}/domainnames/{domainName}/apimappings`,
        operation: "GetApiMappings",
        handler: (l, req) => {
          const d = domain(l.domainName!);
          const all = Object.values(d.mappings).sort((a, b) => (a.apiMappingId < b.apiMappingId ? -1 : 1));
          const { page, next } = paginate(all, (m) => m.apiMappingId, nextToken(req), pageSize(req));
          return restJsonResponse({
            items: page.map((m) => ({ ...m })),
            ...(next === undefined ? {} : { nextToken: next }),
          });
        },
      },
      {
        method: "GET",
        path: `${V}/domainnames/{domainName}/apimappings/{apiMappingId}`,
        operation: "GetApiMapping",
        handler: (l) => restJsonResponse({ ...mapping(domain(l.domainName!), l.apiMappingId!) }),
      },
      {
        method: "DELETE",
        path: `${V}/domainnames/{domainName}/apimappings/{apiMappingId}`,
        operation: "DeleteApiMapping",
        handler: (l) => {
          const d = domain(l.domainName!);
          mapping(d, l.apiMappingId!);
          delete d.mappings[l.apiMappingId!];
          return restJsonResponse(undefined, 204);
        },
      },
      {
        method: "GET",
        path: `${V}/tags/{resourceArn}`,
        operation: "GetTags",
        handler: (l, _req, ctx) => restJsonResponse({ tags: { ...byArn(l.resourceArn!, ctx).tags } }),
      },
      {
        method: "POST",
        path: `${V}/tags/{resourceArn}`,
        operation: "TagResource",
        handler: (l, req, ctx) => {
          const d = byArn(l.resourceArn!, ctx);
          Object.assign(d.tags, strings(body(req).tags));
          return restJsonResponse({}, 201);
        },
      },
      {
        method: "DELETE",
        path: `${V}/tags/{resourceArn}`,
        operation: "UntagResource",
        handler: (l, req, ctx) => {
          const d = byArn(l.resourceArn!, ctx);
          for (const k of req.query.getAll("tagKeys")) delete d.tags[k];
          return restJsonResponse(undefined, 204);
        },
      },
    ];
  },
});

function apiOf(state: State, id: string): Api {
  const api = own(state.apis, id);
  if (api === undefined) throw notFound(`Invalid API identifier specified ${id}`);
  return api;
}

function apiView(api: Api, region: string) {
  return {
    apiEndpoint: `https://${api.apiId}.execute-api.${region}.amazonaws.com`,
    apiId: api.apiId,
    apiKeySelectionExpression: "$request.header.x-api-key",
    createdDate: api.createdDate,
    disableExecuteApiEndpoint: false,
    name: api.name,
    protocolType: api.protocolType,
    routeSelectionExpression: "$request.method $request.path",
    tags: { ...api.tags },
  };
}
