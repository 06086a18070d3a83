/**
 * The API Gateway v2 custom domain and API mapping kinds: pure (ARNs, state entries, the mapping's
 * `<domain>/<key>` name and `<mapping id>/<domain>` import id, deletion order, `explain` on the real
 * texts), their drivers against the local cloud (read, list, the gated delete — a domain's mappings
 * first), and doctor + adopt through the CLI: a pending create of a domain whose name exists, a tagged
 * orphan domain, a pending mapping whose key is taken, an orphan mapping on the stage's domain.
 */
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
} from "@aws-sdk/client-apigatewayv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { domainDriver, mappingDriver } from "../../src/cloud/drivers/apigatewayv2.js";
import { explainLog } from "../../src/explain/index.js";
import {
  apigatewayv2ApiMapping as mappingKind,
  mappingName,
  parseMappingRef,
} from "../../src/kinds/apigatewayv2-api-mapping.js";
import { apigatewayv2Domain as domainKind, domainOfArn } from "../../src/kinds/apigatewayv2-domain.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { cli, gated } from "../helpers.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";

const DOMAIN = "aws:apigatewayv2/domainName:DomainName";
const MAPPING = "aws:apigatewayv2/apiMapping:ApiMapping";
const ARN = "arn:aws:apigateway:eu-west-1::/domainnames/api.example.com";

describe("apigatewayv2-domain kind", () => {
  it("reads the name out of its account-less ARN; id = name", () => {
    expect(domainKind.fromArn(ARN)).toEqual({
      name: "api.example.com",
      id: "api.example.com",
      region: "eu-west-1",
      arn: ARN,
    });
    expect(domainOfArn("arn:aws:apigateway:eu-west-1::/restapis/abc")).toBeUndefined();
    expect(domainOfArn("arn:aws:apigateway:eu-west-1::/domainnames/x.com/apimappings/abc")).toBeUndefined();
    expect(kindForArn(ARN)?.kind).toBe("apigatewayv2-domain");
    expect(kindForShownType("aws:apigatewayv2:DomainName")?.kind).toBe("apigatewayv2-domain");
    expect(typeOfWording("API Gateway v2 Domain Name")).toBe(DOMAIN);
  });

  it("identifies a state entry and a pending create by domainName", () => {
    const entry = {
      type: DOMAIN,
      id: "api.example.com",
      inputs: { domainName: "api.example.com" },
    } as unknown as ResourceV3;
    expect(domainKind.identify(entry, "eu-west-1")).toEqual({
      name: "api.example.com",
      id: "api.example.com",
      region: "eu-west-1",
      arn: ARN,
    });
    const pending = { type: DOMAIN, inputs: { domainName: "new.example.com" } } as unknown as ResourceV3;
    expect(domainKind.identify(pending, "eu-west-1")).toMatchObject({
      name: "new.example.com",
      id: "new.example.com",
    });
  });

  it("reports another certificate as drift", () => {
    const entry = {
      type: DOMAIN,
      outputs: { domainNameConfiguration: { certificateArn: "arn:aws:acm:eu-west-1:1:certificate/a" } },
    } as unknown as ResourceV3;
    const cloud = {
      detail: { certificateArn: "arn:aws:acm:eu-west-1:1:certificate/b" },
    } as unknown as CloudResource;
    expect(domainKind.drift(entry, cloud)).toEqual([
      {
        property: "domainNameConfiguration.certificateArn",
        state: "arn:aws:acm:eu-west-1:1:certificate/a",
        cloud: "arn:aws:acm:eu-west-1:1:certificate/b",
      },
    ]);
  });
});

