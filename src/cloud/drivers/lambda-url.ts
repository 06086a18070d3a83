/**
 * Lambda function URLs (src/kinds/lambda-function-url.ts) and permissions (src/kinds/lambda-
 * permission.ts), served by the lambda module's `drivers`. Both belong to a function, and Lambda lists
 * neither region-wide, so both are found through the functions they belong to:
 * - the functions a filter names exactly (the function part of a state's names), and
 * - for a stage's prefix (`<app>-<stage>-`, SST's function names), the functions of one paged
 *   ListFunctions walk of the region that carry the prefix.
 * Then one ListFunctionUrlConfigs (paged, at most 50 a page) or one GetPolicy per such function: the
 * cost grows with the stage's functions, not with the region's. A function that is gone answers
 * ResourceNotFoundException, and its URL and policy went with it (API reference, DeleteFunction).
 *
 * Reading: GetFunctionUrlConfig (function, qualifier); GetPolicy and the statement with the Sid.
 * Deleting through the gate: DeleteFunctionUrlConfig; RemovePermission. Neither has a wait.
 * Adopting (at the end): the entry pulumi-aws writes for each.
 * Aliases' URLs and policies are read only where a state names the qualifier (`<function>/<alias>`).
 */
import {
  DeleteFunctionUrlConfigCommand,
  type FunctionUrlConfig,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  ListFunctionUrlConfigsCommand,
  ListFunctionsCommand,
  RemovePermissionCommand,
} from "@aws-sdk/client-lambda";
import { functionNameOf } from "../../kinds/lambda-event-source-mapping.js";
import {
  functionUrlId,
  lambdaFunctionUrl as urlKind,
  splitFunctionUrlId,
} from "../../kinds/lambda-function-url.js";
import {
  URL_PUBLIC_SID,
  lambdaPermission as permissionKind,
  permissionName,
  splitPermissionName,
} from "../../kinds/lambda-permission.js";
import { nameMatches, type CloudResource, type NameFilter } from "../../kinds/types.js";
import type { JsonObject, PropertyMap } from "../../state/index.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  callUnlessMissing,
  found,
  gatedDelete,
} from "./types.js";
import { t } from "../../i18n/index.js";

const MISSING = ["ResourceNotFoundException"];

/** The functions a filter reaches: its exact names' functions, and the region's functions with a prefix. */
async function functionsFor(
  ctx: CloudContext,
  region: string,
  filter: NameFilter,
  fnOf: (name: string) => string | undefined,
): Promise<string[]> {
  const fns = new Set<string>();
  for (const n of filter.names) {
    const fn = fnOf(n);
    if (fn !== undefined) fns.add(fn);
  }
  if (filter.prefixes.length === 0) return [...fns];
  const client = ctx.clients.lambda(region);
  let marker: string | undefined;
  do {
    const page = await ctx.call("lambda", `ListFunctions ${region}`, (signal) =>
      client.send(new ListFunctionsCommand({ Marker: marker }), { abortSignal: signal }),
    );
    for (const f of page.Functions ?? []) {
      const name = f.FunctionName;
      if (name !== undefined && filter.prefixes.some((p) => name.startsWith(p))) fns.add(name);
    }
    marker = page.NextMarker || undefined;
  } while (marker !== undefined);
  return [...fns];
}

/* Function URLs ------------------------------------------------------------------------------------- */

/** The qualifier a URL's FunctionArn carries (`…:function:<name>:<alias>`), if any. */
function qualifierOf(functionArn: string): string | undefined {
  const m = /:function:[\w-]+:([\w$-]+)$/.exec(functionArn);
  return m?.[1];
}

function urlResource(c: FunctionUrlConfig, fn: string, region: string, foundBy: CloudResource["foundBy"]) {
  const name = functionUrlId(fn, qualifierOf(c.FunctionArn ?? ""));
  return found(urlKind, {
    name,
    region,
    foundBy,
    detail: { authorizationType: c.AuthType ?? "", invokeMode: c.InvokeMode ?? "BUFFERED" },
  });
}

