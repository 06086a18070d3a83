import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamodbTableAdopter } from "../../../src/cloud/drivers/dynamodb.js";
import { lambdaFunctionAdopter } from "../../../src/cloud/drivers/lambda.js";
import { logGroupAdopter } from "../../../src/cloud/drivers/logs.js";
import type { Adopter } from "../../../src/cloud/drivers/adopt/types.js";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import type { Identity } from "../../../src/kinds/types.js";
import { Clients } from "../../../src/sandbox/scenarios/clients.js";
import { materialize } from "../../../src/sandbox/scenarios/materialize.js";
import { SstStateBuilder, type Resource } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const REGION = "us-east-1";
const builder = new SstStateBuilder({ app: "adopt", stage: "test", region: REGION, seed: 7 });
const sandbox = useSandbox({ accountId: builder.account });

const table = builder.addDynamo("Orders").table;
const fn = builder.addFunction("Api", { environment: { STAGE: "test" } });

let clients: AwsClients;
let seed: Clients;
let ctx: ReturnType<typeof cloudContext>;

beforeAll(async () => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  ctx = cloudContext(clients);
  seed = new Clients({ url: sandbox.server().url });
  for (const r of [table, fn.role, fn.logGroup, fn.fn]) await materialize(r, REGION, seed);
});
afterAll(() => {
  clients.destroy();
  seed.destroy();
});

type Props = Record<string, unknown>;
const inputsOf = (r: Resource) => r.inputs as Props;
const outputsOf = (r: Resource) => r.outputs as Props;

function identityOf(r: Resource): Identity {
  const name = inputsOf(r).name as string;
  return { name, id: r.id as string, region: REGION };
}

async function adopt(adopter: Adopter, r: Resource) {
  const adopted = await adopter.read(ctx, identityOf(r));
  expect(adopted).toBeDefined();
  return adopted!;
}

/** A value without the `__defaults` pulumi-aws puts in nested input objects (the builder writes none). */
function withoutNestedDefaults(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNestedDefaults);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .filter(([k]) => k !== "__defaults")
      .map(([k, x]) => [k, withoutNestedDefaults(x)]),
  );
}

/** The builder's inputs for `keys` are what the adopter read back, in inputs and in outputs. */
function expectSame(r: Resource, adopted: { inputs: Props; outputs: Props }, keys: string[]) {
  for (const key of keys) {
    expect(withoutNestedDefaults(adopted.inputs[key]), `inputs.${key}`).toEqual(inputsOf(r)[key]);
    if (key !== "tagsAll" && outputsOf(r)[key] !== undefined)
      expect(adopted.outputs[key], `outputs.${key}`).toEqual(outputsOf(r)[key]);
  }
}

describe("dynamodbTableAdopter", () => {
  it("reads a table as pulumi-aws records it", async () => {
    const adopted = await adopt(dynamodbTableAdopter, table);
    expect(adopted.id).toBe(table.id);
    expect(adopted.inputs.__defaults).toEqual([]);
    expectSame(table, adopted, [
      "name",
      "hashKey",
      "rangeKey",
      "attributes",
      "billingMode",
      "streamEnabled",
      "tags",
      "tagsAll",
    ]);
    // Every key the builder writes for a table's outputs is there, with the builder's value.
    for (const [key, value] of Object.entries(outputsOf(table))) {
      expect(adopted.outputs[key], `outputs.${key}`).toEqual(value);
    }
    expect(adopted.outputs).toMatchObject({ readCapacity: 0, writeCapacity: 0, tableClass: "STANDARD" });
    // On-demand tables have no capacities among their inputs.
    expect(adopted.inputs).not.toHaveProperty("readCapacity");
  });

  it("answers undefined for a table that does not exist", async () => {
    expect(
      await dynamodbTableAdopter.read(ctx, { name: "adopt-missing", id: "adopt-missing", region: REGION }),
    ).toBeUndefined();
  });
});

describe("logGroupAdopter", () => {
  it("reads a log group as pulumi-aws records it", async () => {
    const adopted = await adopt(logGroupAdopter, fn.logGroup);
    expect(adopted.id).toBe(fn.logGroup.id);
    // The builder's inputs, exactly (same keys, same values).
    expect(adopted.inputs).toEqual(inputsOf(fn.logGroup));
    // The builder's outputs, exactly (the ARN without `:*`, skipDestroy false, no KMS key), and the
    // namePrefix pulumi-aws also records.
    expect(adopted.outputs).toEqual({ ...outputsOf(fn.logGroup), namePrefix: "" });
    expect(adopted.outputs.arn).not.toMatch(/:\*$/);
  });

  it("answers undefined for a missing group, even when another group has it as a prefix", async () => {
    const name = (inputsOf(fn.logGroup).name as string).slice(0, -2);
    expect(await logGroupAdopter.read(ctx, { name, id: name, region: REGION })).toBeUndefined();
  });
});

describe("lambdaFunctionAdopter", () => {
  it("reads a function as pulumi-aws records it", async () => {
    const adopted = await adopt(lambdaFunctionAdopter, fn.fn);
    expect(adopted.id).toBe(fn.fn.id);
    expect(adopted.inputs.__defaults).toEqual([]);
    expectSame(fn.fn, adopted, [
      "name",
      "runtime",
      "handler",
      "role",
      "memorySize",
      "timeout",
      "architectures",
      "environment",
      "tags",
      "tagsAll",
    ]);
    const outputs = outputsOf(fn.fn);
    expect(adopted.outputs).toMatchObject({
      arn: outputs.arn,
      id: outputs.id,
      invokeArn: outputs.invokeArn,
      version: "$LATEST",
      qualifiedArn: `${outputs.arn as string}:$LATEST`,
      tagsAll: outputs.tagsAll,
      packageType: "Zip",
    });
    expect(adopted.outputs.environment).toEqual(inputsOf(fn.fn).environment);
    // Every key the builder writes for a function's outputs is there.
    for (const key of Object.keys(outputs)) expect(adopted.outputs, key).toHaveProperty(key);
    expect(adopted.inputs.loggingConfig).toMatchObject({ logFormat: "Text" });
  });

  it("answers undefined for a function that does not exist", async () => {
    expect(
      await lambdaFunctionAdopter.read(ctx, { name: "adopt-missing", id: "adopt-missing", region: REGION }),
    ).toBeUndefined();
  });
});
