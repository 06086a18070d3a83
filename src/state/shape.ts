/**
 * Which of the three input shapes a parsed JSON value is, and whether the fields stateward reads have the
 * types Pulumi gives them: anything else is refused here, by its path, before any code walks it.
 */
import { StateFormatError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import { intactCopy, MAX_STATE_DEPTH, tooDeepMessage } from "./limits.js";
import type { DeploymentV3, StateShape } from "./types.js";

/**
 * Refuses values nested deeper than MAX_STATE_DEPTH, naming where. Recursive, but it stops at the
 * limit, far below where the stack would.
 */
export function checkDepth(value: unknown, name: string): void {
  const path: (string | number)[] = [];
  if (value !== null && typeof value === "object" && !withinDepth(value, 1, path)) {
    throw new StateFormatError(tooDeepMessage(name, `${formatPath(path.slice(0, 6))}…`), {
      hint: intactCopy(),
    });
  }
}

/**
 * Whether `v`, at `depth`, nests no deeper than the limit; if not, `path` is where. A function of its
 * own, not a closure: it visits every value of a state (millions), and this is about a third faster.
 */
function withinDepth(v: object, depth: number, path: (string | number)[]): boolean {
  if (depth > MAX_STATE_DEPTH) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (typeof item === "object" && item !== null && !withinDepth(item, depth + 1, path)) {
        path.unshift(i);
        return false;
      }
    }
    return true;
  }
  for (const key in v) {
    const item = (v as Record<string, unknown>)[key];
    if (typeof item === "object" && item !== null && !withinDepth(item, depth + 1, path)) {
      path.unshift(key);
      return false;
    }
  }
  return true;
}

/** `checkpoint.latest.resources[3].inputs`, for messages. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((p, i) => {
      if (typeof p === "number") return `[${p}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(p)) return i === 0 ? p : `.${p}`;
      return `[${JSON.stringify(p.length > 30 ? `${p.slice(0, 29)}…` : p)}]`;
    })
    .join("");
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What the top level of a checkpoint tells: its shape, envelope fields and deployment. */
export interface Located {
  readonly shape: StateShape;
  readonly root: Readonly<Record<string, unknown>>;
  readonly version: number | undefined;
  readonly features: readonly string[];
  readonly stack: string | undefined;
  readonly deployment: DeploymentV3 | undefined;
}

export function locate(value: unknown, name: string): Located {
  const notCheckpoint = (what: string) =>
    new StateFormatError(t("state.shape.notCheckpoint", { name, what }), {
      hint: t("state.shape.notCheckpointHint", {
        versioned: "`{version, checkpoint}`", // i18n-exempt: a JSON shape
        exported: "`{version, deployment}`", // i18n-exempt: a JSON shape
        bare: "`{stack, latest}`", // i18n-exempt: a JSON shape
      }),
    });
  const malformed: Malformed = (path, v, expected, owner) => {
    const params = { name, path, actual: describeType(v), expected };
    return new StateFormatError(
      owner === undefined
        ? t("state.shape.malformed", params)
        : t("state.shape.malformedOf", { ...params, owner }),
      { hint: t("state.shape.malformedHint") },
    );
  };
  if (!isObject(value)) {
    throw notCheckpoint(t("state.shape.topLevel", { actual: describeType(value) }));
  }
  let shape: StateShape;
  let deploymentValue: unknown;
  let checkpoint: Record<string, unknown> | undefined;
  if ("checkpoint" in value) {
    shape = "versioned";
    if (!isObject(value.checkpoint))
      throw notCheckpoint(
        t("state.shape.fieldIs", { field: "checkpoint", actual: describeType(value.checkpoint) }),
      );
    checkpoint = value.checkpoint;
    deploymentValue = checkpoint.latest;
  } else if ("deployment" in value) {
    shape = "export";
    deploymentValue = value.deployment;
    if (!isObject(deploymentValue))
      throw notCheckpoint(
        t("state.shape.fieldIs", { field: "deployment", actual: describeType(deploymentValue) }),
      );
  } else if ("latest" in value || "stack" in value) {
    shape = "bare";
    checkpoint = value;
    deploymentValue = value.latest;
  } else {
    const keys = Object.keys(value).slice(0, 5);
    throw notCheckpoint(
      keys.length === 0
        ? t("state.shape.emptyObject")
        : t("state.shape.noKnownKey", {
            keys: items(keys.map((k) => JSON.stringify(k.length > 30 ? `${k.slice(0, 29)}…` : k))),
          }),
    );
  }

  // A bare checkpoint carries no version, except the legacy layout from before Pulumi versioned its
  // checkpoints: `{"version":0,"stack":…,"latest":…}` (apitype.CheckpointV1 read at the top level).
  const { version, features } =
    shape !== "bare" || "version" in value
      ? versionAndFeatures(value, notCheckpoint)
      : { version: undefined, features: [] };
  if (checkpoint !== undefined && checkpoint.stack !== undefined && typeof checkpoint.stack !== "string") {
    throw notCheckpoint(t("state.shape.badStack", { actual: describeType(checkpoint.stack) }));
  }
  let deployment: DeploymentV3 | undefined;
  if (deploymentValue !== undefined && deploymentValue !== null) {
    deployment = checkDeployment(
      deploymentValue,
      shape === "export" ? "deployment" : "checkpoint.latest",
      notCheckpoint,
      malformed,
    );
  }
  const stack = checkpoint === undefined ? undefined : (checkpoint.stack as string | undefined);
  return { shape, root: value, version, features, stack, deployment };
}

