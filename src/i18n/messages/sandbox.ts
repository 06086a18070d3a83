/** The local cloud's command (stateward sandbox) and its scenarios' printed lines. */
import { defineMessages } from "../types.js";

export const sandbox = defineMessages({});
