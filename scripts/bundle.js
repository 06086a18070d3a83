/**
 * The CLI as it ships (issue 17: start-up). `npm run build` runs tsc (dist/: the library, its types,
 * and a CLI of one ES module per source file), then this, which writes the CLI again, faster to start:
 *
 * - dist/cli/main.cjs, the package's bin, and dist/chunks/: src/cli/main.ts bundled as CommonJS (Node
 *   starts a CommonJS program and loads each of its modules for a fraction of what an ES module
 *   costs), split at each lazy `import()` so a command loads only its own code; what every command
 *   needs (the program, its options and help: everything program.ts and io.ts import) is one chunk.
 *   commander, picocolors and @noble/hashes are inside; every other package stays in node_modules,
 *   loaded when a command needs it, as before.
 * - the message catalog as one JSON file per language beside the chunk that reads it
 *   (src/i18n/table-built.ts in table.ts's place): a run parses its own language only.
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
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.resolve(root, process.argv[2] ?? "dist");
const src = (rel) => path.join(root, "src", rel);
/** Packages bundled into the chunks; every other one is loaded from node_modules. */
const BUNDLED = ["commander", "picocolors", "@noble/hashes"];

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

/** table.ts → table-built.ts, in the bundle only. */
const builtTable = {
  name: "stateward-built-table",
  resolveId(source, importer) {
    return source === "./table.js" && importer === src("i18n/index.ts") ? src("i18n/table-built.ts") : null;
  },
};

/** The modules every command loads: program.ts, io.ts and all they import (not what they `import()`). */
const startup = new Set();
const startupModules = {
  name: "stateward-startup-modules",
  buildEnd() {
    const todo = [src("cli/program.ts"), src("cli/io.ts")];
    while (todo.length > 0) {
      const id = todo.pop();
      if (startup.has(id)) continue;
      startup.add(id);
      todo.push(...(this.getModuleInfo(id)?.importedIds ?? []));
    }
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
 * page help-pages.ts and the language module (src/cli/main.ts).
 */
const APART = [src("version.ts"), src("cli/help-pages.ts"), src("i18n/lang.ts")];

for (const old of ["chunks", "cli/main.cjs", "cli/main.cjs.map"])
  rmSync(path.join(dist, old), { recursive: true, force: true });
const bundle = await rolldown({
  ...options,
  // help-render: run once below to write the help pages, then removed.
  input: { main: src("cli/main.ts"), "help-render": src("cli/help-render.ts") },
  // The entry's exports are nobody's business (it has none), which lets version.ts stay apart below.
  preserveEntrySignatures: "allow-extension",
  external,
  plugins: [builtTable, startupModules],
});
const { output } = await bundle.write({
  dir: dist,
  format: "cjs",
  entryFileNames: "cli/[name].cjs",
  chunkFileNames: "chunks/[name]-[hash].cjs",
  banner: (chunk) => (chunk.isEntry && chunk.name === "main" ? GUARD : ""),
  sourcemap: true,
  sourcemapExcludeSources: true,
  // `--version` alone loads version.ts only (src/cli/main.ts): it stays out of the program's chunk.
  codeSplitting: {
    groups: [{ name: "program", test: (id) => startup.has(id) && !APART.includes(id) }],
    includeDependenciesRecursively: false,
  },
});
await bundle.close();

/** The folder of the chunk that holds a source module: its data files go beside it. */
function besideChunkOf(module) {
  const chunk = output.find((o) => o.type === "chunk" && o.moduleIds.includes(src(module)));
  if (chunk === undefined) throw new Error(`bundle: no chunk holds src/${module}`);
  return path.join(dist, path.dirname(chunk.fileName));
}

// The messages, read by src/i18n/table-built.ts.
const messages = await catalog();
for (const lang of LANGS) {
  const table = Object.fromEntries(Object.entries(messages).map(([id, entry]) => [id, entry[lang]]));
  writeFileSync(
    path.join(besideChunkOf("i18n/table-built.ts"), `messages.${lang}.json`),
    JSON.stringify(table),
  );
}

// Every help page, rendered by the program just built (it reads the messages above), for
// src/cli/help-pages.ts.
const renderer = path.join(dist, "cli", "help-render.cjs");
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
