/** What doctor's rules report: evidence, cause and fix of each finding. */
import { defineMessages } from "../types.js";

export const rules = defineMessages({});
