/** `stateward explain`: what a failed deploy's log says about the stage's state, and how to fix it. */
export { explainLog } from "./recognise.js";
export type { ExplainResult, Problem, ProblemKind, ProblemResource } from "./recognise.js";
export { fullType, parseUrn, shortToFull } from "./resources.js";
export { decodeLog, logTooLargeError, MAX_LOG_BYTES } from "./input.js";
export type { Cause, CauseId, Tool } from "./types.js";
export { decide, decideAll, type Decision } from "./situation.js";
