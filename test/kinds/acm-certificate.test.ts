/**
 * The ACM certificate kind: pure (ARN, state entries keyed by ARN since many certificates share a
 * domain, last in a deletion), its driver against the local cloud (read with tags, listing by domain
 * over several pages, the gated delete refused while a custom domain uses it and done once the domain
 * is gone), and doctor + adopt through the CLI: a stage's leftover certificate found by its tags, a
 * stale entry whose certificate is gone, and the leftover adopted with pulumi-aws's fields.
 */
import {
  ACMClient,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  RequestCertificateCommand,
} from "@aws-sdk/client-acm";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
  DeleteDomainNameCommand,
  GetDomainNameCommand,
} from "@aws-sdk/client-apigatewayv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { certificateDriver as driver } from "../../src/cloud/drivers/acm.js";
import { acmCertificate as kind } from "../../src/kinds/acm-certificate.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { cli, gated, smallPages } from "../helpers.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";

const TOKEN = "aws:acm/certificate:Certificate";
const ARN = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

describe("acm-certificate kind", () => {
  it("reads a certificate ARN; the id is the ARN", () => {
    expect(kind.fromArn(ARN)).toEqual({ name: ARN, id: ARN, region: "us-east-1", arn: ARN });
    expect(kind.fromArn("arn:aws:acm-pca:us-east-1:1:certificate-authority/x")).toBeUndefined();
    expect(kind.fromArn("arn:aws:iam::123456789012:server-certificate/x")).toBeUndefined();
    expect(kindForArn(ARN)?.kind).toBe("acm-certificate");
    expect(kindForShownType("aws:acm:Certificate")?.kind).toBe("acm-certificate");
    expect(typeOfWording("ACM Certificate")).toBe(TOKEN);
  });

  it("names a state entry by its domain, keyed by ARN; a pending create has only its domain", () => {
    const entry = {
      type: TOKEN,
      id: ARN,
      inputs: { domainName: "api.example.com", validationMethod: "DNS" },
      outputs: { arn: ARN, domainName: "api.example.com", id: ARN },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "us-east-1")).toEqual({
      name: "api.example.com",
      id: ARN,
      region: "us-east-1",
      arn: ARN,
    });
    expect(kind.keyedById).toBe(true);
    const pending = { type: TOKEN, inputs: { domainName: "new.example.com" } } as unknown as ResourceV3;
    expect(kind.identify(pending, "us-east-1")).toEqual({
      name: "new.example.com",
      id: "new.example.com",
      region: "us-east-1",
    });
  });

  it("never 'already exists', and is deleted after what uses it", () => {
    expect(kind.wording?.alreadyExists).toBeUndefined();
    expect(deleteRank("aws:apigatewayv2/domainName:DomainName")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank("aws:cloudfront/distribution:Distribution")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank("aws:iam/role:Role")).toBeLessThan(deleteRank(TOKEN));
    expect(kind.deleteAfter).toEqual(["apigatewayv2-domain", "cloudfront-distribution"]);
  });

  it("reports an expired or revoked certificate as drift", () => {
    const entry = {
      type: TOKEN,
      outputs: { domainName: "a.example.com", status: "ISSUED" },
    } as unknown as ResourceV3;
    const expired = {
      detail: { domainName: "a.example.com", status: "EXPIRED" },
    } as unknown as CloudResource;
    expect(kind.drift(entry, expired)).toEqual([{ property: "status", state: "ISSUED", cloud: "EXPIRED" }]);
    const fine = { detail: { domainName: "a.example.com", status: "ISSUED" } } as unknown as CloudResource;
    expect(kind.drift(entry, fine)).toEqual([]);
  });
});

/* Against the local cloud -------------------------------------------------------------------------- */

const sandbox = useSandbox();
const REGION = ACME.homeRegion;
let clients: AwsClients;
const acm = () => new ACMClient(sandbox.config(REGION));
const context = () => cloudContext(clients);

async function request(domain: string, stage?: string): Promise<string> {
  const got = await acm().send(
    new RequestCertificateCommand({
      DomainName: domain,
      ValidationMethod: "DNS",
      ...(stage && {
        Tags: [
          { Key: "sst:app", Value: "acme" },
          { Key: "sst:stage", Value: stage },
        ],
      }),
    }),
  );
  return got.CertificateArn!;
}

