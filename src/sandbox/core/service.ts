/**
 * Building blocks for the services: a plain JSON state object (so `--data` persistence is a JSON
 * dump), and one constructor per wire protocol. A service file declares its state, its operations and
 * its throttling error; everything else is here.
 */
import {
  jsonError,
  matchRoute,
  resolveJson,
  resolveQuery,
  restJsonError,
  xmlErrorResponse,
  type JsonOperation,
  type QueryOperation,
  type RestRoute,
} from "./protocols.js";
import {
  AwsError,
  type ResolvedOperation,
  type SandboxRequest,
  type SandboxResponse,
  type Service,
  type ServiceContext,
  type ServiceFactory,
  type TaggedResource,
  type ThrottleError,
} from "./types.js";
import { show } from "./records.js";

interface Common<S> {
  /** Defaults to the first signing name. */
  id?: string;
  signingNames: readonly string[];
  accepts?: (req: SandboxRequest) => boolean;
  global?: boolean;
  throttle: ThrottleError;
  initial: () => S;
  tagged?: (state: S, region: string, ctx: ServiceContext) => TaggedResource[];
}

abstract class StatefulService<S> implements Service {
  state: S;
  readonly id: string;
  readonly signingNames: readonly string[];
  readonly global: boolean;
  readonly throttle: ThrottleError;

  constructor(protected readonly spec: Common<S>) {
    this.id = spec.id ?? spec.signingNames[0]!;
    this.signingNames = spec.signingNames;
    this.global = spec.global ?? false;
    this.throttle = spec.throttle;
    this.state = spec.initial();
  }

  abstract resolve(req: SandboxRequest, ctx: ServiceContext): ResolvedOperation;
  abstract formatError(error: AwsError, req: SandboxRequest): SandboxResponse;

  taggedResources(region: string, ctx: ServiceContext): TaggedResource[] {
    return this.spec.tagged?.(this.state, region, ctx) ?? [];
  }

  snapshot(): unknown {
    return this.state;
  }

  restore(data: unknown): void {
    this.state = data as S;
  }

  reset(): void {
    this.state = this.spec.initial();
  }
}

function factory<S>(spec: Common<S>, make: () => Service): ServiceFactory {
  const f: ServiceFactory = {
    id: spec.id ?? spec.signingNames[0]!,
    signingNames: spec.signingNames,
    global: spec.global ?? false,
    create: make,
  };
  if (spec.accepts !== undefined) f.accepts = spec.accepts;
  return f;
}

/* awsJson 1.0 / 1.1 ----------------------------------------------------------------------------- */

export interface JsonServiceSpec<S> extends Common<S> {
  targetPrefix: string;
  version: "1.0" | "1.1";
  /** Prefix of `__type` in errors (DynamoDB: `com.amazonaws.dynamodb.v20120810#`). */
  errorTypePrefix?: string;
  operations: (service: { state: S }) => Record<string, JsonOperation>;
}

export function jsonService<S>(spec: JsonServiceSpec<S>): ServiceFactory {
  class JsonService extends StatefulService<S> {
    private readonly ops = spec.operations(this);
    resolve(req: SandboxRequest, ctx: ServiceContext): ResolvedOperation {
      return resolveJson(req, ctx, spec.targetPrefix, this.ops, spec.version);
    }
    formatError(error: AwsError): SandboxResponse {
      return jsonError(error, spec.errorTypePrefix ?? "", spec.version);
    }
  }
  return factory(spec, () => new JsonService(spec));
}

/* awsQuery ------------------------------------------------------------------------------------- */

export interface QueryServiceSpec<S> extends Common<S> {
  xmlns: string;
  operations: (service: { state: S }) => Record<string, QueryOperation>;
}

export function queryService<S>(spec: QueryServiceSpec<S>): ServiceFactory {
  class QueryService extends StatefulService<S> {
    private readonly ops = spec.operations(this);
    resolve(req: SandboxRequest, ctx: ServiceContext): ResolvedOperation {
      return resolveQuery(req, ctx, spec.xmlns, this.ops);
    }
    formatError(error: AwsError, req: SandboxRequest): SandboxResponse {
      return xmlErrorResponse(error, req, spec.xmlns);
    }
  }
  return factory(spec, () => new QueryService(spec));
}

/* REST (restJson1, restXml) -------------------------------------------------------------------- */

export type RestHandler = (
  labels: Record<string, string>,
  req: SandboxRequest,
  ctx: ServiceContext,
) => SandboxResponse | Promise<SandboxResponse>;

