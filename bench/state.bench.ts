/**
 * `npm run bench`: parse, verify, serialize and diff a 20,000-resource SST checkpoint and print the
 * times (median of several runs) and the peak memory. Targets: each step under 1 s on 2 cores.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { diffDeployments, verifyIntegrity, type DeploymentV3 } from "../src/state/index.js";
import { parseState, serializeState } from "../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../test/fixtures/builder.js";

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// Heap is sampled after each step (while its result is still alive); the RSS peak is the kernel's.
let peakHeap = 0;
function sample(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure<T>(
  name: string,
  fn: () => T,
): { name: string; median: number; min: number; max: number; result: T } {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    gc();
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
    sample();
  }
  times.sort((a, b) => a - b);
  return {
    name,
    median: times[Math.floor(times.length / 2)]!,
    min: times[0]!,
    max: times[times.length - 1]!,
    result,
  };
}

/** A later version of the same stage: 1% of resources changed, 0.5% removed, 100 added. */
function nextVersion(b: SstStateBuilder): Uint8Array {
  const value = b.versioned() as { checkpoint: { latest: DeploymentV3 } };
  const resources = value.checkpoint.latest.resources!;
  const changed = resources.map((r, i) => {
    if (i > 2 && i % 100 === 0)
      return { ...r, outputs: { ...r.outputs, lastModified: "2025-04-01T00:00:00.000+0000" } };
    return r;
  });
  const kept = changed.filter(
    (r, i) => !(i > 2 && i % 200 === 7 && r.custom && !r.type.startsWith("pulumi:")),
  );
  value.checkpoint.latest.resources = kept;
  const extra = new SstStateBuilder({ seed: 99, app: b.app, stage: b.stage });
  for (let i = 0; extra.resources.length < 102; i++) extra.addFunction(`Added${i}`);
  value.checkpoint.latest.resources.push(...(extra.resources.slice(2) as unknown as typeof kept));
  return toBytes(value);
}

function main(): void {
  const b = new SstStateBuilder({ seed: 42 }).fill(RESOURCES);
  b.addPendingCreate("aws:dynamodb/table:Table", "AuditTable", { name: "myapp-dev-AuditTable-k3j2h1g0" });
  const compact = toBytes(b.versioned());
  const indented = toBytes(b.versioned(), { indent: "    " });
  const later = nextVersion(b);
  const count = parseState(compact).deployment!.resources!.length;

  const rows = [
    measure("parse (compact)", () => parseState(compact)),
    measure("parse (4-space)", () => parseState(indented)),
  ];
  const doc = rows[0]!.result;
  const laterDoc = parseState(later);
  const verify = measure("verify", () => verifyIntegrity(doc.deployment));
  const serialize = measure("serialize (compact)", () => serializeState(doc));
  const serializeIndented = measure("serialize (4-space)", () => serializeState(rows[1]!.result));
  const diff = measure("diff of two versions", () => diffDeployments(doc.deployment, laterDoc.deployment));
  sample();

  if (verify.result.length !== 0) throw new Error("the benchmark state should verify clean");
  if (!Buffer.from(serialize.result).equals(Buffer.from(compact)))
    throw new Error("serialize is not byte-identical");
  const d = diff.result;

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `stateward state benchmark — ${count} resources (${mb(compact.length)} compact, ${mb(indented.length)} indented), median of ${RUNS} runs, node ${process.version}`,
  );
  console.log("");
  console.log(
    `${"step".padEnd(24)}${"median".padStart(10)}${"min".padStart(10)}${"max".padStart(10)}   target`,
  );
  for (const r of [...rows, verify, serialize, serializeIndented, diff]) {
    const ok = r.median < 1000 ? "< 1 s ok" : "< 1 s MISSED";
    console.log(
      `${r.name.padEnd(24)}${`${r.median.toFixed(0)} ms`.padStart(10)}${`${r.min.toFixed(0)} ms`.padStart(10)}${`${r.max.toFixed(0)} ms`.padStart(10)}   ${ok}`,
    );
  }
  console.log("");
  console.log(
    `diff found: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged`,
  );
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `peak memory: rss ${mb(peakRss)} (whole process, fixture building included), heap used ${mb(peakHeap)}`,
  );
  cliRuns(compact, later);
}

/** The same work through the built CLI, as a user runs it: process start to exit. */
function cliRuns(current: Uint8Array, later: Uint8Array): void {
  const dir = mkdtempSync(path.join(tmpdir(), "stateward-bench-"));
  const a = path.join(dir, "current.json");
  const b = path.join(dir, "later.json");
  writeFileSync(a, current);
  writeFileSync(b, later);
  const bin = path.resolve("dist/cli/main.js");
  console.log("");
  console.log("end to end through the CLI (node start to exit, one run each):");
  for (const args of [
    ["state", "show", a, "--json"],
    ["state", "verify", a],
    ["history", "diff", a, b, "--json"],
  ]) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const ms = performance.now() - start;
    console.log(
      `  stateward ${args.slice(0, 2).join(" ").padEnd(16)} ${`${ms.toFixed(0)} ms`.padStart(8)}   exit ${r.status ?? "?"}`,
    );
  }
}

main();