beforeAll(async () => {
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 60_000);
afterAll(() => clients.destroy());

describe("certificateDriver", () => {
  it("reads a certificate by ARN with its tags; a domain name alone names none", async () => {
    const arn = await request("read.acme.example", "dev");
    const got = await driver.read(context(), { name: "read.acme.example", id: arn, arn, region: REGION });
    expect(got).toMatchObject({
      kind: "acm-certificate",
      name: "read.acme.example",
      id: arn,
      arn,
      tags: { "sst:app": "acme", "sst:stage": "dev" },
      foundBy: "read",
      detail: { domainName: "read.acme.example", status: "ISSUED", inUseBy: [] },
    });
    expect(
      await driver.read(context(), { name: "read.acme.example", id: "read.acme.example", region: REGION }),
    ).toBeUndefined();
    const gone = ARN.replace("123456789012", sandbox.server().accountId);
    expect(await driver.read(context(), { name: gone, id: gone, region: REGION })).toBeUndefined();
  });

  it("lists certificates by domain over several pages", async () => {
    for (let i = 0; i < 5; i++) await request(`list${i}.acme.example`);
    smallPages(clients.client(ACMClient, "ACM", REGION), "ListCertificatesCommand", "MaxItems", 2);
    const got = await driver.listByName!(context(), REGION, {
      prefixes: ["list"],
      names: new Set(["read.acme.example"]),
    });
    expect(got.map((r) => r.name).sort()).toEqual([
      "list0.acme.example",
      "list1.acme.example",
      "list2.acme.example",
      "list3.acme.example",
      "list4.acme.example",
      "read.acme.example",
    ]);
    expect(got.every((r) => r.id.startsWith("arn:aws:acm:") && r.foundBy === "name")).toBe(true);
  });

  it("deletes through the gate: pending while a custom domain uses it, deleted once the domain is gone", async () => {
    const arn = await request("used.acme.example");
    const apigw = new ApiGatewayV2Client(sandbox.config(REGION));
    await apigw.send(
      new CreateDomainNameCommand({
        DomainName: "used.acme.example",
        DomainNameConfigurations: [
          { CertificateArn: arn, EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" },
        ],
      }),
    );
    const target = { name: "used.acme.example", id: arn, arn, region: REGION };
    await expect(driver.delete(context(), target, undefined as never)).rejects.toThrow();
    const first = await gated(driver).delete(context(), target);
    expect(first.deleted).toBe(false);
    expect(first.pending).toContain("arn:aws:apigateway:us-east-1::/domainnames/used.acme.example");
    expect(
      (await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate,
    ).toBeDefined();

    await apigw.send(new DeleteDomainNameCommand({ DomainName: "used.acme.example" }));
    const second = await gated(driver).delete(context(), target);
    expect(second).toEqual({ deleted: true, steps: [`deleted ACM certificate ${arn}`] });
    expect(await gated(driver).delete(context(), target)).toEqual({ deleted: true, steps: ["already gone"] });
  });
});

describe("doctor and adopt with certificates", () => {
  const STAGE = "certs";
  let leftover = "";
  let gone = "";

  beforeAll(async () => {
    leftover = await request("api.certs.acme.example", STAGE);
    const kept = await request("www.certs.acme.example", STAGE);
    gone = await request("old.certs.acme.example", STAGE);
    await acm().send(new DeleteCertificateCommand({ CertificateArn: gone }));
    const b = new SstStateBuilder({ app: "acme", stage: STAGE, account: sandbox.server().accountId });
    const site = b.component("sst:aws:DnsValidatedCertificate", "SiteSsl");
    for (const [name, arn, domain] of [
      ["SiteCertificate", kept, "www.certs.acme.example"],
      ["OldCertificate", gone, "old.certs.acme.example"],
    ] as const) {
      b.custom(TOKEN, name, site, {
        id: arn,
        inputs: { domainName: domain, validationMethod: "DNS" },
        outputs: { arn, domainName: domain, id: arn, status: "ISSUED", validationMethod: "DNS" },
      });
    }
    await putStageState(sandbox, "acme", STAGE, b);
  }, 60_000);

  it("finds the leftover by its tags and the stale entry; the leftover is adopted by the printed ARN", async () => {
    const env = sandboxEnv(sandbox);
    const r = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--json"], env);
    const doc = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string; id?: string }[]; fix: string[] }[];
    };
    const ours = doc.findings
      .flatMap((f) => f.resources.filter((x) => x.type === TOKEN).map((x) => `${f.rule} ${x.id ?? x.name}`))
      .sort();
    expect(ours).toEqual([`orphan ${leftover}`, `stale ${gone}`]);
    const orphan = doc.findings.find(
      (f) => f.rule === "orphan" && f.resources.some((x) => x.type === TOKEN),
    )!;
    const line = orphan.fix.find((f) => f.startsWith("stateward adopt") && f.includes(leftover));
    expect(line).toBeDefined();
    const adopted = await cli(["adopt", TOKEN, leftover, "--app", "acme", "--stage", STAGE, "--yes"], env);
    expect(adopted.code, adopted.stderr).toBe(0);
    const again = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--json"], env);
    expect(again.stdout).not.toContain(`"orphan"`);
    expect(again.stdout).toContain(gone);
  }, 60_000);

  it("adopts with pulumi-aws's fields: id and arn the ARN, the validation record, the tags", async () => {
    const got = await driver.adopt!(context(), { name: leftover, id: leftover, region: REGION });
    expect(got?.id).toBe(leftover);
    expect(got?.inputs).toEqual({
      __defaults: [],
      domainName: "api.certs.acme.example",
      keyAlgorithm: "RSA_2048",
      tags: { "sst:app": "acme", "sst:stage": STAGE },
      validationMethod: "DNS",
    });
    expect(Object.keys(got!.outputs).sort()).toEqual([
      "arn",
      "certificateAuthorityArn",
      "domainName",
      "domainValidationOptions",
      "earlyRenewalDuration",
      "id",
      "keyAlgorithm",
      "notAfter",
      "notBefore",
      "options",
      "pendingRenewal",
      "renewalEligibility",
      "renewalSummaries",
      "status",
      "subjectAlternativeNames",
      "tags",
      "tagsAll",
      "type",
      "validationEmails",
      "validationMethod",
      "validationOptions",
    ]);
    const options = got!.outputs.domainValidationOptions as Record<string, string>[];
    expect(options).toHaveLength(1);
    expect(options[0]!.domainName).toBe("api.certs.acme.example");
    expect(options[0]!.resourceRecordType).toBe("CNAME");
    expect(options[0]!.resourceRecordName).toMatch(/^_[0-9a-f]{32}\.api\.certs\.acme\.example\.$/);
    expect(got!.outputs.status).toBe("ISSUED");
    expect(got!.outputs.subjectAlternativeNames).toEqual(["api.certs.acme.example"]);
  });
});

