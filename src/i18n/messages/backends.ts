/** Backends: homes, stores, safe writes, locks, stages, history reads. */
import { defineMessages } from "../types.js";

export const backends = defineMessages({});
