/**
 * The Lambda function URL kind and its driver. Pure: the id pulumi-aws gives it (`<function>` or
 * `<function>/<qualifier>`), state entries and pending creates named by their function, its place in a
 * deletion (before its function), and the kind's wording matching the real text of the URL's own
 * conflict (test/fixtures/already-exists/lambda-function-url-config-exists.log, Worklytics/psoxy docs).
 * Against the local cloud through the real SDK: read, listing by the stage's function-name prefix
 * (ListFunctions walked across pages) and by exact names, the gated delete, doctor finding a pending
 * create whose function already has a URL and an orphan URL on a stage function (both fixed by the
 * adopt doctor prints), and the adopted entry's fields against terraform-provider-aws's resource.
 */
import {
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  LambdaClient,
  ListFunctionsCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { functionUrlAdopter, functionUrlDriver as driver } from "../../src/cloud/drivers/lambda-url.js";
import { explainLog } from "../../src/explain/index.js";
import {
  functionUrlId,
  lambdaFunctionUrl as kind,
  splitFunctionUrlId,
} from "../../src/kinds/lambda-function-url.js";
import { deleteRank, kindById, kindForShownType } from "../../src/kinds/registry.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sandboxEnv, sdkError, useSandbox, putStageState } from "../sandbox/harness.js";
import { cli, gated, smallPages } from "../helpers.js";

const TOKEN = "aws:lambda/functionUrl:FunctionUrl";

describe("lambda-function-url kind", () => {
  it("is named by its function (and qualifier), like pulumi-aws's id", () => {
    expect(functionUrlId("acme-dev-Web-abcdefgh")).toBe("acme-dev-Web-abcdefgh");
    expect(functionUrlId("arn:aws:lambda:us-east-1:123456789012:function:acme-dev-Web", "live")).toBe(
      "acme-dev-Web/live",
    );
    expect(splitFunctionUrlId("acme-dev-Web/live")).toEqual({ fn: "acme-dev-Web", qualifier: "live" });
    expect(splitFunctionUrlId("acme-dev-Web")).toEqual({ fn: "acme-dev-Web" });
    expect(splitFunctionUrlId("a/b/c")).toBeUndefined();
    expect(splitFunctionUrlId("https://x.lambda-url.us-east-1.on.aws/")).toBeUndefined();

    const entry = {
      urn: "urn:pulumi:dev::acme::sst:aws:Function$aws:lambda/functionUrl:FunctionUrl::WebUrl",
      type: TOKEN,
      custom: true,
      id: "acme-dev-Web-abcdefgh",
      inputs: { authorizationType: "NONE", functionName: "acme-dev-Web-abcdefgh" },
      outputs: { functionName: "acme-dev-Web-abcdefgh", qualifier: "", id: "acme-dev-Web-abcdefgh" },
    } as ResourceV3;
    expect(kind.identify(entry, "us-east-1")).toEqual({
      name: "acme-dev-Web-abcdefgh",
      id: "acme-dev-Web-abcdefgh",
      region: "us-east-1",
    });
    // A pending create has no id: its function (and qualifier) name it.
    const pending = {
      urn: entry.urn,
      type: TOKEN,
      custom: true,
      inputs: { functionName: "f", qualifier: "q" },
    };
    expect(kind.identify(pending as ResourceV3, "eu-west-1")).toEqual({
      name: "f/q",
      id: "f/q",
      region: "eu-west-1",
    });
    // No ARN of its own.
    expect(kind.fromArn("arn:aws:lambda:us-east-1:123456789012:function:acme-dev-Web")).toBeUndefined();
    expect(kindForShownType("aws:lambda:FunctionUrl")?.kind).toBe("lambda-function-url");
  });

  it("goes before its function, lists by the stage's function names, and compares auth type", () => {
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:lambda/function:Function"));
    expect(kind.stagePrefixes?.("acme", "dev")).toEqual(["acme-dev-"]);
    expect(kindById("lambda-function-url")).toBe(kind);
    const entry = { type: TOKEN, outputs: { authorizationType: "NONE", invokeMode: "BUFFERED" } };
    const cloud = { detail: { authorizationType: "AWS_IAM", invokeMode: "BUFFERED" } };
    expect(kind.drift(entry as unknown as ResourceV3, cloud as never)).toEqual([
      { property: "authorizationType", state: "NONE", cloud: "AWS_IAM" },
    ]);
  });

  it("its wording matches the real 'FunctionUrlConfig exists' text and names the function", () => {
    const line = fixture("lambda-function-url-config-exists.log").split("\n")[0]!;
    const sig = kind.wording!.alreadyExists![0]!;
    const m = sig.re.exec(line);
    expect(m?.[sig.nameGroup!]).toBe("psoxy-outlook-mail");
    expect(sig.code).toBe("ResourceConflictException");
    // The permission a URL adds is another kind's text (lambda-function-url.log), not this one's.
    expect(sig.re.test(fixture("lambda-function-url.log"))).toBe(false);
  });

  it("explainLog recognises the URL's own conflict (Worklytics/psoxy): the function URL of that function", () => {
    const r = explainLog(fixture("lambda-function-url-config-exists.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "psoxy-outlook-mail" },
    });
  });

  it("the URL's own permission collision (terraform-provider-aws#24152) is explained as a Lambda permission", () => {
    const r = explainLog(fixture("lambda-function-url.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: "aws:lambda/permission:Permission", name: "FunctionURLAllowPublicAccess" },
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

function awsClients(pageSize?: number): AwsClients {
  const clients = new AwsClients({ region: REGION }, sandboxEnv(sandbox));
  made.push(clients);
  if (pageSize !== undefined) smallPages(clients.lambda(), "ListFunctionsCommand", "MaxItems", pageSize);
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

async function fn(name: string, url?: "NONE" | "AWS_IAM") {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: `arn:aws:iam::${account}:role/r`,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: ZIP },
    }),
  );
  if (url !== undefined)
    await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: url }));
}

describe("lambda-function-url driver", () => {
  it("reads a URL by its function; undefined without one or without the function", async () => {
    await fn("read-dev-Web", "AWS_IAM");
    await fn("read-dev-Bare");
    const ctx = cloudContext(awsClients());
    expect(
      await driver.read(ctx, { name: "read-dev-Web", id: "read-dev-Web", region: REGION }),
    ).toMatchObject({
      kind: "lambda-function-url",
      type: TOKEN,
      name: "read-dev-Web",
      id: "read-dev-Web",
      foundBy: "read",
      detail: { authorizationType: "AWS_IAM", invokeMode: "BUFFERED" },
    });
    expect(
      await driver.read(ctx, { name: "read-dev-Bare", id: "read-dev-Bare", region: REGION }),
    ).toBeUndefined();
    expect(
      await driver.read(ctx, { name: "read-dev-Gone", id: "read-dev-Gone", region: REGION }),
    ).toBeUndefined();
  });

  it("lists the URLs of the stage's functions (ListFunctions across pages) and of exact names", async () => {
    for (let i = 0; i < 5; i++) await fn(`list-dev-F${i}`, i % 2 === 0 ? "NONE" : undefined);
    await fn("list-prod-F0", "NONE");
    await fn("other-dev-Fixed", "NONE");
    const ctx = cloudContext(awsClients(2));
    const listed = await driver.listByName!(ctx, REGION, { prefixes: ["list-dev-"], names: new Set() });
    expect(listed.map((r) => r.name).sort()).toEqual(["list-dev-F0", "list-dev-F2", "list-dev-F4"]);
    expect(listed.every((r) => r.foundBy === "name")).toBe(true);
    // The region's functions at two a page: several ListFunctions pages, then one URL listing per stage function.
    const functions = (await lambda.send(new ListFunctionsCommand({}))).Functions!;
    expect(ctx.counts.byService.lambda).toBeGreaterThanOrEqual(Math.ceil(functions.length / 2) + 5);
    // Exact names: no region-wide walk.
    const exact = cloudContext(awsClients());
    const got = await driver.listByName!(exact, REGION, {
      prefixes: [],
      names: new Set(["other-dev-Fixed", "missing-dev-F"]),
    });
    expect(got.map((r) => r.name)).toEqual(["other-dev-Fixed"]);
    expect(exact.counts.byService.lambda).toBe(2);
  });

  it("a second URL on a function is the conflict the kind's wording recognises", async () => {
    await fn("dup-dev-Web", "NONE");
    const err = await sdkError(() =>
      lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: "dup-dev-Web", AuthType: "NONE" })),
    );
    expect(err).toMatchObject({ name: "ResourceConflictException", status: 409 });
    // As pulumi-aws prints it: `creating Lambda Function URL (<id>): … ResourceConflictException: <message>`.
    const line = `creating Lambda Function URL (dup-dev-Web): operation error Lambda: CreateFunctionUrlConfig, https response error StatusCode: 409, RequestID: 1, ResourceConflictException: ${err.message}`;
    const sig = kind.wording!.alreadyExists![0]!;
    expect(sig.re.exec(line)?.[sig.nameGroup!]).toBe("dup-dev-Web");
  });

  it("deletes through the deletion gate; again is already gone", async () => {
    await fn("del-dev-Web", "NONE");
    const ctx = cloudContext(awsClients());
    const at = { name: "del-dev-Web", id: "del-dev-Web", region: REGION };
    await expect(driver.delete(ctx, at, undefined as never)).rejects.toThrow();
    expect(await driver.read(ctx, at)).toBeDefined();
    expect(await gated(driver).delete(ctx, at)).toEqual({
      deleted: true,
      steps: ["deleted the URL of del-dev-Web"],
    });
    expect(await driver.read(ctx, at)).toBeUndefined();
    expect(await gated(driver).delete(ctx, at)).toEqual({ deleted: true, steps: ["already gone"] });
  });

  it("adopts the entry terraform-provider-aws's aws_lambda_function_url records", async () => {
    await fn("shape-dev-Web", "NONE");
    const got = await functionUrlAdopter.read(cloudContext(awsClients()), {
      name: "shape-dev-Web",
      id: "shape-dev-Web",
      region: REGION,
    });
    // The resource's attributes (internal/service/lambda/function_url.go: schema and read), plus `__meta`
    // with its one timeout (create).
    expect(Object.keys(got!.outputs).sort()).toEqual([
      "__meta",
      "authorizationType",
      "cors",
      "functionArn",
      "functionName",
      "functionUrl",
      "id",
      "invokeMode",
      "qualifier",
      "urlId",
    ]);
    expect(got!.id).toBe("shape-dev-Web");
    expect(got!.outputs).toMatchObject({
      authorizationType: "NONE",
      cors: null,
      functionArn: `arn:aws:lambda:${REGION}:${account}:function:shape-dev-Web`,
      functionName: "shape-dev-Web",
      invokeMode: "BUFFERED",
      qualifier: "",
    });
    const url = got!.outputs.functionUrl as string;
    expect(url).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    expect(url).toContain(`//${got!.outputs.urlId as string}.`);
    expect(JSON.parse(got!.outputs.__meta as string)).toEqual({
      "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": { create: 600000000000 },
    });
    expect(got!.inputs).toEqual({
      __defaults: [],
      authorizationType: "NONE",
      functionName: "shape-dev-Web",
      invokeMode: "BUFFERED",
    });
  });
});

