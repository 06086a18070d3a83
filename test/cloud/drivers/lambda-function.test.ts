import { gated } from "../../helpers.js";
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvalidParameterValueException,
  LambdaClient,
  type CreateFunctionCommandInput,
} from "@aws-sdk/client-lambda";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AwsClients, awsError } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import {
  EDGE_REPLICAS_PENDING,
  isReplicatedFunctionError,
  lambdaFunctionDriver,
} from "../../../src/cloud/drivers/lambda.js";
import type { NameFilter } from "../../../src/kinds/types.js";
import { StatewardError } from "../../../src/errors.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "135792468013";
const sandbox = useSandbox({ accountId: ACCOUNT });
const ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dev-ApiRole`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dev-OtherRole`;
/** An empty zip archive: just the end-of-central-directory record. */
const ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");
const arnOf = (name: string, region = "us-east-1") => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;

let clients: AwsClients;
beforeAll(() => {
  clients = new AwsClients(
    { region: "us-east-1" },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
});
afterAll(() => clients.destroy());

const sdk = (region = "us-east-1") => new LambdaClient(sandbox.config(region));
const create = (name: string, extra: Partial<CreateFunctionCommandInput> = {}, region?: string) =>
  sdk(region).send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: ROLE,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: ZIP },
      ...extra,
    }),
  );

const filter = (prefixes: string[], names: string[] = []): NameFilter => ({
  prefixes,
  names: new Set(names),
});

