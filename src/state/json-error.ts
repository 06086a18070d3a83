/** Where and why a text is not JSON, for the message that refuses it. */

/**
 * Where and why the text is not JSON, found by a small scanner of the JSON grammar: Node's own messages
 * quote the text around the error, newlines and all, and often give no position.
 */
export function describeJsonError(body: string): string {
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
