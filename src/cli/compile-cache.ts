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
 *   A chunk with no file there, or one V8 refuses (another V8, other flags, a damaged file: V8 is
 *   told to check each file's checksum), is compiled as usual, and its file written when the run
 *   ends: to a temporary name, then renamed. Then files of chunks that no longer exist, the oldest
 *   beyond MAX_FILES, and the folders of copies not written to in 30 days are removed. Nothing is
 *   ever printed about it; a cache that cannot be read or written is simply not used.
 * - `NODE_DISABLE_COMPILE_CACHE=1` (Node's own switch for its compile cache) turns it off, and so does
 *   having no cache directory, or one where another user could put or swap in a file (ownFolders).
 *   The directory is safe to delete at any time.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import Module from "node:module";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";
import { cacheDir } from "../util/cache-dir.js";

/** What Node's CommonJS loader has, and its public types leave out. */
interface Loader {
  prototype: { _compile: (this: Loaded, content: string, filename: string) => unknown };
  wrap(script: string): string;
}
interface Loaded {
  exports: unknown;
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
    const file = path.join(dir, name);
    if (name.endsWith(".tmp") && !name.endsWith(`.${process.pid}.tmp`)) rmSync(file, { force: true });
    else if (!name.endsWith(".v8")) continue;
    else if (!current.has(name.slice(0, name.indexOf(".cjs.") + 4))) rmSync(file, { force: true });
    else kept.push({ file, mtime: statSync(file).mtimeMs });
  }
  kept.sort((a, b) => b.mtime - a.mtime);
  for (const { file } of kept.slice(MAX_FILES)) rmSync(file, { force: true });
  const now = Date.now();
  for (const node of readdirSync(compileRoot)) {
    const nodeDir = path.join(compileRoot, node);
    for (const copy of readdirSync(nodeDir)) {
      const copyDir = path.join(nodeDir, copy);
      if (copyDir !== dir && now - statSync(copyDir).mtimeMs > UNUSED_MS)
        rmSync(copyDir, { recursive: true, force: true });
    }
    if (readdirSync(nodeDir).length === 0) rmSync(nodeDir, { recursive: true, force: true });
  }
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
  if (vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER === undefined) return undefined;
  const root = cacheDir(env);
  return root === undefined ? undefined : path.join(root, "compile", `${process.version}-${process.arch}`);
}

/**
 * The folder of one installed copy's chunks in `dir`: two copies (a global one and a project's, two
 * versions) keep theirs apart, so neither removes the other's as stale. A 32-bit FNV-1a of the chunks'
 * path (no hashing module to load for it).
 */
function installFolder(dir: string, chunks: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < chunks.length; i++) hash = Math.imul(hash ^ chunks.charCodeAt(i), 0x01000193);
  return path.join(dir, (hash >>> 0).toString(16).padStart(8, "0"));
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
  const compileRoot = path.dirname(cache);
  if (!ownFolders([path.dirname(compileRoot), compileRoot, cache, dir])) return;
  // V8 checks the checksum of cached data it reads only when told to: a damaged file (a few bytes
  // changed, its length intact) is then refused and compiled again, where it would otherwise stop
  // the process inside V8's deserializer on every run. Set before any chunk is compiled through the
  // cache, so the flags every file is written and read under are the same.
  setFlagsFromString("--verify-snapshot-checksum");
  const loader = Module as unknown as Loader;
  const compile = loader.prototype._compile;
  const produce = new Map<string, vm.Script>();
  loader.prototype._compile = function (content, filename) {
    // A function with an import() that V8 kept compiled loses its loader when read back (Node 20):
    // the chunks import packages with require (src/util/lazy-require.ts); one that still has an
    // import() compiles as before.
    if (path.dirname(filename) !== chunks || !filename.endsWith(".cjs") || content.includes("import("))
      return compile.call(this, content, filename);
    const file = path.join(dir, `${path.basename(filename)}.${command}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(loader.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected === true) produce.set(file, script);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    // The wrapper's arguments, as Node's loader gives them (a require that resolves from the chunk).
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, chunks);
  };
  // At the end of the run the compiled form holds every function the run compiled, not only the top level.
  process.once("exit", () => {
    if (produce.size === 0) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const [file, script] of produce) {
        const temp = `${file}.${process.pid}.tmp`;
        try {
          writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
          renameSync(temp, file);
        } finally {
          rmSync(temp, { force: true });
        }
      }
      prune(dir, chunks, compileRoot);
    } catch {
      // Only a cache: a read-only or full disk leaves the next run compiling as this one did.
    }
  });
}
