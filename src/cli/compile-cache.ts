/**
 * V8's compiled form of the CLI's own chunks, kept on disk (issue 17: start-up): what Node 22's
 * `module.enableCompileCache()` does, by hand, so it works on Node 20 too. Compiling the chunks a run
 * loads was the largest part of its start-up after Node's own (a fifth of `explain <log>`); with the
 * cache, V8 reads that work back instead.
 *
 * - Only the bundle's chunks (`dist/chunks/*.cjs`, whose names carry a hash of their content) go
 *   through it; every other module, a chunk with an `import()` in it, and every chunk under `--debug`
 *   (whose stack traces need Node's own loader, for the source maps), load as before.
 * - Where: `<cache dir>/compile/<node version>-<arch>/<install>/` (src/util/cache-dir.ts; `<install>`
 *   names the folder the chunks are in), one file per chunk and command (`commandKey`).
 *   Each file starts with a checksum of the rest (`checksum`). A chunk with no file there, one whose
 *   checksum does not match (a damaged file), or one V8 refuses (another V8, other flags), is
 *   compiled as usual, and its file written when the run ends: to a temporary name, then renamed.
 *   Then files of chunks that no longer exist, the oldest beyond MAX_FILES, and the folders of copies
 *   not written to in 30 days are removed. Nothing is ever printed about it; a cache that cannot be
 *   read or written is simply not used.
 * - `NODE_DISABLE_COMPILE_CACHE=1` (Node's own switch for its compile cache) turns it off, and so does
 *   having no cache directory, or one where another user could put or swap in a file (ownFolders).
 *   The directory is safe to delete at any time.
 */
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { constants, Script } from "node:vm";
import { cacheDir } from "../util/cache-dir.js";
import { loaderClass } from "../util/own-module.js";

/** What Node's CommonJS loader has, and its public types leave out. */
interface Loader {
  prototype: { _compile: (this: Loaded, content: string, filename: string) => unknown };
  wrap(script: string): string;
}
interface Loaded {
  exports: unknown;
  require(id: string): unknown;
}

/** Files one copy keeps at most: every command's own chunks, with room; the oldest go first. */
const MAX_FILES = 200;
/** A copy (or a Node version) whose folder nothing has written to for this long is gone. */
const UNUSED_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * After a write: a file goes with its chunk (`<chunk>.cjs.<command>.v8`), and when there are more than
 * MAX_FILES, the oldest; a leftover temporary file goes; and the folders of copies and Node versions
 * not written to in UNUSED_MS go (a copy removed, an npx cache cleared, an older Node).
 */
function prune(dir: string, chunks: string, compileRoot: string): void {
  const current = new Set(readdirSync(chunks));
  const kept: { file: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.endsWith(".tmp") && !name.endsWith(`.${process.pid}.tmp`)) rmSync(file, { force: true });
    else if (!name.endsWith(".v8")) continue;
    else if (!current.has(name.slice(0, name.indexOf(".cjs.") + 4))) rmSync(file, { force: true });
    else kept.push({ file, mtime: statSync(file).mtimeMs });
  }
  kept.sort((a, b) => b.mtime - a.mtime);
  for (const { file } of kept.slice(MAX_FILES)) rmSync(file, { force: true });
  const now = Date.now();
  for (const node of readdirSync(compileRoot)) {
    const nodeDir = join(compileRoot, node);
    for (const copy of readdirSync(nodeDir)) {
      const copyDir = join(nodeDir, copy);
      if (copyDir !== dir && now - statSync(copyDir).mtimeMs > UNUSED_MS)
        rmSync(copyDir, { recursive: true, force: true });
    }
    if (readdirSync(nodeDir).length === 0) rmSync(nodeDir, { recursive: true, force: true });
  }
}

/**
 * FNV-1a (32 bits) over `words` little-endian 32-bit words at the start of its memory, in WebAssembly:
 *
 *     (module (memory (export "memory") 1)
 *       (func (export "fnv1a") (param $words i32) (result i32) (local $at i32) (local $hash i32)
 *         (local.set $hash (i32.const 0x811c9dc5))
 *         (block $done (loop $next
 *           (br_if $done (i32.ge_u (local.get $at) (local.get $words)))
 *           (local.set $hash (i32.mul (i32.xor (local.get $hash)
 *             (i32.load (i32.shl (local.get $at) (i32.const 2)))) (i32.const 0x01000193)))
 *           (local.set $at (i32.add (local.get $at) (i32.const 1)))
 *           (br $next)))
 *         (local.get $hash)))
 *
 * V8 checks a code cache's checksum only under a flag (`--verify-snapshot-checksum`), and setting a
 * flag at run time takes node:v8, which loads Node's streams: 2 to 3 ms of every run. This reads the
 * 200 KB a run loads in about a tenth of that, and the same in JavaScript would take ten times as long
 * (test/cli/compile-cache.test.ts checks one against the other).
 */
