import { createRequire } from "node:module";
import pc from "picocolors";
import type Table from "cli-table3";

/** cli-table3 (and string-width under it) loads when a table is first drawn, not at start-up. */
const load = createRequire(import.meta.url);

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colors only where a person reads them: a TTY, unless `--no-color` (flag false, which wins over
 * everything), NO_COLOR set to anything but "" (no-color.org) or TERM=dumb; FORCE_COLOR turns them on
 * anywhere else.
 */
export function colorsEnabled(
  env: Record<string, string | undefined>,
  isTTY: boolean,
  flag?: boolean,
): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}

export function makeColors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

const PLAIN_CHARS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "  ",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

/** A borderless table (grep- and copy-friendly), header in bold when colors are on. */
export function table(head: string[], rows: (string | number)[][], c: Colors): string {
  const Cli = load("cli-table3") as typeof Table;
  const t = new Cli({
    head: head.map((h) => c.bold(h)),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  for (const row of rows) t.push(row.map(String));
  return t
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

/** CJK and full-width characters: two columns each on a terminal. */
export const WIDE_RANGES =
  "\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6";
const WIDE_CHAR = new RegExp(`[${WIDE_RANGES}]`);

/** Columns a string takes on a terminal (colour codes take none). */
export function displayWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[\d*(;\d+)*m/g, "");
  let width = 0;
  for (const ch of plain) width += WIDE_CHAR.test(ch) ? 2 : 1;
  return width;
}

/** `padEnd` by columns on a terminal, so a Chinese label lines up with an English one. */
export function padColumns(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - displayWidth(text)));
}
