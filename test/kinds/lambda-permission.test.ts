/**
 * The Lambda permission kind and its driver. Pure: a permission is named by its import id
 * `<function>/<statement id>` with the statement id as its Pulumi id (as pulumi-aws 5.42 recorded one:
 * ../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json, read at run time), its place in a deletion
 * (before its function), and `explain` on the real texts (hashicorp/terraform-provider-aws#1524,
 * #24152) and on the provider's `adding Lambda Permission (<function>/<sid>)` heading, which names the
 * import id. Against the local cloud through the real SDK: read from the function's policy, listing
 * the statements of the stage's functions (not the provider's own `FunctionURLAllowPublicAccess`),
 * RemovePermission through the gate, doctor finding a pending create whose statement id is taken and an
 * orphan statement (both fixed by the adopt doctor prints), and the adopted entry against pulumi-aws's.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { permissionAdopter, permissionDriver as driver } from "../../src/cloud/drivers/lambda-url.js";
import { explainLog } from "../../src/explain/index.js";
import {
  lambdaPermission as kind,
  permissionName,
  splitPermissionName,
} from "../../src/kinds/lambda-permission.js";
import { deleteRank, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sandboxEnv, sdkError, useSandbox, putStageState } from "../sandbox/harness.js";
import { cli, gated } from "../helpers.js";

const TOKEN = "aws:lambda/permission:Permission";
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const EXPORT = path.resolve(REPO, "../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json");

/** The permission pulumi-aws 5.42 recorded for a queue subscription. */
function realEntry(): ResourceV3 {
  const doc = JSON.parse(readFileSync(EXPORT, "utf8")) as { deployment: { resources: ResourceV3[] } };
  return doc.deployment.resources.find((r) => r.type === TOKEN)!;
}

describe("lambda-permission kind", () => {
  it("names a permission <function>/<statement id> and keeps the statement id as its id", () => {
    expect(permissionName("arn:aws:lambda:us-west-2:616138583583:function:f-1", "s.1")).toBe("f-1/s.1");
    expect(splitPermissionName("f-1/s.1")).toEqual({ fn: "f-1", sid: "s.1" });
    expect(splitPermissionName("s.1")).toBeUndefined();
    const real = realEntry();
    expect(kind.identify(real, "us-west-2")).toEqual({
      name: "subscription-f6e5ff0/subscription-7882dc8",
      id: "subscription-7882dc8",
      region: "us-west-2",
    });
    // A pending create: the autonamed statement id is in its inputs already.
    const pending = { urn: real.urn, type: TOKEN, custom: true, inputs: real.inputs } as ResourceV3;
    expect(kind.identify(pending, "us-west-2")?.name).toBe("subscription-f6e5ff0/subscription-7882dc8");
    expect(kind.fromArn("arn:aws:lambda:us-east-1:123456789012:function:f")).toBeUndefined();
    expect(kindForShownType("aws:lambda:Permission")?.kind).toBe("lambda-permission");
  });

  it("goes before its function and lists by the stage's function names", () => {
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:lambda/function:Function"));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:sqs/queue:Queue"));
    expect(kind.stagePrefixes?.("acme", "dev")).toEqual(["acme-dev-"]);
    expect(typeOfWording("Lambda Permission")).toBe(TOKEN);
    expect(kind.wording?.importId?.("f/s", undefined)).toBe("f/s");
    expect(kind.wording?.importId?.("s", undefined)).toBe("<function>/s");
  });

  it("explain: the statement id of the real texts (terraform-provider-aws#1524, #24152)", () => {
    for (const [file, sid] of [
      ["lambda-permission.log", "AllowExecutionFromCloudWatch"],
      ["lambda-function-url.log", "FunctionURLAllowPublicAccess"],
    ]) {
      const r = explainLog(fixture(file!));
      expect(r.problems, file).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ kind: "already-exists", resource: { type: TOKEN, name: sid } });
    }
  });

  it("explain: the provider's heading gives the import id, and the fix adopts by it", () => {
    // The layout of pulumi-aws 6 (terraform-provider-aws `adding Lambda Permission (%s/%s): %s`).
    const log = [
      "     aws:lambda:Permission (ApiHandlerPermission):",
      "    error: 1 error occurred:",
      "    \t* adding Lambda Permission (acme-dev-ApiHandler-abcdefgh/ApiHandlerPermission-1a2b3c4): operation error Lambda: AddPermission, https response error StatusCode: 409, RequestID: 1, ResourceConflictException: The statement id (ApiHandlerPermission-1a2b3c4) provided already exists. Please provide a new statement id, or remove the existing statement.",
    ].join("\n");
    const r = explainLog(log);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "acme-dev-ApiHandler-abcdefgh/ApiHandlerPermission-1a2b3c4" },
    });
  });
});