const FNV1A_WASM = Uint8Array.of(
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...[0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f], // types: (i32) -> i32
  ...[0x03, 0x02, 0x01, 0x00], // functions: one, of type 0
  ...[0x05, 0x03, 0x01, 0x00, 0x01], // memory: one, at least 1 page
  // exports: "memory" (memory 0), "fnv1a" (function 0)
  ...[0x07, 0x12, 0x02, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00],
  ...[0x05, 0x66, 0x6e, 0x76, 0x31, 0x61, 0x00, 0x00],
  ...[0x0a, 0x39, 0x01, 0x37, 0x01, 0x02, 0x7f], // code: one body, locals $at $hash (i32)
  ...[0x41, 0xc5, 0xbb, 0xf2, 0x88, 0x78, 0x21, 0x02], // hash = 0x811c9dc5
  ...[0x02, 0x40, 0x03, 0x40], // block, loop
  ...[0x20, 0x01, 0x20, 0x00, 0x4f, 0x0d, 0x01], // at >= words: out
  ...[0x20, 0x02, 0x20, 0x01, 0x41, 0x02, 0x74, 0x28, 0x02, 0x00, 0x73], // hash ^ load(at << 2)
  ...[0x41, 0x93, 0x83, 0x80, 0x08, 0x6c, 0x21, 0x02], // * 0x01000193
  ...[0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01, 0x0c, 0x00], // at += 1, again
  ...[0x0b, 0x0b, 0x20, 0x02, 0x0b], // end, end, hash
);

interface Fnv1a {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  fnv1a(words: number): number;
}
/** The part of the global WebAssembly used here (the project's lib, ES2023 without the DOM, has none). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};
let fnv1a: Fnv1a | undefined;

/**
 * The start of WebAssembly's memory made ready for `length` bytes: their view, the rest of the last
 * 32-bit word zero. Undefined without WebAssembly (`--jitless`): then there is no cache.
 */
function room(length: number): Uint8Array | undefined {
  if (typeof WebAssembly !== "object") return undefined;
  fnv1a ??= new WebAssembly.Instance(new WebAssembly.Module(FNV1A_WASM)).exports as Fnv1a;
  const words = Math.ceil(length / 4);
  const pages = Math.ceil((words * 4) / 65536);
  const { memory } = fnv1a;
  if (memory.buffer.byteLength < pages * 65536) memory.grow(pages - memory.buffer.byteLength / 65536);
  const view = new Uint8Array(memory.buffer, 0, words * 4);
  view.fill(0, length);
  return view.subarray(0, length);
}

/** The checksum of the `length` bytes `room` made ready (and that were put there since). */
function checksumOfRoom(length: number): number {
  return Math.imul(fnv1a!.fnv1a(Math.ceil(length / 4)) ^ length, 0x01000193) >>> 0;
}

/**
 * The checksum a cache file starts with: FNV-1a over the bytes as 32-bit little-endian words (the
 * last one padded with zeros), then over their length. Undefined without WebAssembly.
 */
export function checksum(bytes: Uint8Array): number | undefined {
  const into = room(bytes.length);
  if (into === undefined) return undefined;
  into.set(bytes);
  return checksumOfRoom(bytes.length);
}

/**
 * A cache file's V8 data, if its checksum matches (the file as written: `withChecksum`). Read straight
 * into WebAssembly's memory, checked there and given to V8 from there, with no copy: the next file
 * read goes to the same place, so V8 must take it (`new Script`) before another is read.
 */
function readIntact(file: string): Buffer | undefined {
  const fd = openSync(file, "r");
  try {
    const length = fstatSync(fd).size - 4;
    const head = Buffer.alloc(4);
    if (length < 0 || readSync(fd, head, 0, 4, 0) !== 4) return undefined;
    const into = room(length);
    if (into === undefined) return undefined;
    for (let at = 0; at < length;) {
      const read = readSync(fd, into, at, length - at, 4 + at);
      if (read === 0) return undefined;
      at += read;
    }
    if (checksumOfRoom(length) !== head.readUInt32LE(0)) return undefined;
    return Buffer.from(into.buffer, into.byteOffset, length);
  } finally {
    closeSync(fd);
  }
}

function withChecksum(data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(checksum(data)!);
  return Buffer.concat([head, data]);
}

/** Where the compiled chunks are kept for this Node; undefined when not at all. */
export function compileCacheDir(
  env: Record<string, string | undefined>,
  argv: readonly string[],
): string | undefined {
  if (argv.includes("--debug")) return undefined;
  const off = env.NODE_DISABLE_COMPILE_CACHE;
  if (off !== undefined && off !== "" && off !== "0") return undefined;
  // import() from a chunk (a prompt's package, typescript) goes to Node's own loader: Node 20.?+.
  if (constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER === undefined) return undefined;
  if (typeof WebAssembly !== "object") return undefined;
  const root = cacheDir(env);
  return root === undefined ? undefined : join(root, "compile", `${process.version}-${process.arch}`);
}

