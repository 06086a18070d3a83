/** Where and why a text is not JSON, for the message that refuses it. */
import { t } from "../i18n/index.js";

/**
 * Where and why the text is not JSON, found by a small scanner of the JSON grammar: Node's own messages
 * quote the text around the error, newlines and all, and often give no position.
 */
export function describeJsonError(body: string): string {
  const found = findJsonError(body);
  if (found === undefined) return t("state.json.rejected");
  const before = body.slice(0, found.at);
  const line = before.split("\n").length;
  if (found.at >= body.length) return t("state.json.cutOff", { line });
  const column = found.at - before.lastIndexOf("\n");
  return t("state.json.at", { what: found.what, line, column });
}

function showChar(text: string, at: number): string {
  const code = text.codePointAt(at)!;
  const invisible =
    code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029 || code === 0xfeff;
  if (invisible || code === 0xfffd || (code >= 0xd800 && code < 0xe000)) {
    return t("state.json.character", { code: code.toString(16).toUpperCase().padStart(4, "0") });
  }
  return `"${String.fromCodePoint(code)}"`;
}

type JsonError = { at: number; what: string };

/** What the scanner does next: read a value, read what follows one, or stop (the text is JSON). */
type Next = "value" | "after" | "done";

/**
 * The first offset at which `text` stops being JSON (RFC 8259), and what is wrong there; undefined when
 * it is JSON. Only run after JSON.parse failed, to say where.
 */
export function findJsonError(text: string): JsonError | undefined {
  const scanner = new JsonScanner(text);
  let next: Next = "value";
  for (;;) {
    scanner.ws();
    const found: JsonError | Next = next === "value" ? scanner.value() : scanner.afterValue();
    if (typeof found === "object") return found;
    if (found === "done") return undefined;
    next = found;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A small scanner of the JSON grammar: a position, and the containers not closed yet. */
class JsonScanner {
  private i = 0;
  private readonly n: number;
  /** The char codes of `{` and `[` not closed yet. */
  private readonly open: number[] = [];

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  ws(): void {
    for (; this.i < this.n; this.i++) {
      const c = this.text.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    }
  }

  private unexpected(): JsonError {
    const { i, n, text } = this;
    return i >= n
      ? { at: n, what: t("state.json.endsEarly") }
      : { at: i, what: t("state.json.unexpected", { character: showChar(text, i) }) };
  }

  /** A value: an object or list opened (then a key or value follows), or a text, number or literal read. */
  value(): JsonError | Next {
    const text = this.text;
    if (this.i >= this.n) return this.unexpected();
    const c = text.charCodeAt(this.i);
    if (c === 0x7b || c === 0x5b) {
      this.i++;
      this.ws();
      if (text.charCodeAt(this.i) === (c === 0x7b ? 0x7d : 0x5d)) {
        this.i++;
        return "after";
      }
      this.open.push(c);
      return (c === 0x7b ? this.key() : undefined) ?? "value";
    }
    if (c === 0x22) return this.string() ?? "after";
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = this.i;
      const m = NUMBER.exec(text);
      if (m === null || m[0] === "-") {
        if (m !== null) this.i++;
        return this.unexpected();
      }
      this.i += m[0].length;
      return "after";
    }
    const word = ["true", "false", "null"].find((w) => text.startsWith(w, this.i));
    if (word === undefined) return this.unexpected();
    this.i += word.length;
    return "after";
  }

  /** After a value: a comma (then the next key or value), the close of its container, or the end. */
  afterValue(): JsonError | Next {
    const top = this.open[this.open.length - 1];
    if (top === undefined) {
      return this.i >= this.n
        ? "done"
        : {
            at: this.i,
            what: t("state.json.trailing", { character: showChar(this.text, this.i) }),
          };
    }
    if (this.i >= this.n) return this.unexpected();
    const c = this.text.charCodeAt(this.i);
    if (c === 0x2c) {
      this.i++;
      return (top === 0x7b ? this.key() : undefined) ?? "value";
    }
    if (c === (top === 0x7b ? 0x7d : 0x5d)) {
      this.open.pop();
      this.i++;
      return "after";
    }
    return this.unexpected();
  }

  private string(): JsonError | undefined {
    const { text, n } = this;
    for (this.i++; this.i < n;) {
      const i = this.i;
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.i++;
        return undefined;
      }
      if (c < 0x20) return { at: i, what: t("state.json.control", { character: showChar(text, i) }) };
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      if (i + 1 >= n) return { at: n, what: t("state.json.endsEarly") };
      const e = text.charAt(i + 1);
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return i + 6 > n
            ? { at: n, what: t("state.json.endsEarly") }
            : { at: i, what: t("state.json.badUnicodeEscape", { escape: "\\u" }) };
        }
        this.i += 6;
      } else if ('"\\/bfnrt'.includes(e)) {
        this.i += 2;
      } else {
        return { at: i, what: t("state.json.badEscape", { escape: `\\${e}` }) };
      }
    }
    return { at: n, what: t("state.json.endsEarly") };
  }

  private key(): JsonError | undefined {
    this.ws();
    if (this.text.charCodeAt(this.i) !== 0x22) return this.unexpected();
    const e = this.string();
    if (e !== undefined) return e;
    this.ws();
    if (this.text.charCodeAt(this.i) !== 0x3a) return this.unexpected();
    this.i++;
    return undefined;
  }
}