export interface RestServiceSpec<S> extends Common<S> {
  routes: (service: { state: S }) => RestRoute<RestHandler>[];
  /** How errors look: restJson (`x-amzn-ErrorType`), or an XML shape. */
  formatError: (error: AwsError, req: SandboxRequest) => SandboxResponse;
  /** What an unmatched request gets. */
  notFound?: (req: SandboxRequest) => AwsError;
}

export function restService<S>(spec: RestServiceSpec<S>): ServiceFactory {
  class RestService extends StatefulService<S> {
    private readonly table = spec.routes(this);
    resolve(req: SandboxRequest, ctx: ServiceContext): ResolvedOperation {
      const match = matchRoute(this.table, req);
      if (match === undefined) {
        return {
          operation: "Unknown",
          run: () => {
            throw (
              spec.notFound?.(req) ??
              // i18n-exempt: AWS's own error text, as the real service words it (wire)
              new AwsError("UnknownOperationException", `No operation for ${req.method} ${req.path}`, 404)
            );
          },
        };
      }
      return { operation: match.route.operation, run: () => match.route.handler(match.labels, req, ctx) };
    }
    formatError(error: AwsError, req: SandboxRequest): SandboxResponse {
      return spec.formatError(error, req);
    }
  }
  return factory(spec, () => new RestService(spec));
}

export { restJsonError };

/* Shared helpers -------------------------------------------------------------------------------- */

/** Code-unit order (`<`), the order `paginate` and `firstAfter` expect unless told another. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The index of the first item whose key comes after `after` in `items`, sorted by key in `compare`'s
 * order (items.length when none does): a binary search, so a page of a long list costs its own
 * length, not the list's. `after` need not be in the list (it was removed mid-walk: the walk goes on
 * after where it would be).
 */
export function firstAfter<T>(
  items: readonly T[],
  key: (item: T) => string,
  after: string,
  compare: (a: string, b: string) => number = byCodeUnits,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(key(items[mid]!), after) > 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Opaque pagination tokens over a list sorted by key in code-unit order (the last key of a page). */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => string,
  token: string | undefined,
  limit: number,
): { page: T[]; next: string | undefined } {
  let start = 0;
  if (token !== undefined && token !== "") {
    let after: string;
    try {
      after = Buffer.from(token, "base64url").toString("utf8");
    } catch {
      // i18n-exempt: AWS's own error text, as the real service words it (wire)
      throw new AwsError("InvalidNextToken", "The pagination token is invalid.");
    }
    start = firstAfter(items, key, after);
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    page,
    next:
      more && page.length > 0 ? Buffer.from(key(page[page.length - 1]!)).toString("base64url") : undefined,
  };
}

/**
 * Lists built from a service's state (filtered, sorted) kept for the next pages of a walk, so that a
 * walk of N items costs N, not N²/page: a list is reused while its stamp is the one it was built
 * with — the sandbox's generation (`ctx.generation()`, which every change moves), or the very list
 * it was built from — and built again otherwise. The newest `max` lists are kept.
 */
export class KeptLists<T> {
  private readonly lists = new Map<string, { stamp: unknown; list: readonly T[] }>();

  constructor(private readonly max = 16) {}

  get(key: string, stamp: unknown, build: () => readonly T[]): readonly T[] {
    const kept = this.lists.get(key);
    if (kept !== undefined && kept.stamp === stamp) return kept.list;
    const list = build();
    this.lists.delete(key);
    this.lists.set(key, { stamp, list });
    if (this.lists.size > this.max) this.lists.delete(this.lists.keys().next().value!);
    return list;
  }
}

/** AWS's "1 validation error detected" message, under the code the service uses for it. */
export function constraintError(code: string, field: string, value: unknown, rule: string): AwsError {
  const shown = value === undefined || value === null ? "null" : `'${show(value)}'`;
  return new AwsError(
    code,
    // i18n-exempt: AWS's own error text, as the real service words it (wire)
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${rule}`,
  );
}

/** An input member that is a string, or undefined. */
export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === "string" ? v : undefined;
}

export function requireString(
  input: Record<string, unknown>,
  name: string,
  code = "ValidationException",
): string {
  const value = input[name];
  if (typeof value !== "string" || value === "") {
    // i18n-exempt: AWS's own error text, as the real service words it (wire)
    throw constraintError(code, lowerFirst(name), undefined, "Member must not be null");
  }
  return value;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** `[{Key, Value}]` → record. */
export function tagList(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const t of list as { Key?: unknown; Value?: unknown }[]) {
    if (typeof t?.Key === "string") out[t.Key] = typeof t.Value === "string" ? t.Value : "";
  }
  return out;
}

export function toTagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Seconds since the epoch, as the JSON protocols send timestamps. */
export function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
