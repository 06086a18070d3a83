/**
 * Which of the three input shapes a parsed JSON value is, and whether the fields stateward reads have the
 * types Pulumi gives them: anything else is refused here, by its path, before any code walks it.
 */
import { StateFormatError } from "../errors.js";
import { INTACT_COPY, MAX_STATE_DEPTH, tooDeepMessage } from "./limits.js";
import type { DeploymentV3, StateShape } from "./types.js";

/**
 * Refuses values nested deeper than MAX_STATE_DEPTH, naming where. Recursive, but it stops at the
 * limit, far below where the stack would.
 */
export function checkDepth(value: unknown, name: string): void {
  const path: (string | number)[] = [];
  const visit = (v: object, depth: number): boolean => {
    if (depth > MAX_STATE_DEPTH) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item !== null && typeof item === "object" && !visit(item, depth + 1)) {
          path.unshift(i);
          return false;
        }
      }
      return true;
    }
    for (const key in v) {
      const item = (v as Record<string, unknown>)[key];
      if (item !== null && typeof item === "object" && !visit(item, depth + 1)) {
        path.unshift(key);
        return false;
      }
    }
    return true;
  };
  if (value !== null && typeof value === "object" && !visit(value, 1)) {
    throw new StateFormatError(tooDeepMessage(name, `${formatPath(path.slice(0, 6))}…`), {
      hint: INTACT_COPY,
    });
  }
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
    new StateFormatError(`${name} is JSON but not a Pulumi checkpoint: ${what}.`, {
      hint: "stateward reads `{version, checkpoint}` (the SST state bucket and Pulumi DIY backends), `{version, deployment}` (`pulumi stack export`) and a bare `{stack, latest}` checkpoint (`sst state export`).",
    });
  const malformed: Malformed = (path, v, expected, owner) =>
    new StateFormatError(
      `${name} is a checkpoint Pulumi cannot load: "${path}"${owner === undefined ? "" : ` (of ${owner})`} is ${describeType(v)}, where Pulumi writes ${expected}.`,
      {
        hint: "Pulumi and SST refuse this file too. Correct that field by hand, or use an earlier version of the state (`stateward history list`).",
      },
    );
  if (!isObject(value)) {
    throw notCheckpoint(`the top level is ${describeType(value)}, not an object`);
  }
  let shape: StateShape;
  let deploymentValue: unknown;
  let checkpoint: Record<string, unknown> | undefined;
  if ("checkpoint" in value) {
    shape = "versioned";
    if (!isObject(value.checkpoint)) throw notCheckpoint(`"checkpoint" is ${describeType(value.checkpoint)}`);
    checkpoint = value.checkpoint;
    deploymentValue = checkpoint.latest;
  } else if ("deployment" in value) {
    shape = "export";
    deploymentValue = value.deployment;
    if (!isObject(deploymentValue)) throw notCheckpoint(`"deployment" is ${describeType(deploymentValue)}`);
  } else if ("latest" in value || "stack" in value) {
    shape = "bare";
    checkpoint = value;
    deploymentValue = value.latest;
  } else {
    const keys = Object.keys(value).slice(0, 5);
    throw notCheckpoint(
      keys.length === 0
        ? "it is an empty object"
        : `it has none of "checkpoint", "deployment" or "latest" (its keys: ${keys.map((k) => JSON.stringify(k.length > 30 ? `${k.slice(0, 29)}…` : k)).join(", ")})`,
    );
  }

  let version: number | undefined;
  let features: string[] = [];
  // A bare checkpoint carries no version, except the legacy layout from before Pulumi versioned its
  // checkpoints: `{"version":0,"stack":…,"latest":…}` (apitype.CheckpointV1 read at the top level).
  if (shape !== "bare" || "version" in value) {
    if (typeof value.version !== "number" || !Number.isInteger(value.version)) {
      throw notCheckpoint(`"version" is ${describeType(value.version)}, expected an integer such as 3`);
    }
    version = value.version;
    if (value.features !== undefined) {
      if (!Array.isArray(value.features) || !value.features.every((f) => typeof f === "string")) {
        throw notCheckpoint(`"features" is ${describeType(value.features)}, expected a list of names`);
      }
      features = value.features;
    }
  }
  if (checkpoint !== undefined && checkpoint.stack !== undefined && typeof checkpoint.stack !== "string") {
    throw notCheckpoint(`"stack" is ${describeType(checkpoint.stack)}, expected a name`);
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

/** The error for a field of the wrong type, by its path in the document. */
type Malformed = (path: string, value: unknown, expected: string, owner?: string) => StateFormatError;

function checkDeployment(
  value: unknown,
  path: string,
  fail: (what: string) => StateFormatError,
  malformed: Malformed,
): DeploymentV3 {
  if (!isObject(value)) throw fail(`"${path}" is ${describeType(value)}`);
  const manifest = value.manifest;
  if (manifest !== undefined) {
    if (!isObject(manifest)) throw malformed(`${path}.manifest`, manifest, "an object");
    for (const key of ["time", "magic", "version"] as const) {
      if (manifest[key] !== undefined && typeof manifest[key] !== "string") {
        throw malformed(`${path}.manifest.${key}`, manifest[key], "text");
      }
    }
    if (manifest.plugins !== undefined && manifest.plugins !== null && !Array.isArray(manifest.plugins)) {
      throw malformed(`${path}.manifest.plugins`, manifest.plugins, "a list");
    }
  }
  const secrets = value.secrets_providers;
  if (secrets !== undefined && secrets !== null) {
    if (!isObject(secrets)) throw malformed(`${path}.secrets_providers`, secrets, "an object");
    if (secrets.type !== undefined && typeof secrets.type !== "string") {
      throw malformed(`${path}.secrets_providers.type`, secrets.type, 'text such as "passphrase"');
    }
  }
  if (value.metadata !== undefined && value.metadata !== null && !isObject(value.metadata)) {
    throw malformed(`${path}.metadata`, value.metadata, "an object");
  }
  const resources = value.resources;
  if (resources !== undefined && resources !== null) {
    if (!Array.isArray(resources)) throw malformed(`${path}.resources`, resources, "a list of resources");
    for (let i = 0; i < resources.length; i++)
      checkResource(resources[i], `${path}.resources[${i}]`, malformed);
  }
  const pending = value.pending_operations;
  if (pending !== undefined && pending !== null) {
    if (!Array.isArray(pending)) {
      throw malformed(`${path}.pending_operations`, pending, "a list of pending operations");
    }
    for (let i = 0; i < pending.length; i++) {
      const at = `${path}.pending_operations[${i}]`;
      const op: unknown = pending[i];
      if (!isObject(op)) throw malformed(at, op, 'an object such as {"resource": {…}, "type": "creating"}');
      if (!isObject(op.resource))
        throw malformed(`${at}.resource`, op.resource, "the resource object it is about");
      if (op.type !== undefined && typeof op.type !== "string") {
        throw malformed(`${at}.type`, op.type, 'text such as "creating"');
      }
      checkResource(op.resource, `${at}.resource`, malformed);
    }
  }
  return value as unknown as DeploymentV3;
}

const AS_URN = 'a URN such as "urn:pulumi:dev::app::aws:s3/bucket:Bucket::Files"';
const AS_TEXT = "text";
const AS_FLAG = "true or false";
const AS_TEXTS = "a list of texts";
const AS_URNS = "a list of URNs";
const AS_OBJECT = "an object";

/**
 * The types Pulumi's ResourceV3 gives the fields stateward reads (sdk/go/common/apitype/core.go). A
 * missing `urn` or `type` is an integrity violation that `state verify` reports; a field of the wrong
 * type is a file Pulumi cannot even load, so it is refused here, by its path.
 */
const RESOURCE_FIELDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    urn: AS_URN,
    custom: AS_FLAG,
    delete: AS_FLAG,
    id: AS_TEXT,
    type: 'a type token such as "aws:s3/bucket:Bucket"',
    inputs: AS_OBJECT,
    outputs: AS_OBJECT,
    parent: AS_URN,
    protect: AS_FLAG,
    taint: AS_FLAG,
    external: AS_FLAG,
    dependencies: AS_URNS,
    initErrors: AS_TEXTS,
    provider: 'a provider reference "<provider URN>::<id>"',
    propertyDependencies: "an object of URN lists",
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
const AS_PROPERTY_DEPENDENCIES = RESOURCE_FIELDS.get("propertyDependencies");

/**
 * Go's JSON decoding reads `null` into a list or map as empty, so Pulumi loads a state with `null` for
 * those fields (pulumi-aws's own exports carry `"propertyDependencies": {"bucket": null}`); so does
 * stateward, keeping the null as it is. Texts and flags stay strict.
 */
const NULLABLE = new Set([AS_OBJECT, AS_TEXTS, AS_URNS, AS_PROPERTY_DEPENDENCIES]);

function fits(expected: string, v: unknown): boolean {
  if (v === null && NULLABLE.has(expected)) return true;
  switch (expected) {
    case AS_FLAG:
      return typeof v === "boolean";
    case AS_OBJECT:
      return isObject(v);
    case AS_TEXTS:
    case AS_URNS:
      return Array.isArray(v) && v.every((x) => typeof x === "string");
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

function checkResource(r: unknown, path: string, malformed: Malformed): void {
  if (!isObject(r)) throw malformed(path, r, 'a resource object such as {"urn": …, "type": …}');
  const urn = typeof r.urn === "string" && r.urn !== "" ? r.urn : undefined;
  for (const key of Object.keys(r)) {
    const expected = RESOURCE_FIELDS.get(key);
    const v = r[key];
    if (expected === undefined || fits(expected, v)) continue;
    throw malformed(`${path}.${key}`, v, expected, key === "urn" ? undefined : urn);
  }
}

function describeType(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "object") return "an object";
  return `${typeof v} ${JSON.stringify(v) ?? ""}`;
}