/* Against the local cloud --------------------------------------------------------------------------- */

const sandbox = useSandbox();
const REGION = "us-east-1";
const ZIP = Buffer.from("504b0506000000000000000000000000000000000000", "hex");
const made: AwsClients[] = [];
let lambda: LambdaClient;
let account = "";

function awsClients(): AwsClients {
  const clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  made.push(clients);
  return clients;
}

beforeAll(async () => {
  lambda = new LambdaClient(sandbox.config(REGION));
  account = sandbox.server().accountId;
  await seedAcme({ url: sandbox.server().url }, account);
}, 30_000);
afterAll(() => {
  lambda.destroy();
  for (const c of made) c.destroy();
});

async function fn(name: string) {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: `arn:aws:iam::${account}:role/r`,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: ZIP },
    }),
  );
}

async function permit(fnName: string, sid: string, principal = "sns.amazonaws.com", sourceArn?: string) {
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: fnName,
      StatementId: sid,
      Action: "lambda:InvokeFunction",
      Principal: principal,
      ...(sourceArn === undefined ? {} : { SourceArn: sourceArn }),
    }),
  );
}

describe("lambda-permission driver", () => {
  it("reads a statement from its function's policy; undefined when the Sid, policy or function is gone", async () => {
    await fn("read-dev-Sub");
    const topic = `arn:aws:sns:${REGION}:${account}:read-dev-Topic`;
    await permit("read-dev-Sub", "read-sid", "sns.amazonaws.com", topic);
    const ctx = cloudContext(awsClients());
    const at = (name: string) => ({ name, id: name, region: REGION });
    expect(await driver.read(ctx, at("read-dev-Sub/read-sid"))).toMatchObject({
      kind: "lambda-permission",
      type: TOKEN,
      name: "read-dev-Sub/read-sid",
      id: "read-dev-Sub/read-sid",
      foundBy: "read",
      detail: { action: "lambda:InvokeFunction", principal: "sns.amazonaws.com", sourceArn: topic },
    });
    expect(await driver.read(ctx, at("read-dev-Sub/other"))).toBeUndefined();
    await fn("read-dev-NoPolicy");
    expect(await driver.read(ctx, at("read-dev-NoPolicy/read-sid"))).toBeUndefined();
    expect(await driver.read(ctx, at("read-dev-Gone/read-sid"))).toBeUndefined();
  });

  it("lists the statements of the stage's functions and of exact names, not the provider's URL statement", async () => {
    for (let i = 0; i < 3; i++) {
      await fn(`list-dev-F${i}`);
      await permit(`list-dev-F${i}`, `p${i}`);
    }
    await permit("list-dev-F0", "extra");
    // A public URL made by pulumi-aws's FunctionUrl: the provider adds this statement itself.
    await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: "list-dev-F1", AuthType: "NONE" }));
    await permit("list-dev-F1", "FunctionURLAllowPublicAccess", "*");
    await fn("list-prod-F0");
    await permit("list-prod-F0", "p0");
    const ctx = cloudContext(awsClients());
    const listed = await driver.listByName!(ctx, REGION, { prefixes: ["list-dev-"], names: new Set() });
    expect(listed.map((r) => r.name).sort()).toEqual([
      "list-dev-F0/extra",
      "list-dev-F0/p0",
      "list-dev-F1/p1",
      "list-dev-F2/p2",
    ]);
    const exact = await driver.listByName!(ctx, REGION, {
      prefixes: [],
      names: new Set(["list-prod-F0/p0", "list-dev-Missing/p0"]),
    });
    expect(exact.map((r) => r.name)).toEqual(["list-prod-F0/p0"]);
  });

  it("a statement id used twice is the conflict the kind's wording recognises, with the import id", async () => {
    await fn("dup-dev-Sub");
    await permit("dup-dev-Sub", "dup-sid");
    const err = await sdkError(() => permit("dup-dev-Sub", "dup-sid"));
    expect(err).toMatchObject({ name: "ResourceConflictException", status: 409 });
    const r = explainLog(
      `    \t* adding Lambda Permission (dup-dev-Sub/dup-sid): operation error Lambda: AddPermission, https response error StatusCode: 409, RequestID: 1, ResourceConflictException: ${err.message}`,
    );
    expect(r.problems[0]?.resource).toMatchObject({ type: TOKEN, name: "dup-dev-Sub/dup-sid" });
  });

  it("removes a statement through the deletion gate; again is already gone", async () => {
    await fn("del-dev-Sub");
    await permit("del-dev-Sub", "keep");
    await permit("del-dev-Sub", "drop");
    const ctx = cloudContext(awsClients());
    const at = { name: "del-dev-Sub/drop", id: "del-dev-Sub/drop", region: REGION };
    await expect(driver.delete(ctx, at, undefined as never)).rejects.toThrow();
    expect(await gated(driver).delete(ctx, at)).toEqual({
      deleted: true,
      steps: ["removed statement drop from del-dev-Sub's policy"],
    });
    expect(await driver.read(ctx, at)).toBeUndefined();
    const keep = { name: "del-dev-Sub/keep", id: "keep", region: REGION };
    expect(await driver.read(ctx, keep)).toBeDefined();
    expect(await gated(driver).delete(ctx, at)).toEqual({ deleted: true, steps: ["already gone"] });
  });

  it("adopts the entry pulumi-aws 5.42 recorded for a queue subscription's permission", async () => {
    const real = realEntry();
    const inputs = real.inputs as Record<string, unknown>;
    const outputs = real.outputs as Record<string, unknown>;
    await fn("shape-dev-Sub");
    const queue = `arn:aws:sqs:${REGION}:${account}:shape-dev-Queue`;
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: "shape-dev-Sub",
        StatementId: "shape-sid-1234567",
        Action: inputs.action as string,
        Principal: inputs.principal as string,
        SourceArn: queue,
      }),
    );
    const got = await permissionAdopter.read(cloudContext(awsClients()), {
      name: "shape-dev-Sub/shape-sid-1234567",
      id: "shape-dev-Sub/shape-sid-1234567",
      region: REGION,
    });
    expect(got!.id).toBe("shape-sid-1234567");
    expect(Object.keys(got!.outputs).sort()).toEqual(Object.keys(outputs).sort());
    const naming = new Set(["function", "id", "sourceArn", "statementId"]);
    for (const [k, v] of Object.entries(outputs)) {
      if (!naming.has(k)) expect(got!.outputs[k], k).toEqual(v);
    }
    expect(got!.outputs).toMatchObject({
      function: "shape-dev-Sub",
      id: "shape-sid-1234567",
      sourceArn: queue,
      statementId: "shape-sid-1234567",
    });
    // Inputs: the same arguments; `__defaults` cannot say which the program left to the provider.
    expect(Object.keys(got!.inputs).sort()).toEqual(Object.keys(inputs).sort());
    expect(got!.inputs.__defaults).toEqual([]);
  });
});