describe("apigatewayv2-api-mapping kind", () => {
  it("names a mapping by domain and key; its id is pulumi-aws's import id", () => {
    expect(mappingName("api.example.com", "")).toBe("api.example.com/");
    expect(mappingName("api.example.com", "v1/api")).toBe("api.example.com/v1/api");
    expect(parseMappingRef("api.example.com/v1/api")).toEqual({ domain: "api.example.com", key: "v1/api" });
    expect(parseMappingRef("abc123/api.example.com")).toEqual({
      domain: "api.example.com",
      mappingId: "abc123",
    });
    expect(parseMappingRef("nonsense")).toBeUndefined();
    const entry = {
      type: MAPPING,
      id: "abc123",
      inputs: { domainName: "api.example.com", apiId: "a1", stage: "$default" },
      outputs: {
        domainName: "api.example.com",
        apiMappingKey: "",
        apiId: "a1",
        stage: "$default",
        id: "abc123",
      },
    } as unknown as ResourceV3;
    expect(mappingKind.identify(entry, "eu-west-1")).toEqual({
      name: "api.example.com/",
      id: "abc123/api.example.com",
      region: "eu-west-1",
    });
    const pending = {
      type: MAPPING,
      inputs: { domainName: "api.example.com", apiMappingKey: "v1" },
    } as unknown as ResourceV3;
    expect(mappingKind.identify(pending, "eu-west-1")).toEqual({
      name: "api.example.com/v1",
      id: "api.example.com/v1",
      region: "eu-west-1",
    });
    // Both forms name the same group: the domain's mappings.
    expect(mappingKind.groupPrefix?.("abc123/api.example.com")).toBe("api.example.com/");
    expect(mappingKind.groupPrefix?.("api.example.com/v1")).toBe("api.example.com/");
    expect(mappingKind.wording?.importId?.("abc123/api.example.com", undefined)).toBe(
      "abc123/api.example.com",
    );
    expect(mappingKind.fromArn(ARN)).toBeUndefined();
  });

  it("goes before its domain, which goes before certificates", () => {
    expect(deleteRank(MAPPING)).toBeLessThan(deleteRank(DOMAIN));
    expect(deleteRank(DOMAIN)).toBeLessThan(deleteRank("aws:acm/certificate:Certificate"));
    expect(typeOfWording("API Gateway v2 API Mapping")).toBe(MAPPING);
  });
});

describe("explain on API Gateway v2's texts", () => {
  it("ApiMapping key already exists (aws/aws-cdk#22660): an API mapping", () => {
    const r = explainLog(fixture("apigatewayv2-api-mapping.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: "already-exists", resource: { type: MAPPING } });
  });

  it("The domain name you provided already exists (ApiGatewayV2 CreateDomainName): the domain, by name", () => {
    const log = [
      "    error: 1 error occurred:",
      "    \t* creating API Gateway v2 Domain Name (api.acme.example): operation error ApiGatewayV2: CreateDomainName, https response error StatusCode: 409, RequestID: 1, ConflictException: The domain name you provided already exists.",
    ].join("\n");
    const r = explainLog(log);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: DOMAIN, name: "api.acme.example" },
    });
  });
});

describe("a domain name held by a CloudFront distribution", () => {
  it("is recognised as taken elsewhere, with the way to find the distribution", () => {
    const line =
      "BadRequestException: The domain name you provided is already associated with an existing CloudFront distribution. Remove the domain name from the existing CloudFront distribution or use a different domain name.";
    const sig = domainKind.wording!.alreadyExists!.find((s) => s.re.test(line))!;
    expect(sig.code).toBe("BadRequestException");
    expect(sig.takenElsewhere!.cause("the custom domain (api.acme.example)", undefined)).toMatch(
      /alternate domain name \(CNAME\) of a CloudFront distribution/,
    );
    const fix = sig.takenElsewhere!.fix("ApiDomainName", "stateward doctor --stage dev").join("\n");
    expect(fix).toContain("stateward doctor --stage dev");
    expect(fix).toContain("aws cloudfront list-distributions");
    // The plain conflict is not this one.
    const plain = domainKind.wording!.alreadyExists!.find((s) =>
      s.re.test("ConflictException: The domain name you provided already exists."),
    )!;
    expect(plain.takenElsewhere).toBeUndefined();
  });
});

