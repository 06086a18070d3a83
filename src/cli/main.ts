#!/usr/bin/env node
// First, before any AWS SDK module loads: no dependency notices reach the user (quiet.ts).
import "./quiet.js";
import { processIO } from "./io.js";
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2), processIO());
