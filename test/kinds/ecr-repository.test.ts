/**
 * The ECR repository kind and its driver: identity and ARN parsing (names with `/`), `explain` on the
 * real texts (CircleCI-Public/aws-ecr-orb#22 through the CLI, stratospheric-dev/stratospheric#204
 * through CloudFormation), and against the local cloud: read with tags, listing over pages, the gated
 * delete (images counted and deleted with the repository; a repository that gained images after it
 * was found empty is left alone), doctor finding a pending create whose repository exists and a
 * tagged orphan with fixes that work, and the adopted entry against pulumi-aws 5.42's export.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  PutImageCommand,
} from "@aws-sdk/client-ecr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { ecrRepositoryDriver as driver } from "../../src/cloud/drivers/ecr.js";
import { adopterFor } from "../../src/cloud/drivers/index.js";
import { explainLog } from "../../src/explain/index.js";
import { replaceDifferences } from "../../src/repair/replace-check.js";
import { ecrRepository as kind, repositoryNameOfArn } from "../../src/kinds/ecr-repository.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type PropertyMap, type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { cli, gated, smallPages } from "../helpers.js";
import { sandboxEnv, useSandbox, putStageState } from "../sandbox/harness.js";

const TOKEN = "aws:ecr/repository:Repository";
const REGION = "us-east-1";
const ACCOUNT = "975318642097";
const ARN = "arn:aws:ecr:us-west-2:616138583583:repository/acme/web-api";
const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../shared/fixtures/pulumi-aws/ecr-repository-5.42.0-stack.json",
);

describe("ecr-repository kind", () => {
  it("reads the name out of an ARN (slashes kept); id = name", () => {
    expect(kind.fromArn(ARN)).toEqual({
      name: "acme/web-api",
      id: "acme/web-api",
      region: "us-west-2",
      arn: ARN,
    });
    expect(repositoryNameOfArn("arn:aws:ecr:us-east-1:1:repository/")).toBeUndefined();
    expect(kind.fromArn("arn:aws:ecs:us-east-1:1:cluster/x")).toBeUndefined();
    expect(kindForArn(ARN)?.kind).toBe("ecr-repository");
    expect(kindForShownType("aws:ecr:Repository")?.kind).toBe("ecr-repository");
    expect(kind.tagType).toBe("ecr:repository");
  });

  it("identifies a state entry by its name; a pending create by its input", () => {
    const entry = {
      urn: `urn:pulumi:dev::acme::${TOKEN}::Web`,
      type: TOKEN,
      custom: true,
      id: "bar",
      inputs: { name: "bar" },
      outputs: { arn: "arn:aws:ecr:us-west-2:616138583583:repository/bar", id: "bar", name: "bar" },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "us-west-2")).toEqual({
      name: "bar",
      id: "bar",
      region: "us-west-2",
      arn: "arn:aws:ecr:us-west-2:616138583583:repository/bar",
    });
    const pending = { urn: entry.urn, type: TOKEN, custom: true, inputs: { name: "acme-dev-web" } };
    expect(kind.identify(pending as unknown as ResourceV3, REGION)).toMatchObject({
      name: "acme-dev-web",
      id: "acme-dev-web",
    });
  });

  it("goes after the functions that run its images; drift in the immutable encryption and the settings", () => {
    expect(deleteRank("aws:lambda/function:Function")).toBeLessThan(deleteRank(TOKEN));
    expect(typeOfWording("ECR Repository")).toBe(TOKEN);
    const entry = {
      type: TOKEN,
      outputs: {
        imageTagMutability: "MUTABLE",
        encryptionConfigurations: [{ encryptionType: "AES256", kmsKey: "" }],
      },
    } as unknown as ResourceV3;
    const cloud = {
      detail: {
        imageTagMutability: "IMMUTABLE",
        encryptionConfigurations: [{ encryptionType: "AES256", kmsKey: "" }],
      },
    } as unknown as CloudResource;
    expect(kind.drift(entry, cloud)).toEqual([
      { property: "imageTagMutability", state: "MUTABLE", cloud: "IMMUTABLE" },
    ]);
  });
});

describe("explain on the real ECR texts", () => {
  it("the CLI's RepositoryAlreadyExistsException: the repository and its name", () => {
    const r = explainLog(fixture("ecr-repository.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "dummy-service" },
    });
  });

  it("CloudFormation's 'Resource of type AWS::ECR::Repository … already exists'", () => {
    const r = explainLog(fixture("ecr-repository-cfn.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "hello-world-app" },
    });
  });
});

/* Against the local cloud ---------------------------------------------------------------------------- */

