/**
 * The one-style layout of a checkpoint, piece by piece: the text before the resources, each resource,
 * the text after. Checking a text read against it notes where each resource's text is, so that a
 * repaired or edited document writes every resource it did not touch as the very text read.
 */
import type { StateDocument } from "./codec.js";
import { orderResource, orderRoot } from "./order.js";
import type { ResourceV3, TextStyle } from "./types.js";

const ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** Where each resource's text is in a text read that is in the one style. */
export interface ReadLayout {
  text: string;
  /** Resource object → its position in `starts` and `ends`. */
  index: Map<unknown, number>;
  starts: number[];
  ends: number[];
}

/**
 * Lays out the document as read and compares it with the text read, piece by piece, stopping at the
 * first difference: the resources' places when the text is in the one style, else undefined.
 */
export function readLayout(
  doc: StateDocument,
  original: NonNullable<StateDocument["original"]>,
): ReadLayout | undefined {
  const { text } = original;
  const layout: ReadLayout = { text, index: new Map(), starts: [], ends: [] };
  let at = 0;
  const style = { ...doc.style, bom: false };
  const same = layOut(
    { ...doc, root: original.root, style },
    (raw, resource) => {
      // A slice shares the text's characters; comparing it is much faster than startsWith at an offset.
      // A resource comes unescaped: when it matches as it is, it has nothing to escape (the text read has
      // none of the characters its style escapes), so the regular expressions run only on the others.
      let chunk = raw;
      if (text.slice(at, at + chunk.length) !== chunk) {
        if (resource === undefined) return false;
        chunk = escapeText(raw, style);
        if (chunk === raw || text.slice(at, at + chunk.length) !== chunk) return false;
      }
      if (resource !== undefined) {
        layout.index.set(resource, layout.starts.length);
        layout.starts.push(at);
        layout.ends.push(at + chunk.length);
      }
      at += chunk.length;
      return true;
    },
    undefined,
    true,
  );
  return same && at === text.length ? layout : undefined;
}

/** A piece of a document's text: new text, or the characters [start, end) of the text read. */
export type Piece = string | { readonly start: number; readonly end: number };

/** The pieces of the document's text: resources found in `read` as places in the text read. */
export function collect(doc: StateDocument, read: ReadLayout | undefined): Piece[] {
  const chunks: Piece[] = [];
  // A run of resources read one after another: [start, end) in the text read, and the last one's place.
  let run: { start: number; end: number; last: number } | undefined;
  let separator: string | undefined;
  const flush = () => {
    if (run !== undefined) chunks.push({ start: run.start, end: run.end });
    if (separator !== undefined) chunks.push(separator);
    run = undefined;
    separator = undefined;
  };
  layOut(
    doc,
    (chunk, resource) => {
      const k = resource === undefined ? undefined : read?.index.get(resource);
      if (k !== undefined) {
        // The next resource read, after the same separator as in the text read: the run goes on.
        if (run !== undefined && run.last === k - 1 && separator !== undefined) {
          run.end = read!.ends[k]!;
          run.last = k;
          separator = undefined;
          return true;
        }
        flush();
        run = { start: read!.starts[k]!, end: read!.ends[k]!, last: k };
        return true;
      }
      if (resource === undefined && run !== undefined && separator === undefined) {
        separator = chunk;
        return true;
      }
      flush();
      chunks.push(chunk);
      return true;
    },
    read === undefined ? undefined : (resource) => read.index.has(resource),
  );
  flush();
  return chunks;
}

/** Stands in for the resources while the rest of the document is laid out (never written). */
const RESOURCES_MARK = `\u0000stateward:resources:${Math.random().toString(36).slice(2)}`; // i18n-exempt: a placeholder

