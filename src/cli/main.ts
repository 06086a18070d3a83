#!/usr/bin/env node
// First, before anything else loads: no dependency notices reach the user (quiet.ts).
import "./quiet.js";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// Output goes to the descriptors, and a reader that went away (`stateward --help | head -3`) ends the
// run quietly (std-write.ts).
import { endRun, quietOnEpipe, stdout } from "./std-write.js";

const args = process.argv.slice(2);

/**
 * This module's folder: `import.meta.dirname`, which the bundle reads as `__dirname` (no URL to parse,
 * a third of a millisecond of every run), or from its URL on a Node before 20.11.
 */
function here(): string {
  return import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));
}
// `--debug` stack traces name the source files (src/…), through the build's source maps; this must
// come before the modules it should apply to load.
if (args.includes("--debug")) process.setSourceMapsEnabled(true);

// No top-level await: the bundle (scripts/bundle.js) is CommonJS, which loads faster (issue 17).
async function main(): Promise<void> {
  // `stateward --version` (or `-v`) alone answers before the program, its help and its messages
  // load: the one command scripts run on every CI step.
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
    const { VERSION } = await import("../version.js");
    stdout.write(`${VERSION}\n`);
    endRun(0);
    return;
  }
  // A help page alone is printed as the build rendered it, before the program loads (help-pages.ts).
  if (args.includes("--help") || args.includes("-h") || args[0] === "help") {
    const { builtHelp } = await import("./help-pages.js");
    const page = builtHelp(args, process.env, stdout);
    if (page !== undefined) {
      stdout.write(page);
      endRun(0);
      return;
    }
  }
  // The chunks a command loads go through V8's code cache (compile-cache.ts): those beside this file's
  // folder, which exist only in the bundle (a tsc build's modules are ES modules, which it leaves alone).
  const { commandKey, compileCacheDir, useCompileCache } = await import("./compile-cache.js");
  const compiled = compileCacheDir(process.env, args);
  if (compiled !== undefined) useCompileCache(join(here(), "..", "chunks"), compiled, commandKey(args));
  const { processIO } = await import("./io.js");
  const io = processIO();
  // `state show|verify|repair` and `explain` run without commander when their arguments read one way
  // (direct.ts); everything else, and those when they do not, go to the program.
  const { runDirect } = await import("./direct.js");
  const direct = await runDirect(args, io);
  if (direct !== undefined) {
    endRun(direct);
    return;
  }
  // The program and what it loads may write to Node's streams as well (commander, prompts).
  quietOnEpipe(process.stdout);
  quietOnEpipe(process.stderr);
  const { runCli } = await import("./program.js");
  process.exitCode = await runCli(args, io);
}

void main();
