/** One style: the text between its escape codes (unchanged when colours are off). */
export type Style = (text: string | number) => string;

/**
 * How a report is styled for where it goes: the colours stateward uses (no-ops when off) and, on a
 * terminal, its width in columns, which tables fit (undefined: no limit).
 */
export interface Colors {
  bold: Style;
  dim: Style;
  red: Style;
  green: Style;
  yellow: Style;
  cyan: Style;
  columns?: number;
}

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

/**
 * The escape codes picocolors writes, and its way with a style inside another of the same kind (bold
 * in dim, red in green: where the inner one ends, the outer one is opened again). Written here rather
 * than taken from the package: picocolors decides on load whether stdout is a terminal, which makes
 * Node's stdout stream, 3 ms of every run without NO_COLOR (issue 17), and stateward decides that
 * itself (colorsEnabled).
 */
function styled(open: string, close: string, reopen = open): Style {
  return (input) => {
    const text = String(input);
    let at = text.indexOf(close, open.length);
    if (at < 0) return open + text + close;
    let out = "";
    let from = 0;
    do {
      out += text.substring(from, at) + reopen;
      from = at + close.length;
      at = text.indexOf(close, from);
    } while (at >= 0);
    return open + out + text.substring(from) + close;
  };
}

const plain: Style = (input) => String(input);

export function makeColors(enabled: boolean, columns?: number): Colors {
  const style = (open: string, close: string, reopen?: string): Style =>
    enabled ? styled(open, close, reopen) : plain;
  const colors: Colors = {
    bold: style("\x1b[1m", "\x1b[22m", "\x1b[22m\x1b[1m"),
    dim: style("\x1b[2m", "\x1b[22m", "\x1b[22m\x1b[2m"),
    red: style("\x1b[31m", "\x1b[39m"),
    green: style("\x1b[32m", "\x1b[39m"),
    yellow: style("\x1b[33m", "\x1b[39m"),
    cyan: style("\x1b[36m", "\x1b[39m"),
  };
  if (columns !== undefined) colors.columns = columns;
  return colors;
}

/**
 * The width tables fit: COLUMNS when set to a positive number (the user's word, as `ls` and most
 * tools read it), else a terminal's own width. Off a terminal (a pipe, a file, CI logs) there is no
 * limit: nothing is cut from what a script or a log keeps, and a log viewer scrolls sideways.
 */
export function terminalColumns(
  env: Record<string, string | undefined>,
  stdout: { isTTY?: boolean; columns?: number },
): number | undefined {
  const fromEnv = /^\d+$/.test(env.COLUMNS ?? "") ? Number(env.COLUMNS) : 0;
  if (fromEnv > 0) return fromEnv;
  if (stdout.isTTY === true && (stdout.columns ?? 0) > 0) return stdout.columns;
  return undefined;
}

/**
 * A borderless table (grep- and copy-friendly): two spaces before and between columns, each column as
 * wide as its widest cell on a terminal (colour codes take no room, CJK takes two), a cell's lines
 * stacked; the header in bold when colors are on. Drawn here rather than by a table package, which
 * every command paid for at start-up (issue 17). With `c.columns` set the table fits that width:
 * the widest columns shrink first, never below RECORD_BELOW, and a cut cell ends in "…" (`--json`
 * keeps every value whole); a table that would have to cut a column below RECORD_BELOW is shown one
 * record per block instead, each cell after its heading.
 */
export function table(head: string[], rows: (string | number)[][], c: Colors): string {
  const all = [head.map((h) => c.bold(h)), ...rows.map((row) => row.map(String))];
  const cellLines = all.map((row) => row.map((cell) => cell.split("\n")));
  const columns = Math.max(0, ...all.map((row) => row.length));
  const natural = Array.from({ length: columns }, (_, i) =>
    Math.max(0, ...cellLines.flatMap((row) => (row[i] ?? []).map(displayWidth))),
  );
  const widths = c.columns === undefined ? natural : fitWidths(natural, c.columns - 2 * columns);
  if (widths === undefined) return records(cellLines[0]!, cellLines.slice(1), c.columns!);
  const lines: string[] = [];
  for (const row of cellLines) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let k = 0; k < height; k++) {
      const cells = widths.map((width, i) => padColumns(truncateColumns(row[i]?.[k] ?? "", width), width));
      lines.push(`  ${cells.join("  ")}`.trimEnd());
    }
  }
  return lines.join("\n");
}

/** The narrowest a record's value is cut to: five characters and the ellipsis. */
export const MIN_COLUMN = 6;

/**
 * A table that fits the terminal only by cutting a column below this many columns (values of "2026-…"
 * and "fe5e3…" tell nothing) is shown one record at a time instead (`records`).
 */
export const RECORD_BELOW = 12;

/**
 * The rows of a table too wide for the terminal, one after another: each cell on its own line after
 * its column's heading, a blank line between rows, empty cells left out, values cut to the width.
 */
function records(head: string[][], rows: string[][][], columns: number): string {
  const labels = head.map((cell) => cell.join(" "));
  const labelWidth = Math.max(0, ...labels.map(displayWidth));
  const room = Math.max(MIN_COLUMN, columns - labelWidth - 4);
  const blocks = rows.map((row) => {
    const lines: string[] = [];
    row.forEach((cell, i) => {
      if (cell.every((line) => line === "")) return;
      cell.forEach((line, k) =>
        lines.push(
          `  ${padColumns(k === 0 ? (labels[i] ?? "") : "", labelWidth)}  ${truncateColumns(line, room)}`.trimEnd(),
        ),
      );
    });
    return lines.join("\n");
  });
  return blocks.join("\n\n");
}

/**
 * Column widths that add up to at most `room`: the widest column loses a column at a time, so long
 * values give way before short ones; none goes below RECORD_BELOW (or its own width, when narrower).
 * Undefined when even that does not fit: the table is then shown as records.
 */
export function fitWidths(natural: readonly number[], room: number): number[] | undefined {
  const widths = [...natural];
  let excess = widths.reduce((a, b) => a + b, 0) - room;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > RECORD_BELOW && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) return undefined;
    widths[widest]!--;
    excess--;
  }
  return widths;
}

/**
 * A cell cut to `columns` on a terminal, ending in "…" when anything was cut; colour codes are kept
 * (and closed after a cut), a wide character that would straddle the edge is left out.
 */
export function truncateColumns(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let out = "";
  let used = 0;
  let styled = false;
  // eslint-disable-next-line no-control-regex
  for (const [, code, ch] of text.matchAll(/(\x1b\[\d*(?:;\d+)*m)|([\s\S])/gu)) {
    if (code !== undefined) {
      out += code;
      styled = true;
      continue;
    }
    const w = WIDE_CHAR.test(ch!) ? 2 : 1;
    if (used + w > columns - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…${styled ? "\x1b[0m" : ""}`;
}

/** CJK and full-width characters: two columns each on a terminal. */
export const WIDE_RANGES =
  "\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6";
const WIDE_CHAR = new RegExp(`[${WIDE_RANGES}]`);

/** Printable ASCII alone: a column a character (no colour code, no wide or combined character). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Columns a string takes on a terminal (colour codes take none). */
export function displayWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
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
