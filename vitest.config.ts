import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The CLI tests spawn the built binary; give them room on a 2-core machine.
    testTimeout: 30_000,
    pool: "forks",
    // Two files at a time: vitest's default on a 2-core machine is one (cores − 1), but most files wait
    // on the built CLI or a local HTTP server as much as they compute.
    maxWorkers: 2,
    // The SDK's "Node 22 will be required" notice is not what the tests are about.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
