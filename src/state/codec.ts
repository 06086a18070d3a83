/**
 * Reading and writing checkpoint bytes without losing anything: the three input shapes, plain or gzip,
 * and the whitespace and escaping style of the file, so that an unchanged document is written back
 * byte for byte and an edited one differs only where it was edited.
 */
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { StateFormatError } from "../errors.js";
import {
  CHECKPOINT_KEYS,
  DEPLOYMENT_KEYS,
  MANIFEST_KEYS,
  PENDING_OPERATION_KEYS,
  PLUGIN_KEYS,
  RESOURCE_KEYS,
  UNTYPED_DEPLOYMENT_KEYS,
  VERSIONED_CHECKPOINT_KEYS,
  keyOrder,
  orderKeys,
} from "./keys.js";
import type {
  CheckpointV3,
  DeploymentV3,
  JsonObject,
  ManifestV1,
  PendingOperationV2,
  ResourceV3,
  StateShape,
  TextStyle,
} from "./types.js";
import { checkVersion } from "./version.js";

export interface StateDocument {
  readonly shape: StateShape;
  readonly style: TextStyle;
  /** The top-level object: the versioned or export envelope, or the bare checkpoint. */
  readonly root: Readonly<Record<string, unknown>>;
  /** The schema version (`undefined` for a bare checkpoint, which carries none). */
  readonly version: number | undefined;
  readonly features: readonly string[];
  /** `organization/<app>/<stage>` for SST; undefined for `pulumi stack export`, which omits it. */
  readonly stack: string | undefined;
  /** The deployment (`latest` / `deployment`); undefined for a stack that was never deployed. */
  readonly deployment: DeploymentV3 | undefined;
  /** False when the version or a feature is unknown: such a document may be read, never written. */
  readonly writable: boolean;
  readonly warnings: readonly string[];
  /** What was read, so an unchanged gzip file is written back with its own compressed bytes. */
  readonly source?: { readonly bytes: Uint8Array; readonly textSha256: string } | undefined;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Parses checkpoint bytes. `name` (a file name or key) only serves the error messages.
 * Throws StateFormatError, naming the input and what is wrong, for anything that is not a checkpoint.
 */
export function parseState(bytes: Uint8Array, name = "input"): StateDocument {
  const gzip = bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
  let raw: Uint8Array = bytes;
  if (gzip) {
    try {
      raw = gunzipSync(bytes);
    } catch (cause) {
      const truncated = cause instanceof Error && /unexpected end of file/i.test(cause.message);
      throw new StateFormatError(
        truncated
          ? `${name} is gzip-compressed but truncated: the compressed stream ends before its end marker, so the file was cut off while it was written or copied.`
          : `${name} starts like a gzip file but could not be decompressed (${(cause as Error).message}).`,
        {
          hint: "Use an intact copy of the state, for example an earlier version from `stateward history list`.",
          cause,
        },
      );
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch (cause) {
    throw new StateFormatError(`${name} is not UTF-8 text, so it cannot be a JSON checkpoint.`, { cause });
  }
  return parseStateText(text, name, gzip ? { gzip: true, bytes } : { gzip: false });
}

function parseStateText(
  text: string,
  name: string,
  origin: { gzip: true; bytes: Uint8Array } | { gzip: false },
): StateDocument {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  if (body.trim() === "") {
    throw new StateFormatError(`${name} is empty: there is no checkpoint in it.`, {
      hint: "An empty state file usually means a write was interrupted; restore an earlier version.",
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new StateFormatError(`${name} is not valid JSON: ${describeJsonError(cause, body)}.`, {
      hint: "Check that this is the state file itself (`sst state export`, `pulumi stack export`, or the object in the state bucket), not a log or a partial copy.",
      cause,
    });
  }
  const located = locate(value, name);
  const gate = checkVersion(located.version, located.features, located.deployment !== undefined);
  const style = detectStyle(body, bom, origin.gzip);
  return {
    ...located,
    style,
    writable: gate.writable,
    warnings: gate.warnings.map((w) => `${name}: ${w}`),
    source: origin.gzip ? { bytes: origin.bytes, textSha256: sha256(text) } : undefined,
  };
}

function describeJsonError(cause: unknown, body: string): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const at = /position (\d+)/.exec(message);
  if (at) {
    const pos = Number(at[1]);
    const before = body.slice(0, pos);
    const line = before.split("\n").length;
    const column = pos - before.lastIndexOf("\n");
    if (pos >= body.trimEnd().length - 1) return `it ends early (line ${line}), as if it was cut off`;
    return `unexpected text at line ${line}, column ${column}`;
  }
  if (/end of (json )?input/i.test(message)) return "it ends early, as if it was cut off";
  return message.replace(/^JSON\.parse: /, "");
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

type Located = Pick<StateDocument, "shape" | "root" | "version" | "features" | "stack" | "deployment">;

function locate(value: unknown, name: string): Located {
  const notCheckpoint = (what: string) =>
    new StateFormatError(`${name} is JSON but not a Pulumi checkpoint: ${what}.`, {
      hint: "stateward reads `{version, checkpoint}` (the SST state bucket and Pulumi DIY backends), `{version, deployment}` (`pulumi stack export`) and a bare `{stack, latest}` checkpoint (`sst state export`).",
    });
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
        : `it has none of "checkpoint", "deployment" or "latest" (its keys: ${keys.map((k) => `"${k}"`).join(", ")})`,
    );
  }

  let version: number | undefined;
  let features: string[] = [];
  if (shape !== "bare") {
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
    );
  }
  const stack = checkpoint === undefined ? undefined : (checkpoint.stack as string | undefined);
  return { shape, root: value, version, features, stack, deployment };
}

function checkDeployment(
  value: unknown,
  path: string,
  fail: (what: string) => StateFormatError,
): DeploymentV3 {
  if (!isObject(value)) throw fail(`"${path}" is ${describeType(value)}`);
  if (value.manifest !== undefined && !isObject(value.manifest)) {
    throw fail(`"${path}.manifest" is ${describeType(value.manifest)}`);
  }
  const resources = value.resources;
  if (resources !== undefined && resources !== null) {
    if (!Array.isArray(resources))
      throw fail(`"${path}.resources" is ${describeType(resources)}, expected a list`);
    for (let i = 0; i < resources.length; i++) {
      if (!isObject(resources[i])) throw fail(`"${path}.resources[${i}]" is ${describeType(resources[i])}`);
    }
  }
  const pending = value.pending_operations;
  if (pending !== undefined && pending !== null) {
    if (!Array.isArray(pending))
      throw fail(`"${path}.pending_operations" is ${describeType(pending)}, expected a list`);
    for (let i = 0; i < pending.length; i++) {
      const op: unknown = pending[i];
      if (!isObject(op) || !isObject(op.resource)) {
        throw fail(`"${path}.pending_operations[${i}]" has no "resource" object`);
      }
    }
  }
  return value as unknown as DeploymentV3;
}

function describeType(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "object") return "an object";
  return `${typeof v} ${JSON.stringify(v) ?? ""}`;
}

/** The layout of the text read, inferred from its first lines and the escapes it uses. */
function detectStyle(body: string, bom: boolean, gzip: boolean): TextStyle {
  let indent = "";
  const firstNewline = body.indexOf("\n");
  if (firstNewline >= 0 && firstNewline < body.trimEnd().length) {
    let end = firstNewline + 1;
    while (end < body.length && (body[end] === " " || body[end] === "\t")) end++;
    indent = body.slice(firstNewline + 1, end);
  }
  // Pulumi's engine writes `<`, `>` and `&` raw (since v3.39); `pulumi state` commands and Pulumi
  // before v3.39 wrote them as \u003c, \u003e, \u0026. Keep whichever the file uses.
  const hasHtmlEscapes = /\\u00(3c|3e|26)/i.test(body);
  const hasRawHtml = /[<>&]/.test(body);
  const hasRawSeparators = /[\u2028\u2029]/.test(body);
  return {
    gzip,
    indent,
    escapeHtml: hasHtmlEscapes && !hasRawHtml,
    escapeLineSeparators: !hasRawSeparators,
    trailingNewline: body.endsWith("\n"),
    bom,
  };
}

const RESOURCE_ORDER = keyOrder(RESOURCE_KEYS);
const PENDING_ORDER = keyOrder(PENDING_OPERATION_KEYS);
const DEPLOYMENT_ORDER = keyOrder(DEPLOYMENT_KEYS);
const MANIFEST_ORDER = keyOrder(MANIFEST_KEYS);
const PLUGIN_ORDER = keyOrder(PLUGIN_KEYS);
const CHECKPOINT_ORDER = keyOrder(CHECKPOINT_KEYS);
const VERSIONED_ORDER = keyOrder(VERSIONED_CHECKPOINT_KEYS);
const EXPORT_ORDER = keyOrder(UNTYPED_DEPLOYMENT_KEYS);

function orderResource(r: ResourceV3): ResourceV3 {
  return orderKeys(r, RESOURCE_ORDER);
}

function orderDeployment(d: DeploymentV3): DeploymentV3 {
  let out = orderKeys(d, DEPLOYMENT_ORDER);
  const patch: Partial<DeploymentV3> = {};
  if (isObject(d.manifest)) {
    let manifest: ManifestV1 = orderKeys(d.manifest, MANIFEST_ORDER);
    if (Array.isArray(manifest.plugins)) {
      const plugins = mapSame(manifest.plugins, (p) => (isObject(p) ? orderKeys(p, PLUGIN_ORDER) : p));
      if (plugins !== manifest.plugins) manifest = { ...manifest, plugins };
    }
    if (manifest !== d.manifest) patch.manifest = manifest;
  }
  if (Array.isArray(d.resources)) {
    const resources = mapSame(d.resources, orderResource);
    if (resources !== d.resources) patch.resources = resources;
  }
  if (Array.isArray(d.pending_operations)) {
    const ops = mapSame(d.pending_operations, (op: PendingOperationV2) => {
      const ordered = orderKeys(op, PENDING_ORDER);
      const resource = orderResource(op.resource);
      return resource === op.resource ? ordered : { ...ordered, resource };
    });
    if (ops !== d.pending_operations) patch.pending_operations = ops;
  }
  if (Object.keys(patch).length > 0) out = replaceValues(out, patch);
  return out;
}

/** Replaces values of existing keys without moving them. */
function replaceValues<T extends object>(obj: T, patch: Partial<T>): T {
  const out = { ...obj };
  Object.assign(out, patch);
  return out;
}

/** Maps an array, returning the same array when every element maps to itself. */
function mapSame<T>(items: T[], fn: (item: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const mapped = fn(item);
    if (mapped !== item && out === undefined) out = items.slice(0, i);
    if (out !== undefined) out.push(mapped);
  }
  return out ?? items;
}

function orderRoot(doc: StateDocument): Record<string, unknown> {
  const root = doc.root;
  const orderCheckpoint = (c: Record<string, unknown>): Record<string, unknown> => {
    const ordered = orderKeys(c, CHECKPOINT_ORDER);
    if (!isObject(c.latest)) return ordered;
    const latest = orderDeployment(c.latest as unknown as DeploymentV3);
    return latest === c.latest ? ordered : replaceValues(ordered, { latest });
  };
  switch (doc.shape) {
    case "bare":
      return orderCheckpoint(root);
    case "versioned": {
      const ordered = orderKeys(root, VERSIONED_ORDER);
      const checkpoint = orderCheckpoint(root.checkpoint as Record<string, unknown>);
      return checkpoint === root.checkpoint ? ordered : replaceValues(ordered, { checkpoint });
    }
    case "export": {
      const ordered = orderKeys(root, EXPORT_ORDER);
      const deployment = orderDeployment(root.deployment as DeploymentV3);
      return deployment === root.deployment ? ordered : replaceValues(ordered, { deployment });
    }
  }
}

const ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** The document as text, in the style it was read in, known keys in Pulumi's order. */
export function stringifyState(doc: StateDocument): string {
  let text = JSON.stringify(orderRoot(doc), null, doc.style.indent === "" ? undefined : doc.style.indent);
  if (doc.style.escapeHtml) text = text.replace(/[<>&]/g, (c) => ESCAPES[c] ?? c);
  if (doc.style.escapeLineSeparators) text = text.replace(/[\u2028\u2029]/g, (c) => ESCAPES[c] ?? c);
  if (doc.style.trailingNewline) text += "\n";
  if (doc.style.bom) text = "\uFEFF" + text;
  return text;
}

/**
 * The document as bytes. Refuses a document whose version or features this stateward does not know:
 * writing it could drop what a newer Pulumi relies on.
 */
export function serializeState(doc: StateDocument): Uint8Array {
  if (!doc.writable) {
    throw new StateFormatError(
      `This state uses ${describeGate(doc)} that this version of stateward does not know, so it will not write it.`,
      { hint: "Read-only commands still work on it; upgrade stateward to change it." },
    );
  }
  const text = stringifyState(doc);
  if (!doc.style.gzip) return new TextEncoder().encode(text);
  if (doc.source !== undefined && sha256(text) === doc.source.textSha256) return doc.source.bytes;
  return gzipSync(text);
}

function describeGate(doc: StateDocument): string {
  const parts = [`version ${String(doc.version)}`];
  if (doc.features.length > 0) parts.push(`features ${doc.features.join(", ")}`);
  return parts.join(" and ");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The checkpoint object of a versioned or bare document (undefined for an export). */
export function checkpointOf(doc: StateDocument): CheckpointV3 | undefined {
  if (doc.shape === "versioned") return doc.root.checkpoint as CheckpointV3;
  if (doc.shape === "bare") return doc.root as unknown as CheckpointV3;
  return undefined;
}

/** A new document with `deployment` in place of the old one; everything else is shared. */
export function withDeployment(doc: StateDocument, deployment: DeploymentV3): StateDocument {
  let root: Record<string, unknown>;
  switch (doc.shape) {
    case "versioned": {
      const checkpoint = doc.root.checkpoint as Record<string, unknown>;
      root = { ...doc.root, checkpoint: setKey(checkpoint, "latest", deployment) };
      break;
    }
    case "export":
      root = setKey(doc.root, "deployment", deployment);
      break;
    case "bare":
      root = setKey(doc.root, "latest", deployment);
      break;
  }
  return { ...doc, root, deployment };
}

/** Sets a key, keeping its position when it exists (new keys are placed by the serializer's order). */
function setKey(
  obj: Readonly<Record<string, unknown>>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  return { ...obj, [key]: value };
}

export function resourcesOf(doc: { deployment: DeploymentV3 | undefined }): ResourceV3[] {
  return doc.deployment?.resources ?? [];
}

export function pendingOperationsOf(doc: { deployment: DeploymentV3 | undefined }): PendingOperationV2[] {
  return doc.deployment?.pending_operations ?? [];
}

export type { JsonObject };