async function getUrl(ctx: CloudContext, region: string, id: string) {
  const parts = splitFunctionUrlId(id);
  if (parts === undefined) return undefined;
  const client = ctx.clients.lambda(region);
  const got = await callUnlessMissing(ctx, MISSING, "lambda", `GetFunctionUrlConfig ${id}`, (signal) =>
    client.send(new GetFunctionUrlConfigCommand({ FunctionName: parts.fn, Qualifier: parts.qualifier }), {
      abortSignal: signal,
    }),
  );
  return got?.FunctionUrl === undefined ? undefined : { config: got, fn: parts.fn };
}

/** Every URL of a function (ListFunctionUrlConfigs, paged); [] when the function is gone. */
async function urlsOf(ctx: CloudContext, region: string, fn: string): Promise<FunctionUrlConfig[]> {
  const client = ctx.clients.lambda(region);
  const out: FunctionUrlConfig[] = [];
  let marker: string | undefined;
  do {
    const page = await callUnlessMissing(ctx, MISSING, "lambda", `ListFunctionUrlConfigs ${fn}`, (signal) =>
      client.send(new ListFunctionUrlConfigsCommand({ FunctionName: fn, Marker: marker, MaxItems: 50 }), {
        abortSignal: signal,
      }),
    );
    if (page === undefined) return [];
    out.push(...(page.FunctionUrlConfigs ?? []));
    marker = page.NextMarker || undefined;
  } while (marker !== undefined);
  return out;
}

export const functionUrlDriver: KindDriver = {
  ...urlKind,

  async read(ctx, identity) {
    const got = await getUrl(ctx, identity.region, identity.name);
    return got === undefined ? undefined : urlResource(got.config, got.fn, identity.region, "read");
  },

  async listByName(ctx, region, filter) {
    const fns = await functionsFor(ctx, region, filter, (n) => splitFunctionUrlId(n)?.fn);
    const listed: CloudResource[] = [];
    for (const fn of fns) {
      for (const c of await urlsOf(ctx, region, fn)) {
        const r = urlResource(c, fn, region, "name");
        if (nameMatches(filter, r.name)) listed.push(r);
      }
    }
    return listed;
  },

  delete: gatedDelete(urlKind.kind, async (ctx, identity) => {
    const parts = splitFunctionUrlId(identity.name);
    if (parts === undefined) throw new Error(`not a function URL id: ${identity.name}`);
    const client = ctx.clients.lambda(identity.region);
    const done = await callUnlessMissing(
      ctx,
      MISSING,
      "lambda",
      `DeleteFunctionUrlConfig ${identity.name}`,
      (s) =>
        client.send(
          new DeleteFunctionUrlConfigCommand({ FunctionName: parts.fn, Qualifier: parts.qualifier }),
          {
            abortSignal: s,
          },
        ),
    );
    return {
      deleted: true,
      steps: [
        done === undefined
          ? t("cloud.step.already-gone")
          : t("cloud.step.deleted", { what: t("cloud.what.function-url", { name: identity.name }) }),
      ],
    };
  }),

  adopt: (ctx, identity) => functionUrlAdopter.read(ctx, identity),
};

/* Permissions --------------------------------------------------------------------------------------- */

interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: string | { Service?: string; AWS?: string };
  Action?: string;
  Resource?: string;
  Condition?: Record<string, Record<string, string>>;
}

/** The statements of a function's policy (GetPolicy); undefined when the function or its policy is gone. */
async function statementsOf(ctx: CloudContext, region: string, fn: string): Promise<Statement[] | undefined> {
  const client = ctx.clients.lambda(region);
  const got = await callUnlessMissing(ctx, MISSING, "lambda", `GetPolicy ${fn}`, (signal) =>
    client.send(new GetPolicyCommand({ FunctionName: fn }), { abortSignal: signal }),
  );
  if (got?.Policy === undefined) return undefined;
  const doc = JSON.parse(got.Policy) as { Statement?: Statement[] | Statement };
  const list = doc.Statement;
  return list === undefined ? [] : Array.isArray(list) ? list : [list];
}

