/** What explain accepts as a log: text (plain or gzip); empty, binary or damaged input is an error. */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { errorExitCode } from "../../src/cli/exit-codes.js";
import { StatewardError } from "../../src/errors.js";
import { decodeLog } from "../../src/explain/input.js";

function refusal(bytes: Uint8Array, maxBytes?: number): StatewardError {
  try {
    decodeLog(bytes, "deploy.log", maxBytes);
  } catch (e) {
    expect(e).toBeInstanceOf(StatewardError);
    return e as StatewardError;
  }
  throw new Error("decodeLog accepted it");
}

describe("decodeLog", () => {
  it("reads text, with or without a BOM, ANSI colours and a stray non-UTF-8 byte", () => {
    expect(decodeLog(Buffer.from("\uFEFFerror: x\n"), "l")).toBe("error: x\n");
    expect(decodeLog(Buffer.from("\x1b[31mError\x1b[0m\r\n\x07"), "l")).toBe("\x1b[31mError\x1b[0m\r\n\x07");
    expect(
      decodeLog(Buffer.from([...Buffer.from("caf"), 0xe9, ...Buffer.from(" deploy failed\n")]), "l"),
    ).toBe("caf\uFFFD deploy failed\n");
  });

  it("reads a gzipped log as the log inside it", () => {
    expect(decodeLog(gzipSync("✕  Failed\n"), "l")).toBe("✕  Failed\n");
  });

  it("refuses empty input, whitespace and an empty gzip", () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from(" \n\t\r\n"), Buffer.from("\uFEFF"), gzipSync("")]) {
      const e = refusal(bytes);
      expect(e.code).toBe("LOG_FORMAT");
      expect(errorExitCode(e)).toBe(1);
      expect(e.message).toMatch(
        /^deploy\.log is empty( \(only whitespace\))?: there is no deploy output in it/,
      );
    }
  });

  it("refuses binary input: a zero byte, or mostly bytes that are not text", () => {
    expect(refusal(Buffer.from([0x41, 0x00, 0x42])).message).toBe(
      "deploy.log is binary data (a zero byte at offset 1), not the text output of a deploy.",
    );
    const noise = Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + ((i * 37) % 64)));
    expect(refusal(noise).message).toMatch(
      /^deploy\.log is binary data, not the text output of a deploy: \d+ of its first \d+ characters are not text\.$/,
    );
    expect(refusal(Buffer.from("\x01\x02\x03\x04 not a log")).message).toMatch(/binary data/);
  });

  it("counts as not text the control characters a terminal does not print, DEL and U+FFFD; never tab, newlines, form feed, backspace, bell or escape", () => {
    const printed = new Set([0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);
    for (const code of [...Array.from({ length: 0x80 }, (_, c) => c), 0xfffd]) {
      if (code === 0) continue; // a zero byte has its own refusal (above)
      const log = Buffer.from(`error: x${String.fromCharCode(code).repeat(5)}y\n`, "utf8");
      const odd = code === 0x7f || code === 0xfffd || (code < 0x20 && !printed.has(code));
      const what = `U+${code.toString(16).padStart(4, "0")}`;
      if (odd) expect(refusal(log).message, what).toMatch(/5 of its first \d+ characters are not text/);
      else expect(decodeLog(log, "deploy.log"), what).toContain("error: x");
    }
  });

  it("refuses a damaged or oversized gzip", () => {
    const gz = gzipSync("error: x\n".repeat(100));
    expect(refusal(gz.subarray(0, gz.length - 12)).message).toMatch(
      /gzip-compressed but (cut off before its end|damaged)/,
    );
    expect(refusal(Buffer.from([0x1f, 0x8b, 1, 2, 3])).message).toMatch(/gzip-compressed but damaged/);
    expect(refusal(gzipSync(Buffer.alloc(10_000, 0x61)), 1000).message).toMatch(
      /decompresses to more than the 1 KB explain reads/,
    );
  });
});
