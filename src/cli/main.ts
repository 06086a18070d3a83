#!/usr/bin/env node
// The AWS SDK warns on every Node 20 process that its future releases will need Node 22; stateward
// supports Node 20 and prints only what it means to (ARCHITECTURE.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
import { processIO } from "./io.js";
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2), processIO());
