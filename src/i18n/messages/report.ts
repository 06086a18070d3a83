/** Reporters: what each command prints on a terminal and in Markdown. */
import { defineMessages } from "../types.js";

export const report = defineMessages({});
