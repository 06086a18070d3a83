import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:ui`: the `stateward ui` page in a real browser (Debian's chromium driven by
 * playwright-core; no browser is downloaded). Not part of `npm test`: a fresh machine has no browser,
 * and these files are named `*.e2e.ts`, which the main config's `*.test.ts` never matches. Without a
 * browser the tests fail with a message saying how to install one; they never skip.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/ui/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
