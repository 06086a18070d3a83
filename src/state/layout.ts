/**
 * Writing a hand-formatted checkpoint back without reformatting what did not change. The codec's
 * ordinary writer lays a whole document out in one style (compact, or one indent unit), which is
 * byte-identical for what Pulumi and SST write. A file laid out some other way by hand (two-space
 * indents, a resource on one line, aligned values) would come back reformatted on every line after an
 * edit of one resource. Here every object and list the edit left untouched (the same object as read:
 * edits share what they do not change) is written as its original text, byte for byte; only the
 * objects and lists on the path to a change are laid out again, each in the style of the object it
 * replaces (or of its siblings, for a new one).
 */

type Span = readonly [start: number, end: number];

/** Where a container is, and the whitespace before each of its members and before its closing bracket. */
export interface Placed {
  span: Span;
  /** By index for a list, by key for an object: the whitespace after the `[`, `{` or comma before it. */
  leads: Map<string | number, string>;
  close: string;
}

/** Where each object and list of `root` (the value JSON.parse made of `text`) is in `text`. */
export function locateSpans(text: string, root: unknown): Map<object, Placed> | undefined {
  const locator = new SpanLocator(text);
  try {
    locator.visit(root);
    return locator.spans;
  } catch {
    return undefined;
  }
}

const PRIMITIVE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Walks `text` and the value parsed from it together; throws where they do not match. */
class SpanLocator {
  readonly spans = new Map<object, Placed>();
  private i = 0;
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  private space(from: number): string {
    let j = from;
    while (j < this.text.length && " \n\r\t".includes(this.text[j]!)) j++;
    return this.text.slice(from, j);
  }

  private ws(): void {
    while (this.i < this.n) {
      const c = this.text.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.i++;
    }
  }

  private skipString(): string {
    const start = this.i;
    for (this.i++; this.i < this.n; this.i++) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x5c) this.i++;
      else if (c === 0x22) {
        this.i++;
        return this.text.slice(start, this.i);
      }
    }
    throw new Error("unterminated string"); // i18n-exempt: internal, caught: the layout is then unknown
  }

  visit(value: unknown): void {
    const text = this.text;
    this.ws();
    const c = text.charCodeAt(this.i);
    if (c === 0x22) {
      this.skipString();
      return;
    }
    if (c !== 0x7b && c !== 0x5b) {
      PRIMITIVE.lastIndex = this.i;
      const m = PRIMITIVE.exec(text);
      if (m === null) throw new Error("unexpected text"); // i18n-exempt: internal, caught: the layout is then unknown
      this.i += m[0].length;
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value) !== (c === 0x5b)) {
      // i18n-exempt: internal, caught: the layout is then unknown
      throw new Error("the text does not match the value");
    }
    const start = this.i;
    const leads = new Map<string | number, string>();
    this.i++;
    const lead = this.space(this.i);
    this.ws();
    if (c === 0x5b) this.visitList(value as unknown[], leads, lead);
    else this.visitObject(value as Record<string, unknown>, leads, lead);
    this.ws();
    let closeAt = this.i;
    while (closeAt > start + 1 && " \n\r\t".includes(text[closeAt - 1]!)) closeAt--;
    const close = text.slice(closeAt, this.i);
    this.i++; // the closing bracket
    this.spans.set(value, { span: [start, this.i], leads, close });
  }

  private visitList(list: unknown[], leads: Map<string | number, string>, first: string): void {
    let lead = first;
    let index = 0;
    if (this.text.charCodeAt(this.i) !== 0x5d) {
      for (;;) {
        leads.set(index, lead);
        this.visit(list[index++]);
        this.ws();
        if (this.text.charCodeAt(this.i) !== 0x2c) break;
        this.i++;
        lead = this.space(this.i);
      }
    }
    if (index !== list.length && !(index === 0 && list.length === 0)) throw new Error("list length"); // i18n-exempt: internal, caught: the layout is then unknown
  }

  private visitObject(
    obj: Record<string, unknown>,
    leads: Map<string | number, string>,
    first: string,
  ): void {
    let lead = first;
    const seen = new Set<string>();
    if (this.text.charCodeAt(this.i) === 0x7d) return;
    for (;;) {
      this.ws();
      const key = JSON.parse(this.skipString()) as string;
      leads.set(key, lead);
      // A repeated key: JSON.parse kept the last value, the text holds both.
      if (seen.has(key)) throw new Error("duplicate key"); // i18n-exempt: internal, caught: the layout is then unknown
      seen.add(key);
      this.ws();
      this.i++; // the colon
      this.visit(obj[key]);
      this.ws();
      if (this.text.charCodeAt(this.i) !== 0x2c) break;
      this.i++;
      lead = this.space(this.i);
    }
  }
}

/** How one object or list is laid out. */
export interface Layout {
  multiline: boolean;
  /** Before each member (multi-line). */
  memberIndent: string;
  /** Before the closing bracket (multi-line). */
  closeIndent: string;
  /** Between a key and its value, `:` included. */
  colon: string;
  /** After each comma on one line. */
  comma: string;
}

/** The layout of the container at `span` in `text`. */
export function layoutAt(text: string, span: Span, fallback: Layout): Layout {
  const inner = text.slice(span[0] + 1, span[1] - 1);
  if (inner.trim() === "") return fallback;
  const colon = / *: */.exec(firstTopLevel(inner, ":") ?? "")?.[0] ?? fallback.colon;
  const firstNewline = inner.indexOf("\n");
  if (firstNewline < 0) {
    const comma = firstTopLevel(inner, ",");
    return {
      multiline: false,
      memberIndent: fallback.memberIndent,
      closeIndent: fallback.closeIndent,
      colon,
      comma: comma === undefined ? fallback.comma : (/^, */.exec(comma)?.[0] ?? ",").slice(1),
    };
  }
  const memberIndent = /^[ \t]*/.exec(inner.slice(firstNewline + 1))![0];
  const lastNewline = inner.lastIndexOf("\n");
  const closeIndent = /^[ \t]*/.exec(inner.slice(lastNewline + 1))![0];
  return { multiline: true, memberIndent, closeIndent, colon, comma: "" };
}

