import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:interop`: the real SST CLI against the local cloud. Not part of `npm test`: these
 * files are named `*.interop.ts`, which the main config's `*.test.ts` never matches. Each file
 * starts its own HTTPS sandbox and runs SST and stateward as processes.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/interop/**/*.interop.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