/** A printed command's words, as a shell splits them (single quotes only, as stateward prints). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe("doctor on a stage with Lambda permissions", () => {
  it("finds a pending create whose statement id is taken and an orphan statement; the printed adopts fix both", async () => {
    const b = new SstStateBuilder({ app: ACME.app, stage: "permqa", account, region: REGION });
    const web = b.addFunction("Web");
    const webFn = web.fn.id as string;
    const pending = b.addPendingCreate(
      TOKEN,
      "WebPublicUrlPermission",
      {
        action: "lambda:InvokeFunctionUrl",
        function: webFn,
        functionUrlAuthType: "NONE",
        principal: "*",
        statementId: "WebPublicUrlPermission-1a2b3c4",
      },
      web.component,
    );
    await fn(webFn);
    // The interrupted deploy added the statement; a subscriber the program dropped left another.
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: webFn,
        StatementId: "WebPublicUrlPermission-1a2b3c4",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    await permit(webFn, "OldSubscriberPermission-9f8e7d6");
    await putStageState(sandbox, ACME.app, "permqa", b);
    const env = sandboxEnv(sandbox);
    type Report = {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const doctor = async () =>
      (
        JSON.parse(
          (await cli(["doctor", "--app", ACME.app, "--stage", "permqa", "--deep", "--json"], env)).stdout,
        ) as Report
      ).findings.filter((f) => f.resources.some((x) => x.type === TOKEN));
    const found = await doctor();
    expect(found.map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`).sort()).toEqual([
      `orphan ${webFn}/OldSubscriberPermission-9f8e7d6`,
      `pending-create ${webFn}/WebPublicUrlPermission-1a2b3c4`,
    ]);

    const fix = found.find((f) => f.rule === "pending-create")!.fix[0]!;
    expect(words(fix).slice(0, 6)).toEqual([
      "stateward",
      "adopt",
      TOKEN,
      `${webFn}/WebPublicUrlPermission-1a2b3c4`,
      "--urn",
      pending.urn,
    ]);
    const adopted = await cli([...words(fix).slice(1), "--yes"], env);
    expect(adopted.code, adopted.stderr).toBe(0);
    const orphanFix = found
      .find((f) => f.rule === "orphan")!
      .fix.find((f) => f.startsWith("stateward adopt"))!;
    const adoptedOrphan = await cli([...words(orphanFix).slice(1), "--yes"], env);
    expect(adoptedOrphan.code, adoptedOrphan.stderr).toBe(0);
    expect(await doctor()).toEqual([]);
  }, 60_000);
});
