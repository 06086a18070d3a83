/**
 * Adopting a Secrets Manager secret from the local cloud, field by field against the entry pulumi-aws
 * itself wrote (../shared/fixtures/pulumi-aws/secretsmanager-secret-5.42.0-stack.json, read at run
 * time): same input and output keys, same `__defaults`, same values once the ARN (account, region,
 * AWS's random suffix) is the sandbox's. Also: adopting by ARN, and refusing a secret scheduled for
 * deletion. The secret's value is never read.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { adopterFor } from "../../../src/cloud/drivers/index.js";
import type { Adopter } from "../../../src/cloud/drivers/types.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { sandboxEnv, useSandbox } from "../../sandbox/harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURE = path.resolve(REPO, "../shared/fixtures/pulumi-aws/secretsmanager-secret-5.42.0-stack.json");
const TYPE = "aws:secretsmanager/secret:Secret";
const REGION = "us-east-1";

function realEntry(): ResourceV3 {
  const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { deployment: { resources: ResourceV3[] } };
  return doc.deployment.resources.find((r) => r.type === TYPE)!;
}

const sandbox = useSandbox();
let clients: AwsClients;
let adopter: Adopter;
const sm = () => new SecretsManagerClient(sandbox.config(REGION));

beforeAll(async () => {
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  adopter = (await adopterFor("secretsmanager-secret"))!;
});
afterAll(() => clients.destroy());

describe("adopting a Secrets Manager secret", () => {
  it("writes the entry pulumi-aws 5.42.0 wrote, field by field", async () => {
    const real = realEntry();
    // The fixture's secret: name "example", no description, key, policy, tags or replicas.
    const { ARN } = await sm().send(
      new CreateSecretCommand({ Name: "example", SecretString: "s3cr3t-value" }),
    );
    const adopted = (await adopter.read(cloudContext(clients), {
      name: "example",
      id: "example",
      region: REGION,
    }))!;
    const swap = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll(real.id!, ARN!)) as unknown;
    expect(adopted.id).toBe(ARN);
    expect(adopted.inputs).toEqual(swap(real.inputs));
    expect(adopted.outputs).toEqual(swap(real.outputs));
    expect(Object.keys(adopted.outputs).sort()).toEqual(Object.keys(real.outputs!).sort());
    expect(JSON.stringify(adopted)).not.toContain("s3cr3t-value");
  });

  it("records description, key and tags as inputs and outputs; adopts by ARN too", async () => {
    const { ARN } = await sm().send(
      new CreateSecretCommand({
        Name: "acme-dev-DbSecret-abcdefgh",
        Description: "db",
        KmsKeyId: "alias/acme",
        SecretString: "x",
        Tags: [{ Key: "sst:app", Value: "acme" }],
      }),
    );
    const adopted = (await adopter.read(cloudContext(clients), { name: ARN!, id: ARN!, region: REGION }))!;
    expect(adopted.id).toBe(ARN);
    expect(adopted.inputs).toMatchObject({
      description: "db",
      kmsKeyId: "alias/acme",
      name: "acme-dev-DbSecret-abcdefgh",
      tags: { "sst:app": "acme" },
    });
    expect(adopted.outputs).toMatchObject({
      arn: ARN,
      description: "db",
      kmsKeyId: "alias/acme",
      tags: { "sst:app": "acme" },
      tagsAll: { "sst:app": "acme" },
    });
  });

  it("refuses a secret scheduled for deletion, saying to restore or force-delete it", async () => {
    const { ARN } = await sm().send(
      new CreateSecretCommand({ Name: "acme-dev-Old-bcdefghk", SecretString: "x" }),
    );
    await sm().send(new DeleteSecretCommand({ SecretId: ARN, RecoveryWindowInDays: 7 }));
    const got = adopter.read(cloudContext(clients), {
      name: "acme-dev-Old-bcdefghk",
      id: "x",
      region: REGION,
    });
    await expect(got).rejects.toMatchObject({
      code: "SCHEDULED_FOR_DELETION",
      message: expect.stringContaining("scheduled for deletion") as unknown,
      hint: expect.stringMatching(/restore-secret.*force-delete-without-recovery/) as unknown,
    });
    expect(
      await adopter.read(cloudContext(clients), { name: "acme-dev-Nope-cdefghkm", id: "x", region: REGION }),
    ).toBeUndefined();
  });
});