/** The text from the first `ch` outside strings and nested brackets, or undefined. */
function firstTopLevel(inner: string, ch: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '"') {
      for (i++; i < inner.length && inner[i] !== '"'; i++) if (inner[i] === "\\") i++;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (depth === 0 && c === ch) return inner.slice(i);
  }
  return undefined;
}

/** The layout of a new container inside one laid out as `parent`. */
function childLayout(parent: Layout, unit: string): Layout {
  if (!parent.multiline) return parent;
  const step = parent.memberIndent.startsWith(parent.closeIndent)
    ? parent.memberIndent.slice(parent.closeIndent.length)
    : unit;
  return {
    ...parent,
    memberIndent: parent.memberIndent + (step === "" ? unit : step),
    closeIndent: parent.memberIndent,
  };
}

export interface SpliceInput {
  /** The original text (without a byte order mark) and the value JSON.parse made of it. */
  text: string;
  originalRoot: unknown;
  /** The document to write, and the same document with its keys in Pulumi's order. */
  root: unknown;
  ordered: unknown;
  /** A primitive (or key) as JSON, escaped as the file escapes. */
  primitive: (value: unknown) => string;
  /** The indent unit for containers with no original to follow ("" when the file is compact). */
  unit: string;
}

/**
 * The document as text, untouched containers as their original text. Undefined when the original
 * text cannot be matched with its value (then the caller writes the whole document in one style).
 */
export function spliceText(input: SpliceInput): string | undefined {
  const { text } = input;
  const spans = locateSpans(text, input.originalRoot);
  if (spans === undefined) return undefined;
  const rootSpan = spans.get(input.originalRoot as object);
  if (rootSpan === undefined) return undefined;
  const base: Layout =
    input.unit === ""
      ? { multiline: false, memberIndent: "", closeIndent: "", colon: ":", comma: "" }
      : { multiline: true, memberIndent: input.unit, closeIndent: "", colon: ": ", comma: "" };

  const placedOf = (v: unknown): Placed | undefined =>
    v !== null && typeof v === "object" ? spans.get(v) : undefined;
  const emit = (value: unknown, ordered: unknown, counterpart: unknown, layout: Layout): string => {
    if (value === null || typeof value !== "object") return input.primitive(value);
    const placed = spans.get(value);
    if (placed !== undefined) return text.slice(placed.span[0], placed.span[1]);
    const twin = placedOf(counterpart);
    const own = twin !== undefined ? layoutAt(text, twin.span, layout) : layout;
    const inner = childLayout(own, input.unit);
    const list = Array.isArray(value);
    const members: { lead: string | undefined; text: string }[] = [];
    if (list) {
      const orderedList = Array.isArray(ordered) ? ordered : value;
      const originals = Array.isArray(counterpart) ? (counterpart as unknown[]) : [];
      // Where each original object was (a state holds thousands of resources: no search per element).
      const positions = new Map<unknown, number>();
      originals.forEach((o, i) => {
        if (o !== null && typeof o === "object" && !positions.has(o)) positions.set(o, i);
      });
      value.forEach((item: unknown, k) => {
        // An original element keeps the whitespace it had before it; others take their position's.
        const at = positions.get(item) ?? -1;
        const lead = twin?.leads.get(at >= 0 ? at : k);
        const like = originals[Math.min(at >= 0 ? at : k, originals.length - 1)];
        members.push({ lead, text: emit(item, orderedList[k], like, inner) });
      });
    } else {
      const source = value as Record<string, unknown>;
      const orderedObj = (ordered !== null && typeof ordered === "object" ? ordered : value) as Record<
        string,
        unknown
      >;
      const originals = (
        counterpart !== null && typeof counterpart === "object" && !Array.isArray(counterpart)
          ? counterpart
          : {}
      ) as Record<string, unknown>;
      for (const key of Object.keys(orderedObj)) {
        if (!Object.prototype.hasOwnProperty.call(source, key) || source[key] === undefined) continue;
        const like = Object.prototype.hasOwnProperty.call(originals, key) ? originals[key] : undefined;
        members.push({
          lead: twin?.leads.get(key),
          text: `${input.primitive(key)}${own.colon}${emit(source[key], orderedObj[key], like, inner)}`,
        });
      }
    }
    const open = list ? "[" : "{";
    const close = list ? "]" : "}";
    if (members.length === 0) return open + close;
    const fallbackLead = (first: boolean) =>
      own.multiline ? `\n${own.memberIndent}` : first ? (twin?.leads.get(list ? 0 : "") ?? "") : own.comma;
    const firstLead = twin === undefined ? undefined : [...twin.leads.values()][0];
    const parts = members.map((m, k) => {
      const lead =
        m.lead ?? (k === 0 && firstLead !== undefined && !own.multiline ? firstLead : fallbackLead(k === 0));
      return lead + m.text;
    });
    const closing = twin?.close ?? (own.multiline ? `\n${own.closeIndent}` : "");
    return open + parts.join(",") + closing + close;
  };

  const body = emit(input.root, input.ordered, input.originalRoot, base);
  return text.slice(0, rootSpan.span[0]) + body + text.slice(rootSpan.span[1]);
}
