/** stateward as a library: every command is also a function that returns data and never prints. */
export * from "./state/index.js";
export * from "./errors.js";
export * from "./actions/state.js";
export { loadStateFile, writeStateFile } from "./backends/file.js";
export { parseState, serializeState } from "./backends/encoding.js";
export { VERSION } from "./version.js";
