/**
 * The local cloud's API Gateway v2 (REST-JSON under /v2, signing name `apigateway`) through the real
 * SDK: custom domain names (conflict, not found, a certificate ACM does not hold, paging, tags by ARN,
 * the tagging API), API mappings (per-key conflict, key rules, paging, delete) and the minimal API.
 */
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
  DeleteApiCommand,
  DeleteApiMappingCommand,
  DeleteDomainNameCommand,
  GetApiCommand,
  GetApiMappingCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-apigatewayv2";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { beforeAll, describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "210987654321" });
const REGION = "eu-west-1";
const apigw = (region = REGION) => new ApiGatewayV2Client(sandbox.config(region));
let cert = "";
let apiId = "";

async function domain(name: string, tags?: Record<string, string>) {
  return apigw().send(
    new CreateDomainNameCommand({
      DomainName: name,
      DomainNameConfigurations: [
        { CertificateArn: cert, EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" },
      ],
      ...(tags && { Tags: tags }),
    }),
  );
}

beforeAll(async () => {
  const acm = new ACMClient(sandbox.config(REGION));
  cert = (
    await acm.send(new RequestCertificateCommand({ DomainName: "*.example.com", ValidationMethod: "DNS" }))
  ).CertificateArn!;
  apiId = (await apigw().send(new CreateApiCommand({ Name: "acme-dev-Api", ProtocolType: "HTTP" }))).ApiId!;
});

describe("API Gateway v2 custom domain names", () => {
  it("creates a regional domain name, AVAILABLE, and reads it back", async () => {
    const made = await domain("api.example.com", { "sst:app": "acme", "sst:stage": "dev" });
    expect(made).toMatchObject({
      DomainName: "api.example.com",
      ApiMappingSelectionExpression: "$request.basepath",
      Tags: { "sst:app": "acme", "sst:stage": "dev" },
    });
    const config = made.DomainNameConfigurations![0]!;
    expect(config).toMatchObject({
      CertificateArn: cert,
      EndpointType: "REGIONAL",
      SecurityPolicy: "TLS_1_2",
      DomainNameStatus: "AVAILABLE",
    });
    expect(config.ApiGatewayDomainName).toMatch(/^d-[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/);
    expect(made.$metadata.httpStatusCode).toBe(201);
    const got = await apigw().send(new GetDomainNameCommand({ DomainName: "api.example.com" }));
    expect(got.DomainNameConfigurations).toEqual(made.DomainNameConfigurations);
  });

  it("answers ConflictException for a name that exists, NotFoundException for one that does not", async () => {
    await domain("dup.example.com");
    const e = await sdkError(() => domain("dup.example.com"));
    expect(e).toMatchObject({
      name: "ConflictException",
      status: 409,
      message: "The domain name you provided already exists.",
    });
    const missing = await sdkError(() =>
      apigw().send(new GetDomainNameCommand({ DomainName: "nope.example.com" })),
    );
    expect(missing).toMatchObject({
      name: "NotFoundException",
      status: 404,
      message: "The domain name resource specified in the request was not found.",
    });
    // Regions are apart: the same name is free in another one.
    const other = await sdkError(() =>
      apigw("us-west-2").send(new GetDomainNameCommand({ DomainName: "dup.example.com" })),
    );
    expect(other.name).toBe("NotFoundException");
  });

  it("refuses a certificate ACM does not hold in the region", async () => {
    const e = await sdkError(() =>
      apigw().send(
        new CreateDomainNameCommand({
          DomainName: "nocert.example.com",
          DomainNameConfigurations: [
            {
              CertificateArn:
                "arn:aws:acm:eu-west-1:210987654321:certificate/00000000-0000-0000-0000-000000000000",
              EndpointType: "REGIONAL",
            },
          ],
        }),
      ),
    );
    expect(e).toMatchObject({ name: "BadRequestException", status: 400 });
    expect(e.message).toBe("The provided certificate does not exist.");
  });

  it("lists domain names page by page", async () => {
    for (let i = 0; i < 4; i++) await domain(`p${i}.example.com`);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await apigw().send(new GetDomainNamesCommand({ MaxResults: "2", NextToken: token }));
      expect(page.Items!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Items!.map((d) => d.DomainName!));
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual(expect.arrayContaining(["p0.example.com", "p3.example.com", "api.example.com"]));
    expect(new Set(seen).size).toBe(seen.length);
    const bad = await sdkError(() => apigw().send(new GetDomainNamesCommand({ MaxResults: "0" })));
    expect(bad.name).toBe("BadRequestException");
  });

  it("tags a domain by its ARN and reports it to the tagging API as apigateway:domainnames", async () => {
    const arn = "arn:aws:apigateway:eu-west-1::/domainnames/api.example.com";
    await apigw().send(new TagResourceCommand({ ResourceArn: arn, Tags: { team: "a" } }));
    await apigw().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["sst:stage"] }));
    const tags = await apigw().send(new GetTagsCommand({ ResourceArn: arn }));
    expect(tags.Tags).toEqual({ "sst:app": "acme", team: "a" });
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config(REGION));
    const found = await tagging.send(
      new GetResourcesCommand({
        ResourceTypeFilters: ["apigateway:domainnames"],
        TagFilters: [{ Key: "sst:app", Values: ["acme"] }],
      }),
    );
    expect(found.ResourceTagMappingList!.map((m) => m.ResourceARN)).toEqual([arn]);
  });
});

