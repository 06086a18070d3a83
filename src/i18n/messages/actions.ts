/** Actions: what each command's library call says and refuses. */
import { defineMessages } from "../types.js";

export const actions = defineMessages({});
