/**
 * The CLI as it ships (issue 17: start-up). `npm run build` runs tsc (dist/: the library, its types,
 * and a CLI of one ES module per source file), then this, which writes the CLI again, faster to start:
 *
 * - dist/cli/main.cjs, the package's bin, and dist/chunks/: src/cli/main.ts bundled as CommonJS (Node
 *   starts a CommonJS program and loads each of its modules for a fraction of what an ES module
 *   costs), split at each lazy `import()` so a command loads only its own code. What every command
 *   needs is two chunks: "direct" (src/cli/direct.ts, the commands it runs without commander, and
 *   everything they import) and "program" (commander, every command's options and help: everything
 *   else program.ts imports).
 *   commander and @noble/hashes are inside; every other package stays in node_modules,
 *   loaded when a command needs it, as before.
 * - the message catalog as one JSON file per language and namespace beside the chunk that reads it
 *   (src/i18n/table-built.ts in table.ts's place): a run parses the messages it uses, in its language.
 * - source maps to src/ (`--debug` turns them on, src/cli/main.ts).
 * - dist/cli/main.js: tsc's replaced by a launcher of main.cjs (`node dist/cli/main.js` and the tests
 *   run the bundle too).
 *
 * A later tsc alone writes its own dist/cli/main.js again, and main.cjs then runs that (GUARD below):
 * a slower CLI, never a stale one. `node scripts/bundle.js <dir>` writes to another folder (a trial),
 * which must sit beside web/ as dist/ does (the ui finds its page files at ../../web from its chunk).
 */
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rolldown } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.resolve(root, process.argv[2] ?? "dist");
const src = (rel) => path.join(root, "src", rel);
/** Packages bundled into the chunks; every other one is loaded from node_modules. */
const BUNDLED = ["commander", "@noble/hashes"];

function external(id, importer) {
  if (importer === undefined || id.startsWith(".") || path.isAbsolute(id)) return false;
  return !BUNDLED.some((name) => id === name || id.startsWith(`${name}/`));
}

const options = {
  platform: "node",
  cwd: root,
  tsconfig: path.join(root, "tsconfig.build.json"),
  resolve: { extensionAlias: { ".js": [".ts", ".js"] } },
  logLevel: "warn",
  // A dynamic import of a module some other module imports statically is not a split point: said
  // once per build, not a fault.
  checks: { ineffectiveDynamicImport: false },
};

/** Modules the bundle has in another's place, whichever module imports them: `<name>.ts` → `<name>-built.ts`. */
const BUILT = new Map([
  // The messages, from JSON files the build writes (src/i18n/table-built.ts).
  [src("i18n/table.ts"), src("i18n/table-built.ts")],
  // require and Module from the chunk's own `module` (src/util/own-module-built.ts).
  [src("util/own-module.ts"), src("util/own-module-built.ts")],
]);
const builtModules = {
  name: "stateward-built-modules",
  resolveId(source, importer) {
    if (importer === undefined || !source.startsWith(".")) return null;
    // The sources import each other by their `.js` names (resolve.extensionAlias above).
    const target = path.resolve(path.dirname(importer), source).replace(/\.js$/, ".ts");
    return BUILT.get(target) ?? null;
  },
};

/**
 * Chunks by what loads together (each chunk a run loads costs a file's lookup, read and compile; a run
 * of `state show` loaded a dozen), each group its roots and all they import, less the groups before it:
 * - "boot": what a command loads before any other chunk, to load those through V8's code cache
 *   (src/cli/compile-cache.ts), and the language of the run (src/i18n/lang.ts: a help page needs it too);
 * - "direct": what every command loads first — src/cli/direct.ts, the commands it runs without
 *   commander and all they import (no commander), and what the state engine and the log reader
 *   both import (so that neither loads the other's chunk);
 * - "state", "explain": the state engine and the log reader those commands load, whole;
 * - "program": commander and every command's options and help (program.ts and all it imports).
 * What a module `import()`s is a split point, outside its group (unless that group holds it too).
 */
