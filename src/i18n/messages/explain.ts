/** explain: causes, advice, situations, foreign tools. */
import { defineMessages } from "../types.js";

export const explain = defineMessages({});
