/**
 * Reads an SST v3 project's `sst.config.ts` without deploying anything: the app name, home, removal
 * policy and the AWS provider's region/profile for one stage.
 *
 * The config is evaluated rather than parsed, because real configs compute these values from the stage
 * (`input.stage === "production" ? "retain" : "remove"`). Only `app()` is called, never `run()`, and
 * it runs in a fresh `node:vm` context with no `require`, no timers, no network, a silent console and a
 * copy of the environment. That is isolation against accidents (a stray console.log, a loop that never
 * ends, a write to process.env), not a security boundary: the config is the user's own code, trusted as
 * much as `sst deploy` trusts it.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { typescript } from "../util/lazy-require.js";

export interface SstAppConfig {
  /** Absolute path of the sst.config.ts that was read. */
  configPath: string;
  /** Directory holding it (the project root). */
  root: string;
  name: string;
  /** "aws" | "cloudflare" | "local", or whatever the config says. */
  home: string;
  removal?: string;
  /** SST's `protect`: true when app() says the stage is protected (sst remove refuses it). */
  protect?: boolean;
  /** providers.aws.region when set to a non-empty string. */
  region?: string;
  /** providers.aws.profile when set to a non-empty string. */
  profile?: string;
  /** true when providers has an `aws` key (any value). */
  awsProvider: boolean;
}

export const SST_CONFIG_FILE = "sst.config.ts";

const DEFAULT_TIMEOUT_MS = 2000;

// i18n-exempt: TypeScript code, the shape of an SST v3 config
const CONFIG_EXAMPLE = "export default $config({ app(input) { return { name, home } }, async run() {} })";
const skipHint = (): string => t("project.hint.skip");
const shapeHint = (): string => t("project.hint.shape", { example: CONFIG_EXAMPLE });

/** Walks up from `cwd` to the filesystem root looking for sst.config.ts; undefined if none. */
export async function findSstConfig(cwd: string): Promise<string | undefined> {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, SST_CONFIG_FILE);
    // A directory carrying the name is not a config, and an entry we cannot stat is as good as absent.
    const isFile = await stat(candidate).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isFile) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The stage SST would use when no --stage is given: SST_STAGE env, else the `.sst/stage` file in the
 * project root (trimmed), else undefined.
 */
export async function defaultSstStage(root: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const fromEnv = env.SST_STAGE?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(root, ".sst", "stage");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    // No file is normal: SST writes it on the first `sst deploy`/`sst dev` from this checkout.
    if (isMissing(e)) return undefined;
    throw new StatewardError(
      "SST_STAGE_READ",
      t("project.stage-file.unreadable", { file, error: errorText(e) }),
      {
        hint: t("project.stage-file.unreadable.hint"),
        cause: e,
      },
    );
  }
  return text.trim() || undefined;
}

/**
 * Reads and evaluates app() for the stage. Throws StatewardError with a clear one-paragraph message and
 * a hint on any failure. `options.timeoutMs` bounds the whole evaluation (module body, app() and every
 * await inside it); it is there so tests need not wait the default 2 s.
 */
export async function loadSstConfig(
  configPath: string,
  stage: string,
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number } = {},
): Promise<SstAppConfig> {
  const absolute = path.resolve(configPath);
  let source: string;
  try {
    source = await readFile(absolute, "utf8");
  } catch (e) {
    throw new StatewardError(
      "SST_CONFIG_READ",
      t("project.config.unreadable", { file: absolute, error: errorText(e) }),
      {
        hint: isMissing(e) ? t("project.hint.run-from-project") : skipHint(),
        cause: e,
      },
    );
  }
  const js = transpile(absolute, source);
  const outcome = evaluate(absolute, js, stage, env, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return toAppConfig(absolute, stage, outcome);
}

/** TypeScript to CommonJS, stopping at the first syntax error with its position. */
function transpile(configPath: string, source: string): string {
  const ts = typescript();
  const result = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: configPath,
    reportDiagnostics: true,
  });
  const first = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first) {
    const text = ts.flattenDiagnosticMessageText(first.messageText, " ");
    let message = t("project.config.syntax", { file: configPath, error: text });
    if (first.file && first.start !== undefined) {
      const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
      const at = { file: configPath, line: line + 1, column: character + 1, error: text };
      message = t("project.config.syntax.at", at);
    }
    throw new StatewardError("SST_CONFIG_SYNTAX", message, { hint: t("project.hint.fix-syntax") });
  }
  return result.outputText;
}

/**
 * What the driver inside the context reports, as a JSON string. Only primitives cross back into this
 * realm, so nothing of the config's (getters, proxies, thenables) can run here, outside the timeout.
 */
