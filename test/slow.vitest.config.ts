import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:slow`: the tests that take long by design, run by CI beside `npm test` and named
 * `*.slow.ts` (which the main config's `*.test.ts` never matches): processes of the built CLI killed
 * at every step of a write, endpoints that never answer (each waits out a real timeout), and thousands
 * of generated bad inputs.
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/**/*.slow.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
