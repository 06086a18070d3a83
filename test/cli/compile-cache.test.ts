/**
 * The bin's code cache (src/cli/compile-cache.ts, issue 17): the chunks a run loads are kept compiled
 * under the cache directory, and a run with the cache prints exactly what a run without it prints —
 * with no cache yet, with one, with a damaged one, and where none can be written. Needs `npm run build`.
 */
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checksum, commandKey, compileCacheDir } from "../../src/cli/compile-cache.js";
import { bin, tempDir } from "../helpers.js";

const STATE = "test/fixtures/files/sst-production-indented.json";
const LOG = "test/fixtures/logs/pulumi-bucket-exists.log";
const BROKEN = "test/fixtures/files/broken-integrity.json";
const root = tempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh cache directory, and the folder this Node's compiled chunks go to in it. */
function cache(name: string): { env: Record<string, string>; node: string } {
  const dir = path.join(root, name);
  return {
    env: { LANG: "en_US.UTF-8", STATEWARD_CACHE_DIR: dir },
    node: path.join(dir, "compile", `${process.version}-${process.arch}`),
  };
}

/** The one install's folder under this Node's (the bin's chunks: one copy of stateward here). */
function installOf(node: string): string {
  const installs = files(node);
  expect(installs).toHaveLength(1);
  return path.join(node, installs[0]!);
}

const files = (dir: string): string[] => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

/** The checksum as written in JavaScript: FNV-1a over little-endian 32-bit words (zero-padded), then the length. */
function fnv1a(bytes: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const words = new DataView(padded.buffer);
  let hash = 0x811c9dc5;
  for (let at = 0; at < padded.length; at += 4) hash = Math.imul(hash ^ words.getInt32(at, true), 0x01000193);
  return Math.imul(hash ^ bytes.length, 0x01000193) >>> 0;
}

describe("the checksum of a cache file", () => {
  it("is FNV-1a over the words and the length, whatever the length (the WebAssembly against JavaScript)", () => {
    // Lengths around a word and a WebAssembly page, a longer one after a shorter (the tail is zeroed).
    for (const length of [0, 1, 3, 4, 5, 65535, 65536, 65537, 200_003, 7]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919 + length) & 0xff);
      expect(checksum(bytes)).toBe(fnv1a(bytes));
    }
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => i & 0xff);
    const flipped = Uint8Array.from(bytes);
    flipped[2048]! ^= 1;
    expect(checksum(flipped)).not.toBe(checksum(bytes));
    expect(checksum(bytes.subarray(0, 4095))).not.toBe(checksum(bytes));
  });
});

