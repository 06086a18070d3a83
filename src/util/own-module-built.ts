/**
 * own-module.ts as the CLI bundle has it (scripts/bundle.js puts it in own-module.ts's place): both
 * come from the chunk's own CommonJS `module`, which the build writes in for `__STATEWARD_MODULE__`.
 * Its `require` resolves from the chunk's file, as `createRequire` of it would, and its class is the
 * loader's: a run loads no node:module for them (a fifth of a millisecond).
 */
declare const __STATEWARD_MODULE__: { constructor: unknown; require(id: string): unknown };

export function ownRequire(): (id: string) => unknown {
  const own = __STATEWARD_MODULE__;
  return (id) => own.require(id);
}

export function loaderClass(): unknown {
  return __STATEWARD_MODULE__.constructor;
}
