import pc from "picocolors";

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

/**
 * A borderless table (grep- and copy-friendly): two spaces before and between columns, each column as
 * wide as its widest cell on a terminal (colour codes take no room, CJK takes two), a cell's lines
 * stacked; the header in bold when colors are on. Drawn here rather than by a table package, which
 * every command paid for at start-up (issue 17).
 */
export function table(head: string[], rows: (string | number)[][], c: Colors): string {
  const all = [head.map((h) => c.bold(h)), ...rows.map((row) => row.map(String))];
  const cellLines = all.map((row) => row.map((cell) => cell.split("\n")));
  const columns = Math.max(0, ...all.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(0, ...cellLines.flatMap((row) => (row[i] ?? []).map(displayWidth))),
  );
  const lines: string[] = [];
  for (const row of cellLines) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let k = 0; k < height; k++) {
      const cells = widths.map((width, i) => padColumns(row[i]?.[k] ?? "", width));
      lines.push(`  ${cells.join("  ")}`.trimEnd());
    }
  }
  return lines.join("\n");
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