describe("the code cache", () => {
  it("keeps the chunks a run loaded, and a run with it prints what a run without it prints", async () => {
    const { env, node } = cache("first");
    const without = await bin(["state", "show", STATE], { env: { ...env, NODE_DISABLE_COMPILE_CACHE: "1" } });
    expect(files(node)).toEqual([]);
    const first = await bin(["state", "show", STATE], { env });
    const compiled = installOf(node);
    const kept = files(compiled);
    expect(kept.some((f) => /^direct-[\w-]+\.cjs\.state-show\.v8$/.test(f))).toBe(true);
    expect(kept.some((f) => /^state-[\w-]+\.cjs\.state-show\.v8$/.test(f))).toBe(true);
    // Not the program: state show does not load it (src/cli/direct.ts).
    expect(kept.some((f) => f.startsWith("program-"))).toBe(false);
    const mtimes = kept.map((f) => statSync(path.join(compiled, f)).mtimeMs);
    const second = await bin(["state", "show", STATE], { env });
    for (const r of [first, second]) expect(r).toEqual(without);
    // Accepted as it was: not written again.
    expect(kept.map((f) => statSync(path.join(compiled, f)).mtimeMs)).toEqual(mtimes);
    expect(statSync(compiled).mode & 0o777).toBe(0o700);
  });

  it("keeps each command's own: state repair does not read back what state show compiled", async () => {
    const { env, node } = cache("commands");
    await bin(["state", "show", STATE], { env });
    const compiled = installOf(node);
    const show = files(compiled);
    const repair = await bin(["--lang", "en", "state", "repair", BROKEN, "--dry-run"], { env });
    expect(repair.code).toBe(3);
    const added = files(compiled).filter((f) => !show.includes(f));
    expect(added.some((f) => /^state-[\w-]+\.cjs\.state-repair\.v8$/.test(f))).toBe(true);
    expect(added.some((f) => /^direct-[\w-]+\.cjs\.state-repair\.v8$/.test(f))).toBe(true);
    expect(commandKey(["--lang", "zh", "state", "show", "./x.json"])).toBe("state-show");
    expect(commandKey(["explain", "deploy.log"])).toBe("explain");
    expect(commandKey(["--timeout", "5s", "doctor", "--stage", "dev"])).toBe("doctor");
    expect(commandKey(["--version"])).toBe("cli");
  });

  it("a damaged file is compiled again and replaced, and the run prints the same", async () => {
    const { env, node } = cache("damaged");
    const before = await bin(["explain", LOG], { env });
    const compiled = installOf(node);
    const explain = files(compiled).find((f) => f.startsWith("explain-"))!;
    expect(explain).toBeDefined();
    writeFileSync(path.join(compiled, explain), Buffer.alloc(4096, 7));
    const after = await bin(["explain", LOG], { env });
    expect(after).toEqual(before);
    expect(after.code).toBe(3);
    expect(readFileSync(path.join(compiled, explain)).equals(Buffer.alloc(4096, 7))).toBe(false);
    // Shorter than its checksum, or empty: the same.
    for (const short of [Buffer.alloc(0), Buffer.from([1, 2, 3])]) {
      writeFileSync(path.join(compiled, explain), short);
      expect(await bin(["explain", LOG], { env })).toEqual(before);
      expect(readFileSync(path.join(compiled, explain)).length).toBeGreaterThan(4096);
    }
  });

  it("a file damaged inside (its length intact) is refused, not a crash, and replaced", async () => {
    const { env, node } = cache("flipped");
    const before = await bin(["state", "show", STATE], { env });
    const compiled = installOf(node);
    const state = files(compiled).find((f) => f.startsWith("state-"))!;
    const bytes = readFileSync(path.join(compiled, state));
    for (let i = 2000; i < bytes.length; i += 997) bytes[i]! ^= 0x5a;
    writeFileSync(path.join(compiled, state), bytes);
    const after = await bin(["state", "show", STATE], { env });
    expect(after).toEqual(before);
    expect(readFileSync(path.join(compiled, state)).equals(bytes)).toBe(false);
    expect(await bin(["state", "show", STATE], { env })).toEqual(before);
  });

  it("removes the files of its own chunks that no longer exist when it writes, and no other copy's", async () => {
    const { env, node } = cache("stale");
    await bin(["--lang", "zh", "state", "show", STATE], { env });
    const compiled = installOf(node);
    // An older build of this copy, and another copy of stateward (another folder of chunks).
    writeFileSync(path.join(compiled, "state-0ld0ld00.cjs.state-show.v8"), "old build");
    const other = path.join(node, "0th3rc0p");
    mkdirSync(other);
    writeFileSync(path.join(other, "state-0th3r000.cjs.state-show.v8"), "another copy");
    await bin(["explain", LOG], { env });
    expect(files(compiled)).not.toContain("state-0ld0ld00.cjs.state-show.v8");
    expect(files(compiled).some((f) => f.startsWith("explain-"))).toBe(true);
    expect(files(other)).toEqual(["state-0th3r000.cjs.state-show.v8"]);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE=1, with --debug, and without a cache directory", async () => {
    const { env, node } = cache("off");
    await bin(["state", "show", STATE], { env: { ...env, NODE_DISABLE_COMPILE_CACHE: "1" } });
    await bin(["state", "show", STATE, "--debug"], { env });
    expect(files(node)).toEqual([]);
    // No HOME and no cache directory named: no place to keep anything, and the run works.
    expect(compileCacheDir({}, ["state", "show", STATE])).toBeUndefined();
    expect(compileCacheDir({ XDG_CACHE_HOME: "relative/cache" }, [])).toBeUndefined();
    const r = await bin(["state", "show", STATE], { env: { LANG: "en_US.UTF-8" } });
    expect(r.code).toBe(0);
    // The switches, and what is not one.
    const home = { HOME: root };
    expect(compileCacheDir(home, [])).toBe(
      path.join(root, ".cache", "stateward", "compile", `${process.version}-${process.arch}`),
    );
    expect(compileCacheDir({ ...home, NODE_DISABLE_COMPILE_CACHE: "1" }, [])).toBeUndefined();
    expect(compileCacheDir({ ...home, NODE_DISABLE_COMPILE_CACHE: "0" }, [])).toBeDefined();
    expect(compileCacheDir(home, ["doctor", "--debug"])).toBeUndefined();
  });

  it("keeps at most 200 files a copy (the oldest go) and drops copies unused for 30 days, when it writes", async () => {
    const { env, node } = cache("pruned");
    await bin(["state", "show", STATE], { env });
    const compiled = installOf(node);
    const chunk = files(compiled)
      .find((f) => f.startsWith("state-"))!
      .replace(/\.state-show\.v8$/, "");
    // 205 files of a chunk that exists, under as many command keys, each older than the last.
    const old = Date.now() / 1000 - 3600;
    for (let i = 0; i < 205; i++) {
      const file = path.join(compiled, `${chunk}.junk-${i}.v8`);
      writeFileSync(file, "x");
      utimesSync(file, old - i, old - i);
    }
    // Two other copies: one written to 31 days ago, one yesterday.
    const stale = path.join(node, "5ta1e000");
    const recent = path.join(node, "rece0000");
    for (const [dir, days] of [
      [stale, 31],
      [recent, 1],
    ] as const) {
      mkdirSync(dir, { mode: 0o700 });
      writeFileSync(path.join(dir, `${chunk}.state-show.v8`), "x");
      const t = Date.now() / 1000 - days * 86_400;
      utimesSync(dir, t, t);
    }
    // A command not yet kept: its run writes, then prunes.
    await bin(["state", "verify", STATE], { env });
    const left = files(compiled);
    expect(left).toHaveLength(200);
    expect(left.some((f) => f.endsWith(".state-verify.v8"))).toBe(true);
    expect(left).toContain(`${chunk}.junk-0.v8`);
    expect(left).not.toContain(`${chunk}.junk-204.v8`);
    expect(files(node).sort()).toEqual([path.basename(compiled), "rece0000"].sort());
  });

  it("does not read back (nor write) a folder others can write to: what it holds would run as stateward", async () => {
    const { env, node } = cache("shared");
    await bin(["state", "show", STATE], { env });
    const compiled = installOf(node);
    const direct = files(compiled).find((f) => f.startsWith("direct-"))!;
    chmodSync(compiled, 0o777);
    // Planted by someone else: never read (it would be refused and rewritten if it were).
    writeFileSync(path.join(compiled, direct), Buffer.alloc(64, 1));
    const r = await bin(["state", "show", STATE], { env });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(compiled, direct)).equals(Buffer.alloc(64, 1))).toBe(true);
    chmodSync(compiled, 0o700);
  });

  it("reads nothing through a loosened folder above its own, nor through a link", async () => {
    for (const how of ["loose parent", "link"] as const) {
      const { env, node } = cache(`guarded-${how.replace(" ", "-")}`);
      await bin(["state", "show", STATE], { env });
      let compiled = installOf(node);
      if (how === "link") {
        // The copy's folder replaced by a link to a folder holding the same files.
        const elsewhere = path.join(root, `elsewhere-${how.replace(" ", "-")}`);
        renameSync(compiled, elsewhere);
        symlinkSync(elsewhere, compiled);
        compiled = elsewhere;
      } else chmodSync(node, 0o777);
      const direct = files(compiled).find((f) => f.startsWith("direct-"))!;
      writeFileSync(path.join(compiled, direct), Buffer.alloc(64, 1));
      const r = await bin(["state", "show", STATE], { env });
      expect(r.code, how).toBe(0);
      // Never read: a file V8 read and refused would have been written again.
      expect(readFileSync(path.join(compiled, direct)).equals(Buffer.alloc(64, 1)), how).toBe(true);
      if (how === "loose parent") chmodSync(node, 0o700);
    }
  });

  it("says nothing and changes nothing where it cannot write", async () => {
    const blocker = path.join(root, "a-file");
    writeFileSync(blocker, "not a directory");
    const env = { LANG: "en_US.UTF-8", STATEWARD_CACHE_DIR: path.join(blocker, "cache") };
    const r = await bin(["state", "show", STATE], { env });
    expect(r.stderr).toBe("");
    expect(r).toEqual(
      await bin(["state", "show", STATE], { env: { ...env, NODE_DISABLE_COMPILE_CACHE: "1" } }),
    );
  });

  it("a chunk that requires a package (typescript, for sst.config.ts) loads it through the cache too", async () => {
    const { env, node } = cache("import");
    const project = path.join(root, "project");
    mkdirSync(project, { recursive: true });
    // A syntax error: typescript must load to report it, and nothing past the config is needed.
    writeFileSync(path.join(project, "sst.config.ts"), "export default $config({ app( {\n");
    const args = ["state", "show", "--stage", "dev"];
    const without = await bin(args, { env: { ...env, NODE_DISABLE_COMPILE_CACHE: "1" }, cwd: project });
    expect(without.stderr).toMatch(/sst\.config\.ts/);
    const first = await bin(args, { env, cwd: project });
    const second = await bin(args, { env, cwd: project });
    expect(files(installOf(node)).length).toBeGreaterThan(0);
    expect(first).toEqual(without);
    expect(second).toEqual(without);
  });
});