type Outcome =
  | { kind: "threw"; phase: "load" | "app"; message: string }
  | { kind: "no-app"; exported: string }
  | { kind: "returned"; type: string; fields?: ReturnedFields };

interface ReturnedFields {
  name?: string;
  nameType: string;
  home?: string;
  homeType: string;
  removal?: string;
  protect?: boolean;
  region?: string;
  profile?: string;
  awsProvider: boolean;
}

const OUTCOME_GLOBAL = "__statewardOutcome";

/**
 * Runs in the context and receives the config's CommonJS output wrapped as a function, which is written
 * after it at the script's top level so that the config sees only globals, none of these locals.
 * Everything the config can reach is created in there, so it holds no object of this realm. Builtins
 * are captured before the config runs, which could replace them. `__ENV__` and friends become JSON.
 */
// i18n-exempt: JavaScript run inside the context
const DRIVER = `(function (loadModule) {
  "use strict";
  const PromiseCtor = Promise, stringify = JSON.stringify, hasOwn = Object.hasOwn, freeze = Object.freeze;
  const isArray = Array.isArray;
  const report = (outcome) => { globalThis.${OUTCOME_GLOBAL} = stringify(outcome); };
  const kind = (x) => {
    if (x === null || x === undefined) return String(x);
    if (isArray(x)) return "an array";
    return typeof x === "object" ? "an object" : "a " + typeof x;
  };
  const describe = (e) => {
    try {
      const hasProps = e !== null && (typeof e === "object" || typeof e === "function");
      const message = hasProps ? e.message : undefined;
      return typeof message === "string" && message ? message : String(e);
    } catch {
      return "a value that could not be printed";
    }
  };
  let phase = "load";
  const require = (name) => {
    const quoted = stringify(String(name));
    throw new Error(
      phase === "load"
        ? "sst.config.ts imports " + quoted + " at the top level; stateward evaluates only app() " +
            "and loads no modules (SST itself allows only 'import type' there; import modules dynamically inside run())"
        : "app() imports " + quoted + "; stateward evaluates only app() and loads no modules",
    );
  };
  const noop = () => undefined;
  globalThis.console = new Proxy({}, { get: () => noop });
  globalThis.process = freeze({ env: __ENV__, platform: __PLATFORM__ });
  globalThis.$config = (input) => input;
  const module = { exports: {} };
  try {
    loadModule.call(module.exports, module.exports, require, module, __FILENAME__, __DIRNAME__);
  } catch (e) {
    report({ kind: "threw", phase: "load", message: describe(e) });
    return;
  }
  const config = module.exports.default;
  if (config === null || typeof config !== "object" || typeof config.app !== "function") {
    const isObject = config !== null && typeof config === "object";
    report({ kind: "no-app", exported: isObject ? "an object without an app() function" : kind(config) });
    return;
  }
  const pick = (v) => {
    if (v === null || typeof v !== "object" || isArray(v)) return { kind: "returned", type: kind(v) };
    const str = (x) => (typeof x === "string" ? x : undefined);
    const providers = v.providers;
    const hasProviders = providers !== null && typeof providers === "object";
    const aws = hasProviders ? providers.aws : undefined;
    const awsObject = aws !== null && typeof aws === "object";
    return {
      kind: "returned",
      type: "object",
      fields: {
        name: str(v.name), nameType: kind(v.name),
        home: str(v.home), homeType: kind(v.home),
        removal: str(v.removal),
        protect: v.protect === true,
        region: awsObject ? str(aws.region) : undefined,
        profile: awsObject ? str(aws.profile) : undefined,
        awsProvider: hasProviders && hasOwn(providers, "aws"),
      },
    };
  };
  phase = "app";
  let returned;
  try {
    returned = config.app({ stage: __STAGE__ });
  } catch (e) {
    report({ kind: "threw", phase: "app", message: describe(e) });
    return;
  }
  PromiseCtor.resolve(returned).then(
    (v) => {
      try {
        report(pick(v));
      } catch (e) {
        report({ kind: "threw", phase: "app", message: describe(e) });
      }
    },
    (e) => report({ kind: "threw", phase: "app", message: describe(e) }),
  );
})(function (exports, require, module, __filename, __dirname) {
`;

