/**
 * `explain` on a 50 MB deploy log (the real logs of test/fixtures/logs, repeated among progress lines
 * and hostile half-patterns), against a floor measured in the same run: splitting the log into lines
 * and testing each with one simple regular expression. Median of 3 runs. Target: ≤ 5 s on 2 cores.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { explainLog } from "../src/explain/index.js";
import { report } from "./verdict.js";

const LOGS = path.resolve("test/fixtures/logs");
const SIZE = 50 * 1024 * 1024;
const TARGET_MS = 5000;

function log(): string {
  const samples = readdirSync(LOGS).map((f) => readFileSync(path.join(LOGS, f), "utf8"));
  const noise = Array.from(
    { length: 200 },
    (_, i) =>
      `|  Created     Fn${i} sst:aws:Function → Fn${i}Function aws:lambda:Function (${i % 10}.${i % 7}s)`,
  ).join("\n");
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < SIZE; k++) {
    const part = `${noise}\n${samples[k % samples.length]!}\n${"a(".repeat(2000)} already ${"-".repeat(3000)}\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join("");
}

function median(fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1]!;
}

const text = log();
const floor = median(() => text.split("\n").filter((l) => /error/i.test(l)).length);
const ms = median(() => explainLog(text));
console.log("");
console.log(`explain, a ${(text.length / 1024 / 1024).toFixed(0)} MB log (median of 3 runs):`);
report([
  {
    group: "explain",
    name: `a ${(text.length / 1024 / 1024).toFixed(0)} MB deploy log`,
    value: ms / 1000,
    unit: "s",
    floor: { name: "split + one regex per line", value: floor / 1000 },
    target: { max: TARGET_MS / 1000 },
  },
]);
