/** Reading the project: sst.config.ts, Pulumi.yaml. */
import { defineMessages } from "../types.js";

export const project = defineMessages({});