/* Against the local cloud -------------------------------------------------------------------------- */

const sandbox = useSandbox();
const REGION = ACME.homeRegion;
let clients: AwsClients;
let cert = "";
let apiId = "";
const apigw = () => new ApiGatewayV2Client(sandbox.config(REGION));
const stageTags = (stage: string) => ({ "sst:app": "acme", "sst:stage": stage });

async function createDomain(name: string, tags?: Record<string, string>): Promise<void> {
  await apigw().send(
    new CreateDomainNameCommand({
      DomainName: name,
      DomainNameConfigurations: [
        { CertificateArn: cert, EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" },
      ],
      ...(tags && { Tags: tags }),
    }),
  );
}

async function createMapping(domain: string, key?: string): Promise<string> {
  const got = await apigw().send(
    new CreateApiMappingCommand({ DomainName: domain, ApiId: apiId, Stage: "$default", ApiMappingKey: key }),
  );
  return got.ApiMappingId!;
}

beforeAll(async () => {
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  const acm = new ACMClient(sandbox.config(REGION));
  cert = (
    await acm.send(new RequestCertificateCommand({ DomainName: "*.acme.example", ValidationMethod: "DNS" }))
  ).CertificateArn!;
  apiId = (await apigw().send(new CreateApiCommand({ Name: "acme-gw-Api", ProtocolType: "HTTP" }))).ApiId!;
}, 60_000);
afterAll(() => clients.destroy());

describe("the API Gateway v2 drivers", () => {
  it("read a domain with its tags and a mapping by import id or by domain and key", async () => {
    await createDomain("read.acme.example", stageTags("dev"));
    const id = await createMapping("read.acme.example", "v1");
    const ctx = cloudContext(clients);
    const d = await domainDriver.read(ctx, {
      name: "read.acme.example",
      id: "read.acme.example",
      region: REGION,
    });
    expect(d).toMatchObject({
      kind: "apigatewayv2-domain",
      name: "read.acme.example",
      arn: `arn:aws:apigateway:${REGION}::/domainnames/read.acme.example`,
      tags: stageTags("dev"),
      detail: { certificateArn: cert, status: "AVAILABLE" },
    });
    const byId = await mappingDriver.read(ctx, { name: "x", id: `${id}/read.acme.example`, region: REGION });
    const byKey = await mappingDriver.read(ctx, {
      name: "read.acme.example/v1",
      id: "read.acme.example/v1",
      region: REGION,
    });
    for (const m of [byId, byKey]) {
      expect(m).toMatchObject({
        name: "read.acme.example/v1",
        id: `${id}/read.acme.example`,
        detail: { apiId },
      });
    }
    expect(
      await mappingDriver.read(ctx, {
        name: "read.acme.example/v9",
        id: "read.acme.example/v9",
        region: REGION,
      }),
    ).toBeUndefined();
    expect(
      await domainDriver.read(ctx, { name: "no.acme.example", id: "no.acme.example", region: REGION }),
    ).toBeUndefined();
  });

  it("list mappings per domain, over several pages", async () => {
    await createDomain("paged.acme.example");
    for (let i = 0; i < 120; i++) await createMapping("paged.acme.example", `k${i}`);
    const got = await mappingDriver.listByName!(cloudContext(clients), REGION, {
      prefixes: ["paged.acme.example/"],
      names: new Set(),
    });
    expect(got).toHaveLength(120);
    expect(got.every((m) => m.name.startsWith("paged.acme.example/k") && m.foundBy === "name")).toBe(true);
  });

  it("delete a domain through the gate: its mappings first, then the domain", async () => {
    await createDomain("bye.acme.example");
    await createMapping("bye.acme.example");
    await createMapping("bye.acme.example", "v2");
    const target = { name: "bye.acme.example", id: "bye.acme.example", region: REGION };
    await expect(domainDriver.delete(cloudContext(clients), target, undefined as never)).rejects.toThrow();
    const r = await gated(domainDriver).delete(cloudContext(clients), target);
    expect(r.deleted).toBe(true);
    expect(r.steps.sort()).toEqual([
      "deleted API mapping bye.acme.example/",
      "deleted API mapping bye.acme.example/v2",
      "deleted custom domain name bye.acme.example",
    ]);
    const e = await apigw()
      .send(new GetDomainNameCommand({ DomainName: "bye.acme.example" }))
      .catch((x: Error) => x);
    expect((e as Error).name).toBe("NotFoundException");
    expect(await gated(domainDriver).delete(cloudContext(clients), target)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });

  it("delete one mapping through the gate", async () => {
    await createDomain("one.acme.example");
    const id = await createMapping("one.acme.example", "a");
    await createMapping("one.acme.example", "b");
    const r = await gated(mappingDriver).delete(cloudContext(clients), {
      name: "one.acme.example/a",
      id: `${id}/one.acme.example`,
      region: REGION,
    });
    expect(r).toEqual({ deleted: true, steps: ["deleted API mapping one.acme.example/a"] });
    const left = await apigw().send(new GetApiMappingsCommand({ DomainName: "one.acme.example" }));
    expect(left.Items!.map((m) => m.ApiMappingKey)).toEqual(["b"]);
  });
});

describe("doctor and adopt with custom domains", () => {
  const STAGE = "gateway";
  let takenMapping = "";

  beforeAll(async () => {
    // The stage's domain (in state) with an orphan mapping on it and one its pending create wants.
    await createDomain("api.acme.example", stageTags(STAGE));
    takenMapping = await createMapping("api.acme.example");
    await createMapping("api.acme.example", "old");
    const managed = await createMapping("api.acme.example", "v1");
    // A domain the pending create asks for, created outside the program; and a tagged orphan domain.
    await createDomain("www.acme.example");
    await createDomain("left.acme.example", stageTags(STAGE));

    const b = new SstStateBuilder({ app: "acme", stage: STAGE, account: sandbox.server().accountId });
    const api = b.component("sst:aws:ApiGatewayV2", "Api");
    const config = { certificateArn: cert, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" };
    b.custom(DOMAIN, "ApiDomainName", api, {
      id: "api.acme.example",
      inputs: { domainName: "api.acme.example", domainNameConfiguration: config },
      outputs: { domainName: "api.acme.example", domainNameConfiguration: config, id: "api.acme.example" },
    });
    // A mapping the state holds: the domain's mappings are then the stage's group.
    const v1 = { apiId, apiMappingKey: "v1", domainName: "api.acme.example", stage: "$default" };
    b.custom(MAPPING, "V1DomainMapping", api, { id: managed, inputs: v1, outputs: { ...v1, id: managed } });
    b.addPendingCreate(
      MAPPING,
      "ApiDomainMapping",
      { apiId, domainName: "api.acme.example", stage: "$default" },
      api,
    );
    b.addPendingCreate(
      DOMAIN,
      "WwwDomainName",
      { domainName: "www.acme.example", domainNameConfiguration: config },
      api,
    );
    await putStageState(sandbox, "acme", STAGE, b);
  }, 60_000);

  it("finds both pending creates, the orphan domain and the orphan mapping; the printed adopts work", async () => {
    const env = sandboxEnv(sandbox);
    const r = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--json"], env);
    const doc = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string; id?: string }[]; fix: string[] }[];
    };
    const ours = doc.findings
      .filter((f) => f.resources.some((x) => x.type === DOMAIN || x.type === MAPPING))
      .flatMap((f) =>
        f.resources.filter((x) => x.type === DOMAIN || x.type === MAPPING).map((x) => `${f.rule} ${x.name}`),
      )
      .sort();
    expect(ours).toEqual([
      "orphan api.acme.example/old",
      "orphan left.acme.example",
      "pending-create api.acme.example/",
      "pending-create www.acme.example",
    ]);
    const pendingMapping = doc.findings.find(
      (f) => f.rule === "pending-create" && f.resources.some((x) => x.type === MAPPING),
    )!;
    const adoptLine = pendingMapping.fix.find((f) => f.startsWith("stateward adopt"))!;
    expect(adoptLine).toContain(`${MAPPING} ${takenMapping}/api.acme.example --urn `);

    // Run the printed adopt lines (pending mapping and pending domain), as a user would.
    let adopts = 0;
    for (const f of doc.findings.filter((x) => x.rule === "pending-create")) {
      const line = f.fix.find(
        (x) => x.startsWith("stateward adopt") && (x.includes(DOMAIN) || x.includes(MAPPING)),
      );
      if (line === undefined) continue;
      const args = line
        .replace(/^stateward /, "")
        .split(" ")
        .filter((a) => a !== "");
      const adopted = await cli([...args.map((a) => a.replace(/^'|'$/g, "")), "--yes"], env);
      expect(adopted.code, adopted.stderr + adopted.stdout).toBe(0);
      adopts++;
    }
    expect(adopts).toBe(2);
    const again = await cli(["doctor", "--app", "acme", "--stage", STAGE, "--json"], env);
    const after = (JSON.parse(again.stdout) as typeof doc).findings
      .filter((f) => f.resources.some((x) => x.type === DOMAIN || x.type === MAPPING))
      .flatMap((f) =>
        f.resources.filter((x) => x.type === DOMAIN || x.type === MAPPING).map((x) => `${f.rule} ${x.name}`),
      )
      .sort();
    expect(after).toEqual(["orphan api.acme.example/old", "orphan left.acme.example"]);
  }, 60_000);

  it("adopts a mapping as pulumi-aws writes it: id = mapping id, key only when not the root", async () => {
    const got = await mappingDriver.adopt!(cloudContext(clients), {
      name: `${takenMapping}/api.acme.example`,
      id: `${takenMapping}/api.acme.example`,
      region: REGION,
    });
    expect(got).toEqual({
      id: takenMapping,
      inputs: { __defaults: [], apiId, domainName: "api.acme.example", stage: "$default" },
      outputs: {
        apiId,
        apiMappingKey: "",
        domainName: "api.acme.example",
        id: takenMapping,
        stage: "$default",
      },
    });
  });

  it("adopts a domain with pulumi-aws's fields", async () => {
    const got = await domainDriver.adopt!(cloudContext(clients), {
      name: "www.acme.example",
      id: "www.acme.example",
      region: REGION,
    });
    expect(got?.id).toBe("www.acme.example");
    expect(got?.inputs).toEqual({
      __defaults: [],
      domainName: "www.acme.example",
      domainNameConfiguration: {
        __defaults: [],
        certificateArn: cert,
        endpointType: "REGIONAL",
        securityPolicy: "TLS_1_2",
      },
    });
    expect(Object.keys(got!.outputs).sort()).toEqual([
      "__meta",
      "apiMappingSelectionExpression",
      "arn",
      "domainName",
      "domainNameConfiguration",
      "id",
      "mutualTlsAuthentication",
      "tags",
      "tagsAll",
    ]);
    const config = got?.outputs.domainNameConfiguration as Record<string, string>;
    expect(config.certificateArn).toBe(cert);
    expect(config.hostedZoneId).toMatch(/^Z/);
    expect(config.targetDomainName).toMatch(/^d-.*\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(got?.outputs.arn).toBe("arn:aws:apigateway:us-east-1::/domainnames/www.acme.example");
    expect(JSON.parse(got!.outputs.__meta as string)).toEqual({
      "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": { create: 600000000000, update: 3600000000000 },
    });
  });
});
