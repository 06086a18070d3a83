/**
 * The local cloud's ACM (AWS JSON 1.1, `CertificateManager.*`) through the real SDK: request, describe
 * (validation record, ISSUED after the deploy delay), list with paging, tags and the tagging API
 * (`acm:certificate`), and DeleteCertificate refused with ResourceInUseException while an API Gateway
 * custom domain uses the certificate.
 */
import {
  ACMClient,
  AddTagsToCertificateCommand,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  RequestCertificateCommand,
} from "@aws-sdk/client-acm";
import {
  ApiGatewayV2Client,
  CreateDomainNameCommand,
  DeleteDomainNameCommand,
} from "@aws-sdk/client-apigatewayv2";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

let clock = new Date("2025-04-01T12:00:00.000Z");
const sandbox = useSandbox({ accountId: "210987654321", now: () => clock, deployDelayMs: 60_000 });
const acm = (region = "us-east-1") => new ACMClient(sandbox.config(region));
const ARN = /^arn:aws:acm:us-east-1:210987654321:certificate\/[0-9a-f-]{36}$/;

async function request(domain: string, tags?: Record<string, string>): Promise<string> {
  const got = await acm().send(
    new RequestCertificateCommand({
      DomainName: domain,
      ValidationMethod: "DNS",
      ...(tags && { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }),
    }),
  );
  return got.CertificateArn!;
}