/** The `principal` pulumi-aws records for a statement's Principal (service, account id or ARN, `*`). */
function principalOf(p: Statement["Principal"]): string {
  if (typeof p === "string") return p;
  if (p?.Service !== undefined) return p.Service;
  const aws = p?.AWS ?? "";
  return /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(aws)?.[1] ?? aws;
}

/** The provider's optional arguments a statement's conditions carry. */
function conditionsOf(s: Statement): JsonObject {
  const eq = s.Condition?.StringEquals ?? {};
  const out: JsonObject = {};
  const sourceArn = s.Condition?.ArnLike?.["AWS:SourceArn"];
  if (sourceArn !== undefined) out.sourceArn = sourceArn;
  if (eq["AWS:SourceAccount"] !== undefined) out.sourceAccount = eq["AWS:SourceAccount"];
  if (eq["aws:PrincipalOrgID"] !== undefined) out.principalOrgId = eq["aws:PrincipalOrgID"];
  if (eq["lambda:FunctionUrlAuthType"] !== undefined)
    out.functionUrlAuthType = eq["lambda:FunctionUrlAuthType"];
  if (eq["lambda:EventSourceToken"] !== undefined) out.eventSourceToken = eq["lambda:EventSourceToken"];
  return out;
}

function permissionResource(s: Statement, fn: string, region: string, foundBy: CloudResource["foundBy"]) {
  // Its id here is the import id (`<function>/<sid>`): what `adopt` takes; the entry's id is the Sid.
  return found(permissionKind, {
    name: permissionName(fn, s.Sid ?? ""),
    region,
    foundBy,
    detail: {
      action: s.Action ?? "",
      principal: principalOf(s.Principal),
      ...(s.Condition?.ArnLike?.["AWS:SourceArn"] === undefined
        ? {}
        : { sourceArn: s.Condition.ArnLike["AWS:SourceArn"] }),
    },
  });
}

async function getStatement(ctx: CloudContext, region: string, name: string) {
  const parts = splitPermissionName(name);
  if (parts === undefined) return undefined;
  const statement = (await statementsOf(ctx, region, parts.fn))?.find((s) => s.Sid === parts.sid);
  return statement === undefined ? undefined : { statement, fn: parts.fn };
}

