import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iamRoleAdopter } from "../../../src/cloud/drivers/iam.js";
import { s3BucketAdopter } from "../../../src/cloud/drivers/s3.js";
import { sesv2IdentityAdopter } from "../../../src/cloud/drivers/sesv2.js";
import type { Adopter } from "../../../src/cloud/drivers/adopt/types.js";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import type { Identity } from "../../../src/kinds/types.js";
import { Clients } from "../../../src/sandbox/scenarios/clients.js";
import { materialize } from "../../../src/sandbox/scenarios/materialize.js";
import { SstStateBuilder, type Resource } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const sandbox = useSandbox({ accountId: ACCOUNT });

let clients: AwsClients;
let seed: Clients;
let ctx: ReturnType<typeof cloudContext>;

beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  ctx = cloudContext(clients);
  seed = new Clients({ url: sandbox.server().url });
});
afterAll(() => {
  clients.destroy();
  seed.destroy();
});

type Props = Record<string, unknown>;
const inputsOf = (r: Resource) => r.inputs as Props;
const outputsOf = (r: Resource) => r.outputs as Props;

function identityOf(r: Resource, nameProp: string): Identity {
  return { name: inputsOf(r)[nameProp] as string, id: r.id as string, region: REGION };
}

/** Adopts what the builder entry describes, after creating it in the local cloud, and checks the shared shape. */
async function adopt(adopter: Adopter, entry: Resource, nameProp: string, keys: string[]) {
  await materialize(entry, REGION, seed);
  const adopted = await adopter.read(ctx, identityOf(entry, nameProp));
  expect(adopted).toBeDefined();
  const { id, inputs, outputs } = adopted!;
  expect(id).toBe(entry.id);
  expect(inputs.__defaults).toEqual([]);
  for (const key of [nameProp, ...keys, "tags", "tagsAll"]) {
    expect(inputs[key], `input ${key}`).toEqual(inputsOf(entry)[key]);
  }
  expect(outputs.arn).toBe(outputsOf(entry).arn);
  expect(outputs.id).toBe(entry.id);
  expect(outputs[nameProp]).toBe(outputsOf(entry)[nameProp]);
  expect(outputs.tags).toEqual(outputsOf(entry).tags);
  expect(outputs.tagsAll).toEqual(outputsOf(entry).tagsAll);
  return adopted!;
}

