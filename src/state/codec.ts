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
import { spliceText } from "./layout.js";
import { checkVersion } from "./version.js";

export interface StateDocument {
  readonly shape: StateShape;
  readonly style: TextStyle;
  /** The top-level object: the versioned or export envelope, or the bare checkpoint. */
  readonly root: Readonly<Record<string, unknown>>;
  /** The schema version (`undefined` for a bare checkpoint, which carries none unless it is the legacy layout). */
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
  /**
   * The text read (without a byte order mark) and the value parsed from it, so that a file laid out by
   * hand keeps the text of everything an edit did not touch.
   */
  readonly original?: { readonly text: string; readonly root: Readonly<Record<string, unknown>> } | undefined;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * The largest checkpoint stateward reads, compressed or not: far beyond any real state (a stage with
 * thousands of resources is tens of MB), and safely below the longest string JavaScript can hold
 * (about 512 MB), which a bigger file would hit as "Invalid string length" half-way through.
 */
export const MAX_STATE_BYTES = 256 * 1024 * 1024;

/**
 * The deepest nesting of JSON objects and lists stateward accepts. Checkpoints nest a few dozen levels
 * (envelope, resource, property values); anything deeper is damage or not a checkpoint, and would
 * overflow the stack of the code that walks it later (JSON.stringify gives up at a few thousand).
 */
export const MAX_STATE_DEPTH = 1000;

export interface ParseOptions {
  /** The size limit in bytes, before and after decompression (default MAX_STATE_BYTES). */
  maxBytes?: number;
}

/** A size in words: `600 MB`, `12.5 MB`, `900 KB`. */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 100) return `${Math.round(mb)} MB`;
  if (mb >= 1) return `${mb.toFixed(1).replace(/\.0$/, "")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The error for an input bigger than stateward reads; the backends check sizes before reading too.
 * `size` is the whole input's size, or (`exact` false) how much of a stream was read before giving up.
 */
export function tooLargeError(
  name: string,
  size: number,
  maxBytes = MAX_STATE_BYTES,
  exact = true,
): StateFormatError {
  return new StateFormatError(
    `${name} ${exact ? `is ${formatSize(size)}, more than` : "holds more than"} the ${formatSize(maxBytes)} stateward reads as a state file; a checkpoint of even a few thousand resources is tens of MB, so this is not a state file or it was damaged.`,
    {
      hint: "Check that this is the state itself (`sst state export`, `pulumi stack export`, or the object in the state bucket), not a log, an archive or a disk image.",
    },
  );
}

const INTACT_COPY =
  "Use an intact copy of the state, for example an earlier version from `stateward history list`.";
const NOT_THE_STATE =
  "Check that this is the state file itself (`sst state export`, `pulumi stack export`, or the object in the state bucket), not a log or a partial copy.";

/**
 * Parses checkpoint bytes. `name` (a file name or key) only serves the error messages.
 * Throws StateFormatError, naming the input and what is wrong, for anything that is not a checkpoint:
 * too big, corrupt gzip, binary, not UTF-8, not JSON, nested too deep, or JSON of the wrong shape.
 */
export function parseState(bytes: Uint8Array, name = "input", options: ParseOptions = {}): StateDocument {
  const maxBytes = options.maxBytes ?? MAX_STATE_BYTES;
  if (bytes.length > maxBytes) throw tooLargeError(name, bytes.length, maxBytes);
  const gzip = bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
  let raw: Uint8Array = bytes;
  if (gzip) {
    try {
      raw = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      if ((cause as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new StateFormatError(
          `${name} is gzip-compressed and decompresses to more than the ${formatSize(maxBytes)} stateward reads as a state file, so it is not a state file or it was damaged.`,
          { hint: INTACT_COPY, cause },
        );
      }
      const truncated = /unexpected end of file/i.test(message);
      throw new StateFormatError(
        truncated
          ? `${name} is gzip-compressed but truncated: the compressed stream ends before its end marker, so the file was cut off while it was written or copied.`
          : `${name} starts like a gzip file but could not be decompressed (${oneLine(message)}): the file is damaged.`,
        { hint: INTACT_COPY, cause },
      );
    }
  }
  const nul = raw.indexOf(0);
  if (nul >= 0) {
    throw new StateFormatError(
      `${name} is binary data (a zero byte at offset ${nul}), not JSON text, so it cannot be a checkpoint.`,
      { hint: NOT_THE_STATE },
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch (cause) {
    throw new StateFormatError(
      `${name} is not UTF-8 text (${describeBadUtf8(raw)}), so it cannot be a JSON checkpoint.`,
      { hint: NOT_THE_STATE, cause },
    );
  }
  return parseStateText(text, name, gzip ? { gzip: true, bytes } : { gzip: false });
}

/** Where the first byte that is not UTF-8 is (the decoder only says that there is one). */
function describeBadUtf8(bytes: Uint8Array): string {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let at = 0; at < bytes.length;) {
    const b = bytes[at]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || at + length > bytes.length) return badByte(bytes, at);
    if (length > 1) {
      try {
        decoder.decode(bytes.subarray(at, at + length));
      } catch {
        return badByte(bytes, at);
      }
    }
    at += length;
  }
  return "a character that is not UTF-8";
}

function badByte(bytes: Uint8Array, at: number): string {
  return `byte 0x${bytes[at]!.toString(16).padStart(2, "0")} at offset ${at} does not start a UTF-8 character`;
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
    // A RangeError is the parser's own stack giving up on deep nesting (V8's parser does not, others may).
    throw new StateFormatError(
      cause instanceof RangeError
        ? tooDeepMessage(name, undefined)
        : `${name} is not valid JSON: ${describeJsonError(body)}.`,
      { hint: NOT_THE_STATE, cause },
    );
  }
  checkDepth(value, name);
  const located = locate(value, name);
  const gate = checkVersion(
    located.version,
    located.features,
    located.deployment !== undefined,
    located.shape === "bare" && located.version !== undefined,
  );
  const style = detectStyle(body, bom, origin.gzip);
  return {
    ...located,
    style,
    writable: gate.writable,
    warnings: gate.warnings.map((w) => `${name}: ${w}`),
    source: origin.gzip ? { bytes: origin.bytes, textSha256: sha256(text) } : undefined,
    original: { text: body, root: located.root },
  };
}

function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function tooDeepMessage(name: string, path: string | undefined): string {
  return `${name} nests JSON objects and lists more than ${MAX_STATE_DEPTH} levels deep${path === undefined ? "" : ` (at ${path})`}; a checkpoint nests a few dozen levels at most, so this is not a state file or it was damaged.`;
}

/**
 * Refuses values nested deeper than MAX_STATE_DEPTH, naming where. Recursive, but it stops at the
 * limit, far below where the stack would.
 */
function checkDepth(value: unknown, name: string): void {
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

/**
 * Where and why the text is not JSON, found by a small scanner of the JSON grammar: Node's own messages
 * quote the text around the error, newlines and all, and often give no position.
 */
function describeJsonError(body: string): string {
  const found = findJsonError(body);
  if (found === undefined) return "the JSON parser rejects it";
  const before = body.slice(0, found.at);
  const line = before.split("\n").length;
  if (found.at >= body.length) return `it ends early (line ${line}), as if it was cut off`;
  const column = found.at - before.lastIndexOf("\n");
  return `${found.what} at line ${line}, column ${column}`;
}

function showChar(text: string, at: number): string {
  const code = text.codePointAt(at)!;
  const invisible =
    code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029 || code === 0xfeff;
  if (invisible || code === 0xfffd || (code >= 0xd800 && code < 0xe000)) {
    return `the character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `"${String.fromCodePoint(code)}"`;
}

