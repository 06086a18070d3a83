/** The cloud layer: drivers' outcomes and errors, the deletion gate, inventory, clients. */
import { defineMessages } from "../types.js";

export const cloud = defineMessages({});