describe("ACM certificates (AWS JSON 1.1)", () => {
  it("requests a certificate: pending validation with its CNAME, ISSUED once the delay has passed", async () => {
    const arn = await request("api.example.com");
    expect(arn).toMatch(ARN);
    const pending = (await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!;
    expect(pending).toMatchObject({
      CertificateArn: arn,
      DomainName: "api.example.com",
      Status: "PENDING_VALIDATION",
      Type: "AMAZON_ISSUED",
      InUseBy: [],
      SubjectAlternativeNames: ["api.example.com"],
    });
    const record = pending.DomainValidationOptions![0]!.ResourceRecord!;
    expect(record.Type).toBe("CNAME");
    expect(record.Name).toMatch(/^_[0-9a-f]{32}\.api\.example\.com\.$/);
    expect(record.Value).toMatch(/\.acm-validations\.aws\.$/);
    // The same domain asks for the same record.
    const again = await request("api.example.com");
    const other = (await acm().send(new DescribeCertificateCommand({ CertificateArn: again }))).Certificate!;
    expect(other.DomainValidationOptions![0]!.ResourceRecord!.Name).toBe(record.Name);
    expect(again).not.toBe(arn);

    clock = new Date(clock.getTime() + 60_000);
    const issued = (await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!;
    expect(issued.Status).toBe("ISSUED");
    expect(issued.IssuedAt).toBeInstanceOf(Date);
    expect(issued.NotAfter!.getTime()).toBeGreaterThan(issued.NotBefore!.getTime());
  });

  it("answers ResourceNotFoundException for an unknown ARN and InvalidArnException for a bad one", async () => {
    const missing = "arn:aws:acm:us-east-1:210987654321:certificate/00000000-0000-0000-0000-000000000000";
    const e = await sdkError(() => acm().send(new DescribeCertificateCommand({ CertificateArn: missing })));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 400 });
    expect(e.message).toBe(`Could not find certificate ${missing}.`);
    const bad = await sdkError(() => acm().send(new DeleteCertificateCommand({ CertificateArn: "nope" })));
    expect(bad.name).toBe("InvalidArnException");
  });

  it("lists certificates page by page, and by status", async () => {
    for (let i = 0; i < 5; i++) await request(`page${i}.example.org`);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await acm().send(new ListCertificatesCommand({ MaxItems: 2, NextToken: token }));
      expect(page.CertificateSummaryList!.length).toBeLessThanOrEqual(2);
      seen.push(...page.CertificateSummaryList!.map((c) => c.DomainName!));
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBeGreaterThan(3);
    expect(seen.filter((d) => d.endsWith(".example.org")).sort()).toEqual([
      "page0.example.org",
      "page1.example.org",
      "page2.example.org",
      "page3.example.org",
      "page4.example.org",
    ]);
    expect(new Set(seen).size + 1).toBe(seen.length); // api.example.com twice, nothing else repeated
    const pending = await acm().send(
      new ListCertificatesCommand({ CertificateStatuses: ["PENDING_VALIDATION"] }),
    );
    expect(pending.CertificateSummaryList!.map((c) => c.DomainName).sort()).toContain("page0.example.org");
    expect(pending.CertificateSummaryList!.every((c) => c.Status === "PENDING_VALIDATION")).toBe(true);
    const tooMany = await sdkError(() => acm().send(new ListCertificatesCommand({ MaxItems: 1001 })));
    expect(tooMany.name).toBe("ValidationException");
  });

  it("keeps tags, and reports tagged certificates to the tagging API as acm:certificate", async () => {
    const arn = await request("tagged.example.com", { "sst:app": "acme", "sst:stage": "dev" });
    await acm().send(
      new AddTagsToCertificateCommand({ CertificateArn: arn, Tags: [{ Key: "team", Value: "a" }] }),
    );
    const tags = await acm().send(new ListTagsForCertificateCommand({ CertificateArn: arn }));
    expect(tags.Tags).toEqual([
      { Key: "sst:app", Value: "acme" },
      { Key: "sst:stage", Value: "dev" },
      { Key: "team", Value: "a" },
    ]);
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config("us-east-1"));
    const found = await tagging.send(
      new GetResourcesCommand({
        ResourceTypeFilters: ["acm:certificate"],
        TagFilters: [{ Key: "sst:app", Values: ["acme"] }],
      }),
    );
    expect(found.ResourceTagMappingList!.map((m) => m.ResourceARN)).toEqual([arn]);
  });

  it("refuses to delete a certificate a custom domain uses, and deletes it once the domain is gone", async () => {
    const arn = await request("in-use.example.com");
    const apigw = new ApiGatewayV2Client(sandbox.config("us-east-1"));
    const domain = () =>
      apigw.send(
        new CreateDomainNameCommand({
          DomainName: "in-use.example.com",
          DomainNameConfigurations: [
            { CertificateArn: arn, EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" },
          ],
        }),
      );
    // API Gateway takes an issued certificate only.
    const early = await sdkError(domain);
    expect(early).toMatchObject({ name: "BadRequestException", status: 400 });
    expect(early.message).toMatch(
      new RegExp(
        `^Certificate ${arn} in account 210987654321 not yet issued .*Error Code: RequestInProgressException`,
      ),
    );
    clock = new Date(clock.getTime() + 60_000);
    await domain();
    const described = await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }));
    expect(described.Certificate!.InUseBy).toEqual([
      "arn:aws:apigateway:us-east-1::/domainnames/in-use.example.com",
    ]);
    const listed = await acm().send(new ListCertificatesCommand({}));
    expect(listed.CertificateSummaryList!.find((c) => c.CertificateArn === arn)?.InUse).toBe(true);
    const e = await sdkError(() => acm().send(new DeleteCertificateCommand({ CertificateArn: arn })));
    expect(e).toMatchObject({ name: "ResourceInUseException", status: 400 });
    expect(e.message).toBe(`Certificate ${arn} in account 210987654321 is in use.`);

    await apigw.send(new DeleteDomainNameCommand({ DomainName: "in-use.example.com" }));
    await acm().send(new DeleteCertificateCommand({ CertificateArn: arn }));
    const gone = await sdkError(() => acm().send(new DescribeCertificateCommand({ CertificateArn: arn })));
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  it("keeps each region's certificates apart", async () => {
    const arn = await request("region.example.com");
    const e = await sdkError(() =>
      acm("eu-west-1").send(new DescribeCertificateCommand({ CertificateArn: arn })),
    );
    expect(e.name).toBe("ResourceNotFoundException");
  });
});