/** The envelope's `version` (an integer) and `features` (a list of names, optional). */
function versionAndFeatures(
  value: Record<string, unknown>,
  fail: (what: string) => StateFormatError,
): { version: number | undefined; features: string[] } {
  if (typeof value.version !== "number" || !Number.isInteger(value.version)) {
    throw fail(t("state.shape.badVersion", { actual: describeType(value.version) }));
  }
  if (value.features === undefined) return { version: value.version, features: [] };
  if (!Array.isArray(value.features) || !value.features.every((f) => typeof f === "string")) {
    throw fail(t("state.shape.badFeatures", { actual: describeType(value.features) }));
  }
  return { version: value.version, features: value.features };
}

/** The error for a field of the wrong type, by its path in the document. */
type Malformed = (path: string, value: unknown, expected: string, owner?: string) => StateFormatError;

function checkDeployment(
  value: unknown,
  path: string,
  fail: (what: string) => StateFormatError,
  malformed: Malformed,
): DeploymentV3 {
  if (!isObject(value)) throw fail(t("state.shape.fieldIs", { field: path, actual: describeType(value) }));
  const manifest = value.manifest;
  if (manifest !== undefined) {
    if (!isObject(manifest)) throw malformed(`${path}.manifest`, manifest, expectedText("object"));
    for (const key of ["time", "magic", "version"] as const) {
      if (manifest[key] !== undefined && typeof manifest[key] !== "string") {
        throw malformed(`${path}.manifest.${key}`, manifest[key], expectedText("text"));
      }
    }
    if (manifest.plugins !== undefined && manifest.plugins !== null && !Array.isArray(manifest.plugins)) {
      throw malformed(`${path}.manifest.plugins`, manifest.plugins, t("state.shape.expect.list"));
    }
  }
  const secrets = value.secrets_providers;
  if (secrets !== undefined && secrets !== null) {
    if (!isObject(secrets)) throw malformed(`${path}.secrets_providers`, secrets, expectedText("object"));
    if (secrets.type !== undefined && typeof secrets.type !== "string") {
      throw malformed(`${path}.secrets_providers.type`, secrets.type, t("state.shape.expect.secretsType"));
    }
  }
  if (value.metadata !== undefined && value.metadata !== null && !isObject(value.metadata)) {
    throw malformed(`${path}.metadata`, value.metadata, expectedText("object"));
  }
  const resources = value.resources;
  if (resources !== undefined && resources !== null) {
    if (!Array.isArray(resources))
      throw malformed(`${path}.resources`, resources, t("state.shape.expect.resources"));
    for (let i = 0; i < resources.length; i++) checkResource(resources[i], `${path}.resources`, malformed, i);
  }
  const pending = value.pending_operations;
  if (pending !== undefined && pending !== null) {
    if (!Array.isArray(pending)) {
      throw malformed(`${path}.pending_operations`, pending, t("state.shape.expect.pendingOperations"));
    }
    for (let i = 0; i < pending.length; i++) {
      const at = `${path}.pending_operations[${i}]`;
      const op: unknown = pending[i];
      if (!isObject(op))
        throw malformed(
          at,
          op,
          t("state.shape.expect.pendingOperation", { example: '{"resource": {…}, "type": "creating"}' }),
        );
      if (!isObject(op.resource))
        throw malformed(`${at}.resource`, op.resource, t("state.shape.expect.operationResource"));
      if (op.type !== undefined && typeof op.type !== "string") {
        throw malformed(`${at}.type`, op.type, t("state.shape.expect.operationType"));
      }
      checkResource(op.resource, `${at}.resource`, malformed);
    }
  }
  return value as unknown as DeploymentV3;
}

/** What a field must hold, by kind (its words come from the catalog when a message needs them). */
type Expected =
  "urn" | "text" | "flag" | "texts" | "urns" | "object" | "type" | "provider" | "propertyDependencies";

const AS_URN: Expected = "urn";
const AS_TEXT: Expected = "text";
const AS_FLAG: Expected = "flag";
const AS_TEXTS: Expected = "texts";
const AS_URNS: Expected = "urns";
const AS_OBJECT: Expected = "object";