describe("iamRoleAdopter", () => {
  it("reads a function role as pulumi-aws records it", async () => {
    const { role } = new SstStateBuilder({ account: ACCOUNT, seed: 11 }).addFunction("Api");
    const { inputs, outputs } = await adopt(iamRoleAdopter, role, "name", [
      "assumeRolePolicy",
      "managedPolicyArns",
    ]);
    // Exactly the input keys the builder writes for an SST function role.
    expect(Object.keys(inputs)).toEqual(Object.keys(inputsOf(role)));
    const expected = outputsOf(role);
    for (const key of ["assumeRolePolicy", "managedPolicyArns", "maxSessionDuration", "path", "name"]) {
      expect(outputs[key], `output ${key}`).toEqual(expected[key]);
    }
    expect(outputs.uniqueId).toMatch(/^AROA/);
    expect(outputs.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(outputs.forceDetachPolicies).toBe(false);
    expect(outputs.inlinePolicies).toEqual([{ name: "", policy: "" }]);
    // Every output key the builder writes is there.
    for (const key of Object.keys(expected)) expect(outputs, key).toHaveProperty(key);
  });

  it("records inline policies, a path and a longer session as the provider does", async () => {
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] };
    const policy = { Version: "2012-10-17", Statement: [{ Resource: "*", Effect: "Allow", Action: "s3:*" }] };
    await seed.iam().send(
      new CreateRoleCommand({
        RoleName: "Custom",
        Path: "/svc/",
        MaxSessionDuration: 7200,
        AssumeRolePolicyDocument: JSON.stringify(trust, null, 2),
      }),
    );
    await seed.iam().send(
      new PutRolePolicyCommand({
        RoleName: "Custom",
        PolicyName: "b",
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    await seed.iam().send(
      new PutRolePolicyCommand({
        RoleName: "Custom",
        PolicyName: "a",
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    const adopted = await iamRoleAdopter.read(ctx, { name: "Custom", id: "Custom", region: REGION });
    const sortedPolicy =
      '{"Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}';
    const inline = [
      { name: "a", policy: sortedPolicy },
      { name: "b", policy: sortedPolicy },
    ];
    expect(adopted?.inputs).toMatchObject({
      path: "/svc/",
      maxSessionDuration: 7200,
      inlinePolicies: inline,
    });
    expect(adopted?.inputs.assumeRolePolicy).toBe(
      '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow"}],"Version":"2012-10-17"}',
    );
    expect(adopted?.outputs).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT}:role/svc/Custom`,
      inlinePolicies: inline,
      managedPolicyArns: [],
      path: "/svc/",
      tags: {},
    });
  });

  it("answers undefined for a role that does not exist", async () => {
    expect(await iamRoleAdopter.read(ctx, { name: "NoSuchRole", id: "NoSuchRole", region: REGION })).toBe(
      undefined,
    );
  });
});

describe("s3BucketAdopter", () => {
  it("reads an assets bucket as a v6 BucketV2", async () => {
    const { bucket } = new SstStateBuilder({ account: ACCOUNT, seed: 12 }).addNextjs("Web");
    const { inputs, outputs } = await adopt(s3BucketAdopter, bucket, "bucket", []);
    const expected = outputsOf(bucket);
    for (const key of ["bucketDomainName", "bucketRegionalDomainName", "region"]) {
      expect(outputs[key], `output ${key}`).toEqual(expected[key]);
    }
    expect(outputs.hostedZoneId).toBe("Z3AQBSTGFYJSTF");
    // forceDestroy is not something AWS knows: left to the program, false as on import.
    expect(inputs).not.toHaveProperty("forceDestroy");
    expect(outputs.forceDestroy).toBe(false);
    for (const key of Object.keys(expected)) expect(outputs, key).toHaveProperty(key);
  });

  it("answers undefined for a bucket that does not exist", async () => {
    const name = "stateward-no-such-bucket";
    expect(await s3BucketAdopter.read(ctx, { name, id: name, region: REGION })).toBe(undefined);
  });
});

describe("sesv2IdentityAdopter", () => {
  it("reads an Email component's identity", async () => {
    const { identity } = new SstStateBuilder({ account: ACCOUNT, seed: 13 }).addEmail(
      "Mail",
      "alerts@acme.example",
    );
    const { outputs } = await adopt(sesv2IdentityAdopter, identity, "emailIdentity", []);
    const expected = outputsOf(identity);
    expect(outputs.identityType).toBe(expected.identityType);
    expect(outputs.verifiedForSendingStatus).toBe(false);
    expect(outputs.dkimSigningAttributes).toMatchObject({ signingAttributesOrigin: "AWS_SES", tokens: [] });
    // materialize does not attach the configuration set: none is reported.
    expect(outputs.configurationSetName).toBe("");
    for (const key of Object.keys(expected)) expect(outputs, key).toHaveProperty(key);
  });

  it("reads a domain identity with its DKIM tokens, and uses a known ARN", async () => {
    const { identity } = new SstStateBuilder({ account: ACCOUNT, seed: 14 }).addEmail("Dom", "acme.example");
    const arn = outputsOf(identity).arn as string;
    await materialize(identity, REGION, seed);
    const adopted = await sesv2IdentityAdopter.read(ctx, { ...identityOf(identity, "emailIdentity"), arn });
    expect(adopted?.outputs.arn).toBe(arn);
    expect(adopted?.outputs.identityType).toBe("DOMAIN");
    const dkim = adopted?.outputs.dkimSigningAttributes as Props;
    expect(dkim.tokens).toHaveLength(3);
    expect(dkim.nextSigningKeyLength).toBe("RSA_2048_BIT");
    expect(dkim.lastKeyGenerationTimestamp).toMatch(/Z$/);
  });

  it("answers undefined for an identity that does not exist", async () => {
    const name = "nobody@acme.example";
    expect(await sesv2IdentityAdopter.read(ctx, { name, id: name, region: REGION })).toBe(undefined);
  });
});