/** The deployment object inside the root, by the shape's path (what `orderRoot` orders). */
function deploymentIn(doc: Pick<StateDocument, "shape" | "root">): Record<string, unknown> | undefined {
  const checkpoint = doc.shape === "versioned" ? doc.root.checkpoint : doc.root;
  if (!isPlainObject(checkpoint)) return undefined;
  const d = doc.shape === "export" ? checkpoint.deployment : checkpoint.latest;
  return isPlainObject(d) ? d : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The root with the deployment's `resources` replaced by `mark` (the path copied, the rest shared). */
function markResources(doc: Pick<StateDocument, "shape" | "root">, mark: string): Record<string, unknown> {
  const root = doc.root;
  switch (doc.shape) {
    case "versioned": {
      const checkpoint = root.checkpoint as Record<string, unknown>;
      const latest = checkpoint.latest as Record<string, unknown>;
      return { ...root, checkpoint: { ...checkpoint, latest: { ...latest, resources: mark } } };
    }
    case "export":
      return { ...root, deployment: { ...(root.deployment as Record<string, unknown>), resources: mark } };
    case "bare":
      return { ...root, latest: { ...(root.latest as Record<string, unknown>), resources: mark } };
  }
}

/**
 * The whole document in the one style of `doc.style`, piece by piece to `emit`: the text before the
 * resources, each resource (with the resource, so its place can be noted), each separator, the text
 * after. Joined, the pieces are `JSON.stringify` of the ordered root, escaped. A resource `known` is
 * passed with an empty piece (the caller has its text); with `rawResources`, resources are passed
 * unescaped (the caller escapes them). Stops, returning false, when `emit` does.
 */
function layOut(
  doc: StateDocument,
  emit: (chunk: string, resource?: unknown) => boolean,
  known?: (resource: unknown) => boolean,
  rawResources = false,
): boolean {
  const { style } = doc;
  const unit = style.indent === "" ? undefined : style.indent;
  const resources = deploymentIn(doc)?.resources;
  if (style.bom && !emit("\uFEFF")) return false;
  const whole = () =>
    emit(escapeText(JSON.stringify(orderRoot(doc), null, unit), style)) &&
    (!style.trailingNewline || emit("\n"));
  if (!Array.isArray(resources) || resources.length === 0) return whole();
  const text = JSON.stringify(
    orderRoot({ shape: doc.shape, root: markResources(doc, RESOURCES_MARK) }),
    null,
    unit,
  );
  const quoted = JSON.stringify(RESOURCES_MARK);
  const at = text.indexOf(quoted);
  if (at < 0 || text.lastIndexOf(quoted) !== at) return whole();
  const lineStart = text.lastIndexOf("\n", at) + 1;
  let indentEnd = lineStart;
  while (text[indentEnd] === " " || text[indentEnd] === "\t") indentEnd++;
  const outer = text.slice(lineStart, indentEnd);
  const inner = unit === undefined ? "" : outer + unit;
  if (!emit(escapeText(text.slice(0, at), style))) return false;
  if (!emit(unit === undefined ? "[" : `[\n${inner}`)) return false;
  const separator = unit === undefined ? "," : `,\n${inner}`;
  for (let i = 0; i < resources.length; i++) {
    const r: unknown = resources[i];
    if (i > 0 && !emit(separator)) return false;
    let piece = "";
    if (known?.(r) !== true) {
      const json = JSON.stringify(
        isPlainObject(r) ? orderResource(r as unknown as ResourceV3) : r,
        null,
        unit,
      );
      piece = json === undefined ? "null" : unit === undefined ? json : json.replaceAll("\n", `\n${inner}`);
      if (!rawResources) piece = escapeText(piece, style);
    }
    if (!emit(piece, r)) return false;
  }
  return (
    emit(unit === undefined ? "]" : `\n${outer}]`) &&
    emit(escapeText(text.slice(at + quoted.length), style)) &&
    (!style.trailingNewline || emit("\n"))
  );
}

const HTML = /[<>&]/;
const HTML_ALL = /[<>&]/g;
const SEPARATORS = /[\u2028\u2029]/;
const SEPARATORS_ALL = /[\u2028\u2029]/g;

export function escapeText(text: string, style: TextStyle): string {
  let out = text;
  if (style.escapeHtml && HTML.test(out)) out = out.replace(HTML_ALL, (c) => ESCAPES[c] ?? c);
  if (style.escapeLineSeparators && SEPARATORS.test(out))
    out = out.replace(SEPARATORS_ALL, (c) => ESCAPES[c] ?? c);
  return out;
}
