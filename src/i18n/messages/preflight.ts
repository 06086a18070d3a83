/** preflight: plans, predicted names, blockers. */
import { defineMessages } from "../types.js";

export const preflight = defineMessages({});