type JsonError = { at: number; what: string };

/**
 * The first offset at which `text` stops being JSON (RFC 8259), and what is wrong there; undefined when
 * it is JSON. Only run after JSON.parse failed, to say where.
 */
export function findJsonError(text: string): JsonError | undefined {
  const n = text.length;
  let i = 0;
  const open: number[] = []; // the char codes of `{` and `[` not closed yet
  const ws = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    }
  };
  const unexpected = (): JsonError =>
    i >= n ? { at: n, what: "it ends early" } : { at: i, what: `unexpected ${showChar(text, i)}` };
  const string = (): JsonError | undefined => {
    for (i++; i < n;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { at: i, what: `${showChar(text, i)} inside a text value (it must be escaped)` };
      if (c !== 0x5c) {
        i++;
        continue;
      }
      if (i + 1 >= n) return { at: n, what: "it ends early" };
      const e = text.charAt(i + 1);
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return i + 6 > n ? { at: n, what: "it ends early" } : { at: i, what: "a bad \\u escape" };
        }
        i += 6;
      } else if ('"\\/bfnrt'.includes(e)) {
        i += 2;
      } else {
        return { at: i, what: `a bad escape \\${e}` };
      }
    }
    return { at: n, what: "it ends early" };
  };
  const key = (): JsonError | undefined => {
    ws();
    if (text.charCodeAt(i) !== 0x22) return unexpected();
    const e = string();
    if (e !== undefined) return e;
    ws();
    if (text.charCodeAt(i) !== 0x3a) return unexpected();
    i++;
    return undefined;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  let wantValue = true;
  for (;;) {
    ws();
    if (wantValue) {
      if (i >= n) return unexpected();
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        i++;
        ws();
        if (text.charCodeAt(i) === (c === 0x7b ? 0x7d : 0x5d)) {
          i++;
          wantValue = false;
          continue;
        }
        open.push(c);
        if (c === 0x7b) {
          const e = key();
          if (e !== undefined) return e;
        }
        continue;
      }
      if (c === 0x22) {
        const e = string();
        if (e !== undefined) return e;
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (m === null || m[0] === "-") {
          if (m !== null) i++;
          return unexpected();
        }
        i += m[0].length;
      } else {
        const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
        if (word === undefined) return unexpected();
        i += word.length;
      }
      wantValue = false;
      continue;
    }
    const top = open[open.length - 1];
    if (top === undefined) {
      return i >= n
        ? undefined
        : { at: i, what: `more text after the end of the JSON document (${showChar(text, i)})` };
    }
    if (i >= n) return unexpected();
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      if (top === 0x7b) {
        const e = key();
        if (e !== undefined) return e;
      }
      wantValue = true;
    } else if (c === (top === 0x7b ? 0x7d : 0x5d)) {
      open.pop();
      i++;
    } else {
      return unexpected();
    }
  }
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

