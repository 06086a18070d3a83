/**
 * Node's CommonJS loader as stateward's own code reaches it: a `require` that resolves from here, and
 * the loader's class (`Module`, whose `_compile` src/cli/compile-cache.ts takes over). Here, from
 * node:module. The CLI bundle has own-module-built.ts in this module's place (scripts/bundle.js), which
 * takes both from its chunk's own `module` and spares every run loading node:module (issue 17).
 */
import { createRequire, Module } from "node:module";

export function ownRequire(): (id: string) => unknown {
  return createRequire(import.meta.url);
}

export function loaderClass(): unknown {
  return Module;
}