describe("API Gateway v2 API mappings", () => {
  it("maps the root and a path; a key the domain has already is a ConflictException", async () => {
    await domain("map.example.com");
    const root = await apigw().send(
      new CreateApiMappingCommand({ DomainName: "map.example.com", ApiId: apiId, Stage: "$default" }),
    );
    expect(root).toMatchObject({ ApiId: apiId, ApiMappingKey: "", Stage: "$default" });
    expect(root.ApiMappingId).toMatch(/^[a-z0-9]+$/);
    const v1 = await apigw().send(
      new CreateApiMappingCommand({
        DomainName: "map.example.com",
        ApiId: apiId,
        Stage: "$default",
        ApiMappingKey: "v1/api",
      }),
    );
    const e = await sdkError(() =>
      apigw().send(
        new CreateApiMappingCommand({ DomainName: "map.example.com", ApiId: apiId, Stage: "$default" }),
      ),
    );
    expect(e).toMatchObject({
      name: "ConflictException",
      status: 409,
      message: "ApiMapping key already exists for this domain name",
    });
    const got = await apigw().send(
      new GetApiMappingCommand({ DomainName: "map.example.com", ApiMappingId: v1.ApiMappingId }),
    );
    expect(got).toMatchObject({ ApiMappingKey: "v1/api", ApiId: apiId });
  });

  it("refuses bad keys, an unknown API and an unknown domain with AWS's texts", async () => {
    const bad = await sdkError(() =>
      apigw().send(
        new CreateApiMappingCommand({
          DomainName: "map.example.com",
          ApiId: apiId,
          Stage: "$default",
          ApiMappingKey: "/x",
        }),
      ),
    );
    expect(bad).toMatchObject({
      name: "BadRequestException",
      message: "API mapping key should not start with a '/' or have consecutive '/'s.",
    });
    const noApi = await sdkError(() =>
      apigw().send(
        new CreateApiMappingCommand({
          DomainName: "map.example.com",
          ApiId: "nope123",
          Stage: "$default",
          ApiMappingKey: "z",
        }),
      ),
    );
    expect(noApi).toMatchObject({ name: "NotFoundException", status: 404 });
    expect(noApi.message).toMatch(/^Invalid API identifier specified nope123/);
    const noDomain = await sdkError(() =>
      apigw().send(
        new CreateApiMappingCommand({ DomainName: "gone.example.com", ApiId: apiId, Stage: "$default" }),
      ),
    );
    expect(noDomain.message).toBe("The domain name resource specified in the request was not found.");
    const noMapping = await sdkError(() =>
      apigw().send(new DeleteApiMappingCommand({ DomainName: "map.example.com", ApiMappingId: "zzz999" })),
    );
    expect(noMapping).toMatchObject({
      name: "NotFoundException",
      message: "The api mapping resource specified in the request was not found.",
    });
  });

  it("lists a domain's mappings page by page, deletes one, and goes with its domain", async () => {
    await domain("many.example.com");
    for (const key of ["a", "b", "c", "d", "e"]) {
      await apigw().send(
        new CreateApiMappingCommand({
          DomainName: "many.example.com",
          ApiId: apiId,
          Stage: "$default",
          ApiMappingKey: key,
        }),
      );
    }
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await apigw().send(
        new GetApiMappingsCommand({ DomainName: "many.example.com", MaxResults: "2", NextToken: token }),
      );
      keys.push(...page.Items!.map((m) => m.ApiMappingKey!));
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(keys.sort()).toEqual(["a", "b", "c", "d", "e"]);

    const all = await apigw().send(new GetApiMappingsCommand({ DomainName: "many.example.com" }));
    const a = all.Items!.find((m) => m.ApiMappingKey === "a")!;
    const deleted = await apigw().send(
      new DeleteApiMappingCommand({ DomainName: "many.example.com", ApiMappingId: a.ApiMappingId }),
    );
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const after = await apigw().send(new GetApiMappingsCommand({ DomainName: "many.example.com" }));
    expect(after.Items!.map((m) => m.ApiMappingKey).sort()).toEqual(["b", "c", "d", "e"]);

    await apigw().send(new DeleteDomainNameCommand({ DomainName: "many.example.com" }));
    const gone = await sdkError(() =>
      apigw().send(new GetApiMappingsCommand({ DomainName: "many.example.com" })),
    );
    expect(gone.name).toBe("NotFoundException");
  });

  it("serves the minimal API: create, get, delete", async () => {
    const made = await apigw().send(new CreateApiCommand({ Name: "tmp", ProtocolType: "HTTP" }));
    const got = await apigw().send(new GetApiCommand({ ApiId: made.ApiId }));
    expect(got).toMatchObject({ Name: "tmp", ProtocolType: "HTTP", ApiId: made.ApiId });
    expect(got.ApiEndpoint).toBe(`https://${made.ApiId}.execute-api.eu-west-1.amazonaws.com`);
    await apigw().send(new DeleteApiCommand({ ApiId: made.ApiId }));
    const e = await sdkError(() => apigw().send(new GetApiCommand({ ApiId: made.ApiId })));
    expect(e).toMatchObject({ name: "NotFoundException", status: 404 });
  });
});