export const permissionDriver: KindDriver = {
  ...permissionKind,

  async read(ctx, identity) {
    const got = await getStatement(ctx, identity.region, identity.name);
    return got === undefined ? undefined : permissionResource(got.statement, got.fn, identity.region, "read");
  },

  async listByName(ctx, region, filter) {
    const fns = await functionsFor(ctx, region, filter, (n) => splitPermissionName(n)?.fn);
    const listed: CloudResource[] = [];
    for (const fn of fns) {
      for (const s of (await statementsOf(ctx, region, fn)) ?? []) {
        // The provider's own statement for a public URL: in no state, never an orphan.
        if (s.Sid === undefined || s.Sid === URL_PUBLIC_SID) continue;
        const r = permissionResource(s, fn, region, "name");
        if (nameMatches(filter, r.name)) listed.push(r);
      }
    }
    return listed;
  },

  delete: gatedDelete(permissionKind.kind, async (ctx, identity) => {
    const parts = splitPermissionName(identity.name);
    if (parts === undefined) throw new Error(t("cloud.lambda-permission.bad-name", { name: identity.name }));
    const client = ctx.clients.lambda(identity.region);
    const done = await callUnlessMissing(ctx, MISSING, "lambda", `RemovePermission ${identity.name}`, (s) =>
      client.send(new RemovePermissionCommand({ FunctionName: parts.fn, StatementId: parts.sid }), {
        abortSignal: s,
      }),
    );
    return {
      deleted: true,
      steps: [
        done === undefined
          ? t("cloud.step.already-gone")
          : t("cloud.lambda-permission.removed", { sid: parts.sid, fn: parts.fn }),
      ],
    };
  }),

  adopt: (ctx, identity) => permissionAdopter.read(ctx, identity),
};

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * A function URL (`aws:lambda/functionUrl:FunctionUrl`) as pulumi-aws records it: the Terraform
 * resource's attributes (terraform-provider-aws `internal/service/lambda/function_url.go`: schema and
 * read) — authorizationType, cors (null without one), functionArn, functionName, functionUrl,
 * invokeMode, qualifier ("" without one), urlId (the URL's host label) — and `__meta` with the one
 * timeout the resource declares (create, 10 minutes). No recorded pulumi-aws export of this type was
 * available to compare with.
 */
export const functionUrlAdopter: Adopter = {
  kind: urlKind.kind,

  async read(ctx, identity) {
    const got = await getUrl(ctx, identity.region, identity.name);
    if (got === undefined) return undefined;
    const c = got.config;
    const qualifier = qualifierOf(c.FunctionArn ?? "") ?? "";
    const id = functionUrlId(got.fn, qualifier);
    const cors: JsonObject | null =
      c.Cors === undefined
        ? null
        : {
            allowCredentials: c.Cors.AllowCredentials === true,
            allowHeaders: [...(c.Cors.AllowHeaders ?? [])],
            allowMethods: [...(c.Cors.AllowMethods ?? [])],
            allowOrigins: [...(c.Cors.AllowOrigins ?? [])],
            exposeHeaders: [...(c.Cors.ExposeHeaders ?? [])],
            maxAge: c.Cors.MaxAge ?? 0,
          };
    const url = c.FunctionUrl ?? "";
    const inputs: PropertyMap = {
      __defaults: [],
      authorizationType: c.AuthType ?? "",
      ...(cors === null ? {} : { cors: { __defaults: [], ...cors } }),
      functionName: got.fn,
      invokeMode: c.InvokeMode ?? "BUFFERED",
      ...(qualifier === "" ? {} : { qualifier }),
    };
    const outputs: PropertyMap = {
      __meta: JSON.stringify({ "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": { create: 600000000000 } }),
      authorizationType: c.AuthType ?? "",
      cors,
      functionArn: c.FunctionArn ?? "",
      functionName: got.fn,
      functionUrl: url,
      id,
      invokeMode: c.InvokeMode ?? "BUFFERED",
      qualifier,
      urlId: /^https:\/\/([^.]+)\./.exec(url)?.[1] ?? "",
    };
    return { id, inputs, outputs };
  },
};

/**
 * A permission (`aws:lambda/permission:Permission`) as pulumi-aws records it, checked against pulumi-aws
 * 5.42's recorded exports (../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json and eventbus-5.42.0-
 * state.json): outputs action, function (as the program passed it — a name here), id and statementId
 * (the Sid), principal, qualifier and statementIdPrefix (""), and sourceArn and the other conditions
 * only when the statement has them; no `__meta`. Inputs: the same arguments, `__defaults` empty.
 */
export const permissionAdopter: Adopter = {
  kind: permissionKind.kind,

  async read(ctx, identity) {
    const got = await getStatement(ctx, identity.region, identity.name);
    if (got === undefined) return undefined;
    const s = got.statement;
    const sid = s.Sid ?? "";
    const args: JsonObject = {
      action: s.Action ?? "",
      function: functionNameOf(got.fn),
      principal: principalOf(s.Principal),
      ...conditionsOf(s),
      statementId: sid,
    };
    const inputs: PropertyMap = { __defaults: [], ...args };
    const outputs: PropertyMap = { ...args, id: sid, qualifier: "", statementIdPrefix: "" };
    return { id: sid, inputs, outputs };
  },
};

export const drivers: readonly KindDriver[] = [functionUrlDriver, permissionDriver];
