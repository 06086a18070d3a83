/**
 * The Cognito user pool domain kind and its driver: identity (the domain is name and id; no ARN),
 * SST's naming rule, `explain` on the real texts (aws-samples/dcv-web-portal#16 through Terraform,
 * aws-samples/aws-cdk-examples#402 through CloudFormation), and against the local cloud: read (an
 * unknown domain is Cognito's empty description), listing through the stage's user pools over pages,
 * the gated delete (the pool stays), doctor finding a pending create whose domain exists and an
 * orphan domain of a stage pool, the printed adopt and cleanup, and the adopted entry's fields.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { cognitoUserPoolDomainDriver as driver } from "../../src/cloud/drivers/cognito.js";
import { adopterFor, driverForType } from "../../src/cloud/drivers/index.js";
import { explainLog } from "../../src/explain/index.js";
import { replaceDifferences } from "../../src/repair/replace-check.js";
import {
  cognitoDomainHost,
  cognitoUserPoolDomain as kind,
} from "../../src/kinds/cognito-user-pool-domain.js";
import { deleteRank, kindForShownType, NAME_RULES, typeOfWording } from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { cli, gated, smallPages } from "../helpers.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";

const TOKEN = "aws:cognito/userPoolDomain:UserPoolDomain";
const REGION = "us-east-1";
const ACCOUNT = "135792468024";

describe("cognito-user-pool-domain kind", () => {
  it("is named and identified by its domain; no ARN, no tags", () => {
    const entry = {
      urn: `urn:pulumi:dev::acme::sst:aws:CognitoUserPool$${TOKEN}::AuthDomain`,
      type: TOKEN,
      custom: true,
      id: "acme-login",
      inputs: { domain: "acme-login", userPoolId: "us-east-1_AbCdEfGhI" },
      outputs: { id: "acme-login", domain: "acme-login", userPoolId: "us-east-1_AbCdEfGhI" },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "eu-west-1")).toEqual({
      name: "acme-login",
      id: "acme-login",
      region: "eu-west-1",
    });
    const pending = { urn: entry.urn, type: TOKEN, custom: true, inputs: { domain: "auth.acme.example" } };
    expect(kind.identify(pending as unknown as ResourceV3, REGION)).toEqual({
      name: "auth.acme.example",
      id: "auth.acme.example",
      region: REGION,
    });
    expect(kind.fromArn("arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_AbCdEfGhI")).toBeUndefined();
    expect(kind.taggable).toBe(false);
    expect(kindForShownType("aws:cognito:UserPoolDomain")?.kind).toBe("cognito-user-pool-domain");
    expect(cognitoDomainHost("acme-login", "eu-west-1")).toBe("acme-login.auth.eu-west-1.amazoncognito.com");
    expect(cognitoDomainHost("auth.acme.example", "eu-west-1")).toBe("auth.acme.example");
  });

  it("has SST's rule (domain, 63, lower), goes before Route 53's ACM certificate, and the pool-or-certificate drift", () => {
    expect(NAME_RULES[TOKEN]).toEqual({ max: 63, lower: true, field: "domain" });
    expect(kind.stagePrefixes?.("Acme", "Dev")).toEqual(["acme-dev-"]);
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:acm/certificate:Certificate"));
    expect(typeOfWording("Cognito User Pool Domain")).toBe(TOKEN);
    const entry = {
      type: TOKEN,
      outputs: { userPoolId: "us-east-1_Old", certificateArn: "" },
    } as unknown as ResourceV3;
    const cloud = { detail: { userPoolId: "us-east-1_New", certificateArn: "" } } as unknown as CloudResource;
    expect(kind.drift(entry, cloud)).toEqual([
      { property: "userPoolId", state: "us-east-1_Old", cloud: "us-east-1_New" },
    ]);
  });
});

describe("explain on the real Cognito domain texts", () => {
  it("Terraform's 'creating Cognito User Pool Domain (…)' with Cognito's text: the domain and its name", () => {
    const r = explainLog(fixture("cognito-user-pool-domain.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "dcv-portal-dev-auth" },
    });
  });

  it("CloudFormation's event table: the type, from Cognito's text", () => {
    const r = explainLog(fixture("cognito-user-pool-domain-cfn.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: "already-exists", resource: { type: TOKEN } });
  });
});

/* Against the local cloud ---------------------------------------------------------------------------- */

const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let idp: CognitoIdentityProviderClient;
const context = () => cloudContext(clients);

