/**
 * `npm run bench`: parse, verify, serialize and diff a 20,000-resource SST checkpoint in-process and
 * print the times (median of several runs) and the peak memory (each step under 1 s on 2 cores). Then
 * the state commands end to end on a BENCH_RESOURCES (100,000) resource file, each against the floor
 * of a Node script that reads the same file, parses, stringifies and writes it (issue 17): wall time
 * and peak memory, median of interleaved rounds.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { diffDeployments, verifyIntegrity, type DeploymentV3 } from "../src/state/index.js";
import { parseState, serializeState } from "../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../test/fixtures/builder.js";
import { median, report, type Figure } from "./verdict.js";

const RESOURCES = Number(process.env.BENCH_STEP_RESOURCES ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The end-to-end section: resources in the file, and interleaved rounds of each command and its floor. */
const CLI_RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100_000);
const CLI_ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 3);

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
}

/**
 * A checkpoint of `count` resources with what `state repair` fixes: parents and dependencies that are
 * gone, resources placed after one that refers to them, and a wrong manifest magic.
 */
function repairableState(count: number): Uint8Array {
  const b = new SstStateBuilder({ seed: 7 }).fill(count);
  const value = b.versioned() as { checkpoint: { latest: DeploymentV3 } };
  const latest = value.checkpoint.latest;
  const resources = latest.resources!;
  const step = Math.floor(resources.length / 5);
  let parents = 0;
  let deps = 0;
  for (let i = step; i < resources.length && (parents < 4 || deps < 4); i += 997) {
    const r = resources[i]!;
    if (parents < 4 && typeof r.parent === "string") {
      r.parent += "Gone";
      parents++;
    } else if (deps < 4 && Array.isArray(r.dependencies) && r.dependencies.length > 0) {
      r.dependencies.push(`${r.dependencies[0]!}Gone`);
      deps++;
    }
  }
  for (let k = 1; k <= 3; k++) {
    const i = k * step + 7;
    const parent = resources.findIndex((x) => x.urn === resources[i]!.parent);
    if (parent >= 0 && parent < i) resources.splice(i, 0, ...resources.splice(parent, 1));
  }
  latest.manifest = { ...latest.manifest, magic: "0".repeat(64) };
  return toBytes(value);
}

/** Written at exit by every process measured (floor and stateward alike): its peak resident memory. */
const PROBE = `"use strict";
process.on("exit", () => {
  const out = process.env.STATE_BENCH_PROBE_OUT;
  if (out) require("node:fs").writeFileSync(out, String(process.resourceUsage().maxRSS));
});
`;

/** The least any tool could do with the file: read it, parse it, stringify it, write it. */
const FLOOR = `const fs = require("node:fs");
const value = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
fs.writeFileSync(process.argv[3], JSON.stringify(value));
`;

interface Run {
  ms: number;
  maxRssKiB: number;
  status: number | null;
}

/** The state commands through the built CLI, as a user runs them: process start to exit. */
function cliFigures(): void {
  const dir = mkdtempSync(path.join(tmpdir(), "stateward-bench-"));
  try {
    const file = path.join(dir, "state.json");
    const bytes = repairableState(CLI_RESOURCES);
    writeFileSync(file, bytes);
    const probe = path.join(dir, "probe.cjs");
    writeFileSync(probe, PROBE);
    const floorScript = path.join(dir, "floor.cjs");
    writeFileSync(floorScript, FLOOR);
    const bin = path.resolve("dist/cli/main.js");
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dir,
      LANG: "en_US.UTF-8",
      NO_COLOR: "1",
    };
    let n = 0;
    const run = (args: string[]): Run => {
      const out = path.join(dir, `rss-${n++}`);
      const start = performance.now();
      const r = spawnSync(process.execPath, ["--require", probe, ...args], {
        env: { ...env, STATE_BENCH_PROBE_OUT: out },
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
      const ms = performance.now() - start;
      if (r.error !== undefined) throw r.error;
      const maxRssKiB = Number(readFileSync(out, "utf8"));
      return { ms, maxRssKiB, status: r.status };
    };
    const target = path.join(dir, "out.json");
    const copy = path.join(dir, "copy.json");
    const commands: ReadonlyArray<{
      name: string;
      args: () => string[];
      exit: number;
      time: number;
      memory: number;
    }> = [
      {
        name: "state show <file>",
        args: () => [bin, "state", "show", file],
        exit: 0,
        time: 1.5,
        memory: 1.5,
      },
      // 3: the file has blockers (the defects repair fixes).
      {
        name: "state verify <file>",
        args: () => [bin, "state", "verify", file],
        exit: 3,
        time: 1.5,
        memory: 1.5,
      },
      {
        name: "state repair <file> --dry-run",
        args: () => [bin, "state", "repair", file, "--dry-run"],
        exit: 0,
        time: 1.5,
        memory: 1.3,
      },
      {
        name: "state repair <file> --out <new file>",
        args: () => {
          rmSync(target, { force: true });
          return [bin, "state", "repair", file, "--out", target];
        },
        exit: 0,
        time: 1.5,
        memory: 1.3,
      },
      {
        name: "state repair <copy> --in-place --yes",
        args: () => {
          copyFileSync(file, copy);
          rmSync(`${copy}.bak`, { force: true });
          return [bin, "state", "repair", copy, "--in-place", "--yes"];
        },
        exit: 0,
        time: 1.5,
        memory: 1.3,
      },
    ];
    const floorArgs = () => [floorScript, file, target];
    // One warm-up of each (file cache, code cache), then interleaved rounds.
    run(floorArgs());
    for (const c of commands) run(c.args());
    const floor: Run[] = [];
    const runs = new Map<string, Run[]>(commands.map((c) => [c.name, []]));
    for (let i = 0; i < CLI_ROUNDS; i++) {
      const f = run(floorArgs());
      if (f.status !== 0) throw new Error(`the floor exited ${String(f.status)}`);
      floor.push(f);
      for (const c of commands) {
        const r = run(c.args());
        if (r.status !== c.exit)
          throw new Error(`stateward ${c.name} exited ${String(r.status)}, not ${c.exit}`);
        runs.get(c.name)!.push(r);
      }
    }
    const floorMs = median(floor.map((r) => r.ms));
    const floorMiB = median(floor.map((r) => r.maxRssKiB)) / 1024;
    const floorName = "node: read + JSON.parse + JSON.stringify + write";
    console.log("");
    console.log(
      `state commands end to end, ${CLI_RESOURCES} resources (${(bytes.length / 1024 / 1024).toFixed(0)} MiB), against the floor (${floorName}), median of ${CLI_ROUNDS} interleaved rounds:`,
    );
    report(
      commands.flatMap((c): Figure[] => {
        const rs = runs.get(c.name)!;
        return [
          {
            group: "state",
            name: `stateward ${c.name} at ${CLI_RESOURCES} resources, wall time`,
            value: median(rs.map((r) => r.ms)),
            unit: "ms",
            floor: { name: floorName, value: floorMs },
            target: { maxRatio: c.time },
          },
          {
            group: "state",
            name: `stateward ${c.name} at ${CLI_RESOURCES} resources, peak memory`,
            value: median(rs.map((r) => r.maxRssKiB)) / 1024,
            unit: "MiB",
            floor: { name: floorName, value: floorMiB },
            target: { maxRatio: c.memory },
          },
        ];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
cliFigures();