describe("lambdaFunctionDriver handler", () => {
  it("names the function in an ARN, with or without a qualifier, and nothing else of Lambda's", () => {
    expect(lambdaFunctionDriver.fromArn(arnOf("acme-dev-api", "eu-west-1"))).toEqual({
      name: "acme-dev-api",
      id: "acme-dev-api",
      region: "eu-west-1",
      arn: arnOf("acme-dev-api", "eu-west-1"),
    });
    expect(lambdaFunctionDriver.fromArn(`${arnOf("acme-dev-edge")}:7`)).toEqual({
      name: "acme-dev-edge",
      id: "acme-dev-edge",
      region: "us-east-1",
      arn: arnOf("acme-dev-edge"),
    });
    expect(lambdaFunctionDriver.fromArn(`${arnOf("acme-dev-api")}:live`)?.name).toBe("acme-dev-api");
    expect(lambdaFunctionDriver.fromArn(`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:deps:3`)).toBeUndefined();
    expect(
      lambdaFunctionDriver.fromArn(`arn:aws:lambda:us-east-1:${ACCOUNT}:event-source-mapping:abc`),
    ).toBeUndefined();
    expect(
      lambdaFunctionDriver.fromArn(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/function:x`),
    ).toBeUndefined();
    expect(lambdaFunctionDriver.fromArn("not-an-arn")).toBeUndefined();
  });

  it("identifies a builder's function entry by its name, in the provider's region", () => {
    const b = new SstStateBuilder({ app: "acme", stage: "dev", account: ACCOUNT, region: "eu-west-1" });
    const { fn } = b.addFunction("Api");
    const entry = fn as unknown as ResourceV3;
    const name = (entry.outputs as { name: string }).name;
    expect(name).toMatch(/^acme-dev-ApiFunction/);
    expect(lambdaFunctionDriver.identify(entry, "eu-west-1")).toEqual({
      name,
      id: entry.id,
      region: "eu-west-1",
      arn: arnOf(name, "eu-west-1"),
    });
    // Without outputs (a pending create), the inputs name it.
    const pending = { ...entry, outputs: undefined, id: undefined } as ResourceV3;
    expect(lambdaFunctionDriver.identify(pending, "eu-west-1")).toEqual({
      name,
      id: name,
      region: "eu-west-1",
    });
    expect(lambdaFunctionDriver.types).toContain(entry.type);
  });

  it("reads a function with its runtime, handler, role and tags; a missing one is undefined", async () => {
    await create("acme-dev-read", { Tags: { "sst:app": "acme", "sst:stage": "dev" } });
    const ctx = cloudContext(clients);
    const got = await lambdaFunctionDriver.read(ctx, {
      name: "acme-dev-read",
      id: "acme-dev-read",
      region: "us-east-1",
    });
    expect(got).toEqual({
      kind: "lambda-function",
      type: "aws:lambda/function:Function",
      name: "acme-dev-read",
      id: "acme-dev-read",
      region: "us-east-1",
      arn: arnOf("acme-dev-read"),
      tags: { "sst:app": "acme", "sst:stage": "dev" },
      foundBy: "read",
      detail: { runtime: "nodejs20.x", handler: "index.handler", role: ROLE },
    });
    expect(
      await lambdaFunctionDriver.read(ctx, {
        name: "acme-dev-nope",
        id: "acme-dev-nope",
        region: "us-east-1",
      }),
    ).toBeUndefined();
    // Functions are regional: the same name in another region is not there.
    expect(
      await lambdaFunctionDriver.read(ctx, {
        name: "acme-dev-read",
        id: "acme-dev-read",
        region: "us-west-2",
      }),
    ).toBeUndefined();
  });

  it("lists the stage's functions by prefix and exact name across pages, and only the asked region's", async () => {
    const names = Array.from({ length: 55 }, (_, i) => `acme-dev-fn${String(i).padStart(2, "0")}`);
    for (const n of names) await create(n);
    await create("acme-prod-api");
    await create("acmedev-api");
    await create("zeta-dev-api");
    await create("legacy-api");
    await create("acme-dev-west", {}, "us-west-2");

    const ctx = cloudContext(clients);
    const found = await lambdaFunctionDriver.listByName!(
      ctx,
      "us-east-1",
      filter(["acme-dev-"], ["legacy-api"]),
    );
    const foundNames = found.map((f) => f.name).sort();
    expect(foundNames).toContain("acme-dev-fn54");
    expect(foundNames).toContain("legacy-api");
    expect(foundNames.filter((n) => n.startsWith("acme-dev-fn"))).toEqual(names);
    for (const n of ["acme-prod-api", "acmedev-api", "zeta-dev-api", "acme-dev-west"]) {
      expect(foundNames).not.toContain(n);
    }
    expect(foundNames.every((n) => n.startsWith("acme-dev-") || n === "legacy-api")).toBe(true);
    // More than 50 functions in the region: ListFunctions answered in more than one page.
    expect(ctx.counts.byService.lambda).toBeGreaterThanOrEqual(2);
    const one = found.find((f) => f.name === "acme-dev-fn07")!;
    expect(one).toEqual({
      kind: "lambda-function",
      type: "aws:lambda/function:Function",
      name: "acme-dev-fn07",
      id: "acme-dev-fn07",
      region: "us-east-1",
      arn: arnOf("acme-dev-fn07"),
      tags: {},
      foundBy: "name",
      detail: { runtime: "nodejs20.x", handler: "index.handler", role: ROLE },
    });

    const west = await lambdaFunctionDriver.listByName!(ctx, "us-west-2", filter(["acme-dev-"]));
    expect(west.map((f) => [f.name, f.region, f.arn])).toEqual([
      ["acme-dev-west", "us-west-2", arnOf("acme-dev-west", "us-west-2")],
    ]);
    expect(await lambdaFunctionDriver.listByName!(ctx, "eu-west-1", filter(["acme-dev-"]))).toEqual([]);
  });

  it("reports drift in runtime, handler and role, and none when they match", async () => {
    const b = new SstStateBuilder({ app: "acme", stage: "dev", account: ACCOUNT });
    const { fn, role } = b.addFunction("Drift");
    const entry = fn as unknown as ResourceV3;
    const roleArn = (role.outputs as { arn: string }).arn;
    const identity = lambdaFunctionDriver.identify(entry, "us-east-1")!;
    await create(identity.name, { Role: roleArn, Runtime: "nodejs20.x", Handler: "bundle/index.handler" });
    const ctx = cloudContext(clients);
    const same = (await lambdaFunctionDriver.read(ctx, identity))!;
    expect(lambdaFunctionDriver.drift(entry, same)).toEqual([]);

    const changed = (await lambdaFunctionDriver.read(ctx, identity))!;
    changed.detail = { runtime: "nodejs22.x", handler: "index.main", role: OTHER_ROLE };
    expect(lambdaFunctionDriver.drift(entry, changed)).toEqual([
      { property: "runtime", state: "nodejs20.x", cloud: "nodejs22.x" },
      { property: "handler", state: "bundle/index.handler", cloud: "index.main" },
      { property: "role", state: roleArn, cloud: OTHER_ROLE },
    ]);

    // The same through the cloud: a function deployed with another runtime, handler and role.
    const b2 = new SstStateBuilder({ app: "acme", stage: "dev", account: ACCOUNT, seed: 7 });
    const other = b2.addFunction("Drifted").fn as unknown as ResourceV3;
    const otherId = lambdaFunctionDriver.identify(other, "us-east-1")!;
    await create(otherId.name, { Role: OTHER_ROLE, Runtime: "python3.12", Handler: "main.handler" });
    const read = (await lambdaFunctionDriver.read(ctx, otherId))!;
    expect(lambdaFunctionDriver.drift(other, read).map((d) => [d.property, d.cloud])).toEqual([
      ["runtime", "python3.12"],
      ["handler", "main.handler"],
      ["role", OTHER_ROLE],
    ]);
  });

  it("deletes a function, and deleting it again is fine", async () => {
    await create("acme-dev-doomed");
    const ctx = cloudContext(clients);
    const identity = { name: "acme-dev-doomed", id: "acme-dev-doomed", region: "us-east-1" };
    expect(await gated(lambdaFunctionDriver).delete(ctx, identity)).toEqual({
      deleted: true,
      steps: ["deleted function acme-dev-doomed"],
    });
    await expect(
      sdk().send(new GetFunctionCommand({ FunctionName: "acme-dev-doomed" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    expect(await gated(lambdaFunctionDriver).delete(ctx, identity)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });
});

describe("Lambda@Edge replicas", () => {
  const REPLICATED =
    "Lambda was unable to delete arn:aws:lambda:us-east-1:135792468013:function:acme-dev-edge:1 because it is a replicated function. Please see our documentation for Deleting Lambda@Edge Functions and Replicas.";

  /** A Lambda endpoint that answers DeleteFunction the way AWS does while replicas still exist. */
  let stub: http.Server;
  let stubUrl: string;
  let answer: { status: number; type: string; message: string };
  beforeAll(async () => {
    stub = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(answer.status, {
          "content-type": "application/json",
          "x-amzn-errortype": answer.type,
          "x-amzn-requestid": "00000000-0000-0000-0000-000000000000",
        });
        res.end(JSON.stringify({ Type: "User", message: answer.message }));
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => stub.close(() => resolve()));
  });

  const edge = { name: "acme-dev-edge", id: "acme-dev-edge", region: "us-east-1" };
  const stubClients = () =>
    new AwsClients(
      { region: "us-east-1" },
      { AWS_ENDPOINT_URL: stubUrl, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
    );

  it("reports the deletion as pending when AWS refuses because replicas remain (real SDK error)", async () => {
    answer = { status: 400, type: "InvalidParameterValueException", message: REPLICATED };
    const c = stubClients();
    try {
      expect(await gated(lambdaFunctionDriver).delete(cloudContext(c), edge)).toEqual({
        deleted: false,
        pending: EDGE_REPLICAS_PENDING,
        steps: ["Lambda refused to delete acme-dev-edge: it still has Lambda@Edge replicas"],
      });
    } finally {
      c.destroy();
    }
  });

  it("still fails on another InvalidParameterValueException", async () => {
    answer = { status: 400, type: "InvalidParameterValueException", message: "Something else is wrong." };
    const c = stubClients();
    try {
      const err = await gated(lambdaFunctionDriver)
        .delete(cloudContext(c), edge)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StatewardError);
      expect((err as StatewardError).message).toContain("Something else is wrong.");
    } finally {
      c.destroy();
    }
  });

  it("classifies the SDK's exception as ctx.call wraps it", async () => {
    const sdkError = new InvalidParameterValueException({
      message: REPLICATED,
      $metadata: { httpStatusCode: 400 },
      Type: "User",
    });
    const c = new AwsClients(
      { region: "us-east-1" },
      { AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
    );
    const send = vi.fn(() => Promise.reject(sdkError));
    vi.spyOn(c, "lambda").mockReturnValue({ send } as unknown as LambdaClient);
    const ctx = cloudContext(c);
    const wrapped = await ctx
      .call("lambda", "DeleteFunction acme-dev-edge", () => Promise.reject(sdkError))
      .catch((e: unknown) => e);
    expect(wrapped).toBeInstanceOf(StatewardError);
    expect((wrapped as StatewardError).cause).toBe(sdkError);
    expect(isReplicatedFunctionError(wrapped)).toBe(true);
    expect(isReplicatedFunctionError(sdkError)).toBe(true);
    const result = await gated(lambdaFunctionDriver).delete(ctx, edge);
    expect(send).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ deleted: false, pending: EDGE_REPLICAS_PENDING });

    const other = new InvalidParameterValueException({
      message: "Function code combined with layers exceeds the maximum allowed size",
      $metadata: { httpStatusCode: 400 },
    });
    expect(isReplicatedFunctionError(awsErrorLike(other))).toBe(false);
    const replicatedButOtherCode = Object.assign(new Error(REPLICATED), {
      name: "ResourceConflictException",
      $metadata: { httpStatusCode: 409 },
    });
    expect(isReplicatedFunctionError(awsErrorLike(replicatedButOtherCode))).toBe(false);
    c.destroy();
  });
});

/** The error ctx.call throws for an SDK error: a StatewardError keeping it as the cause. */
function awsErrorLike(cause: Error): StatewardError {
  return awsError(cause, "DeleteFunction acme-dev-edge");
}
