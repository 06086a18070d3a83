/** Each kind's words: labels, replace-forcing differences, advice. */
import { defineMessages } from "../types.js";

export const kinds = defineMessages({});