/** A printed command's words, as a shell splits them (single quotes only, as stateward prints). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe("doctor on a stage with function URLs", () => {
  it("finds a pending create whose function has a URL and an orphan URL; the printed adopts fix both", async () => {
    const b = new SstStateBuilder({ app: ACME.app, stage: "urlqa", account, region: REGION });
    const web = b.addFunction("Web");
    const api = b.addFunction("Api");
    const webFn = web.fn.id as string;
    const apiFn = api.fn.id as string;
    const pending = b.addPendingCreate(
      TOKEN,
      "WebUrl",
      { functionName: webFn, authorizationType: "NONE" },
      web.component,
    );
    // The interrupted deploy made Web's URL; Api has a URL its state does not hold.
    await fn(webFn, "NONE");
    await fn(apiFn, "AWS_IAM");
    await putStageState(sandbox, ACME.app, "urlqa", b);
    const env = sandboxEnv(sandbox);
    type Report = {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const doctor = async () =>
      (
        JSON.parse(
          (await cli(["doctor", "--app", ACME.app, "--stage", "urlqa", "--deep", "--json"], env)).stdout,
        ) as Report
      ).findings.filter((f) => f.resources.some((x) => x.type === TOKEN));
    const found = await doctor();
    expect(found.map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`).sort()).toEqual([
      `orphan ${apiFn}`,
      `pending-create ${webFn}`,
    ]);
    // Without --deep the stage's functions are not walked one by one (a call each): the URL the state
    // names is still read, an orphan URL is left to --deep and cleanup.
    const shallow = JSON.parse(
      (await cli(["doctor", "--app", ACME.app, "--stage", "urlqa", "--json"], env)).stdout,
    ) as Report;
    expect(
      shallow.findings.filter((f) => f.resources.some((x) => x.type === TOKEN)).map((f) => f.rule),
    ).toEqual(["pending-create"]);

    const fix = found.find((f) => f.rule === "pending-create")!.fix[0]!;
    // The URN has a `$`: the printed command quotes it for the shell.
    expect(fix).toBe(
      `stateward adopt ${TOKEN} ${webFn} --urn '${pending.urn}' --app ${ACME.app} --stage urlqa`,
    );
    const adopted = await cli([...words(fix).slice(1), "--yes"], env);
    expect(adopted.code, adopted.stderr).toBe(0);

    const orphanFix = found
      .find((f) => f.rule === "orphan")!
      .fix.find((f) => f.startsWith("stateward adopt"))!;
    expect(words(orphanFix)[3]).toBe(apiFn);
    const adoptedOrphan = await cli([...words(orphanFix).slice(1), "--yes"], env);
    expect(adoptedOrphan.code, adoptedOrphan.stderr).toBe(0);
    expect(await doctor()).toEqual([]);
  }, 60_000);
});
