/** guard, notify and the audit log. */
import { defineMessages } from "../types.js";

export const guard = defineMessages({});
