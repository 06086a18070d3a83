import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", ".bench-build/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-imports": "off",
    },
  },
  {
    // One deletion gate: only src/cloud/deletion-gate.ts issues the permits handlers' deletes require.
    files: ["**/*.ts"],
    ignores: ["src/cloud/deletion-gate.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/permit.js", "**/permit"],
              importNames: ["issuePermit"],
              message: "Only the deletion gate (src/cloud/deletion-gate.ts) issues deletion permits.",
            },
          ],
        },
      ],
    },
  },
  {
    // Explain reads logs as given: no file system, no process, no AWS (ARCHITECTURE.md).
    files: ["src/explain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["node:fs", "fs", "node:fs/promises", "node:process", "process", "node:child_process"],
          patterns: ["@aws-sdk/*"],
        },
      ],
      "no-restricted-globals": ["error", "process"],
    },
  },
  {
    // The pure layers (ARCHITECTURE.md): functions of data. No node: module, no process, no AWS SDK,
    // nothing from cloud/ (AWS calls) or backends/ (state storage). src/kinds has its own block below.
    files: ["src/state/**/*.ts", "src/rules/**/*.ts", "src/repair/**/*.ts"],
    ignores: ["src/state/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["fs", "fs/promises", "process", "child_process", "zlib", "crypto", "path", "os"],
          patterns: [
            { group: ["node:*", "@aws-sdk/*"], message: "A pure layer: no node: modules, no AWS SDK." },
            {
              group: ["**/cloud/**", "**/backends/**"],
              message: "A pure layer: what calls AWS or touches storage lives in cloud/ and backends/.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "process"],
    },
  },
  {
    // Kinds are pure knowledge: no node: modules, no process, no AWS SDK, nothing from cloud/ or backends/.
    files: ["src/kinds/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["fs", "process", "child_process"],
          patterns: [
            { group: ["node:*", "@aws-sdk/*"], message: "src/kinds is pure: no node: modules, no AWS SDK." },
            {
              group: ["**/cloud/**", "**/backends/**"],
              message: "src/kinds is pure: what calls AWS or touches storage lives in cloud/ and backends/.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "process"],
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
);