/**
 * The document as text, in the style it was read in, known keys in Pulumi's order. A file whose layout
 * is not one style throughout (laid out by hand) keeps the original text of every object and list that
 * was not changed; only what changed is laid out again, in the style of what it replaces.
 */
export function stringifyState(doc: StateDocument): string {
  const original = doc.original;
  if (original !== undefined && !isUniform(doc, original)) {
    const spliced = spliceText({
      text: original.text,
      originalRoot: original.root,
      root: doc.root,
      ordered: orderRoot(doc),
      primitive: (v) => escapeText(JSON.stringify(v), doc.style),
      unit: doc.style.indent,
    });
    if (spliced !== undefined) return doc.style.bom ? "\uFEFF" + spliced : spliced;
  }
  return uniformText(doc);
}

/** The whole document in the one style of `doc.style`. */
function uniformText(doc: StateDocument): string {
  let text = JSON.stringify(orderRoot(doc), null, doc.style.indent === "" ? undefined : doc.style.indent);
  text = escapeText(text, doc.style);
  if (doc.style.trailingNewline) text += "\n";
  if (doc.style.bom) text = "\uFEFF" + text;
  return text;
}

function escapeText(text: string, style: TextStyle): string {
  let out = text;
  if (style.escapeHtml) out = out.replace(/[<>&]/g, (c) => ESCAPES[c] ?? c);
  if (style.escapeLineSeparators) out = out.replace(/[\u2028\u2029]/g, (c) => ESCAPES[c] ?? c);
  return out;
}

/** Whether the text read is exactly what the one-style writer makes of it (what Pulumi and SST write). */
const UNIFORM = new WeakMap<object, boolean>();
function isUniform(doc: StateDocument, original: NonNullable<StateDocument["original"]>): boolean {
  let uniform = UNIFORM.get(original.root);
  if (uniform === undefined) {
    const text = uniformText({ ...doc, root: original.root, style: { ...doc.style, bom: false } });
    uniform = text === original.text;
    UNIFORM.set(original.root, uniform);
  }
  return uniform;
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
