import pc from "picocolors";
import Table from "cli-table3";

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
  const t = new Table({
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
