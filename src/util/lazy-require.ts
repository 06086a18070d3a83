/**
 * Node built-ins and packages that only some runs need, loaded the first time one is used: `state
 * show` of a plain file hashes and decompresses nothing, so it does not pay for node:crypto and
 * node:zlib (issue 17: start-up). `require`, not `import()`: an `import()` in the CLI's chunks would
 * break when they load from V8's code cache (src/cli/compile-cache.ts), and each of these is CommonJS
 * or ships a CommonJS build. Node caches each module after its first `require`. Types are
 * `import type` only, so they cost nothing at run time.
 */
import type * as Checkbox from "@inquirer/checkbox";
import type * as Confirm from "@inquirer/confirm";
import type * as Select from "@inquirer/select";
import type * as ChildProcess from "node:child_process";
import type * as Crypto from "node:crypto";
import type * as Readline from "node:readline/promises";
import type * as Tty from "node:tty";
import type * as Zlib from "node:zlib";
import type * as TypeScript from "typescript";
import { ownRequire } from "./own-module.js";

let required: ((id: string) => unknown) | undefined;

/** `require` from here, made the first time a run needs one (a run that needs none does not pay for it). */
export function load(id: string): unknown {
  required ??= ownRequire();
  return required(id);
}

export const nodeCrypto = (): typeof Crypto => load("node:crypto") as typeof Crypto;
export const nodeZlib = (): typeof Zlib => load("node:zlib") as typeof Zlib;
export const nodeTty = (): typeof Tty => load("node:tty") as typeof Tty;
export const nodeReadline = (): typeof Readline => load("node:readline/promises") as typeof Readline;
export const nodeChildProcess = (): typeof ChildProcess => load("node:child_process") as typeof ChildProcess;
/** typescript takes a few hundred milliseconds to load: only commands that read sst.config.ts pay for it. */
export const typescript = (): typeof TypeScript => load("typescript") as typeof TypeScript;
/** The terminal prompts (their CommonJS build). */
export const inquirer = {
  select: () => load("@inquirer/select") as typeof Select,
  confirm: () => load("@inquirer/confirm") as typeof Confirm,
  checkbox: () => load("@inquirer/checkbox") as typeof Checkbox,
};
