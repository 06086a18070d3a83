/**
 * How every bench prints a target: the figure, the floor it is compared with (measured in the same
 * run, so machine noise cancels), the ratio, the target and a one-line verdict. Each verdict is also
 * appended to `.bench-build/verdicts.jsonl`, which `bench/summary.ts` prints at the end of
 * `npm run bench` (one line per target).
 */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export type Unit = "ms" | "s" | "MiB" | "calls" | "/s" | "";

export interface Target {
  /** The figure ÷ the floor must be at most this (needs a floor). */
  maxRatio?: number;
  /** The figure itself must be at most / at least this (in its unit). */
  max?: number;
  min?: number;
}

export interface Figure {
  /** Which bench group it belongs to (`start-up`, `history`, …). */
  group: string;
  /** What was measured: `stateward --version, wall time`. */
  name: string;
  value: number;
  unit: Unit;
  /** The floor: the least any program could do for the same work, measured in the same run. */
  floor?: { name: string; value: number };
  target: Target;
}

export interface Verdict extends Figure {
  ratio?: number;
  ok: boolean;
  /** The target, as printed: `≤ 1.5× floor`, `≤ 5 calls`. */
  targetText: string;
}

const VERDICTS = path.resolve(".bench-build", "verdicts.jsonl");

function fmt(value: number, unit: Unit): string {
  const digits =
    unit === "calls" || unit === "/s" ? 0 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === "" ? "" : unit === "/s" || unit === "calls" ? ` ${unit === "/s" ? "/s" : "calls"}` : ` ${unit}`}`;
}

/** Works out the verdict of one figure against its target. */
export function judge(figure: Figure): Verdict {
  const { value, floor, target, unit } = figure;
  const ratio = floor !== undefined && floor.value > 0 ? value / floor.value : undefined;
  const parts: string[] = [];
  let ok = true;
  if (target.maxRatio !== undefined) {
    parts.push(`≤ ${target.maxRatio}× floor`);
    ok &&= ratio !== undefined && ratio <= target.maxRatio;
  }
  if (target.max !== undefined) {
    parts.push(`≤ ${fmt(target.max, unit)}`);
    ok &&= value <= target.max;
  }
  if (target.min !== undefined) {
    parts.push(`≥ ${fmt(target.min, unit)}`);
    ok &&= value >= target.min;
  }
  return { ...figure, ...(ratio === undefined ? {} : { ratio }), ok, targetText: parts.join(" and ") };
}

/** The verdict as one line: `ok     history list, 2nd run: 3 calls (floor …, 1.0×); target ≤ 5 calls`. */
export function verdictLine(v: Verdict): string {
  const floor = v.floor === undefined ? "" : `; floor (${v.floor.name}) ${fmt(v.floor.value, v.unit)}`;
  const ratio = v.ratio === undefined ? "" : `; ratio ${v.ratio.toFixed(2)}×`;
  return `${v.ok ? "ok    " : "MISSED"}  ${v.group}: ${v.name}: ${fmt(v.value, v.unit)}${floor}${ratio}; target ${v.targetText}`;
}

/** Prints the figures (one verdict line each) and records them for the summary. */
export function report(figures: readonly Figure[]): Verdict[] {
  mkdirSync(path.dirname(VERDICTS), { recursive: true });
  return figures.map((f) => {
    const v = judge(f);
    console.log(`  ${verdictLine(v)}`);
    appendFileSync(VERDICTS, `${JSON.stringify(v)}\n`);
    return v;
  });
}

/** The median of some samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export const VERDICTS_FILE = VERDICTS;