function expectedText(expected: Expected): string {
  switch (expected) {
    case "urn":
      return t("state.shape.expect.urn");
    case "text":
      return t("state.shape.expect.text");
    case "flag":
      return t("state.shape.expect.flag");
    case "texts":
      return t("state.shape.expect.texts");
    case "urns":
      return t("state.shape.expect.urns");
    case "object":
      return t("state.shape.expect.object");
    case "type":
      return t("state.shape.expect.type");
    case "provider":
      return t("state.shape.expect.provider");
    case "propertyDependencies":
      return t("state.shape.expect.propertyDependencies");
  }
}

/**
 * The types Pulumi's ResourceV3 gives the fields stateward reads (sdk/go/common/apitype/core.go). A
 * missing `urn` or `type` is an integrity violation that `state verify` reports; a field of the wrong
 * type is a file Pulumi cannot even load, so it is refused here, by its path.
 */
const RESOURCE_FIELDS: ReadonlyMap<string, Expected> = new Map<string, Expected>(
  Object.entries({
    urn: AS_URN,
    custom: AS_FLAG,
    delete: AS_FLAG,
    id: AS_TEXT,
    type: "type",
    inputs: AS_OBJECT,
    outputs: AS_OBJECT,
    parent: AS_URN,
    protect: AS_FLAG,
    taint: AS_FLAG,
    external: AS_FLAG,
    dependencies: AS_URNS,
    initErrors: AS_TEXTS,
    provider: "provider",
    propertyDependencies: "propertyDependencies",
    pendingReplacement: AS_FLAG,
    additionalSecretOutputs: AS_TEXTS,
    aliases: AS_URNS,
    customTimeouts: AS_OBJECT,
    importID: AS_TEXT,
    retainOnDelete: AS_FLAG,
    deletedWith: AS_URN,
    replaceWith: AS_URNS,
    created: AS_TEXT,
    modified: AS_TEXT,
    ignoreChanges: AS_TEXTS,
    replaceOnChanges: AS_TEXTS,
    refreshBeforeUpdate: AS_FLAG,
  }),
);
const AS_PROPERTY_DEPENDENCIES: Expected = "propertyDependencies";

/**
 * Go's JSON decoding reads `null` into a list or map as empty, so Pulumi loads a state with `null` for
 * those fields (pulumi-aws's own exports carry `"propertyDependencies": {"bucket": null}`); so does
 * stateward, keeping the null as it is. Texts and flags stay strict.
 */
const NULLABLE = new Set<Expected>([AS_OBJECT, AS_TEXTS, AS_URNS, AS_PROPERTY_DEPENDENCIES]);

function fits(expected: Expected, v: unknown): boolean {
  if (v === null && NULLABLE.has(expected)) return true;
  switch (expected) {
    case AS_FLAG:
      return typeof v === "boolean";
    case AS_OBJECT:
      return isObject(v);
    case AS_TEXTS:
    case AS_URNS:
      return Array.isArray(v) && allTexts(v);
    case AS_PROPERTY_DEPENDENCIES:
      return (
        isObject(v) &&
        Object.values(v).every(
          (l) => l === null || (Array.isArray(l) && l.every((x) => typeof x === "string")),
        )
      );
    default:
      return typeof v === "string";
  }
}

/**
 * A resource's fields, at `base` (`base[index]` with an index: the path of one resource of thousands is
 * spelled out only for a message).
 */
function checkResource(r: unknown, base: string, malformed: Malformed, index?: number): void {
  const path = () => (index === undefined ? base : `${base}[${index}]`);
  if (!isObject(r))
    throw malformed(path(), r, t("state.shape.expect.resource", { example: '{"urn": …, "type": …}' }));
  for (const key in r) {
    if (!Object.prototype.hasOwnProperty.call(r, key)) continue;
    const expected = RESOURCE_FIELDS.get(key);
    const v = r[key];
    if (expected === undefined || fits(expected, v)) continue;
    const urn = typeof r.urn === "string" && r.urn !== "" ? r.urn : undefined;
    throw malformed(`${path()}.${key}`, v, expectedText(expected), key === "urn" ? undefined : urn);
  }
}

function allTexts(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== "string") return false;
  return true;
}

function describeType(v: unknown): string {
  if (v === undefined) return t("state.shape.type.missing");
  if (v === null) return "null";
  if (Array.isArray(v)) return t("state.shape.expect.list");
  if (typeof v === "string")
    return t("state.shape.type.text", { text: JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v) });
  if (typeof v === "object") return t("state.shape.expect.object");
  if (typeof v === "number") return t("state.shape.type.number", { value: JSON.stringify(v) ?? "" });
  if (typeof v === "boolean") return t("state.shape.type.boolean", { value: String(v) });
  return `${typeof v} ${JSON.stringify(v) ?? ""}`;
}
