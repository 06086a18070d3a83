/**
 * The four AWS wire protocols the local cloud speaks, as small builders the services plug their
 * operations into: awsJson (1.0 and 1.1), awsQuery, restJson and restXml routing.
 */
import {
  AwsError,
  type ResolvedOperation,
  type SandboxRequest,
  type SandboxResponse,
  type ServiceContext,
} from "./types.js";
import { xmlDocument, xmlElements, type XmlNode } from "./xml.js";

/* ----------------------------------------------------------------------------------------------
 * awsJson: POST /, `X-Amz-Target: <prefix>.<Operation>`, JSON in and out.
 * -------------------------------------------------------------------------------------------- */

export type JsonInput = Record<string, unknown>;
export type JsonOperation = (input: JsonInput, ctx: ServiceContext, req: SandboxRequest) => unknown;

export function resolveJson(
  req: SandboxRequest,
  ctx: ServiceContext,
  targetPrefix: string,
  operations: Record<string, JsonOperation>,
  version: "1.0" | "1.1",
): ResolvedOperation {
  const target = req.headers["x-amz-target"] ?? "";
  const operation = target.startsWith(`${targetPrefix}.`) ? target.slice(targetPrefix.length + 1) : "";
  const run = (): SandboxResponse => {
    const handler = operations[operation];
    if (req.method !== "POST" || handler === undefined) {
      // i18n-exempt: AWS's own error text, as the real service words it (wire)
      throw new AwsError("UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}`);
    }
    let input: JsonInput = {};
    if (req.body.length > 0) {
      try {
        input = JSON.parse(req.body.toString("utf8")) as JsonInput;
      } catch {
        // i18n-exempt: AWS's own error text, as the real service words it (wire)
        throw new AwsError("SerializationException", "Start of structure or map found where not expected.");
      }
    }
    const output = handler(input, ctx, req) ?? {};
    return {
      status: 200,
      headers: { "content-type": `application/x-amz-json-${version}` },
      body: JSON.stringify(output),
    };
  };
  return { operation: operation || "Unknown", run };
}

export function jsonError(error: AwsError, typePrefix = "", version: "1.0" | "1.1" = "1.1"): SandboxResponse {
  return {
    status: error.status,
    headers: { "content-type": `application/x-amz-json-${version}`, "x-amzn-errortype": error.code },
    body: JSON.stringify({ __type: `${typePrefix}${error.code}`, message: error.message, ...error.extra }),
  };
}

/* ----------------------------------------------------------------------------------------------
 * awsQuery: form-encoded POST with `Action=…&Version=…`, XML replies (IAM, STS, SES classic).
 * -------------------------------------------------------------------------------------------- */

export type QueryInput = Record<string, unknown>;
export type QueryOperation = (
  input: QueryInput,
  ctx: ServiceContext,
  req: SandboxRequest,
) => XmlNode | undefined;

/**
 * Turns `Tags.member.1.Key=a&Tags.member.1.Value=b&RoleName=r` into
 * `{Tags: [{Key: "a", Value: "b"}], RoleName: "r"}` (`member.N`, `entry.N` and bare `N` are list indexes).
 */
export function parseQueryInput(params: URLSearchParams): QueryInput {
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === "Action" || key === "Version") continue;
    const raw = key.split(".");
    const path: (string | number)[] = [];
    for (let i = 0; i < raw.length; i++) {
      const part = raw[i]!;
      if ((part === "member" || part === "entry") && /^\d+$/.test(raw[i + 1] ?? "")) {
        path.push(Number(raw[i + 1]) - 1);
        i++;
      } else if (/^\d+$/.test(part) && i > 0) {
        path.push(Number(part) - 1);
      } else {
        path.push(part);
      }
    }
    let node: Record<string | number, unknown> = root;
    path.forEach((step, i) => {
      if (i === path.length - 1) {
        node[step] = value;
        return;
      }
      const next = path[i + 1];
      node = (node[step] ??= typeof next === "number" ? [] : {}) as Record<string | number, unknown>;
    });
  }
  return root;
}