/**
 * The folder of one installed copy's chunks in `dir`: two copies (a global one and a project's, two
 * versions) keep theirs apart, so neither removes the other's as stale. A 32-bit FNV-1a of the chunks'
 * path (no hashing module to load for it).
 */
function installFolder(dir: string, chunks: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < chunks.length; i++) hash = Math.imul(hash ^ chunks.charCodeAt(i), 0x01000193);
  return join(dir, (hash >>> 0).toString(16).padStart(8, "0"));
}

/**
 * Whether the folders from the cache directory down to `dir` may hold code this run executes: each
 * absent (made 0700 when written), or a real folder (not a link) of this user's that nobody else can
 * write to. What V8 reads back runs as stateward itself, so code that another user could have put
 * there, or could swap in (a loosened folder on the way, a link to elsewhere), is never read. On
 * Windows, where Node reports no owner and no such modes, the folder is the user's local app data.
 */
function ownFolders(folders: readonly string[]): boolean {
  if (process.platform === "win32") return true;
  const uid = process.getuid?.();
  for (const folder of folders) {
    let stat;
    try {
      stat = lstatSync(folder);
    } catch {
      continue;
    }
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0)
      return false;
  }
  return true;
}

/**
 * What a run's compiled chunks are kept under: its command's words (`state-repair`, `doctor`; `cli`
 * for none). V8 keeps the functions a run compiled, so `state show`'s copy of the state engine lacks
 * what `state repair` runs: each command keeps its own. The words are the leading arguments that look
 * like a command (a file name does not), at most two, after the global options and their values and
 * before any other option.
 */
export function commandKey(argv: readonly string[]): string {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i]!;
    // An option after the first word ends the words (its value is not one).
    if (a.startsWith("-") && words.length > 0) break;
    if (a === "--lang" || a === "--timeout") i++;
    else if (a.startsWith("-")) continue;
    else if (/^[a-z][a-z-]{0,30}$/.test(a)) words.push(a);
    else break;
  }
  return words.length === 0 ? "cli" : words.join("-");
}

/**
 * Compiles the chunks in `chunks` through the code cache under `cache` (compileCacheDir) from now on,
 * keeping what this run compiles under `command` (commandKey).
 */
export function useCompileCache(chunks: string, cache: string, command: string): void {
  const dir = installFolder(cache, chunks);
  // cache is <cache dir>/compile/<node>-<arch> (compileCacheDir).
  const compileRoot = dirname(cache);
  if (!ownFolders([dirname(compileRoot), compileRoot, cache, dir])) return;
  const loader = loaderClass() as Loader;
  const compile = loader.prototype._compile;
  const produce = new Map<string, Script>();
  loader.prototype._compile = function (content, filename) {
    // A function with an import() that V8 kept compiled loses its loader when read back (Node 20):
    // the chunks import packages with require (src/util/lazy-require.ts); one that still has an
    // import() compiles as before.
    if (dirname(filename) !== chunks || !filename.endsWith(".cjs") || content.includes("import("))
      return compile.call(this, content, filename);
    const file = join(dir, `${basename(filename)}.${command}.v8`);
    // A damaged file (a few bytes changed, its length intact) would stop the process inside V8's
    // deserializer, on every run: its checksum is checked first, and it is compiled again.
    let cachedData: Buffer | undefined;
    try {
      cachedData = readIntact(file);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(loader.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected === true) produce.set(file, script);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    // The wrapper's arguments, as Node's loader gives them: the chunks call their require only with an
    // id, which the chunk's own module resolves (what Node's require does; createRequire would make
    // another module for it, a fifth of a millisecond a chunk).
    const chunkRequire = (id: string): unknown => this.require(id);
    return wrapper.call(this.exports, this.exports, chunkRequire, this, filename, chunks);
  };
  // At the end of the run the compiled form holds every function the run compiled, not only the top level.
  process.once("exit", () => {
    if (produce.size === 0) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const [file, script] of produce) {
        const temp = `${file}.${process.pid}.tmp`;
        try {
          writeFileSync(temp, withChecksum(script.createCachedData()), { mode: 0o600 });
          renameSync(temp, file);
        } catch (e) {
          // A temporary file left half written goes (after a rename there is none: rmSync's force
          // would load its recursive remover for nothing, on every run that writes).
          rmSync(temp, { force: true });
          throw e;
        }
      }
      prune(dir, chunks, compileRoot);
    } catch {
      // Only a cache: a read-only or full disk leaves the next run compiling as this one did.
    }
  });
}
