/**
 * The CLI prints only what it means to (ARCHITECTURE.md): no dependency notices. Imported first by the
 * CLI entry, so it runs before any AWS SDK module loads and before anything can emit a warning.
 *
 * - The AWS SDK's Node-version notice ("…will require node >=22…") is switched off the way the SDK
 *   offers, whatever the environment says (an empty or other value would let it through).
 * - Every process warning (DeprecationWarning such as punycode's, ExperimentalWarning, the SDK's
 *   notices, MaxListenersExceededWarning) is a notice from the runtime or a dependency: stateward
 *   itself never emits one. Node's printer is replaced by one that prints them only with --debug.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const debug = process.argv.slice(2).includes("--debug");
for (const listener of process.listeners("warning")) process.removeListener("warning", listener);
process.on("warning", (warning: Error) => {
  if (debug) process.stderr.write(`(debug) ${warning.name}: ${warning.message}\n`);
});

export {};
