/**
 * `npm run bench`: each bench in its own Node process (so one's heap and loaded modules do not colour
 * another's figures), then the summary of every target's verdict. `BENCH_ONLY=history,state` runs some.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { VERDICTS_FILE } from "./verdict.js";

/** Each bench, in the order they run; flags are Node's (`--expose-gc` for heap figures). */
const BENCHES: ReadonlyArray<{ name: string; flags?: string[] }> = [
  { name: "state", flags: ["--expose-gc"] },
  { name: "sandbox" },
  { name: "history" },
  { name: "scan" },
  { name: "scale" },
  { name: "explain" },
  { name: "startup" },
  { name: "ui" },
];

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
rmSync(VERDICTS_FILE, { force: true });
let failed = 0;
for (const b of BENCHES) {
  if (only !== undefined && !only.includes(b.name)) continue;
  const file = path.resolve(".bench-build", "bench", `${b.name}.bench.js`);
  const r = spawnSync(process.execPath, [...(b.flags ?? []), file], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${b.name} failed (exit ${String(r.status ?? r.signal)})`);
  }
}
spawnSync(process.execPath, [path.resolve(".bench-build", "bench", "summary.js")], { stdio: "inherit" });
process.exitCode = failed === 0 ? 0 : 1;