function evaluate(
  configPath: string,
  js: string,
  stage: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Outcome {
  const envCopy: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") envCopy[k] = v;
  const lit = (v: unknown) => JSON.stringify(v);
  // Functions as replacements, so that `$&` and friends in the values are not patterns.
  const driver = DRIVER.replace("__ENV__", () => lit(envCopy))
    .replace("__PLATFORM__", () => lit(process.platform))
    .replace("__FILENAME__", () => lit(configPath))
    .replace("__DIRNAME__", () => lit(path.dirname(configPath)))
    .replace("__STAGE__", () => lit(stage));
  // The newline before the closing brace keeps a trailing line comment in the config from eating it.
  const source = `${driver}${js}\n});\n`;

  let script: vm.Script;
  try {
    script = new vm.Script(source, { filename: configPath });
  } catch (e) {
    // transpileModule checks syntax only. A top-level await gets through it and fails here, because the
    // config runs as CommonJS; SST may accept it, so do not blame the config.
    throw new StatewardError(
      "SST_CONFIG_SYNTAX",
      t("project.config.not-compiled", { file: configPath, error: errorText(e) }),
      { hint: skipHint() },
    );
  }

  // With "afterEvaluate" the context drains its own promise jobs inside runInContext, so an async app()
  // is under the same timeout as sync code. A Promise.race out here could not stop a loop that starts
  // after an `await`: that loop would block this event loop, timers included.
  const context = vm.createContext({}, { microtaskMode: "afterEvaluate" });
  try {
    script.runInContext(context, { timeout: timeoutMs });
  } catch (e) {
    if (isTimeout(e)) {
      throw evalError(configPath, t("project.config.eval-timeout", { ms: timeoutMs }));
    }
    // The driver catches whatever the config throws, so this is unexpected; report it all the same.
    throw evalError(configPath, errorText(e));
  }

  const raw: unknown = (context as Record<string, unknown>)[OUTCOME_GLOBAL];
  if (typeof raw !== "string") {
    // Nothing in the context can complete later (no timers, no I/O), so an unsettled promise never will.
    throw evalError(configPath, t("project.config.never-settled"));
  }
  return JSON.parse(raw) as Outcome;
}

function toAppConfig(configPath: string, stage: string, outcome: Outcome): SstAppConfig {
  if (outcome.kind === "threw") {
    const message = oneParagraph(outcome.message);
    throw evalError(
      configPath,
      outcome.phase === "app"
        ? t("project.config.app-threw", { stage, message })
        : t("project.config.top-level-threw", { message }),
    );
  }
  if (outcome.kind === "no-app") {
    throw new StatewardError(
      "SST_CONFIG_SHAPE",
      t("project.config.no-app", {
        file: configPath,
        call: "$config({ app() { … } })",
        exported: outcome.exported,
      }),
      { hint: shapeHint() },
    );
  }
  const fields = outcome.fields;
  if (!fields) {
    throw shapeError(configPath, t("project.config.not-object", { type: outcome.type, stage }));
  }
  if (!fields.name) {
    const got = fields.name === "" ? t("project.config.empty-string") : fields.nameType;
    throw shapeError(configPath, t("project.config.no-name", { stage, got }));
  }
  if (!fields.home) {
    // SST refuses a config without home as well; guessing "aws" could point stateward at the wrong place.
    const got = fields.home === "" ? t("project.config.empty-string") : fields.homeType;
    throw shapeError(configPath, t("project.config.no-home", { stage, got }));
  }
  const config: SstAppConfig = {
    configPath,
    root: path.dirname(configPath),
    name: fields.name,
    home: fields.home,
    awsProvider: fields.awsProvider,
  };
  if (fields.removal) config.removal = fields.removal;
  if (fields.protect === true) config.protect = true;
  if (fields.region) config.region = fields.region;
  if (fields.profile) config.profile = fields.profile;
  return config;
}

function evalError(configPath: string, detail: string): StatewardError {
  return new StatewardError(
    "SST_CONFIG_EVAL",
    t("project.config.eval-failed", { file: configPath, detail }),
    {
      hint: skipHint(),
    },
  );
}

function shapeError(configPath: string, detail: string): StatewardError {
  return new StatewardError("SST_CONFIG_SHAPE", `${configPath}: ${detail}.`, { hint: shapeHint() });
}

/** A thrown message may span lines or be huge; the CLI prints one paragraph. */
function oneParagraph(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, " ").trim();
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat;
}

function isTimeout(e: unknown): boolean {
  return (
    typeof e === "object" && e !== null && (e as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT"
  );
}

function isMissing(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** Messages only, never stacks; `typeof` rather than instanceof because errors may come from the context. */
function errorText(e: unknown): string {
  const message = typeof e === "object" && e !== null ? (e as { message?: unknown }).message : undefined;
  return oneParagraph(typeof message === "string" && message ? message : String(e));
}