const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let ecr: ECRClient;
const context = () => cloudContext(clients);
const tags = (stage: string) => [
  { Key: "sst:app", Value: "acme" },
  { Key: "sst:stage", Value: stage },
];
async function repo(name: string, stage?: string, images = 0): Promise<void> {
  await ecr.send(new CreateRepositoryCommand({ repositoryName: name, ...(stage && { tags: tags(stage) }) }));
  for (let i = 0; i < images; i++) {
    const imageManifest = JSON.stringify({ schemaVersion: 2, config: { digest: `sha256:${name}-${i}` } });
    await ecr.send(new PutImageCommand({ repositoryName: name, imageManifest, imageTag: `v${i}` }));
  }
}
const exists = async (name: string) =>
  (await ecr.send(new DescribeRepositoriesCommand({}))).repositories?.some((r) => r.repositoryName === name);

beforeAll(() => {
  clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  ecr = new ECRClient(sandbox.config(REGION));
});
afterAll(() => {
  ecr.destroy();
  clients.destroy();
});

describe("the ECR driver", () => {
  it("reads a repository with its tags and settings; by ARN too; a missing one is not there", async () => {
    await repo("acme-drv-web", "drv");
    const r = await driver.read(context(), { name: "acme-drv-web", id: "acme-drv-web", region: REGION });
    expect(r).toMatchObject({
      kind: "ecr-repository",
      name: "acme-drv-web",
      id: "acme-drv-web",
      arn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/acme-drv-web`,
      tags: { "sst:app": "acme", "sst:stage": "drv" },
      foundBy: "read",
      detail: {
        imageTagMutability: "MUTABLE",
        imageScanningConfiguration: { scanOnPush: false },
        encryptionConfigurations: [{ encryptionType: "AES256", kmsKey: "" }],
      },
    });
    const byArn = await driver.read(context(), { name: r!.arn!, id: r!.arn!, region: REGION });
    expect(byArn?.name).toBe("acme-drv-web");
    expect(
      await driver.read(context(), { name: "acme-drv-none", id: "acme-drv-none", region: REGION }),
    ).toBeUndefined();
  });

  it("lists by prefix and exact name over pages", async () => {
    for (const n of ["acme-lst-a", "acme-lst-b", "acme-lst-c", "other-lst-d", "exact/one"]) await repo(n);
    // Its own clients: the small pages must not reach the other tests' reads by name.
    const own = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
    const ctx = cloudContext(own);
    smallPages(own.client(ECRClient, "ECR", REGION), "DescribeRepositoriesCommand", "maxResults", 2);
    const got = await driver.listByName!(ctx, REGION, {
      prefixes: ["acme-lst-"],
      names: new Set(["exact/one"]),
    });
    own.destroy();
    expect(got.map((r) => r.name).sort()).toEqual(["acme-lst-a", "acme-lst-b", "acme-lst-c", "exact/one"]);
    expect(got.every((r) => r.foundBy === "name")).toBe(true);
    expect(ctx.counts.byService.ecr).toBeGreaterThanOrEqual(3);
  });

  it("deletes through the gate with its images, counted; an empty one without force; no permit, no call", async () => {
    await repo("acme-del-full", "del", 3);
    const target = { name: "acme-del-full", id: "acme-del-full", region: REGION };
    await expect(driver.delete(context(), target, undefined as never)).rejects.toThrow(/deletion gate/);
    expect(await exists("acme-del-full")).toBe(true);
    expect(await gated(driver).delete(context(), target)).toEqual({
      deleted: true,
      steps: ["deleted repository acme-del-full and the 3 images it held"],
    });
    expect(await exists("acme-del-full")).toBe(false);
    await repo("acme-del-empty");
    const empty = { name: "acme-del-empty", id: "acme-del-empty", region: REGION };
    expect(await gated(driver).delete(context(), empty)).toEqual({
      deleted: true,
      steps: ["deleted repository acme-del-empty (it held no images)"],
    });
    expect(await gated(driver).delete(context(), empty)).toEqual({ deleted: true, steps: ["already gone"] });
  });

  it("leaves a repository that gained images after it was counted empty (AWS's RepositoryNotEmptyException)", async () => {
    await repo("acme-del-race");
    const ctx = context();
    // An image pushed between the count (ListImages) and DeleteRepository.
    clients.client(ECRClient, "ECR", REGION).middlewareStack.add(
      (next, c) => async (args) => {
        if ((c as { commandName?: string }).commandName === "DeleteRepositoryCommand") {
          const imageManifest = JSON.stringify({ schemaVersion: 2, config: { digest: "sha256:late" } });
          await ecr.send(
            new PutImageCommand({ repositoryName: "acme-del-race", imageManifest, imageTag: "late" }),
          );
        }
        return next(args);
      },
      { step: "initialize", name: "pushMeanwhile" },
    );
    try {
      const r = await gated(driver).delete(ctx, {
        name: "acme-del-race",
        id: "acme-del-race",
        region: REGION,
      });
      expect(r.deleted).toBe(false);
      expect(r.pending).toMatch(/holds images now.*nothing was deleted/);
      expect(await exists("acme-del-race")).toBe(true);
    } finally {
      clients.client(ECRClient, "ECR", REGION).middlewareStack.remove("pushMeanwhile");
    }
  });
});

describe("adopting an ECR repository", () => {
  it("writes the entry pulumi-aws 5.42 wrote (its recorded export, compared key by key)", async () => {
    const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { deployment: { resources: ResourceV3[] } };
    const real = doc.deployment.resources.find((x) => x.type === TOKEN)!;
    const outputs = real.outputs as Record<string, unknown>;
    // The fixture's repository: scan on push, mutable tags, AES256.
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: "shape-bar",
        imageScanningConfiguration: { scanOnPush: true },
        imageTagMutability: "MUTABLE",
      }),
    );
    const adopted = (await (await adopterFor(kind.kind))!.read(context(), {
      name: "shape-bar",
      id: "shape-bar",
      region: REGION,
    }))!;
    expect(adopted.id).toBe("shape-bar");
    const naming = new Set(["arn", "id", "name", "registryId", "repositoryUrl"]);
    expect(Object.keys(adopted.outputs).sort()).toEqual(Object.keys(outputs).sort());
    for (const [k, v] of Object.entries(outputs)) {
      if (naming.has(k)) expect(typeof adopted.outputs[k], `outputs.${k}`).toBe(typeof v);
      else expect(adopted.outputs[k], `outputs.${k}`).toEqual(v);
    }
    expect(adopted.outputs).toMatchObject({
      arn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/shape-bar`,
      registryId: ACCOUNT,
      repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/shape-bar`,
    });
    expect(adopted.inputs).toEqual({ ...real.inputs, name: "shape-bar" });
    // Its encryption cannot change in place: a pending create that asks for KMS is refused.
    const check = (asked: PropertyMap) =>
      replaceDifferences({
        type: TOKEN,
        asked: { name: "shape-bar", ...asked },
        askedRegion: REGION,
        live: adopted,
      });
    expect(check({})).toEqual([]);
    expect(check({ encryptionConfigurations: [{ encryptionType: "AES256" }] })).toEqual([]);
    expect(check({ encryptionConfigurations: [{ encryptionType: "KMS" }] })).toMatchObject([
      { property: "encryptionConfigurations" },
    ]);
  });
});

describe("doctor with ECR repositories", () => {
  it("finds a pending create whose repository exists and a tagged orphan; the printed adopt and cleanup work", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const stage = "ecrqa";
    const b = new SstStateBuilder({ app: "acme", stage, account: ACCOUNT, region: ACME.homeRegion });
    b.addFunction("Api");
    await repo("acme-ecrqa-web");
    b.addPendingCreate(TOKEN, "Web", { name: "acme-ecrqa-web", imageTagMutability: "MUTABLE" });
    await repo("acme-ecrqa-old", stage, 2);
    await putStageState(sandbox, "acme", stage, b);

    const env = sandboxEnv(sandbox);
    const doctor = ["doctor", "--app", "acme", "--stage", stage, "--json"];
    const { findings } = JSON.parse((await cli(doctor, env)).stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const mine = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(mine).toEqual(["orphan acme-ecrqa-old", "pending-create acme-ecrqa-web"]);
    const flags = `--app acme --stage ${stage}`;
    const adoptPending = `stateward adopt ${TOKEN} acme-ecrqa-web --urn urn:pulumi:${stage}::acme::${TOKEN}::Web ${flags}`;
    expect(findings.find((f) => f.rule === "pending-create")!.fix).toEqual([adoptPending]);
    expect(findings.find((f) => f.rule === "orphan")!.fix).toEqual([
      `stateward adopt ${TOKEN} acme-ecrqa-old ${flags}`,
      `# or, if they are no longer wanted: stateward cleanup ${flags} --yes`,
    ]);

    const adopted = await cli([...adoptPending.split(" ").slice(1), "--yes"], env);
    expect(adopted.code, adopted.stderr).toBe(0);
    const cleaned = await cli(["cleanup", ...flags.split(" "), "--yes", "--confirm", stage], env);
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    expect(cleaned.stdout).toContain("deleted repository acme-ecrqa-old and the 2 images it held");
    expect(await exists("acme-ecrqa-old")).toBe(false);
    expect(await exists("acme-ecrqa-web")).toBe(true);
    const again = JSON.parse((await cli(doctor, env)).stdout) as {
      findings: { resources: { type: string }[] }[];
    };
    expect(again.findings.filter((f) => f.resources.some((x) => x.type === TOKEN))).toEqual([]);
  }, 60_000);
});