const GROUPS = [
  ["boot", ["cli/compile-cache.ts", "i18n/lang.ts", "cli/std-write.ts"]],
  ["direct", ["cli/direct.ts", "cli/io.ts", "cli/commands/state-run.ts", "cli/commands/explain-run.ts"]],
  ["state", ["actions/state.ts", "report/state.ts"]],
  ["explain", ["actions/explain.ts", "report/explain.ts"]],
  ["program", ["cli/program.ts"]],
];
/** Each module's group, by module id. */
const groupOf = new Map();
const startupModules = {
  name: "stateward-startup-modules",
  buildEnd() {
    const closure = (roots) => {
      const todo = roots.map(src);
      const seen = new Set();
      while (todo.length > 0) {
        const id = todo.pop();
        if (seen.has(id)) continue;
        seen.add(id);
        todo.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      return seen;
    };
    const closures = new Map(GROUPS.map(([name, roots]) => [name, closure(roots)]));
    const explain = closures.get("explain");
    for (const id of closures.get("state")) if (explain.has(id)) closures.get("direct").add(id);
    for (const [name, ids] of closures)
      for (const id of ids) if (!groupOf.has(id) && !APART.includes(id)) groupOf.set(id, name);
    for (const [id, name] of groupOf)
      if (name !== "program" && id.includes(`${path.sep}commander${path.sep}`))
        this.error(`the ${name} chunk would hold commander (src/cli/direct.ts runs without it)`);
  },
};

/** The catalog, evaluated from its TypeScript source, so the JSON tables match what was bundled. */
async function catalog() {
  const bundle = await rolldown({ ...options, input: src("i18n/catalog.ts") });
  const { output } = await bundle.generate({ format: "esm" });
  await bundle.close();
  const code = Buffer.from(output[0].code).toString("base64");
  return (await import(`data:text/javascript;base64,${code}`)).CATALOG;
}

/** The languages of src/i18n/lang.ts (this script is JavaScript: it cannot import the TypeScript). */
const LANGS = ["en", "zh"];

/** Marks the launcher this script writes as dist/cli/main.js (a tsc build writes its own there). */
const LAUNCHER = "// stateward: the CLI bundle's launcher";

/**
 * First in dist/cli/main.cjs: when dist/cli/main.js is not this build's launcher, tsc has rebuilt dist/
 * since (src/ may have changed): that newer build runs instead of this bundle (a top-level `return`
 * ends a CommonJS module). One small read; no main.js at all leaves the bundle to run.
 */
const GUARD = `const __tsc = require("node:path").join(__dirname, "main.js");
let __text;
try {
  __text = require("node:fs").readFileSync(__tsc, "utf8");
} catch {
  __text = ${JSON.stringify(LAUNCHER)};
}
if (!__text.includes(${JSON.stringify(LAUNCHER)})) {
  import(require("node:url").pathToFileURL(__tsc).href);
  return;
}`;

/**
 * Startup modules kept out of the program's chunk: `--version` alone loads version.ts, a built help
 * page help-pages.ts (with the language module, in the boot chunk: src/cli/main.ts).
 */
const APART = [src("version.ts"), src("cli/help-pages.ts")];

for (const old of ["chunks", "cli/main.cjs", "cli/main.cjs.map"])
  rmSync(path.join(dist, old), { recursive: true, force: true });
// The direct commands' grammar (src/cli/direct.ts), read from the program tsc just built from the same
// sources, written into the bundle: the direct path reads no file for it.
const { directGrammar } = await import(pathToFileURL(path.join(root, "dist", "cli", "prerender.js")).href);
const bundle = await rolldown({
  ...options,
  transform: {
    define: {
      __STATEWARD_DIRECT_GRAMMAR__: JSON.stringify(directGrammar()),
      // The chunk's own CommonJS module object (src/util/own-module-built.ts).
      __STATEWARD_MODULE__: "module",
    },
  },
  // prerender: run once below to write the help pages, then removed.
  input: { main: src("cli/main.ts"), prerender: src("cli/prerender.ts") },
  // The entry's exports are nobody's business (it has none), which lets version.ts stay apart below.
  preserveEntrySignatures: "allow-extension",
  external,
  plugins: [builtModules, startupModules],
});
const { output } = await bundle.write({
  dir: dist,
  format: "cjs",
  entryFileNames: "cli/[name].cjs",
  chunkFileNames: "chunks/[name]-[hash].cjs",
  banner: (chunk) => (chunk.isEntry && chunk.name === "main" ? GUARD : ""),
  sourcemap: true,
  sourcemapExcludeSources: true,
  // No comments or whitespace, local names shortened (code as written: no compression), and every
  // character outside ASCII written as an escape: Node reads, decodes and keeps in memory less source
  // for each chunk a run loads (an ASCII source is one byte a character, not two; the log reader's
  // chunk is a sixth smaller with short names), and `--debug` traces still name the functions and
  // lines of src/ through the source maps. Licence comments stay.
  minify: { compress: false, mangle: true, codegen: { removeWhitespace: true, asciiOnly: true } },
  // What one chunk takes from another keeps its name (`help_pages_exports`), as without minifying.
  minifyInternalExports: false,
  comments: { legal: true, annotation: false, jsdoc: false },
  // `--version` alone loads version.ts only (src/cli/main.ts): it stays out of the program's chunk.
  codeSplitting: {
    groups: GROUPS.map(([name]) => ({ name, test: (id) => groupOf.get(id) === name })),
    includeDependenciesRecursively: false,
  },
});
await bundle.close();
// A chunk loaded through the code cache gets a require that takes an id and nothing else
// (src/cli/compile-cache.ts): no require.resolve, require.cache or the like in one.
for (const o of output)
  if (o.type === "chunk" && o.fileName.startsWith("chunks/") && /\brequire\.\w/.test(o.code))
    throw new Error(
      `bundle: ${o.fileName} uses a property of require (src/cli/compile-cache.ts gives it none)`,
    );

/** The folder of the chunk that holds a source module: its data files go beside it. */
function besideChunkOf(module) {
  const chunk = output.find((o) => o.type === "chunk" && o.moduleIds.includes(src(module)));
  if (chunk === undefined) throw new Error(`bundle: no chunk holds src/${module}`);
  return path.join(dist, path.dirname(chunk.fileName));
}

// The messages, read by src/i18n/table-built.ts.
const messages = await catalog();
const byNamespace = new Map();
for (const [id, entry] of Object.entries(messages)) {
  const dot = id.indexOf(".");
  if (dot <= 0) throw new Error(`bundle: message id ${id} has no namespace (the part before its first dot)`);
  const namespace = id.slice(0, dot);
  if (!byNamespace.has(namespace)) byNamespace.set(namespace, []);
  byNamespace.get(namespace).push([id, entry]);
}
for (const lang of LANGS)
  for (const [namespace, entries] of byNamespace)
    writeFileSync(
      path.join(besideChunkOf("i18n/table-built.ts"), `messages.${lang}.${namespace}.json`),
      JSON.stringify(Object.fromEntries(entries.map(([id, entry]) => [id, entry[lang]]))),
    );

// Every help page, rendered by the program just built (it reads the messages above), for
// src/cli/help-pages.ts.
const renderer = path.join(dist, "cli", "prerender.cjs");
const { renderHelpPages } = createRequire(import.meta.url)(renderer);
for (const lang of LANGS) {
  writeFileSync(
    path.join(besideChunkOf("cli/help-pages.ts"), `help.${lang}.json`),
    JSON.stringify(await renderHelpPages(lang)),
  );
}
for (const f of [renderer, `${renderer}.map`]) rmSync(f, { force: true });

chmodSync(path.join(dist, "cli", "main.cjs"), 0o755);
writeFileSync(
  path.join(dist, "cli", "main.js"),
  [
    "#!/usr/bin/env node",
    LAUNCHER + " (scripts/bundle.js, `npm run build`); the package's bin is main.cjs itself.",
    'import { createRequire } from "node:module";',
    "// --debug: stack traces through the source maps to src/, the entry's own too.",
    'if (process.argv.slice(2).includes("--debug")) process.setSourceMapsEnabled(true);',
    'createRequire(import.meta.url)("./main.cjs");',
    "",
  ].join("\n"),
  { mode: 0o755 },
);
// tsc wrote main.js first (0644), and a mode given to writeFileSync applies only to a new file.
chmodSync(path.join(dist, "cli", "main.js"), 0o755);