export function resolveQuery(
  req: SandboxRequest,
  ctx: ServiceContext,
  xmlns: string,
  operations: Record<string, QueryOperation>,
): ResolvedOperation {
  const params = new URLSearchParams(
    req.method === "POST" ? req.body.toString("utf8") : req.query.toString(),
  );
  const action = params.get("Action") ?? "";
  return {
    operation: action || "Unknown",
    run: () => {
      const handler = operations[action];
      // i18n-exempt: AWS's own error text, as the real service words it (wire)
      if (handler === undefined) throw new AwsError("InvalidAction", `Could not find operation ${action}`);
      const result = handler(parseQueryInput(params), ctx, req);
      const body: XmlNode = {};
      if (result !== undefined) body[`${action}Result`] = result;
      body.ResponseMetadata = { RequestId: req.requestId };
      return {
        status: 200,
        headers: { "content-type": "text/xml" },
        body: xmlDocument(`${action}Response`, body, xmlns),
      };
    },
  };
}

/** The `<ErrorResponse>` shape of awsQuery, Route53 and CloudFront. */
export function xmlErrorResponse(error: AwsError, req: SandboxRequest, xmlns?: string): SandboxResponse {
  return {
    status: error.status,
    headers: { "content-type": "text/xml" },
    body: xmlDocument(
      "ErrorResponse",
      {
        Error: { Type: error.type, Code: error.code, Message: error.message, ...error.extra },
        RequestId: req.requestId,
      },
      xmlns,
    ),
  };
}

/* ----------------------------------------------------------------------------------------------
 * REST routing (restJson and restXml): method + path template with `{Label}` and greedy `{Key+}`.
 * -------------------------------------------------------------------------------------------- */

export interface RestRoute<H> {
  method: string;
  /** e.g. `/2015-03-31/functions/{FunctionName}`; a trailing `?name` requires that query parameter. */
  path: string;
  operation: string;
  handler: H;
}

export interface RestMatch<H> {
  route: RestRoute<H>;
  labels: Record<string, string>;
}

export function matchRoute<H>(
  routes: readonly RestRoute<H>[],
  req: SandboxRequest,
): RestMatch<H> | undefined {
  const segments = req.rawPath.split("/").slice(1);
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const [template, requiredQuery] = route.path.split("?");
    if (requiredQuery !== undefined && !requiredQuery.split("&").every((q) => req.query.has(q))) continue;
    const parts = template!.split("/").slice(1);
    const labels: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const greedy = /^\{(\w+)\+\}$/.exec(part);
      if (greedy) {
        labels[greedy[1]!] = segments.slice(i).map(decodeURIComponent).join("/");
        if (labels[greedy[1]!] === "") ok = false;
        i = parts.length;
        break;
      }
      const seg = segments[i];
      if (seg === undefined) {
        ok = false;
        break;
      }
      const label = /^\{(\w+)\}$/.exec(part);
      if (label) {
        if (seg === "") {
          ok = false;
          break;
        }
        labels[label[1]!] = decodeURIComponent(seg);
      } else if (part !== seg) {
        ok = false;
        break;
      }
    }
    if (ok && !parts.some((p) => p.endsWith("+}")) && segments.length !== parts.length) ok = false;
    if (ok) return { route, labels };
  }
  return undefined;
}

/** A restJson request body as an object ({} when empty); `error` is what the service answers otherwise. */
export function restJsonBody(req: SandboxRequest, error: () => AwsError): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(req.body.toString("utf8"));
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Falls through to the service's own error.
  }
  throw error();
}

export function restJsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? "" : JSON.stringify(body),
  };
}

export function restJsonError(error: AwsError): SandboxResponse {
  return {
    status: error.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": error.code },
    body: JSON.stringify({ message: error.message, Message: error.message, ...error.extra }),
  };
}

export function restXmlResponse(
  root: string,
  body: XmlNode,
  xmlns?: string,
  status = 200,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/xml", ...headers },
    body: xmlDocument(root, body, xmlns),
  };
}

export { xmlElements };
