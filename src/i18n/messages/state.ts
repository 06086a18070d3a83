/** The state engine: shape, integrity, edits, repair, codec errors. */
import { defineMessages } from "../types.js";

export const state = defineMessages({});
