/** A small XML writer for AWS's XML replies, and the reader for XML request bodies. */
import { XMLParser } from "fast-xml-parser";

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );
}

export type XmlValue = string | number | boolean | undefined | null | XmlNode | XmlValue[];
export interface XmlNode {
  [element: string]: XmlValue;
}

/**
 * Writes `{Name: value}` as elements. Arrays repeat the element (`{Member: [a, b]}` →
 * `<Member>a</Member><Member>b</Member>`); undefined and null are left out.
 */
export function xmlElements(node: XmlNode): string {
  let out = "";
  for (const [name, value] of Object.entries(node)) out += xmlElement(name, value);
  return out;
}

function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v) => xmlElement(name, v)).join("");
  if (typeof value === "object") return `<${name}>${xmlElements(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function xmlDocument(root: string, body: XmlNode, xmlns?: string): string {
  const ns = xmlns === undefined ? "" : ` xmlns="${xmlns}"`;
  // i18n-exempt: the XML declaration (wire)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${xmlElements(body)}</${root}>`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  processEntities: true,
});

/** Parses an XML request body into plain objects (every leaf a string). */
export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text) as Record<string, unknown>;
}

/** A child that may be one element or several, as a list. */
export function asList<T>(value: T | T[] | undefined | null | ""): T[] {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

export type XmlObject = Record<string, unknown>;

/** Drops the `#text` entries the parser leaves beside child elements (whitespace between tags). */
export function withoutText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutText);
  if (value === null || typeof value !== "object") return value;
  const out: XmlObject = {};
  for (const [k, v] of Object.entries(value as XmlObject)) {
    if (k === "#text") continue;
    out[k] = withoutText(v);
  }
  return out;
}

/** A child element that holds elements (an empty element reads as `{}`), or undefined. */
export function xmlChild(node: unknown, key: string): XmlObject | undefined {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
  const value = (node as XmlObject)[key];
  if (value === "") return {};
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as XmlObject)
    : undefined;
}

/** A child element's text, or undefined. */
export function xmlText(node: unknown, key: string): string | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const value = (node as XmlObject)[key];
  return typeof value === "string" ? value : undefined;
}
