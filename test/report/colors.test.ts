/**
 * The terminal colours (src/report/style.ts makeColors): picocolors' escape codes, written by hand so
 * that no colour package decides at load whether stdout is a terminal (issue 17). The codes, a style
 * inside another of its kind (the outer one opened again where the inner one ends), and colours off.
 */
import { describe, expect, it } from "vitest";
import { makeColors } from "../../src/report/style.js";

const ESC = "\x1b[";

describe("makeColors", () => {
  const c = makeColors(true);

  it("wraps text in each style's codes", () => {
    expect(c.bold("x")).toBe(`${ESC}1mx${ESC}22m`);
    expect(c.dim("x")).toBe(`${ESC}2mx${ESC}22m`);
    expect(c.red("x")).toBe(`${ESC}31mx${ESC}39m`);
    expect(c.green(3)).toBe(`${ESC}32m3${ESC}39m`);
    expect(c.yellow("x")).toBe(`${ESC}33mx${ESC}39m`);
    expect(c.cyan("")).toBe(`${ESC}36m${ESC}39m`);
  });

  it("opens the outer style again where an inner one of its kind ends", () => {
    // Bold inside dim: 22m ends both, so dim is turned back on after it.
    expect(c.dim(`a ${c.bold("b")} c`)).toBe(`${ESC}2ma ${ESC}1mb${ESC}22m${ESC}2m c${ESC}22m`);
    expect(c.bold(`${c.dim("a")}b`)).toBe(`${ESC}1m${ESC}2ma${ESC}22m${ESC}1mb${ESC}22m`);
    // A colour inside a colour: the outer one comes back, twice over.
    expect(c.red(`${c.green("a")}b${c.cyan("c")}d`)).toBe(
      `${ESC}31m${ESC}32ma${ESC}31mb${ESC}36mc${ESC}31md${ESC}39m`,
    );
    // A colour inside bold is not of its kind: nothing is reopened.
    expect(c.bold(c.red("a"))).toBe(`${ESC}1m${ESC}31ma${ESC}39m${ESC}22m`);
  });

  it("off, every style gives the text back, and the width is kept", () => {
    const off = makeColors(false, 80);
    for (const style of [off.bold, off.dim, off.red, off.green, off.yellow, off.cyan])
      expect(style("a b")).toBe("a b");
    expect(off.bold(7)).toBe("7");
    expect(off.columns).toBe(80);
    expect(makeColors(true).columns).toBeUndefined();
  });
});