describe("cleanup of a stage's leftover custom domain and its certificate", () => {
  it("deletes the domain (its mapping first) before the certificate it uses, in one run", async () => {
    const STAGE = "certgone";
    const arn = await request("gone.certgone.acme.example", STAGE);
    const apigw = new ApiGatewayV2Client(sandbox.config(REGION));
    await apigw.send(
      new CreateDomainNameCommand({
        DomainName: "gone.certgone.acme.example",
        DomainNameConfigurations: [
          { CertificateArn: arn, EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" },
        ],
        Tags: { "sst:app": "acme", "sst:stage": STAGE },
      }),
    );
    const api = await apigw.send(new CreateApiCommand({ Name: "acme-certgone-Api", ProtocolType: "HTTP" }));
    await apigw.send(
      new CreateApiMappingCommand({
        DomainName: "gone.certgone.acme.example",
        ApiId: api.ApiId,
        Stage: "$default",
      }),
    );
    const b = new SstStateBuilder({ app: "acme", stage: STAGE, account: sandbox.server().accountId });
    b.addFunction("Api");
    await putStageState(sandbox, "acme", STAGE, b);
    const env = sandboxEnv(sandbox);
    const flags = ["--app", "acme", "--stage", STAGE];
    const doctor = JSON.parse((await cli(["doctor", ...flags, "--json"], env)).stdout) as {
      findings: { rule: string; resources: { type: string; name: string; id?: string }[] }[];
    };
    const orphans = doctor.findings
      .filter((f) => f.rule === "orphan")
      .flatMap((f) => f.resources.map((x) => `${x.type} ${x.id ?? x.name}`))
      .sort();
    expect(orphans).toEqual([
      `${TOKEN} ${arn}`,
      "aws:apigatewayv2/domainName:DomainName gone.certgone.acme.example",
    ]);

    const cleaned = await cli(["cleanup", ...flags, "--yes", "--confirm", STAGE], env);
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    const domainGone = await apigw
      .send(new GetDomainNameCommand({ DomainName: "gone.certgone.acme.example" }))
      .catch((e: Error) => e);
    expect((domainGone as Error).name).toBe("NotFoundException");
    const certGone = await acm()
      .send(new DescribeCertificateCommand({ CertificateArn: arn }))
      .catch((e: Error) => e);
    expect((certGone as Error).name).toBe("ResourceNotFoundException");
  }, 60_000);
});
