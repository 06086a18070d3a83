/** history: list, show, diff, restore, snapshot, backup, export. */
import { defineMessages } from "../types.js";

export const history = defineMessages({});