async function pool(name: string, stage?: string): Promise<string> {
  const tags = stage === undefined ? undefined : { "sst:app": "acme", "sst:stage": stage };
  const out = await idp.send(
    new CreateUserPoolCommand({ PoolName: name, ...(tags && { UserPoolTags: tags }) }),
  );
  return out.UserPool!.Id!;
}
const domain = (Domain: string, UserPoolId: string) =>
  idp.send(new CreateUserPoolDomainCommand({ Domain, UserPoolId }));

beforeAll(() => {
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  idp = new CognitoIdentityProviderClient(sandbox.config(REGION));
});
afterAll(() => {
  idp.destroy();
  clients.destroy();
});

describe("the Cognito domain driver", () => {
  it("reads a domain with its pool and the pool's tags; an unknown one is not there", async () => {
    const id = await pool("acme-drv-AuthUserPool-abcdefgh", "drv");
    await domain("acme-drv-read", id);
    const r = await driver.read(context(), { name: "acme-drv-read", id: "acme-drv-read", region: REGION });
    expect(r).toMatchObject({
      kind: "cognito-user-pool-domain",
      type: TOKEN,
      name: "acme-drv-read",
      id: "acme-drv-read",
      foundBy: "read",
      tags: { "sst:app": "acme", "sst:stage": "drv" },
      detail: { userPoolId: id, certificateArn: "", status: "ACTIVE" },
    });
    expect(
      await driver.read(context(), { name: "nobody-has-it", id: "nobody-has-it", region: REGION }),
    ).toBeUndefined();
  });

  it("lists the named domains and those of the stage's pools, walking ListUserPools page by page", async () => {
    const stagePool = await pool("acme-lst-AuthUserPool-abcdefgh", "lst");
    await domain("lst-hosted-ui", stagePool);
    const other = await pool("other-app-Pool");
    await domain("other-app-login", other);
    const named = await pool("somewhere-else");
    await domain("acme-lst-named", named);
    for (let i = 0; i < 4; i++) await pool(`filler-${i}`);
    const ctx = context();
    smallPages(
      clients.client(CognitoIdentityProviderClient, "COGNITO_IDENTITY_PROVIDER", REGION),
      "ListUserPoolsCommand",
      "MaxResults",
      2,
    );
    const got = await driver.listByName!(ctx, REGION, {
      prefixes: ["acme-lst-"],
      names: new Set(["acme-lst-named"]),
    });
    expect(got.map((r) => r.name).sort()).toEqual(["acme-lst-named", "lst-hosted-ui"]);
    // The stage pool's domain carries the pool's stage tag: that is how the scan knows it is the stage's.
    expect(got.find((r) => r.name === "lst-hosted-ui")).toMatchObject({
      stageTag: "lst",
      detail: { userPoolId: stagePool },
    });
    // Several pages were walked (more than 6 pools at 2 a page).
    expect(ctx.counts.byService["cognito-idp"]).toBeGreaterThanOrEqual(5);
  });

  it("deletes a domain through the gate and leaves its pool; gone is gone; no permit, no call", async () => {
    const id = await pool("acme-del-AuthUserPool-abcdefgh", "del");
    await domain("acme-del-login", id);
    const target = { name: "acme-del-login", id: "acme-del-login", region: REGION };
    await expect(driver.delete(context(), target, undefined as never)).rejects.toThrow(/deletion gate/);
    expect(
      (await idp.send(new DescribeUserPoolDomainCommand({ Domain: "acme-del-login" }))).DomainDescription
        ?.UserPoolId,
    ).toBe(id);
    const done = await gated(driver).delete(context(), target);
    expect(done).toEqual({
      deleted: true,
      steps: [`deleted domain acme-del-login of user pool ${id} (the pool stays)`],
    });
    expect(
      (await idp.send(new DescribeUserPoolDomainCommand({ Domain: "acme-del-login" }))).DomainDescription,
    ).toEqual({});
    expect(
      (await idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.Domain,
    ).toBeUndefined();
    expect(await gated(driver).delete(context(), target)).toEqual({ deleted: true, steps: ["already gone"] });
  });

  it("adopts a domain as pulumi-aws records it (terraform-provider-aws resourceUserPoolDomainRead's fields)", async () => {
    const id = await pool("acme-adp-AuthUserPool-abcdefgh", "adp");
    await domain("acme-adp-login", id);
    const adopter = (await adopterFor(kind.kind))!;
    const got = (await adopter.read(context(), {
      name: "acme-adp-login",
      id: "acme-adp-login",
      region: REGION,
    }))!;
    expect(got.id).toBe("acme-adp-login");
    expect(got.inputs).toEqual({ __defaults: [], domain: "acme-adp-login", userPoolId: id });
    expect(Object.keys(got.outputs).sort()).toEqual([
      "awsAccountId",
      "certificateArn",
      "cloudfrontDistribution",
      "cloudfrontDistributionArn",
      "cloudfrontDistributionZoneId",
      "domain",
      "id",
      "s3Bucket",
      "userPoolId",
      "version",
    ]);
    expect(got.outputs).toMatchObject({
      awsAccountId: ACCOUNT,
      certificateArn: "",
      cloudfrontDistributionZoneId: "Z2FDTNDATAQYW2",
      domain: "acme-adp-login",
      id: "acme-adp-login",
      userPoolId: id,
      version: "1",
    });
    expect(got.outputs.cloudfrontDistributionArn).toBe(got.outputs.cloudfrontDistribution);
    expect(
      await adopter.read(context(), { name: "nope-nope", id: "nope-nope", region: REGION }),
    ).toBeUndefined();
    expect((await driverForType(TOKEN))?.kind).toBe(kind.kind);
    // A pending create that asks for the domain on another pool would replace it: adopt refuses that.
    const check = (userPoolId: string) =>
      replaceDifferences({
        type: TOKEN,
        asked: { domain: "acme-adp-login", userPoolId },
        askedRegion: REGION,
        live: got,
      });
    expect(check(id)).toEqual([]);
    expect(check("us-east-1_Other0001")).toEqual([
      { property: "userPoolId", state: "us-east-1_Other0001", cloud: id },
    ]);
  });
});

describe("doctor with Cognito domains", () => {
  it("finds a pending create whose domain exists and an orphan domain of a stage pool; the printed fixes work", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const stage = "authqa";
    const b = new SstStateBuilder({ app: "acme", stage, account: ACCOUNT, region: ACME.homeRegion });
    b.addFunction("Api");
    // The pending create's domain exists already, on a pool no state holds (an interrupted deploy).
    const leftover = await pool("acme-authqa-AuthUserPool-bcdefghk");
    await domain("acme-authqa-login", leftover);
    // The interrupted deploy asked for the domain on that very pool (else adopting it is refused).
    b.addPendingCreate(TOKEN, "AuthDomain", { domain: "acme-authqa-login", userPoolId: leftover });
    // A user-given domain of one of the stage's (tagged) pools that no state entry holds.
    const stagePool = await pool("acme-authqa-OldUserPool-cdefghkm", stage);
    await domain("acme-old-hosted-ui", stagePool);
    await putStageState(sandbox, "acme", stage, b);

    const env = sandboxEnv(sandbox);
    const doctor = ["doctor", "--app", "acme", "--stage", stage, "--deep", "--json"];
    const { findings } = JSON.parse((await cli(doctor, env)).stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const mine = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(mine).toEqual(["orphan acme-old-hosted-ui", "pending-create acme-authqa-login"]);
    const flags = `--app acme --stage ${stage}`;
    const adoptPending = `stateward adopt ${TOKEN} acme-authqa-login --urn urn:pulumi:${stage}::acme::${TOKEN}::AuthDomain ${flags}`;
    expect(findings.find((f) => f.rule === "pending-create")!.fix).toEqual([adoptPending]);
    expect(findings.find((f) => f.rule === "orphan")!.fix).toEqual([
      `stateward adopt ${TOKEN} acme-old-hosted-ui ${flags}`,
      `# or, if they are no longer wanted: stateward cleanup ${flags} --yes`,
    ]);

    const adopted = await cli([...adoptPending.split(" ").slice(1), "--yes"], env);
    expect(adopted.code, adopted.stderr).toBe(0);
    const cleaned = await cli(["cleanup", ...flags.split(" "), "--yes", "--confirm", stage], env);
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    // The orphan domain is gone (its pool stays); the adopted one is still there.
    expect(
      (await idp.send(new DescribeUserPoolDomainCommand({ Domain: "acme-old-hosted-ui" }))).DomainDescription,
    ).toEqual({});
    expect((await idp.send(new DescribeUserPoolCommand({ UserPoolId: stagePool }))).UserPool?.Id).toBe(
      stagePool,
    );
    expect(
      (await idp.send(new DescribeUserPoolDomainCommand({ Domain: "acme-authqa-login" }))).DomainDescription
        ?.UserPoolId,
    ).toBe(leftover);
    const again = JSON.parse((await cli(doctor, env)).stdout) as {
      findings: { resources: { type: string }[] }[];
    };
    expect(again.findings.filter((f) => f.resources.some((x) => x.type === TOKEN))).toEqual([]);
  }, 60_000);
});
